"""The Python API: the product. The CLI is a thin layer over ``Storyline``.

    from storyline import Storyline
    sl = Storyline("storyline.db")
    report = sl.ingest(["examples/ballas"])
    timeline = sl.timeline("Mark Ballas")      # a model.Timeline; .to_dict() is the JSON contract
"""
from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from .analyse import BATCH_SIZE
from .corrections import KINDS, Correction, CorrectionError, apply_corrections, parse_date, relevant, source_key
from .kept import FORMAT as KEPT_FORMAT, cut, keep
from .events import name_key
from .model import QUERY_LABEL, Document, DocumentInfo, Entity, Summary, Timeline
from .resolve import ENTITY_RULES, merge_events, resolve_entities
from .store import Store, documents_mentioning

DEFAULT_DB = "storyline.db"
WARM_ENTITIES = 10  # timelines computed and stored after an ingest: the most mentioned entities


class EntityNotFound(LookupError):
    pass


@dataclass
class IngestReport:
    read: int = 0
    stored: int = 0
    unchanged: int = 0
    duplicates: int = 0
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"read": self.read, "stored": self.stored, "unchanged": self.unchanged,
                "duplicates": self.duplicates, "errors": self.errors}


def default_db_path() -> str:
    return os.environ.get("STORYLINE_DB") or DEFAULT_DB


