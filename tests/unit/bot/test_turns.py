"""One message is one turn: claimed once, its sender known, its dialogue read, in one unit of
work, and the command's service call in one more."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from types import TracebackType

import pytest

from bot.commands import builtin_router
from bot.core import BotCore
from bot.messages import DUPLICATE, Actor, Incoming
from bot.turn import Deps
from commplan.ports import Repositories
from commplan.ranking import StandardsIndex
from commplan.records.standards import standards_from_table
from commplan.sample import load_sample, standards_table
from commplan.services.seeding import seed
from tests.conftest import LONDON, HeldClock
from tests.fakes import FakeDatabase, FakeUnitOfWork
from tests.unit.bot.transcript import Chat, assert_dialog

NOW = datetime(2026, 7, 6, 10, 0, tzinfo=LONDON)


class Counted:
    """A unit of work that counts how often it is entered."""

    def __init__(self, inner: FakeUnitOfWork, counter: CountingDatabase) -> None:
        self._inner = inner
        self._counter = counter

    def __enter__(self) -> Repositories:
        self._counter.entered += 1
        return self._inner.__enter__()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._inner.__exit__(exc_type, exc, tb)


class CountingDatabase:
    """The fake database's unit-of-work factory, counting the units entered."""

    def __init__(self, database: FakeDatabase) -> None:
        self._database = database
        self.entered = 0

    def __call__(self) -> Counted:
        return Counted(self._database(), self)


@pytest.fixture(scope="module")
def index() -> StandardsIndex:
    return StandardsIndex.build(standards_from_table(standards_table()))


@pytest.fixture
def database() -> FakeDatabase:
    database = FakeDatabase()
    seed(database(), load_sample(2026), at=NOW)
    return database


@pytest.fixture
def counting(database: FakeDatabase) -> CountingDatabase:
    return CountingDatabase(database)


@pytest.fixture
def bot(counting: CountingDatabase, index: StandardsIndex) -> BotCore:
    return BotCore(
        Deps(uow=counting, clock=HeldClock(NOW), standards=lambda: index), builtin_router()
    )


def message(text: str, *, actor: Actor, message_id: str = "", conversation: str = "dm") -> Incoming:
    return Incoming(
        actor=actor, text=text, at=NOW, conversation=conversation, message_id=message_id
    )


PETE = Actor(platform="console", user_id="Pete Brodie", name="Pete Brodie")


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Pete Brodie", "which standard covers ethnicity"),
        ("Pete Brodie", "which standard covers pet ownership"),
        ("Pete Brodie", "tactic 24 done"),
        # Someone else's tactic: its owners' notices are kept in the same unit as the change.
        ("Becki Aquilina", "tactic 24 done"),
        ("Becki Aquilina", "assign tactic 29 to Pete Brodie and Emma Wright"),
        ("Becki Aquilina", "tactic 12 audience GSS analysts"),
        ("Becki Aquilina", "history of tactic 12"),
        ("Becki Aquilina", "set timing of tactic 29 to November"),
        ("Becki Aquilina", "set owner of action 5 of 4 March to Emma Wright"),
        ("Becki Aquilina", "cancel tactic 29"),
        ("Emma Wright", "action 4 done"),
        ("Becki Aquilina", "add tactic Newsletter due November owner Palvi Shah"),
        ("Becki Aquilina", "baseline by channel this quarter"),
        ("Becki Aquilina", "log contact: Jane Smith, Leeds City Council, asked about ethnicity"),
    ],
)
def test_a_message_takes_at_most_two_units_of_work(
    bot: BotCore, counting: CountingDatabase, name: str, text: str
) -> None:
    reply = bot.handle(message(text, actor=Actor(platform="web", user_id=name, name=name)))
    assert reply.intent not in ("error", "unknown", "not_found", "invalid"), reply.text
    assert counting.entered <= 2


def test_a_retried_delivery_is_answered_once(bot: BotCore, database: FakeDatabase) -> None:
    # Somebody outside the team and the steering group, whose question is a contact.
    morag = Actor(platform="console", user_id="Morag Fintry", name="Morag Fintry")
    first = bot.handle(message("which standard covers ethnicity", actor=morag, message_id="m1"))
    again = bot.handle(message("which standard covers ethnicity", actor=morag, message_id="m1"))
    assert first.intent == "standard_answer"
    assert again.intent == DUPLICATE
    assert len(database.store.contacts) == 1
    assert database.store.claims["chat:console:m1"]["kind"] == "chat_message"


def test_messages_without_an_id_are_always_answered(bot: BotCore, database: FakeDatabase) -> None:
    pete = Chat(bot=bot, name="Pete Brodie", at=NOW)
    assert_dialog(pete, [("what's overdue", r"Overdue tactics"), ("what's overdue", r"Overdue")])
    assert database.store.claims == {}


def test_the_adapters_delivery_claims_do_not_stop_the_core(
    bot: BotCore, database: FakeDatabase
) -> None:
    # The Slack adapter claims "slack:event:<id>" before it hands the message on.
    with database() as uow:
        uow.claims.claim("slack:event:Ev1", kind="slack-event", person="U1", item="C1", at=NOW)
        uow.commit()
    slack = Actor(platform="slack", user_id="U1", name="Pete")
    reply = bot.handle(message("what's overdue", actor=slack, message_id="Ev1"))
    assert reply.intent == "overdue"
    assert {"slack:event:Ev1", "chat:slack:Ev1"} <= set(database.store.claims)


def test_a_chat_user_known_by_email_is_linked_on_their_first_message(
    bot: BotCore, database: FakeDatabase
) -> None:
    pete = database.store.people["Pete Brodie"]
    database.store.people["Pete Brodie"] = replace(pete, email="pete@example.gov.uk")
    slack = Actor(platform="slack", user_id="U1", name="pete", email="pete@example.gov.uk")
    reply = bot.handle(message("my tactics", actor=slack, message_id="Ev2"))
    assert "Pete Brodie" in reply.text
    assert database.store.people["Pete Brodie"].slack_id == "U1"


def test_a_tactic_that_cannot_be_added_leaves_the_dialogue_waiting(
    bot: BotCore, database: FakeDatabase
) -> None:
    becki = Chat(bot=bot, name="Becki Aquilina", at=NOW)
    assert_dialog(
        becki,
        [
            ("add tactic Quarterly newsletter due November", r"Who is accountable"),
        ],
    )
    plans = dict(database.store.plans)
    database.store.plans.clear()  # the plan is gone by the time the owner is given
    assert_dialog(becki, [("Palvi Shah", r"No plan")])
    database.store.plans.update(plans)
    assert_dialog(becki, [("Palvi Shah", r"Added tactic 35.*Quarterly newsletter")])
    assert database.store.drafts == {}
