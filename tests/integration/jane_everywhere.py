"""Jane Smith of Leeds, seeded into every place storage can hold a person (the erasure
tests' subject)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from email.message import EmailMessage
from pathlib import Path

from adapters.bootstrap import Runtime
from commplan.champions import ChampionUpdate
from commplan.contacts import ChangeKind, Channel, Contact, ContactChange
from commplan.conversations import ConversationKind, ConversationRef
from commplan.meetings import MeetingAction
from commplan.organisations import OrgType
from commplan.people import Group, GroupKind, Person
from commplan.plan import FieldChange, Status, StatusChange
from commplan.queries import InboxQuery
from commplan.questions import Question
from commplan.records.batches import ImportBatch, RecordChange
from commplan.reminder_settings import ReminderSettings, Snooze
from tests.integration.cli import Cli

SENDER = "Jane.Smith@leeds.gov.uk"
SUMMARY = "Which ethnic group categories should we use in our residents survey?"
JANE = "Jane Smith"
JANE_ALIAS = "Janey Smith"
JANE_SLACK = "U07JANE5M1TH"
JANE_TEAMS = "29:1JaneSmithTeamsId-8f3c"
# Every way storage may spell her; a one-word "Jane" may be anyone, so it is not looked for.
SPELLINGS = (SENDER, JANE, JANE_ALIAS, JANE_SLACK, JANE_TEAMS)
ASKED = "Which sex and gender questions should we use in a survey?"


def import_query(cli: Cli, folder: Path) -> None:
    mail = EmailMessage()
    mail["From"] = f"Jane Smith <{SENDER}>"
    mail["To"] = "harmonisation@ons.gov.uk"
    mail["Subject"] = "Ethnic group question"
    mail["Date"] = "Mon, 07 Sep 2026 10:15:00 +0100"
    mail["Message-ID"] = "<q1@leeds.gov.uk>"
    mail.set_content(SUMMARY)
    path = folder / "q1.eml"
    path.write_bytes(bytes(mail))
    cli.ok("inbox", "import", "--open", str(path))


def seed_jane_everywhere(cli: Cli, runtime: Runtime, folder: Path) -> None:
    """Jane Smith of Leeds, in every place a person can be stored."""
    import_query(cli, folder)  # her mail: an inbox query, and a contact
    at = datetime(2026, 9, 8, 9, 30, tzinfo=UTC)
    ask_key = f"slack:{JANE_SLACK}:{at.isoformat()}:6f1d2c3b4a59"  # no message id: her id
    conversation = f"slack:D07JANEDM:{JANE_SLACK}"
    with runtime.uow() as uow:
        uow.people.add(
            Person(
                name=JANE,
                email=SENDER,
                organisation="Leeds City Council",
                slack_id=JANE_SLACK,
                teams_id=JANE_TEAMS,
                aliases=(JANE_ALIAS,),
            )
        )
        group = uow.groups.all()[0]
        uow.groups.save(replace(group, members=(*group.members, JANE)))
        tactic = uow.tactics.all()[0]
        uow.tactics.save(
            replace(
                tactic,
                owners=(*tactic.owners, JANE),
                notes=f"{JANE} from Leeds offered to co-present",
            )
        )
        uow.tactics.record(
            tactic.plan_year,
            tactic.number,
            StatusChange(status=Status.ONGOING, at=at, by=JANE, note=f"agreed with {SENDER}"),
        )
        uow.actions.add(
            MeetingAction(
                meeting_date=date(2026, 9, 1),
                number=1,
                text=f"Share the draft ethnicity guidance with {JANE}",
                responsible=f"Pete Brodie, {JANE}",
                update=f"Sent to {SENDER} on 3 September",
            )
        )
        standard = uow.standards.all()[0]
        uow.standards.save(replace(standard, owner=JANE))
        # A question she asked in Slack, logged as a contact under its message's claim key.
        uow.claims.claim(
            f"chat:{ask_key}", kind="chat_message", person=JANE_SLACK, item=conversation, at=at
        )
        uow.questions.add(
            Question(
                key=ask_key,
                text="Which sex and gender questions for a survey?",
                asked_at=at,
                asker=JANE,
            )
        )
        uow.contacts.add(
            Contact(
                on=at.date(),
                channel=Channel.CHAT,
                name=SENDER,  # the chat hid her name and showed her address
                organisation="Leeds City Council",
                org_type=OrgType.LOCAL_GOVERNMENT,
                summary=ASKED,
                source_ref=f"chat:{ask_key}",
            )
        )
        # A colleague's contact, question and mail that quote her.
        uow.contacts.add(
            Contact(
                on=at.date(),
                channel=Channel.MEETING,
                name="Tom Jones",
                organisation="Leeds City Council",
                org_type=OrgType.LOCAL_GOVERNMENT,
                summary=f"Tom passed on {JANE}'s question ({SENDER}) about ethnicity",
                source_ref="meeting:2026-09-08:tom",
            )
        )
        # She corrected her own contact's summary on the dashboard: the history holds both.
        hers = uow.contacts.get(f"chat:{ask_key}")
        assert hers is not None
        uow.contacts.record(
            ContactChange(
                contact_id=hers.id,
                at=at,
                by=JANE,
                kind=ChangeKind.EDITED,
                field="summary",
                before=f"{JANE} asked: {ASKED}",
                after=f"{ASKED} Reply to {SENDER}",
            )
        )
        uow.questions.add(
            Question(
                key="teams:1694170000000",
                text=f"Has anyone answered {SENDER} about ethnicity yet?",
                asked_at=at,
                asker="Pete Brodie",
            )
        )
        # Some mail servers make a Message-ID from the sender's address.
        her_reply = f"20260908093000/{SENDER}"
        uow.queries.add(
            InboxQuery(
                key=her_reply,
                thread="q1@leeds.gov.uk",
                received_at=at,
                sender_name=JANE,
                sender_email=SENDER,
                organisation="Leeds City Council",
                subject="Re: Ethnic group question",
                summary="Thanks, that answers it.",
            )
        )
        uow.queries.add(
            InboxQuery(
                key="CAF=tom.2026@leeds.gov.uk",
                thread=her_reply,
                received_at=at,
                sender_name="Tom Jones",
                sender_email="tom.jones@leeds.gov.uk",
                organisation="Leeds City Council",
                subject=f"Fwd: {JANE}'s question",
                summary=f"From: {JANE} <{SENDER}> Which ethnic group categories?",
                assignee=JANE,
            )
        )
        uow.drafts.put(conversation, {"kind": "tactic", "owner": JANE}, at)
        uow.claims.claim("due:tactic:2026:3:99", kind="due", person=JANE, item="tactic 3", at=at)
        uow.notices.add(JANE, "Overdue: Tactic 3", at)
        uow.notices.add("#team", f"New query from {JANE_ALIAS}", at, {"text": f"From {SENDER}"})
        uow.conversations.save(
            ConversationRef(
                platform="teams",
                conversation_id=f"a:1{JANE_TEAMS}",
                kind=ConversationKind.PERSONAL,
                updated_at=at,
                user_id=JANE_TEAMS,
                payload=json.dumps({"user": {"id": JANE_TEAMS, "name": JANE}}),
            )
        )
        uow.conversations.save(
            ConversationRef(
                platform="teams",
                conversation_id="19:harmonisation@thread.tacv2",
                kind=ConversationKind.CHANNEL,
                updated_at=at,
                payload=json.dumps({"user": {"id": JANE_TEAMS, "name": JANE}}),
            )
        )
        # She handed one of her tactics to a colleague (the edit history names her), and is
        # the contact at an organisation that owns a tactic.
        uow.tactics.record_edit(
            2026,
            1,
            FieldChange(field="owners", old=JANE, new=f"Pete Brodie, {JANE}", by=JANE, at=at),
        )
        uow.groups.add(Group(name="Leeds Observatory", kind=GroupKind.ORGANISATION, contact=JANE))
        # A colleague, champion for Leeds, reported her work in their quarterly update.
        uow.people.add(Person(name="Sam Leeds", email="sam@leeds.gov.uk"))
        sam = uow.people.get("Sam Leeds")
        assert sam is not None
        uow.champions.appoint(sam.id, "Leeds City Council", at)
        uow.champions.add_update(
            ChampionUpdate(
                person_id=sam.id,
                person="Sam Leeds",
                organisation="Leeds City Council",
                quarter="2026Q3",
                harmonised=f"{JANE} moved our survey to the ethnicity standard",
                blocked=f"waiting on {SENDER} for the sign-off",
                at=at,
                key=f"slack:{JANE_SLACK}:forwarded-update",
            )
        )
        # She works part time and snoozed a reminder.
        uow.reminder_settings.put(ReminderSettings(person=JANE, quiet_days=frozenset({4})))
        uow.reminder_settings.snooze(Snooze(person=JANE, item="tactic:2026:1", until=at.date()))
        # A contacts file she sent in, imported by her: the batch keeps its rows for undo.
        uow.imports.add(
            ImportBatch(
                kind="contacts",
                source=f"{JANE} contacts.csv",
                at=at,
                by=JANE,
                changes=(
                    RecordChange(
                        record="contacts",
                        key="row-hash-1",
                        label=f"contact from {SENDER}",
                        before={"name": JANE, "email": SENDER},
                        changed=("summary",),
                    ),
                ),
            )
        )
        uow.commit()
