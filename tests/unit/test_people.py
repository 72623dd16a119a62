"""Owner names from the plan's Accountable column, and groups expanded to people."""

import pytest

from commplan.people import Directory, Group, Person, Role, looks_like_group, split_owners


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Jacqui Jones", ("Jacqui Jones",)),
        ("Jacqui Jones and harmonisation team", ("Jacqui Jones", "harmonisation team")),
        (
            "The harmonisation team, ONS Geography and the RSS",
            ("The harmonisation team", "ONS Geography", "the RSS"),
        ),
        ("Emma Wright/ Pete Brodie", ("Emma Wright", "Pete Brodie")),
        ("Emma Wright and Becki Aquilina", ("Emma Wright", "Becki Aquilina")),
        ("", ()),
    ],
)
def test_accountable_text_splits_into_names_as_written(text: str, names: tuple[str, ...]) -> None:
    assert split_owners(text) == names


@pytest.mark.parametrize(
    ("name", "group"),
    [
        ("The Good Practice team", True),
        ("Steering Group members", True),
        ("Secretariat", True),
        ("Pete Brodie", False),
        ("ONS Geography", False),
    ],
)
def test_names_that_read_as_groups(name: str, group: bool) -> None:
    assert looks_like_group(name) is group


BECKI = Person(name="Becki Aquilina", role=Role.ADMIN, aliases=("Secretariat",))
PALVI = Person(name="Palvi Shah", role=Role.TEAM)
CHARLIE = Person(name="Charlie Wroth-Smith", role=Role.TEAM)
PETE = Person(name="Pete Brodie")
STEVE = Person(name="Steve Ellerd-Elliott", aliases=("Steve Ellerd-Elloitt",))
DIRECTORY = Directory(
    people=[BECKI, PALVI, CHARLIE, PETE, STEVE],
    groups=[
        Group(
            name="Harmonisation team",
            aliases=("The harmonisation team",),
            members=("Becki Aquilina", "Charlie Wroth-Smith", "Palvi Shah"),
        ),
        Group(name="Steering group members", members=("Pete Brodie", "Palvi Shah")),
    ],
)


def test_a_group_expands_to_its_members_once_each() -> None:
    people = DIRECTORY.expand(["The Harmonisation Team", "Steering Group members", "Palvi Shah"])
    assert [p.name for p in people] == [
        "Becki Aquilina",
        "Charlie Wroth-Smith",
        "Palvi Shah",
        "Pete Brodie",
    ]


def test_aliases_and_misspellings_in_the_plan_find_the_person() -> None:
    assert DIRECTORY.expand(["Steve Ellerd-Elloitt"]) == (STEVE,)
    assert DIRECTORY.person("secretariat") == BECKI


def test_unknown_owners_are_listed_not_guessed() -> None:
    assert DIRECTORY.expand(["ONS Geography"]) == ()
    assert DIRECTORY.unknown(["ONS Geography", "the harmonisation team"]) == ("ONS Geography",)


def test_ownership_through_a_group() -> None:
    assert DIRECTORY.is_owner(CHARLIE, ["The harmonisation team"])
    assert not DIRECTORY.is_owner(PETE, ["The harmonisation team"])
