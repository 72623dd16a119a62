"""The moment the shared sample bot lives at (see ``conftest.py``): a Monday in July 2026."""

from __future__ import annotations

from datetime import datetime

from tests.conftest import LONDON

NOW = datetime(2026, 7, 6, 10, 0, tzinfo=LONDON)
