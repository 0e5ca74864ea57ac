"""Shared fixtures: one real ingest of the sample corpus into a real SQLite file per session."""
from __future__ import annotations

from pathlib import Path

import pytest

from storyline import Storyline

ROOT = Path(__file__).resolve().parent.parent
BALLAS = ROOT / "examples" / "ballas"


@pytest.fixture(scope="session")
def ballas_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("store") / "ballas.db"
    with Storyline(db) as sl:
        report = sl.ingest([BALLAS], processes=1, progress=False)
    assert report.stored == 3 and not report.errors
    return db


@pytest.fixture(scope="session")
def ballas_timeline(ballas_db) -> dict:
    with Storyline(ballas_db) as sl:
        return sl.timeline("Mark Ballas").to_dict()
