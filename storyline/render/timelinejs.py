"""TimelineJS3 output: the JSON file format read by Knight Lab's TimelineJS.

Each event becomes a slide whose ``start_date`` only carries the parts its granularity gives
(a year-level date has no month or day). Coarse units, ranges and approximate dates also get an
``end_date``; ``display_date`` always shows Storyline's own label (``c. 2022``, ``Summer 2023``).
TimelineJS renders headline and text as HTML, so everything from the data is HTML-escaped.
Events without a known start cannot be placed on the timeline and are left out (and counted).
"""
from __future__ import annotations

import json
from html import escape

from . import (clean, date_label, documents_by_id, entity_name, other_aliases, published_label,
               query_label)

# Which date parts each granularity gives, and whether it spans enough to deserve an end date.
_PARTS = {"day": 3, "week": 3, "month": 2, "season": 2, "quarter": 2,
          "year": 1, "decade": 1, "century": 1, "range": 3}
_SPANS = {"week", "season", "quarter", "decade", "century", "range"}
_KEYS = ("year", "month", "day")


def render(timeline: dict) -> str:
    return json.dumps(to_timelinejs(timeline), indent=2, ensure_ascii=False) + "\n"


def to_timelinejs(timeline: dict) -> dict:
    """The TimelineJS3 document for ``timeline``."""
    docs = documents_by_id(timeline)
    slides = [s for ev in timeline.get("events") or [] if (s := _slide(ev, docs))]
    skipped = len(timeline.get("events") or []) - len(slides)
    return {"title": {"text": {"headline": escape(f"Storyline: {entity_name(timeline)}"),
                               "text": _title_text(timeline, len(slides), skipped)}},
            "events": slides}


def _title_text(timeline: dict, shown: int, skipped: int) -> str:
    facts = []
    if aliases := other_aliases(timeline):
        facts.append("Also known as " + ", ".join(aliases))
    facts.append(f"{shown} dated event{'s' if shown != 1 else ''} from "
                 f"{len(timeline.get('documents') or [])} document(s)")
    if query := query_label(timeline):
        facts.append(query)
    if skipped:
        facts.append(f"{skipped} event(s) without a known date left out")
    if not shown:
        facts.append(f"No dated events found for {entity_name(timeline)}")
    return "<p>" + escape(". ".join(facts)) + ".</p>"


def date_parts(iso: object, n: int) -> dict[str, int] | None:
    """``("2023-11-05", 2)`` -> ``{"year": 2023, "month": 11}``; None if not an ISO day."""
    try:
        numbers = [int(p) for p in str(iso).split("-")]
    except ValueError:
        return None
    if len(numbers) != 3:
        return None
    return dict(zip(_KEYS, numbers[:n]))


def _slide(ev: dict, docs: dict[str, dict]) -> dict | None:
    date = ev.get("date") or {}
    n = _PARTS.get(date.get("granularity"), 3)
    start = date_parts(date.get("start"), n)
    if start is None:
        return None
    slide: dict = {"start_date": start}
    end = date_parts(date.get("end"), n)
    if end and (date.get("granularity") in _SPANS or date.get("approximate")):
        slide["end_date"] = end
    slide["display_date"] = date_label(date, long=True)
    slide["text"] = {"headline": escape(clean(ev.get("summary"))), "text": _slide_text(ev, docs)}
    if ev.get("conflict"):
        slide["group"] = "Conflict"
    slide["unique_id"] = clean(ev.get("id"))
    return slide


def _slide_text(ev: dict, docs: dict[str, dict]) -> str:
    html = []
    if ev.get("conflict"):
        html.append("<p><strong>⚠ Sources disagree about this date.</strong></p>")
    for src in ev.get("sources") or []:
        doc = docs.get(str(src.get("doc")), {})
        cite = " · ".join(filter(None, [clean(doc.get("title")), clean(src.get("doc")), published_label(doc)]))
        html.append(f"<blockquote>“{escape(clean(src.get('sentence')))}”</blockquote>"
                    f"<p><cite>{escape(cite)}</cite></p>")
    if ev.get("entities"):
        html.append("<p>" + escape(", ".join(clean(e) for e in ev["entities"])) + "</p>")
    return "".join(html)
