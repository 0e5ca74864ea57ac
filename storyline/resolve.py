"""The resolve stage: who is who across documents, and which mentions report the same event.

* ``resolve_entities``: surface forms from every document become entities. Same key
  ("B.C. Jean" = "BC Jean"), a surname alone ("Ballas") joins the one full name it ends
  (a word the NER calls a place joins only a full name that is not rare beside it: "Syria" is
  not the surname of a stray "Assad Syria"), an acronym ("DWTS") joins the name it abbreviates
  ("Dancing With the Stars"). A hyphen is spelling ("al-Qaeda" = "al Qaeda"), and so is the
  article of an Arabic name ("Bashar al-Assad" = "Bashar Assad"; "Assad" joins them), and so
  are transliterations and misspellings ("Moammar Gadhafi", "Muammar Qaddafi" and a rare
  "Gadaffi" join "Muammar Gaddafi"; "al-Qaida" joins "al Qaeda"). A full name the NER mislabels
  ("Morgan Tsvangirai" as ORG) is a person's when its surname alone is one ("Mr Tsvangirai").
* ``merge_events``: the event mentions of one entity are clustered into events: mentions
  agree on the date (nested intervals) and either share an event type and a co-participant,
  or say much the same thing. Undated mentions join the event they best match and give it
  their sources. Once-only events ("joined the show") with incompatible dates become
  ``Conflict``s whose claims stand side by side: no source is silently preferred.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from datetime import date

from .events import HONORIFIC, name_key
from .lexicon import ONCE_ONLY
from .model import Claim, Conflict, Event, EventMention
from .temporal import TIME_ZONES
from .temporal.value import TimeValue

# The version of resolve_entities's grouping: a store whose entity table other rules built is
# resolved again when it is next read.
ENTITY_RULES = 6
SIMILARITY_THRESHOLD = 0.3
_HEADING_REACH = 300  # characters from a heading to the statement it introduces
# A name the NER labels a place, organisation or group ("Crist", "Eastwood") is taken for the
# surname of a full name it ends only when that full name is not rare beside it: headlines and
# captions run into text make strays ("Assad Syria" 15 times against "Syria" 3,609 times).
SURNAME_SHARE = 0.2
# A word joins a full name by its article-less surname ("Assad" for "Bashar al-Assad") only when
# the NER nearly always calls it a person: "Islam", read as a faith too, is not "Saif al-Islam".
BARE_SURNAME_PERSON = 0.9
# ... and a full name the NER mislabels is taken for a person's only when, besides, its surname
# alone is written after an honorific ("Mr", "Dr") at least this often.
HONORIFIC_SHARE = 0.1
# A word alone is taken for another spelling of a surname ("Gadaffi" for "Gaddafi") only when it is
# long and the surname's full names are mentioned ten times as often: shorter words are other
# people or words ("Marley" and Paul Morley, "Welsh" and Fergus Walsh, "Briton" and Joe Barton).
LONE_VARIANT_LETTERS = 7
VARIANT_RARITY = 10
# "6:07 Cairo", "Al Grillo\/AP BP", "+17204 Wachovia"; a dateline after its clock: "BST MISRATA".
# Two-letter zones are left out: the key keeps a zone before a name, so "ET Chicago" (CNN's clock
# run into a dateline) must stay free to join "Chicago", and "ET Twitter" must keep "Twitter"
# from joining a stray "Via Twitter" as its only full name.
_TIME_ZONE = "(?:" + "|".join(z for z in TIME_ZONES if len(z) > 2) + ")"
_NOT_A_PERSON = re.compile(r"[\d/\\:+@#]|^" + _TIME_ZONE + " ")
# Page furniture the NER takes for a name: a clock's time zone ("5:29 p.m. ET", 857 times a person in
# Timeline17's egypt articles) and a comment's "Reply" button (1,380 times an organisation in libya's)
_NOT_A_NAME = re.compile(r"^(?:" + _TIME_ZONE + r"|et|reply)$")
# The article of an Arabic name, which papers write "al-Assad", "al Assad" or leave out ("Assad");
# a first word "al" stays ("Al Gore", "al Qaeda").
_ARTICLE = re.compile(r"(?<=\S )(?:al|el)[- ](?=\w)")
# A title before a person's name, which the key keeps (honorifics such as "Mr" it leaves out)
_TITLE = re.compile(r"^(?:gen|col|adm|sen|gov|rep|lt|capt|maj|sgt|cmdr|brig)\.? (?=\S)")
_ACRONYM_STOP = {"of", "the", "and", "for", "a", "an", "in", "on", "at", "to", "with"}


# --- entities ------------------------------------------------------------------------------
def resolve_entities(stats: list[tuple]) -> list[tuple[str, str, int, dict[str, str]]]:
    """Group names ``(name, key, label, count[, other forms])`` into ``(name, label, mentions, {key: alias})``."""
    by_key: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    forms_of: dict[str, set[str]] = defaultdict(set)
    for name, key, label, count, *forms in stats:
        if _NOT_A_NAME.match(key):
            continue
        by_key[key].append((name, label, count))
        if forms:
            forms_of[key] |= set(forms[0])
    parent = {k: k for k in by_key}

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    label_of: dict[str, str] = {}   # the label the NER gives a key most often
    mentions: dict[str, int] = {}
    for k, rows in by_key.items():
        c = Counter()
        for _, lab, n in rows:
            c[lab] += n
        label_of[k], mentions[k] = c.most_common(1)[0][0], sum(c.values())

    def person_share(k):
        return sum(n for _, lab, n in by_key[k] if lab == "PERSON") / (mentions[k] or 1)

    # a person's name without a title ("gen musharraf" is "musharraf"), and its words without
    # hyphens and articles as well
    untitled = {k: _untitled(k, label_of[k] == "PERSON") for k in by_key}
    spelled = {k: _spelling(untitled[k]).split() for k in by_key}

    def person_by_surname(k):
        """A full name the NER mostly labels otherwise ("Morgan Tsvangirai": ORG 1,274 times, PERSON
        41) is a person's when its surname alone is one: the NER nearly always calls that word a
        person, and the papers often write it after an honorific ("Mr Tsvangirai"). The NER must
        have called the full name a person at least once ("Krasnoyarsk Medvedev" it never did)."""
        last = k.split()[-1]
        if not 2 <= len(spelled[k]) <= 3 or last not in by_key or not any(lab == "PERSON" for _, lab, _ in by_key[k]):
            return False
        titled = sum(n for name, _, n in by_key[last] if HONORIFIC.match(name))
        return person_share(last) >= BARE_SURNAME_PERSON and titled >= HONORIFIC_SHARE * mentions[last]

    multi = [k for k in by_key if len(untitled[k].split()) > 1]
    relabelled = {k for k in multi if label_of[k] != "PERSON" and person_by_surname(k)}
    by_spelling: dict[str, list[str]] = defaultdict(list)
    for k in by_key:
        by_spelling[" ".join(spelled[k])].append(k)
    for same in by_spelling.values():
        for k in same[1:]:
            parent[find(k)] = find(same[0])
    # a transliteration or misspelling of a name of two words or more ("Moammar Gadhafi",
    # "al-Qaida") joins its most mentioned spelling ("Muammar Gaddafi", "al Qaeda"); one that
    # could be either of two names ("Ayatollah Khameni": Khamenei or Khomeini) stays apart, and a
    # spelling joins only a name's first spelling, never another variant of it, so that no chain
    # of variants links two names
    heads: dict[tuple[str, ...], list[str]] = defaultdict(list)
    names = [k for k in by_key if len(spelled[k]) > 1 and not _NOT_A_PERSON.search(k)]
    for k in sorted(names, key=lambda k: (-mentions[k], k)):
        same = heads[tuple(_sound(w) for w in spelled[k])]
        roots = {find(h) for h in same if all(_transliterated(a, b) for a, b in zip(spelled[k], spelled[h]))}
        if len(roots) == 1:
            parent[find(k)] = roots.pop()
        elif not roots:
            same.append(k)
    by_last: dict[str, list[str]] = defaultdict(list)
    by_bare_last: dict[str, list[str]] = defaultdict(list)   # "assad" for "bashar al-assad"
    by_last_sound: dict[str, list[str]] = defaultdict(list)   # "kdf" for "muammar gaddafi"
    by_acronym: dict[str, list[str]] = defaultdict(list)
    for k in multi:
        if (label_of[k] == "PERSON" or k in relabelled) and not _NOT_A_PERSON.search(k):
            last, bare_last = k.split()[-1], _bare(k).split()[-1]
            by_last[last].append(k)
            by_last_sound[_sound(spelled[k][-1])].append(k)
            if bare_last != last:
                by_bare_last[bare_last].append(k)
        words = k.split()
        by_acronym["".join(w[0] for w in words)].append(k)
        by_acronym["".join(w[0] for w in words if w not in _ACRONYM_STOP)].append(k)
    for k in by_key:
        if len(untitled[k].split()) != 1:
            continue
        label = label_of[k]
        targets = set(by_last.get(k, [])) if label in ("PERSON", "ORG", "GPE", "NORP") else set()
        if person_share(k) >= BARE_SURNAME_PERSON:  # "Islam" is not the surname of "Saif al-Islam"
            targets |= set(by_bare_last.get(k, []))
        if not targets and label == "PERSON" and len(k) >= LONE_VARIANT_LETTERS:
            # a rare spelling of a surname ("Gadaffi", 77 mentions, for "Muammar Gaddafi", 6,795)
            targets = {t for t in by_last_sound.get(_sound(k), []) if _transliterated(k, spelled[t][-1])}
            if sum(mentions[t] for t in targets) < VARIANT_RARITY * mentions[k]:
                targets = set()
        if label != "PERSON" and sum(mentions[t] for t in targets) < SURNAME_SHARE * mentions[k]:
            targets = set()  # a place is not the surname of a stray "Assad Syria"
        if not targets and len(k) >= 2:
            targets = set(by_acronym.get(k, []))
        weight = Counter()
        for t in targets:
            # one name a shorter or longer form of another ("Hashemi Rafsanjani", "Akbar Hashemi
            # Rafsanjani") is one person, so it does not make the surname ambiguous: it counts for
            # the more mentioned form
            same_person = [u for u in targets if _ends(spelled[u], spelled[t]) or _ends(spelled[t], spelled[u])]
            weight[find(max(same_person, key=lambda u: (mentions[u], -len(spelled[u]), u)))] += mentions[t]
        if weight:
            root, top = weight.most_common(1)[0]
            if top >= 0.8 * sum(weight.values()):  # an ambiguous surname stays on its own
                parent[find(k)] = root

    groups: dict[str, list[str]] = defaultdict(list)
    for k in by_key:
        groups[find(k)].append(k)
    out = []
    for keys in groups.values():
        forms = Counter()
        labels = Counter()
        for k in keys:
            for name, lab, n in by_key[k]:
                forms[name] += n
                labels["PERSON" if k in relabelled else lab] += n
        longest = max(len(spelled[k]) for k in keys)
        label = labels.most_common(1)[0][0]
        full_forms = [f for f in forms if len(_spelling(_untitled(f.lower(), label == "PERSON")).split()) >= longest] or list(forms)
        display = max(full_forms, key=lambda f: (forms[f], f.isascii(), f))
        aliases = {}
        for k in keys:
            # the shortest form not in capitals ("Allen", not "Mr Allen"), whatever the set's order
            for form in sorted(forms_of.get(k, ()), key=lambda f: (f.isupper(), len(f), f)):
                if not _NOT_A_NAME.match(name_key(form)):
                    aliases.setdefault(name_key(form), form)
        for k in keys:
            aliases[k] = max((n for n, _, _ in by_key[k]), key=lambda n: (forms[n], n.isascii()))
        out.append((display, label, sum(forms.values()), aliases))
    return out


def _ends(words: list[str], end: list[str]) -> bool:
    return len(words) >= len(end) and words[len(words) - len(end):] == end


def _sound(word: str) -> str:
    """What transliterations of a word share: its first letter and its consonants, once each,
    without an "h" after a consonant ("ph" is "f"); "q", "g" and "k" alike at the start
    ("Qaddafi", "Gadhafi", "Kadafi" -> "kdf")."""
    word = re.sub(r"(?<=[^aeiou])h", "", word.replace("ph", "f"))
    word = re.sub(r"^[qgk]", "k", re.sub(r"^[aeiou]", "a", word))
    word = re.sub(r"(.)\1+", r"\1", word)
    return word[:1] + re.sub(r"[aeiouy]", "", word[1:])


def _transliterated(a: str, b: str) -> bool:
    """Whether two words of names are one, however transliterated: equal, or of five letters or
    more, sounding alike (``_sound``) and at most two edits apart ("Younes", "Younis"; not "Hall"
    and "Hill", nor "Khamenei" and "Khomeini")."""
    return a == b or (min(len(a), len(b)) >= 5 and _sound(a) == _sound(b) and _edits(a, b) <= 2)


def _edits(a: str, b: str) -> int:
    """Levenshtein distance: insertions, deletions and substitutions that turn ``a`` into ``b``."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def _bare(key: str) -> str:
    """A name key without the article of an Arabic name: "bashar al-assad" -> "bashar assad"."""
    return _ARTICLE.sub("", key)


