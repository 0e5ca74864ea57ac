"""Event mentions from one parsed statement: who did what, when, and the words it came from.

An event mention is a clause: a predicate (verb) with the dates that depend on it in the
dependency parse. "After winning the trophy in 2022, Ballas announced his retirement"
gives two mentions: the win (2022) and the undated retirement announcement. Undated
clauses are kept only when they carry a life-event trigger (lexicon.py), so that the
resolver can give them the date another source reports for the same event.

Pronouns and role descriptions ("he", "the couple", "the pro dancer") are resolved
here, within the document, by ``MentionContext``.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import (
    ENTITY_LABELS, FIRST_PERSON, ONCE_ONLY, PERSON_PRONOUNS, PLURAL_NOUNS, PLURAL_PRONOUNS, ROLE_NOUNS,
    SPEECH_STEMS, STOPWORDS, TRIGGER_WORDS, event_type, stem,
)
from .model import EventMention, Source
from .segment import Statement
from .temporal import TimeExpression

_CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "conj", "xcomp", "pcomp", "relcl", "parataxis", "csubj"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
_MAX_SUMMARY_WORDS = 30
_IRREGULAR_PAST = {
    "winning": "won", "going": "went", "making": "made", "taking": "took", "giving": "gave",
    "leaving": "left", "joining": "joined", "announcing": "announced", "becoming": "became",
    "coming": "came", "getting": "got", "having": "had", "being": "was", "telling": "told",
    "writing": "wrote", "sharing": "shared", "posting": "posted", "releasing": "released",
    "revealing": "revealed", "retiring": "retired", "returning": "returned", "competing": "competed",
    "performing": "performed", "dancing": "danced", "marrying": "married", "dying": "died",
    "losing": "lost", "welcoming": "welcomed", "starting": "started", "playing": "played",
}


HONORIFIC = re.compile(r"^(?:mr|mrs|ms|miss|dr|prof|sir|dame|lord|lady)\.?\s+(?=\S)", re.I)


@lru_cache(maxsize=100_000)
def name_key(name: str) -> str:
    """Comparison key of a name: case, curly quotes, initials' dots, possessives and
    honorifics ("Dr Murray" = "Murray") ignored."""
    k = name.replace("’", "'").replace("‘", "'").strip().lower()
    k = re.sub(r"'s?$", "", k)
    k = re.sub(r"^the\s+", "", k)
    k = HONORIFIC.sub("", k)
    k = re.sub(r"\b([a-z])\.\s?(?=[a-z]\b|[a-z]\.)", r"\1", k)  # b.c. jean -> bc jean
    k = k.replace(".", "")
    return re.sub(r"\s+", " ", k).strip()


_BRACKET_TOKENS = re.compile(r"-?\b[LR][RSC]B\b-?")


@lru_cache(maxsize=100_000)
def clean_entity_text(text: str) -> str:
    text = _BRACKET_TOKENS.sub(" ", text)  # tokenised corpora write "(" as -LRB-
    text = re.sub(r"(?:['’]s?)$", "", text.strip())
    text = text.strip(" \"“”‘’'-—,.")
    text = re.sub(r"^(?:the|The)\s+[\"“‘']?", "", text)
    text = re.sub(r"(?:\s+(?:[-–—]|[a-z]+\b))+$", "", text)  # "Jacob Edwin Adams - the"
    return text.strip(" \"“”‘’'-—,.")


@dataclass
class MentionContext:
    """Within-document memory for resolving pronouns and descriptions."""

    canonical: dict[str, str]  # name_key -> the document's fullest form of the name
    labels: dict[str, str]  # canonical name -> NER label
    salient_person: str | None = None
    last_person: str | None = None
    last_group: list[str] = field(default_factory=list)
    references: Counter = field(default_factory=Counter)  # resolved pronouns and descriptions

    def canonical_name(self, text: str) -> str | None:
        """The document's name for ``text``, or for its longest known leading part
        (title-case headings fool NER: "Mark Ballas Retired From ...")."""
        words = clean_entity_text(text).split()
        for n in range(len(words), 0, -1):
            name = self.canonical.get(name_key(" ".join(words[:n])))
            if name:
                return name
        return None


def entity_parts(ent) -> list:
    """Split an entity span at '&'/'and': "Mark Ballas & BC Jean" is two people."""
    parts, current = [], []
    for tok in ent:
        if tok.text in ("&", "and") and current:
            parts.append(current)
            current = []
        else:
            current.append(tok)
    if current:
        parts.append(current)
    return [(ent.doc[p[0].i:p[-1].i + 1]) for p in parts]


@dataclass
class ParsedStatement:
    statement: Statement
    doc: object  # spacy Doc of the statement text
    timexes: list[TimeExpression]


def _is_predicate(tok) -> bool:
    # Fine-grained tags: the attribute ruler that maps them to coarse POS is not loaded (nlp.py).
    return (tok.tag_.startswith("VB") or tok.tag_ == "MD") and tok.dep_ not in ("amod", "compound", "acl", "aux", "auxpass")


def _governing_predicate(tok):
    t = tok
    while True:
        if _is_predicate(t):
            return t
        if t.head.i == t.i:
            return t
        t = t.head


def _subject_tokens(pred):
    t = pred
    for _ in range(6):
        subj = sorted((c for c in t.children if c.dep_ in _SUBJECT_DEPS), key=lambda c: c.dep_ == "csubj")
        if subj:
            return subj[0]
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _resolve_reference(tok, ctx: MentionContext, ents_by_token, in_quote: bool) -> list[str]:
    """Names a subject token stands for: an entity, a pronoun, 'the couple', 'the pro dancer'."""
    name = ents_by_token.get(tok.i)
    if name:
        return [name] + [n for c in tok.conjuncts if (n := ents_by_token.get(c.i))]
    low = tok.lower_
    if in_quote and low in FIRST_PERSON | {"we", "us", "our"}:
        return []
    if low in PERSON_PRONOUNS:
        return [ctx.last_person or ctx.salient_person] if (ctx.last_person or ctx.salient_person) else []
    if low in PLURAL_PRONOUNS or low in PLURAL_NOUNS:
        if ctx.last_group:
            return list(ctx.last_group)
        return [ctx.salient_person] if ctx.salient_person else []
    if low in ROLE_NOUNS and any(c.lower_ == "the" for c in tok.children):
        return [ctx.salient_person] if ctx.salient_person else []
    return []


_TITLE_SMALL_WORDS = {"a", "an", "the", "of", "with", "and", "in", "on", "to", "for", "at"}
_QUOTATION = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)")


def _quoted_tokens(sdoc) -> set[int]:
    """Tokens inside a quotation of three words or more (a title in quotes is not a quotation)."""
    out: set[int] = set()
    for m in _QUOTATION.finditer(sdoc.text):
        words = re.findall(r"[A-Za-z]\w*", m.group())
        if len(words) < 3 or all(w[0].isupper() or w in _TITLE_SMALL_WORDS for w in words):
            continue  # a title ("Dancing With the Stars"), not a quotation
        span = sdoc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            out.update(t.i for t in span)
    return out


def _date_predicate(span, sdoc, quoted: set[int]):
    """The clause a date belongs to: its governing verb; in a verbless quoted fragment
    ("Banksi Wylde Ballas 11 / 5 / 23.") the verb that introduces the quotation."""
    pred = _governing_predicate(span.root.head)
    if pred.i in {t.i for t in span}:
        pred = _governing_predicate(span.root)
    if _is_predicate(pred):
        return pred
    speech = [t for t in sdoc if _is_predicate(t) and t.i not in quoted and _is_speech(t)]
    return min(speech, key=lambda t: abs(t.i - span.start)) if speech else pred


def _is_speech(tok) -> bool:
    return stem(tok.text) in SPEECH_STEMS or tok.lower_ in SPEECH_STEMS


def extract(parsed: ParsedStatement, doc_id: str, ctx: MentionContext) -> list[EventMention]:
    sdoc, stmt = parsed.doc, parsed.statement
    ents_by_token: dict[int, str] = {}
    for ent in sdoc.ents:
        if ent.label_ in ENTITY_LABELS:
            for part in entity_parts(ent):
                name = ctx.canonical_name(part.text)
                if name:
                    for t in part:
                        ents_by_token[t.i] = name
    _known_names(sdoc, ctx, ents_by_token)
    quoted = _quoted_tokens(sdoc)
    spans = []
    timex_tokens: set[int] = set()
    for tx in parsed.timexes:
        span = sdoc.char_span(tx.start - stmt.start, tx.end - stmt.start, alignment_mode="expand")
        if span is not None and len(span):
            spans.append((tx, span))
            timex_tokens.update(t.i for t in span)
    # a day-precise date outside the quotation tells when the quoted words were said
    attributed = any(tx.kind == "absolute" and tx.value is not None and tx.value.granularity == "day"
                     and span[0].i not in quoted for tx, span in spans)

    dated: dict[int, list[TimeExpression]] = {}
    for tx, span in spans:
        if tx.value is None or tx.type not in ("DATE", "TIME"):
            continue
        if tx.kind == "deictic" and tx.value.granularity == "day" and span[0].i in quoted and not attributed:
            continue  # "tonight" in a quotation: the night it was said, which the text does not give
        dated.setdefault(_date_predicate(span, sdoc, quoted).i, []).append(tx)

    predicates = set(dated)
    token_stems = [stem(t.text) if t.is_alpha else None for t in sdoc]
    for tok in sdoc if TRIGGER_WORDS.search(stmt.text) else ():
        if tok.i in predicates or tok.i in ents_by_token or not _is_predicate(tok) or tok.dep_ not in _CLAUSE_DEPS:
            continue
        stems = _clause_stems(tok, set(), token_stems)
        if quoted and _is_speech(tok):
            stems |= {stem(sdoc[i].text) for i in quoted if sdoc[i].is_alpha}
        if event_type(stems):
            predicates.add(tok.i)

    mentions = []
    resolved: dict[int, list[str]] = {}  # pronoun/description token -> the names it stands for
    for pi in sorted(predicates):
        pred = sdoc[pi]
        speech = _is_speech(pred)
        nested = {sdoc[q] for q in predicates if q != pi and _is_descendant(sdoc[q], pred)}
        if speech:
            nested = {q for q in nested if q.dep_ != "ccomp"}
        excluded = set()
        for q in nested:
            excluded.update(t.i for t in q.subtree)
        for t in pred.subtree:  # attributions ("per People") are not participants
            if t.dep_ == "prep" and t.lower_ == "per":
                excluded.update(x.i for x in t.subtree)
        clause = [t for t in pred.subtree if t.i not in excluded]
        in_quote = pred.i in quoted
        subject = _subject_tokens(pred)
        relative = subject is not None and subject.tag_ in ("WP", "WDT") and pred.dep_ == "relcl"
        referent = pred.head if relative else subject  # "Jackson, who died in 2009"
        subject_names = _resolve_reference(referent, ctx, ents_by_token, in_quote) if referent is not None else []
        if subject_names and subject.i not in ents_by_token:
            resolved[subject.i] = subject_names
        participants = list(dict.fromkeys(
            subject_names + [ents_by_token[t.i] for t in clause if t.i in ents_by_token]
            + _descriptions(clause, ctx, ents_by_token, in_quote, resolved)
        ))
        if stmt.heading or not participants:
            # a heading is about whoever it names; a subjectless clause about the statement's people
            participants = list(dict.fromkeys(participants + list(ents_by_token.values())
                                              + _descriptions(list(sdoc), ctx, ents_by_token, False, resolved)))
        if not participants:
            continue
        if stmt.heading:
            stems = {stem(t.text) for t in sdoc if t.is_alpha}
        else:
            stems = _clause_stems(pred, excluded, token_stems)
            if pred.dep_ == "relcl":  # "the one we lost": the noun is part of what happened
                stems.add(stem(pred.head.text))
        said = speech and bool(quoted)
        if said:
            stems |= {stem(sdoc[i].text) for i in quoted if sdoc[i].is_alpha}
        etype = event_type(stems)
        if etype in ONCE_ONLY and not said and not stmt.heading and event_type(_core_stems(pred)) != etype:
            etype = None  # "Hayward said the deaths were a tragedy": nobody here died, joined or retired
        if etype is None and stem(pred.text) == "join" and any(
                c.dep_ == "dobj" and c.i in ents_by_token and ctx.labels.get(ents_by_token[c.i]) != "PERSON"
                for c in pred.children):
            etype = "join"  # "joined BP in 1982"
        tx_list = dated.get(pi, [])
        if not tx_list and etype is None:
            continue
        tx = min(tx_list, key=lambda t: t.value.days) if tx_list else None
        future = any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall", "wo") for c in pred.children)
        tense = "future" if future else (tx.tense if tx else "past")
        summary_tokens = [t for t in clause if t.i not in quoted] if said else clause
        if len(summary_tokens) < 3:
            summary_tokens = clause
        terms_from = clause + [sdoc[i] for i in quoted] if said else clause
        mentions.append(EventMention(
            doc=doc_id,
            source=Source(doc_id, stmt.text, stmt.start, stmt.end, tx.text if tx else None),
            date=tx.value if tx else None,
            tense=tense,
            event_type=etype,
            summary=_summary(pred, summary_tokens, subject, subject_names or _people(participants, ctx), stmt),
            participants=participants,
            terms=sorted(_terms(terms_from, ents_by_token, timex_tokens, ctx)),
            heading=stmt.heading,
            speech=said,
            agents=subject_names,
        ))
    for names in resolved.values():
        ctx.references.update(names)
    _remember_subjects(sdoc, ctx, ents_by_token)
    return mentions


def proper_noun_indices(sdoc) -> list[int]:
    """Indices of tokens tagged NNP/NNPS (vectorised: this runs on every parsed token)."""
    tags = sdoc.to_array("TAG")
    strings = sdoc.vocab.strings
    return [i for i, t in enumerate(tags.tolist()) if t == strings["NNP"] or t == strings["NNPS"]]


def _proper_runs(sdoc, skip: set[int] | frozenset = frozenset()):
    """Maximal runs of proper-noun tokens (by tag or by capitalisation)."""
    arr = sdoc.to_array(["TAG", "IS_TITLE"]).tolist()
    nnp, nnps = sdoc.vocab.strings["NNP"], sdoc.vocab.strings["NNPS"]
    run: list[int] = []
    for i, (tag, title) in enumerate(arr + [(0, 0)]):
        if i < len(arr) and i not in skip and (tag == nnp or tag == nnps or title):
            run.append(i)
            continue
        if run:
            yield [sdoc[j] for j in run]
        run = []


def _longest_known(sdoc, run, known: dict[str, str]):
    """(start, end, value) of the longest known names in a run, left to right."""
    i = 0
    while i < len(run):
        for j in range(len(run), i, -1):
            value = known.get(name_key(clean_entity_text(sdoc[run[i].i:run[j - 1].i + 1].text)))
            if value:
                yield run[i].i, run[j - 1].i + 1, value
                i = j
                break
        else:
            i += 1


def known_name_spans(sdoc, gazetteer: dict[str, str]) -> list:
    """Entity spans for the known names (name key -> label) in a statement."""
    from spacy.tokens import Span

    return [Span(sdoc, a, b, label=label) for run in _proper_runs(sdoc) for a, b, label in _longest_known(sdoc, run, gazetteer)]


def _known_names(sdoc, ctx: MentionContext, ents_by_token: dict[int, str]) -> None:
    """The document's names in proper-noun runs no entity span covers here."""
    for run in _proper_runs(sdoc, set(ents_by_token)):
        for a, b, name in _longest_known(sdoc, run, ctx.canonical):
            for i in range(a, b):
                ents_by_token[i] = name


