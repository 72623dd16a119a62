"""The team's chat reports and the dashboard link, on a small hand-made contact log.

Monday 6 July 2026 (Q3). The baseline is Q1 2026 (90 days). The log:

- 1-9 Feb: 9 e-mails from Cabinet Office (central government, major policy) on ethnicity;
- 10-12 Mar: 3 phone calls from nobody known, on tenure;
- 1 Jul: an e-mail from Leeds City Council (local government, sub national) on ethnicity;
- 2 Jul: an event contact from nobody known, on unpaid care;
- 3 Jul: an e-mail from Leeds City Council on unpaid care.

The directory holds Cabinet Office, Leeds City Council and Office for Students (never heard).
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.commands import builtin_router
from bot.core import BotCore
from bot.turn import Deps
from commplan.contacts import Channel, Contact
from commplan.organisations import Organisation, OrgType, UserGroup
from commplan.people import Person
from commplan.ranking import StandardsIndex
from commplan.sample import load_sample
from commplan.services.seeding import seed
from tests.conftest import LONDON, HeldClock
from tests.fakes import FakeDatabase
from tests.unit.bot.transcript import Chat, assert_dialog

NOW = datetime(2026, 7, 6, 10, 0, tzinfo=LONDON)
ETHNICITY = "Ethnicity harmonised standard"
TENURE = "Tenure harmonised standard"
CARE = "Unpaid care harmonised standard"
CABINET = Organisation(
    name="Cabinet Office",
    org_type=OrgType.CENTRAL_GOVERNMENT,
    user_group=UserGroup.MAJOR_POLICY,
)
LEEDS = Organisation(
    name="Leeds City Council", org_type=OrgType.LOCAL_GOVERNMENT, user_group=UserGroup.SUB_NATIONAL
)
OFS = Organisation(
    name="Office for Students", org_type=OrgType.GOVERNMENT_AGENCY, user_group=UserGroup.ACADEMIC
)


def _from(org: Organisation, on: date, channel: Channel, standard: str) -> Contact:
    return Contact(
        on=on,
        channel=channel,
        organisation=org.name,
        org_type=org.org_type,
        user_group=org.user_group,
        standard=standard,
        source_ref=f"test:{org.name}:{on}",
    )


def _anonymous(on: date, channel: Channel, standard: str) -> Contact:
    return Contact(on=on, channel=channel, standard=standard, source_ref=f"test:anon:{on}")


@pytest.fixture
def database() -> FakeDatabase:
    database = FakeDatabase()
    seed(database(), load_sample(2026), at=NOW)
    database.store.organisations = {o.name: o for o in (CABINET, LEEDS, OFS)}
    contacts = [
        *(_from(CABINET, date(2026, 2, day), Channel.INBOX, ETHNICITY) for day in range(1, 10)),
        *(_anonymous(date(2026, 3, day), Channel.PHONE, TENURE) for day in (10, 11, 12)),
        _from(LEEDS, date(2026, 7, 1), Channel.INBOX, ETHNICITY),
        _anonymous(date(2026, 7, 2), Channel.EVENT, CARE),
        _from(LEEDS, date(2026, 7, 3), Channel.INBOX, CARE),
    ]
    with database() as uow:
        for contact in contacts:
            uow.contacts.add(contact)
        uow.commit()
    return database


def _link(person: Person) -> str:
    return f"https://bot.example/dashboard/signin?token=secret-for-{person.name.replace(' ', '-')}"


@pytest.fixture
def bot(database: FakeDatabase) -> BotCore:
    return BotCore(
        Deps(
            uow=database,
            clock=HeldClock(NOW),
            standards=lambda: StandardsIndex.build([]),
            dashboard_link=_link,
        ),
        builtin_router(),
    )


def becki(bot: BotCore, *, direct: bool = True) -> Chat:
    return Chat(bot=bot, name="Becki Aquilina", at=NOW, direct=direct)


def test_baseline_for_the_plan_year_by_organisation_type(bot: BotCore) -> None:
    reply = becki(bot).say("baseline")
    # 365 days against 90: a baseline count of 9 scales to 36.5 and 3 to 12.2.
    assert reply.text.startswith("Contacts by organisation type, 2026 against Q1 2026")
    rows = {r["group"]: (r["count"], r["baseline"], r["change"]) for r in reply.data["rows"]}  # type: ignore[union-attr]
    assert rows[OrgType.CENTRAL_GOVERNMENT.value] == (9, 36.5, -27.5)
    assert rows[OrgType.LOCAL_GOVERNMENT.value] == (2, 0, 2)
    assert rows["(none)"] == (4, 12.2, -8.2)
    assert rows[OrgType.NHS.value] == (0, 0, 0)


def test_baseline_by_channel_this_quarter(bot: BotCore) -> None:
    # Q3 has 92 days: 9 e-mails in Q1 scale to 9.2, 3 calls to 3.1.
    assert_dialog(
        becki(bot),
        [
            (
                "baseline by channel this quarter",
                (
                    r"^Contacts by channel, Q3 2026 against Q1 2026\n"
                    r"inbox: 2 \(baseline 9.2, -7.2\)\n"
                    r"event: 1 \(baseline 0, \+1\)\n"
                    r"phone: 0 \(baseline 3.1, -3.1\)$"
                ),
            ),
        ],
    )


def test_baseline_by_user_group_and_period(bot: BotCore) -> None:
    reply = becki(bot).say("baseline by user group this quarter")
    assert reply.data["by"] == "user_group"
    assert (reply.data["from"], reply.data["to"]) == ("2026-07-01", "2026-09-30")
    rows = {r["group"]: (r["count"], r["baseline"], r["change"]) for r in reply.data["rows"]}  # type: ignore[union-attr]
    assert rows[UserGroup.MAJOR_POLICY.value] == (0, 9.2, -9.2)
    assert rows[UserGroup.SUB_NATIONAL.value] == (2, 0, 2)
    assert rows["(none)"] == (1, 3.1, -2.1)
    assert_dialog(
        becki(bot),
        [
            (
                "baseline by topic Q1",
                r"^Contacts by topic, Q1 2026.*Ethnicity harmonised standard: 9",
            ),
            ("baseline by shoe size", r"can't break contacts down by 'shoe size'"),
        ],
    )


def test_who_has_gone_quiet(bot: BotCore) -> None:
    reply = becki(bot).say("who has gone quiet")
    # 90 days back from 6 July is 7 April: Cabinet Office (last 9 Feb) and Office for
    # Students (never) are quiet; Leeds (3 July) is not.
    assert reply.data["organisations"] == ["Office for Students", "Cabinet Office"]
    assert "Office for Students — never" in reply.text
    assert "Cabinet Office — last 9 Feb 2026" in reply.text
    assert "Leeds" not in reply.text
    groups = reply.data["user_groups"]
    assert len(groups) == 7 and UserGroup.SUB_NATIONAL.value not in groups  # type: ignore[arg-type]
    assert groups[-1] == UserGroup.MAJOR_POLICY.value  # type: ignore[index]
    assert len(reply.data["never_heard"]) == 6  # type: ignore[arg-type]


def test_gaps_with_a_number_of_days(bot: BotCore) -> None:
    # 200 days back is 18 December 2025: Cabinet Office has been in touch since.
    reply = becki(bot).say("gaps 200 days")
    assert reply.text.startswith("Not heard from in 200 days (since 18 December 2025)")
    assert reply.data["organisations"] == ["Office for Students"]


def test_topics_on_the_rise(bot: BotCore) -> None:
    # The last 90 days (8 Apr-6 Jul) against 8 Jan-7 Apr: only unpaid care rose (2 from 0).
    assert_dialog(
        becki(bot),
        [
            (
                "topics on the rise",
                r"last 90 days.*\nUnpaid care harmonised standard: 2 \(was 0, \+2\)$",
            ),
            (
                "topics on the rise in the last 200 days",
                (
                    r"Ethnicity harmonised standard: 10 \(was 0, \+10\)\n"
                    r"Tenure harmonised standard: 3 \(was 0, \+3\)\n"
                    r"Unpaid care harmonised standard: 2 \(was 0, \+2\)$"
                ),
            ),
        ],
    )


@pytest.mark.parametrize(
    "said", ["baseline", "who has gone quiet", "gaps 30 days", "topics on the rise", "dashboard"]
)
def test_reports_are_for_the_team_only(bot: BotCore, said: str) -> None:
    # Andy Bates is in the directory but not on the steering group (see test_steering_view).
    for name in ("Andy Bates", "a stranger"):
        reply = Chat(bot=bot, name=name, at=NOW).say(said)
        assert reply.intent == "not_allowed", (name, said, reply.text)
        assert "harmonisation team" in reply.text
        assert "token" not in reply.text


def test_the_dashboard_link_comes_in_a_direct_message(bot: BotCore) -> None:
    reply = becki(bot).say("dashboard")
    assert reply.intent == "dashboard"
    assert _link_for_becki() in reply.text
    assert "15 minutes" in reply.text


def test_the_dashboard_link_is_never_posted_in_a_channel(bot: BotCore) -> None:
    reply = becki(bot, direct=False).say("dashboard")
    assert reply.intent == "dashboard_direct_only"
    assert "only send that in a direct message" in reply.text
    assert "token" not in repr(reply)


def test_the_dashboard_is_in_the_help(bot: BotCore) -> None:
    assert "dashboard" in becki(bot).say("help").text
    # The steering group asks for it too, for its view of counts.
    assert "steering group" in Chat(bot=bot, name="Pete Brodie", at=NOW).say("help").text


def _link_for_becki() -> str:
    return "https://bot.example/dashboard/signin?token=secret-for-Becki-Aquilina"
