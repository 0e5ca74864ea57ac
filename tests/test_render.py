"""Tests for storyline.render: every output format, the JSON schema, and HTML escaping."""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import jsonschema
import pytest

from storyline.render import FORMATS, render

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "docs" / "timeline.schema.json"
EVIL = "<script>alert(1)</script>"


def _date(value: str, granularity: str, start: str | None, end: str | None, approximate: bool = False) -> dict:
    return {"value": value, "granularity": granularity, "start": start, "end": end, "approximate": approximate}


def _source(doc: str, sentence: str, start: int, date_text: str | None = None) -> dict:
    src = {"doc": doc, "sentence": sentence, "start": start, "end": start + len(sentence)}
    if date_text:
        src["date_text"] = date_text
    return src


D0, D1, D2 = "000_e268f2100cdab0a1", "001_7eb55d1454373875", "002_ffdc567fa185292a"
S_2005 = _source(D0, "Ballas made his move to the dance floor in 2005 on Season 5 of the dancing competition show.",
                 180, "in 2005")
S_2007 = _source(D2, "Ballas joined the program in 2007, when he was 21.", 412, "in 2007")
S_SON = _source(D0, "The couple gave birth to their son in November but announced the news in early December "
                    "via social media.", 1830, "in November")
S_EVIL = _source(D1, f"Fans posted {EVIL} & chanted \"Mark & BC\" around 2022.", 95, "around 2022")
S_TOUR = _source(D1, "The duo toured Europe in the summer of 2023.", 300, "in the summer of 2023")


@pytest.fixture
def timeline() -> dict:
    return {
        "storyline": "1",
        "entity": {"name": "Mark Ballas", "type": "PERSON", "aliases": ["Ballas", "Mark Ballas"], "mentions": 61},
        "query": {"since": None, "until": None},
        "events": [
            {"id": "ev-77aa", "date": _date("2005", "year", "2005-01-01", "2005-12-31"),
             "summary": "Ballas made his move to the dance floor on Season 5 of the dancing competition show",
             "entities": ["Mark Ballas", "Dancing With the Stars"], "sources": [S_2005], "conflict": "cf-1"},
            {"id": "ev-88bb", "date": _date("2007", "year", "2007-01-01", "2007-12-31"),
             "summary": "Ballas joined the program", "entities": ["Mark Ballas", "Dancing With the Stars"],
             "sources": [S_2007], "conflict": "cf-1"},
            {"id": "ev-5c5c", "date": _date("2022", "year", "2022-01-01", "2022-12-31", approximate=True),
             "summary": "Fans chanted for Mark & BC", "entities": ["Mark Ballas", "BC Jean"],
             "sources": [S_EVIL], "conflict": None},
            {"id": "ev-9d9d", "date": _date("2023-SU", "season", "2023-06-01", "2023-08-31"),
             "summary": "The duo toured Europe", "entities": ["Mark Ballas", "BC Jean"],
             "sources": [S_TOUR], "conflict": None},
            {"id": "ev-3f2a9c01", "date": _date("2023-11-05", "day", "2023-11-05", "2023-11-05"),
             "summary": "The couple gave birth to their son", "entities": ["Mark Ballas", "BC Jean"],
             "sources": [S_SON], "conflict": None},
        ],
        "conflicts": [
            {"id": "cf-1", "about": "When Mark Ballas joined Dancing With the Stars", "claims": [
                {"value": "2005", "date": _date("2005", "year", "2005-01-01", "2005-12-31"), "event": "ev-77aa",
                 "sources": [S_2005]},
                {"value": "2007", "date": _date("2007", "year", "2007-01-01", "2007-12-31"), "event": "ev-88bb",
                 "sources": [S_2007]},
            ]},
        ],
        "documents": [
            {"doc": D0, "title": "Whatever Happened To Dancing With The Stars Pro Mark Ballas?",
             "published": "2023-12-14", "published_estimate": None, "url": None, "source": None},
            {"doc": D1, "title": None, "published": None,
             "published_estimate": {"earliest": "2023-10-30", "latest": "2023-11-05"}, "url": None, "source": None},
            {"doc": D2, "title": "Mark Ballas & BC Jean welcome a baby", "published": "2023-12-20",
             "published_estimate": None, "url": "https://example.com/news?a=1&b=2", "source": "Example News"},
        ],
    }


@pytest.fixture
def empty_timeline(timeline: dict) -> dict:
    return {**timeline, "events": [], "conflicts": [], "documents": []}


@pytest.fixture
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


# -- dispatch -------------------------------------------------------------------

def test_formats_listed() -> None:
    assert FORMATS == ("text", "markdown", "json", "timelinejs", "html", "tls")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders(timeline: dict, fmt: str) -> None:
    out = render(timeline, fmt)
    assert isinstance(out, str) and out.endswith("\n")
    assert "Mark Ballas" in out or fmt == "tls"  # tls is dates and sentences only


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_zero_events(empty_timeline: dict, fmt: str) -> None:
    assert isinstance(render(empty_timeline, fmt), str)


def test_render_does_not_modify_input(timeline: dict) -> None:
    before = copy.deepcopy(timeline)
    for fmt in FORMATS:
        render(timeline, fmt)
    assert timeline == before


def test_unknown_format_raises(timeline: dict) -> None:
    with pytest.raises(ValueError, match=r"unknown format 'pdf' \(choose text, markdown, json, timelinejs, html, tls\)"):
        render(timeline, "pdf")


# -- json and schema ---------------------------------------------------------------

def test_json_round_trips_and_validates(timeline: dict, schema: dict) -> None:
    out = render(timeline, "json")
    assert json.loads(out) == timeline
    assert EVIL in out  # ensure_ascii=False, no escaping: JSON is data, not markup
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads(out), schema, cls=jsonschema.Draft202012Validator)


def test_schema_accepts_empty_timeline(empty_timeline: dict, schema: dict) -> None:
    jsonschema.validate(empty_timeline, schema, cls=jsonschema.Draft202012Validator)


def test_schema_allows_extra_keys(timeline: dict, schema: dict) -> None:
    timeline["generator"] = "storyline 0.1"
    timeline["events"][0]["confidence"] = 0.8
    timeline["events"][0]["date"]["mod"] = "START"
    jsonschema.validate(timeline, schema, cls=jsonschema.Draft202012Validator)


def _break(tl: dict, how: str) -> None:
    if how == "missing events":
        del tl["events"]
    elif how == "bad day":
        tl["events"][0]["date"]["start"] = "2005-1-1"
    elif how == "bad granularity":
        tl["events"][0]["date"]["granularity"] = "fortnight"
    elif how == "string offset":
        tl["events"][0]["sources"][0]["start"] = "180"
    elif how == "missing conflict key":
        del tl["events"][0]["conflict"]
    elif how == "bad estimate":
        tl["documents"][1]["published_estimate"] = {"earliest": "Oct 2023", "latest": "2023-11-05"}


@pytest.mark.parametrize("how", ["missing events", "bad day", "bad granularity", "string offset",
                                 "missing conflict key", "bad estimate"])
def test_schema_rejects_invalid(timeline: dict, schema: dict, how: str) -> None:
    _break(timeline, how)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(timeline, schema, cls=jsonschema.Draft202012Validator)


# -- html ---------------------------------------------------------------------------

def _without_data_urls(page: str, timeline: dict) -> str:
    for doc in timeline["documents"]:
        if doc.get("url"):
            page = page.replace(doc["url"].replace("&", "&amp;"), "")
    return page


