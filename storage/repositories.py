"""Repositories: explicit translation between table rows and frozen domain values."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    Integer,
    Text,
    bindparam,
    cast,
    delete,
    func,
    insert,
    literal,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, selectinload

from commplan.contacts import Channel, Contact, Direction
from commplan.conversations import ConversationKind, ConversationRef
from commplan.errors import NotFound
from commplan.meetings import MeetingAction
from commplan.notices import Notice
from commplan.organisations import Organisation, parse_org_type, parse_user_group
from commplan.people import Group, Person, Role
from commplan.plan import DueWindow, Phase, Plan, Status, StatusChange, Tactic
from commplan.ports import Claim, ContactField
from commplan.queries import InboxQuery, QueryState
from commplan.questions import Feedback, Question
from commplan.standards import Standard
from storage.tables import (
    ActionRow,
    ClaimRow,
    ContactRow,
    ConversationRefRow,
    DomainRow,
    DraftRow,
    GroupRow,
    InboxQueryRow,
    MailboxCursorRow,
    MeetingRow,
    NoticeRow,
    OrganisationRow,
    PersonRow,
    PlanRow,
    QuestionRow,
    StandardRow,
    StatusChangeRow,
    TacticRow,
)


class SqlPlanRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, year: int) -> Plan | None:
        row = self._session.scalar(select(PlanRow).where(PlanRow.year == year))
        return _plan(row) if row else None

    def latest(self) -> Plan | None:
        row = self._session.scalar(select(PlanRow).order_by(PlanRow.year.desc()).limit(1))
        return _plan(row) if row else None

    def add(self, plan: Plan) -> None:
        self._session.add(PlanRow(year=plan.year, **_plan_fields(plan)))
        self._session.flush()

    def save(self, plan: Plan) -> None:
        row = self._session.scalar(select(PlanRow).where(PlanRow.year == plan.year))
        if row is None:
            raise NotFound("plan", plan.year)
        for key, value in _plan_fields(plan).items():
            setattr(row, key, value)
        self._session.flush()


def _plan_fields(plan: Plan) -> dict[str, Any]:
    return {
        "title": plan.title,
        "objectives": list(plan.objectives),
        "key_messages": list(plan.key_messages),
    }


def _plan(row: PlanRow) -> Plan:
    return Plan(
        year=row.year,
        title=row.title,
        objectives=tuple(row.objectives),
        key_messages=tuple(row.key_messages),
    )


class SqlTacticRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _query(self) -> Any:
        return select(TacticRow).join(PlanRow).options(selectinload(TacticRow.history))

    def all(self, plan_year: int | None = None, *, open_only: bool = False) -> list[Tactic]:
        # Core rows, not ORM objects: the digest and the sweep read thousands of tactics,
        # and building mapped instances costs ten times more than the query.
        columns = [*TacticRow.__table__.c, PlanRow.year.label("plan_year")]
        query = select(*columns).join(PlanRow).order_by(PlanRow.year, TacticRow.number)
        if plan_year is not None:
            query = query.where(PlanRow.year == plan_year)
        if open_only:
            query = query.where(TacticRow.status != Status.COMPLETE.value)
        rows = self._session.execute(query).mappings().all()
        history: dict[int, list[StatusChange]] = {}
        changes = select(*StatusChangeRow.__table__.c).order_by(StatusChangeRow.id)
        if plan_year is not None:
            changes = changes.join(TacticRow).join(PlanRow).where(PlanRow.year == plan_year)
        for change in self._session.execute(changes).mappings():
            history.setdefault(change["tactic_id"], []).append(
                StatusChange(
                    status=Status(change["status"]),
                    at=_utc(change["at"]),
                    by=change["by"],
                    note=change["note"],
                )
            )
        return [_tactic_from_mapping(row, tuple(history.get(row["id"], ()))) for row in rows]

    def _row(self, plan_year: int, number: int) -> TacticRow | None:
        query = self._query().where(PlanRow.year == plan_year, TacticRow.number == number)
        row: TacticRow | None = self._session.scalar(query)
        return row

    def get(self, plan_year: int, number: int) -> Tactic | None:
        row = self._row(plan_year, number)
        return _tactic(row, plan_year) if row else None

    def add(self, tactic: Tactic) -> None:
        plan_id = self._session.scalar(select(PlanRow.id).where(PlanRow.year == tactic.plan_year))
        if plan_id is None:
            raise NotFound("plan", tactic.plan_year)
        row = TacticRow(plan_id=plan_id, number=tactic.number, **_tactic_fields(tactic))
        row.history = [_change_row(change) for change in tactic.history]
        self._session.add(row)
        self._session.flush()

    def save(self, tactic: Tactic) -> None:
        row = self._row(tactic.plan_year, tactic.number)
        if row is None:
            raise NotFound("tactic", tactic.number)
        for key, value in _tactic_fields(tactic).items():
            setattr(row, key, value)
        self._session.flush()

    def record(self, plan_year: int, number: int, change: StatusChange) -> None:
        row = self._row(plan_year, number)
        if row is None:
            raise NotFound("tactic", number)
        row.history.append(_change_row(change))
        self._session.flush()


def _change_row(change: StatusChange) -> StatusChangeRow:
    return StatusChangeRow(status=change.status.value, at=change.at, by=change.by, note=change.note)


def _tactic_fields(tactic: Tactic) -> dict[str, Any]:
    return {
        "phase": tactic.phase.value,
        "name": tactic.name,
        "purpose": tactic.purpose,
        "audience": tactic.audience,
        "timing": tactic.timing,
        "due_start": tactic.window.start if tactic.window else None,
        "due_end": tactic.window.end if tactic.window else None,
        "owners": list(tactic.owners),
        "status": tactic.status.value,
        "objectives": list(tactic.objectives),
        "notes": tactic.notes,
        "snoozed_until": tactic.snoozed_until,
    }


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _tactic_from_mapping(row: Any, history: tuple[StatusChange, ...]) -> Tactic:
    start, end = row["due_start"], row["due_end"]
    return Tactic(
        plan_year=row["plan_year"],
        number=row["number"],
        name=row["name"],
        phase=Phase(row["phase"]),
        purpose=row["purpose"],
        audience=row["audience"],
        timing=row["timing"],
        window=DueWindow(start=start, end=end) if start is not None and end is not None else None,
        owners=tuple(row["owners"]),
        status=Status(row["status"]),
        objectives=tuple(row["objectives"]),
        notes=row["notes"],
        snoozed_until=row["snoozed_until"],
        history=history,
    )


def _tactic(row: TacticRow, plan_year: int) -> Tactic:
    window = (
        DueWindow(start=row.due_start, end=row.due_end)
        if row.due_start is not None and row.due_end is not None
        else None
    )
    return Tactic(
        plan_year=plan_year,
        number=row.number,
        name=row.name,
        phase=Phase(row.phase),
        purpose=row.purpose,
        audience=row.audience,
        timing=row.timing,
        window=window,
        owners=tuple(row.owners),
        status=Status(row.status),
        objectives=tuple(row.objectives),
        notes=row.notes,
        snoozed_until=row.snoozed_until,
        history=tuple(
            StatusChange(status=Status(c.status), at=c.at, by=c.by, note=c.note)
            for c in row.history
        ),
    )


class SqlPeopleRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def all(self) -> list[Person]:
        return [
            _person(r) for r in self._session.scalars(select(PersonRow).order_by(PersonRow.name))
        ]

    def get(self, name: str) -> Person | None:
        row = self._session.scalar(select(PersonRow).where(PersonRow.name == name))
        return _person(row) if row else None

    def find(self, *, email: str = "", slack_id: str = "", teams_id: str = "") -> Person | None:
        conditions: list[ColumnElement[bool]] = []
        if email:
            conditions.append(func.lower(PersonRow.email) == email.lower())
        if slack_id:
            conditions.append(PersonRow.slack_id == slack_id)
        if teams_id:
            conditions.append(PersonRow.teams_id == teams_id)
        if not conditions:
            return None
        row = self._session.scalar(select(PersonRow).where(*conditions).limit(1))
        return _person(row) if row else None

    def add(self, person: Person) -> None:
        self._session.add(PersonRow(name=person.name, **_person_fields(person)))
        self._session.flush()

    def save(self, person: Person) -> None:
        row = self._session.scalar(select(PersonRow).where(PersonRow.name == person.name))
        if row is None:
            raise NotFound("person", person.name)
        for key, value in _person_fields(person).items():
            setattr(row, key, value)
        self._session.flush()


def _person_fields(person: Person) -> dict[str, Any]:
    return {
        "email": person.email,
        "role": person.role.value,
        "organisation": person.organisation,
        "slack_id": person.slack_id,
        "teams_id": person.teams_id,
        "aliases": list(person.aliases),
    }


def _person(row: PersonRow) -> Person:
    return Person(
        name=row.name,
        email=row.email,
        role=Role(row.role),
        organisation=row.organisation,
        slack_id=row.slack_id,
        teams_id=row.teams_id,
        aliases=tuple(row.aliases),
    )


class SqlGroupRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _query(self) -> Any:
        return select(GroupRow).options(selectinload(GroupRow.members))

    def all(self) -> list[Group]:
        return [_group(r) for r in self._session.scalars(self._query().order_by(GroupRow.name))]

    def get(self, name: str) -> Group | None:
        row = self._session.scalar(self._query().where(GroupRow.name == name))
        return _group(row) if row else None

    def _members(self, group: Group) -> list[PersonRow]:
        if not group.members:
            return []
        rows = self._session.scalars(select(PersonRow).where(PersonRow.name.in_(group.members)))
        found = {row.name: row for row in rows}
        missing = [name for name in group.members if name not in found]
        if missing:
            raise NotFound("person", ", ".join(missing))
        return [found[name] for name in group.members]

    def add(self, group: Group) -> None:
        row = GroupRow(name=group.name, aliases=list(group.aliases))
        row.members = self._members(group)
        self._session.add(row)
        self._session.flush()

    def save(self, group: Group) -> None:
        row = self._session.scalar(self._query().where(GroupRow.name == group.name))
        if row is None:
            raise NotFound("group", group.name)
        row.aliases = list(group.aliases)
        row.members = self._members(group)
        self._session.flush()


def _group(row: GroupRow) -> Group:
    return Group(
        name=row.name,
        aliases=tuple(row.aliases),
        members=tuple(member.name for member in row.members),
    )


class SqlActionRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _query(self) -> Any:
        return select(ActionRow).join(MeetingRow).options(selectinload(ActionRow.meeting))

    def all(self) -> list[MeetingAction]:
        rows = self._session.scalars(self._query().order_by(MeetingRow.date, ActionRow.number))
        return [_action(row) for row in rows]

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
        if row is None:
            raise NotFound("action", action.key)
        for key, value in _action_fields(action).items():
            setattr(row, key, value)
        if action.meeting:
            row.meeting.title = action.meeting
        self._session.flush()


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


class SqlOrganisationRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _query(self) -> Any:
        return select(OrganisationRow).options(selectinload(OrganisationRow.domains))

    def all(self) -> list[Organisation]:
        rows = self._session.scalars(self._query().order_by(OrganisationRow.name))
        return [_organisation(row) for row in rows]

    def get(self, name: str) -> Organisation | None:
        row = self._session.scalar(self._query().where(OrganisationRow.name == name))
        return _organisation(row) if row else None

    def by_domain(self, domain: str) -> Organisation | None:
        query = self._query().join(DomainRow).where(DomainRow.domain == domain.lower())
        row = self._session.scalar(query)
        return _organisation(row) if row else None

    def add(self, organisation: Organisation) -> None:
        row = OrganisationRow(name=organisation.name)
        self._fill(row, organisation)
        self._session.add(row)
        self._session.flush()

    def save(self, organisation: Organisation) -> None:
        row = self._session.scalar(self._query().where(OrganisationRow.name == organisation.name))
        if row is None:
            raise NotFound("organisation", organisation.name)
        self._fill(row, organisation)
        self._session.flush()

    def _fill(self, row: OrganisationRow, organisation: Organisation) -> None:
        row.org_type = organisation.org_type.value if organisation.org_type else ""
        row.user_group = organisation.user_group.value if organisation.user_group else ""
        wanted = {d.lower() for d in organisation.domains}
        # A domain belongs to one organisation: teaching the directory moves it.
        for domain in wanted - {d.domain for d in row.domains}:
            existing = self._session.get(DomainRow, domain)
            if existing is not None:
                self._session.delete(existing)
                self._session.flush()
        row.domains = [d for d in row.domains if d.domain in wanted] + [
            DomainRow(domain=d) for d in sorted(wanted - {d.domain for d in row.domains})
        ]


def _organisation(row: OrganisationRow) -> Organisation:
    return Organisation(
        name=row.name,
        org_type=parse_org_type(row.org_type),
        user_group=parse_user_group(row.user_group),
        domains=tuple(d.domain for d in row.domains),
    )


class SqlStandardRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def all(self) -> list[Standard]:
        rows = self._session.scalars(select(StandardRow).order_by(StandardRow.name))
        return [_standard(row) for row in rows]

    def get(self, name: str) -> Standard | None:
        row = self._session.scalar(select(StandardRow).where(StandardRow.name == name))
        return _standard(row) if row else None

    def add(self, standard: Standard) -> None:
        self._session.add(StandardRow(name=standard.name, **_standard_fields(standard)))
        self._session.flush()

    def save(self, standard: Standard) -> None:
        row = self._session.scalar(select(StandardRow).where(StandardRow.name == standard.name))
        if row is None:
            raise NotFound("standard", standard.name)
        for key, value in _standard_fields(standard).items():
            setattr(row, key, value)
        self._session.flush()


def _standard_fields(standard: Standard) -> dict[str, Any]:
    return {
        "topic": standard.topic,
        "group_name": standard.group,
        "covers": standard.covers,
        "synonyms": list(standard.synonyms),
        "related": list(standard.related),
        "status": standard.status,
        "last_review": standard.last_review,
        "url": standard.url,
        "owner": standard.owner,
    }


def _standard(row: StandardRow) -> Standard:
    return Standard(
        name=row.name,
        topic=row.topic,
        group=row.group_name,
        covers=row.covers,
        synonyms=tuple(row.synonyms),
        related=tuple(row.related),
        status=row.status,
        last_review=row.last_review,
        url=row.url,
        owner=row.owner,
    )


class SqlContactRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, contact: Contact) -> bool:
        values = _contact_fields(contact)
        dialect = self._session.get_bind().dialect.name
        upsert = pg_insert if dialect == "postgresql" else sqlite_insert
        # ON CONFLICT DO NOTHING keeps a retried event or a re-read e-mail from logging twice,
        # even when two processes race.
        statement = (
            upsert(ContactRow)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["dedupe_key"])
            .returning(ContactRow.id)
        )
        return self._session.execute(statement).first() is not None

    def all(self, first: date | None = None, last: date | None = None) -> list[Contact]:
        query = select(ContactRow).order_by(ContactRow.occurred_on, ContactRow.id)
        if first is not None:
            query = query.where(ContactRow.occurred_on >= first)
        if last is not None:
            query = query.where(ContactRow.occurred_on <= last)
        return [_contact(row) for row in self._session.scalars(query)]

    def get(self, source_ref: str) -> Contact | None:
        row = self._session.scalar(select(ContactRow).where(ContactRow.dedupe_key == source_ref))
        return _contact(row) if row else None

    def save(self, contact: Contact) -> None:
        row = self._session.scalar(
            select(ContactRow).where(ContactRow.dedupe_key == contact.dedupe_key)
        )
        if row is None:
            raise NotFound("contact", contact.dedupe_key)
        for name, value in _contact_fields(contact).items():
            setattr(row, name, value)
        self._session.flush()

    def counts(self, by: ContactField, first: date, last: date) -> dict[str, int]:
        key = self._group_key(by)
        query = (
            select(key.label("key"), func.count().label("n"))
            .where(ContactRow.occurred_on >= first, ContactRow.occurred_on <= last)
            .group_by(key)
        )
        return {str(k or ""): int(n) for k, n in self._session.execute(query)}

    def _group_key(self, by: ContactField) -> ColumnElement[Any]:
        dialect = self._session.get_bind().dialect.name
        day = ContactRow.occurred_on
        if by == "month":
            if dialect == "postgresql":
                return func.to_char(day, "YYYY-MM")
            return func.strftime("%Y-%m", day)
        if by == "quarter":
            if dialect == "postgresql":
                return func.to_char(day, 'YYYY-"Q"Q')
            month = cast(func.strftime("%m", day), Integer)
            quarter = cast((month + 2) / 3, Integer)
            return func.strftime("%Y", day).concat(literal("-Q")).concat(quarter)
        column: ColumnElement[Any] = getattr(ContactRow, by)
        return column

    def counts_by_month(
        self, by: ContactField, first: date, last: date
    ) -> dict[str, dict[str, int]]:
        month = self._group_key("month")
        key = self._group_key(by)
        query = (
            select(month.label("month"), key.label("key"), func.count().label("n"))
            .where(ContactRow.occurred_on >= first, ContactRow.occurred_on <= last)
            .group_by(month, key)
        )
        found: dict[str, dict[str, int]] = {}
        for month_label, group, count in self._session.execute(query):
            found.setdefault(str(month_label), {})[str(group or "")] = int(count)
        return found

    def erase(self, email: str) -> int:
        statement = delete(ContactRow).where(func.lower(ContactRow.email) == email.lower())
        return int(getattr(self._session.execute(statement), "rowcount", 0) or 0)

    def strip_before(self, day: date) -> int:
        personal = (ContactRow.name != "") | (ContactRow.email != "") | (ContactRow.summary != "")
        statement = (
            update(ContactRow)
            .where(ContactRow.occurred_on < day, personal)
            .values(name="", email="", summary="")
        )
        return int(getattr(self._session.execute(statement), "rowcount", 0) or 0)

    def last_contact(self, by: Literal["organisation", "user_group"]) -> dict[str, date]:
        column = getattr(ContactRow, by)
        query = (
            select(column, func.max(ContactRow.occurred_on)).where(column != "").group_by(column)
        )
        return {str(k): _as_date(v) for k, v in self._session.execute(query)}


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _contact_fields(contact: Contact) -> dict[str, Any]:
    return {
        "occurred_on": contact.on,
        "channel": contact.channel.value,
        "direction": contact.direction.value,
        "name": contact.name,
        "email": contact.email,
        "organisation": contact.organisation,
        "org_type": contact.org_type.value if contact.org_type else "",
        "user_group": contact.user_group.value if contact.user_group else "",
        "standard": contact.standard,
        "summary": contact.summary,
        "dedupe_key": contact.dedupe_key,
    }


def _contact(row: ContactRow) -> Contact:
    return Contact(
        on=row.occurred_on,
        channel=Channel(row.channel),
        direction=Direction(row.direction),
        name=row.name,
        email=row.email,
        organisation=row.organisation,
        org_type=parse_org_type(row.org_type),
        user_group=parse_user_group(row.user_group),
        standard=row.standard,
        summary=row.summary,
        source_ref=row.dedupe_key,
    )


class SqlQuestionRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _row(self, key: str) -> QuestionRow | None:
        row: QuestionRow | None = self._session.scalar(
            select(QuestionRow).where(QuestionRow.key == key)
        )
        return row

    def add(self, question: Question) -> bool:
        if self._row(question.key) is not None:
            return False
        self._session.add(QuestionRow(key=question.key, **_question_fields(question)))
        self._session.flush()
        return True

    def get(self, key: str) -> Question | None:
        row = self._row(key)
        return _question(row) if row else None

    def save(self, question: Question) -> None:
        row = self._row(question.key)
        if row is None:
            raise NotFound("question", question.key)
        for name, value in _question_fields(question).items():
            setattr(row, name, value)
        self._session.flush()

    def needing_team(self) -> list[Question]:
        query = (
            select(QuestionRow)
            .where(
                QuestionRow.resolved.is_(False),
                (QuestionRow.answered.is_(False)) | (QuestionRow.feedback == "not_needed"),
            )
            .order_by(QuestionRow.asked_at.desc())
        )
        return [_question(row) for row in self._session.scalars(query)]


def _question_fields(question: Question) -> dict[str, Any]:
    return {
        "text": question.text,
        "asked_at": question.asked_at,
        "asker": question.asker,
        "answered": question.answered,
        "best_match": question.best_match,
        "score": question.score,
        "feedback": question.feedback.value,
        "passed_to_team": question.passed_to_team,
        "resolved": question.resolved,
    }


def _question(row: QuestionRow) -> Question:
    return Question(
        key=row.key,
        text=row.text,
        asked_at=row.asked_at,
        asker=row.asker,
        answered=row.answered,
        best_match=row.best_match,
        score=row.score,
        feedback=Feedback(row.feedback),
        passed_to_team=row.passed_to_team,
        resolved=row.resolved,
    )


class SqlDraftRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, key: str) -> dict[str, str] | None:
        row = self._session.get(DraftRow, key)
        return {str(k): str(v) for k, v in row.data.items()} if row else None

    def put(self, key: str, data: dict[str, str], at: datetime) -> None:
        row = self._session.get(DraftRow, key)
        if row is None:
            self._session.add(DraftRow(key=key, data=dict(data), updated_at=at))
        else:
            row.data = dict(data)
            row.updated_at = at
        self._session.flush()

    def clear(self, key: str) -> None:
        row = self._session.get(DraftRow, key)
        if row is not None:
            self._session.delete(row)
            self._session.flush()


class SqlClaimRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def claim(self, key: str, *, kind: str, person: str, item: str, at: datetime) -> bool:
        dialect = self._session.get_bind().dialect.name
        upsert = pg_insert if dialect == "postgresql" else sqlite_insert
        statement = (
            upsert(ClaimRow)
            .values(key=key, kind=kind, person=person, item=item, claimed_at=at, channel="")
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(ClaimRow.key)
        )
        return self._session.execute(statement).first() is not None

    def claimed(self, keys: Collection[str]) -> set[str]:
        found: set[str] = set()
        wanted = list(keys)
        # Chunks keep the IN list within every driver's parameter limit.
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            found.update(self._session.scalars(select(ClaimRow.key).where(ClaimRow.key.in_(chunk))))
        return found

    def claim_many(self, claims: Sequence[Claim], at: datetime) -> set[str]:
        dialect = self._session.get_bind().dialect.name
        upsert = pg_insert if dialect == "postgresql" else sqlite_insert
        won: set[str] = set()
        for start in range(0, len(claims), 500):
            rows = [
                {
                    "key": c.key,
                    "kind": c.kind,
                    "person": c.person,
                    "item": c.item,
                    "claimed_at": at,
                    "channel": "",
                }
                for c in claims[start : start + 500]
            ]
            statement = (
                upsert(ClaimRow)
                .values(rows)
                .on_conflict_do_nothing(index_elements=["key"])
                .returning(ClaimRow.key)
            )
            won.update(self._session.scalars(statement))
        return won

    def mark_sent(self, key: str, *, channel: str, at: datetime) -> None:
        row = self._session.get(ClaimRow, key)
        if row is None:
            raise NotFound("delivery", key)
        row.sent_at = at
        row.channel = channel
        self._session.flush()

    def mark_all_sent(self, channels: Mapping[str, str], at: datetime) -> None:
        if not channels:
            return
        statement = (
            update(ClaimRow)
            .where(ClaimRow.key == bindparam("claimed_key"))
            .values(sent_at=at, channel=bindparam("sent_channel"))
        )
        self._session.connection().execute(
            statement,
            [{"claimed_key": k, "sent_channel": c} for k, c in channels.items()],
        )

    def release(self, key: str) -> None:
        row = self._session.get(ClaimRow, key)
        if row is not None:
            self._session.delete(row)
            self._session.flush()

    def unreachable_since(self, since: datetime) -> list[str]:
        query = (
            select(ClaimRow.person)
            .where(ClaimRow.channel == "unreachable", ClaimRow.claimed_at >= since)
            .distinct()
            .order_by(ClaimRow.person)
        )
        return list(self._session.scalars(query))


class SqlNoticeRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self, person: str, text: str, at: datetime, payload: dict[str, object] | None = None
    ) -> None:
        self._session.add(NoticeRow(person=person, text=text, created_at=at, payload=payload))
        self._session.flush()

    def for_person(self, person: str, since: datetime | None = None) -> list[tuple[datetime, str]]:
        query = select(NoticeRow).where(NoticeRow.person == person).order_by(NoticeRow.id)
        if since is not None:
            query = query.where(NoticeRow.created_at > since)
        return [(row.created_at, row.text) for row in self._session.scalars(query)]

    def after(self, people: Collection[str], after_id: int = 0, limit: int = 100) -> list[Notice]:
        query = (
            select(NoticeRow)
            .where(NoticeRow.person.in_(list(people)), NoticeRow.id > after_id)
            .order_by(NoticeRow.id)
            .limit(limit)
        )
        return [
            Notice(
                id=row.id,
                person=row.person,
                text=row.text,
                at=row.created_at,
                payload=row.payload,
            )
            for row in self._session.scalars(query)
        ]

    def erase_mentioning(self, text: str) -> int:
        needle = text.lower()
        # The stored reply is searched as its JSON text, so an address in any block counts.
        mentions = func.lower(NoticeRow.text).contains(needle, autoescape=True) | func.lower(
            cast(NoticeRow.payload, Text)
        ).contains(needle, autoescape=True)
        statement = delete(NoticeRow).where(mentions)
        return int(getattr(self._session.execute(statement), "rowcount", 0) or 0)

    def delete_before(self, cutoff: datetime) -> int:
        statement = delete(NoticeRow).where(NoticeRow.created_at < cutoff)
        return int(getattr(self._session.execute(statement), "rowcount", 0) or 0)


class SqlConversationRefRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def save(self, ref: ConversationRef) -> None:
        # One statement, so that two turns in the same new conversation at once cannot both
        # insert it; the second refreshes what the first wrote.
        dialect = self._session.get_bind().dialect.name
        upsert = pg_insert if dialect == "postgresql" else sqlite_insert
        fields = _conversation_fields(ref)
        statement = (
            upsert(ConversationRefRow)
            .values(platform=ref.platform, conversation_id=ref.conversation_id, **fields)
            .on_conflict_do_update(index_elements=["platform", "conversation_id"], set_=fields)
        )
        self._session.execute(statement)

    def for_user(self, platform: str, user_id: str) -> ConversationRef | None:
        if not user_id:
            return None
        query = (
            select(ConversationRefRow)
            .where(
                ConversationRefRow.platform == platform,
                ConversationRefRow.user_id == user_id,
                ConversationRefRow.kind == ConversationKind.PERSONAL.value,
            )
            .order_by(ConversationRefRow.updated_at.desc(), ConversationRefRow.id.desc())
            .limit(1)
        )
        row = self._session.scalar(query)
        return _conversation(row) if row else None

    def channels(self, platform: str) -> list[ConversationRef]:
        query = (
            select(ConversationRefRow)
            .where(
                ConversationRefRow.platform == platform,
                ConversationRefRow.kind == ConversationKind.CHANNEL.value,
            )
            .order_by(ConversationRefRow.conversation_id)
        )
        return [_conversation(row) for row in self._session.scalars(query)]


def _conversation_fields(ref: ConversationRef) -> dict[str, Any]:
    return {
        "kind": ref.kind.value,
        "user_id": ref.user_id,
        "service_url": ref.service_url,
        "tenant_id": ref.tenant_id,
        "payload": ref.payload,
        "updated_at": ref.updated_at,
    }


def _conversation(row: ConversationRefRow) -> ConversationRef:
    return ConversationRef(
        platform=row.platform,
        conversation_id=row.conversation_id,
        kind=ConversationKind(row.kind),
        user_id=row.user_id,
        service_url=row.service_url,
        tenant_id=row.tenant_id,
        payload=row.payload,
        updated_at=row.updated_at,
    )


class SqlQueryRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _row(self, key: str) -> InboxQueryRow | None:
        row: InboxQueryRow | None = self._session.scalar(
            select(InboxQueryRow).where(InboxQueryRow.key == key)
        )
        return row

    def add(self, query: InboxQuery) -> None:
        # A plain INSERT: ingesting an archive adds thousands, and ORM objects cost more.
        self._session.execute(insert(InboxQueryRow).values(key=query.key, **_query_fields(query)))

    def get(self, key: str) -> InboxQuery | None:
        row = self._row(key)
        return _query(row) if row else None

    def by_thread(self, thread: str) -> InboxQuery | None:
        row = self._session.scalar(
            select(InboxQueryRow)
            .where(InboxQueryRow.thread == thread)
            .order_by(InboxQueryRow.received_at)
            .limit(1)
        )
        return _query(row) if row else None

    def save(self, query: InboxQuery) -> None:
        row = self._row(query.key)
        if row is None:
            raise NotFound("inbox query", query.key)
        for name, value in _query_fields(query).items():
            setattr(row, name, value)
        self._session.flush()

    def all(self, first: datetime | None = None, last: datetime | None = None) -> list[InboxQuery]:
        query = select(InboxQueryRow).order_by(InboxQueryRow.received_at)
        if first is not None:
            query = query.where(InboxQueryRow.received_at >= first)
        if last is not None:
            query = query.where(InboxQueryRow.received_at <= last)
        return [_query(row) for row in self._session.scalars(query)]

    def open(self) -> list[InboxQuery]:
        query = (
            select(InboxQueryRow)
            .where(InboxQueryRow.state.in_(("new", "taken")))
            .order_by(InboxQueryRow.received_at)
        )
        return [_query(row) for row in self._session.scalars(query)]

    def answered_between(self, first: datetime, before: datetime) -> list[InboxQuery]:
        query = (
            select(InboxQueryRow)
            .where(InboxQueryRow.answered_at >= first, InboxQueryRow.answered_at < before)
            .order_by(InboxQueryRow.received_at)
        )
        return [_query(row) for row in self._session.scalars(query)]

    def erase(self, email: str) -> int:
        rows = self._session.scalars(
            select(InboxQueryRow).where(func.lower(InboxQueryRow.sender_email) == email.lower())
        ).all()
        for row in rows:
            self._session.delete(row)
        self._session.flush()
        return len(rows)

    def strip_before(self, moment: datetime) -> int:
        statement = (
            update(InboxQueryRow)
            .where(InboxQueryRow.received_at < moment, InboxQueryRow.sender_email != "")
            .values(sender_name="", sender_email="", subject="", summary="")
        )
        return int(getattr(self._session.execute(statement), "rowcount", 0) or 0)


def _query_fields(query: InboxQuery) -> dict[str, Any]:
    return {
        "thread": query.thread,
        "received_at": query.received_at,
        "sender_name": query.sender_name,
        "sender_email": query.sender_email,
        "organisation": query.organisation,
        "org_type": query.org_type.value if query.org_type else "",
        "user_group": query.user_group.value if query.user_group else "",
        "subject": query.subject,
        "summary": query.summary,
        "standard": query.standard,
        "state": query.state.value,
        "assignee": query.assignee,
        "answered_at": query.answered_at,
    }


def _query(row: InboxQueryRow) -> InboxQuery:
    return InboxQuery(
        key=row.key,
        thread=row.thread,
        received_at=row.received_at,
        sender_name=row.sender_name,
        sender_email=row.sender_email,
        organisation=row.organisation,
        org_type=parse_org_type(row.org_type),
        user_group=parse_user_group(row.user_group),
        subject=row.subject,
        summary=row.summary,
        standard=row.standard,
        state=QueryState(row.state),
        assignee=row.assignee,
        answered_at=row.answered_at,
    )


class SqlMailboxRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def cursor(self, mailbox: str) -> str:
        row = self._session.get(MailboxCursorRow, mailbox)
        return row.cursor if row else ""

    def set_cursor(self, mailbox: str, cursor: str, at: datetime) -> None:
        row = self._session.get(MailboxCursorRow, mailbox)
        if row is None:
            self._session.add(MailboxCursorRow(mailbox=mailbox, cursor=cursor, updated_at=at))
        else:
            row.cursor = cursor
            row.updated_at = at
        self._session.flush()
