"""End to end on the sample corpus: real spaCy model, real SQLite file, the timeline a user sees."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from storyline import Storyline

SCHEMA = json.loads((Path(__file__).resolve().parent.parent / "docs" / "timeline.schema.json").read_text())
DOC0, DOC1, DOC2 = "000_e268f2100cdab0a1", "001_7eb55d1454373875", "002_ffdc567fa185292a"


def _events_citing(timeline: dict, *words: str) -> list[dict]:
    return [e for e in timeline["events"]
            if any(all(w.lower() in s["sentence"].lower() for w in words) for s in e["sources"])]


def _dated(timeline: dict, value: str, *words: str) -> dict:
    found = [e for e in _events_citing(timeline, *words) if e["date"]["value"] == value]
    assert found, f"no event dated {value} citing {words}: " + json.dumps(
        [(e["date"]["value"], e["summary"]) for e in _events_citing(timeline, *words)], indent=1)
    return found[0]


def test_timeline_validates_against_the_public_schema(ballas_timeline):
    jsonschema.validate(ballas_timeline, SCHEMA)
    assert ballas_timeline["entity"]["name"] == "Mark Ballas"


def test_season_31_win_is_one_event_with_all_three_sources(ballas_timeline):
    win = _dated(ballas_timeline, "2022", "mirrorball")
    assert {s["doc"] for s in win["sources"]} == {DOC0, DOC1, DOC2}
    assert any("D'Amelio" in n or "D’Amelio" in n for n in win["entities"])


def test_pregnancy_loss_2022(ballas_timeline):
    loss = [e for e in ballas_timeline["events"] if e["date"]["value"].startswith("2022")
            and any(w in s["sentence"] for s in e["sources"] for w in ("lost a baby", "miscarriage", "lost a year ago"))]
    assert loss


def test_retirement_announcement_on_tour_march_2023_from_two_sources(ballas_timeline):
    retire = _dated(ballas_timeline, "2023-03", "last dance")
    assert {DOC0, DOC2} <= {s["doc"] for s in retire["sources"]}


def test_pregnancy_announcement_keeps_its_heading_as_a_source(ballas_timeline):
    announcement = _dated(ballas_timeline, "2023-06-26", "Instagram Reel")
    assert any("Announced Their Pregnancy" in s["sentence"] for s in announcement["sources"])


def test_dated_posts_and_news(ballas_timeline):
    _dated(ballas_timeline, "2023-08", "ultrasound")
    _dated(ballas_timeline, "2023-10-05", "Instagram")
    _dated(ballas_timeline, "2023-10-30", "Instagram post")
    _dated(ballas_timeline, "2023-11", "When We Were Young")
    _dated(ballas_timeline, "2024-01-10", "January 10, 2024")


def test_birth_of_son_on_5_november_2023(ballas_timeline):
    birth = _dated(ballas_timeline, "2023-11-05", "son")
    assert any("birth" in s["sentence"] or "Welcome to Earth" in s["sentence"] for s in birth["sources"])


def test_2005_2007_conflict_is_shown_not_resolved(ballas_timeline):
    conflicts = ballas_timeline["conflicts"]
    assert len(conflicts) == 1
    assert conflicts[0]["about"] == "When Mark Ballas joined Dancing With the Stars"
    claims = {c["value"]: {s["doc"] for s in c["sources"]} for c in conflicts[0]["claims"]}
    assert claims == {"2005": {DOC0}, "2007": {DOC2}}
    flagged = [e for e in ballas_timeline["events"] if e["conflict"] == conflicts[0]["id"]]
    assert {e["date"]["value"] for e in flagged} == {"2005", "2007"}


def test_undated_articles_get_publication_windows(ballas_timeline):
    docs = {d["doc"]: d for d in ballas_timeline["documents"]}
    assert docs[DOC0]["published"] == "2023-12-14" and docs[DOC0]["published_estimate"] is None
    w1 = docs[DOC1]["published_estimate"]
    assert w1["earliest"] == "2023-10-30" and w1["latest"] <= "2023-12-31"
    w2 = docs[DOC2]["published_estimate"]
    assert w2["earliest"] == "2024-01-10" and w2["latest"] <= "2024-03-31"


def test_few_events_carry_a_wrong_date(ballas_timeline):
    # Everything the sample reports happened between his 2005 debut and January 2024.
    dates = [e["date"] for e in ballas_timeline["events"]]
    wrong = [d["value"] for d in dates if d["start"] < "2005-01-01" or d["end"] > "2024-01-31"]
    assert len(wrong) <= 1, wrong
    assert len(dates) >= 12


def test_sources_point_at_the_exact_sentence(ballas_db, ballas_timeline):
    with Storyline(ballas_db) as sl:
        texts = dict(sl.store.db.execute("SELECT id, text FROM documents"))
    for event in ballas_timeline["events"]:
        for s in event["sources"]:
            assert texts[s["doc"]][s["start"]:s["end"]] == s["sentence"]


def test_since_until_filter(ballas_db):
    with Storyline(ballas_db) as sl:
        t = sl.timeline("Ballas", since=__import__("datetime").date(2023, 6, 1)).to_dict()
    assert t["events"] and all(e["date"]["end"] >= "2023-06-01" for e in t["events"])
    assert t["conflicts"] == []
