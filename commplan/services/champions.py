"""Harmonisation champions: the team names them, each gives an update once a quarter in a
guided dialogue, and the clock asks the ones who have not.

An update is stored once per message (a retried message stores nothing twice); a second
update in the same quarter replaces the first, which is kept, marked replaced.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from commplan.champions import (
    CHAMPION_ASK,
    UPDATE_DRAFT,
    Champion,
    ChampionsSection,
    ChampionUpdate,
    Quarter,
    latest_by_person,
    nothing_said,
)
from commplan.errors import InvalidInput, NotFound
from commplan.organisations import OrgType
from commplan.orgmatch import resolve_organisation
from commplan.people import Directory, Person, normalise_name
from commplan.permissions import require_team
from commplan.ports import Claim, Repositories, UnitOfWork

CHAMPIONS_ARE_THE_TEAMS = "Only the harmonisation team can name champions."
NOT_A_CHAMPION = (
    "You are not a harmonisation champion. The team can make you one: "
    "'make NAME champion for ORGANISATION'."
)


@dataclass(frozen=True, kw_only=True)
class Appointed:
    """A champion named: ``moved_from`` the organisation they championed before ("" if none,
    the same name when nothing changed); ``person_organisation`` what their own record says
    when it names another organisation."""

    champion: Champion
    moved_from: str = ""
    person_organisation: str = ""
    in_directory: bool = True


def appoint(
    uow: UnitOfWork, *, by: Person | None, name: str, organisation: str, at: datetime
) -> Appointed:
    """Make someone champion for an organisation (a directory name when it is one)."""
    require_team(by, CHAMPIONS_ARE_THE_TEAMS)
    with uow as repos:
        person = _person(repos, name)
        match = resolve_organisation(organisation, repos.organisations.all())
        if match.ambiguous:
            names = "; ".join(c.name for c in match.candidates)
            raise InvalidInput(f"Which organisation do you mean: {names}?")
        if not match.name:
            raise InvalidInput("Name the organisation: make NAME champion for ORGANISATION.")
        before = repos.champions.get(person.id)
        repos.champions.appoint(person.id, match.name, at)
        own = person.organisation
        if not own:
            # A champion is someone with an organisation: theirs is the one they champion.
            repos.people.save(replace(person, organisation=match.name))
        elif resolve_organisation(own, repos.organisations.all()).name == match.name:
            own = ""
        champion = repos.champions.get(person.id) or Champion(
            person_id=person.id, person=person.name, organisation=match.name, since=at
        )
        repos.commit()
    return Appointed(
        champion=champion,
        moved_from=before.organisation if before else "",
        person_organisation=own,
        in_directory=match.known,
    )


def stand_down(uow: UnitOfWork, *, by: Person | None, name: str) -> Champion:
    """Someone is no longer a champion; their updates stay in the record."""
    require_team(by, CHAMPIONS_ARE_THE_TEAMS)
    with uow as repos:
        person = _person(repos, name)
        champion = repos.champions.get(person.id)
        if champion is None:
            raise InvalidInput(f"{person.name} is not a champion.")
        repos.champions.remove(person.id)
        repos.commit()
    return champion


@dataclass(frozen=True, kw_only=True)
class Listed:
    champion: Champion
    last: ChampionUpdate | None


def champions_list(uow: UnitOfWork) -> list[Listed]:
    """Every champion with their latest update, by organisation."""
    with uow as repos:
        latest = latest_by_person(repos.champions.updates())
        return [Listed(champion=c, last=latest.get(c.person_id)) for c in repos.champions.all()]


@dataclass(frozen=True, kw_only=True)
class UpdateStep:
    """Where an update dialogue stands: ``waiting`` for "harmonised" or "blocked", or ""
    once ``stored``. ``earlier`` is the update of the same quarter this one replaces;
    ``duplicate`` is a retried message that stored nothing."""

    champion: Champion
    quarter: Quarter
    waiting: str = ""
    stored: ChampionUpdate | None = None
    earlier: ChampionUpdate | None = None
    duplicate: bool = False


def start_update(
    uow: UnitOfWork,
    *,
    person: Person | None,
    quarter: Quarter,
    conversation_key: str,
    at: datetime,
) -> UpdateStep:
    """Begin a champion's update for a quarter: the dialogue waits for what was harmonised."""
    with uow as repos:
        champion = _champion(repos, person)
        earlier = _current(repos, champion, quarter)
        draft = {"kind": UPDATE_DRAFT, "waiting": "harmonised", "quarter": quarter.key}
        repos.drafts.put(conversation_key, draft, at)
        repos.commit()
    return UpdateStep(champion=champion, quarter=quarter, waiting="harmonised", earlier=earlier)