def _untitled(key: str, person: bool) -> str:
    return _TITLE.sub("", key) if person else key


def _spelling(key: str) -> str:
    """A name key without hyphens or the article of an Arabic name, which are only spelling:
    "al-qaeda" -> "al qaeda"; "bashar al-assad", "bashar al assad" -> "bashar assad"."""
    return " ".join(_bare(key.replace("-", " ")).split())


# --- events --------------------------------------------------------------------------------
def _similarity(a: set[str], b: set[str]) -> float:
    """Overlap of content stems; one shared word is chance, not evidence."""
    shared = len(a & b)
    if shared < 2:
        return 0.0
    return shared / min(len(a | b), 2 * min(len(a), len(b)) + 2)


class _Cluster:
    def __init__(self, mention: EventMention, participants: set[str], focus_is_agent: bool):
        # the entity is the subject of a dated report: only then is the date a claim about it
        self.focus_is_agent = focus_is_agent and mention.date is not None
        self.mentions = [mention]
        self.docs = {mention.doc}
        self.statements = {(mention.doc, mention.source.start)}
        self.dates: list[TimeValue] = []
        self._latest_start, self._earliest_end, self._unspecified = date.min, date.max, False
        if mention.date:
            self._add_date(mention.date)
        self.types = Counter([mention.event_type] if mention.event_type else [])
        self.terms = set(mention.terms)
        self.participants = set(participants)

    def accepts_date(self, value: TimeValue | None) -> bool:
        if value is None:
            return True
        # a compatible value overlaps every date: it starts by the earliest end and ends after the
        # latest start, a cheap test that most candidates fail
        if value.specified and not self._unspecified and (
                value.start > self._earliest_end or value.end < self._latest_start):
            return False
        return all(value.compatible(d) for d in self.dates)

    def _add_date(self, value: TimeValue) -> None:
        self.dates.append(value)
        if value.specified:
            self._latest_start = max(self._latest_start, value.start)
            self._earliest_end = min(self._earliest_end, value.end)
        else:
            self._unspecified = True

    def add(self, mention: EventMention, participants: set[str], focus_is_agent: bool = False) -> None:
        self.focus_is_agent |= focus_is_agent and mention.date is not None
        self.mentions.append(mention)
        self.docs.add(mention.doc)
        self.statements.add((mention.doc, mention.source.start))
        if mention.date:
            self._add_date(mention.date)
        if mention.event_type:
            self.types[mention.event_type] += 1
        self.terms |= set(mention.terms)
        self.participants |= participants

    @property
    def event_type(self) -> str | None:
        return self.types.most_common(1)[0][0] if self.types else None

    @property
    def date(self) -> TimeValue | None:
        if not self.dates:
            return None
        exact = [d for d in self.dates if not d.approximate] or self.dates
        return min(exact, key=lambda d: (d.days, d.value))


