"""The SQLite store: migrations, atomic batches, deduplication, clear errors."""
from __future__ import annotations

import sqlite3

import pytest

from storyline import Storyline
from storyline.model import Document, DocumentAnalysis, EntityMention
from storyline.resolve import ENTITY_RULES
from storyline.store import MIGRATIONS, Store, StoreError


def _analysis(doc_id: str, text: str) -> DocumentAnalysis:
    return DocumentAnalysis(Document(doc_id, text), None, [EntityMention(doc_id, "Mark Ballas", "PERSON", 1)], [])


def test_fresh_store_is_at_the_latest_schema(tmp_path):
    store = Store(tmp_path / "s.db")
    assert store.schema_version == len(MIGRATIONS)
    store.close()
    assert Store(tmp_path / "s.db").schema_version == len(MIGRATIONS)  # reopening migrates nothing


def test_a_failed_batch_leaves_earlier_batches_intact(tmp_path):
    store = Store(tmp_path / "s.db")
    store.add([_analysis("a", "first")])

    def broken():
        yield _analysis("b", "second")
        raise KeyboardInterrupt  # killed half-way through a batch

    with pytest.raises(KeyboardInterrupt):
        store.add(broken())
    ids = [r[0] for r in store.db.execute("SELECT id FROM documents")]
    assert ids == ["a"]
    assert store.db.execute("SELECT count(*) FROM entity_mentions").fetchone()[0] == 1


def test_same_article_twice_is_stored_once(tmp_path):
    store = Store(tmp_path / "s.db")
    store.add([_analysis("a", "same text"), _analysis("a", "same text"), _analysis("copy", "same text")])
    assert store.document_count() == 1
    assert store.known(Document("a", "same text")) == "stored"
    assert store.known(Document("other", "same text")) == "duplicate"
    assert store.known(Document("a", "changed text")) is None


def test_not_a_database_is_one_clear_error(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("this is not sqlite " * 100)
    with pytest.raises(StoreError, match="notes.db"):
        Store(bad)


def test_reingest_adds_nothing(tmp_path, ballas_db):
    db = tmp_path / "copy.db"
    src = sqlite3.connect(ballas_db)
    dst = sqlite3.connect(db)
    src.backup(dst)
    src.close()
    dst.close()
    with Storyline(db) as sl:
        before = sl.store.db.execute("SELECT count(*) FROM event_mentions").fetchone()[0]
        from tests.conftest import BALLAS

        report = sl.ingest([BALLAS], processes=1, progress=False)
        after = sl.store.db.execute("SELECT count(*) FROM event_mentions").fetchone()[0]
    assert report.unchanged == 3 and report.stored == 0 and before == after


def test_a_name_two_entities_claim_goes_to_the_more_mentioned(tmp_path):
    store = Store(tmp_path / "s.db")
    store.replace_entities([("Al Grillo/AP BP", "PERSON", 25, {"al grillo/ap bp": "Al Grillo/AP BP", "bp": "BP"}),
                            ("BP", "ORG", 13384, {"bp": "BP"})], ENTITY_RULES)
    assert store.entity(store.find_entity("bp"))[1] == "BP"
    store.close()
