"""Harmonisation champions: people who speak for their organisation, and the progress update
each gives once a quarter (what was harmonised, what is blocked)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from commplan.baseline import Period
from commplan.errors import InvalidInput

#: The claim kind of the quarterly ask (one per champion per quarter).
CHAMPION_ASK = "champion_ask"
#: The kind of conversation draft that holds an update being given.
UPDATE_DRAFT = "champion_update"

_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*q([1-4])\s*$", re.I)


@dataclass(frozen=True, kw_only=True, order=True)
class Quarter:
    """A calendar quarter, the period champions report on (the evidence pack's quarters)."""

    year: int
    number: int

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(year=day.year, number=(day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """ "2026Q3" (or "2026-q3").

        Raises:
            InvalidInput: not a year and quarter.
        """
        found = _QUARTER.match(text)
        if found is None:
            raise InvalidInput(f"{text!r} is not a quarter: write it as 2026Q3")
        return cls(year=int(found.group(1)), number=int(found.group(2)))

    @property
    def key(self) -> str:
        """How it is stored and typed: "2026Q3"."""
        return f"{self.year}Q{self.number}"

    @property
    def label(self) -> str:
        """How it is read: "2026 Q3"."""
        return f"{self.year} Q{self.number}"

    @property
    def period(self) -> Period:
        first = date(self.year, 3 * self.number - 2, 1)
        after = date(self.year + (self.number == 4), (3 * self.number) % 12 + 1, 1)
        return Period(first=first, last=after - timedelta(days=1))


@dataclass(frozen=True, kw_only=True)
class Champion:
    """A person who champions harmonisation for an organisation (one organisation each)."""

    person_id: int
    person: str
    organisation: str
    since: datetime


@dataclass(frozen=True, kw_only=True)
class ChampionUpdate:
    """One champion's update for a quarter.

    ``key`` identifies the message that gave it, so a retried message stores nothing twice;
    ``replaced_at`` is set on an earlier update of the same champion and quarter when a later
    one replaces it (the earlier is kept, not lost).
    """

    person_id: int
    person: str
    organisation: str
    quarter: str
    harmonised: str
    blocked: str
    at: datetime
    key: str
    replaced_at: datetime | None = None


_NOTHING = re.compile(
    r"^(?:no|nope|none|nothing|n/?a|not really|all good|no blockers?|nothing(?: is)? blocked)"
    r"(?:[,.!]?\s*(?:no|nothing|all good|thanks|thank you|at the moment|for now|so far))*[.!]*$",
    re.I,
)


def nothing_said(text: str) -> bool:
    """Whether an answer only says no ("nothing", "no blockers"): stored as blank."""
    return bool(_NOTHING.match(" ".join(text.split())))


def latest_by_person(updates: Iterable[ChampionUpdate]) -> dict[int, ChampionUpdate]:
    """Each champion's most recent current update."""
    latest: dict[int, ChampionUpdate] = {}
    for update in updates:
        if update.replaced_at is not None:
            continue
        seen = latest.get(update.person_id)
        if seen is None or (update.quarter, update.at) > (seen.quarter, seen.at):
            latest[update.person_id] = update
    return latest


@dataclass(frozen=True, kw_only=True)
class ChampionsSection:
    """A quarter's champions, as the pack and the digest report them: the updates given,
    champions with none yet, and directory organisations nobody champions."""

    quarter: Quarter
    updates: tuple[ChampionUpdate, ...]
    missing: tuple[Champion, ...]
    without_champion: tuple[str, ...]
    directory_size: int


MAX_DIGEST_LINES = 5


def digest_lines(section: ChampionsSection, *, limit: int = MAX_DIGEST_LINES) -> tuple[str, ...]:
    """The digest's champions lines: how many updated, the newest updates in brief (blocked
    ones first, since those need the team) and who has not updated yet; none without champions.
    """
    updates, missing = section.updates, section.missing
    if not updates and not missing:
        return ()
    total = len(updates) + len(missing)
    lines = [f"Champion updates for {section.quarter.label}: {len(updates)} of {total} in."]
    chosen = sorted(updates, key=lambda u: (not u.blocked, -u.at.timestamp(), u.organisation))
    for update in chosen[:limit]:
        blocked = f" Blocked: {_brief(update.blocked)}." if update.blocked else ""
        lines.append(
            f"{update.organisation} ({update.person}): {_brief(update.harmonised)}.{blocked}"
        )
    if len(chosen) > limit:
        lines.append(f"…and {len(chosen) - limit} more updates.")
    if missing:
        names = ", ".join(f"{c.person} ({c.organisation})" for c in missing[:limit])
        more = f" and {len(missing) - limit} more" if len(missing) > limit else ""
        lines.append(f"Not yet updated: {names}{more}.")
    return tuple(lines)


def _brief(text: str, length: int = 120) -> str:
    text = " ".join(text.split()).rstrip(".")
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