def _score(cluster: _Cluster, m: EventMention, participants: set[str], focus: str, agent: bool) -> float:
    if not cluster.accepts_date(m.date):
        return 0.0
    if (m.doc, m.source.start) in cluster.statements:
        # two dated clauses of one statement are two events; an undated clause of the same
        # kind ("viewers were first introduced to him when he made his move in 2005") is the same
        return 1.0 if m.date is None and m.event_type and m.event_type == cluster.event_type else 0.0
    if m.date is None and m.event_type and m.event_type != cluster.event_type:
        return 0.0  # an undated "he died" can only support a death, not lend its type to another event
    if m.heading and any(x.doc == m.doc and 0 < x.source.start - m.source.end <= _HEADING_REACH for x in cluster.mentions):
        return 0.9  # a heading announces what its section reports next
    sim = _similarity(cluster.terms, set(m.terms))
    same_doc = m.doc in cluster.docs
    if m.event_type is not None and m.event_type == cluster.event_type:
        if _same_people(m.event_type, participants, cluster.participants, agent, cluster.focus_is_agent,
                        same_doc, focus):
            sim += 0.5
        elif sim > 0:
            sim += 0.2
    return sim + (0.1 if same_doc and sim > 0 else 0.0)


def merge_events(mentions: list[EventMention], focus: str, names: dict[str, str]) -> tuple[list[Event], list[Conflict]]:
    """Cluster one entity's mentions into events and conflicts. ``names``: alias key -> entity name."""
    def people(m: EventMention) -> set[str]:
        return {names.get(name_key(p), p) for p in m.participants}

    def focus_is_agent(m: EventMention) -> bool:
        return any(names.get(name_key(a), a) == focus for a in m.agents)

    mentions = [m for m in mentions if m.tense != "future" or m.date is None]
    dated = sorted((m for m in mentions if m.date), key=lambda m: (m.date.days, m.doc, m.source.start))
    undated = [m for m in mentions if not m.date]
    index = _ClusterIndex()
    for m in dated + undated:
        ps, agent = people(m), focus_is_agent(m)
        scored = sorted(((_score(index.clusters[i], m, ps, focus, agent), i) for i in index.candidates(m)), reverse=True)
        scored = [(s, i) for s, i in scored if s >= SIMILARITY_THRESHOLD]
        if m.date is None and len(scored) > 1 and scored[0][0] - scored[1][0] < 0.05:
            continue  # an undated report that fits two events equally well supports neither
        if scored:
            index.add(min(i for s, i in scored if s == scored[0][0]), m, ps, agent)
        elif m.date:
            index.new(m, ps, agent)
    clusters = index.clusters

    clusters = _merge_same_events(clusters, focus)
    events = [_event(c, focus) for c in clusters if c.date]
    events.sort(key=lambda e: e.date.sort_key())
    conflicts = _conflicts(events, focus)
    return events, conflicts


