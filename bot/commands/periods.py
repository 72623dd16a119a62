"""Reporting words as members type them in chat: a field to break contacts down by
("by user group") and a period ("this quarter", "Q2"; the plan year by default)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from commplan.baseline import Period
from commplan.errors import InvalidInput
from commplan.ports import ContactField
from commplan.services.reports import default_periods


def month_start(today: date) -> date:
    """The first day of the month."""
    return today.replace(day=1)


_FIELD_WORDS: tuple[tuple[str, ContactField], ...] = (
    (r"user ?groups?|groups?", "user_group"),
    (r"(?:organi[sz]ation|org) ?types?|types?|sectors?", "org_type"),
    (r"channels?|how", "channel"),
    (r"directions?|inbound|outbound", "direction"),
    (r"topics?|standards?", "standard"),
    (r"organi[sz]ations?|orgs?|who", "organisation"),
    (r"months?|monthly", "month"),
    (r"quarters?|quarterly", "quarter"),
)
FIELD_LABEL: dict[str, str] = {
    "org_type": "organisation type",
    "user_group": "user group",
    "channel": "channel",
    "direction": "direction",
    "standard": "topic",
    "organisation": "organisation",
    "month": "month",
    "quarter": "quarter",
}


def contact_field(words: str) -> ContactField:
    """The field "baseline by <words>" names; the organisation type when none is named."""
    cleaned = words.strip().lower()
    if not cleaned:
        return "org_type"
    for pattern, field in _FIELD_WORDS:
        if re.fullmatch(rf"(?:the )?{pattern}", cleaned):
            return field
    raise InvalidInput(
        f"I can't break contacts down by {words!r}. Try: "
        + ", ".join(sorted(set(FIELD_LABEL.values())))
        + " (e.g. 'baseline by channel')."
    )


def _quarter(day: date) -> Period:
    first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    after = date(first.year + (first.month == 10), (first.month + 2) % 12 + 1, 1)
    return Period(first=first, last=after - timedelta(days=1))


def period_of(words: str, today: date, year: int) -> Period:
    """A reporting period from chat words; the plan year by default."""
    cleaned = words.strip().lower()
    if not cleaned:
        whole, _ = default_periods(year)
        return whole
    if cleaned in ("this quarter", "last quarter"):
        quarter = _quarter(today)
        if cleaned == "last quarter":
            quarter = _quarter(quarter.first - timedelta(days=1))
        return quarter
    if cleaned in ("this month", "last month"):
        first = month_start(today)
        if cleaned == "last month":
            first = month_start(first - timedelta(days=1))
        last = month_start(first + timedelta(days=32)) - timedelta(days=1)
        return Period(first=first, last=last)
    if cleaned in ("this year", "last year"):
        chosen = today.year - (cleaned == "last year")
        return Period(first=date(chosen, 1, 1), last=date(chosen, 12, 31))
    quarter_number = re.fullmatch(r"q([1-4])", cleaned)
    if quarter_number:
        return _quarter(date(year, 3 * int(quarter_number.group(1)) - 2, 1))
    raise InvalidInput(f"I can't read {words!r} as a period; try 'this quarter' or 'Q2'.")


def period_name(words: str, period: Period) -> str:
    """How to name a period read by :func:`period_of` ("Q2 2026", "March 2026", "2026")."""
    cleaned = words.strip().lower()
    if cleaned.endswith("month"):
        return f"{period.first:%B %Y}"
    if cleaned.endswith("quarter") or re.fullmatch(r"q[1-4]", cleaned):
        return f"Q{(period.first.month - 1) // 3 + 1} {period.first.year}"
    return f"{period.first.year}"
