"""The seed plan read as written: statuses from wherever the plan states them, objectives as the
plan lists them, the seeds' own labels, and organisations that own tactics kept apart from
staff."""

from __future__ import annotations

import pytest

from bot.core import BotCore
from commplan.organisations import UserGroup, parse_user_group
from commplan.people import Directory, GroupKind
from commplan.plan import Status
from commplan.records.plan import rows_from_document, tactics_from_table
from commplan.sample import load_sample
from commplan.status import stated_status
from tests.fakes import FakeDatabase
from tests.unit.bot.sample_bot import NOW
from tests.unit.bot.transcript import Chat, assert_dialog


def test_a_blank_status_cell_takes_the_status_the_purpose_states(database: FakeDatabase) -> None:
    tactics = database.store.tactics
    # Purpose "... the GSS voice (On-going)" with a blank status cell: on-going.
    for number in (10, 20, 22):
        assert tactics[(2026, number)].status is Status.ONGOING, number
        assert not tactics[(2026, number)].is_overdue(NOW.date())
    # The status cell wins where it says something: "(On-going)" in the purpose, "Complete"
    # in the cell.
    assert tactics[(2026, 9)].status is Status.COMPLETE
    assert tactics[(2026, 19)].status is Status.COMPLETE
    # Blank everywhere: planned.
    assert tactics[(2026, 14)].status is Status.PLANNED


@pytest.mark.parametrize(
    ("cell", "texts", "status"),
    [
        ("", ("Influence themes (On-going)",), Status.ONGOING),
        ("", ("To raise a question (Complete)",), Status.COMPLETE),
        ("", ("Influence themes (on going).",), Status.ONGOING),
        ("", ("A workshop (cancelled)",), Status.CANCELLED),
        ("Complete", ("Influence themes (On-going)",), Status.COMPLETE),
        ("", ("Chief Data Officer (once appointed)",), Status.PLANNED),
        ("", ("(On-going) at the start is not a statement of status",), Status.PLANNED),
        ("", (), Status.PLANNED),
    ],
)
def test_stated_status(cell: str, texts: tuple[str, ...], status: Status) -> None:
    assert stated_status(cell, *texts) is status


def test_a_word_plan_with_on_going_in_the_purpose_reads_on_going() -> None:
    cells = [
        ["Tactic", "Purpose", "Audience", "Timing", "Accountable"],
        ["Phase 1 (Q1 – Jan/Feb/Mar):", "", "", "", ""],
        [
            "Contact LARIA\n(Objective 1 & 2)",
            "Influence themes to make harmonisation part of the GSS voice (On-going)",
            "GSS conference attendees",
            "February",
            "The harmonisation team and Steering Group members",
        ],
        [
            "Harmonisation blog\n(Objective 1,2 & 3)",
            "Raise awareness",
            "GSS",
            "January 7th",
            "Jacqui Jones\nComplete",
        ],
    ]
    table = rows_from_document(cells, source="plan.docx")
    laria, blog = tactics_from_table(table, default_year=2015)
    assert (laria.status, laria.objectives) == (Status.ONGOING, (1, 2))
    assert (blog.status, blog.objectives) == (Status.COMPLETE, (1, 2, 3))


@pytest.mark.parametrize(
    ("label", "group"),
    [
        ("Other government departments (OGDs)", UserGroup.OTHER_GOVERNMENT),
        ("OGDs", UserGroup.OTHER_GOVERNMENT),
        ("Sub National Organisations", UserGroup.SUB_NATIONAL),
        ("Academics and Researchers", UserGroup.ACADEMIC),
        ("Voluntary and Community Sector", UserGroup.VOLUNTARY),
        ("Journalists/ Media", UserGroup.MEDIA),
    ],
)
def test_the_seeds_own_user_group_labels_are_aliases(label: str, group: UserGroup) -> None:
    assert parse_user_group(label) is group


def test_an_unknown_user_group_is_still_refused() -> None:
    with pytest.raises(ValueError, match="is not one of"):
        parse_user_group("Other departments (OD)")


def test_organisations_that_own_tactics_are_not_staff(database: FakeDatabase) -> None:
    people = set(database.store.people)
    for outside in ("ONS Geography", "the RSS", "RSS", "John Pullinger", "the Good Practice team"):
        assert outside not in people
    groups = database.store.groups
    directory = Directory(people=list(database.store.people.values()), groups=list(groups.values()))
    rss = directory.group("the RSS")
    assert rss is not None and rss.kind is GroupKind.ORGANISATION and rss.contact == "Emma Emery"
    # Nothing in the plan is left unknown, and the organisations expand to nobody to nudge.
    owners = {o for t in database.store.tactics.values() for o in t.owners}
    assert directory.unknown(owners) == ()
    nudged = {p.name for p in directory.expand(("The harmonisation team", "John Pullinger"))}
    assert nudged == {"Becki Aquilina", "Charlie Wroth-Smith", "Palvi Shah"}
    assert directory.expand(("ONS Geography", "the RSS")) == ()
    sample = load_sample()
    assert {g.name for g in sample.groups if g.is_organisation} >= {
        "Royal Statistical Society (RSS)",
        "ONS Geography",
        "National Statistician's Office",
    }


def test_a_tactic_card_names_objectives_and_outside_owners(bot: BotCore) -> None:
    assert_dialog(
        Chat(bot=bot, name="Pete Brodie", at=NOW),
        [
            (
                "show tactic 2",
                (
                    r"Objectives: 1\. Make harmonisation part of the GSS voice; "
                    r"2\. Increase contact to and from users.*"
                    r"ONS Geography: an organisation outside the team, not nudged\."
                    r".*Royal Statistical Society \(RSS\): an organisation outside the team, not "
                    r"nudged \(contact: Emma Emery\)"
                ),
            ),
            ("show tactic 1", r"Objectives: 1\. Make .*; 3 \(not in the plan's list\)"),
            ("plan objectives", r"1\. Make harmonisation part of the GSS voice.*2\. Increase"),
            ("show tactic 10", r"Status: on-going"),
            ("what's overdue", r"^(?!.*#10 ).*#14 Present to GSS SPSC"),
            ("assign tactic 27 to the RSS", r"Only the owners"),
        ],
    )
    assert_dialog(
        Chat(bot=bot, name="Becki Aquilina", at=NOW),
        [
            (
                "assign tactic 27 to the harmonisation team and the RSS",
                (
                    r"now with Harmonisation "
                    r"team, Royal Statistical Society \(RSS\)"
                ),
            )
        ],
    )


def test_a_group_is_found_however_the_plan_writes_it(bot: BotCore, database: FakeDatabase) -> None:
    """ "The harmonisation team", "Harmonisation team" and "The Harmonisation Team" are one."""
    with database() as repos:
        directory = Directory(people=repos.people.all(), groups=repos.groups.all())
        team = directory.group("harmonisation team")
        owned = [
            t.number
            for t in repos.tactics.all(2026)
            if not t.is_closed and any(directory.group(o) == team for o in t.owners)
        ]
    assert {11, 16, 23, 29, 34} <= set(owned)  # written "The harmonisation team" and others
    assert {20, 21, 28} <= set(owned)  # written "Harmonisation team"
    reply = Chat(bot=bot, name="Pete Brodie", at=NOW).say("tactics owned by harmonisation team")
    # The chat shows the first ten in plan order and counts the rest.
    assert reply.data["tactics"] == owned[:10]
    assert reply.data["total"] == len(owned)
    assert f"…and {len(owned) - 10} more" in reply.text