def _same_event(a: _Cluster, b: _Cluster, focus: str) -> bool:
    etype = a.event_type
    if etype is None or etype != b.event_type:
        return False
    if not all(x.compatible(y) for x in a.dates for y in b.dates):
        return False
    return _same_people(etype, a.participants, b.participants, a.focus_is_agent, b.focus_is_agent,
                        bool(a.docs & b.docs), focus)


def _same_people(etype: str, a_people: set[str], b_people: set[str], a_agent: bool, b_agent: bool,
                 same_doc: bool, focus: str) -> bool:
    """Two reports of one kind of life event at compatible dates are the same event when they
    share a co-participant, come from the same article, or the event happens once to the
    entity and it is the subject of both."""
    once = etype in ONCE_ONLY and a_agent and b_agent
    return once or bool((a_people & b_people) - {focus}) or same_doc


def _merge_same_events(clusters: list[_Cluster], focus: str) -> list[_Cluster]:
    """Join clusters that the one-pass assignment kept apart (the order of arrival matters there)."""
    kept: list[_Cluster] = []
    by_type: dict[str, list[_Cluster]] = defaultdict(list)
    for c in clusters:
        target = next((k for k in by_type.get(c.event_type, ()) if _same_event(k, c, focus)), None)
        if target is None:
            kept.append(c)
            if c.event_type:
                by_type[c.event_type].append(c)
            continue
        for m in c.mentions:
            target.add(m, set())
        target.participants |= c.participants
        target.focus_is_agent |= c.focus_is_agent
    return kept


