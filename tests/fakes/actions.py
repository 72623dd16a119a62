"""Fake meeting actions, whose meeting title is shared by every action of that meeting."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from commplan.erasure import Erasure
from commplan.errors import NotFound
from commplan.meetings import MeetingAction
from commplan.plan import FieldChange
from tests.fakes._erase import redacted
from tests.fakes._store import Repo


class FakeActions(Repo):
    def all(self) -> list[MeetingAction]:
        return [self._titled(a) for _, a in sorted(self._s.actions.items())]

    def get(self, meeting_date: date, number: int) -> MeetingAction | None:
        action = self._s.actions.get((meeting_date, number))
        return self._titled(action) if action else None

    def add(self, action: MeetingAction) -> None:
        # The first title given for a meeting sticks, as when the meeting row is created.
        if not self._s.meetings.get(action.meeting_date):
            self._s.meetings[action.meeting_date] = action.meeting
        self._s.actions[(action.meeting_date, action.number)] = action

    def save(self, action: MeetingAction) -> None:
        if (action.meeting_date, action.number) not in self._s.actions:
            raise NotFound("action", action.key)
        if action.meeting:
            self._s.meetings[action.meeting_date] = action.meeting
        self._s.actions[(action.meeting_date, action.number)] = action

    def erase_person(self, who: Erasure) -> int:
        changed = 0
        for key, action in list(self._s.actions.items()):
            new = redacted(action, ("text", "responsible", "update"), who)
            if new != action:
                self._s.actions[key] = new
                changed += 1
        return changed

    def remove(self, meeting_date: date, number: int) -> None:
        if self._s.actions.pop((meeting_date, number), None) is None:
            raise NotFound("action", f"{meeting_date} #{number}")
        if not any(day == meeting_date for day, _ in self._s.actions):
            self._s.meetings.pop(meeting_date, None)

    def record_edit(self, meeting_date: date, number: int, change: FieldChange) -> None:
        if (meeting_date, number) not in self._s.actions:
            raise NotFound("action", f"{meeting_date:%Y-%m-%d}/{number}")
        key = ("action", f"{meeting_date:%Y-%m-%d}/{number}")
        self._s.plan_edits[key] = (*self._s.plan_edits.get(key, ()), change)

    def edits(self, meeting_date: date, number: int) -> list[FieldChange]:
        return list(self._s.plan_edits.get(("action", f"{meeting_date:%Y-%m-%d}/{number}"), ()))

    def _titled(self, action: MeetingAction) -> MeetingAction:
        return replace(action, meeting=self._s.meetings.get(action.meeting_date, action.meeting))
