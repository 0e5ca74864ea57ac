"""Storyline's data model: the objects that flow from ingest to rendering.

ingest   -> ``Document``
analyse  -> ``DocumentAnalysis`` (``EntityMention``s and ``EventMention``s of one document)
resolve  -> ``Event``s and ``Conflict``s of one entity, gathered in a ``Timeline``
render   -> ``Timeline.to_dict()`` is the public JSON contract (docs/timeline.schema.json)
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from .temporal.value import TimeValue

SCHEMA_VERSION = "1"


@dataclass
class Document:
    id: str
    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None

    @cached_property
    def content_hash(self) -> str:
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Source:
    """The exact place an event was read: a statement of a document, by character offsets."""

    doc: str
    sentence: str
    start: int
    end: int
    date_text: str | None = None

    def to_dict(self) -> dict:
        d = {"doc": self.doc, "sentence": self.sentence, "start": self.start, "end": self.end}
        if self.date_text:
            d["date_text"] = self.date_text
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Source":
        return cls(d["doc"], d["sentence"], d["start"], d["end"], d.get("date_text"))


@dataclass
class EntityMention:
    """An entity as one document names it (its fullest form there), with a mention count."""

    doc: str
    name: str
    label: str
    count: int
    aliases: list[str] = field(default_factory=list)  # other forms the document uses


@dataclass
class EventMention:
    """One statement that something happened to some entities at some (possibly unknown) time."""

    doc: str
    source: Source
    date: TimeValue | None
    tense: str
    event_type: str | None
    summary: str
    participants: list[str]
    terms: list[str]
    heading: bool = False
    agents: list[str] = field(default_factory=list)  # who did it / to whom it happened (the subject)
    speech: bool = False  # reported speech: a reporting verb with its quotation


@dataclass
class DocumentAnalysis:
    document: Document
    estimate: tuple[date, date] | None
    entities: list[EntityMention] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)


@dataclass
class Entity:
    id: int
    name: str
    label: str
    aliases: list[str]
    mentions: int

    def to_dict(self) -> dict:
        return {"name": self.name, "type": self.label, "aliases": self.aliases, "mentions": self.mentions}

    @classmethod
    def from_dict(cls, d: dict, id: int = 0) -> "Entity":
        return cls(id, d["name"], d["type"], list(d["aliases"]), d["mentions"])


@dataclass
class Event:
    id: str
    date: TimeValue
    summary: str
    entities: list[str]
    sources: list[Source]
    event_type: str | None = None
    conflict: str | None = None
    focus_is_agent: bool = False  # the timeline's entity is the subject of a dated mention
    corrections: list[str] = field(default_factory=list)  # ids of the corrections that changed it

    def to_dict(self) -> dict:
        d = {
            "id": self.id,
            "date": self.date.to_dict(),
            "summary": self.summary,
            "entities": self.entities,
            "sources": [s.to_dict() for s in self.sources],
            "conflict": self.conflict,
        }
        if self.corrections:
            d["corrections"] = self.corrections
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Event":
        return cls(d["id"], TimeValue.from_dict(d["date"]), d["summary"], list(d["entities"]),
                   [Source.from_dict(s) for s in d["sources"]], conflict=d.get("conflict"),
                   corrections=list(d.get("corrections", ())))


@dataclass
class Claim:
    date: TimeValue
    event: str
    sources: list[Source]

    def to_dict(self) -> dict:
        return {"value": self.date.value, "date": self.date.to_dict(), "event": self.event,
                "sources": [s.to_dict() for s in self.sources]}

    @classmethod
    def from_dict(cls, d: dict) -> "Claim":
        return cls(TimeValue.from_dict(d["date"]), d["event"], [Source.from_dict(s) for s in d["sources"]])


@dataclass
class Conflict:
    id: str
    about: str
    claims: list[Claim]
    resolution: dict | None = None  # {"correction", "value", "note"} once an editor chose a claim

    def to_dict(self) -> dict:
        d = {"id": self.id, "about": self.about, "claims": [c.to_dict() for c in self.claims]}
        if self.resolution:
            d["resolution"] = self.resolution
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Conflict":
        return cls(d["id"], d["about"], [Claim.from_dict(c) for c in d["claims"]], d.get("resolution"))


@dataclass
class DocumentInfo:
    doc: str
    title: str | None
    published: date | None
    estimate: tuple[date, date] | None
    url: str | None = None
    source: str | None = None

    def to_dict(self) -> dict:
        return {
            "doc": self.doc,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "published_estimate": (
                {"earliest": self.estimate[0].isoformat(), "latest": self.estimate[1].isoformat()}
                if self.estimate and not self.published else None
            ),
            "url": self.url,
            "source": self.source,
        }

    @classmethod
    def from_dict(cls, d: dict) -> "DocumentInfo":
        est = d.get("published_estimate")
        return cls(d["doc"], d["title"], _day(d["published"]),
                   (_day(est["earliest"]), _day(est["latest"])) if est else None, d["url"], d["source"])


@dataclass
class Timeline:
    entity: Entity
    events: list[Event]
    conflicts: list[Conflict]
    documents: list[DocumentInfo]
    since: date | None = None
    until: date | None = None
    corrections: list[dict] = field(default_factory=list)  # editors' corrections applied (see corrections.py)

    def to_dict(self) -> dict:
        return {
            **_header(self.entity, self.since, self.until),
            "events": [e.to_dict() for e in self.events],
            "conflicts": [c.to_dict() for c in self.conflicts],
            "documents": [d.to_dict() for d in self.documents],
            "corrections": self.corrections,
        }

    @classmethod
    def from_dict(cls, d: dict, entity: Entity | None = None) -> "Timeline":
        """The inverse of ``to_dict`` (used to serve a stored timeline without recomputing it)."""
        q = d.get("query") or {}
        return cls(entity or Entity.from_dict(d["entity"]), [Event.from_dict(e) for e in d["events"]],
                   [Conflict.from_dict(c) for c in d["conflicts"]],
                   [DocumentInfo.from_dict(x) for x in d["documents"]],
                   _day(q.get("since")), _day(q.get("until")), list(d.get("corrections", ())))



def _header(entity: Entity, since: date | None, until: date | None) -> dict:
    """The keys every timeline-shaped dict starts with: contract version, entity, query window."""
    return {"storyline": SCHEMA_VERSION, "entity": entity.to_dict(),
            "query": {"since": since.isoformat() if since else None, "until": until.isoformat() if until else None}}


def _day(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


@dataclass
class KeyDate:
    """One date of a timeline summary: its best sentences, every place they were read, its score."""

    date: TimeValue
    sentences: list[str]
    sources: list[Source]  # each chosen sentence where it was read (repeats in other articles too)
    entities: list[str]
    score: float

    @property
    def id(self) -> str:
        digest = hashlib.sha1("\n".join([self.date.value, *self.sentences]).encode("utf-8")).hexdigest()
        return f"kd-{digest[:10]}"


@dataclass
class Summary:
    """A timeline summary: the ``dates`` dates that mattered most, ``sentences_per_date`` sentences each.

    ``to_dict`` is the timeline contract (each key date is an event; no conflicts) plus a
    ``summary`` object, so every renderer of a timeline renders a summary too.
    """

    entity: Entity
    query: str
    key_dates: list[KeyDate]
    documents: list[DocumentInfo]
    dates: int
    sentences_per_date: int
    candidates: int  # dated sentences the dates were chosen from
    since: date | None = None
    until: date | None = None

    def to_tls(self) -> list:
        """``[["YYYY-MM-DD", [sentence, ...]], ...]``, the format of news-tls and tilse."""
        return [[k.date.start.isoformat(), list(k.sentences)] for k in self.key_dates]

    def to_dict(self) -> dict:
        return {
            **_header(self.entity, self.since, self.until),
            "summary": {"query": self.query, "dates": self.dates, "sentences_per_date": self.sentences_per_date,
                        "candidates": self.candidates,
                        "entity_found": self.entity.label != QUERY_LABEL},
            "events": [{"id": k.id, "date": k.date.to_dict(), "summary": " ".join(k.sentences),
                        "entities": k.entities, "sources": [s.to_dict() for s in k.sources], "conflict": None}
                       for k in self.key_dates],
            "conflicts": [],
            "documents": [d.to_dict() for d in self.documents],
        }


QUERY_LABEL = "QUERY"  # the ``entity.type`` of a summary asked for by keywords, not by a known name
