"""Gaps and rising topics, against hand-worked figures."""

from __future__ import annotations

from datetime import date

from commplan.gaps import find_gaps, rising_topics
from commplan.organisations import UserGroup


def test_quiet_organisations_and_groups_longest_quiet_first() -> None:
    gaps = find_gaps(
        at=date(2026, 9, 30),
        days=90,
        organisations=["Leeds City Council", "BBC", "NHS Leeds", "ONS"],
        last_by_organisation={
            "Leeds City Council": date(2026, 9, 1),  # heard from recently
            "BBC": date(2026, 7, 2),  # exactly 90 days: quiet
            "NHS Leeds": date(2026, 1, 15),
        },
        last_by_user_group={
            UserGroup.SUB_NATIONAL.value: date(2026, 9, 1),
            UserGroup.MEDIA.value: date(2026, 2, 1),
        },
    )
    assert [(q.name, q.last_contact) for q in gaps.organisations] == [
        ("ONS", None),
        ("NHS Leeds", date(2026, 1, 15)),
        ("BBC", date(2026, 7, 2)),
    ]
    assert gaps.user_groups[-1].name == UserGroup.MEDIA.value
    assert UserGroup.SUB_NATIONAL.value not in [q.name for q in gaps.user_groups]
    assert set(gaps.never_heard) == {g.value for g in UserGroup} - {
        UserGroup.SUB_NATIONAL.value,
        UserGroup.MEDIA.value,
    }


def test_topics_on_the_rise() -> None:
    trends = rising_topics(
        {"Ethnicity": 5, "Tenure": 2, "Sex": 1, "": 9},
        {"Ethnicity": 1, "Tenure": 2, "Religion": 4},
    )
    assert [(t.topic, t.recent, t.before, t.rise) for t in trends] == [
        ("Ethnicity", 5, 1, 4),
        ("Sex", 1, 0, 1),
    ]