def _is_descendant(tok, ancestor) -> bool:
    t = tok
    while t.head.i != t.i:
        t = t.head
        if t.i == ancestor.i:
            return True
    return False


_TIME_PREPOSITIONS = {"before", "after", "until", "till", "since", "during", "following", "amid", "amidst"}
_CORE_DEPS = {"dobj", "attr", "acomp", "xcomp", "prt", "oprd", "dative", "prep", "pobj", "acl", "agent"}


def _core_stems(pred) -> set[str]:
    """The predicate and what completes it ("announced his retirement", "shared his decision to
    retire"), without subordinate clauses: what the subject itself did or underwent."""
    out = {stem(pred.text)}
    frontier = [pred]
    for _ in range(3):
        frontier = [c for t in frontier for c in t.children
                    if c.dep_ in _CORE_DEPS and c.lower_ not in _TIME_PREPOSITIONS]
        out |= {stem(c.text) for c in frontier if c.is_alpha}
    return out


def _clause_stems(pred, excluded: set[int], stems: list[str | None]) -> set[str]:
    """Stems of the predicate's clause without its subject (``stems``: per token, None for
    non-words). A projective parse keeps a subtree contiguous: left_edge..right_edge."""
    skip = set(excluded)
    for c in pred.children:
        if c.dep_ in _SUBJECT_DEPS:
            skip.update(range(c.left_edge.i, c.right_edge.i + 1))
    return {stems[i] for i in range(pred.left_edge.i, pred.right_edge.i + 1) if i not in skip and stems[i]}


