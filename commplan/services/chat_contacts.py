"""Chat questions as the team counts contacts: one conversation is one contact, and the
team's own people are never users.

A member of the community who asks a question and then follows it up ("what about in
Scotland?") the same working day has made one contact, not two; its topic is the best the
conversation reached, so a follow-up that names no topic of its own never replaces it. The
harmonisation team and the steering group ask the bot too, but they are not the users the
baseline counts.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from commplan.contacts import Channel, Contact
from commplan.people import Person, normalise_name
from commplan.ports import Repositories
from commplan.services.contacts import log_contacts

#: The prefix of a chat question's source reference ("chat:<message key>").
CHAT_REF = "chat:"
#: Summaries of a conversation stop growing here; the first question says most.
MAX_THREAD_SUMMARY = 500
#: How much surer a later answer must be to replace the conversation's topic: confident
#: answers all score near 1, and the question that opened the conversation says what it
#: was about unless a later one is clearly the better reading.
CLEARLY_SURER = 0.1
#: The asker's own pick among the offered standards: as sure as a topic gets.
CHOSEN = 1.0


def counts_as_user(repos: Repositories, person: Person | None) -> bool:
    """Whether this person's questions are contacts: not for the team, nor for a member of
    any group the directory keeps (the harmonisation team, the steering group members)."""
    if person is None:
        return True
    if person.role.is_team:
        return False
    names = {normalise_name(n) for n in (person.name, *person.aliases)}
    return not any(
        normalise_name(member) in names for group in repos.groups.all() for member in group.members
    )


def log_chat_question(repos: Repositories, contact: Contact) -> bool:
    """Log a chat question as a contact, or fold it into the asker's conversation that day.

    ``contact.topic_confidence`` is the answer's confidence (0 when nothing was confident):
    the conversation keeps its first confident topic unless a later answer is clearly surer
    (a topic a team member set counts as sure). True when a new contact was logged.
    """
    thread = _conversation_of(repos, contact)
    if thread is None:
        return log_contacts(repos, [contact]).added > 0
    merged = thread
    surer = contact.topic_confidence > thread.topic_confidence + CLEARLY_SURER
    if contact.standard and (surer or not thread.standard):
        merged = replace(
            merged, standard=contact.standard, topic_confidence=contact.topic_confidence
        )
    if contact.summary and contact.summary not in merged.summary:
        summary = f"{merged.summary} / {contact.summary}" if merged.summary else contact.summary
        merged = replace(merged, summary=summary[:MAX_THREAD_SUMMARY])
    if merged != thread:
        repos.contacts.update(merged)
    return False


def settle_topic(repos: Repositories, *, key: str, asker: str, on: date, standard: str) -> None:
    """The asker picked ``standard`` from the choices offered for question ``key``: their
    conversation's contact takes it, unless the conversation already has a topic as sure
    (one a team member set)."""
    thread = repos.contacts.get(CHAT_REF + key)
    if thread is None:
        named = normalise_name(asker)
        thread = next(
            (
                c
                for c in repos.contacts.all(on, on)
                if c.channel is Channel.CHAT
                and c.source_ref.startswith(CHAT_REF)
                and normalise_name(c.name) == named
            ),
            None,
        )
    if thread is None or thread.topic_confidence >= CHOSEN:
        return
    repos.contacts.update(replace(thread, standard=standard, topic_confidence=CHOSEN))


def _conversation_of(repos: Repositories, contact: Contact) -> Contact | None:
    """The asker's chat conversation already logged on the contact's day, if any."""
    who = _who(contact)
    if not who:
        return None  # nobody to tell one stranger from another
    for logged in repos.contacts.all(contact.on, contact.on):
        if (
            logged.channel is Channel.CHAT
            and logged.source_ref.startswith(CHAT_REF)
            and _who(logged) == who
        ):
            return logged
    return None


def _who(contact: Contact) -> str:
    return contact.email.strip().lower() or normalise_name(contact.name)