class Storyline:
    def __init__(self, db: str | os.PathLike | None = None):
        self.store = Store(db or default_db_path())

    def close(self) -> None:
        self.store.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- ingest -----------------------------------------------------------------------------
    def ingest(self, paths: Iterable[str | os.PathLike], *, stdin=None, processes: int | None = None,
               batch_size: int = BATCH_SIZE, progress: bool | None = None,
               on_error: Callable[[str], None] | None = None,
               on_progress: Callable[[int, int | None], None] | None = None,
               warm: int = WARM_ENTITIES) -> IngestReport:
        """Read, analyse and store articles; each batch of ``batch_size`` commits atomically.

        Unreadable inputs are reported (``on_error`` and ``report.errors``) and skipped.
        ``progress``: True/False, or None for a bar only when stderr is a terminal.
        ``on_progress(inputs read, total or None)`` is called as inputs are read.
        ``warm``: timelines of that many most mentioned entities are computed and stored afterwards.
        """
        from .analyse import analyse_parallel
        from .ingest import Article, count_inputs, iter_articles

        paths = [str(p) for p in paths]
        report = IngestReport()
        origins: dict[str, str] = {}
        total = count_inputs(paths) if progress is not False or on_progress else None
        bar = _progress_bar(total, progress)
        seen = 0

        def documents() -> Iterator[Document]:
            nonlocal seen
            for item in iter_articles(paths, stdin=stdin):
                bar.update(1)
                seen += 1
                if on_progress:
                    on_progress(seen, total)
                if not isinstance(item, Article):
                    report.errors.append(item.message)
                    if on_error:
                        on_error(item.message)
                    continue
                report.read += 1
                doc = Document(item.id, item.text, item.title, item.published, item.url, item.source)
                why = self.store.known(doc)
                if why == "stored":
                    report.unchanged += 1
                    continue
                if why == "duplicate":
                    report.duplicates += 1
                    continue
                origins[doc.id] = item.origin
                yield doc

        batch = []
        try:
            for analysis in analyse_parallel(documents(), processes=processes, batch_size=batch_size):
                batch.append(analysis)
                if len(batch) >= batch_size:
                    report.stored += self.store.add(batch, origins)
                    for a in batch:
                        origins.pop(a.document.id, None)
                    batch = []
            if batch:
                report.stored += self.store.add(batch, origins)
        finally:
            bar.close()
        if report.stored:
            self.resolve()
            self.warm(warm)
        return report

    def warm(self, limit: int = WARM_ENTITIES) -> None:
        """Compute and store the timelines of the ``limit`` most mentioned entities."""
        for e in self.entities(limit=limit):
            self.timeline_json(e.name)

    # -- resolve ----------------------------------------------------------------------------
    def resolve(self) -> None:
        """Rebuild the entity table from every stored mention (ingest does this for you)."""
        self.store.replace_entities(resolve_entities(self.store.entity_surface_stats()), ENTITY_RULES)

    def _ready(self) -> None:
        if self.store.entities_stale(ENTITY_RULES):
            self.resolve()

    # -- query ------------------------------------------------------------------------------
    def entities(self, limit: int | None = None, label: str | None = None) -> list[Entity]:
        self._ready()
        out = [Entity(i, n, lab, aliases, m) for i, n, lab, m, aliases in self.store.entities()]
        if label:
            out = [e for e in out if e.label == label.upper()]
        return out[:limit] if limit else out

    def entity(self, name: str) -> Entity:
        """The entity a name refers to (any alias; a unique partial match is accepted)."""
        self._ready()
        eid = self.store.find_entity(name_key(name))
        if eid is None:
            matches = self.store.search_entities(name_key(name))
            if len(matches) == 1:
                eid = matches[0][0]
            else:
                hint = f" (did you mean: {', '.join(n for _, n in matches)}?)" if matches else ""
                raise EntityNotFound(f"no entity named '{name}' in {self.store.path}{hint}")
        i, n, lab, m, aliases = self.store.entity(eid)
        return Entity(i, n, lab, aliases, m)

    def timeline(self, name: str, since: date | None = None, until: date | None = None) -> Timeline:
        """The timeline of ``name`` with editors' corrections applied, optionally only since..until.

        Computed once per change of the store (ingest, correction) and kept in it.
        """
        entity = self.entity(name)
        text, extra = self._stored_timeline(entity)
        facts = json.loads(extra)
        if since or until:
            text = cut(text, facts["index"], since, until)
        timeline = Timeline.from_dict(json.loads(text), entity)
        for e in timeline.events:  # what the JSON contract leaves out but resolve knew
            e.event_type = facts["types"].get(e.id)
            e.focus_is_agent = e.id in facts["agent"]
            if e.id in facts["mods"]:
                e.date = replace(e.date, mod=facts["mods"][e.id])
        return timeline

    def timeline_json(self, name: str, since: date | None = None, until: date | None = None) -> str:
        """``timeline(...).to_dict()`` as JSON text, cut from the kept timeline without parsing it."""
        text, extra = self._stored_timeline(self.entity(name))
        if since or until:
            return cut(text, json.loads(extra)["index"], since, until)
        return text

    def _stored_timeline(self, entity: Entity) -> tuple[str, str]:
        """(JSON text, extra JSON) of the entity's timeline as kept in the store, computed if
        the store changed since it was kept."""
        key = f"{KEPT_FORMAT}\t{entity.name}\t{entity.label}"
        kept = self.store.stored_timeline(key)
        if kept is None:
            generation = self.store.generation()
            timeline = self._compute_timeline(entity)
            text, index = keep(timeline.to_dict())
            extra = {"types": {e.id: e.event_type for e in timeline.events if e.event_type},
                     "agent": [e.id for e in timeline.events if e.focus_is_agent],
                     "mods": {e.id: e.date.mod for e in timeline.events if e.date.mod}, "index": index}
            kept = (text, json.dumps(extra, ensure_ascii=False))
            self.store.store_timeline(key, generation, *kept)
        return kept

    def _compute_timeline(self, entity: Entity) -> Timeline:
        mentions = list(self.store.event_mentions(self.store.alias_keys(entity.id)))
        keys = {name_key(p) for m in mentions for p in m.participants}
        names = self.store.names_for_keys(keys)
        events, conflicts = merge_events(mentions, entity.name, names)
        for conflict in conflicts:
            other = self._shared_name(conflict, entity.name)
            if other:
                conflict.about = f"{conflict.about} {other}"
        fixes = relevant(self.corrections(), {m.doc for m in mentions})
        events, conflicts, applied = apply_corrections(events, conflicts, fixes, entity.name)
        docs = self.store.documents(s.doc for e in events for s in e.sources)
        infos = [DocumentInfo(d["id"], d["title"], d["published"], d["estimate"], d["url"], d["source"]) for d in docs]
        infos.sort(key=lambda d: (d.published or (d.estimate[0] if d.estimate else date.max), d.doc))
        return Timeline(entity, events, conflicts, infos, corrections=applied)

    # -- documents ----------------------------------------------------------------------------
    def document(self, doc_id: str) -> dict:
        """A stored document with its text: id, title, published, estimate, url, source, text."""
        doc = self.store.document(doc_id)
        if doc is None:
            raise LookupError(f"no document '{doc_id}' in {self.store.path}")
        return doc

    def suggest(self, text: str, limit: int = 10) -> list[dict]:
        """Type-ahead: entities whose name (or a word of it) starts with ``text``, most mentioned
        first, with their mention count and how many event statements name them."""
        self._ready()
        return [{"name": n, "type": lab, "mentions": m, "event_mentions": ev}
                for _, n, lab, m, ev in self.store.suggest_entities(text, limit)]

    # -- corrections --------------------------------------------------------------------------
    def corrections(self) -> list[Correction]:
        """Every stored correction, oldest first."""
        return [Correction(i, k, t, v, n, snap, created) for i, k, t, v, n, snap, created in self.store.corrections()]

    def correct(self, name: str, kind: str, *, events: Iterable[str] = (), conflict: str | None = None,
                claim: int | None = None, sources: Iterable[dict] = (), date: str | None = None,
                note: str | None = None) -> Correction:
        """Correct the timeline of ``name``; the correction applies wherever the same statements appear.

        * ``reject``: ``events=[id]``            * ``redate``: ``events=[id], date="2005-06"``
        * ``merge``: ``events=[id, id, ...]``    * ``split``: ``events=[id], sources=[{"doc", "start"}, ...]``
        * ``resolve``: ``conflict="cf-1", claim=<index of the chosen claim>, note="why"``
        Raises ``CorrectionError`` (one-line message) when it cannot be made.
        """
        if kind not in KINDS:
            raise CorrectionError(f"unknown correction '{kind}' (one of: {', '.join(KINDS)})")
        timeline = self.timeline(name)
        by_id = {e.id: e for e in timeline.events}
        events = list(dict.fromkeys(events))
        for ev in events:
            if ev not in by_id:
                raise CorrectionError(f"no event '{ev}' in the timeline of {timeline.entity.name}")
        note = (note or "").strip()[:2000] or None
        value = None
        if date:
            value = parse_date(date).value
        snapshot = {"entity": timeline.entity.name,
                    "events": [{"id": e, "date": by_id[e].date.value, "summary": by_id[e].summary} for e in events]}
        if kind in ("reject", "redate"):
            if len(events) != 1:
                raise CorrectionError(f"{kind} takes exactly one event")
            if kind == "redate" and not value:
                raise CorrectionError("redate needs a date (YYYY, YYYY-MM, YYYY-MM-DD or START/END)")
            targets = [[source_key(s) for s in by_id[events[0]].sources]]
        elif kind == "merge":
            if len(events) < 2:
                raise CorrectionError("merge takes two or more events")
            targets = [[source_key(s) for s in by_id[e].sources] for e in events]
        elif kind == "split":
            if len(events) != 1:
                raise CorrectionError("split takes exactly one event")
            event = by_id[events[0]]
            wanted = {(s.get("doc"), s.get("start")) for s in sources}
            moved = [s for s in event.sources if (s.doc, s.start) in wanted]
            if not moved or len(moved) == len(event.sources):
                raise CorrectionError("split needs some, but not all, of the event's sources (doc and start)")
            targets = [[source_key(s) for s in event.sources], [source_key(s) for s in moved]]
        else:
            found = next((c for c in timeline.conflicts if c.id == conflict), None)
            if found is None:
                raise CorrectionError(f"no conflict '{conflict}' in the timeline of {timeline.entity.name}")
            if found.resolution:
                raise CorrectionError(f"conflict '{conflict}' is already resolved")
            if claim is None or not 0 <= claim < len(found.claims):
                raise CorrectionError(f"resolve needs the index of the chosen claim (0..{len(found.claims) - 1})")
            chosen = found.claims[claim]
            targets = [[source_key(s) for s in chosen.sources]]
            targets += [[source_key(s) for s in c.sources] for c in found.claims if c is not chosen]
            snapshot["conflict"] = {"about": found.about, "chosen": chosen.date.value,
                                    "claims": [c.date.value for c in found.claims]}
        cid = self.store.add_correction(kind, targets, value, note, snapshot)
        return next(c for c in self.corrections() if c.id == cid)

    def remove_correction(self, correction_id: int | str) -> None:
        """Undo a correction (``3`` or ``"co-3"``)."""
        try:
            number = int(str(correction_id).removeprefix("co-"))
        except ValueError:
            raise CorrectionError(f"'{correction_id}' is not a correction id (co-N)") from None
        if not self.store.delete_correction(number):
            raise CorrectionError(f"no correction '{correction_id}' in {self.store.path}")

    # -- summarise --------------------------------------------------------------------------
    def summarize(self, query: str, dates: int = 10, sentences_per_date: int = 1,
                  since: date | None = None, until: date | None = None, *,
                  keywords: list[str] | None = None, restrict_published: bool = False) -> Summary:
        """The ``dates`` dates that mattered most for ``query``, ``sentences_per_date`` sentences each.

        ``query`` is an entity name (any alias), or else keywords: phrases separated by commas
        ("oil spill, BP"), or the words of the query when it has no comma. ``keywords`` given
        explicitly make it a keyword summary over every stored article, labelled ``query``.
        ``restrict_published`` leaves out articles published outside since..until (the
        news-tls protocol); by default an article of any date may tell about a day inside.
        See storyline/summarise.py for the method.
        """
        from .summarise import Matcher, load_sentences, summarise

        if dates < 1 or sentences_per_date < 1:
            raise ValueError("dates and sentences_per_date must be at least 1")
        entity, doc_ids = None, None
        if keywords is None:
            try:
                entity = self.entity(query)
            except EntityNotFound:
                keywords = _query_keywords(query)
                if not keywords:
                    raise EntityNotFound(f"no entity named '{query}' in {self.store.path}, and no keyword in it") from None
        if entity is not None:
            keys = self.store.alias_keys(entity.id)
            doc_ids = documents_mentioning(self.store, keys)
            matcher = Matcher(self.store.aliases(entity.id) + [entity.name], set(keys))
        else:
            matcher = Matcher(keywords)
        window = (since, until) if restrict_published else (None, None)
        sentences = load_sentences(self.store, doc_ids, matcher, *window)
        key_dates = summarise(sentences, dates, sentences_per_date, since, until)
        names = self.store.names_for_keys({k for kd in key_dates for k in kd.entities})
        for kd in key_dates:
            kd.entities = sorted({names[k] for k in kd.entities if k in names})
        if entity is None:
            entity = Entity(0, query, QUERY_LABEL, list(keywords), matcher.hits)
        docs = self.store.documents(s.doc for kd in key_dates for s in kd.sources)
        infos = [DocumentInfo(d["id"], d["title"], d["published"], d["estimate"], d["url"], d["source"]) for d in docs]
        infos.sort(key=lambda d: (d.published or (d.estimate[0] if d.estimate else date.max), d.doc))
        candidates = sum(1 for s in sentences if s.relevant and s.days)
        return Summary(entity, query, key_dates, infos, dates, sentences_per_date, candidates, since, until)


    def _shared_name(self, conflict, focus: str) -> str | None:
        """The entity every claim of a conflict names besides the focus ("Dancing With the Stars")."""
        per_claim = []
        for claim in conflict.claims:
            runs = {name_key(r) for s in claim.sources for r in _NAME_RUN.findall(s.sentence)}
            per_claim.append({n for n in self.store.names_for_keys(runs).values() if n != focus and "/" not in n})
        common = set.intersection(*per_claim) if per_claim else set()
        return sorted(common, key=len, reverse=True)[0] if common else None


def _query_keywords(query: str) -> list[str]:
    """'oil spill, BP' -> ['oil spill', 'BP']; 'bp oil spill' -> ['bp', 'oil', 'spill']."""
    from .lexicon import STOPWORDS

    if "," in query:
        return [p.strip() for p in query.split(",") if p.strip()]
    return [w for w in re.findall(r"[\w'’.-]+", query) if w.lower() not in STOPWORDS]


_NAME_RUN = re.compile(r"[A-Z][\w'’.]*(?:\s+(?:[A-Z][\w'’.]*|of|the|with|and|de|van|von))*(?<=\w)")


class _NoBar:
    def update(self, n):
        pass

    def close(self):
        pass


def _progress_bar(total: int | None, progress: bool | None):
    if progress is False or (progress is None and not sys.stderr.isatty()):
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit="article", file=sys.stderr, dynamic_ncols=True)
