"""Did a tactic bring contacts? Its audience's contacts in the weeks after it against the
weeks before, with the uncertainty small counts carry.

Counts of a few contacts swing widely by chance, so a change is judged by the rate ratio's
95% interval: with ``a`` contacts after and ``b`` before over equal weeks, ``a`` given
``a + b`` is binomial with ``p = ratio / (1 + ratio)``; the Wilson interval for ``p`` gives
the ratio's. "More" or "fewer" is said only when the interval leaves out 1.
"""

from __future__ import annotations

import enum
import math
import re
from dataclasses import dataclass
from datetime import date

from commplan.organisations import UserGroup

Z95 = 1.959964


class Change(enum.StrEnum):
    MORE = "more"
    FEWER = "fewer"
    UNCLEAR = "no clear change"
    NOT_YET = "too early to tell"


@dataclass(frozen=True, kw_only=True)
class RateRatio:
    """Contacts after against before over equal weeks; ``low``/``high`` the 95% interval
    (``high`` is None when nothing came before, so no upper bound can be given)."""

    after: int
    before: int
    ratio: float | None
    low: float
    high: float | None

    @property
    def change(self) -> Change:
        if self.low > 1:
            return Change.MORE
        if self.high is not None and self.high < 1:
            return Change.FEWER
        return Change.UNCLEAR


def rate_ratio(after: int, before: int) -> RateRatio:
    total = after + before
    if total == 0:
        return RateRatio(after=0, before=0, ratio=None, low=0.0, high=None)
    p = after / total
    centre = (p + Z95**2 / (2 * total)) / (1 + Z95**2 / total)
    spread = Z95 * math.sqrt(p * (1 - p) / total + Z95**2 / (4 * total**2)) / (1 + Z95**2 / total)
    p_low, p_high = max(0.0, centre - spread), min(1.0, centre + spread)
    return RateRatio(
        after=after,
        before=before,
        ratio=after / before if before else None,
        low=p_low / (1 - p_low) if p_low < 1 else math.inf,
        high=p_high / (1 - p_high) if p_high < 1 else None,
    )


# What a tactic's audience says, as the user groups of the contact log it reaches. An
# audience that names nobody in particular ("Various", "GSS web site audience") is everyone.
_GOVERNMENT = (
    r"\bgss\b|\bons\b|government|departments?|\bogds?\b|devolved|statistics authority"
    r"|\bhops\b|heads? of profession|methodologists|analysts|champions?|civil serv"
)
_AUDIENCE_WORDS: tuple[tuple[str, tuple[UserGroup, ...]], ...] = (
    (_GOVERNMENT, (UserGroup.OTHER_GOVERNMENT, UserGroup.MAJOR_POLICY)),
    (r"local (?:authorit|government|council)|councils?|\bla\b", (UserGroup.SUB_NATIONAL,)),
    (r"academic|universit|researchers?|students?", (UserGroup.ACADEMIC,)),
    (r"consultants?|business|private|commercial|industry", (UserGroup.PRIVATE_SECTOR,)),
    (r"charit|voluntary|community|third sector", (UserGroup.VOLUNTARY,)),
    (r"journalists?|media|press", (UserGroup.MEDIA,)),
    (r"public|citizens?|residents?", (UserGroup.CITIZEN,)),
)
_EVERYONE = re.compile(r"^\s*$|\bvarious\b|\bvaried\b|\bwider\b|\bweb ?site\b|\ball\b", re.I)
_INTERNAL = re.compile(r"\bsteering group\b|\bnsh sg\b|\bsg\b", re.I)


def audience_groups(audience: str) -> tuple[UserGroup, ...] | None:
    """The user groups a tactic's audience reaches: () for everyone, None when the audience
    is the team's own governance (a steering group paper brings no users)."""
    if _INTERNAL.search(audience) and not _EVERYONE.search(audience):
        return None
    found: list[UserGroup] = []
    for pattern, groups in _AUDIENCE_WORDS:
        if re.search(pattern, audience, re.I):
            found.extend(g for g in groups if g not in found)
    if _EVERYONE.search(audience) and not found:
        return ()
    return tuple(found) if found else ()


@dataclass(frozen=True, kw_only=True)
class TacticImpact:
    """One dated tactic measured: its audience's contacts in the ``weeks`` after its start
    against the same number of weeks before."""

    plan_year: int
    number: int
    name: str
    audience: str
    groups: tuple[UserGroup, ...]  # () for everyone
    start: date
    weeks: int
    ratio: RateRatio
    complete: bool
    measured_to: date

    @property
    def change(self) -> Change:
        if self.measured_to < self.start:
            return Change.NOT_YET
        return self.ratio.change


@dataclass(frozen=True, kw_only=True)
class ObjectiveProgress:
    """An objective's tactics done, and its audiences' contacts after its tactics against
    before (their counts pooled)."""

    number: int
    text: str
    tactics: int
    complete: int
    ratio: RateRatio

    @property
    def share_complete(self) -> float:
        return self.complete / self.tactics if self.tactics else 0.0
