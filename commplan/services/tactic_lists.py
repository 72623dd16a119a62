"""The plan's chat lists (overdue, due, by phase, by owner, a search): one page of tactics
and how many match, counted and filtered by the store rather than read whole."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from commplan.paging import CHAT_ROWS, Page
from commplan.people import Directory, Person
from commplan.plan import Tactic
from commplan.ports import UnitOfWork
from commplan.services.plan import current_year
from commplan.tactic_lists import TacticQuery


@dataclass(frozen=True, kw_only=True)
class TacticList:
    """A page of the plan in use (``year``)."""

    year: int
    page: Page[Tactic]


def tactic_page(
    uow: UnitOfWork,
    today: date,
    query: Callable[[int], TacticQuery],
    *,
    limit: int = CHAT_ROWS,
) -> TacticList:
    """The first ``limit`` tactics of the plan in use that ``query(year)`` keeps."""
    with uow as repos:
        year = current_year(repos, today)
        return TacticList(year=year, page=repos.tactics.page(query(year), limit=limit))


#: Given the directory and every owner name the plan writes, the names a list wants.
OwnerNames = Callable[[Directory, set[str]], frozenset[str]]


def owned_page(
    uow: UnitOfWork,
    today: date,
    owners: OwnerNames,
    query: Callable[[int, frozenset[str]], TacticQuery],
    *,
    limit: int = CHAT_ROWS,
) -> TacticList:
    """A page of tactics owned by the names ``owners`` picks from those the plan writes."""
    with uow as repos:
        year = current_year(repos, today)
        directory = Directory(people=repos.people.all(), groups=repos.groups.all())
        names = owners(directory, repos.tactics.owner_names(year))
        return TacticList(year=year, page=repos.tactics.page(query(year, names), limit=limit))


def names_of_person(person: Person) -> OwnerNames:
    """The owner names that mean this person: their own, and every group they are in."""

    def pick(directory: Directory, written: set[str]) -> frozenset[str]:
        return frozenset(o for o in written if directory.is_owner(person, (o,)))

    return pick


def names_meaning(name: str) -> OwnerNames:
    """The owner names a name typed in chat means: the person's full name and groups, a
    group's every spelling in the plan, or (for a first name alone) the one person it can
    mean; otherwise the name as typed."""

    def pick(directory: Directory, written: set[str]) -> frozenset[str]:
        person = directory.person(name)
        if person is None:
            first = [p for p in directory.people if p.name.lower().split()[0] == name.lower()]
            person = first[0] if len(first) == 1 else None
        if person is not None:
            return frozenset(o for o in written if directory.is_owner(person, (o,)))
        group = directory.group(name)
        if group is None:
            return frozenset({name})
        # Every way the plan writes the group: "The harmonisation team", "Harmonisation team".
        return frozenset({o for o in written if directory.group(o) == group} | {group.name})

    return pick
