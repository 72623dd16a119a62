"""Claim keys and kinds: people named by id once they have one, one spelling for each kind."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from adapters.calendar import uk_working_days
from commplan.claims import ClaimKind
from commplan.nudges import (
    ItemType,
    Kind,
    Nudge,
    due_nudges,
    nudge_claim,
    person_key,
    unreachable_claim,
)
from commplan.people import Directory, Person
from commplan.plan import DueWindow, Phase, Tactic
from tests.conftest import LONDON

# Thursday 10 September 2026: a week before the tactic's window opens.
NOW = datetime(2026, 9, 10, 9, 30, tzinfo=LONDON)


@dataclass(frozen=True, kw_only=True)
class NumberedPerson(Person):
    """A person as the storage will give them once people have ids."""

    id: int = 0


def tactic() -> Tactic:
    start = date(2026, 9, 17)
    return Tactic(
        plan_year=2026,
        number=20,
        name="GSS conference",
        phase=Phase.Q3,
        timing="x",
        window=DueWindow(start=start, end=start),
        owners=("Pete Brodie",),
    )


def keys_for(pete: Person) -> list[str]:
    found = due_nudges(
        tactics=[tactic()],
        actions=[],
        standards=[],
        directory=Directory(people=[pete], groups=[]),
        now=NOW,
        calendar=uk_working_days(),
    )
    return [n.key for n in found]


def test_a_person_without_an_id_is_keyed_by_name() -> None:
    assert person_key(Person(name="Pete Brodie")) == "Pete Brodie"
    assert person_key(NumberedPerson(name="Pete Brodie")) == "Pete Brodie"
    assert keys_for(Person(name="Pete Brodie")) == ["tactic:2026/20:before7:2026-09-17:Pete Brodie"]


def test_a_person_with_an_id_keeps_their_keys_when_renamed() -> None:
    pete = NumberedPerson(name="Pete Brodie", id=42)
    assert person_key(pete) == "42"
    assert keys_for(pete) == ["tactic:2026/20:before7:2026-09-17:42"]
    # Renamed (and the owners' list with him): the nudge is the one already claimed.
    renamed = replace(pete, name="Peter Brodie")
    found = due_nudges(
        tactics=[replace(tactic(), owners=("Peter Brodie",))],
        actions=[],
        standards=[],
        directory=Directory(people=[renamed], groups=[]),
        now=NOW,
        calendar=uk_working_days(),
    )
    assert [n.key for n in found] == keys_for(pete)


def test_every_nudge_kind_claims_under_its_own_spelling() -> None:
    pete = Person(name="Pete Brodie")
    for kind in Kind:
        nudge = Nudge(
            key="k",
            person=pete,
            item_type=ItemType.TACTIC,
            item="2026/20",
            item_name="x",
            kind=kind,
        )
        claim = nudge_claim(nudge)
        assert isinstance(claim.kind, ClaimKind) and claim.kind == kind.value
        assert (claim.person, claim.item) == ("Pete Brodie", "2026/20")
    team = Nudge(
        key="t", person=None, item_type=ItemType.INBOX, item="q1", item_name="x", kind=Kind.DUE
    )
    assert nudge_claim(team).person == "team"


def test_an_unreachable_owner_is_claimed_per_person_and_item() -> None:
    pete = NumberedPerson(name="Pete Brodie", id=42)
    before, due = (
        Nudge(
            key=f"tactic:2026/20:{kind}:42",
            person=pete,
            item_type=ItemType.TACTIC,
            item="2026/20",
            item_name="GSS conference",
            kind=kind,
        )
        for kind in (Kind.BEFORE, Kind.DUE)
    )
    claim = unreachable_claim(before)
    assert claim.key == "unreachable:42:tactic:2026/20" == unreachable_claim(due).key
    assert (claim.kind, claim.person) == (ClaimKind.UNREACHABLE, "Pete Brodie")


def test_each_kind_is_spelt_once() -> None:
    values = [kind.value for kind in ClaimKind]
    assert len(values) == len(set(values))
    assert all(value == value.lower() and "-" not in value for value in values)