def _descriptions(clause, ctx: MentionContext, ents_by_token, in_quote: bool, resolved: dict) -> list[str]:
    """People a clause refers to by description ("the couple", "the pro dancer")."""
    names = []
    for t in clause:
        if t.i in ents_by_token or t.dep_ in _SUBJECT_DEPS:
            continue
        if (t.tag_.startswith("NN") or t.tag_ == "PRP") and (t.lower_ in PLURAL_NOUNS or (t.lower_ in ROLE_NOUNS and t.dep_ != "compound")):
            if any(c.lower_ == "the" for c in t.children):
                found = _resolve_reference(t, ctx, ents_by_token, in_quote)
                if found:
                    resolved[t.i] = found
                names += found
    return names


def _terms(tokens, ents_by_token, timex_tokens, ctx: MentionContext) -> set[str]:
    out = set()
    for t in tokens:
        if t.i in timex_tokens or not (t.is_alpha or t.like_num) or t.lower_ in STOPWORDS:
            continue
        if t.i in ents_by_token and ctx.labels.get(ents_by_token[t.i]) == "PERSON":
            continue
        if t.tag_ in ("PRP", "PRP$"):
            continue
        out.add(stem(t.text))
    return out


def _summary(pred, clause, subject, subject_names, stmt: Statement) -> str:
    if stmt.heading:
        return stmt.text
    kept = {t.i for t in clause}
    tokens = [t for t in clause if not _dangling(t, kept)]
    while tokens and (tokens[0].dep_ in ("cc", "mark", "punct") or tokens[0].is_punct or tokens[0].tag_ == "WRB"):
        tokens = tokens[1:]
    tokens = _without_discourse_marker(tokens)
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ in ("cc", "mark")) and tokens[-1].text not in ("”", '"', ")"):
        tokens = tokens[:-1]
    described = set()  # "the professional dancer" -> "Ballas"
    if subject is not None and subject_names and subject.tag_.startswith("NN") and subject.lower_ in ROLE_NOUNS:
        described = set(range(subject.left_edge.i, subject.i + 1))
    words = []
    for t in tokens:
        text = t.text
        if subject is not None and t.i == subject.i and (t.tag_ == "PRP" or described) and subject_names:
            text = " and ".join(_short(n) for n in subject_names)
        elif subject is not None and t.i == subject.i and t.tag_ in ("WP", "WDT") and pred.dep_ == "relcl":
            # "who died in 2009" -> "Jackson died in 2009"; "which killed him" -> "propofol killed him"
            head = pred.head
            text = (" and ".join(_short(n) for n in subject_names) if subject_names
                    else head.doc[head.left_edge.i:head.i + 1].text)
        elif t.i in described:
            continue
        words.append(text + t.whitespace_)
    body = "".join(words).strip()
    has_subject = subject is not None and any(t.i == subject.i for t in tokens)
    if not has_subject and subject_names:
        first = tokens[0] if tokens else None
        if first is not None and first.i == pred.i and pred.lower_ in _IRREGULAR_PAST:
            body = _IRREGULAR_PAST[pred.lower_] + body[len(pred.text):]
        body = " and ".join(_short(n) for n in subject_names) + (" " if body[:1].islower() else ": ") + body
    return _shorten(body[:1].upper() + body[1:])


