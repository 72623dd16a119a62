"""Erasing one person, on every implementation of the repositories: what is theirs keeps only
what is counted, what quotes them keeps its sense, and nobody else is touched."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from commplan.contacts import Channel, Contact
from commplan.conversations import ConversationKind, ConversationRef
from commplan.erasure import ERASED, Erasure
from commplan.meetings import MeetingAction
from commplan.organisations import OrgType
from commplan.people import Group, Person
from commplan.plan import Phase, Plan, Status, StatusChange, Tactic
from commplan.ports import UnitOfWorkFactory
from commplan.queries import InboxQuery
from commplan.questions import Question
from commplan.standards import Standard

AT = datetime(2026, 9, 8, 9, 30, tzinfo=UTC)
ADDRESS = "jane.smith@leeds.gov.uk"
JANE = Erasure.of(
    ADDRESS, names=["Jane Smith"], chat_ids=["U07JANE"], placeholder="Erased person 1"
)


def test_contacts_and_queries_stay_as_anonymous_rows(uow_factory: UnitOfWorkFactory) -> None:
    leeds = {"organisation": "Leeds City Council", "org_type": OrgType.LOCAL_GOVERNMENT}
    with uow_factory() as uow:
        uow.contacts.add(
            Contact(
                on=date(2026, 9, 7),
                channel=Channel.INBOX,
                name="Jane Smith",
                email="Jane.Smith@leeds.gov.uk",
                summary="Ethnic groups?",
                source_ref="mail:q1",
                **leeds,
            )
        )
        uow.contacts.add(
            Contact(
                on=date(2026, 9, 8),
                channel=Channel.CHAT,
                name=ADDRESS,
                summary="Sex and gender?",
                source_ref="chat:slack:U07JANE:1",
                **leeds,
            )
        )
        uow.contacts.add(
            Contact(
                on=date(2026, 9, 8),
                channel=Channel.MEETING,
                name="Tom Jones",
                summary="Passed on Jane Smith's question",
                source_ref="meeting:tom",
                **leeds,
            )
        )
        uow.contacts.add(
            Contact(
                on=date(2026, 9, 8),
                channel=Channel.PHONE,
                name="Jane",
                summary="Jane from Bradford",
                source_ref="phone:bradford",
            )
        )
        uow.queries.add(
            InboxQuery(
                key="q1",
                thread="q1",
                received_at=AT,
                sender_name="Jane Smith",
                sender_email=ADDRESS,
                subject="Ethnic groups",
                summary="Which categories?",
            )
        )
        uow.queries.add(
            InboxQuery(
                key="q2",
                thread="q1",
                received_at=AT,
                sender_name="Tom Jones",
                sender_email="tom@leeds.gov.uk",
                subject="Fwd: Jane Smith's question",
                summary=f"From: Jane Smith <{ADDRESS}>",
                assignee="Jane Smith",
            )
        )
        uow.commit()
    with uow_factory() as uow:
        assert [c.source_ref for c in uow.contacts.of_person(ADDRESS.upper())] == ["mail:q1"]
        assert uow.contacts.erase_person(JANE) == 3
        assert uow.queries.erase_person(JANE) == 2
        uow.commit()
    with uow_factory() as uow:
        contacts = {c.source_ref: c for c in uow.contacts.all()}
        assert set(contacts) == {
            "mail:q1",
            f"chat:slack:{ERASED}:1",
            "meeting:tom",
            "phone:bradford",
        }
        for key in ("mail:q1", f"chat:slack:{ERASED}:1"):
            mine = contacts[key]
            assert (mine.name, mine.email, mine.summary) == ("", "", "")
            assert (mine.organisation, mine.org_type) == (
                "Leeds City Council",
                OrgType.LOCAL_GOVERNMENT,
            )
        assert contacts["meeting:tom"].summary == f"Passed on {ERASED}'s question"
        assert contacts["phone:bradford"].name == "Jane"  # a first name alone may be anyone
        theirs, toms = uow.queries.get("q1"), uow.queries.get("q2")
        assert theirs is not None and toms is not None
        assert (theirs.sender_name, theirs.sender_email, theirs.subject, theirs.summary) == (
            "",
            "",
            "",
            "",
        )
        assert theirs.received_at == AT
        assert (toms.subject, toms.summary) == (
            f"Fwd: {ERASED}'s question",
            f"From: {ERASED} <{ERASED}>",
        )
        assert toms.assignee == "Erased person 1" and toms.sender_name == "Tom Jones"


def test_chat_records_go_or_lose_them(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        uow.questions.add(
            Question(key="slack:U07JANE:1", text="Sex and gender?", asked_at=AT, asker="Jane Smith")
        )
        uow.questions.add(
            Question(
                key="teams:9",
                text=f"Did anyone answer {ADDRESS}?",
                asked_at=AT,
                asker="Pete Brodie",
            )
        )
        uow.drafts.put("slack:D07:U07JANE", {"kind": "tactic"}, AT)
        uow.drafts.put("slack:D08:U08PETE", {"owner": "Jane Smith"}, AT)
        uow.drafts.put("slack:D09:U09TOM", {"owner": "Tom Jones"}, AT)
        uow.claims.claim(
            "chat:slack:U07JANE:1",
            kind="chat_message",
            person="U07JANE",
            item="slack:D07:U07JANE",
            at=AT,
        )
        uow.claims.claim(
            "due:tactic:2026:3:1", kind="due", person="Jane Smith", item="tactic 3", at=AT
        )
        uow.claims.claim(
            "due:tactic:2026:3:2", kind="due", person="Pete Brodie", item="tactic 3", at=AT
        )
        uow.notices.add("Jane Smith", "Overdue: tactic 3", AT)
        uow.notices.add("#team", "New query", AT, {"text": f"from {ADDRESS}"})
        uow.notices.add("#team", "Digest", AT)
        personal = ConversationRef(
            platform="slack",
            conversation_id="D07",
            kind=ConversationKind.PERSONAL,
            updated_at=AT,
            user_id="U07JANE",
        )
        uow.conversations.save(personal)
        uow.conversations.save(
            ConversationRef(
                platform="teams",
                conversation_id="19:team",
                kind=ConversationKind.CHANNEL,
                updated_at=AT,
                payload=json.dumps({"user": {"name": "Jane Smith"}}),
            )
        )
        uow.commit()
    with uow_factory() as uow:
        assert uow.claims.claimants(["chat:slack:U07JANE:1", "nothing"]) == {"U07JANE"}
        assert uow.questions.erase_person(JANE) == 2
        assert uow.drafts.erase_person(JANE) == 2
        assert uow.claims.erase_person(JANE) == 2
        assert uow.notices.erase_person(JANE) == 2
        assert uow.conversations.erase_person(JANE) == 2
        uow.commit()
    with uow_factory() as uow:
        mine = uow.questions.get(f"slack:{ERASED}:1")
        assert mine is not None and (mine.asker, mine.text, mine.resolved) == ("", "", True)
        other = uow.questions.get("teams:9")
        assert other is not None and other.text == f"Did anyone answer {ERASED}?"
        assert [q.key for q in uow.questions.needing_team()] == ["teams:9"]
        assert uow.drafts.get("slack:D07:U07JANE") is None
        assert uow.drafts.get("slack:D08:U08PETE") is None
        assert uow.drafts.get("slack:D09:U09TOM") == {"owner": "Tom Jones"}
        assert uow.claims.claimed(["chat:slack:U07JANE:1", "due:tactic:2026:3:1"]) == {
            "due:tactic:2026:3:1"
        }
        assert uow.claims.claimants(["due:tactic:2026:3:1"]) == {"Erased person 1"}
        assert [n.text for n in uow.notices.after(["Jane Smith", "#team"])] == ["Digest"]
        assert uow.conversations.for_user("slack", "U07JANE") is None
        (channel,) = uow.conversations.channels("teams")
        assert json.loads(channel.payload) == {"user": {"name": "Erased person 1"}}


def test_the_directory_and_the_plan_keep_a_placeholder(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        uow.people.add(
            Person(
                name="Jane Smith",
                email="Jane.Smith@Leeds.gov.uk",
                slack_id="U07JANE",
                organisation="Leeds City Council",
                aliases=("Janey",),
            )
        )
        uow.people.add(Person(name="Pete Brodie", email="pete@ons.gov.uk"))
        uow.groups.add(Group(name="Ethnicity group", members=("Jane Smith", "Pete Brodie")))
        uow.plans.add(Plan(year=2026, title="Plan 2026"))
        uow.tactics.add(
            Tactic(
                plan_year=2026,
                number=3,
                name="Webinar",
                phase=Phase.Q1,
                owners=("Jane Smith", "Pete Brodie"),
                notes="Jane Smith to co-present",
            )
        )
        uow.tactics.record(2026, 3, StatusChange(status=Status.ONGOING, at=AT, by="Jane Smith"))
        uow.tactics.add(
            Tactic(plan_year=2026, number=4, name="Blog", phase=Phase.Q2, owners=("Pete Brodie",))
        )
        uow.actions.add(
            MeetingAction(
                meeting_date=date(2026, 9, 1),
                number=1,
                text="Send the guidance",
                responsible="Pete Brodie, Jane Smith",
                update=f"Sent to {ADDRESS}",
            )
        )
        uow.standards.add(
            Standard(name="Ethnicity", topic="ethnicity", covers="", owner="Jane Smith")
        )
        uow.standards.add(Standard(name="Tenure", topic="housing", covers="", owner="Pete Brodie"))
        uow.commit()
    with uow_factory() as uow:
        jane = uow.people.get("Jane Smith")
        assert jane is not None
        who = Erasure.of(ADDRESS, names=["Jane Smith"], placeholder=f"Erased person {jane.id}")
        assert uow.tactics.erase_person(who) == 1
        assert uow.actions.erase_person(who) == 1
        assert uow.standards.erase_person(who) == 1
        assert uow.people.erase_person(who) == 1
        uow.commit()
    with uow_factory() as uow:
        placeholder = f"Erased person {jane.id}"
        assert uow.people.get(placeholder) == Person(
            name=placeholder, organisation="Leeds City Council", id=jane.id
        )
        assert uow.people.find(slack_id="U07JANE") is None
        assert uow.groups.get("Ethnicity group") == Group(
            name="Ethnicity group", members=("Pete Brodie",)
        )
        webinar, blog = uow.tactics.all(2026)
        assert webinar.owners == (placeholder, "Pete Brodie")
        assert webinar.notes == f"{ERASED} to co-present"
        assert [c.by for c in webinar.history] == [placeholder]
        assert blog.owners == ("Pete Brodie",)
        (action,) = uow.actions.all()
        assert (action.responsible, action.update) == (
            f"Pete Brodie, {ERASED}",
            f"Sent to {ERASED}",
        )
        assert [s.owner for s in uow.standards.all()] == [placeholder, "Pete Brodie"]
