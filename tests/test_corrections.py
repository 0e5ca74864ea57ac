"""Corrections through the Python API on the real sample store: each kind, undo, the JSON
contract, and survival across re-ingesting (and re-analysing) the same articles."""
from __future__ import annotations

import json
import shutil

import jsonschema
import pytest

from storyline import CorrectionError, Storyline
from storyline.corrections import Correction, apply_corrections, source_key
from storyline.model import Event, Source
from storyline.temporal.value import TimeValue
from tests.conftest import BALLAS, ROOT

SCHEMA = json.loads((ROOT / "docs" / "timeline.schema.json").read_text())


def _event(tl, text):
    return next(e for e in tl.events if text in e.summary)


def test_reject_is_stored_shown_and_undone(ballas_copy):
    with Storyline(ballas_copy) as sl:
        before = sl.timeline("Mark Ballas")
        target = _event(before, "took a break")
        made = sl.correct("Mark Ballas", "reject", events=[target.id], note="not an event")
    with Storyline(ballas_copy) as sl:  # stored: a new connection sees it
        after = sl.timeline("Mark Ballas")
        assert target.id not in {e.id for e in after.events}
        assert len(after.events) == len(before.events) - 1
        data = after.to_dict()
        jsonschema.validate(data, SCHEMA)
        [shown] = data["corrections"]
        assert shown["id"] == made.ref and shown["kind"] == "reject" and shown["note"] == "not an event"
        assert shown["events"] == [target.id]
        assert shown["snapshot"]["events"][0]["summary"] == target.summary
        sl.remove_correction(made.ref)
        assert len(sl.timeline("Mark Ballas").events) == len(before.events)
        assert sl.corrections() == []


def test_redate_moves_the_event_and_bad_dates_are_one_line_errors(ballas_copy):
    with Storyline(ballas_copy) as sl:
        target = _event(sl.timeline("Mark Ballas"), "took a break")
        with pytest.raises(CorrectionError, match=r"'22-13' is not a date"):
            sl.correct("Mark Ballas", "redate", events=[target.id], date="22-13")
        with pytest.raises(CorrectionError, match="no event 'ev-nope'"):
            sl.correct("Mark Ballas", "redate", events=["ev-nope"], date="2021")
        sl.correct("Mark Ballas", "redate", events=[target.id], date="2021-06")
        tl = sl.timeline("Mark Ballas")
        moved = _event(tl, "took a break")
        assert moved.date.value == "2021-06" and moved.date.granularity == "month"
        assert moved.corrections == ["co-1"]
        assert [e.date.sort_key() for e in tl.events] == sorted(e.date.sort_key() for e in tl.events)
        # the CLI shows the same corrected timeline
        assert sl.timeline("Ballas", since=__import__("datetime").date(2021, 6, 1)).events[0].id == moved.id


def test_merge_and_split(ballas_copy):
    with Storyline(ballas_copy) as sl:
        tl = sl.timeline("Mark Ballas")
        win = _event(tl, "mirrorball")
        assert len(win.sources) >= 3
        sl.correct("Mark Ballas", "split", events=[win.id], sources=[source_key(win.sources[0])], date="2022-11")
        tl2 = sl.timeline("Mark Ballas")
        assert len(tl2.events) == len(tl.events) + 1
        parts = [e for e in tl2.events if "co-1" in e.corrections]
        assert sorted(len(e.sources) for e in parts) == [1, len(win.sources) - 1]
        new = next(e for e in parts if len(e.sources) == 1)
        assert new.date.value == "2022-11" and new.summary == win.sources[0].sentence.strip()
        rest = next(e for e in parts if e is not new)
        sl.correct("Mark Ballas", "merge", events=[rest.id, new.id])
        tl3 = sl.timeline("Mark Ballas")
        assert len(tl3.events) == len(tl.events)
        merged = next(e for e in tl3.events if "co-2" in e.corrections)
        assert {(s.doc, s.start) for s in merged.sources} == {(s.doc, s.start) for s in win.sources}
        with pytest.raises(CorrectionError, match="some, but not all"):
            sl.correct("Mark Ballas", "split", events=[merged.id], sources=[source_key(s) for s in merged.sources])
        with pytest.raises(CorrectionError, match="two or more"):
            sl.correct("Mark Ballas", "merge", events=[merged.id])


