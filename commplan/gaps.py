"""Who has gone quiet: directory entries and user groups not heard from in a while."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from commplan.organisations import UserGroup


@dataclass(frozen=True, kw_only=True)
class Quiet:
    """A name and the last day we heard from it (None: never)."""

    name: str
    last_contact: date | None


@dataclass(frozen=True, kw_only=True)
class Gaps:
    at: date
    days: int
    organisations: tuple[Quiet, ...]
    user_groups: tuple[Quiet, ...]

    @property
    def never_heard(self) -> tuple[str, ...]:
        """User groups with no contact at all."""
        return tuple(q.name for q in self.user_groups if q.last_contact is None)


def find_gaps(
    *,
    at: date,
    days: int,
    organisations: Iterable[str],
    last_by_organisation: Mapping[str, date],
    last_by_user_group: Mapping[str, date],
) -> Gaps:
    """Organisations in the directory and user groups with no contact in the ``days`` up to ``at``.

    Never-heard-from entries come first, then the longest quiet.
    """
    cutoff = at - timedelta(days=days)

    def quiet(names: Iterable[str], last: Mapping[str, date]) -> tuple[Quiet, ...]:
        found = [
            Quiet(name=name, last_contact=last.get(name))
            for name in names
            if last.get(name) is None or last[name] <= cutoff
        ]
        return tuple(sorted(found, key=lambda q: (q.last_contact or date.min, q.name.lower())))

    return Gaps(
        at=at,
        days=days,
        organisations=quiet(organisations, last_by_organisation),
        user_groups=quiet((g.value for g in UserGroup), last_by_user_group),
    )


@dataclass(frozen=True, kw_only=True)
class Trend:
    """A topic's contacts in the recent period against the one before it."""

    topic: str
    recent: int
    before: int

    @property
    def rise(self) -> int:
        return self.recent - self.before


def rising_topics(
    recent: Mapping[str, int], before: Mapping[str, int], *, limit: int = 5
) -> tuple[Trend, ...]:
    """Topics asked about more in the recent period than the one before, biggest rise first."""
    trends = [
        Trend(topic=topic, recent=count, before=before.get(topic, 0))
        for topic, count in recent.items()
        if topic and count > before.get(topic, 0)
    ]
    return tuple(sorted(trends, key=lambda t: (-t.rise, -t.recent, t.topic))[:limit])