def test_html_is_self_contained(timeline: dict) -> None:
    page = _without_data_urls(render(timeline, "html"), timeline)
    assert "http://" not in page and "https://" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(//|data:|javascript:)""", page, re.IGNORECASE)
    assert "@import" not in page and "url(" not in page


def test_html_escapes_untrusted_text(timeline: dict) -> None:
    page = render(timeline, "html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert EVIL not in page
    assert page.count("<script>") == 1  # only the page's own script
    assert "Mark &amp; BC" in page
    assert 'href="https://example.com/news?a=1&amp;b=2"' in page


def test_html_escapes_every_field() -> None:
    nasty = '"><img src=x onerror=alert(1)>'
    tl = {"storyline": "1", "entity": {"name": nasty, "type": nasty, "aliases": [nasty], "mentions": 1},
          "query": {"since": None, "until": None},
          "events": [{"id": nasty, "date": _date(nasty, "day", None, None), "summary": nasty,
                      "entities": [nasty], "sources": [_source(nasty, nasty, 0, nasty)], "conflict": nasty}],
          "conflicts": [{"id": nasty, "about": nasty, "claims": [
              {"value": nasty, "date": _date(nasty, "year", None, None), "event": nasty, "sources": []}]}],
          "documents": [{"doc": nasty, "title": nasty, "published": None,
                         "published_estimate": {"earliest": nasty, "latest": nasty},
                         "url": "javascript:alert(1)", "source": nasty}]}
    page = render(tl, "html")
    assert "<img" not in page
    assert 'href="javascript:' not in page


def test_html_shows_timeline_parts(timeline: dict) -> None:
    page = render(timeline, "html")
    assert 'class="date approx"' in page and "c. 2022" in page
    assert "⚠" in page and 'id="conflicts"' in page and 'class="event conflicted"' in page
    assert "<details>" in page and "1 source</summary>" in page
    assert "undated, est. 2023-10-30 – 2023-11-05" in page
    assert "Whatever Happened To Dancing With The Stars Pro Mark Ballas?" in page
    assert '<h2 class="year-h">2023</h2>' in page
    assert "<mark>in November</mark>" in page


def test_html_zero_events(empty_timeline: dict) -> None:
    page = render(empty_timeline, "html")
    assert "No dated events found for Mark Ballas" in page
    assert 'id="conflicts"' not in page


# -- text and markdown --------------------------------------------------------------------

def test_text_table(timeline: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = render(timeline, "text")
    for label in ("2005", "2007", "c. 2022", "Summer 2023", "2023-11-05"):
        assert label in out
    assert "⚠" in out
    assert "Conflicts" in out and "Documents" in out
    assert "undated, est. 2023-10-30 – 2023-11-05" in out
    assert all(len(line) <= 80 for line in out.splitlines())
    conflict_row = next(line for line in out.splitlines() if line.startswith("2005"))
    assert "⚠" in conflict_row


def test_text_strips_terminal_escapes(timeline: dict) -> None:
    timeline["events"][0]["summary"] = "Evil \x1b[31mred\x1b[0m\nsecond line"
    out = render(timeline, "text")
    assert "\x1b" not in out


def test_text_zero_events(empty_timeline: dict) -> None:
    assert "No dated events found for Mark Ballas." in render(empty_timeline, "text")


def test_markdown(timeline: dict) -> None:
    out = render(timeline, "markdown")
    assert out.startswith("# Storyline: Mark Ballas")
    assert "## 2005" in out and "## Conflicts" in out and "## Documents" in out
    assert "c. 2022" in out and "⚠" in out
    assert "“The couple gave birth to their son in November" in out
    assert EVIL not in out and "&lt;script>" in out


# -- timelinejs -----------------------------------------------------------------------------

def test_timelinejs(timeline: dict) -> None:
    data = json.loads(render(timeline, "timelinejs"))
    assert data["title"]["text"]["headline"]
    events = {e["unique_id"]: e for e in data["events"]}
    assert len(events) == 5
    assert all(isinstance(e["start_date"]["year"], int) for e in data["events"])
    assert events["ev-3f2a9c01"]["start_date"] == {"year": 2023, "month": 11, "day": 5}
    assert events["ev-77aa"]["start_date"] == {"year": 2005}
    assert events["ev-77aa"]["group"] == "Conflict" and "group" not in events["ev-3f2a9c01"]
    assert events["ev-5c5c"]["display_date"] == "c. 2022" and events["ev-5c5c"]["end_date"] == {"year": 2022}
    assert events["ev-9d9d"]["end_date"] == {"year": 2023, "month": 8}
    assert EVIL not in json.dumps(data, ensure_ascii=False)
    assert "&lt;script&gt;" in events["ev-5c5c"]["text"]["text"]


def test_timelinejs_skips_unplaceable_events(timeline: dict) -> None:
    timeline["events"][0]["date"] = _date("XXXX-11", "month", None, None)
    data = json.loads(render(timeline, "timelinejs"))
    assert len(data["events"]) == 4
    assert "without a known date" in data["title"]["text"]["text"]


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_a_claim_with_many_sources_shows_a_few_and_counts_the_rest(timeline: dict, fmt: str) -> None:
    claim = timeline["conflicts"][0]["claims"][0]
    claim["sources"] = [_source(f"doc-{i}", f"Sentence number {i}.", 0) for i in range(10)]
    out = render(timeline, fmt)
    assert "7 more sources" in out
    shown = "doc-2" if fmt == "text" else "Sentence number 2."
    hidden = "doc-3" if fmt == "text" else "Sentence number 3."
    assert shown in out and hidden not in out