def answer_update(
    uow: UnitOfWork,
    *,
    person: Person | None,
    draft: Mapping[str, str],
    text: str,
    message_key: str,
    conversation_key: str,
    at: datetime,
) -> UpdateStep:
    """Take the answer the dialogue waits for; after "is anything blocked?" store the update.

    The update's key is the message that completed it, so a retried message stores nothing.
    """
    quarter = Quarter.parse(draft.get("quarter", ""))
    answer = " ".join(text.split())
    with uow as repos:
        champion = repos.champions.get(person.id) if person is not None else None
        if champion is None:
            repos.drafts.clear(conversation_key)
            repos.commit()
            raise InvalidInput(NOT_A_CHAMPION)
        earlier = _current(repos, champion, quarter)
        if draft.get("waiting") != "blocked":
            if not answer:
                raise InvalidInput("What has your organisation harmonised this quarter?")
            waiting = {"waiting": "blocked", "harmonised": answer, "answer_key": message_key}
            repos.drafts.put(conversation_key, {**draft, **waiting}, at)
            repos.commit()
            return UpdateStep(
                champion=champion, quarter=quarter, waiting="blocked", earlier=earlier
            )
        if message_key == draft.get("answer_key"):
            # The first answer delivered again: it is not the answer to "is anything blocked?".
            return UpdateStep(
                champion=champion, quarter=quarter, waiting="blocked", earlier=earlier
            )
        update = ChampionUpdate(
            person_id=champion.person_id,
            person=champion.person,
            organisation=champion.organisation,
            quarter=quarter.key,
            harmonised=draft.get("harmonised", ""),
            blocked="" if nothing_said(answer) else answer,
            at=at,
            key=f"champion:{message_key}"[:300],
        )
        added = repos.champions.add_update(update)
        repos.drafts.clear(conversation_key)
        repos.commit()
    return UpdateStep(
        champion=champion,
        quarter=quarter,
        stored=update,
        earlier=earlier if added else None,
        duplicate=not added,
    )


@dataclass(frozen=True, kw_only=True)
class ToAsk:
    """A champion with no update for the quarter yet, and the person to send the ask to."""

    champion: Champion
    person: Person
    quarter: Quarter

    @property
    def claim(self) -> Claim:
        """Once per champion per quarter: a rerun of the ask sends nothing twice."""
        return Claim(
            key=f"champion-ask:{self.quarter.key}:{self.champion.person_id}",
            kind=CHAMPION_ASK,
            person=self.person.name,
            item=self.quarter.key,
        )


def champions_to_ask(uow: UnitOfWork, quarter: Quarter) -> list[ToAsk]:
    """The champions who have not given an update for the quarter."""
    with uow as repos:
        section = champions_in(repos, quarter)
        people = {p.id: p for p in repos.people.all()}
    return [
        ToAsk(champion=c, person=people[c.person_id], quarter=quarter)
        for c in section.missing
        if c.person_id in people
    ]


def champions_section(uow: UnitOfWork, quarter: Quarter) -> ChampionsSection:
    """A quarter's updates, the champions without one and organisations without a champion."""
    with uow as repos:
        return champions_in(repos, quarter)


def champions_in(repos: Repositories, quarter: Quarter) -> ChampionsSection:
    """:func:`champions_section` inside an open unit (the pack's and the digest's)."""
    champions = repos.champions.all()
    updates = tuple(repos.champions.updates(quarter.key))
    updated = {u.person_id for u in updates}
    championed = {c.organisation for c in champions}
    directory = repos.organisations.all()
    # Central government first: departments are where champions are expected.
    kinds = list(OrgType)
    without = sorted(
        (o for o in directory if o.name not in championed),
        key=lambda o: (kinds.index(o.org_type) if o.org_type else len(kinds), o.name.lower()),
    )
    return ChampionsSection(
        quarter=quarter,
        updates=tuple(sorted(updates, key=lambda u: (u.organisation, u.person))),
        missing=tuple(c for c in champions if c.person_id not in updated),
        without_champion=tuple(o.name for o in without),
        directory_size=len(directory),
    )


def _current(repos: Repositories, champion: Champion, quarter: Quarter) -> ChampionUpdate | None:
    found = [u for u in repos.champions.updates(quarter.key) if u.person_id == champion.person_id]
    return found[-1] if found else None


def _champion(repos: Repositories, person: Person | None) -> Champion:
    champion = repos.champions.get(person.id) if person is not None else None
    if champion is None:
        raise InvalidInput(NOT_A_CHAMPION)
    return champion


def _person(repos: Repositories, name: str) -> Person:
    directory = Directory(people=repos.people.all(), groups=())
    person = directory.person(name)
    if person is None:
        # A first name alone ("Nadia") when only one person has it.
        key = normalise_name(name)
        firsts = [p for p in directory.people if normalise_name(p.name).split(" ")[0] == key]
        person = firsts[0] if len(firsts) == 1 and " " not in key else None
    if person is None:
        raise NotFound("person", f"called {name!r}: add them first with 'add person NAME, EMAIL'")
    return person
