"""Conversation references on every implementation of the repositories: upserted, found by
person and by channel; and the conversations service the Teams adapter stores them through."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from commplan.conversations import ConversationKind, ConversationRef
from commplan.people import Person
from commplan.ports import UnitOfWorkFactory
from commplan.services.conversations import (
    anyone_reachable,
    channels,
    personal_chat,
    remember_conversation,
)

AT = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
PERSONAL = ConversationRef(
    platform="teams",
    conversation_id="a:1personal-pete",
    kind=ConversationKind.PERSONAL,
    user_id="aad-pete",
    service_url="https://smba.trafficmanager.net/emea/",
    tenant_id="tenant-1",
    payload='{"conversation": {"id": "a:1personal-pete"}}',
    updated_at=AT,
)
CHANNEL = ConversationRef(
    platform="teams",
    conversation_id="19:general@thread.tacv2",
    kind=ConversationKind.CHANNEL,
    service_url="https://smba.trafficmanager.net/emea/",
    tenant_id="tenant-1",
    payload='{"conversation": {"id": "19:general@thread.tacv2"}}',
    updated_at=AT,
)


def test_a_personal_reference_round_trips_and_is_found_by_its_user(
    uow_factory: UnitOfWorkFactory,
) -> None:
    with uow_factory() as uow:
        uow.conversations.save(PERSONAL)
        uow.conversations.save(CHANNEL)
        uow.commit()
    with uow_factory() as uow:
        assert uow.conversations.for_user("teams", "aad-pete") == PERSONAL
        assert uow.conversations.for_user("teams", "aad-someone-else") is None
        assert uow.conversations.for_user("slack", "aad-pete") is None
        assert uow.conversations.for_user("teams", "") is None


def test_saving_again_refreshes_the_service_url_instead_of_adding_a_row(
    uow_factory: UnitOfWorkFactory,
) -> None:
    moved = replace(
        PERSONAL,
        service_url="https://smba.trafficmanager.net/uk/",
        payload='{"moved": true}',
        updated_at=AT + timedelta(days=1),
    )
    with uow_factory() as uow:
        uow.conversations.save(PERSONAL)
        uow.commit()
    with uow_factory() as uow:
        uow.conversations.save(moved)
        uow.commit()
    with uow_factory() as uow:
        assert uow.conversations.for_user("teams", "aad-pete") == moved


def test_the_newest_personal_chat_of_a_person_wins(uow_factory: UnitOfWorkFactory) -> None:
    newer = replace(PERSONAL, conversation_id="a:1another-pete", updated_at=AT + timedelta(1))
    with uow_factory() as uow:
        uow.conversations.save(newer)
        uow.conversations.save(PERSONAL)
        uow.commit()
    with uow_factory() as uow:
        found = uow.conversations.for_user("teams", "aad-pete")
    assert found is not None and found.conversation_id == "a:1another-pete"


def test_channels_are_listed_per_platform_without_personal_or_group_chats(
    uow_factory: UnitOfWorkFactory,
) -> None:
    group = replace(CHANNEL, conversation_id="19:group@thread.v2", kind=ConversationKind.GROUP)
    other = replace(CHANNEL, conversation_id="19:another@thread.tacv2")
    slack = replace(CHANNEL, platform="slack", conversation_id="C123")
    with uow_factory() as uow:
        for ref in (PERSONAL, CHANNEL, group, other, slack):
            uow.conversations.save(ref)
        uow.commit()
    with uow_factory() as uow:
        assert uow.conversations.channels("teams") == [other, CHANNEL]
        assert uow.conversations.channels("slack") == [slack]
        assert uow.conversations.channels("web") == []


def test_leaving_without_commit_keeps_nothing(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        uow.conversations.save(CHANNEL)
    with uow_factory() as uow:
        assert uow.conversations.channels("teams") == []


# -- the service ------------------------------------------------------------------------------


def test_remembering_a_conversation_says_who_is_linked_to_its_user(
    uow_factory: UnitOfWorkFactory,
) -> None:
    with uow_factory() as uow:
        uow.people.add(Person(name="Pete Brodie", teams_id="aad-pete"))
        uow.commit()
    pete = remember_conversation(uow_factory(), PERSONAL, platform="teams", user_id="aad-pete")
    assert pete is not None and pete.name == "Pete Brodie"
    assert remember_conversation(uow_factory(), CHANNEL, platform="teams", user_id="aad-x") is None
    assert remember_conversation(uow_factory(), None, platform="teams") is None
    assert personal_chat(uow_factory(), platform="teams", user_id="aad-pete") == PERSONAL
    assert personal_chat(uow_factory(), platform="teams", user_id="") is None
    assert channels(uow_factory(), platform="teams") == [CHANNEL]


def test_a_platform_is_reachable_once_a_channel_or_a_linked_persons_chat_is_stored(
    uow_factory: UnitOfWorkFactory,
) -> None:
    assert not anyone_reachable(uow_factory(), platform="teams")
    # Somebody's personal chat, but nobody in the directory is linked to them.
    remember_conversation(uow_factory(), PERSONAL, platform="teams")
    assert not anyone_reachable(uow_factory(), platform="teams")
    with uow_factory() as uow:
        uow.people.add(Person(name="Pete Brodie", teams_id="aad-pete"))
        uow.commit()
    assert anyone_reachable(uow_factory(), platform="teams")
    assert not anyone_reachable(uow_factory(), platform="slack")
    remember_conversation(uow_factory(), replace(CHANNEL, platform="slack"), platform="slack")
    assert anyone_reachable(uow_factory(), platform="slack")
