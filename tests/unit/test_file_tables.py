"""Exports are byte-for-byte stable: the same data gives the same file at any time."""

from __future__ import annotations

import io
import time

import openpyxl
import pytest

from adapters.files.tables import _xlsx_bytes


def test_an_xlsx_export_an_hour_later_is_the_same_file(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [{"name": "Leeds City Council", "org_type": "Local Government"}]
    first = _xlsx_bytes(rows, ["name", "org_type"])
    later = time.time() + 3600
    monkeypatch.setattr(time, "time", lambda: later)
    second = _xlsx_bytes(rows, ["name", "org_type"])
    assert first == second
    sheet = openpyxl.load_workbook(io.BytesIO(second)).active
    assert [c.value for c in sheet[2]] == ["Leeds City Council", "Local Government"]
