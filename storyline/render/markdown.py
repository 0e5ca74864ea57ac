"""Markdown output: a heading, events grouped by year as bullets, quoted sources as nested bullets,
then the conflicts and the documents.

Text from the data is escaped so that article text can neither inject HTML (``<script>``) nor
Markdown formatting or links into the rendered page.
"""
from __future__ import annotations

import re
from itertools import groupby

from . import (CLAIM_SOURCES_SHOWN, clean, date_label, documents_by_id, entity_name, full_timeline_command,
               more_sources, other_aliases, published_label, query_label, summary_label, year_of)

_MD_SPECIAL = re.compile(r"([\\`*_\[\]~])")
_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_SAFE_URL = re.compile(r"https?://[^\s<>()\[\]`]+")


def md(text: object) -> str:
    """Escape one line of untrusted text for Markdown."""
    text = _MD_SPECIAL.sub(r"\\\1", clean(text))
    return _ENTITY_LIKE.sub("&amp;", text).replace("<", "&lt;")


def code(text: object) -> str:
    """An identifier as inline code (escaped text if it contains a backtick)."""
    text = clean(text)
    return f"`{text}`" if text and "`" not in text else md(text)


def render(timeline: dict) -> str:
    docs = documents_by_id(timeline)
    parts = [_header(timeline), _events(timeline, docs)]
    if timeline.get("conflicts"):
        parts.append(_conflicts(timeline["conflicts"], docs))
    if timeline.get("documents"):
        parts.append(_documents(timeline["documents"]))
    return "\n\n".join(parts) + "\n"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _header(timeline: dict) -> str:
    entity = timeline.get("entity") or {}
    facts = [f"*{md(entity['type'])}*"] if entity.get("type") else []
    if aliases := other_aliases(timeline):
        facts.append("also known as " + ", ".join(md(a) for a in aliases))
    if isinstance(entity.get("mentions"), int):
        facts.append(_plural(entity["mentions"], "mention"))
    n_events, n_docs = len(timeline.get("events") or []), len(timeline.get("documents") or [])
    facts.append(f"{_plural(n_events, 'event')} from {_plural(n_docs, 'document')}")
    if timeline.get("conflicts"):
        facts.append(f"[{_plural(len(timeline['conflicts']), 'conflict')}](#conflicts)")
    if query := query_label(timeline):
        facts.append(md(query))
    head = f"# Storyline: {md(entity_name(timeline))}\n\n" + " · ".join(facts)
    if label := summary_label(timeline):
        head += f"\n\n**{md(label)}.**"
        if command := full_timeline_command(timeline, "markdown"):
            head += f" Full timeline: {code(command)}"
    return head


def _events(timeline: dict, docs: dict[str, dict]) -> str:
    events = timeline.get("events") or []
    if not events:
        return f"*No dated events found for {md(entity_name(timeline))}.*"
    sections = []
    for year, group in groupby(events, key=lambda ev: year_of(ev.get("date")) or "Undated"):
        bullets = "\n".join(_event(ev, docs) for ev in group)
        sections.append(f"## {year}\n\n{bullets}")
    return "\n\n".join(sections)


def _event(ev: dict, docs: dict[str, dict]) -> str:
    line = f"- **{md(date_label(ev.get('date'), long=True))}** — {md(ev.get('summary'))}"
    if ev.get("conflict"):
        line += f" ⚠ [conflicting dates: {md(ev['conflict'])}](#conflicts)"
    lines = [line]
    if ev.get("entities"):
        lines.append("  - Entities: " + ", ".join(md(e) for e in ev["entities"]))
    lines.extend("  - " + _quote(src, docs) for src in ev.get("sources") or [])
    return "\n".join(lines)


def _quote(src: dict, docs: dict[str, dict]) -> str:
    """“sentence” — *Title*, `doc id` (published)."""
    doc = docs.get(str(src.get("doc")), {})
    title = f"*{md(doc['title'])}*, " if doc.get("title") else ""
    return f"“{md(src.get('sentence'))}” — {title}{code(src.get('doc'))} ({md(published_label(doc))})"


def _conflicts(conflicts: list[dict], docs: dict[str, dict]) -> str:
    sections = ["## Conflicts"]
    for cf in conflicts:
        lines = [f"### ⚠ {md(cf.get('about')) or 'Conflicting dates'} ({md(cf.get('id'))})", ""]
        for claim in cf.get("claims") or []:
            label = date_label(claim["date"], long=True) if claim.get("date") else claim.get("value")
            event = f" (event {code(claim['event'])})" if claim.get("event") else ""
            lines.append(f"- **{md(label)}**{event}")
            sources = claim.get("sources") or []
            lines.extend("  - " + _quote(src, docs) for src in sources[:CLAIM_SOURCES_SHOWN])
            if len(sources) > CLAIM_SOURCES_SHOWN:
                lines.append("  - " + more_sources(len(sources) - CLAIM_SOURCES_SHOWN))
        sections.append("\n".join(lines))
    return "\n\n".join(sections)


def _documents(documents: list[dict]) -> str:
    lines = ["## Documents", ""]
    for doc in documents:
        parts = [f"**{md(doc.get('title') or '(untitled)')}**", code(doc.get("doc")), md(published_label(doc))]
        if doc.get("source"):
            parts.append(md(doc["source"]))
        if url := clean(doc.get("url")):
            parts.append(f"<{url}>" if _SAFE_URL.fullmatch(url) else md(url))
        lines.append("- " + " · ".join(parts))
    return "\n".join(lines)
