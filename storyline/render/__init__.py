"""Render a Storyline timeline (the public JSON contract, a plain dict) into an output format.

``render(timeline, fmt)`` is the only entry point the rest of Storyline needs. Renderers never
compute anything about the timeline; they only present it. The small helpers below (date and
publication labels, document lookup) are shared by the format modules so that every format
describes a date the same way.

Every renderer returns text ending with a single newline.
"""
from __future__ import annotations

import importlib
import re
from typing import Callable

FORMATS: tuple[str, ...] = ("text", "markdown", "json", "timelinejs", "html", "tls")

_MODULES = {
    "text": "text",
    "markdown": "markdown",
    "json": "json_format",
    "timelinejs": "timelinejs",
    "html": "html",
    "tls": "tls",
}

MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")
_SEASONS = {"SP": "Spring", "SU": "Summer", "FA": "Autumn", "WI": "Winter"}
APPROX_PREFIX = "c. "
CLAIM_SOURCES_SHOWN = 3  # a claim backed by 170 articles shows three; the event lists them all


def more_sources(n: int) -> str:
    """'… and 5 more sources' for the sources of a claim that are not shown."""
    return f"… and {n} more source{'s' if n != 1 else ''} (see the event)"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def render(timeline: dict, fmt: str) -> str:
    """Render ``timeline`` as ``fmt`` (one of ``FORMATS``)."""
    if fmt not in _MODULES:
        raise ValueError(f"unknown format '{fmt}' (choose {', '.join(FORMATS)})")
    module = importlib.import_module(f".{_MODULES[fmt]}", __name__)
    renderer: Callable[[dict], str] = module.render
    return renderer(timeline)


# -- shared helpers ----------------------------------------------------------

def clean(text: object) -> str:
    """One line of plain text: control characters (incl. newlines, ANSI escapes) become spaces."""
    return " ".join(_CONTROL.sub(" ", "" if text is None else str(text)).split())


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _day_long(iso: str) -> str:
    """``2023-11-05`` -> ``5 Nov 2023`` (falls back to the input)."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso or "")
    if not m or not 1 <= int(m[2]) <= 12:
        return iso or "?"
    return f"{int(m[3])} {MONTHS[int(m[2]) - 1][:3]} {m[1]}"


def _range_label(start: str | None, end: str | None, long: bool) -> str:
    if not long:
        return f"{start or '?'} – {end or '?'}"
    if start and end and start[:4] == end[:4]:
        return f"{_day_long(start).rsplit(' ', 1)[0]} – {_day_long(end)}"
    return f"{_day_long(start) if start else '?'} – {_day_long(end) if end else '?'}"


def _plain_label(d: dict, long: bool) -> str:
    """The label of a date without its approximation marker."""
    value, gran = str(d.get("value") or ""), d.get("granularity")
    start, end = d.get("start"), d.get("end")
    if gran == "range":
        return _range_label(start, end, long)
    if (m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)) and gran in ("day", None):
        return _day_long(value) if long else value
    if (m := re.fullmatch(r"(\d{4}|XXXX)-(\d{2})", value)) and 1 <= int(m[2]) <= 12:
        month = MONTHS[int(m[2]) - 1]
        if m[1] == "XXXX":
            return f"{month} (year unknown)"
        return f"{month} {m[1]}" if long else value
    if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
        return f"week of {_day_long(start)}" if long and start else value
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        year = f"{m[1]}–{(int(m[1]) + 1) % 100:02d}" if m[2] == "WI" else m[1]
        return f"{_SEASONS[m[2]]} {year}"
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        return f"Q{m[2]} {m[1]}"
    if gran == "decade" and re.fullmatch(r"\d{3}", value):
        return f"{value}0s"
    if gran == "century" and re.fullmatch(r"\d{2}", value):
        return f"{_ordinal(int(value) + 1)} century"
    return value or _range_label(start, end, long)


def date_label(d: dict | None, long: bool = False) -> str:
    """A readable label for a contract date; approximate dates get a ``c. `` prefix.

    ``long=False`` keeps ISO-like forms (``2023-11-05``, ``2023-11``) for terminals;
    ``long=True`` spells them out (``5 Nov 2023``, ``November 2023``).
    """
    if not d:
        return "undated"
    label = clean(_plain_label(d, long))
    return APPROX_PREFIX + label if d.get("approximate") else label


def year_of(d: dict | None) -> str | None:
    """The year an event is filed under (its start year), or None if unknown."""
    start = (d or {}).get("start")
    return start[:4] if isinstance(start, str) and len(start) >= 4 else None


def published_label(doc: dict | None) -> str:
    """``2023-12-14``, ``undated, est. 2023-10-30 – 2023-11-05`` or ``undated``."""
    doc = doc or {}
    if doc.get("published"):
        return clean(doc["published"])
    est = doc.get("published_estimate") or {}
    earliest, latest = clean(est.get("earliest")), clean(est.get("latest"))
    if earliest and latest and earliest != latest:
        return f"undated, est. {earliest} – {latest}"
    if earliest or latest:
        return f"undated, est. {earliest or latest}"
    return "undated"


def documents_by_id(timeline: dict) -> dict[str, dict]:
    """The timeline's documents keyed by doc id."""
    return {str(d.get("doc")): d for d in timeline.get("documents") or []}


def entity_name(timeline: dict) -> str:
    return clean((timeline.get("entity") or {}).get("name")) or "(unnamed entity)"


def other_aliases(timeline: dict) -> list[str]:
    """Aliases other than the entity's name, de-duplicated, in order."""
    entity = timeline.get("entity") or {}
    name = clean(entity.get("name"))
    seen: list[str] = []
    for alias in entity.get("aliases") or []:
        alias = clean(alias)
        if alias and alias != name and alias not in seen:
            seen.append(alias)
    return seen


def query_label(timeline: dict) -> str | None:
    """``since 2020-01-01``, ``until ...``, both, or None when unrestricted."""
    query = timeline.get("query") or {}
    parts = [f"{key} {clean(query[key])}" for key in ("since", "until") if query.get(key)]
    return ", ".join(parts) or None



def summary_label(timeline: dict) -> str | None:
    """``Key dates: the 10 dates that mattered most, 1 sentence each`` for a summary, else None."""
    summary = timeline.get("summary")
    if not isinstance(summary, dict):
        return None
    n, k = summary.get("dates"), summary.get("sentences_per_date")
    shown = len(timeline.get("events") or [])
    label = f"Key dates: the {shown} date{'s' if shown != 1 else ''} that mattered most"
    if isinstance(n, int) and shown < n:
        label += f" (of {n} asked for)"
    if isinstance(k, int):
        label += f", up to {k} sentence{'s' if k != 1 else ''} each"
    return label


def full_timeline_command(timeline: dict, fmt: str | None = None) -> str | None:
    """The command that prints the full timeline behind a summary (None for a keyword summary)."""
    summary = timeline.get("summary")
    if not isinstance(summary, dict) or not summary.get("entity_found"):
        return None
    name = entity_name(timeline).replace('"', "'")
    command = f'storyline timeline "{name}"'
    query = timeline.get("query") or {}
    for key in ("since", "until"):
        if query.get(key):
            command += f" --{key} {clean(query[key])}"
    return command + (f" --format {fmt}" if fmt else "")

__all__ = ["FORMATS", "render"]
