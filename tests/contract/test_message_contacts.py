"""A chat message logged as a contact through a form (Slack's "Log as contact"), on every
implementation of the repositories: the prefill, who may do it, and one contact per message."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from commplan.errors import NotAllowed
from commplan.organisations import Organisation, OrgType, UserGroup
from commplan.people import Person, Role
from commplan.ports import UnitOfWorkFactory
from commplan.ranking import StandardsIndex
from commplan.services.contacts import (
    ChatMessage,
    ChatUser,
    MessageContact,
    draft_from_message,
    log_from_message,
)
from commplan.services.turns import message_claim
from tests.eval.catalogue import load_sample_standards

AT = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
ETHNICITY = "Ethnicity harmonised standard"
BECKI = ChatUser(platform="slack", user_id="UBECKI", name="Becki A.")
PETE = ChatUser(platform="slack", user_id="UPETE", name="Pete Brodie")


@pytest.fixture(scope="module")
def standards() -> StandardsIndex:
    return StandardsIndex.build(load_sample_standards())


@pytest.fixture
def directory(uow_factory: UnitOfWorkFactory) -> UnitOfWorkFactory:
    with uow_factory() as uow:
        uow.people.add(Person(name="Becki Aquilina", role=Role.ADMIN, slack_id="UBECKI"))
        uow.people.add(Person(name="Pete Brodie", slack_id="UPETE"))
        uow.people.add(
            Person(name="Emma Wright", email="emma.wright@ons.gov.uk", organisation="ONS")
        )
        uow.organisations.add(
            Organisation(
                name="Leeds City Council",
                org_type=OrgType.LOCAL_GOVERNMENT,
                user_group=UserGroup.SUB_NATIONAL,
                domains=("leeds.gov.uk",),
            )
        )
        uow.organisations.add(
            Organisation(
                name="Office for National Statistics (ONS)",
                org_type=OrgType.CENTRAL_GOVERNMENT,
                user_group=UserGroup.OTHER_GOVERNMENT,
                domains=("ons.gov.uk",),
            )
        )
        uow.commit()
    return uow_factory


def _message(author: ChatUser, text: str = "is there a standard for ethnicity?") -> ChatMessage:
    return ChatMessage(
        source_ref="slack:shortcut:C1:1790000000.000100",
        on=date(2026, 9, 1),
        author=author,
        text=text,
    )


def test_the_form_is_prefilled_from_the_chat_the_email_and_the_catalogue(
    directory: UnitOfWorkFactory, standards: StandardsIndex
) -> None:
    jane = ChatUser(
        platform="slack", user_id="UJANE", name="Jane Smith", email="jane.smith@leeds.gov.uk"
    )
    draft = draft_from_message(directory(), _message(jane), asker=BECKI, standards=standards, at=AT)
    assert draft == MessageContact(
        source_ref="slack:shortcut:C1:1790000000.000100",
        on=date(2026, 9, 1),
        name="Jane Smith",
        email="jane.smith@leeds.gov.uk",
        organisation="Leeds City Council",
        org_type=OrgType.LOCAL_GOVERNMENT,
        user_group=UserGroup.SUB_NATIONAL,
        standard=ETHNICITY,
        summary="is there a standard for ethnicity?",
    )


def test_an_author_the_directory_knows_by_email_is_named_and_linked(
    directory: UnitOfWorkFactory, standards: StandardsIndex
) -> None:
    emma = ChatUser(platform="slack", user_id="UEMMA", name="emma", email="emma.wright@ons.gov.uk")
    draft = draft_from_message(
        directory(), _message(emma, "hello"), asker=BECKI, standards=standards, at=AT
    )
    assert draft is not None
    # The directory's name; "ONS" as recorded for her meets the directory's entry.
    assert (draft.name, draft.organisation) == (
        "Emma Wright",
        "Office for National Statistics (ONS)",
    )
    assert draft.org_type is OrgType.CENTRAL_GOVERNMENT
    assert draft.standard == ""
    with directory() as uow:
        assert uow.people.find(slack_id="UEMMA") is not None


def test_a_repeated_request_gets_no_second_form(
    directory: UnitOfWorkFactory, standards: StandardsIndex
) -> None:
    def ask() -> MessageContact | None:
        return draft_from_message(
            directory(),
            _message(PETE),
            asker=BECKI,
            standards=standards,
            at=AT,
            request_key="slack:trigger-1",
        )

    assert ask() is not None
    assert ask() is None
    # The same claim a chat message of that id would take: one id is one request.
    with directory() as uow:
        assert uow.claims.claimed({message_claim("slack:trigger-1")})


def test_only_the_team_may_open_the_form(
    directory: UnitOfWorkFactory, standards: StandardsIndex
) -> None:
    with pytest.raises(NotAllowed, match="personal data"):
        draft_from_message(
            directory(), _message(BECKI), asker=PETE, standards=standards, at=AT, request_key="k"
        )
    with directory() as uow:
        assert not uow.claims.claimed({message_claim("k")})


def _form(**fields: object) -> MessageContact:
    values: dict[str, object] = {
        "source_ref": "slack:shortcut:C1:1790000000.000200",
        "on": date(2026, 9, 1),
        "name": "Jane Smith",
        **fields,
    }
    return MessageContact(**values)  # type: ignore[arg-type]


def test_a_submitted_form_is_logged_once_with_the_directorys_organisation(
    directory: UnitOfWorkFactory, standards: StandardsIndex
) -> None:
    form = _form(organisation="leeds city council", standard="ethnicity", summary="a question")
    logged = log_from_message(directory(), form, by=BECKI, standards=standards)
    assert logged.added
    contact = logged.contact
    assert contact.organisation == "Leeds City Council"
    # Left empty in the form, so the directory's.
    assert (contact.org_type, contact.user_group) == (
        OrgType.LOCAL_GOVERNMENT,
        UserGroup.SUB_NATIONAL,
    )
    assert (contact.standard, logged.unknown_topic) == (ETHNICITY, "")

    again = log_from_message(directory(), form, by=BECKI, standards=standards)
    assert not again.added
    with directory() as uow:
        assert [c.source_ref for c in uow.contacts.all()] == [form.source_ref]


def test_what_the_form_says_wins_and_an_unknown_topic_is_reported(
    directory: UnitOfWorkFactory, standards: StandardsIndex
) -> None:
    form = _form(
        organisation="Leeds City Council",
        org_type=OrgType.OTHER,
        standard="frobnication",
    )
    logged = log_from_message(directory(), form, by=BECKI, standards=standards)
    assert logged.contact.org_type is OrgType.OTHER
    assert logged.contact.user_group is UserGroup.SUB_NATIONAL
    assert (logged.contact.standard, logged.unknown_topic) == ("", "frobnication")


def test_only_the_team_may_log_a_form(
    directory: UnitOfWorkFactory, standards: StandardsIndex
) -> None:
    with pytest.raises(NotAllowed):
        log_from_message(directory(), _form(), by=PETE, standards=standards)
    with directory() as uow:
        assert uow.contacts.all() == []
