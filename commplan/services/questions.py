"""Standards questions asked in chat: kept once, logged as contacts, and fed back on."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from commplan.contacts import Channel, Contact, Direction
from commplan.errors import NotFound
from commplan.paging import CHAT_ROWS, Page
from commplan.people import Person
from commplan.permissions import require_team
from commplan.ports import Repositories, UnitOfWork
from commplan.questions import Feedback, Question
from commplan.ranking import Lookup, StandardsIndex
from commplan.services.chat_contacts import counts_as_user, log_chat_question, settle_topic

MAX_QUESTION = 2000
MAX_SUMMARY = 500


@dataclass(frozen=True, kw_only=True)
class AskedQuestion:
    """Someone asking which standard covers a topic.

    ``key`` is the chat message's key: a retried delivery is the same question. ``asker`` is
    the name to record (the person's, else the chat's); ``email`` the chat's address, used
    when the person is not known.
    """

    key: str
    topic: str
    at: datetime
    person: Person | None
    asker: str
    email: str = ""


@dataclass(frozen=True, kw_only=True)
class Asked:
    """The catalogue's answer, and whether this was the first time the question was kept."""

    lookup: Lookup
    first: bool


def ask_standard(uow: UnitOfWork, asked: AskedQuestion, *, standards: StandardsIndex) -> Asked:
    """Look the topic up in the catalogue and keep the question once.

    A member of the community asking is also a contact, logged on the chat channel, once per
    conversation (see :mod:`commplan.services.chat_contacts`); the team and the steering group
    asking are not.
    """
    lookup = standards.lookup(asked.topic)
    best = lookup.matches[0] if lookup.matches else None
    question = Question(
        key=asked.key,
        text=asked.topic[:MAX_QUESTION],
        asked_at=asked.at,
        asker=asked.asker,
        answered=lookup.answered,
        best_match=best.standard.name if best else "",
        score=best.score if best else 0.0,
    )
    with uow as repos:
        if not repos.questions.add(question):
            return Asked(lookup=lookup, first=False)  # a retried delivery of the same message
        if counts_as_user(repos, asked.person):
            confident = best is not None and lookup.answered
            contact = _contact(repos, asked, best.standard.name if best and confident else "")
            confidence = best.score if best and confident else 0.0
            log_chat_question(repos, replace(contact, topic_confidence=confidence))
        repos.commit()
    return Asked(lookup=lookup, first=True)


def keep_question(
    uow: UnitOfWork,
    asked: AskedQuestion,
    *,
    answered: bool,
    best_match: str,
    score: float,
    summary: str = "",
) -> bool:
    """Keep a question the understanding has already decided, once; False for a retry.

    ``answered`` is whether it got a confident answer (``best_match``, at ``score``, the
    confidence shown); ``summary`` is what the contact log says was asked (the message
    without greeting and sign-off), the topic by default. Logged as a contact like
    :func:`ask_standard`.
    """
    question = Question(
        key=asked.key,
        text=asked.topic[:MAX_QUESTION],
        asked_at=asked.at,
        asker=asked.asker,
        answered=answered,
        best_match=best_match,
        score=score,
    )
    with uow as repos:
        if not repos.questions.add(question):
            return False
        if counts_as_user(repos, asked.person):
            contact = replace(
                _contact(repos, asked, best_match if answered else ""),
                summary=(summary or asked.topic)[:MAX_SUMMARY],
                topic_confidence=score if answered else 0.0,
            )
            log_chat_question(repos, contact)
        repos.commit()
    return True


def choose_answer(uow: UnitOfWork, key: str, standard: str) -> Question:
    """The asker picked one of the offered standards: that is the answer, and it helped."""
    with uow as repos:
        question = repos.questions.get(key)
        if question is None:
            raise NotFound("question", "to record that against")
        changed = replace(question, answered=True, best_match=standard, feedback=Feedback.HELPFUL)
        repos.questions.save(changed)
        settle_topic(
            repos, key=key, asker=question.asker, on=question.asked_at.date(), standard=standard
        )
        repos.commit()
    return changed


def _contact(repos: Repositories, asked: AskedQuestion, standard: str) -> Contact:
    person = asked.person
    organisation = person.organisation if person else ""
    known = repos.organisations.get(organisation) if organisation else None
    return Contact(
        on=asked.at.date(),
        channel=Channel.CHAT,
        direction=Direction.INBOUND,
        name=asked.asker,
        email=person.email if person else asked.email,
        organisation=organisation,
        org_type=known.org_type if known else None,
        user_group=known.user_group if known else None,
        standard=standard,
        summary=asked.topic[:MAX_SUMMARY],
        source_ref=f"chat:{asked.key}",
    )


def record_feedback(
    uow: UnitOfWork, key: str, feedback: Feedback | None, *, passed: bool = False
) -> Question:
    """Record how an answer landed, and whether the asker passed the question to the team.

    Feedback already given stays unless new feedback replaces it; passed stays passed.
    """
    with uow as repos:
        question = repos.questions.get(key)
        if question is None:
            raise NotFound("question", "to record that against")
        changed = replace(
            question,
            feedback=feedback or question.feedback,
            passed_to_team=question.passed_to_team or passed,
        )
        repos.questions.save(changed)
        repos.commit()
    return changed


def unanswered(uow: UnitOfWork, *, person: Person | None) -> list[Question]:
    """Questions nobody could answer, newest first: the team's queue."""
    require_team(person, "Only the harmonisation team can read the question queue.")
    with uow as repos:
        return repos.questions.needing_team()


def unanswered_page(
    uow: UnitOfWork, *, person: Person | None, limit: int = CHAT_ROWS
) -> Page[Question]:
    """The newest questions nobody could answer and how many there are: the team's queue."""
    require_team(person, "Only the harmonisation team can read the question queue.")
    with uow as repos:
        return repos.questions.needing_team_page(limit=limit)
