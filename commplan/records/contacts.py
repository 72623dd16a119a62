"""The contacts file format: the baseline's raw material."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date

from commplan.contacts import Channel, Contact, Direction
from commplan.organisations import parse_org_type, parse_user_group
from commplan.records.table import Problems, Table, iso, parse_date, require_columns

COLUMNS = (
    "date",
    "name",
    "email",
    "organisation",
    "org_type",
    "user_group",
    "channel",
    "direction",
    "standard",
    "summary",
    # The contact's identity (a Message-ID, a chat message's key, or a hash of the row), so
    # that importing an export matches every contact instead of logging it again.
    "ref",
)
REQUIRED = ("date", "channel")


def _required_date(text: str) -> date:
    day = parse_date(text)
    if day is None:
        raise ValueError("must not be empty")
    return day


def _channel(text: str) -> Channel:
    try:
        return Channel(text.strip().lower())
    except ValueError:
        raise ValueError(f"{text!r} is not one of: {', '.join(Channel)}") from None


def _direction(text: str) -> Direction:
    try:
        return Direction(text.strip().lower() or Direction.INBOUND)
    except ValueError:
        raise ValueError(f"{text!r} is not one of: {', '.join(Direction)}") from None


def contacts_from_table(table: Table, *, standards: Collection[str]) -> list[Contact]:
    """Validate every row and build the contacts; raises ImportRejected listing all problems.

    ``standards`` are the catalogue's names; a contact's standard must be one of them or empty.
    """
    require_columns(table, REQUIRED)
    problems = Problems(table.source)
    by_lower = {name.lower(): name for name in standards}
    contacts = []
    for row in table.rows:
        standard = row.get("standard")
        if standard and standard.lower() not in by_lower:
            problems.add(row.number, "standard", f"{standard!r} is not in the standards catalogue")
        email = row.get("email").lower()
        if email and "@" not in email:
            problems.add(row.number, "email", f"{email!r} is not an e-mail address")
        contacts.append(
            Contact(
                on=problems.check(row, "date", _required_date, date.min),
                name=row.get("name"),
                email=email,
                organisation=row.get("organisation"),
                org_type=problems.check(row, "org_type", parse_org_type, None),
                user_group=problems.check(row, "user_group", parse_user_group, None),
                channel=problems.check(row, "channel", _channel, Channel.OTHER),
                direction=problems.check(row, "direction", _direction, Direction.INBOUND),
                standard=by_lower.get(standard.lower(), "") if standard else "",
                summary=row.get("summary"),
                source_ref=row.get("ref"),
            )
        )
    problems.raise_if_any()
    return contacts


def contacts_to_rows(contacts: Sequence[Contact]) -> list[dict[str, str]]:
    """Contacts as rows, oldest first."""
    return [
        {
            "date": iso(c.on),
            "name": c.name,
            "email": c.email,
            "organisation": c.organisation,
            "org_type": c.org_type.value if c.org_type else "",
            "user_group": c.user_group.value if c.user_group else "",
            "channel": c.channel.value,
            "direction": c.direction.value,
            "standard": c.standard,
            "summary": c.summary,
            "ref": c.dedupe_key,
        }
        for c in contacts
    ]
