"""Editors' corrections of the machine's timeline, and how they are applied.

A correction names the events it is about by their *source statements* (document id, character
offsets and sentence), never by event or cluster ids: those are recomputed on every ingest, while
a statement of an article stays where it is. So a correction survives new articles, re-ingesting
the same ones, and a re-analysed version of an article whose earlier text did not move (a
statement is also recognised by its sentence when its offsets moved).

Kinds (``targets`` is a list of groups of source keys ``{"doc", "start", "end", "sentence"}``):

* ``reject``  [event sources]: the event is wrong; it leaves the timeline.
* ``redate``  [event sources] + ``value``: the event happened at ``value`` (``YYYY``, ``YYYY-MM``,
  ``YYYY-MM-DD`` or ``A/B``).
* ``merge``   [event A sources, event B sources, ...] (+ optional ``value``): one event.
* ``split``   [event sources, sources to split off] (+ optional ``value`` for the new event).
* ``resolve`` [chosen claim sources, other claims' sources...] + ``note``: the conflict is
  settled for the chosen claim; the events of the other claims leave the timeline.

``apply_corrections`` applies them in the order they were made to one entity's events and
conflicts and returns what the timeline JSON lists under ``corrections``.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from .model import Conflict, Event, Source
from .temporal.value import TimeValue

KINDS = ("reject", "redate", "merge", "split", "resolve")


class CorrectionError(ValueError):
    """A correction that cannot be made (unknown event, bad date, ...); the message is one line."""


@dataclass
class Correction:
    id: int
    kind: str
    targets: list[list[dict]]
    value: str | None = None
    note: str | None = None
    snapshot: dict = field(default_factory=dict)  # what the editor saw: entity, summaries, dates
    created: str | None = None

    @property
    def ref(self) -> str:
        return f"co-{self.id}"

    def to_dict(self) -> dict:
        return {"id": self.ref, "kind": self.kind, "date": self.value, "note": self.note,
                "created": self.created, "snapshot": self.snapshot,
                "targets": [[_key_dict(k) for k in group] for group in self.targets]}


def source_key(s: Source) -> dict:
    return {"doc": s.doc, "start": s.start, "end": s.end, "sentence": s.sentence}


def _key_dict(k: dict) -> dict:
    return {"doc": k["doc"], "start": k["start"], "end": k["end"]}


def parse_date(value: str) -> TimeValue:
    """A corrected date: YYYY, YYYY-MM, YYYY-MM-DD or START/END; a one-line error otherwise."""
    try:
        tv = TimeValue.from_iso(value)
    except (ValueError, TypeError, AttributeError):
        raise CorrectionError(f"'{value}' is not a date (YYYY, YYYY-MM, YYYY-MM-DD or START/END)") from None
    return TimeValue(tv.value, tv.granularity, tv.start, tv.end, False, None)


class _Matcher:
    """Finds a target's sources among a timeline's events: same document and same start
    offset, or same document and same sentence (the article's text moved)."""

    def __init__(self, keys: list[dict]):
        self.by_offset = {(k["doc"], k["start"]) for k in keys}
        self.by_sentence = {(k["doc"], k["sentence"]) for k in keys if k.get("sentence")}

    def __call__(self, s: Source) -> bool:
        return (s.doc, s.start) in self.by_offset or (s.doc, s.sentence) in self.by_sentence


def _find(events: list[Event], keys: list[dict], hint: dict | None = None) -> list[int]:
    """The event that shares most statements with ``keys`` (as a list of 0 or 1 index). Two
    dated clauses of one sentence are two events with the same statement: then the summary and
    date the editor saw (``hint``) decide."""
    match = _Matcher(keys)
    best, best_score = None, (0,)
    for i, e in enumerate(events):
        shared = sum(1 for s in e.sources if match(s))
        if not shared:
            continue
        score = (shared, bool(hint) and e.summary == hint.get("summary"),
                 bool(hint) and e.date.value == hint.get("date"), -abs(len(e.sources) - len(keys)))
        if score > best_score:
            best, best_score = i, score
    return [] if best is None else [best]


def _hint(c: Correction, n: int) -> dict | None:
    seen = c.snapshot.get("events") or []
    return seen[n] if n < len(seen) else None


def event_id(sources: list[Source]) -> str:
    """The id an event with these sources gets (the same rule as resolve._event)."""
    ordered = sorted({(s.doc, s.start): s for s in sources}.values(), key=lambda s: (s.doc, s.start))
    return "ev-" + hashlib.sha1("|".join(f"{s.doc}:{s.start}" for s in ordered).encode()).hexdigest()[:10]


def relevant(corrections: list[Correction], docs: set[str]) -> list[Correction]:
    return [c for c in corrections if any(k["doc"] in docs for g in c.targets for k in g)]


def apply_corrections(events: list[Event], conflicts: list[Conflict], corrections: list[Correction],
                      focus: str) -> tuple[list[Event], list[Conflict], list[dict]]:
    """Apply ``corrections`` (oldest first) to one timeline; returns (events, conflicts, applied)."""
    events = list(events)
    applied: list[dict] = []
    for c in corrections:
        touched = _APPLY[c.kind](c, events, conflicts, focus)
        if touched is not None:
            applied.append(c.to_dict() | {"events": touched})
    alive = {e.id for e in events}
    for conflict in conflicts:
        for claim in conflict.claims:
            if claim.event not in alive:
                claim.event = None
    events.sort(key=lambda e: e.date.sort_key())
    return events, conflicts, applied


def _reject(c: Correction, events: list[Event], conflicts, focus) -> list[str] | None:
    hit = _find(events, c.targets[0], _hint(c, 0))
    if not hit:
        return None
    gone = [events[i].id for i in hit]
    for i in reversed(hit):
        del events[i]
    return gone


def _redate(c: Correction, events: list[Event], conflicts, focus) -> list[str] | None:
    hit = _find(events, c.targets[0], _hint(c, 0))
    if not hit or not c.value:
        return None
    for i in hit:
        events[i].date = parse_date(c.value)
        events[i].corrections.append(c.ref)
    return [events[i].id for i in hit]


def _merge(c: Correction, events: list[Event], conflicts, focus) -> list[str] | None:
    found = []
    for n, group in enumerate(c.targets):
        for i in _find(events, group, _hint(c, n)):
            if i not in found:
                found.append(i)
    if len(found) < 2:
        return None
    first, others = events[found[0]], [events[i] for i in found[1:]]
    sources = {(s.doc, s.start): s for e in [first, *others] for s in e.sources}
    first.sources = sorted(sources.values(), key=lambda s: (s.doc, s.start))
    first.entities = sorted({n for e in [first, *others] for n in e.entities}, key=lambda p: (p != focus, p))
    if c.value:
        first.date = parse_date(c.value)
    first.conflict = first.conflict or next((e.conflict for e in others if e.conflict), None)
    first.corrections = sorted(set(first.corrections + [x for e in others for x in e.corrections] + [c.ref]),
                               key=_ref_order)
    old = {e.id for e in others} | {first.id}
    first.id = event_id(first.sources)
    _renumber(conflicts, old, first.id)
    for i in sorted(found[1:], reverse=True):
        del events[i]
    return [first.id]


def _split(c: Correction, events: list[Event], conflicts, focus) -> list[str] | None:
    if len(c.targets) < 2:
        return None
    hit = _find(events, c.targets[0], _hint(c, 0))
    if not hit:
        return None
    event = events[hit[0]]
    moving = _Matcher(c.targets[1])
    moved = [s for s in event.sources if moving(s)]
    kept = [s for s in event.sources if not moving(s)]
    if not moved or not kept:
        return None
    old_id = event.id
    event.sources = kept
    event.id = event_id(kept)
    event.corrections.append(c.ref)
    _renumber(conflicts, {old_id}, event.id)
    text = " ".join(s.sentence for s in moved)
    entities = [n for n in event.entities if n == focus or n in text]
    new = Event(event_id(moved), parse_date(c.value) if c.value else event.date, moved[0].sentence.strip(),
                entities, moved, event.event_type, corrections=[c.ref])
    events.append(new)
    return [event.id, new.id]


def _resolve(c: Correction, events: list[Event], conflicts: list[Conflict], focus) -> list[str] | None:
    chosen = _Matcher(c.targets[0])
    for conflict in conflicts:
        overlap = [sum(1 for s in cl.sources if chosen(s)) for cl in conflict.claims]
        if not any(overlap) or conflict.resolution:
            continue
        win = conflict.claims[overlap.index(max(overlap))]
        conflict.resolution = {"correction": c.ref, "value": win.date.value, "note": c.note}
        losers = {cl.event for cl in conflict.claims if cl is not win and cl.event}
        touched = []
        for i in reversed(range(len(events))):
            e = events[i]
            if e.id in losers:
                touched.append(e.id)
                del events[i]
            elif e.id == win.event:
                e.corrections.append(c.ref)
                touched.append(e.id)
        return touched
    return None


def _renumber(conflicts: list[Conflict], old: set[str], new: str) -> None:
    for conflict in conflicts:
        for claim in conflict.claims:
            if claim.event in old:
                claim.event = new


def _ref_order(ref: str) -> int:
    return int(ref.split("-", 1)[1])


_APPLY = {"reject": _reject, "redate": _redate, "merge": _merge, "split": _split, "resolve": _resolve}
