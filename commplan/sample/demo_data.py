"""A year of invented contacts, inbox queries and chat questions, for ``harmonibot seed --demo``.

Deterministic: the same day, directory, catalogue and seed give the same rows, so a demo can be
shown twice and a test can pin what it sees. Nothing is written here; the demo seeding service
logs the rows through the same repositories real contacts go through.

Every row's reference says it is a demo row (:func:`is_demo_ref`), which is how the demo is
told apart from real data and removed again.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from commplan.contacts import Channel, Contact, Direction
from commplan.organisations import Organisation, OrgType, UserGroup
from commplan.queries import InboxQuery, QueryState
from commplan.questions import Feedback, Question
from commplan.sample import demo_words as words
from commplan.sample.demo_calendar import CENSUS_MONTHS, office_hours, poisson, season
from commplan.standards import Standard
from commplan.workdays import WorkingDays

DEFAULT_SEED = 2015
#: Contacts on an ordinary working day of an ordinary month.
PER_DAY = 11.0
DAYS = 365
#: Contacts a day at the start and at the end of the year, against an ordinary day.
GROWTH = (0.8, 1.2)
CHANNELS = {
    Channel.INBOX: 45, Channel.CHAT: 27, Channel.EVENT: 8, Channel.WEBINAR: 6,
    Channel.MEETING: 8, Channel.PHONE: 4, Channel.OTHER: 2,
}  # fmt: skip
#: The share of contacts on each channel that the team started.
OUTBOUND = {Channel.EVENT: 0.3, Channel.WEBINAR: 0.2, Channel.MEETING: 0.5, Channel.PHONE: 0.4}
QUIET_ORGANISATIONS = 7
#: Gone quiet means nothing for longer than the dashboard's 90 days.
QUIET_FOR = (100, 220)
ACTIVE_OTHERS = 150
#: Contacts from members of the public, who give no organisation.
PUBLIC_SHARE = 0.03
NO_TOPIC_SHARE = 0.12
UNANSWERED_SHARE = 0.18
#: Inbox queries nobody has picked up for a while: the dashboard's "open past due".
FORGOTTEN = 3

#: References: demo inbox mail ``mail:demo-mail-…``, chat ``chat:demo-chat-…``, the rest
#: ``demo:…``; query keys ``demo-mail-…`` and question keys ``demo-chat-…``.
MAIL_KEY = "demo-mail-{:05d}@harmonibot.example"
CHAT_KEY = "demo-chat-{:05d}"
OTHER_REF = "demo:{:05d}"
_DEMO_PREFIXES = ("demo:", "mail:demo-mail-", "chat:demo-chat-", "demo-mail-", "demo-chat-")


def is_demo_ref(ref: str) -> bool:
    """Whether a contact's reference, or a query's or question's key, is a demo row's."""
    return ref.startswith(_DEMO_PREFIXES)


#: The first reference of each kind: one of them is there whenever demo data is.
FIRST_REFS = ("mail:" + MAIL_KEY.format(1), "chat:" + CHAT_KEY.format(1), OTHER_REF.format(1))


@dataclass(frozen=True, kw_only=True)
class DemoData:
    """The rows of a demo year; ``quiet`` names the organisations that have gone quiet."""

    contacts: tuple[Contact, ...]
    queries: tuple[InboxQuery, ...]
    questions: tuple[Question, ...]
    quiet: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class _Person:
    name: str
    email: str
    organisation: Organisation | None


def generate(
    *,
    at: datetime,
    organisations: Sequence[Organisation],
    standards: Sequence[Standard],
    team: Sequence[str],
    seed: int = DEFAULT_SEED,
    calendar: WorkingDays | None = None,
) -> DemoData:
    """The twelve months of contacts before ``at`` (aware), with their queries and questions.

    Raises:
        ValueError: the directory or catalogue is empty, or ``at`` has no time zone.
    """
    if at.tzinfo is None:
        raise ValueError("the demo needs an aware time")
    if not organisations or not standards or not team:
        raise ValueError("the demo needs the directory, the catalogue and the team")
    return _Year(at, organisations, standards, team, random.Random(seed), calendar).build()


@dataclass
class _Year:
    """One run of the generator; its random draws happen in one fixed order."""

    at: datetime
    organisations: Sequence[Organisation]
    standards: Sequence[Standard]
    team: Sequence[str]
    rng: random.Random
    calendar: WorkingDays | None
    contacts: list[Contact] = field(default_factory=list)
    queries: list[InboxQuery] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    counters: dict[str, int] = field(default_factory=dict)
    people: dict[str, list[_Person]] = field(default_factory=dict)
    chatted: set[tuple[str, date]] = field(default_factory=set)

    def build(self) -> DemoData:
        today = self.at.date()
        first = today - timedelta(days=DAYS)
        active, weights, quiet = self._choose_organisations(today)
        days = [first + timedelta(days=n) for n in range(DAYS + 1)]  # up to today
        for day in days:
            # Organisations gone quiet are in the draw only until they went quiet.
            allowed = [
                (o, w)
                for o, w in zip(active, weights, strict=True)
                if quiet.get(o.name, date.max) > day
            ]
            names, odds = [o for o, _ in allowed], [w for _, w in allowed]
            # Contact grows through the year, as the plan's second objective wants it to.
            growth = GROWTH[0] + (GROWTH[1] - GROWTH[0]) * (day - first).days / DAYS
            for _ in range(poisson(self.rng, PER_DAY * growth * season(day, self.calendar))):
                self._contact(day, self.rng.choices(names, odds)[0])
        for name, cutoff in sorted(quiet.items()):
            # A quiet organisation was in touch earlier in the year, whatever the draws gave.
            organisation = next(o for o in active if o.name == name)
            for _ in range(3):
                self._contact(
                    first + timedelta(days=self.rng.randrange((cutoff - first).days)), organisation
                )
        self._forget_some()
        ordered = sorted(self.contacts, key=lambda c: (c.on, c.source_ref))
        return DemoData(
            contacts=tuple(ordered),
            queries=tuple(sorted(self.queries, key=lambda q: (q.received_at, q.key))),
            questions=tuple(sorted(self.questions, key=lambda q: (q.asked_at, q.key))),
            quiet=tuple(sorted(quiet)),
        )

    def _choose_organisations(
        self, today: date
    ) -> tuple[list[Organisation], list[float], dict[str, date]]:
        directory = sorted(self.organisations, key=lambda o: o.name)
        respondents = [o for o in directory if o.name in words.RESPONDENTS]
        others = [o for o in directory if o.name not in words.RESPONDENTS and o.org_type]
        active = respondents + self.rng.sample(others, min(ACTIVE_OTHERS, len(others)))
        weights = [_weight(o, respondent=o in respondents) for o in active]
        quiet_ones = self.rng.sample(active, min(QUIET_ORGANISATIONS, len(active) - 1))
        quiet = {o.name: today - timedelta(days=self.rng.randint(*QUIET_FOR)) for o in quiet_ones}
        return active, weights, quiet

    def _contact(self, day: date, organisation: Organisation) -> None:
        public = self.rng.random() < PUBLIC_SHARE
        person = self._person(None if public else organisation)
        channel = self.rng.choices(list(CHANNELS), list(CHANNELS.values()))[0]
        topic = self._topic(day)
        if channel is Channel.INBOX:
            self._mail(day, person, topic)
        elif channel is Channel.CHAT:
            self._chat(day, person, topic)
        else:
            self._met(day, person, topic, channel)

    def _next(self, kind: str) -> int:
        self.counters[kind] = self.counters.get(kind, 0) + 1
        return self.counters[kind]

    def _mail(self, day: date, person: _Person, topic: Standard | None) -> None:
        key = MAIL_KEY.format(self._next("mail"))
        if topic is None:
            subject = self.rng.choice(words.GENERAL_SUBJECTS)
        else:
            subject = self.rng.choice(words.SUBJECTS).format(topic.topic.lower())
        summary = f"{subject} — {self.rng.choice(words.MAIL_TEXTS)}"
        received = self._moment(day)
        self.contacts.append(
            _logged(day, person, Channel.INBOX, topic, summary, f"mail:{key}", Direction.INBOUND)
        )
        query = InboxQuery(
            key=key,
            thread=key,
            received_at=received,
            sender_name=person.name,
            sender_email=person.email,
            organisation=_name(person),
            org_type=_type(person),
            user_group=_group(person),
            subject=subject,
            summary=summary,
            standard=topic.name if topic else "",
        )
        self.queries.append(self._answer(query))

    def _answer(self, query: InboxQuery) -> InboxQuery:
        """What the team did with a query: most answered within a working day or two."""
        if self.rng.random() < 0.05:
            return replace(query, state=QueryState.CLOSED)
        hours = min(self.rng.lognormvariate(math.log(6), 1.0), 24 * 15)
        answered = office_hours(query.received_at + timedelta(hours=hours), self.rng)
        assignee = self.rng.choice(self.team)
        # The last few days' mail is partly still waiting, as in any inbox.
        recent = self.at - query.received_at < timedelta(days=4) and self.rng.random() < 0.6
        if answered >= self.at or recent:
            state = QueryState.TAKEN if self.rng.random() < 0.6 else QueryState.NEW
            taker = assignee if state is QueryState.TAKEN else ""
            return replace(query, state=state, assignee=taker)
        return replace(query, state=QueryState.ANSWERED, assignee=assignee, answered_at=answered)

    def _forget_some(self) -> None:
        """A few older queries nobody has picked up: the inbox a real team has."""
        weeks_ago = self.at - timedelta(days=10)
        answered = [
            i
            for i, q in enumerate(self.queries)
            if q.state is QueryState.ANSWERED
            and weeks_ago - timedelta(days=40) < q.received_at < weeks_ago
        ]
        for i in self.rng.sample(answered, min(FORGOTTEN, len(answered))):
            self.queries[i] = replace(
                self.queries[i], state=QueryState.NEW, assignee="", answered_at=None
            )

    def _chat(self, day: date, person: _Person, topic: Standard | None) -> None:
        key = CHAT_KEY.format(self._next("chat"))
        asked = self._moment(day)
        answered = topic is not None and self.rng.random() >= UNANSWERED_SHARE
        if answered and topic is not None:
            wording = self.rng.choice(topic.synonyms or (topic.topic.lower(),))
            text = self.rng.choice(words.QUESTION_FORMS).format(wording)
            score = round(self.rng.uniform(0.72, 0.97), 2)
            draw = self.rng.random()
            # A third say it helped; now and then it was not what they needed.
            feedback = Feedback.HELPFUL if draw < 0.3 else Feedback.NONE
            if draw > 0.99:
                feedback = Feedback.NOT_NEEDED
        else:
            text = self.rng.choice(words.UNANSWERABLE)
            score = round(self.rng.uniform(0.2, 0.45), 2)
            feedback = Feedback.NONE
        # The team clears most of its queue; the last three weeks' questions still wait.
        old = (self.at - asked).days > 21
        resolved = old and self.rng.random() < 0.97
        self.questions.append(
            Question(
                key=key,
                text=text,
                asked_at=asked,
                asker=person.name,
                answered=answered,
                best_match=topic.name if answered and topic else "",
                score=score,
                feedback=feedback,
                passed_to_team=not answered and self.rng.random() < 0.5,
                resolved=resolved,
            )
        )
        # As in chat: one conversation a person a day is one contact, however many questions.
        if (person.email, day) in self.chatted:
            return
        self.chatted.add((person.email, day))
        contact = _logged(
            day,
            person,
            Channel.CHAT,
            topic if answered else None,
            text,
            f"chat:{key}",
            Direction.INBOUND,
        )
        self.contacts.append(replace(contact, topic_confidence=score if answered else 0.0))

    def _met(self, day: date, person: _Person, topic: Standard | None, channel: Channel) -> None:
        ref = OTHER_REF.format(self._next("other"))
        notes = words.MEETING_NOTES[channel.value]
        summary = self.rng.choice(notes).format(topic.topic.lower() if topic else "harmonisation")
        outbound = self.rng.random() < OUTBOUND.get(channel, 0.5)
        direction = Direction.OUTBOUND if outbound else Direction.INBOUND
        self.contacts.append(_logged(day, person, channel, topic, summary, ref, direction))

    def _person(self, organisation: Organisation | None) -> _Person:
        """One of an organisation's (invented) people; each has one to three."""
        name = organisation.name if organisation else ""
        staff = self.people.setdefault(name, [])
        if len(staff) < (12 if organisation is None else 3) and (
            not staff or self.rng.random() < 0.3
        ):
            first = self.rng.choice(words.FIRST_NAMES)
            last = self.rng.choice(words.LAST_NAMES)
            domain = _slug(name) if name else "mail"
            local = re.sub(r"[^a-z.]", "", f"{first}.{last}".lower())
            staff.append(
                _Person(
                    name=f"{first} {last}",
                    email=f"{local}@{domain}.{words.DEMO_DOMAIN}",
                    organisation=organisation,
                )
            )
            return staff[-1]
        return self.rng.choice(staff)

    def _topic(self, day: date) -> Standard | None:
        if self.rng.random() < NO_TOPIC_SHARE:
            return None
        boost = CENSUS_MONTHS.get(day.month, 1.0)
        weights = [boost if s.topic in words.CENSUS_TOPICS else 1.0 for s in self.standards]
        return self.rng.choices(list(self.standards), weights)[0]

    def _moment(self, day: date) -> datetime:
        minutes = self.rng.randrange(8 * 60, 17 * 60 + 30)
        moment = datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=self.at.tzinfo)
        return min(moment, self.at - timedelta(minutes=5))


def _weight(organisation: Organisation, *, respondent: bool) -> float:
    if respondent:
        return 5.0
    if organisation.org_type in (OrgType.CENTRAL_GOVERNMENT, OrgType.GOVERNMENT_AGENCY):
        return 2.0
    return 1.0


def _slug(name: str) -> str:
    kept = re.sub(r"[^a-z0-9 ]", "", name.lower()).split()
    return "-".join(kept[:3]) or "org"


def _name(person: _Person) -> str:
    return person.organisation.name if person.organisation else ""


def _type(person: _Person) -> OrgType | None:
    return person.organisation.org_type if person.organisation else None


def _group(person: _Person) -> UserGroup | None:
    if person.organisation is None:
        return UserGroup.CITIZEN
    return person.organisation.user_group


def _logged(
    day: date,
    person: _Person,
    channel: Channel,
    topic: Standard | None,
    summary: str,
    ref: str,
    direction: Direction,
) -> Contact:
    return Contact(
        on=day,
        channel=channel,
        direction=direction,
        name=person.name,
        email=person.email,
        organisation=_name(person),
        org_type=_type(person),
        user_group=_group(person),
        standard=topic.name if topic else "",
        summary=summary,
        source_ref=ref,
    )
