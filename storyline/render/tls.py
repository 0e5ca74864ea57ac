"""``tls`` output: ``[["YYYY-MM-DD", ["sentence", ...]], ...]``, the timeline format of news-tls and tilse.

Only day-precise events can be written this way; the others are left out. A date's sentences
are the distinct sentences its sources quote, in order (for a summary, its chosen sentences;
a sentence repeated by several articles is written once).
"""
from __future__ import annotations

import json

from . import clean


def render(timeline: dict) -> str:
    return json.dumps(to_tls(timeline), indent=1, ensure_ascii=False) + "\n"


def to_tls(timeline: dict) -> list:
    days: dict[str, list[str]] = {}
    for ev in timeline.get("events") or []:
        date = ev.get("date") or {}
        if date.get("granularity") != "day" or not date.get("start"):
            continue
        sentences = days.setdefault(date["start"], [])
        for src in ev.get("sources") or []:
            sentence = clean(src.get("sentence"))
            if sentence and sentence not in sentences:
                sentences.append(sentence)
    return [[day, sentences] for day, sentences in sorted(days.items())]