_DISCOURSE_MARKERS = ("for example", "for instance", "however", "of course", "in fact", "meanwhile",
                      "still", "and", "but", "also", "indeed", "in addition", "instead")


def _without_discourse_marker(tokens: list) -> list:
    """Drop an opening "For example," / "Of course," that only links to the previous sentence."""
    head = " ".join(t.lower_ for t in tokens[:4])
    for marker in _DISCOURSE_MARKERS:
        n = len(marker.split())
        if head.startswith(marker) and len(tokens) > n + 3 and (tokens[n].is_punct or marker in ("and", "but")):
            rest = tokens[n:]
            while rest and rest[0].is_punct:
                rest = rest[1:]
            return _without_discourse_marker(rest)
    return tokens


def _people(names: list[str], ctx: MentionContext) -> list[str]:
    return [n for n in names if ctx.labels.get(n) == "PERSON"][:2]


def _dangling(t, kept: set[int]) -> bool:
    """A preposition, conjunction or subordinator whose clause was cut from the summary."""
    if t.dep_ == "prep":
        return t.n_rights > 0 and not any(c.i in kept for c in t.rights)
    if t.dep_ == "cc":
        return not any(c.dep_ == "conj" and c.i in kept for c in t.head.children)
    if t.dep_ == "mark":
        return t.head.i not in kept
    return False


def _short(name: str) -> str:
    parts = name.split()
    return parts[-1] if len(parts) > 1 else name


def _shorten(text: str) -> str:
    words = text.split()
    if len(words) <= _MAX_SUMMARY_WORDS:
        return text
    cut = " ".join(words[:_MAX_SUMMARY_WORDS])
    comma = cut.rfind(",")
    if comma > len(cut) // 2:
        return cut[:comma] + " …"
    return cut + " …"


def _remember_subjects(sdoc, ctx: MentionContext, ents_by_token) -> None:
    for tok in sdoc:
        name = ents_by_token.get(tok.i)
        if not name or ctx.labels.get(name) != "PERSON":
            continue
        if tok.dep_ in _SUBJECT_DEPS:
            group = [name] + [n for c in tok.conjuncts if (n := ents_by_token.get(c.i))]
            group = list(dict.fromkeys(group))
            if len(group) > 1:
                ctx.last_group = group
            else:
                ctx.last_person = name
