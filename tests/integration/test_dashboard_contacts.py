"""The dashboard's contact log: the team lists, edits, deletes (confirmed) and restores a
contact, and reads who changed what; others and other sites cannot."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from adapters.bootstrap import Runtime, build_bot, build_runtime
from adapters.cli.main import main
from adapters.settings import load_settings
from adapters.web.app import make_app
from commplan.contacts import Channel, Contact
from commplan.people import Person
from tests.conftest import LONDON

AT = datetime(2026, 11, 2, 10, tzinfo=LONDON)


class Clock:
    def now(self) -> datetime:
        return AT


@pytest.fixture
def runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Runtime]:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'contacts.db'}")
    monkeypatch.setenv("HARMONIBOT_SECRET_KEY", "test-key")
    assert main(["seed", "--plan-year", "2026"]) == 0
    built = build_runtime(load_settings())
    runtime = Runtime(settings=built.settings, engine=built.engine, uow=built.uow, clock=Clock())
    with runtime.uow() as uow:
        uow.contacts.add(
            Contact(
                on=date(2026, 10, 28),
                channel=Channel.MEETING,
                name="Jane Smith",
                organisation="Leeds City Council",
                standard="Ethnicity harmonised standard",
                summary="asked about ethnicity at a meeting",
            )
        )
        uow.commit()
    yield runtime
    runtime.engine.dispose()


@pytest.fixture
async def client(runtime: Runtime) -> AsyncIterator[TestClient]:  # type: ignore[type-arg]
    app = make_app(runtime, build_bot(runtime))
    async with TestClient(TestServer(app)) as client:
        yield client


async def sign_in(client: TestClient, runtime: Runtime, name: str) -> None:  # type: ignore[type-arg]
    make = build_bot(runtime).deps.dashboard_link
    assert make is not None
    url = make(Person(name=name)).split("8080", 1)[1]
    assert (await client.get(url, allow_redirects=False)).status == 303


def jane(runtime: Runtime) -> Contact | None:
    with runtime.uow() as uow:
        return next((c for c in uow.contacts.all() if c.name == "Jane Smith"), None)


async def test_the_team_edits_deletes_and_restores_a_contact_with_its_history(
    client: TestClient,  # type: ignore[type-arg]
    runtime: Runtime,
) -> None:
    assert (await client.get("/dashboard/contacts")).status == 403
    await sign_in(client, runtime, "Becki Aquilina")
    contact = jane(runtime)
    assert contact is not None
    number = contact.id
    listing = await (await client.get("/dashboard/contacts")).text()
    assert f"href='/dashboard/contacts/{number}'" in listing and "Jane Smith" in listing

    origin = {"Origin": str(client.make_url("/")).rstrip("/")}
    edited = await client.post(
        f"/dashboard/contacts/{number}/edit",
        data={"field": "standard", "value": "none"},
        headers=origin,
        allow_redirects=False,
    )
    assert edited.status == 303
    assert (jane(runtime) or contact).standard == ""

    unconfirmed = await client.post(f"/dashboard/contacts/{number}/delete", data={}, headers=origin)
    assert "Tick the box to confirm" in await unconfirmed.text()
    assert jane(runtime) is not None
    gone = await client.post(
        f"/dashboard/contacts/{number}/delete", data={"confirm": "yes"}, headers=origin
    )
    assert f"Contact {number} is deleted" in await gone.text()
    assert jane(runtime) is None
    back = await client.post(f"/dashboard/contacts/{number}/restore", headers=origin)
    page = await back.text()
    assert jane(runtime) is not None
    assert (
        "Becki Aquilina changed topic from Ethnicity harmonised standard to none" in page
        and page.index("deleted it") < page.index("undid its deletion")
    )


async def test_changes_from_another_site_or_a_member_are_refused(
    client: TestClient,  # type: ignore[type-arg]
    runtime: Runtime,
) -> None:
    contact = jane(runtime)
    assert contact is not None
    await sign_in(client, runtime, "Becki Aquilina")
    forged = await client.post(
        f"/dashboard/contacts/{contact.id}/delete",
        data={"confirm": "yes"},
        headers={"Origin": "https://evil.example"},
    )
    assert forged.status == 403 and jane(runtime) is not None
    client.session.cookie_jar.clear()
    assert (await client.get(f"/dashboard/contacts/{contact.id}")).status == 403
