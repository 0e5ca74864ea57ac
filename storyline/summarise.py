"""Timeline summarisation: the dates that mattered most for a query, each with its best sentences.

Dates. A day matters when many articles refer to it: every article votes once for each day to
which it dates a statement (day-precise dates from the temporal tagger), a vote worth more when
that statement is about the query, and every article published that day adds a weak vote (the
news of the day). The votes are then damped by how many the days around it got (a day that stands
out in a quiet month beats one of several busy days in a week covered closely). Only days inside
since..until count.

Sentences. The candidates for a day are the statements dated to it, plus the undated statements
that open the articles published that day or the next. The day's TF-IDF centroid is taken over
all of them; the sentences chosen must be about the query (they name the entity, one of their
event mentions involves it, or they contain a keyword), reports come before questions, photo
captions, sentences that open with a quotation and sentences that say little but a date, and
they are picked greedily so that the
summary comes closest to the centroid (news-tls's CentroidOpt), skipping near-repeats and
sentences already used for another day; an entry of a chronology in the corpus ("February 17 -
Activists designate a day of rage .") is an editor's summary of its day and comes first. A day
with no such sentence is passed over. A chosen sentence keeps every place it was read, so a
sentence five articles share has five sources.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from .lexicon import STOPWORDS
from .model import KeyDate, Source
from .segment import statements
from .store import Store, document_texts, statement_participants
from .temporal import TIME_ZONES
from .temporal.value import TimeValue

# Chosen on T17 and entities-dev by benchmarks/tls_tune.py (docs/benchmarks.md gives its
# leave-one-topic-out figures). An article that dates a statement to a day counts 1,
# 1 + RELEVANT_WEIGHT when that statement is about the query; one published that day counts
# PUBLICATION_WEIGHT.
RELEVANT_WEIGHT = 1.0
PUBLICATION_WEIGHT = 0.1
# A day's votes are divided by (1 + the votes of the days within VOLUME_DAYS of it) ** VOLUME_EXPONENT:
# a day that stands out in a quiet month can beat one of many busy days in a week the papers covered
# closely (0 leaves the counts as they are).
VOLUME_DAYS = 15
VOLUME_EXPONENT = 0.25
LEAD_STATEMENTS = 5        # undated statements that open an article stand for its publication day,
PUBLICATION_LAG = 1        # ... and for the day before (the news of a day is printed that day or the next)
MIN_WORDS, MAX_WORDS = 5, 80
REPORT_WORDS = 3           # content words a report has besides its dates (see Sentence.reports)
# An article with this many list entries headed by a day ("February 17 - Activists designate a day
# of rage .") is a chronology: an entry is an editor's one-line summary of its day, chosen first.
CHRONOLOGY_ENTRIES = 3
CENTROID_ALL = True        # the day's centroid counts every candidate; only sentences about the query are chosen
GREEDY_SUMMARY = True      # choose what brings the summary closest to the centroid (news-tls CentroidOpt)
REDUNDANCY = 0.3           # a candidate this similar (cosine) to a chosen sentence repeats it

_DAYNAMES = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
# "January 28 , 2011 at 1:49 pm | Reply ...", "9th November 2011 - 8:40 Oh please .", "At 18:08
# 1st Jun 2010 , Paul wrote : ...", "Added : Tuesday , 19 January , 2010 , 16:25 GMT ...": the time
# stamp of a reader's comment or a byline, scraped with the page; what follows is not news,
# whatever date the stamp gives
_STAMP = re.compile(r"\d{1,2}:\d{2}\s*[ap]\.?m\.?\s*(?:[A-Z]{2,4}\s*)?\||"
                    r"^\s*At\s+\d{1,2}[:.]\d{2}\s*(?:[ap]m\s+)?(?:on\s+)?.{0,60}?\bwrote\s*:|"
                    r"^\s*Added\s*:\s*" + _DAYNAMES + r"\s*,\s*\d{1,2}\s+[A-Z][a-z]+\s*,\s*\d{4}\s*,\s*\d{1,2}:\d{2}|"
                    r"^\s*\d{1,2}(?:st|nd|rd|th)?\s+[a-z]+\s+\d{4}\s*-\s*\d{1,2}:\d{2}(?!\d)", re.IGNORECASE)
# "Letters for publication should be sent to : letters@guardian.co.uk ...": a page's footer, not news
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
# What a scraped page puts before the news itself, found near a statement's start and cut with
# everything before it:
# - a wire tag ("TRIPOLI | Tue Mar 1 , 2011 6:36 pm EST TRIPOLI -LRB- Reuters -RRB- - "), often
#   after the headline glued to the first sentence, or after a photo's caption ("Boats work with
#   containment boom on the shoreline of Grand Isle , La. -LRB- AP -RRB- A key safety device ...");
# - a page's time stamp after its headline and standfirst ("Swine flu could affect third of world 's
#   population Researchers say ... Tuesday 12 May 2009 16.36 BST The swine flu virus will ...",
#   "BP to cut U.S. tax bill ... Tuesday , July 27 , 2010 ; 11:56 PM BP said ...", and in print,
#   "Thursday , November 13 , 2008 ; Page A23 The Bush administration ...");
# - a dated dateline after a page's links ("This Story : Read + | ... REYKJAVIK , Iceland , Oct. 9 -- ");
# - a photo caption's credit ("... Louisiana coastline . Photograph : Larry Downing\/Reuters Barack
#   Obama flies ...");
# - an update stamp ("Developments , as confirmed by CNN : -LRB- Update 1:40 a.m. in Cairo -RRB- ").
_CLOCK = r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?"
_DAY_MONTH_YEAR = r"\d{1,2}\s+[A-Z][a-z]+\s+\d{4}"         # 12 May 2009
_MONTH_DAY_YEAR = r"[A-Z][a-z]+\.?\s+\d{1,2}\s*,\s*\d{4}"   # May 11 , 2010
_AGENCY = r"(?:AP|AFP|Reuters|Getty\s+Images)"            # a photo's credit
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"   # how a month's name begins
_NAME_WORD = r"(?:[A-Z]\.|(?:[A-Z]['’])?[A-Z][a-z]+(?:['’-]?[A-Z][a-z]+)*)"  # "D.", "Shear", "McCain", "O'Leary"
# the rest of a dateline's place after its first word in capitals ("[NEW] YORK", "[GRAND] ISLE , La.")
_PLACE_REST = r"(?:[\s.'-]+[A-Z]{2,})*\.?(?:\s*,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)*"
_DATELINE = (r"(?-i:[A-Z]{2,}" + _PLACE_REST +
             r"(?:\s*,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?)\s*(?:--|—|–)")   # "NEW YORK , Sept. 29 --"
_NAME = _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){1,3}"                    # a person's name, 2-4 words
_CUT_AFTER = [
    (re.compile(r"(?:-LRB-|\()\s*(?:Reuters|AP|AFP|CNN|UPI|Bloomberg|dpa)\s*(?:-RRB-|\))\s*(?:(?:-{1,2}|—|–)\s+|(?=[A-Z\"“‘`]))"),
     400),
    (re.compile(_DAYNAMES + r"\s+" + _DAY_MONTH_YEAR + r"\s+\d{1,2}[.:]\d{2}(?:\s*[A-Z]{2,4}(?![\w.]))?\s+"), 400),
    (re.compile(_DAYNAMES + r"\s*,\s*" + _MONTH_DAY_YEAR + r"\s*;\s*"
               r"(?:\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?|Page\s+[A-Z]?\d{1,3})\s*"), 400),
    (re.compile(r"(?<![\w,] )(?:[A-Z]{3,}" + _PLACE_REST +
                r"\s*,\s*" + _MONTH + r"[a-z]*\.?\s+\d{1,2})\s*(?:--|—|–)\s+(?=[A-Z\"“‘'`])"), 400),
    (re.compile(r"Photograph\s*:\s*.{0,80}?(?<![\w-])(?:AP|PA|AFP|EPA|Reuters|REUTERS|Getty\s+Images|Rex\s+Features"
                r"|Corbis|Bloomberg|Alamy|Xinhua|(?:the\s+)?(?:Guardian|Observer))\s+(?=[A-Z\"“‘'`])"), 400),
    (re.compile(r"(?:-LRB-|\()\s*Updat(?:e|ed)\b.{0,80}?(?:-RRB-|\))(?:\s*(?:-RRB-|\)))?\s*(?:-{1,2}\s+)?", re.I), 250),
]
# ... and what opens it: a time stamp, a byline, a live blog's entry time, a dateline.
_LEADING = re.compile(r"^(?:\s*(?:" + "|".join([
    r"(?:-LRB-|\()[^()]{0,80}?(?:" + _CLOCK + r"|Photo|By |Associated Press|Bloomberg|Getty)"
    r"[^()]{0,80}?(?:-RRB-|\))",                                                         # (AP Photo), (9:49 a.m. ET)
    _DAY_MONTH_YEAR + r"\s+Last updated at\s+" + _CLOCK + r"\s*(?:[A-Z]{2,4}\s+)?(?:Help\b)?",
    r"Page last updated at\s+" + _CLOCK + r"\s*[A-Z]{2,4}\s*,\s*" + _DAYNAMES + r"\s*,\s*" + _DAY_MONTH_YEAR +
    r"(?:\s+" + _CLOCK + r"\s*UK)?(?:\s*-LRB-\s*an error occurred while processing this directive\s*-RRB-)?",
    r"By the CNN Wire Staff", r"Full Article", r"(?-i:NEW)\s*:",
    # a live blog's entry time ("3.40 pm : ", "12:13 UK time , Thursday , 10 June 2010 "), with its
    # place and local time ("LIBYA , 5:29 p.m. ET , 12:29 a.m. local : ")
    r"(?:(?-i:[A-Z]{2,}(?:\s+[A-Z]{2,})*)\s*,\s*)?" + _CLOCK + r"\s*(?-i:UK time|[A-Z]{2,4})?"
    r"(?:\s*,\s*" + _CLOCK + r"\s*local)?\s*(?::|,\s*" + _DAYNAMES + r"\s*,\s*" + _DAY_MONTH_YEAR + ")",
    # a page's time stamp with its time zone ("May 11 , 2010 20:24 UTC ", "20 June 11 16:14 GMT ")
    r"(?:\d{1,2}\s+[A-Z][a-z]+\s+\d{2,4}|" + _MONTH_DAY_YEAR + r")?\s*" + _CLOCK +
    r"\s*(?-i:" + "|".join(z.upper() for z in TIME_ZONES) + r")\s+(?=(?-i:[A-Z]))",
    # a dateline ("NEW ORLEANS -- ", "AP GRAND ISLE , La. -- ", "NEW YORK , Sept. 29 -- ", "ON THE GULF OF MEXICO -- ")
    r"(?-i:(?:[AB]P\s+)?" + _DATELINE + r")\s+(?=(?-i:[A-Z\"“‘'`]))",
    # a crosshead in capitals ("NEW CAP FOR LEAKING OIL WELL When engineers removed ...")
    # (words of two capitals or more, so that initials before a name stay: "J. K. Rowling")
    r"(?-i:(?:(?:[A-Z]\.){2,}|[A-Z][A-Z'’&-]*[A-Z])\s+){3,}(?=(?-i:[A-Z][a-z]))",
    # a byline before a dateline ("By Michael D. Shear and Robert Barnes NEW YORK -- ")
    r"(?-i:By\s+(?!" + _DAYNAMES + r")" + _NAME + r"(?:\s*(?:,|and)\s+" + _NAME + r")*\s+(?=" + _DATELINE + "))",
    # a list's bullet ("-- During his CNN interview , ElBaradei said ...", "· Robert Mugabe will remain ...")
    r"(?:--|—|–|·|•|\\?\*)\s*(?=(?-i:[A-Z\"“‘'`]))",
    # a photo's credit and date ("AP July 12 : The new containment cap is lowered ...")
    r"(?-i:" + _AGENCY + r")\s+(?:Photo\S*\s+)?" + _MONTH + r"[a-z]*\.?\s+\d{1,2}(?:\s*,\s*\d{4})?\s*:",
    # a photo's credit: a photographer's name up to the word that opens the lead ("AP Photo\/Dave
    # Martin As much as ...", "AP Photo\/Jae C. Hong The Superdome ..."), or a source "via" an
    # agency ("Coast Guard via AP Oil giant BP ...", "BP , via AP NEW ORLEANS -- ...")
    r"(?-i:AP\s+Photo\s*\\?/\s*(?:[A-Z][\w.'’-]*\s+)*?(?=(?:The|A|An)\s|[A-Z][\w'’-]*\s+[a-z]|" + _DATELINE + ")"
    r"|(?:[A-Z][\w.'’-]*\s+){1,3},?\s*via\s+" + _AGENCY + r"\s+(?=[A-Z]))",
]) + r")\s*)+", re.IGNORECASE)
# ... and a headline, standfirst or photo caption that the page runs into a sentence without a full
# stop ("Firefighters battled in vain to save the rig The Deepwater Horizon rig disaster caused
# ...", "An ocean current is threatening to carry the oil into the Atlantic It emerged on
# Wednesday ..."): a lower-case word followed by a capitalised word that opens a clause (a pronoun,
# "A" or "The" before a lower-case word; in an article's first statement "The" before any word)
# starts a new sentence, unless a preposition, a possessive or a verb of saying comes before it, as
# before a title ("of The Times", "told The Guardian", "his The Best of Bowie"), or a preposition
# follows the pronoun ("Group A of the event", "Blame It on the Boogie"). Past the first statement,
# "The" before a capital is mostly a title ("... that would be The Rise and Fall of Ziggy Stardust").
_CLAUSE_OPENER = r"(?:A|An|He|She|It|They|We|His|Her|Their|Its|This|These|There) [a-z]"
_GLUED_OPENING = re.compile(r"(?<=[a-z0-9)]) (?=The |" + _CLAUSE_OPENER + ")")
_GLUED = re.compile(r"(?<=[a-z0-9)]) (?=The [a-z]|" + _CLAUSE_OPENER + ")")
_NOT_A_CLAUSE = frozenset("of in on at by to for with from and or".split())   # "A of", "It on"
_BEFORE_TITLE = frozenset("""of in on at by to from for with and or the a an into about as than like against via over
    under called named said says say told tells his her their its my our your""".split())
GLUED_HEAD_WORDS, GLUED_LEAD_WORDS = 3, 8   # what is cut, and what is kept, are at least this long
# Under its date, a sentence need not say the date again: "on Tuesday", "yesterday", "On April 20 ,
# 2010 ,", "Tuesday night" are left out of what a summary shows, with the "on" (or "late on") before
# them, as a timeline's editor would write it. A clock time stays ("at 10 p.m. Tuesday" says more
# than the day), and so does a day that is part of a phrase: after a determiner, another preposition
# or a copula ("the Saturday deadline", "by Sunday", "after Friday prayers", "It 's already
# Friday"), before a possessive ("Tuesday 's vote"), next to another date ("Monday and Tuesday",
# "May 11/12"), or heading a stamp or dateline ("Thursday , November 13 , 2008 ; Page A23", "Aug 16
# (Reuters)"); a capitalised "Today" inside a sentence is a title ("NBC News ' `` Today '' show").
# A quotation is left as it was said.
# A wire's stock ticker ("BP Plc -LRB- BP . L -RRB- -LRB- BP . N -RRB- said") is left out too.
_TICKER = re.compile(r"\s*(?:-LRB-|\()\s*(?:[A-Z0-9]{2,6}[a-z]?|[A-Z])\s*\.\s*[A-Z]{1,2}\s*(?:-RRB-|\))(?=\s|$)")
_PART_OF_DAY = re.compile(r"T(?:MO|AF|EV|NI|DT)$")
_ON_BEFORE = re.compile(r"\s*\b(?:(?:late|early|earlier|later)\s+(?:on\s+)?|on\s+)$", re.IGNORECASE)
_KEPT_AFTER_WORD = frozenset("""the a an this that these those since until till by from before after of through
    between and or to for than as at in with within whose which is 's was were be been being already it""".split())
