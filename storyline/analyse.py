"""The analyse stage: documents in, entity and event mentions out.

Cheap passes run over every statement (segmentation, temporal tagging, a trigger-word
filter); the statistical model (spaCy tagger, parser, NER) runs only on the statements that
can yield an event: those with a date or a life-event trigger. That keeps ingest fast
without losing what a timeline needs. ``analyse_parallel`` spreads batches over processes.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import re
from collections import Counter, deque
from collections.abc import Iterable, Iterator

from .dating import estimate_window
from .events import (
    MentionContext, ParsedStatement, clean_entity_text, entity_parts, extract, known_name_spans, name_key,
    proper_noun_indices,
)
from .lexicon import ENTITY_LABELS, STOPWORDS, TRIGGER_WORDS, event_type, stem
from .model import Document, DocumentAnalysis, EntityMention
from .segment import statements as split_statements
from .temporal import TemporalTagger, TimeExpression, default_tagger

BATCH_SIZE = 128
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


class Analyser:
    def __init__(self, tagger: TemporalTagger | None = None, nlp=None):
        from .nlp import load_pipeline

        self.tagger = tagger or default_tagger()
        self.nlp = nlp or load_pipeline()

    def analyse(self, documents: Iterable[Document]) -> list[DocumentAnalysis]:
        """Analyse a batch of documents (the model sees all their candidate statements at once)."""
        prepared = [self._prepare(d) for d in documents]
        texts = [st.text for _, _, cands in prepared for st, _ in cands]
        docs = list(self.nlp.pipe(texts, batch_size=256, disable=["ner"]))
        self._recognise_names(prepared, docs)
        results, it = [], iter(docs)
        for doc, estimate, cands in prepared:
            parsed = [ParsedStatement(st, next(it), txs) for st, txs in cands]
            results.append(self._extract(doc, estimate, parsed))
        return results

    def _recognise_names(self, prepared, docs) -> None:
        """Named entities, with the NER only where a batch meets a proper noun for the first time.

        The NER is most of spaCy's cost, and news repeats its names: a statement whose proper
        nouns all appeared earlier in the batch gets its entities by looking up the names the
        NER found there (same label, longest match). Decisions depend only on the batch's
        content, so results are the same whatever process analyses it.
        """
        cands = [st for _, _, cs in prepared for st in cs]
        need, seen = [], set()
        for i, (st, txs) in enumerate(cands):
            if st.heading:
                continue  # title case: every word looks like a name
            dates = [(tx.start - st.start, tx.end - st.start) for tx in txs]
            proper = {docs[i][j].lower_ for j in proper_noun_indices(docs[i])
                      if not any(a <= docs[i][j].idx < b for a, b in dates)}
            if proper - seen:
                need.append(i)
                seen |= proper
        ner = self.nlp.get_pipe("ner")
        gazetteer: dict[str, str] = {}
        for i, doc in zip(need, ner.pipe((docs[i] for i in need), batch_size=256)):
            docs[i] = doc
            for ent in doc.ents:
                if ent.label_ in ENTITY_LABELS:
                    for part in entity_parts(ent):
                        key = name_key(clean_entity_text(part.text))
                        if key and key not in STOPWORDS:
                            gazetteer.setdefault(key, ent.label_)
                        if ent.label_ == "PERSON" and len(part) > 1:  # "D'Amelio" after "Charli D'Amelio"
                            gazetteer.setdefault(name_key(clean_entity_text(part[-1].text)), "PERSON")
        done = set(need)
        for i, doc in enumerate(docs):
            if i not in done:
                doc.ents = known_name_spans(doc, gazetteer)

    def _prepare(self, doc: Document):
        anchor = doc.published
        estimate = None
        timexes = self.tagger.tag(doc.text, anchor)
        if anchor is None:
            estimate = estimate_window(timexes)
            if estimate is not None:
                timexes = self.tagger.tag(doc.text, estimate)
        stmts = split_statements(doc.text)
        cands = []
        it = iter(timexes)
        pending: list[TimeExpression] = []
        tx = next(it, None)
        for st in stmts:
            inside = list(pending)
            pending = []
            while tx is not None and tx.start < st.end:
                if tx.start >= st.start:
                    inside.append(tx)
                tx = next(it, None)
            has_date = any(t.value is not None and t.type in ("DATE", "TIME") for t in inside)
            if has_date or (TRIGGER_WORDS.search(st.text) and event_type({stem(w) for w in _WORD.findall(st.text)})):
                cands.append((st, inside))
        return doc, estimate, cands

    def _extract(self, doc: Document, estimate, parsed: list[ParsedStatement]) -> DocumentAnalysis:
        names: dict[str, str] = {}  # surface -> NER label
        for p in parsed:
            if p.statement.heading:
                continue  # title case fools the NER; headings are matched against known names
            for ent in p.doc.ents:
                if ent.label_ in ENTITY_LABELS:
                    for part in entity_parts(ent):
                        surface = clean_entity_text(part.text)
                        if len(surface) > 1 and any(c.isupper() for c in surface) and name_key(surface) not in STOPWORDS:
                            names.setdefault(surface, ent.label_)
        canonical, labels = _canonical_names(names, doc.text)
        for acronym, full in _acronyms(doc.text, labels).items():
            canonical.setdefault(name_key(acronym), full)
            names.setdefault(acronym, labels[full])
        counts = _count_mentions(doc.text, names, canonical)
        persons = [n for n, lab in labels.items() if lab == "PERSON"]
        salient = max(persons, key=lambda n: counts.get(n, 0)) if persons else None
        ctx = MentionContext(canonical=canonical, labels=labels, salient_person=salient)
        events = []
        for p in parsed:
            events.extend(extract(p, doc.id, ctx))
        counts.update(ctx.references)  # "he", "the pro dancer": mentions too
        forms: dict[str, set[str]] = {}
        for surface in names:
            full = canonical.get(name_key(surface))
            if full and surface != full:
                forms.setdefault(full, set()).add(surface)
        entities = [EntityMention(doc.id, n, labels[n], max(counts.get(n, 0), 1), sorted(forms.get(n, ())))
                    for n in labels]
        return DocumentAnalysis(doc, estimate, entities, events)


def _canonical_names(names: dict[str, str], text: str) -> tuple[dict[str, str], dict[str, str]]:
    """Map every surface form to the document's fullest form: 'Ballas' -> 'Mark Ballas'.

    A short form that ends several full names goes to the one the text uses most
    ('Ballas' -> 'Mark Ballas', not his son 'Banksi Wylde Ballas')."""
    by_key: dict[str, str] = {}
    labels: dict[str, str] = {}
    for surface, label in sorted(names.items(), key=lambda kv: (-len(kv[0]), -text.count(kv[0]))):
        key = name_key(surface)
        if not key or key in by_key:
            continue
        tokens = key.split()
        candidates = [
            other for other_key, other in by_key.items()
            if (labels[other] == "PERSON" or label == "PERSON")
            and len(tokens) < len(other_key.split()) and other_key.split()[-len(tokens):] == tokens
        ]
        full = max(candidates, key=lambda o: (labels[o] == "PERSON", text.count(o))) if candidates else None
        if full is None:
            full = surface
            labels[full] = label
        by_key[key] = full
    return by_key, labels


_ACRONYM = re.compile(r"\b[A-Z]{3,6}\b")
_ACRONYM_SKIP = {"of", "the", "and", "for", "a", "an", "in", "on", "at", "to", "with"}


def _acronyms(text: str, labels: dict[str, str]) -> dict[str, str]:
    """All-capital words that abbreviate a name of the document: "DWTS" -> "Dancing With the Stars"."""
    initials: dict[str, str] = {}
    for name, label in labels.items():
        words = re.findall(r"[A-Za-z]+", name)
        if len(words) >= 3 and label != "PERSON":
            initials.setdefault("".join(w[0] for w in words).upper(), name)
            initials.setdefault("".join(w[0] for w in words if w.lower() not in _ACRONYM_SKIP).upper(), name)
    return {a: initials[a] for a in set(_ACRONYM.findall(text)) if a in initials}


def _count_mentions(text: str, names: dict[str, str], canonical: dict[str, str]) -> Counter:
    """Mentions of each canonical name over the whole text, longest form first
    ("Mark Ballas" counts once, not also as "Ballas")."""
    if not names:
        return Counter()
    forms = sorted(names, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")(?!\w)")
    counts: Counter = Counter()
    for m in pattern.finditer(text):
        name = canonical.get(name_key(m.group()))
        if name:
            counts[name] += 1
    return counts


# --- parallel analysis -------------------------------------------------------------------
_worker: Analyser | None = None


def _init_worker():
    global _worker
    _worker = Analyser()


def _work(batch: list[Document]) -> list[DocumentAnalysis]:
    return _worker.analyse(batch)


def analyse_parallel(documents: Iterable[Document], processes: int | None = None,
                     batch_size: int = BATCH_SIZE) -> Iterator[DocumentAnalysis]:
    """Analyse a stream of documents on several processes, yielding results in input order.

    Memory stays bounded: at most a few batches are in flight at once.
    """
    processes = processes or min(2, os.cpu_count() or 1)
    batches = _batched(documents, batch_size)
    if processes <= 1:
        analyser = Analyser()
        for batch in batches:
            yield from analyser.analyse(batch)
        return
    ctx = mp.get_context("fork" if hasattr(os, "fork") else "spawn")
    with ctx.Pool(processes, initializer=_init_worker) as pool:
        # Pool.imap would read the whole input up front; a window of pending batches keeps
        # memory bounded however long the stream.
        pending: deque = deque()
        for batch in batches:
            pending.append(pool.apply_async(_work, (batch,)))
            if len(pending) >= 2 * processes:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def _batched(items: Iterable, n: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch
