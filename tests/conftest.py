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


@pytest.fixture
def ballas_copy(ballas_db, tmp_path) -> Path:
    """A private copy of the ingested sample store, for tests that change it."""
    import shutil

    target = tmp_path / "ballas-copy.db"
    shutil.copyfile(ballas_db, target)
    return target


TOUR_ARTICLE = (" date 2024-03-02 Mark Ballas announces a dance tour\n"
                "Mark Ballas announced a nationwide dance tour on March 1, 2024. The professional dancer said "
                "the tour would open in Los Angeles. A fan page posted \"<script>window.pwned = 1</script>\" in reply.\n")
