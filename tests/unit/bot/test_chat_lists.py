"""Long lists in chat: ten rows, the most relevant first, then "…and N more" and where the
rest is (the dashboard's list when there is a web address, else the export), the same in
every chat.

Monday 6 July 2026. Becki (team) asks; the log holds 25 contacts in June and the plan 25
overdue tactics, with a few that are not.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from adapters.slack.render import render_blocks
from adapters.teams.render import render_cards
from adapters.web.render import render_html
from bot.commands import builtin_router
from bot.core import BotCore
from bot.messages import Link, Reply
from bot.turn import Deps
from commplan.contacts import Channel, Contact
from commplan.plan import DueWindow, Phase, Status, Tactic
from commplan.ranking import StandardsIndex
from commplan.sample import load_sample
from commplan.services.seeding import seed
from tests.conftest import HeldClock
from tests.fakes import FakeDatabase
from tests.unit.bot.sample_bot import NOW
from tests.unit.bot.transcript import Chat, assert_dialog

DASHBOARD = "https://bot.example/dashboard"


def _late(number: int) -> Tactic:
    # Tactic 1 ended first (1 January), so it is the longest overdue.
    end = date(2026, 1, 1) + timedelta(days=(number - 1) * 5)
    return Tactic(
        plan_year=2026,
        number=number,
        name=f"Late tactic {number}",
        phase=Phase.Q1,
        timing=f"{end:%-d %B}",
        window=DueWindow(start=end, end=end),
        owners=("Becki Aquilina",),
        status=Status.PLANNED,
    )


@pytest.fixture
def database() -> FakeDatabase:
    database = FakeDatabase()
    seed(database(), load_sample(2026), at=NOW)
    # Listed in reverse, so that plan order and "longest overdue first" differ.
    late = {(2026, n): _late(n) for n in range(30, 5, -1)}
    done = {(2026, n): Tactic(**{**_late(n).__dict__, "status": Status.COMPLETE}) for n in (1, 2)}
    database.store.tactics = {**late, **done}
    with database() as uow:
        for day in range(1, 26):
            uow.contacts.add(
                Contact(
                    on=date(2026, 6, day),
                    channel=Channel.INBOX,
                    name=f"Asker {day}",
                    organisation="Leeds City Council",
                    source_ref=f"test:june:{day}",
                )
            )
        uow.commit()
    return database


def _bot(database: FakeDatabase, dashboard_url: str = "") -> BotCore:
    deps = Deps(
        uow=database,
        clock=HeldClock(NOW),
        standards=lambda: StandardsIndex.build([]),
        dashboard_url=dashboard_url,
    )
    return BotCore(deps, builtin_router())


def becki(bot: BotCore) -> Chat:
    return Chat(bot=bot, name="Becki Aquilina", at=NOW)


def test_who_contacted_us_last_month_shows_the_newest_ten_and_counts_the_rest(
    database: FakeDatabase,
) -> None:
    chat = becki(_bot(database))
    assert_dialog(
        chat,
        [
            (
                "who contacted us last month",
                (
                    r"^25 contacts from 1 Jun to 30 Jun 2026\n#\d+ 25 Jun: Asker 25 .*"
                    r"#\d+ 16 Jun: Asker 16 \(Leeds City Council\) by inbox\n"
                    r"…and 15 more: for the full list, run `harmonibot export contacts`$"
                ),
            ),
        ],
    )
    reply = chat.replies[-1]
    assert reply.data["count"] == 25
    assert reply.text.count("Asker") == 10
    assert "Asker 15 " not in reply.text


def test_with_a_web_address_the_rest_is_the_dashboards_list_of_those_days(
    database: FakeDatabase,
) -> None:
    reply = becki(_bot(database, DASHBOARD)).say("who contacted us last month")
    assert "…and 15 more: the full list is on the dashboard" in reply.text
    links = [b for b in reply.blocks if isinstance(b, Link)]
    assert [link.url for link in links] == [f"{DASHBOARD}/contacts?from=2026-06-01&to=2026-06-30"]


def test_whats_overdue_shows_the_ten_longest_overdue_and_counts_the_rest(
    database: FakeDatabase,
) -> None:
    chat = becki(_bot(database))
    assert_dialog(
        chat,
        [
            (
                "what's overdue",
                (
                    r"Overdue tactics\n- #6 Late tactic 6 · 26 Jan 2026 · Becki Aquilina · planned "
                    r"— OVERDUE\n.*#15 Late tactic 15 .*\n"
                    r"…and 15 more: for the full list, run `harmonibot export plan`"
                ),
            ),
        ],
    )
    reply = chat.replies[-1]
    assert reply.data["tactics"] == list(range(6, 16))
    assert reply.data["total"] == 25
    assert reply.text.count("Late tactic") <= 10 + 3  # ten rows, and the first few's buttons


def test_the_overdue_rest_links_to_the_dashboards_overdue_table(database: FakeDatabase) -> None:
    reply = becki(_bot(database, DASHBOARD)).say("what's overdue")
    assert "…and 15 more: the full list is on the dashboard" in reply.text
    assert [b.url for b in reply.blocks if isinstance(b, Link)] == [f"{DASHBOARD}#table-overdue"]


@pytest.mark.parametrize(
    ("ask", "total"),
    [
        ("my tactics", 25),
        ("tactics owned by Becki Aquilina", 25),
        ("tactics for Q1", 27),
        ("search tactics late", 27),
        ("what's due in March", 6),
    ],
)
def test_every_plan_list_shows_ten_and_counts_the_rest(
    database: FakeDatabase, ask: str, total: int
) -> None:
    reply = becki(_bot(database)).say(ask)
    shown = reply.data["tactics"]
    assert isinstance(shown, list) and len(shown) == min(total, 10)
    assert reply.data["total"] == total
    if total > 10:
        assert f"…and {total - 10} more" in reply.text
    else:
        assert "more:" not in reply.text


def _say_everywhere(reply: Reply) -> list[str]:
    return [
        str(render_blocks(reply)),
        str(render_cards(reply)),
        render_html(reply),
        reply.text,
    ]


def test_the_count_and_the_link_reach_every_chat(database: FakeDatabase) -> None:
    reply = becki(_bot(database, DASHBOARD)).say("who contacted us last month")
    for drawn in _say_everywhere(reply):
        assert "and 15 more" in drawn
        assert "Asker 25" in drawn and "Asker 15 " not in drawn


def test_the_question_queue_and_the_inbox_show_ten_and_count_the_rest(
    database: FakeDatabase,
) -> None:
    from datetime import UTC, datetime

    from commplan.queries import InboxQuery
    from commplan.questions import Question

    start = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
    with database() as uow:
        for n in range(25):
            uow.questions.add(
                Question(key=f"q{n}", text=f"Puzzle {n}", asked_at=start + timedelta(hours=n))
            )
            uow.queries.add(
                InboxQuery(
                    key=f"m{n}@example.org",
                    thread=f"m{n}@example.org",
                    received_at=start + timedelta(hours=n),
                    subject=f"Query {n}",
                )
            )
        uow.commit()
    chat = becki(_bot(database, DASHBOARD))
    questions = chat.say("unanswered questions")
    assert questions.text.startswith("25 questions nobody could answer\n- ")
    # The newest first: 24 down to 15.
    assert "Puzzle 24" in questions.text and "Puzzle 14" not in questions.text
    assert "…and 15 more: the full list is on the dashboard" in questions.text
    assert [b.url for b in questions.blocks if isinstance(b, Link)] == [
        f"{DASHBOARD}#table-unanswered"
    ]
    inbox = chat.say("open queries")
    assert inbox.text.startswith("25 open inbox queries\n- ")
    # The longest waiting first: 0 to 9.
    assert "Query 0" in inbox.text and "Query 9" in inbox.text and "Query 10" not in inbox.text
    assert "…and 15 more: for the full list, see the shared mailbox" in inbox.text


def test_who_has_gone_quiet_shows_ten_organisations_and_where_the_rest_are(
    database: FakeDatabase,
) -> None:
    with database() as uow:
        directory = len(uow.organisations.names())
    assert directory > 20  # the sample directory: far more than a chat shows
    plain = becki(_bot(database)).say("who has gone quiet")
    quiet = plain.data["organisations"]
    assert isinstance(quiet, list) and len(quiet) > 10
    assert f"…and {len(quiet) - 10} more: for the full list, run `harmonibot report gaps" in (
        plain.text
    )
    linked = becki(_bot(database, DASHBOARD)).say("who has gone quiet")
    assert f"…and {len(quiet) - 10} more: the full list is on the dashboard" in linked.text
    assert [b.url for b in linked.blocks if isinstance(b, Link)] == [
        f"{DASHBOARD}#table-quiet-organisations"
    ]


def test_a_baseline_by_organisation_shows_the_ten_biggest_and_counts_the_rest(
    database: FakeDatabase,
) -> None:
    with database() as uow:
        for n in range(11):
            uow.contacts.add(
                Contact(
                    on=date(2026, 5, 1 + n),
                    channel=Channel.INBOX,
                    organisation=f"Council {n:02d}",
                    source_ref=f"test:may:{n}",
                )
            )
        uow.commit()
    reply = becki(_bot(database)).say("baseline by organisation")
    # Leeds City Council (25 in June) first, then ten councils of one contact each.
    assert reply.text.splitlines()[1].startswith("Leeds City Council: 25")
    assert reply.text.count("Council ") == 9
    assert reply.text.endswith(
        "…and 2 more: for the full list, run `harmonibot report baseline --by organisation`"
    )
