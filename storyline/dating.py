"""Estimated publication windows for undated articles, read from their content.

An article is published after the latest event it reports as past, and before the events
it reports as still to come. News reports recent events, so when nothing bounds the window
from above it closes ``RECENCY_DAYS`` after that latest past event. The window is shown as
an estimate and relative dates of the article ("in June", "tmrw") are resolved against it.
"""
from __future__ import annotations

from datetime import date, timedelta

from .temporal import TimeExpression

RECENCY_DAYS = 30


def estimate_window(timexes: list[TimeExpression]) -> tuple[date, date] | None:
    past, future = [], []
    for tx in timexes:
        if tx.value is None or not tx.value.specified or tx.kind != "absolute" or tx.type not in ("DATE", "TIME"):
            continue
        (future if tx.tense == "future" else past).append(tx.value)
    if not past:
        return None
    earliest = max(v.start for v in past)
    bounds = [v.end for v in future if v.end >= earliest] + [earliest + timedelta(days=RECENCY_DAYS)]
    return earliest, min(bounds)
