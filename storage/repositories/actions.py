"""The steering group's meeting actions, stored under their meeting."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from commplan.erasure import Erasure
from commplan.errors import NotFound
from commplan.meetings import MeetingAction
from commplan.plan import FieldChange
from storage.repositories._erase import redact_rows
from storage.repositories._rows import update_row
from storage.repositories.plan import add_edit, read_edits
from storage.tables import ActionRow, MeetingRow


class SqlActionRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _query(self) -> Any:
        return select(ActionRow).join(MeetingRow).options(selectinload(ActionRow.meeting))

    def all(self) -> list[MeetingAction]:
        # One plain joined query, not ORM objects and their meetings loaded after: "my
        # actions" reads them all.
        self._session.flush()  # what the ORM's own query would have written first
        return [MeetingAction(**row._mapping) for row in self._session.execute(_every_action())]

    def _row(self, meeting_date: date, number: int) -> ActionRow | None:
        query = self._query().where(MeetingRow.date == meeting_date, ActionRow.number == number)
        row: ActionRow | None = self._session.scalar(query)
        return row

    def get(self, meeting_date: date, number: int) -> MeetingAction | None:
        row = self._row(meeting_date, number)
        return _action(row) if row else None

    def add(self, action: MeetingAction) -> None:
        meeting = self._session.scalar(
            select(MeetingRow).where(MeetingRow.date == action.meeting_date)
        )
        if meeting is None:
            meeting = MeetingRow(date=action.meeting_date, title=action.meeting)
            self._session.add(meeting)
        elif action.meeting and not meeting.title:
            meeting.title = action.meeting
        self._session.add(
            ActionRow(meeting=meeting, number=action.number, **_action_fields(action))
        )
        self._session.flush()

    def save(self, action: MeetingAction) -> None:
        row = self._row(action.meeting_date, action.number)
        row = update_row(self._session, row, _action_fields(action), what="action", key=action.key)
        if action.meeting:
            row.meeting.title = action.meeting
            self._session.flush()

    def erase_person(self, who: Erasure) -> int:
        return redact_rows(self._session, ActionRow, ("text", "responsible", "update"), who)

    def remove(self, meeting_date: date, number: int) -> None:
        row = self._row(meeting_date, number)
        if row is None:
            raise NotFound("action", f"{meeting_date} #{number}")
        meeting = row.meeting
        self._session.delete(row)
        self._session.flush()
        # A meeting is only the heading of its actions; without any it goes too.
        left = self._session.scalar(select(ActionRow.id).where(ActionRow.meeting_id == meeting.id))
        if left is None:
            self._session.delete(meeting)
            self._session.flush()

    def record_edit(self, meeting_date: date, number: int, change: FieldChange) -> None:
        if self._row(meeting_date, number) is None:
            raise NotFound("action", f"{meeting_date:%Y-%m-%d}/{number}")
        add_edit(self._session, "action", f"{meeting_date:%Y-%m-%d}/{number}", change)

    def edits(self, meeting_date: date, number: int) -> list[FieldChange]:
        return read_edits(self._session, "action", f"{meeting_date:%Y-%m-%d}/{number}")


def _action_fields(action: MeetingAction) -> dict[str, Any]:
    return {
        "paragraph": action.paragraph,
        "text": action.text,
        "responsible": action.responsible,
        "update": action.update,
        "done": action.done,
        "due": action.due,
        "snoozed_until": action.snoozed_until,
    }


@cache
def _every_action() -> Select[*tuple[Any, ...]]:
    """Every action with its meeting, as :class:`MeetingAction`'s fields, in meeting order."""
    joined = select(
        MeetingRow.date.label("meeting_date"),
        MeetingRow.title.label("meeting"),
        ActionRow.number,
        ActionRow.paragraph,
        ActionRow.text,
        ActionRow.responsible,
        ActionRow.update,
        ActionRow.done,
        ActionRow.due,
        ActionRow.snoozed_until,
    ).join(MeetingRow, ActionRow.meeting_id == MeetingRow.id)
    return joined.order_by(MeetingRow.date, ActionRow.number)


def _action(row: ActionRow) -> MeetingAction:
    return MeetingAction(
        meeting_date=row.meeting.date,
        meeting=row.meeting.title,
        number=row.number,
        paragraph=row.paragraph,
        text=row.text,
        responsible=row.responsible,
        update=row.update,
        done=row.done,
        due=row.due,
        snoozed_until=row.snoozed_until,
    )