_KEPT_BEFORE = re.compile(r"\s*(?:'s|’s|\\?/|[;:]|-LRB-|\(|(?:and|or|to|through|-{1,2}|–)\s+(?:\d|" + _DAYNAMES +
                          "|" + _MONTH + "))")

# A question, or a sentence that opens with a quotation ("`` Following September 11th , our national
# leaders came together ... , '' McCain said ."), is someone's words, not a report of the day; a
# photo caption, with its credit before it or the wire's dating after it ("-LRB- Patrick Semansky -
# AP -RRB- Workers prepare to lay oil boom ... , Wednesday , July 21 , 2010 ."), describes a picture.
# Chosen only for a day that has no report.
_NOT_A_REPORT = re.compile(r"^\s*(?:``|[\"“])|\?\s*$"
                           r"|^\s*(?:-LRB-|\()[^()]{0,40}?[-/]\s*(?:" + _AGENCY + r"|EPA)\s*(?:-RRB-|\))"
                           r"|,\s*" + _DAYNAMES + r"\s*,\s*" + _MONTH_DAY_YEAR + r"\s*\.?\s*$")


@dataclass
class Sentence:
    """A statement of an article with what summarisation needs to know about it."""

    doc: str
    start: int
    end: int
    text: str
    published: date | None
    position: int                                  # index of the statement in its article
    days: set[date] = field(default_factory=set)   # the days it names (day precision)
    dated: bool = False                            # it has a date, of any precision
    participants: set[str] = field(default_factory=set)
    relevant: bool = False
    body: str | None = None                        # the text without page furniture or a date label before it
    listed: date | None = None                     # the day it is an entry for, in a chronology
    day_spans: list[tuple[int, int, date]] = field(default_factory=list)  # where it names a day (doc offsets)

    @property
    def content(self) -> str:
        """What a summary shows of it: the text without what a scraped page puts before the news
        (``strip_page_furniture``) or a chronology's date label."""
        return self.text if self.body is None else self.body

    @property
    def reports(self) -> bool:
        """Whether it reads as a report of its day: not a question, a photo caption, a sentence
        that opens with a quotation, or one that says little but a date ("It was Tuesday , January
        25 .": fewer than ``REPORT_WORDS`` content words besides the days it names)."""
        if _NOT_A_REPORT.search(self.content):
            return False
        text = self.content
        for a, b in reversed(self._day_spans_in_content()):
            text = text[:a] + " " + text[b:]
        return len(_tokens(text)) >= REPORT_WORDS

    def _day_spans_in_content(self, day: date | None = None) -> list[tuple[int, int]]:
        """Where ``content`` names a day (``day`` only, when given), as offsets into ``content``."""
        at = self.text.rfind(self.content)
        if at < 0:
            return []
        offset = self.start + at
        return [(a - offset, b - offset) for a, b, d in self.day_spans if a >= offset and day in (None, d)]

    @property
    def words(self) -> int:
        return len(self.content.split())

    def shown_under(self, day: date) -> str:
        """``content`` as a summary shows it under ``day``: on one line, without the words that name
        ``day`` again or a wire's stock tickers."""
        text = self.content
        spans = self._day_spans_in_content(day)
        if spans:
            text = without_day_spans(text, spans)
        if "-RRB-" in text or ")" in text:
            text = _TICKER.sub("", text)
        return " ".join(text.split())