def test_resolve_a_conflict_with_a_note(ballas_copy):
    with Storyline(ballas_copy) as sl:
        tl = sl.timeline("Mark Ballas")
        [conflict] = tl.conflicts
        chosen = next(i for i, c in enumerate(conflict.claims) if c.date.value == "2005")
        loser = next(c.event for c in conflict.claims if c.date.value == "2007")
        sl.correct("Mark Ballas", "resolve", conflict=conflict.id, claim=chosen, note="Season 5 aired in 2007; he was a troupe member in 2005")
        data = sl.timeline("Mark Ballas").to_dict()
        jsonschema.validate(data, SCHEMA)
        [c] = data["conflicts"]
        assert c["resolution"]["value"] == "2005" and c["resolution"]["note"].startswith("Season 5")
        assert loser not in {e["id"] for e in data["events"]}
        assert {cl["value"]: cl["event"] is None for cl in c["claims"]} == {"2005": False, "2007": True}
        with pytest.raises(CorrectionError, match="already resolved"):
            sl.correct("Mark Ballas", "resolve", conflict=conflict.id, claim=0)


def test_corrections_survive_reingesting_and_reanalysis(ballas_copy, tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(BALLAS, folder)
    with Storyline(ballas_copy) as sl:
        target = _event(sl.timeline("Mark Ballas"), "took a break")
        sl.correct("Mark Ballas", "reject", events=[target.id])
        assert sl.ingest([folder], processes=1, progress=False).unchanged == 3
        assert target.id not in {e.id for e in sl.timeline("Mark Ballas").events}
        # the same article with a paragraph added at its end is re-analysed: new mention rows,
        # new clusters, the same statements
        doc = target.sources[0].doc
        path = next(folder.glob(doc + ".*"))
        path.write_text(path.read_text() + "\n\nBallas thanked his fans on Instagram.\n")
        report = sl.ingest([folder], processes=1, progress=False)
        assert report.stored == 1
        after = sl.timeline("Mark Ballas")
        assert not any("took a break" in e.summary for e in after.events)
        assert after.to_dict()["corrections"][0]["kind"] == "reject"


def test_a_statement_is_found_by_its_sentence_when_its_offsets_moved():
    tv = TimeValue.from_iso("2022")
    old = Source("d1", "Ballas took a break in 2022.", 100, 128)
    moved = Source("d1", "Ballas took a break in 2022.", 140, 168)
    fix = Correction(1, "redate", [[source_key(old)]], "2021")
    events, _, applied = apply_corrections([Event("ev-1", tv, "took a break", ["Ballas"], [moved])], [], [fix], "Ballas")
    assert events[0].date.value == "2021" and applied[0]["events"] == ["ev-1"]


def test_stored_timeline_is_the_computed_one_and_moves_on_with_the_store(ballas_copy, tmp_path):
    with Storyline(ballas_copy) as sl:
        stored = sl.timeline_json("Mark Ballas")
        assert json.loads(stored) == sl._compute_timeline(sl.entity("Mark Ballas")).to_dict()
        generation = sl.store.generation()
        (tmp_path / "tour.txt").write_text(__import__("tests.conftest").conftest.TOUR_ARTICLE)
        sl.ingest([tmp_path / "tour.txt"], processes=1, progress=False)
        assert sl.store.generation() > generation
        fresh = json.loads(sl.timeline_json("Mark Ballas"))
        assert any("dance tour" in e["summary"] and e["date"]["value"] == "2024-03-01" for e in fresh["events"])
        assert fresh != json.loads(stored)


def test_the_kept_timeline_gives_back_the_same_objects(ballas_copy):
    with Storyline(ballas_copy) as sl:
        computed = sl._compute_timeline(sl.entity("Mark Ballas"))
        sl.timeline_json("Mark Ballas")
        kept = sl.timeline("Mark Ballas")
        assert kept.events == computed.events and kept.conflicts == computed.conflicts
        assert any(e.event_type for e in kept.events) and any(e.focus_is_agent for e in kept.events)
