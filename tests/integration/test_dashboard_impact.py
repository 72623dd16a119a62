"""The dashboard's tactics against the baseline, its evidence pack download and its paged
long lists, over the same year of contacts as ``test_dashboard``."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import timedelta

import pytest
from aiohttp.test_utils import TestClient
from docx import Document

from adapters.bootstrap import Runtime
from adapters.cli.main import main
from adapters.web.signin import sign
from tests.integration.test_dashboard import client, link, runtime

__all__ = ["client", "runtime"]  # the fixtures this module's tests use


async def test_tactics_against_the_baseline_match_report_tactics(
    client: TestClient,  # type: ignore[type-arg]
    runtime: Runtime,
    capsys: pytest.CaptureFixture[str],
) -> None:
    await client.get(link(runtime, "Becki Aquilina"))
    page = await (await client.get("/dashboard")).text()
    assert "<h2 id='h-tactics-against-the-baseline'>Tactics against the baseline</h2>" in page
    assert "95% interval" in page and "Objective 1:" in page
    download = await client.get("/dashboard/download/tactics-impact.csv")
    assert download.status == 200
    web_rows = list(csv.DictReader(io.StringIO((await download.text()).lstrip("\ufeff"))))
    # The dashboard's clock says 2 November 2026: the same day as the command's --at.
    capsys.readouterr()
    assert main(["report", "tactics", "--json", "--at", "2026-11-02"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert {r["tactic"]: (int(r["after"]), int(r["before"]), r["result"]) for r in web_rows} == {
        str(t["number"]): (t["after"], t["before"], t["change"]) for t in report["tactics"]
    }
    assert any(int(r["after"]) + int(r["before"]) > 0 for r in web_rows)
    first = report["tactics"][0]
    shown = next(r for r in web_rows if r["tactic"] == str(first["number"]))
    if first["high"] is not None:
        assert shown["95% interval"] == f"{first['low']:.1f}\u2013{first['high']:.1f}"
    objectives = await client.get("/dashboard/download/objectives.xlsx")
    assert objectives.status == 200 and (await objectives.read())[:2] == b"PK"
    objectives_csv = await client.get("/dashboard/download/objectives.csv")
    rows = list(csv.DictReader(io.StringIO((await objectives_csv.text()).lstrip("\ufeff"))))
    assert [(r["objective"], r["tactics"], r["complete"]) for r in rows] == [
        (str(o["number"]), str(o["tactics"]), str(o["complete"])) for o in report["objectives"]
    ]


async def test_the_evidence_pack_downloads_for_the_team_only(
    client: TestClient,  # type: ignore[type-arg]
    runtime: Runtime,
) -> None:
    # Not signed in, and signed in as someone outside the team: refused either way.
    assert (await client.get("/dashboard/pack.docx?quarter=2026Q3")).status == 403
    member = sign(
        b"test-key",
        person="Pete Brodie",
        now=runtime.clock.now(),
        lifetime=timedelta(hours=1),
        purpose="session",
    )
    refused = await client.get(
        "/dashboard/pack.docx?quarter=2026Q3", cookies={"harmonibot_session": member}
    )
    assert refused.status == 403

    await client.get(link(runtime, "Becki Aquilina"))
    page = await (await client.get("/dashboard")).text()
    # The form chooses the last complete quarter: the clock says 2 November 2026.
    assert "<option value='2026Q3' selected>2026 Q3</option>" in page
    assert "Download the evidence pack" in page
    pack = await client.get("/dashboard/pack.docx")
    assert pack.status == 200
    assert pack.headers["Content-Disposition"] == 'attachment; filename="evidence-pack-2026Q3.docx"'
    assert pack.content_type.endswith("wordprocessingml.document")
    document = Document(io.BytesIO(await pack.read()))
    assert document.paragraphs[0].text == "Harmonisation evidence pack, 2026 Q3"
    other = await client.get("/dashboard/pack.docx?quarter=2026Q1")
    assert other.status == 200
    assert Document(io.BytesIO(await other.read())).paragraphs[0].text.endswith("2026 Q1")
    for wrong in ("summer", "2026Q5", "0000Q1", "9999Q4"):
        bad = await client.get("/dashboard/pack.docx", params={"quarter": wrong})
        assert bad.status == 400, wrong
        assert "is not a quarter: write it as 2026Q3" in await bad.text()


async def test_long_lists_are_paged_and_the_icon_is_served(
    client: TestClient,  # type: ignore[type-arg]
    runtime: Runtime,
) -> None:
    icon = await client.get("/favicon.ico")
    assert icon.status == 200 and icon.content_type == "image/svg+xml"
    assert (await icon.read()).lstrip().startswith(b"<svg")
    await client.get(link(runtime, "Becki Aquilina"))
    first = await (await client.get("/dashboard")).text()
    assert "<link rel='icon' href='/favicon.ico'" in first
    quiet = first[first.index("id='block-quiet-organisations'") :]
    quiet = quiet[: quiet.index("</nav>")]
    assert quiet.count("<tr>") == 11  # the heading row and ten organisations
    found = re.search(r"Showing 1 to 10 of (\d+)", quiet)
    assert found is not None
    total = int(found.group(1))
    assert total > 200  # the directory's organisations, nearly all never heard from
    assert f"Showing 1 to 10 of {total}, and {total - 10} more." in quiet
    assert "href='?quiet_page=2#table-quiet-organisations'" in quiet
    # Those that went quiet come before those never heard from.
    assert quiet.index("BBC") < quiet.index("never")
    second = await (await client.get("/dashboard?quiet_page=2&from=2026-01-01")).text()
    assert f"Showing 11 to 20 of {total}" in second
    assert "href='?from=2026-01-01&amp;quiet_page=1#table-quiet-organisations'" in second
    # Past the end shows the last page; nonsense shows the first.
    last = await (await client.get("/dashboard?quiet_page=999")).text()
    assert f"of {total}." in last and "rel='next'" not in last.split("block-quiet-org")[1][:4000]
    assert "Showing 1 to 10" in await (await client.get("/dashboard?quiet_page=x")).text()
    # The download holds every row.
    every = await client.get("/dashboard/download/quiet-organisations.csv")
    assert len((await every.text()).strip().splitlines()) == total + 1