def strip_page_furniture(text: str, opening: bool = False) -> str:
    """``text`` without what a scraped news page puts before the news itself: a wire dateline and
    time stamp (and a headline glued before them), a headline and standfirst before the page's
    time stamp, a photo caption and its credit, an update stamp, a byline; and a headline,
    standfirst or caption glued to it without a full stop (``opening``: ``text`` opens its
    article, where "The" opens a sentence whatever follows)."""
    for marker, reach in _CUT_AFTER:
        m = marker.search(text, 0, reach)
        while m and m.end() < len(text):  # a page can repeat its dateline after a standfirst
            text = text[m.end():]
            m = marker.search(text, 0, reach)
    text = _LEADING.sub("", text, count=1).strip() or text
    return _cut_glued_headline(text, _GLUED_OPENING if opening else _GLUED)


def without_day_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` without the day expressions at ``spans`` (and the "on" before them) that stand alone
    (see ``_KEPT_AFTER_WORD`` and ``_KEPT_BEFORE``), its commas and first capital mended; ``text``
    itself when fewer than ``MIN_WORDS`` words would remain."""
    pieces, last = [], 0
    for a, b in sorted(spans):
        on = _ON_BEFORE.search(text, last, a)
        if not on:
            before = text[last:a].split()
            if before and before[-1].lower() in _KEPT_AFTER_WORD:
                continue
        if (_KEPT_BEFORE.match(text, b) or (a > 0 and text.startswith(("Today", "Tonight"), a))
                or _quoting(text[:a])):
            continue
        start = on.start() if on else len(text[:a].rstrip())
        pieces.append(text[last:start])
        last = b
    if not pieces:
        return text
    shown = "".join(pieces) + text[last:]
    shown = re.sub(r"\s*,\s*,\s*", " ", shown)                  # "The rig , on Tuesday , exploded"
    shown = re.sub(r"\s*,(?=\s*[.!?]?\s*$)", "", shown)         # "..., on Tuesday ."
    shown = re.sub(r"^[\s,]+", "", shown)                          # "On Tuesday , the ..."
    if shown[:1].islower() and text[:1].isupper():
        shown = shown[0].upper() + shown[1:]
    return shown if len(shown.split()) >= MIN_WORDS else text


def _quoting(text: str) -> bool:
    """Whether a quotation is open at the end of ``text``."""
    return (text.count('"') % 2 == 1 or text.count("“") > text.count("”")
            or text.count("``") > text.count("''"))


def _cut_glued_headline(text: str, glued: re.Pattern) -> str:
    """``text`` from the last point where a headline or caption runs into a new sentence (where
    ``glued`` matches), with at least ``GLUED_HEAD_WORDS`` words before it and ``GLUED_LEAD_WORDS``
    after; else ``text``."""
    for m in reversed(list(glued.finditer(text))):
        head, lead = text[:m.start()].split(), text[m.end():].split()
        if (len(head) >= GLUED_HEAD_WORDS and len(lead) >= GLUED_LEAD_WORDS
                and head[-1].lower() not in _BEFORE_TITLE and lead[1] not in _NOT_A_CLAUSE):
            return text[m.end():]
    return text


class Matcher:
    """Which statements are about the query: a name or keyword in the text, or a participant key.

    Phrases match as whole words ("BP" not in "BPX"), case-insensitively; ``whole_words=False``
    matches them anywhere in the lowercased text, as the news-tls keyword filter does ("spill"
    in "spilled", but also "oil" in "toil").
    """

    def __init__(self, phrases: list[str], keys: set[str] | None = None, whole_words: bool = True):
        phrases = sorted({p.strip() for p in phrases if p and p.strip()}, key=len, reverse=True)
        self.keys = keys or set()
        body = "|".join(re.escape(p) for p in phrases)
        if whole_words:
            body = r"(?<![\w])(?:" + body + r")(?![\w])"
        self.pattern = re.compile(body, re.IGNORECASE) if phrases else None

        self.hits = 0  # statements found about the query so far

    def __call__(self, text: str, participants: set[str]) -> bool:
        hit = bool(self.keys & participants) or bool(self.pattern and self.pattern.search(text))
        self.hits += hit
        return hit


def load_sentences(store: Store, doc_ids: list[str] | None, matcher: Matcher,
                   published_since: date | None = None, published_until: date | None = None) -> list[Sentence]:
    """The statements of the given documents (all when None) that can vote for a day or stand for
    one, with the days they refer to: those naming a day, and the first ``LEAD_STATEMENTS`` of each
    article (so memory grows with the dated statements, not with the text).

    The dates come from the temporal tagger, anchored as at ingest (publication date, else the
    estimated window): the stored event mentions keep only statements with a participant, and
    re-tagging a thousand articles takes well under a second. Who a statement involves comes
    from the stored mentions. Articles published outside ``published_since..published_until``
    are left out (undated articles stay in).
    """
    from .events import name_key
    from .temporal import default_tagger
    from .temporal.rules import LABEL_SEPARATOR

    tagger = default_tagger()
    participants: dict[tuple[str, int], set[str]] = defaultdict(set)
    for doc, start, names in statement_participants(store, doc_ids):
        participants[(doc, start)].update(name_key(n) for n in names)
    out: list[Sentence] = []
    for doc, text, published, estimate in document_texts(store, doc_ids):
        if published and ((published_since and published < published_since)
                          or (published_until and published > published_until)):
            continue
        timexes = [tx for tx in tagger.tag(text, published or estimate)
                   if tx.value is not None and tx.type in ("DATE", "TIME")]
        i = 0
        kept: list[Sentence] = []
        for position, st in enumerate(s for s in statements(text) if not s.heading):
            if _STAMP.search(st.text) or ("@" in st.text and _EMAIL.search(st.text)):
                continue  # a comment or byline stamp, a footer: neither a vote for its date nor news
            sentence = Sentence(doc, st.start, st.end, st.text, published, position,
                                participants=participants.get((doc, st.start), set()))
            while i < len(timexes) and timexes[i].start < st.start:
                i += 1
            j = i
            shown = st.text
            while j < len(timexes) and timexes[j].start < st.end:
                tx = timexes[j]
                sentence.dated = True
                if tx.value.granularity == "day" and not tx.value.approximate and tx.value.start:
                    sentence.days.add(tx.value.start)
                    if tx.type == "DATE" or _PART_OF_DAY.search(tx.timex):
                        sentence.day_spans.append((tx.start, tx.end, tx.value.start))
                    if tx.label and tx.type == "DATE" and any(ch.isdigit() for ch in tx.text):
                        # a list entry ("February 17 - ..."), not a live blog's "12.00 pm : "; its day
                        # is shown by the summary, not repeated in its text; a chronology if 3+
                        sentence.listed = tx.value.start
                        separator = LABEL_SEPARATOR.match(text, tx.end)
                        shown = text[separator.end() if separator else tx.end:st.end]
                j += 1
            # judged on the whole statement: a headline glued before a sentence says what it is about
            sentence.relevant = matcher(sentence.text, sentence.participants)
            if sentence.days or position < LEAD_STATEMENTS:
                body = strip_page_furniture(shown, opening=position == 0)
                if body != st.text:
                    sentence.body = body
                kept.append(sentence)
        if sum(s.listed is not None for s in kept) < CHRONOLOGY_ENTRIES:
            for s in kept:
                s.listed = None
        out.extend(kept)
    return out


def rank_days(sentences: list[Sentence], since: date | None = None, until: date | None = None,
              publication_weight: float | None = None) -> list[tuple[date, float]]:
    """Days by importance: the articles that date a statement to the day (those whose statement is
    about the query count ``1 + RELEVANT_WEIGHT``), plus ``publication_weight`` per article published
    that day; divided by ``(1 + v) ** VOLUME_EXPONENT``, v the number of (article, day) votes of the
    days within ``VOLUME_DAYS`` of it (the day included)."""
    if publication_weight is None:
        publication_weight = PUBLICATION_WEIGHT
    referring: dict[date, set[str]] = defaultdict(set)
    relevant: dict[date, set[str]] = defaultdict(set)
    published: dict[date, set[str]] = defaultdict(set)
    for s in sentences:
        for d in s.days:
            referring[d].add(s.doc)
            if s.relevant:
                relevant[d].add(s.doc)
        if s.published:
            published[s.published].add(s.doc)
    lo, hi = since or date.min, until or date.max
    scores = {d: len(referring.get(d, ())) + RELEVANT_WEIGHT * len(relevant.get(d, ()))
              + publication_weight * len(published.get(d, ()))
              for d in set(referring) | set(published) if lo <= d <= hi}
    if VOLUME_EXPONENT:
        volume = _window_sums({d: len(docs) for d, docs in referring.items()}, scores, VOLUME_DAYS)
        scores = {d: s / (1 + volume[d]) ** VOLUME_EXPONENT for d, s in scores.items()}
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


def _window_sums(counts: dict[date, int], days, reach: int) -> dict[date, int]:
    """For each of ``days``, the sum of ``counts`` over the days at most ``reach`` days from it."""
    ordinals = sorted((d.toordinal(), c) for d, c in counts.items())
    keys = [o for o, _ in ordinals]
    prefix = [0]
    for _, c in ordinals:
        prefix.append(prefix[-1] + c)
    out = {}
    for d in days:
        o = d.toordinal()
        out[d] = prefix[bisect_right(keys, o + reach)] - prefix[bisect_left(keys, o - reach)]
    return out


def summarise(sentences: list[Sentence], dates: int, per_date: int, since: date | None = None,
              until: date | None = None, publication_weight: float | None = None) -> list[KeyDate]:
    """The top ``dates`` days of ``sentences``, each with its ``per_date`` most central relevant sentences,
    in date order."""
    if dates <= 0 or per_date <= 0:
        return []
    candidates: dict[date, list[Sentence]] = defaultdict(list)
    for s in sentences:
        if not MIN_WORDS <= s.words <= MAX_WORDS or not (s.relevant or CENTROID_ALL):
            continue
        for d in s.days:
            candidates[d].append(s)
        if s.published and not s.dated and s.position < LEAD_STATEMENTS:
            for lag in range(PUBLICATION_LAG + 1):
                candidates[s.published - timedelta(days=lag)].append(s)
    idf = _idf([s for group in candidates.values() for s in group])
    chosen: list[KeyDate] = []
    used: set[str] = set()
    for day, score in rank_days(sentences, since, until, publication_weight):
        group = candidates.get(day)
        if not group or not any(s.relevant for s in group):
            continue
        picked = _central(group, per_date, idf, used, day)
        if not picked:
            continue
        used.update(_norm(s.content) for s in picked)
        chosen.append(_key_date(day, score, picked, [s for s in group if s.relevant]))
        if len(chosen) >= dates:
            break
    chosen.sort(key=lambda k: k.date.start)
    return chosen


# A sentence is read for the IDF, for each day it is a candidate of, and for the report test, so
# its words are found once (a bounded cache of pure functions of the text).
@lru_cache(maxsize=20_000)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(t for t in _TOKEN.findall(text.lower()) if t not in STOPWORDS and len(t) > 1)


@lru_cache(maxsize=20_000)
def _norm(text: str) -> str:
    return " ".join(_TOKEN.findall(text.lower()))


def _idf(sentences: list[Sentence]) -> dict[str, float]:
    df: Counter = Counter()
    seen: set[str] = set()
    for s in sentences:
        key = _norm(s.content)
        if key in seen:
            continue
        seen.add(key)
        df.update(set(_tokens(s.content)))
    n = len(seen) or 1
    return {t: math.log((1 + n) / (1 + c)) + 1 for t, c in df.items()}


def _vector(text: str, idf: dict[str, float]) -> dict[str, float]:
    tf = Counter(_tokens(text))
    vec = {t: (1 + math.log(c)) * idf.get(t, 1.0) for t, c in tf.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def _central(group: list[Sentence], k: int, idf: dict[str, float], used: set[str],
             day: date | None = None) -> list[Sentence]:
    """Up to ``k`` relevant sentences of ``group`` whose sum is closest to the group's centroid
    (greedily, as news-tls's CentroidOpt), skipping near-repeats and sentences used for other days;
    a chronology's entries for ``day`` come before any other sentence, and questions, photo captions,
    sentences that open with a quotation and sentences that say little but a date are chosen only
    when ``group`` has no other (``Sentence.reports``)."""
    keys = [_norm(s.content) for s in group]
    unique: dict[str, Sentence] = {}
    entries: set[str] = set()
    for key, s in zip(keys, group):
        unique.setdefault(key, s)
        if day is not None and s.listed == day:
            entries.add(key)
    vectors = {key: _vector(s.content, idf) for key, s in unique.items()}
    centroid = _normalised(_sum(vectors[key] for key in keys))  # repeated sentences weigh more
    choices = [key for key, s in unique.items() if s.relevant and key not in used]
    reports = [key for key in choices if unique[key].reports]
    choices = reports or choices   # a question, quotation or caption only for a day that has nothing else
    to_centroid = {key: _cosine(vectors[key], centroid) for key in choices}
    norm2 = {key: sum(v * v for v in vectors[key].values()) for key in choices}  # 1, or 0 for no content word
    picked: list[str] = []
    summary: dict[str, float] = {}
    summary_dot, summary_norm2 = 0.0, 0.0  # summary·centroid and |summary|², kept as it grows

    def overlap(key: str) -> float:
        return sum(v * summary.get(t, 0.0) for t, v in vectors[key].items())

    def gain(key: str) -> float:
        """cos(summary + v, centroid), from the running sums."""
        if not GREEDY_SUMMARY:
            return to_centroid[key]
        return (summary_dot + to_centroid[key]) / (math.sqrt(summary_norm2 + 2 * overlap(key) + norm2[key]) or 1.0)

    while choices and len(picked) < k:
        choices.sort(key=lambda key: (key not in entries, -gain(key), unique[key].doc, unique[key].start))
        best = choices.pop(0)
        if any(_cosine(vectors[best], vectors[p]) >= REDUNDANCY for p in picked):
            continue
        summary_norm2 += 2 * overlap(best) + norm2[best]
        summary_dot += to_centroid[best]
        for t, v in vectors[best].items():
            summary[t] = summary.get(t, 0.0) + v
        picked.append(best)
    return [unique[key] for key in picked]


def _sum(vectors) -> Counter:
    total: Counter = Counter()
    for v in vectors:
        total.update(v)
    return total


def _normalised(vec) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


def _key_date(day: date, score: float, picked: list[Sentence], group: list[Sentence]) -> KeyDate:
    sources: list[Source] = []
    for s in picked:
        text = " ".join(s.content.split())
        twins = sorted({(t.doc, t.start): t for t in group if " ".join(t.content.split()) == text}.values(),
                       key=lambda t: (t is not s, t.published or date.max, t.doc, t.start))
        sources.extend(Source(t.doc, t.text, t.start, t.end) for t in twins)
    participants = sorted({p for s in picked for p in s.participants})
    return KeyDate(TimeValue.day(day), [s.shown_under(day) for s in picked], sources, participants, round(score, 3))
