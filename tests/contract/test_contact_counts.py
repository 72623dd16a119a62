"""The counts the reports read stay a GROUP BY over the contacts, whatever is done to them.

The SQL repositories keep a rollup of contacts per day beside the log; the fake groups the
log itself. After any sequence of logging, editing, deleting, undoing, erasing, retention,
importing (and undoing the import) and refiling, every count must equal one made from the
contacts listed, on every implementation.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from itertools import count

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commplan.contacts import Channel, Contact, Direction
from commplan.erasure import Erasure
from commplan.organisations import Organisation, OrgType, UserGroup
from commplan.ports import ContactField, Repositories, UnitOfWorkFactory

FIELDS: tuple[ContactField, ...] = (
    "org_type",
    "user_group",
    "standard",
    "channel",
    "direction",
    "organisation",
    "month",
    "quarter",
)
START = date(2026, 1, 25)
PEOPLE = ("jane@leeds.gov.uk", "raj@ons.gov.uk", "")
ORGANISATIONS = ("Leeds City Council", "ONS", "")
_numbers = count(1)

contacts = st.builds(
    Contact,
    on=st.integers(0, 70).map(lambda d: START + timedelta(days=d)),
    channel=st.sampled_from(Channel),
    direction=st.sampled_from(Direction),
    email=st.sampled_from(PEOPLE),
    organisation=st.sampled_from(ORGANISATIONS),
    org_type=st.none() | st.sampled_from([OrgType.NHS, OrgType.MEDIA]),
    user_group=st.none() | st.sampled_from([UserGroup.CITIZEN]),
    standard=st.sampled_from(["", "Ethnicity", "Sex"]),
)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("log"), contacts),
        st.tuples(st.just("import"), contacts),
        st.tuples(st.just("edit"), contacts),
        st.tuples(st.just("delete"), st.integers(0, 30)),
        st.tuples(st.just("undo delete"), st.integers(0, 30)),
        st.tuples(st.just("undo import"), st.integers(0, 30)),
        st.tuples(st.just("erase"), st.sampled_from(PEOPLE[:2])),
        st.tuples(st.just("retention"), st.integers(0, 70)),
        st.tuples(st.just("refile"), st.sampled_from(ORGANISATIONS[:2])),
    ),
    max_size=25,
)


def _do(repos: Repositories, step: tuple[str, object], deleted: list[Contact]) -> None:
    what, arg = step
    stored = repos.contacts.all()
    if what in ("log", "import"):
        assert isinstance(arg, Contact)
        # An import logs by its file row's key; logging twice by that key is a no-op.
        ref = f"file:{next(_numbers) % 7}" if what == "import" else f"m{next(_numbers)}"
        repos.contacts.add(replace(arg, source_ref=ref))
    elif what == "edit" and stored:
        assert isinstance(arg, Contact)
        old = stored[len(stored) // 2]
        repos.contacts.update(replace(arg, id=old.id, source_ref=old.source_ref))
    elif what == "delete" and stored:
        assert isinstance(arg, int)
        gone = stored[arg % len(stored)]
        assert repos.contacts.delete(gone.id)
        deleted.append(gone)
    elif what == "undo delete" and deleted:
        assert isinstance(arg, int)
        repos.contacts.restore(deleted.pop(arg % len(deleted)))
    elif what == "undo import":
        imported = [c for c in stored if c.source_ref.startswith("file:")]
        if imported:
            assert isinstance(arg, int)
            repos.contacts.remove(imported[arg % len(imported)].source_ref)
    elif what == "erase":
        assert isinstance(arg, str)
        repos.contacts.erase_person(Erasure.of(arg))
    elif what == "retention":
        assert isinstance(arg, int)
        repos.contacts.strip_before(START + timedelta(days=arg))
    elif what == "refile":
        assert isinstance(arg, str)
        repos.contacts.refile(arg, Organisation(name="Renamed", org_type=OrgType.LOCAL_GOVERNMENT))


def _key(contact: Contact, by: ContactField) -> str:
    if by == "month":
        return f"{contact.on:%Y-%m}"
    if by == "quarter":
        return f"{contact.on.year}-Q{(contact.on.month - 1) // 3 + 1}"
    value = getattr(contact, by)
    return "" if value is None else str(value)


def _assert_counts_match_the_log(repos: Repositories, first: date, last: date) -> None:
    inside = repos.contacts.all(first, last)
    for by in FIELDS:
        expected = Counter(_key(c, by) for c in inside)
        assert repos.contacts.counts(by, first, last) == dict(expected), by
        by_day: dict[date, Counter[str]] = {}
        by_month: dict[str, Counter[str]] = {}
        for c in inside:
            by_day.setdefault(c.on, Counter())[_key(c, by)] += 1
            by_month.setdefault(f"{c.on:%Y-%m}", Counter())[_key(c, by)] += 1
        assert repos.contacts.counts_by_day(by, first, last) == {
            day: dict(n) for day, n in by_day.items()
        }, by
        assert repos.contacts.counts_by_month(by, first, last) == {
            month: dict(n) for month, n in by_month.items()
        }, by


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=steps, window=st.tuples(st.integers(0, 70), st.integers(0, 70)))
def test_counts_equal_a_group_by_over_the_log_after_any_changes(
    uow_factory: UnitOfWorkFactory,
    steps: list[tuple[str, object]],
    window: tuple[int, int],
) -> None:
    # The database outlives each example: the counts must stay right across all of them.
    deleted: list[Contact] = []
    with uow_factory() as uow:
        for step in steps:
            _do(uow, step, deleted)
        uow.commit()
    first, last = sorted(START + timedelta(days=d) for d in window)
    with uow_factory() as uow:
        _assert_counts_match_the_log(uow, START, START + timedelta(days=70))
        _assert_counts_match_the_log(uow, first, last)


def test_a_rolled_back_change_leaves_the_counts_as_they_were(
    uow_factory: UnitOfWorkFactory,
) -> None:
    logged = Contact(on=START, channel=Channel.CHAT, org_type=OrgType.NHS, source_ref="a")
    with uow_factory() as uow:
        uow.contacts.add(logged)
        uow.commit()
    with uow_factory() as uow:
        uow.contacts.add(replace(logged, source_ref="b"))
        uow.contacts.delete(uow.contacts.all()[0].id)
        uow.rollback()
    with uow_factory() as uow:
        assert uow.contacts.counts("org_type", START, START) == {"NHS": 1}
        assert uow.contacts.counts("month", START, START) == {"2026-01": 1}
