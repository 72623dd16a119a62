"""Contacts the team edits, deletes and restores by number, with a history of who did what:
on every implementation of the repositories."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from commplan.contacts import ChangeKind, Channel, Contact, ContactChange, contact_record
from commplan.erasure import Erasure
from commplan.errors import NotFound
from commplan.ports import UnitOfWorkFactory

AT = datetime(2026, 7, 6, 9, 30, tzinfo=UTC)


def _logged(uow_factory: UnitOfWorkFactory, *contacts: Contact) -> list[Contact]:
    with uow_factory() as uow:
        for contact in contacts:
            uow.contacts.add(contact)
        uow.commit()
        return uow.contacts.all()


def test_a_contact_is_found_and_updated_by_its_number_keeping_its_source(
    uow_factory: UnitOfWorkFactory,
) -> None:
    jane = Contact(on=date(2026, 7, 1), channel=Channel.EVENT, name="Jane", summary="ethnicity")
    ann = Contact(on=date(2026, 7, 2), channel=Channel.INBOX, name="Ann", source_ref="<m@x>")
    first, second = _logged(uow_factory, jane, ann)
    assert first.id and second.id and first.id != second.id
    key = first.source_ref
    with uow_factory() as uow:
        assert uow.contacts.by_id(first.id) == first
        assert uow.contacts.by_id(first.id + second.id + 100) is None
        # A new date and summary change the hash a key-less contact was logged under; the
        # stored key stays, so the same contact cannot be logged again beside it.
        uow.contacts.update(replace(first, on=date(2026, 6, 30), summary="religion"))
        with pytest.raises(NotFound):
            uow.contacts.update(replace(first, id=first.id + second.id + 100))
        uow.commit()
    with uow_factory() as uow:
        edited = uow.contacts.by_id(first.id)
        assert edited is not None
        assert (edited.on, edited.summary, edited.source_ref) == (
            date(2026, 6, 30),
            "religion",
            key,
        )
        assert uow.contacts.add(jane) is False


def test_a_deleted_contact_comes_back_under_its_number_and_numbers_are_not_reused(
    uow_factory: UnitOfWorkFactory,
) -> None:
    (only,) = _logged(uow_factory, Contact(on=date(2026, 7, 1), channel=Channel.PHONE, name="Jo"))
    with uow_factory() as uow:
        assert uow.contacts.delete(only.id) is True
        assert uow.contacts.delete(only.id) is False
        uow.commit()
    later = _logged(uow_factory, Contact(on=date(2026, 7, 3), channel=Channel.CHAT, name="Al"))
    assert [c.id for c in later] != [only.id]  # the deleted number is never given again
    with uow_factory() as uow:
        assert uow.contacts.restore(only) is True
        assert uow.contacts.restore(only) is False
        uow.commit()
    with uow_factory() as uow:
        assert uow.contacts.by_id(only.id) == only
        assert len(uow.contacts.all()) == 2


def test_history_is_kept_in_order_and_outlives_a_deletion(uow_factory: UnitOfWorkFactory) -> None:
    (jo,) = _logged(
        uow_factory,
        Contact(on=date(2026, 7, 1), channel=Channel.PHONE, name="Jo", email="jo@x.org"),
    )
    edit = ContactChange(
        contact_id=jo.id,
        at=AT,
        by="Becki Aquilina",
        kind=ChangeKind.EDITED,
        field="standard",
        before="",
        after="Ethnicity harmonised standard",
    )
    gone = ContactChange(
        contact_id=jo.id,
        at=AT.replace(hour=10),
        by="Palvi Shah",
        kind=ChangeKind.DELETED,
        before=contact_record(jo),
    )
    with uow_factory() as uow:
        uow.contacts.record(gone)
        uow.contacts.record(edit)
        uow.contacts.delete(jo.id)
        uow.commit()
    with uow_factory() as uow:
        assert uow.contacts.history(jo.id) == [edit, gone]
        assert uow.contacts.history(jo.id + 1) == []


def test_erasing_a_person_erases_their_history_too(uow_factory: UnitOfWorkFactory) -> None:
    jo, al = _logged(
        uow_factory,
        Contact(on=date(2026, 7, 1), channel=Channel.PHONE, name="Jo", email="Jo@x.org"),
        Contact(on=date(2026, 7, 2), channel=Channel.PHONE, name="Al", email="al@y.org"),
    )
    with uow_factory() as uow:
        for contact in (jo, al):
            uow.contacts.record(
                ContactChange(
                    contact_id=contact.id,
                    at=AT,
                    by="Becki Aquilina",
                    kind=ChangeKind.EDITED,
                    field="summary",
                    before="",
                    after="asked about tenure",
                )
            )
        uow.commit()
    with uow_factory() as uow:
        assert uow.contacts.erase_person(Erasure.of("jo@X.org", names=["Jo"])) == 1
        uow.commit()
    with uow_factory() as uow:
        (erased,) = uow.contacts.history(jo.id)
        assert (erased.before, erased.after) == ("", "")  # what she asked about is gone too
        assert uow.contacts.history(al.id)[0].after == "asked about tenure"
        assert uow.contacts.strip_before(date(2026, 7, 3)) == 1
        uow.commit()
    with uow_factory() as uow:
        (stripped,) = uow.contacts.history(al.id)
        assert (stripped.before, stripped.after) == ("", "")