class _ClusterIndex:
    """Clusters with the look-ups that find the few worth scoring against a new mention:
    the same event type, the same statement, the same article (for headings), or two shared
    words that are not everywhere (a word in hundreds of clusters says little)."""

    COMMON = 300

    def __init__(self):
        self.clusters: list[_Cluster] = []
        self.by_term: dict[str, list[int]] = defaultdict(list)
        self.by_type: dict[str, set[int]] = defaultdict(set)
        self.by_statement: dict[tuple, set[int]] = defaultdict(set)
        self.by_doc: dict[str, set[int]] = defaultdict(set)

    def candidates(self, m: EventMention) -> set[int]:
        found = set(self.by_statement.get((m.doc, m.source.start), ()))
        if m.event_type:
            found |= self.by_type.get(m.event_type, set())
        if m.heading:
            found |= self.by_doc.get(m.doc, set())
        shared = Counter()
        for t in set(m.terms):
            posting = self.by_term.get(t, ())
            if len(posting) <= self.COMMON:
                shared.update(posting)
        found.update(i for i, n in shared.items() if n >= 2)
        return found

    def new(self, m: EventMention, participants: set[str], agent: bool) -> None:
        self.clusters.append(_Cluster(m, participants, agent))
        self._register(len(self.clusters) - 1, m, set(m.terms))

    def add(self, i: int, m: EventMention, participants: set[str], agent: bool) -> None:
        fresh = set(m.terms) - self.clusters[i].terms
        self.clusters[i].add(m, participants, agent)
        self._register(i, m, fresh)

    def _register(self, i: int, m: EventMention, terms: set[str]) -> None:
        for t in terms:
            self.by_term[t].append(i)
        if m.event_type:
            self.by_type[m.event_type].add(i)
        self.by_statement[(m.doc, m.source.start)].add(i)
        self.by_doc[m.doc].add(i)


