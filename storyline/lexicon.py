"""Word lists that drive event typing, coreference and similarity, in one place.

Event types are life events a reader asks about ("when did he join the show?"). A type
is recognised when all the stems of one of its patterns occur in an event's clause.
``ONCE_ONLY`` types happen once per person: two incompatible dates for the same one are
a conflict between sources, not two events.
"""
from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

_stemmer = snowballstemmer.stemmer("english")


# Irregular past forms, so that "won" and "winning" share a stem.
_IRREGULAR = {"won": "win", "lost": "lose", "gave": "give", "given": "give", "made": "make", "took": "take",
              "taken": "take", "left": "leave", "became": "become", "came": "come", "went": "go",
              "gone": "go", "told": "tell", "said": "say", "wrote": "write", "written": "write",
              "began": "begin", "begun": "begin", "wed": "wed", "met": "meet", "ran": "run", "sang": "sing",
              "sung": "sing", "held": "hold", "brought": "bring", "bought": "buy", "found": "find",
              "died": "die", "dies": "die", "dying": "die"}


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    w = word.lower().replace("’", "'")
    return _stemmer.stemWord(_IRREGULAR.get(w, w))


# type -> patterns; a pattern is a tuple of stems that must all occur in the clause.
EVENT_PATTERNS: dict[str, list[tuple[str, ...]]] = {
    "birth": [("birth",), ("born",), ("welcom", "son"), ("welcom", "daughter"), ("welcom", "babi"),
              ("welcom", "child"), ("welcom", "boy"), ("welcom", "girl")],
    "pregnancy_loss": [("miscarriag",), ("lose", "babi"), ("lose", "one"),
                       ("pregnanc", "loss"), ("stillbirth",)],
    "death": [("die",), ("death",), ("pass", "away")],
    "join": [("join", "show"), ("join", "program"), ("join", "programm"), ("join", "seri"),
             ("join", "cast"), ("join", "team"), ("join", "compani"), ("join", "club"),
             ("join", "parti"), ("debut",), ("first", "introduc"), ("make", "move"), ("begin", "career")],
    "retirement": [("retir",), ("last", "danc"), ("step", "down"), ("farewel",)],
    "marriage": [("marri",), ("wed",), ("wedding",)],
    "win": [("win",), ("champion",), ("trophi",), ("victori",)],
    "pregnancy": [("pregnanc", "announc"), ("tini", "human"), ("expect", "babi")],
}
ONCE_ONLY = {"join", "retirement", "death"}

# A cheap pre-filter over raw text: statements with one of these words are worth parsing even
# when they carry no date (they may report a dated event another source gives the date of).
TRIGGER_WORDS = re.compile(
    r"\b(?:birth|born|welcom\w*|miscarriag\w*|lost|lose|pregnan\w*|die[ds]?|death|dead|passed away|"
    r"join\w*|debut\w*|introduc\w*|retir\w*|last dance|stepp?(?:ed|ing|s)? down|farewell|"
    r"marri\w*|wed|wedding|won|win|wins|winning|champion\w*|troph\w*|victor\w*)\b",
    re.IGNORECASE,
)

# Reporting verbs: what they report is the quotation or complement they introduce.
SPEECH_STEMS = {"say", "tell", "write", "share", "post", "caption",
                "add", "explain", "reveal", "announc", "tweet", "continu", "admit", "confirm", "state"}

# Definite descriptions that continue the document's main person ("the pro dancer").
ROLE_NOUNS = {"dancer", "pro", "professional", "singer", "actor", "actress", "star", "player", "artist",
              "musician", "champion", "coach", "director", "politician", "president", "minister",
              "senator", "leader", "chief", "executive", "founder", "rapper", "writer", "author",
              "host", "presenter", "athlete", "footballer", "governor", "candidate", "spokesman",
              "spokeswoman", "officer", "official", "chairman"}
PLURAL_NOUNS = {"couple", "pair", "duo", "twosome"}
PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves", "we", "us", "our"}
FIRST_PERSON = {"i", "me", "my", "mine", "myself"}

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"}

STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has
have having here how if in into is it its itself just more most no nor not now of off on once only or
other out over own per same should so some such than that the their theirs them then there these they
this those through to too under until up very was we were what when where which while who whom why will
with would you your yours just even still back also really much many lot one ones get got
""".split())


def event_type(stems: set[str]) -> str | None:
    """The first event type whose pattern is fully present in ``stems``."""
    for etype, patterns in EVENT_PATTERNS.items():
        for pattern in patterns:
            if all(s in stems for s in pattern):
                return etype
    return None
