"""The Python API: the product. The CLI is a thin layer over ``Storyline``.

    from storyline import Storyline
    sl = Storyline("storyline.db")
    report = sl.ingest(["examples/ballas"])
    timeline = sl.timeline("Mark Ballas")      # a model.Timeline; .to_dict() is the JSON contract
"""
from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from .analyse import BATCH_SIZE
from .events import name_key
from .model import QUERY_LABEL, Document, DocumentInfo, Entity, Summary, Timeline
from .resolve import merge_events, resolve_entities
from .store import Store, documents_mentioning

DEFAULT_DB = "storyline.db"


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
               on_error: Callable[[str], None] | None = None) -> IngestReport:
        """Read, analyse and store articles; each batch of ``batch_size`` commits atomically.

        Unreadable inputs are reported (``on_error`` and ``report.errors``) and skipped.
        ``progress``: True/False, or None for a bar only when stderr is a terminal.
        """
        from .analyse import analyse_parallel
        from .ingest import Article, count_inputs, iter_articles

        paths = [str(p) for p in paths]
        report = IngestReport()
        origins: dict[str, str] = {}
        bar = _progress_bar(count_inputs(paths) if progress is not False else None, progress)

        def documents() -> Iterator[Document]:
            for item in iter_articles(paths, stdin=stdin):
                bar.update(1)
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
        return report

    # -- resolve ----------------------------------------------------------------------------
    def resolve(self) -> None:
        """Rebuild the entity table from every stored mention (ingest does this for you)."""
        self.store.replace_entities(resolve_entities(self.store.entity_surface_stats()))

    def _ready(self) -> None:
        if self.store.entities_stale():
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
        entity = self.entity(name)
        mentions = list(self.store.event_mentions(self.store.alias_keys(entity.id)))
        keys = {name_key(p) for m in mentions for p in m.participants}
        names = self.store.names_for_keys(keys)
        events, conflicts = merge_events(mentions, entity.name, names)
        for conflict in conflicts:
            other = self._shared_name(conflict, entity.name)
            if other:
                conflict.about = f"{conflict.about} {other}"
        if since or until:
            lo, hi = since or date.min, until or date.max
            events = [e for e in events if e.date.start <= hi and e.date.end >= lo]
            kept = {e.id for e in events}
            conflicts = [c for c in conflicts if any(cl.event in kept for cl in c.claims)]
        docs = self.store.documents(s.doc for e in events for s in e.sources)
        infos = [DocumentInfo(d["id"], d["title"], d["published"], d["estimate"], d["url"], d["source"]) for d in docs]
        infos.sort(key=lambda d: (d.published or (d.estimate[0] if d.estimate else date.max), d.doc))
        return Timeline(entity, events, conflicts, infos, since, until)


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