def _event(c: _Cluster, focus: str) -> Event:
    sources, seen = [], set()
    for m in sorted(c.mentions, key=lambda m: (m.doc, m.source.start)):
        key = (m.doc, m.source.start)
        if key not in seen:
            seen.add(key)
            sources.append(m.source)
    summary = max(c.mentions, key=_summary_quality).summary
    entities = sorted(c.participants, key=lambda p: (p != focus, p))
    ident = hashlib.sha1("|".join(f"{s.doc}:{s.start}" for s in sources).encode()).hexdigest()[:10]
    return Event(f"ev-{ident}", c.date, summary, entities, sources, c.event_type, focus_is_agent=c.focus_is_agent)


def _summary_quality(m: EventMention) -> tuple:
    """Prefer a plain statement of the event, with its date, over headings and quotations."""
    words = len(m.summary.split())
    quoted = m.summary.lstrip().startswith(("“", '"'))
    return (not m.heading, not quoted, m.event_type is not None and not m.speech,
            m.date is not None and not m.date.approximate, 6 <= words <= 25, -abs(words - 14))


def _conflicts(events: list[Event], focus: str) -> list[Conflict]:
    by_type: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        if e.event_type in ONCE_ONLY and e.focus_is_agent:  # he joined, not: workers he hired died
            by_type[e.event_type].append(e)
    conflicts = []
    for etype, group in by_type.items():
        if len(group) < 2:
            continue
        disjoint = any(not a.date.compatible(b.date) for i, a in enumerate(group) for b in group[i + 1:])
        if not disjoint:
            continue
        ident = f"cf-{len(conflicts) + 1}"
        claims = []
        for e in group:
            e.conflict = ident
            claims.append(Claim(e.date, e.id, list(e.sources)))
        conflicts.append(Conflict(ident, _ABOUT.get(etype, "When it happened").format(name=focus), claims))
    return conflicts


_ABOUT = {
    "join": "When {name} joined",
    "retirement": "When {name} retired",
    "death": "When {name} died",
}
