"""The roster files on the fake database: matching people and groups the way the plan names
them, and what a people file changes about groups."""

from __future__ import annotations

import pytest

from commplan.errors import ImportRejected
from commplan.people import Group, Person, Role
from commplan.records.people import parse_role, people_from_table
from commplan.records.table import table_from_csv
from commplan.services.roster_files import export_roster, import_groups, import_people
from tests.fakes import FakeDatabase


@pytest.fixture
def database() -> FakeDatabase:
    database = FakeDatabase()
    with database() as repos:
        repos.people.add(Person(name="Becki Aquilina", role=Role.ADMIN, aliases=("Becki",)))
        # Made by a plan import: the name as the plan wrote it, nothing else.
        repos.people.add(Person(name="pete brodie"))
        repos.people.add(Person(name="jan thomas"))
        repos.people.add(Person(name="Emma Wright", email="emma@ons.gov.uk"))
        repos.groups.add(Group(name="Steering group", members=("jan thomas", "pete brodie")))
        repos.groups.add(
            Group(
                name="Harmonisation team",
                members=("Becki Aquilina", "Emma Wright"),
                aliases=("The harmonisation team",),
            )
        )
        repos.commit()
    return database


def test_a_person_the_plan_wrote_in_lower_case_is_renamed_not_doubled(
    database: FakeDatabase,
) -> None:
    summary = import_people(
        database(),
        table_from_csv(
            "name,email,groups\n"
            "Pete Brodie,pete.brodie@ons.gov.uk,The harmonisation team\n"
            "Emma Wright,emma@ons.gov.uk,\n",
            source="people.csv",
        ),
    )
    assert (summary.added, summary.updated, summary.unchanged) == (0, 2, 0)
    store = database.store
    assert "pete brodie" not in store.people
    assert store.people["Pete Brodie"].email == "pete.brodie@ons.gov.uk"
    # The alias found the group; Emma's empty cell took her out; Becki, not listed, stays.
    assert store.groups["Harmonisation team"].members == ("Becki Aquilina", "Pete Brodie")
    # Pete's groups cell is his whole list: he left the steering group.
    assert store.groups["Steering group"].members == ("jan thomas",)


def test_a_renamed_person_keeps_their_groups_when_the_file_does_not_list_them(
    database: FakeDatabase,
) -> None:
    import_people(
        database(), table_from_csv("name,email\nPete Brodie,pete@ons.gov.uk\n", source="p.csv")
    )
    assert database.store.groups["Steering group"].members == ("Pete Brodie", "jan thomas")


def test_the_export_reads_back_unchanged(database: FakeDatabase) -> None:
    from adapters.files.tables import write_table

    exported = export_roster(database(), "people")
    text = write_table(exported.rows, exported.columns, fmt="csv").decode()
    summary = import_people(database(), table_from_csv(text, source="people.csv"))
    assert (summary.added, summary.updated, summary.unchanged) == (0, 0, 4)
    assert export_roster(database(), "people") == exported
    groups = export_roster(database(), "groups")
    text = write_table(groups.rows, groups.columns, fmt="csv").decode()
    assert import_groups(database(), table_from_csv(text, source="groups.csv")).unchanged == 2


def test_a_group_file_finds_members_by_alias_and_keeps_what_it_leaves_out(
    database: FakeDatabase,
) -> None:
    summary = import_groups(
        database(),
        table_from_csv("name,members\nthe Harmonisation Team,Becki; pete brodie\n", source="g.csv"),
    )
    assert (summary.added, summary.updated) == (0, 1)
    team = database.store.groups["Harmonisation team"]
    assert team.members == ("Becki Aquilina", "pete brodie")
    assert team.aliases == ("The harmonisation team",)


@pytest.mark.parametrize(
    ("text", "role"),
    [("admin", Role.ADMIN), ("Team member", Role.TEAM), ("team", Role.TEAM), ("", Role.MEMBER)],
)
def test_roles_as_people_write_them(text: str, role: Role) -> None:
    assert parse_role(text) is role


def test_two_people_cannot_share_a_slack_id_in_one_file() -> None:
    with pytest.raises(ImportRejected, match="row 3, column 'slack_id': 'U1' is already on row 2"):
        people_from_table(
            table_from_csv("name,slack_id\nAnn Lee,U1\nBob Ray,U1\n", source="people.csv")
        )
