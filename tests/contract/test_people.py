"""People and groups, on every implementation of the repositories."""

from __future__ import annotations

from dataclasses import replace

import pytest

from commplan.errors import NotFound
from commplan.people import Group, Person, Role
from commplan.ports import UnitOfWorkFactory


def test_people_and_groups(uow_factory: UnitOfWorkFactory) -> None:
    becki = Person(name="Becki Aquilina", role=Role.ADMIN, email="Becki@Example.org", slack_id="U1")
    palvi = Person(name="Palvi Shah", role=Role.TEAM, teams_id="29:abc", aliases=("Palvi",))
    team = Group(name="Harmonisation team", members=("Becki Aquilina", "Palvi Shah"))
    with uow_factory() as uow:
        uow.people.add(becki)
        uow.people.add(palvi)
        uow.groups.add(team)
        uow.commit()
    with uow_factory() as uow:
        stored = uow.people.all()
        # Stored people come back numbered; the rest of each value is what went in.
        assert [replace(p, id=0) for p in stored] == [becki, palvi]
        becki, palvi = stored
        assert uow.people.find(email="becki@example.org") == becki
        assert uow.people.find(slack_id="U1") == becki
        assert uow.people.find(teams_id="29:abc") == palvi
        assert uow.people.find() is None
        assert uow.groups.get("Harmonisation team") == team
        uow.groups.save(replace(team, members=("Palvi Shah",)))
        uow.commit()
    with uow_factory() as uow:
        assert uow.groups.all() == [replace(team, members=("Palvi Shah",))]
        with pytest.raises(NotFound, match="Nobody"):
            uow.groups.save(replace(team, members=("Nobody",)))


def test_a_person_keeps_their_id_through_a_rename(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        uow.people.add(Person(name="Jo Bloggs", id=99))
        uow.people.add(Person(name="Sam Smith"))
        uow.commit()
    with uow_factory() as uow:
        jo, sam = uow.people.get("Jo Bloggs"), uow.people.get("Sam Smith")
        assert jo is not None and sam is not None
        assert 0 < jo.id != sam.id and jo.id != 99  # the store numbers people, not the caller
        assert uow.people.all() == [jo, sam]
        # Saved by id, a person can change their name and stay the same person.
        uow.people.save(replace(jo, name="Jo Newname", email="jo@example.org"))
        # Saved without one (id 0), the name finds them and the id stays.
        uow.people.save(Person(name="Sam Smith", slack_id="U9"))
        uow.commit()
    with uow_factory() as uow:
        assert uow.people.get("Jo Bloggs") is None
        assert uow.people.get("Jo Newname") == replace(
            jo, name="Jo Newname", email="jo@example.org"
        )
        assert uow.people.find(slack_id="U9") == replace(sam, slack_id="U9")
        with pytest.raises(NotFound):
            uow.people.save(Person(name="Nobody"))
        with pytest.raises(NotFound):
            uow.people.save(replace(jo, id=jo.id + sam.id + 1))


def test_groups_list_members_by_name_and_follow_a_rename(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        for name in ("Palvi Shah", "Becki Aquilina", "Charlie Wroth-Smith"):
            uow.people.add(Person(name=name))
        uow.groups.add(Group(name="Team", members=("Palvi Shah", "Becki Aquilina")))
        uow.commit()
    with uow_factory() as uow:
        team = uow.groups.get("Team")
        assert team is not None and team.members == ("Becki Aquilina", "Palvi Shah")
        becki = uow.people.get("Becki Aquilina")
        assert becki is not None
        uow.people.save(replace(becki, name="Rebecca Aquilina"))
        uow.commit()
    with uow_factory() as uow:
        # A group holds people, not names: the renamed member is still in it.
        assert uow.groups.all() == [Group(name="Team", members=("Palvi Shah", "Rebecca Aquilina"))]
        with pytest.raises(NotFound, match="group"):
            uow.groups.save(Group(name="Nobody's group"))


def test_finding_a_person_needs_every_detail_given_to_match(
    uow_factory: UnitOfWorkFactory,
) -> None:
    with uow_factory() as uow:
        uow.people.add(Person(name="Becki Aquilina", email="becki@example.org", slack_id="U1"))
        uow.people.add(Person(name="Palvi Shah", email="palvi@example.org", slack_id="U2"))
        uow.commit()
    with uow_factory() as uow:
        found = uow.people.find(email="BECKI@example.org", slack_id="U1")
        assert found is not None and found.name == "Becki Aquilina"
        assert uow.people.find(email="becki@example.org", slack_id="U2") is None
