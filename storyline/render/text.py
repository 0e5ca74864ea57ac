"""Plain-text output for a terminal: a fixed-width table of events, then conflicts and documents.

Approximate dates read ``c. 2022``; conflicted events carry a ``⚠`` marker. All text taken from
the data is reduced to one printable line, so article text cannot inject terminal escapes.
"""
from __future__ import annotations

import shutil
import textwrap
from itertools import zip_longest

from . import (CLAIM_SOURCES_SHOWN, clean, date_label, entity_name, full_timeline_command, more_sources,
               other_aliases, published_label, query_label, summary_label)

WARN = "⚠"
_MAX_DATE_WIDTH = 26
_SRC_WIDTH = 3


def render(timeline: dict) -> str:
    width = max(60, shutil.get_terminal_size((100, 24)).columns)
    events = timeline.get("events") or []
    parts = [_header(timeline, width)]
    if events:
        parts.append(_table(events, width))
    else:
        parts.append(f"No dated events found for {entity_name(timeline)}.")
    if timeline.get("conflicts"):
        parts.append(_conflicts(timeline["conflicts"], width))
    if timeline.get("documents"):
        parts.append(_documents(timeline["documents"], width))
    return "\n\n".join(parts) + "\n"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _heading(title: str) -> str:
    return f"{title}\n{'=' * len(title)}"


def _header(timeline: dict, width: int) -> str:
    entity = timeline.get("entity") or {}
    kind = clean(entity.get("type"))
    lines = [f"Storyline: {entity_name(timeline)}" + (f" ({kind})" if kind else "")]
    facts = []
    if aliases := other_aliases(timeline):
        facts.append("also " + ", ".join(aliases))
    if isinstance(entity.get("mentions"), int):
        facts.append(_plural(entity["mentions"], "mention"))
    facts.append(_plural(len(timeline.get("events") or []), "event"))
    facts.append(_plural(len(timeline.get("documents") or []), "document"))
    if timeline.get("conflicts"):
        facts.append(_plural(len(timeline["conflicts"]), "conflict"))
    lines.append(textwrap.fill(" · ".join(facts), width))
    if query := query_label(timeline):
        lines.append(f"Period: {query}")
    if label := summary_label(timeline):
        lines.append(textwrap.fill(label, width))
        if command := full_timeline_command(timeline):
            lines.append(f"Full timeline: {command}")
    return "\n".join(lines)


def _table(events: list[dict], width: int) -> str:
    labels = [date_label(ev.get("date")) for ev in events]
    date_w = max(4, min(_MAX_DATE_WIDTH, max(len(label) for label in labels)))
    summary_w = max(20, width - date_w - 5 - _SRC_WIDTH - 2)
    rule = f"{'-' * date_w}    {'-' * summary_w}  {'-' * _SRC_WIDTH}"
    rows = [f"{'DATE':<{date_w}}    {'SUMMARY':<{summary_w}}  {'SRC':>{_SRC_WIDTH}}".rstrip(), rule]
    for ev, label in zip(events, labels):
        rows.extend(_row(ev, label, date_w, summary_w))
    if any(ev.get("conflict") for ev in events):
        rows.extend([rule, f"{WARN} = sources disagree about this event's date; see Conflicts."])
    return "\n".join(rows)


def _row(ev: dict, label: str, date_w: int, summary_w: int) -> list[str]:
    dates = textwrap.wrap(label, date_w) or [""]
    summary = textwrap.wrap(clean(ev.get("summary")), summary_w) or [""]
    mark = WARN if ev.get("conflict") else " "
    count = str(len(ev.get("sources") or []))
    lines = []
    for i, (d, s) in enumerate(zip_longest(dates, summary, fillvalue="")):
        first = i == 0
        line = f"{d:<{date_w}}  {mark if first else ' '} {s:<{summary_w}}  {count if first else '':>{_SRC_WIDTH}}"
        lines.append(line.rstrip())
    return lines


def _conflicts(conflicts: list[dict], width: int) -> str:
    lines = [_heading("Conflicts")]
    for cf in conflicts:
        about = clean(cf.get("about")) or "conflicting dates"
        lines.append(textwrap.fill(f"{WARN} {clean(cf.get('id'))}: {about}", width, subsequent_indent="  "))
        for claim in cf.get("claims") or []:
            lines.append(_claim(claim, width))
    return "\n".join(lines)


def _claim(claim: dict, width: int) -> str:
    label = date_label(claim.get("date")) if claim.get("date") else clean(claim.get("value"))
    ids = list(dict.fromkeys(clean(s.get("doc")) for s in claim.get("sources") or []))
    docs = ", ".join(ids[:CLAIM_SOURCES_SHOWN]) or "none"
    if len(ids) > CLAIM_SOURCES_SHOWN:
        docs += " " + more_sources(len(ids) - CLAIM_SOURCES_SHOWN)
    event = f" (event {clean(claim['event'])})" if claim.get("event") else ""
    text = f"- {label}{event}; sources: {docs}"
    return textwrap.fill(text, width, initial_indent="  ", subsequent_indent="      ")


def _documents(documents: list[dict], width: int) -> str:
    lines = [_heading("Documents")]
    for doc in documents:
        head = f"{clean(doc.get('doc'))}  {published_label(doc)}"
        title = clean(doc.get("title")) or "(untitled)"
        extra = " · ".join(clean(doc[k]) for k in ("source", "url") if doc.get(k))
        lines.append(f"- {head}")
        lines.append(textwrap.fill(title, width, initial_indent="    ", subsequent_indent="    "))
        if extra:
            lines.append(textwrap.fill(extra, width, initial_indent="    ", subsequent_indent="    "))
    return "\n".join(lines)
