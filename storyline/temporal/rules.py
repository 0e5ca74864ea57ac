"""Rule-based temporal tagger: find English temporal expressions and normalise them.

``RuleTagger`` is the fast, pure-Python ``TemporalTagger`` that Storyline runs over every
article at ingest. It recognises absolute dates ("October 30, 2023", "11 / 5 / 23",
"the summer of 2023", "mid-2023"), deictic expressions resolved against the document
creation time ("yesterday", "tmrw", "last Friday", "in November", "a year ago"), anaphoric
expressions resolved against the last date mentioned before them ("a year before", "the
next day"), durations ("for two years"), sets ("every year") and clock times ("9 p.m.").

How it works:

* One combined regular expression scans the lower-cased text. Every alternative is a rule
  from ``_RULES`` (a name, a pattern, a handler); a cheap look-ahead *gate* lets the engine
  try the alternatives only where a temporal word or a digit starts.
* A handler turns a match into a candidate: either a fixed value (absolute dates), or a
  resolver ``(base_day, tense) -> (timex, TimeValue)`` applied later.
* A second pass walks the candidates in text order and resolves them: deictic ones against
  the document anchor (or, inside a quotation, against the date the quote was said/posted),
  anaphoric ones against the reference date (the latest value so far). A window anchor is
  resolved at both ends; disagreeing results become an approximate range.

``clause_tense`` (the tense of the clause around an offset range) is exported for other modules.
"""
from __future__ import annotations

import calendar
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Callable, Optional

from . import TIME_ZONES, Anchor, TimeExpression, supplement
from .value import MONTH_NAMES, SEASON_CODES, TimeValue

__all__ = ["RuleTagger", "clause_tense"]

# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SEASON_ORDER = ("SP", "SU", "FA", "WI")          # within a "season year" (winter starts in Dec)

_NUM_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "dozen": 12, "a dozen": 12, "half a": 0.5, "half an": 0.5,
    "a couple of": 2, "couple of": 2, "a couple": 2,
}
# Vague amounts: value used for arithmetic (None: no value at all), always approximate.
_VAGUE = {"a few": 3, "few": 3, "several": 3, "many": None, "some": None, "dozens of": None}

# Offset unit -> (canonical unit, multiplier)
_UNITS = {
    "day": ("day", 1), "week": ("week", 1), "fortnight": ("week", 2), "month": ("month", 1),
    "year": ("year", 1), "decade": ("decade", 1), "century": ("century", 1), "centuries": ("century", 1),
    "hour": ("hour", 1), "minute": ("minute", 1), "weekend": ("weekend", 1), "quarter": ("quarter", 1),
    "hr": ("hour", 1), "min": ("minute", 1), "yr": ("year", 1), "wk": ("week", 1),
    "second": ("second", 1), "sec": ("second", 1),
}
_UNIT_DAYS = {"day": 1, "week": 7, "weekend": 7, "month": 30, "quarter": 91, "year": 365,
              "decade": 3652, "century": 36524, "hour": 1 / 24, "minute": 1 / 1440,
              "second": 1 / 86400}
_DURATION_CODE = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y",
                  "decade": "DE", "century": "CE", "hour": "H", "minute": "M", "second": "S",
                  "weekend": "WE"}
_PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "nite": "NI"}

_SET_ADVERB_WORDS = ("daily", "weekly", "monthly", "annually", "yearly", "nightly", "hourly", "biweekly",
                     "quarterly", "biannually")

# Modifiers in front of a month/year/season/decade.
_MODS = {"early": "START", "start": "START", "beginning": "START", "first": "START",
         "mid": "MID", "middle": "MID", "late": "END", "end": "END", "second": "END", "latter": "END",
         "last": "END"}
# Approximators in front of an amount: TIMEX3 mod (all make the value approximate).
_APPROX = {"nearly": "APPROX", "almost": "APPROX", "about": "APPROX", "around": "APPROX",
           "roughly": "APPROX", "approximately": "APPROX", "some": "APPROX", "circa": "APPROX",
           "more than": "MORE_THAN", "well over": "MORE_THAN", "just over": "MORE_THAN",
           "less than": "LESS_THAN", "fewer than": "LESS_THAN", "just under": "LESS_THAN",
           "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE",
           "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS"}

# Words before a bare year / a standalone "May" that make it a date.
_DATE_PREPS = frozenset(
    "in on of since by until till from to through thru before after during for and or the "
    "early late mid around circa between than back as fiscal year summer winter spring fall "
    "autumn about throughout into".split())

# ---------------------------------------------------------------------------
# Pattern fragments (applied to lower-cased text)
# ---------------------------------------------------------------------------
_NW = r"(?![a-z])"                                   # end of word
_MON = (r"(?P<mon>(?:january|february|march|april|may|june|july|august|september|october|november|december)"
        r"(?![a-z])|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)(?![a-z])\.?)")   # "Oct." keeps its dot
_WD = r"(?P<wd>" + "|".join(_WEEKDAYS) + r")"
_WD_PREFIX = r"(?:(?P<pwd>" + "|".join(_WEEKDAYS) + r")\s*,?\s+)?"    # "Friday, Sept. 26"
_DAY = r"(?P<day>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9])"
_YEAR = r"(?P<year>1[5-9][0-9]{2}|20[0-9]{2})(?![0-9])"
_MOD = (r"(?P<mod>early|late|mid|(?:the\s+)?(?:start|beginning|end|middle)\s+of"
        r"|the\s+(?:first|second|latter|last)\s+half\s+of)")
_APX = r"(?P<apx>" + "|".join(k.replace(" ", r"\s+") for k in sorted(_APPROX, key=len, reverse=True)) + r")"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_NUM = (r"(?P<n>[0-9]{1,3}(?:,[0-9]{3})*(?:\.[0-9]+)?\+?(?![0-9])"
        r"|(?:a\s+couple\s+of|couple\s+of|a\s+couple|a\s+few|a\s+dozen|dozens\s+of|half\s+an?"
        r"|(?:" + _TENS + r")[\s-](?:" + _ONES + r")"
        r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
        r"|" + _TENS + "|" + _ONES + r"|ten|hundred|dozen|several|few|many|an?)" + _NW + ")")
_UNIT = (r"(?P<unit>days?|weeks?|fortnights?|months?|years?|decades?|centur(?:y|ies)"
         r"|hours?|minutes?|hrs?|mins?|yrs?|wks?|seconds|secs?)" + _NW)
_RANGE_UNIT = _UNIT[:-len(_NW) - 1] + r"|quarters)" + _NW
_SEASON = r"(?P<season>spring|summer|fall|autumn|winter)" + _NW
_REL = r"(?P<rel>this\s+past|this\s+coming|last|this|next)"
_PART = r"(?P<part>morning|afternoon|evening|night|nite)" + _NW
# "tomorrow" as posts spell it
_TOMORROW = ("tomorrow", "tmrw", "tmr", "tmw", "trmw", "tmrrw", "tomo", "tomoz", "tomorow", "tommorow", "tommorrow",
             "2mrw", "2moro", "2morow", "2morrow")
_SHORT_WEEKDAYS = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "weds": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4,
                   "sat": 5, "sun": 6}
_SW = "|".join(sorted(_SHORT_WEEKDAYS, key=len, reverse=True))       # longest first: "thurs" before "thu"
_UNIT_ABBREV = {"wk": "week", "wknd": "weekend", "wkend": "weekend", "mth": "month", "yr": "year"}


def _trie(words) -> str:
    """A regex alternation of ``words`` factored as a trie (much faster than a flat list).

    ``words`` is an iterable of words, or a dict word -> regex that must follow that word.
    """
    tails = words if isinstance(words, dict) else dict.fromkeys(words, "")
    root: dict = {}
    for w in tails:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node, prefix: str) -> str:
        alts = [re.escape(ch) + emit(child, prefix + ch) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            alts.append(tails[prefix] or "")
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"

    return emit(root, "")


# The gate: a match can only start where the gate matches. It is a trie of the rules' first
# words, each followed by what must come next for a frequent word ("the", "this", "a", "about",
# "one"...) to start an expression, so the rules are tried at few places of an article.
_G_UNIT = (r"(?:days?|weeks?|fortnights?|months?|years?|decades?|centur(?:y|ies)|hours?|minutes?|hrs?|mins?"
           r"|yrs?|wks?|seconds|secs?)(?![a-z])")
_G_NUM_WORDS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
                "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred dozen "
                "dozens several few many couple half a an").split()
_G_AMOUNT = r"(?:[0-9]|" + _trie(dict.fromkeys(_G_NUM_WORDS, r"(?![a-z])")) + "|" + _G_UNIT + ")"
_G_TWORD = ("(?:" + _trie(["week", "weekend", "month", "year", "decade", "century", "quarter", "season", "morning",
                           "afternoon", "evening", "night", "nite", "past", "coming", *SEASON_CODES, *_WEEKDAYS, *MONTH_NAMES,
                           *_MONTHS, "sept", *_UNIT_ABBREV, *_SHORT_WEEKDAYS])
            + r")(?![a-z])")
_G_END = r"(?![a-z])"
_GATE_TAILS: dict[str, str] = {
    # words that start an expression on their own
    **dict.fromkeys([*MONTH_NAMES, "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
                     "dec", "summer", "winter", "autumn", "early", "late", "mid", "q1", "q2", "q3", "q4", "today",
                     "tonight", "tonite", "yesterday", *_TOMORROW, "yday", "tdy", "now", "currently",
                     "nowadays", "formerly", "every", "each", "noon", "midnight", "midday", *_SET_ADVERB_WORDS],
                    _G_END),
    **dict.fromkeys(_WEEKDAYS, r"s?(?![a-z])"),
    **dict.fromkeys(_SHORT_WEEKDAYS, _G_END),
    # "may" is mostly the verb: only before a number/punctuation or after a preposition
    "may": r"(?:\.?(?=\s*(?:[0-9]|[-.,;:)!?]|$))|(?<=\bin\smay|\bof\smay|\bby\smay|\bto\smay)"
           r"|(?<=\bfor\smay|\band\smay|\bthe\smay)|(?<=\bsince\smay|\buntil\smay)|(?<=\bfrom\smay)"
           r"|(?<=\bduring\smay))(?![a-z])",
    **dict.fromkeys(["spring", "fall"], r"(?:\s+(?:of\s+)?[0-9]|(?<=\bin\sspring)|(?<=\bin\sfall))" + _G_END),
    **dict.fromkeys(["earlier", "later"], r"\s+(?:this|last|next)\s"),
    **dict.fromkeys(["this", "last", "next", "coming", "nxt", "upcoming"], r"\s+(?:past\s+|coming\s+)?" + _G_TWORD),
    # "end of the month", "start of spring": the article dropped
    **dict.fromkeys(["start", "beginning", "end", "middle"], r"\s+of\s+the\s+(?:year|month|week|decade)" + _G_END),
    **dict.fromkeys(["first", "second", "third", "fourth", "final"], r"\s+quarter"),
    **dict.fromkeys(["nearly", "almost", "about", "around", "roughly", "approximately", "some", "circa"],
                    r"\s+" + _G_AMOUNT),
    **dict.fromkeys(["more", "less", "fewer"], r"\s+than\s+" + _G_AMOUNT),
    "well": r"\s+over\s+" + _G_AMOUNT,
    "just": r"\s+(?:over|under)\s+" + _G_AMOUNT,
    "at": r"\s+(?:least\s+" + _G_AMOUNT + r"|present|the\s+moment)",
    "up": r"\s+to\s+" + _G_AMOUNT,
    "no": r"\s+(?:more|less)\s+than\s+" + _G_AMOUNT,
    **dict.fromkeys(_G_NUM_WORDS, r"(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine|of|an?))?[\s-]+(?:"
                    + _G_UNIT + r"|more\s+" + _G_UNIT + r"|times|o['’]clock|couple|few|dozen|and\s+a\s+half|fortnight)"),
    **dict.fromkeys(["once", "twice", "thrice"], r"\s+(?:an?|per|every|each)\s"),
    "the": r"\s+(?:[0-9'’‘]|" + _trie({
        **dict.fromkeys(["early", "late", "mid", "past", "future", "weekend", "morning", "afternoon", "evening",
                         *SEASON_CODES], _G_END),
        **dict.fromkeys(["start", "beginning", "end", "middle"], r"\s+of"),
        **dict.fromkeys(["first", "second"], r"\s+(?:half|quarter)"),
        "latter": r"\s+half",
        **dict.fromkeys(["third", "fourth", "final"], r"\s+quarter"),
        "last": r"\s+(?:quarter|half|" + _G_AMOUNT + "|" + _G_TWORD + ")",
        "upcoming": r"\s+" + _G_TWORD,
        **dict.fromkeys(["next", "following", "subsequent", "previous", "preceding", "prior", "same", "coming"],
                        r"\s+(?:" + _G_AMOUNT + "|" + _G_TWORD + ")"),
        **dict.fromkeys(["day", "night", "week", "month", "year"], r"\s+(?:before|after|earlier|later|prior)"),
    }) + ")",
    "that": (r"\s+(?:same\s+)?(?:day|night|morning|afternoon|evening|week|weekend|month|year|season|spring|summer"
             r"|fall|autumn|winter)(?![a-z])"),
    **{w: r"(?:-?long|\s+(?:ago|later|earlier|before|after|prior|back|on|from|hence)(?![a-z])|(?<=\bfor\s" + w
          + r"))" + _G_END for w in ("years", "months", "decades", "centuries", "weeks", "days", "hours", "minutes")},
    **dict.fromkeys(["day", "week", "month", "year", "decade", "century", "hour", "minute"], r"-?long" + _G_END),
    "ages": r"(?<=\bfor\sages)" + _G_END,
    "per": r"\s+(?:day|week|month|year|annum|hour)",
    "right": r"\s+now",
    "long": r"\s+weekend" + _G_END,
    "weekends": _G_END,
    "future": r"(?<=\bin\sfuture)(?![a-z]|\s+[a-z])",
    "night": r"(?<=\bat\snight)" + _G_END,
    "these": r"\s+days",
}
_GATE = (
    r"(?=(?=[0-9])(?:"
    # digits: a year, a day/clock number before a month or separator, an amount before a unit
    r"(?:1[0-9]|20)[0-9]{2}(?![0-9])"
    r"|[0-9]{3,4}\s?[ap]\.?\s?m(?![a-z])|[0-9]{1,2}\+[ap]m(?![a-z])"
    r"|[0-9]{1,2}(?:st|nd|rd|th)?(?![0-9])[\s-]{0,2}(?:[/:.]|[ap]\.?\s?m(?![a-z])|o['’]c|(?:of\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|century|day|nite|moro)"
    r"|[0-9][0-9,.]*\+?[\s-]*(?:and\s+a\s+half\s+|more\s+)?(?:" + _G_UNIT + r"|times))"
    r"|['’‘][0-9]0s"
    r"|" + _trie(_GATE_TAILS) + ")"
)


# ---------------------------------------------------------------------------
# Calendar helpers
# ---------------------------------------------------------------------------
def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _shift(d: date, unit: str, n: float) -> date:
    """``d`` moved by ``n`` units (negative: into the past)."""
    if unit in ("day", "hour", "minute", "second"):
        return d + timedelta(days=round(n * _UNIT_DAYS[unit]))
    if unit in ("week", "weekend"):
        return d + timedelta(days=round(7 * n))
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit]
    return _add_months(d, round(n * months))


def _century(c: int, approximate: bool = False) -> TimeValue:
    """The century whose years start with ``c`` (TIMEX3 ``19`` = 1900-1999)."""
    return TimeValue(f"{c:02d}", "century", date(max(c * 100, 1), 1, 1), date(c * 100 + 99, 12, 31), approximate)


def _season_of(d: date) -> tuple[int, str]:
    """(season year, code) of a day; winter belongs to the year in which it starts."""
    if d.month == 12:
        return d.year, "WI"
    if d.month <= 2:
        return d.year - 1, "WI"
    return d.year, ("SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA")[d.month - 3]


def _unit_value(d: date, unit: str) -> tuple[str, TimeValue]:
    """The calendar unit of kind ``unit`` that contains ``d`` (timex, value)."""
    if unit in ("day", "hour", "minute", "second"):
        tv = TimeValue.day(d)
    elif unit == "week":
        iy, iw, _ = d.isocalendar()
        tv = TimeValue.week(iy, iw)
    elif unit == "weekend":
        iy, iw, _ = d.isocalendar()
        sat = date.fromisocalendar(iy, iw, 6)
        return f"{iy:04d}-W{iw:02d}-WE", TimeValue.between(sat, sat + timedelta(days=1), approximate=False)
    elif unit == "month":
        tv = TimeValue.month(d.year, d.month)
    elif unit == "quarter":
        tv = TimeValue.quarter(d.year, (d.month - 1) // 3 + 1)
    elif unit == "year":
        tv = TimeValue.year(d.year)
    elif unit == "decade":
        tv = TimeValue.decade(d.year // 10 * 10)
    elif unit == "season":
        y, code = _season_of(d)
        tv = TimeValue.season(y, code)
    else:  # century
        tv = _century(d.year // 100)
    return tv.value, tv


_UNDERSPECIFIED = {"day": "XXXX-XX-XX", "hour": "XXXX-XX-XX", "minute": "XXXX-XX-XX", "second": "XXXX-XX-XX",
                   "week": "XXXX-WXX",
                   "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "quarter": "XXXX-QX", "year": "XXXX",
                   "decade": "XXX", "century": "XX", "season": "XXXX-XX"}


def _two_digit_year(yy: int, ref_year: Optional[int]) -> int:
    if ref_year is None:
        return 2000 + yy if yy <= 30 else 1900 + yy
    return 2000 + yy if yy <= ref_year % 100 + 1 else 1900 + yy


# ---------------------------------------------------------------------------
# Tense
# ---------------------------------------------------------------------------
# Cue patterns run on the lower-cased text (with a leading space) between the clause's
# boundaries: a non-word character, then a trie of cue words with what must follow them.
_TO = r"\s+to(?![a-z])"
_BE_SET_TO = r"\s+(?:expected|set|scheduled|slated|poised|due|about)" + _TO
_FUTURE_CUES = re.compile(r"[^a-z0-9](?:(?<=['’])(?:ll(?![a-z])|s" + _BE_SET_TO + "|re" + _BE_SET_TO + ")|" + _trie({
    **dict.fromkeys(["will", "shall", "gonna", "upcoming", "awaiting", "next", *_TOMORROW], r"(?![a-z0-9])"),
    "won": r"['’]t(?![a-z])",
    "going": r"(?<!\bwas\sgoing)(?<!\bwere\sgoing)" + _TO,
    "plans": _TO,                               # not "plan to": "a plan to end the fighting"
    "planning": _TO,
    **dict.fromkeys(["is", "are", "am"], _BE_SET_TO),
    **dict.fromkeys(["set", "poised"], _TO),     # "the talks, set to resume Monday"
    **dict.fromkeys(["scheduled", "slated"], r"(?![a-z])"),   # "has scheduled a news conference Thursday"
    "due": r"\s+(?:out|back|in|to\s+(?:be|begin|start|open|arrive|take|hold|return|release|launch))(?![a-z])",
}) + ")")
_ING = r"\s+(?:[a-z]+\s+)?[a-z]+ing(?![a-z])"
_PRESENT_ING = re.compile(r"[^a-z0-9](?:(?<=['’])(?:m|re)" + _ING + "|" + _trie(dict.fromkeys(["is", "are", "am"], _ING))
                          + ")")
_PRESENT_CUES = re.compile(r"[^a-z0-9](?:now|currently|this|these\s+days|nowadays)(?![a-z])")
_PAST_CUES = re.compile(
    r"[^a-z0-9](?:was|were|had|did|ago|yesterday|last|went|came|took|made|gave|got|saw|began"
    r"|became|won|lost|left|met|paid|sold|bought|fell|rose|grew|held|kept|led|ran|spent|thought|brought"
    r"|wrote|knew|found|hit|cut|put|shut|quit|said|told"
    # a participle after a present "be" is a passive, not a past: "is expected", "can be exercised"
    r"|(?<!\bis\s)(?<!\bare\s)(?<!\bbe\s)(?<!\bis\snot\s)(?<!\bare\snot\s)[a-z]{2,}(?<!need)(?<!speed)(?<!seed)(?<!feed)(?<!unit)(?<!hundr)(?<!inde)ed)(?![a-z])")
_CLAUSE_BOUNDARY = re.compile(r"[!?;\n]|[.,](?![0-9])")         # not the point of "9.5", "1,000"
_SENTENCE_END = re.compile(r"[!?\n]|\.(?![0-9])")
_SENTENCE_END_REVERSED = re.compile(r"[!?\n]|(?<![0-9])\.")       # on the reversed text
_CLAUSE_SPAN = 300


def _tense(lo: str, bounds: list[int], start: int, end: int) -> str:
    """``clause_tense`` on ``lo`` (lower-cased text with a leading space) given the text
    offsets of its clause boundaries, sorted; "prospective" is a future seen from a past saying
    ("said he would resign on Friday"), which the tagger counts from the day before the article."""
    i = bisect_left(bounds, start)
    left = max(bounds[i - 1] + 1 if i else 0, start - _CLAUSE_SPAN)
    j = bisect_left(bounds, end)
    right = min(bounds[j] if j < len(bounds) else len(lo) - 1, end + _CLAUSE_SPAN)
    # Text offset t is lo[t + 1]; each pattern starts with the non-word character before a cue.
    future = _FUTURE_CUES.search
    sub = _subclause_start(lo, left, start)
    clause_start = sub[0] if sub else left
    if _would_governs(lo, clause_start, start, end):
        return "prospective"
    if _IS_TO.search(lo, clause_start, start + 1):
        return "future"
    if _SAID_ON.search(lo, max(left, start - 60), start + 1):
        return "past"
    if sub is not None:
        at, conditional = sub
        if future(lo, at, start + 1) or future(lo, end, right + 1):
            return "future"
        if _PAST_CUES.search(lo, at, start + 1):
            return "past"
        if _PRESENT_ING.search(lo, at, start + 1) and not _PRESENT_CUES.search(lo, at, start + 1):
            return "future"        # "who is standing down in November": an arrangement ahead
        if _PRESENT_FINITE.search(lo, at, start + 1):
            # "if there is no deal by Friday", "when the case is heard in May": English puts the
            # future in the present after if/when; a relative clause in the present is the present
            return "future" if conditional else "present"
    if future(lo, left, start + 1) or future(lo, end, right + 1):
        return "future"
    if _PRESENT_ING.search(lo, left, right + 1) and _PRESENT_CUES.search(lo, left, right + 1):
        return "present"
    if _PAST_CUES.search(lo, left, right + 1):
        return "past"
    # No cue in the clause ("In March, the company received..."): ask the sentence.
    s_left = max(0, start - _CLAUSE_SPAN)
    m = _SENTENCE_END_REVERSED.search(lo[s_left:start + 1][::-1])
    if m:
        s_left = start + 1 - m.start()
    m = _SENTENCE_END.search(lo, end + 1, end + 1 + _CLAUSE_SPAN)
    s_right = m.start() if m else min(len(lo) - 1, end + _CLAUSE_SPAN)
    if future(lo, s_left, start + 1) or future(lo, end, s_right + 1):
        return "future"
    if _PAST_CUES.search(lo, s_left, s_right + 1):
        return "past"
    return "present"                                # no cue: the nearest date (ahead only if close)


# "would" before the date in its clause is a future seen from the past ("said Mobutu would leave
# Kinshasa on Thursday"); after it, the date belongs to the saying ("said Friday it would
# retaliate"). Not "would have" (a past that did not happen), "would not comment" (a refusal
# reported), nor a date that is a noun's ("would look for ways around Wednesday's ruling").
_WOULD = re.compile(r"[^a-z0-9]would\s+(?!have\s)(?!(?:like|love|rather|prefer|hate)(?![a-z]))"
                    r"(?!not\s+(?:comment|say|confirm|disclose|elaborate|give|reveal|discuss|identify|specify|name)(?![a-z]))")
# the news's "Obama is to visit the gulf on Friday" (before the date only: "[said on Friday that
# the plan] is to ..." is the saying's day; and not "is to blame")
_IS_TO = re.compile(r"[^a-z0-9](?:is|are)\s+to\s+(?!blame)[a-z]{2,}(?![a-z])")
# "told reporters on Thursday: 'It's going to be weeks'", "said here Saturday she is improving":
# the date is the saying's, whatever tense what was said has (not "nominations are announced Friday")
_SAID_ON = re.compile(r"[^a-z](?<!\bare\s)(?<!\bis\s)(?<!\bbe\s)(?:said|told|announced|reported|warned|added|promised"
                      r"|confirmed|reaffirmed|declared|stated|insisted|claimed|disclosed|revealed)"
                      r"(?:\s+(?!(?:he|she|it|they|we|i|you|that)\s)[a-z.]+){0,3}\s+(?:on\s+)?$")
_POSSESSIVE = re.compile(r"\s*['’]s?(?![a-z])")
_OWNED = re.compile(r"[^a-z](?:his|her|its|their|our|my|your)\s+(?:[a-z]+\s+)?$")     # "his black Tuesday"


def _would_governs(lo: str, left: int, start: int, end: int) -> bool:
    woulds = list(_WOULD.finditer(lo, left, start + 1))
    would = woulds[-1] if woulds else None
    if would is None or _POSSESSIVE.match(lo, end + 1) or _OWNED.search(lo, max(0, start - 30), start + 1):
        return False
    # a past verb between them governs the date instead: "would be the first attack since the
    # uprising began in March" (not a passive: "would be held on Thursday")
    return not any(lo[max(0, m.start() - 4):m.start() + 1] not in (" be ", "been ")
                   for m in _PAST_CUES.finditer(lo, would.end() - 1, start + 1))


_SUBORDINATOR = re.compile(r"[^a-z0-9](?:(if|when|unless|once|whenever)|which|who|because|while|where|although|though|whether|that)"
                           r"\s+(?:[a-z]+ed\s+)?(?!\s)")    # "if approved by ...": a participle, not a past
_PRESENT_FINITE = re.compile(r"[^a-z0-9](?:is|are|am|does|do|can|may|must)(?![a-z])")


def _subclause_start(lo: str, left: int, start: int):
    """Where the subordinate clause holding ``start`` begins, after its conjunction ("... had not
    signed an agreement | when [the case is heard in May"), and whether the conjunction is a
    conditional or temporal one (if, when...); None when there is none between ``left`` and it."""
    last = None
    for m in _SUBORDINATOR.finditer(lo, left, start + 1):
        if m.end() - 1 < start:
            last = (m.end() - 1, m.group(1) is not None)
    return last


def _clause_bounds(lo: str) -> list[int]:
    return [m.start() - 1 for m in _CLAUSE_BOUNDARY.finditer(lo)]


def clause_tense(text: str, start: int, end: int) -> str:
    """Tense ("past", "present" or "future") of the clause around ``text[start:end]``.

    The clause runs from the previous sentence boundary, comma, semicolon or newline to the
    next one (at most 300 characters each way). Cheap cues only: future if it has "will",
    "'ll", "shall", "going to" (not "was going to"), "gonna", "is/are expected/set/due to",
    "plans to", "upcoming", "awaiting", "next"... outside ``text[start:end]`` itself, or "would"
    or "is/are to" before it ("said he would leave on Friday"); past right after a reporting verb
    ("said Tuesday he will step down"); present if it has a progressive "is/are/am ...ing" and
    "now", "currently" or "this"; else past.
    """
    a, b = max(0, start - _CLAUSE_SPAN - 1), min(len(text), end + _CLAUSE_SPAN + 1)
    lo = " " + text[a:b].lower()
    tense = _tense(lo, _clause_bounds(lo), start - a, end - a)
    return "future" if tense == "prospective" else tense


# ---------------------------------------------------------------------------
# Candidates and handlers
# ---------------------------------------------------------------------------
Resolver = Callable[[date, str], tuple[str, Optional[TimeValue]]]


@dataclass
class _Cand:
    start: int
    end: int
    type: str
    kind: str
    timex: str                                  # final timex, or the fallback when unresolved
    value: Optional[TimeValue] = None
    resolve: Optional[Resolver] = None          # deictic/anaphoric: (base day, tense) -> (timex, value)
    mod: Optional[str] = None
    approx: bool = False
    exact: bool = False                         # "that month": no value if a range base disagrees
    in_context: Optional[Callable] = None       # supplement rules: Context -> TimeValue
    sets_ref: bool = True                       # may later anaphora count from this value?
    bare_weekday: bool = False                  # "Friday" with no this/next/last


class _Hit:
    """One rule match: offsets into the original text plus the rule's named groups."""

    __slots__ = ("text", "lo", "start", "end", "g", "m", "ref_year")

    def __init__(self, text: str, lo: str, m: re.Match, ref_year: Optional[int]):
        self.text, self.lo, self.m, self.ref_year = text, lo, m, ref_year
        self.start, self.end = m.start() - 1, m.end() - 1      # ``lo`` has one leading space
        self.g = m.groupdict()

    def orig_start(self, group: str) -> int:
        return self.m.start(group) - 1

    def prev(self) -> tuple[str, str]:
        """(previous word, the characters between it and the match)."""
        m = _PREV_WORD.search(self.lo, max(0, self.start - 40), self.start + 1)
        if m is None:
            return "", self.lo[max(0, self.start - 40): self.start + 1]
        return m.group(1), m.group(2)

    def following(self, n: int = 20) -> str:
        return self.lo[self.end + 1: self.end + 1 + n]

    def cand(self, type_: str, kind: str, timex: str, **kw) -> _Cand:
        return _Cand(self.start, self.end, type_, kind, timex, **kw)


_PREV_WORD = re.compile(r"([a-z]+)([^a-z0-9]*)$")
_SENTENCE_GAP = re.compile(r"[.!?\n\"“”(:]")


def _month_num(word: str) -> int:
    return _MONTHS[word[:3]]


def _amount(h: _Hit) -> tuple[Optional[float], bool]:
    """(number, approximate) from the ``n``/``apx`` groups; (None, True) for vague plurals."""
    n = h.g.get("n")
    approx = h.g.get("apx") is not None
    if n is None:
        return None, True
    n = re.sub(r"\s+", " ", n)
    if n in _VAGUE:
        return _VAGUE[n], True
    if n in _NUM_WORDS:
        val = _NUM_WORDS[n]
    elif n[0].isdigit():
        val = float(n.replace(",", "").rstrip("+"))
    else:                                       # "twenty-five"
        tens, ones = re.split(r"[\s-]", n)
        val = _NUM_WORDS[tens] + _NUM_WORDS[ones]
    return val, approx


def _apx_mod(h: _Hit) -> Optional[str]:
    a = h.g.get("apx")
    if not a and (h.g.get("n") or "").endswith("+"):    # "4+ hours": at least four
        return "EQUAL_OR_MORE"
    return _APPROX[re.sub(r"\s+", " ", a)] if a else None


def _mod_of(h: _Hit) -> Optional[str]:
    mod = h.g.get("mod")
    if not mod:
        return None
    words = mod.split()
    return _MODS.get(words[1] if words[0] == "the" else words[0])


def _unit_of(h: _Hit) -> tuple[str, int]:
    u = h.g["unit"]
    u = u if u in _UNITS else u[:-1] if u.endswith("s") else u
    return _UNITS[u]


def _fmt_num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _month_ok(h: _Hit, standalone: bool) -> bool:
    """Reject "may" the verb, "march" the noun and bare abbreviations that are not dates."""
    word = h.g["mon"]
    first = h.text[h.orig_start("mon")]
    ambiguous = word in ("may", "march") or word not in MONTH_NAMES
    if ambiguous and not first.isupper() and (standalone or word[:3] in ("may", "mar")):
        return False
    if word == "jan" and re.match(r"\s+[A-Z][a-z]", h.text[h.end:h.end + 3]):
        return False                                # "Jan Kavan": a name
    if standalone and ambiguous and not (h.g.get("mod") or h.g.get("rel")):
        return h.prev()[0] in _DATE_PREPS
    return True


def _digit_ok(h: _Hit) -> bool:
    """A number glued to other digits ("2,022", "$2022", "1.2023") is not a date."""
    s = h.start
    if s <= 0:
        return True
    before = h.text[max(0, s - 2): s].rstrip()
    if before and before[-1] in "$£€¥#№":
        return False
    if h.text[s - 1] == "." and h.text[s:s + 1].isdigit():      # ".3 sec": a fraction
        return False
    return not (s >= 2 and h.text[s - 1] in ",." and h.text[s - 2].isdigit())


def _day_value(y: int, m: int, d: int) -> Optional[TimeValue]:
    try:
        return TimeValue.day(date(y, m, d))
    except ValueError:
        return None


def _absolute(h: _Hit, tv: Optional[TimeValue], type_: str = "DATE", mod: Optional[str] = None) -> Optional[_Cand]:
    if tv is None:
        return None
    if mod:
        tv = replace(tv, mod=mod)
    return h.cand(type_, "absolute", tv.value, value=tv, mod=mod)


# -- absolute dates -----------------------------------------------------------
def _h_iso_date(h: _Hit):
    return _absolute(h, _day_value(int(h.g["year"]), int(h.g["m"]), int(h.g["day"])))


def _h_numdate(h: _Hit):
    m, d, y = int(h.g["m"]), int(h.g["day"]), h.g["y"]
    if not _digit_ok(h) or m == 0 or d == 0:
        return None
    if m > 12 and d <= 12:                      # day/month/year
        m, d = d, m
    year = int(y) if len(y) == 4 else _two_digit_year(int(y), h.ref_year)
    return _absolute(h, _day_value(year, m, d))


def _h_md_y(h: _Hit):
    if not _month_ok(h, standalone=False):
        return None
    return _absolute(h, _day_value(int(h.g["year"]), _month_num(h.g["mon"]), int(h.g["day"])))


def _h_my(h: _Hit):
    if not _month_ok(h, standalone=False):
        return None
    return _absolute(h, TimeValue.month(int(h.g["year"]), _month_num(h.g["mon"])), mod=_mod_of(h))


def _h_decade(h: _Hit):
    if h.g.get("dec4"):
        start = int(h.g["dec4"])
    else:
        yy = int(h.g["dec2"])
        start = 1900 + yy if yy >= 30 else 2000 + yy
    return _absolute(h, TimeValue.decade(start), mod=_MODS.get(h.g.get("mod") or ""))


def _h_century(h: _Hit):
    c = int(h.g["c"])
    if not 1 <= c <= 21:
        return None
    return _absolute(h, _century(c - 1), mod=_MODS.get(h.g.get("mod") or ""))


def _h_season_y(h: _Hit):
    return _absolute(h, TimeValue.season(int(h.g["year"]), SEASON_CODES[h.g["season"]]), mod=_mod_of(h))


_ORDINAL_Q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
              "fourth": 4, "4th": 4, "final": 4, "last": 4}


def _h_quarter_y(h: _Hit):
    return _absolute(h, TimeValue.quarter(int(h.g["year"]), int(h.g["q"])))


def _h_quarter(h: _Hit):
    word = h.g["q"]
    if h.g.get("year"):
        return _absolute(h, TimeValue.quarter(int(h.g["year"]), _ORDINAL_Q[word]))
    q = _ORDINAL_Q[word]
    yrel = {"last": -1, "this": 0, "next": 1}.get(h.g.get("yrel") or "")
    if yrel is not None:
        return h.cand("DATE", "deictic", f"XXXX-Q{q}",
                      resolve=lambda d, t: _as_tv(TimeValue.quarter(d.year + yrel, q)))
    if word == "last":                          # "last quarter": the previous quarter
        return h.cand("DATE", "deictic", "XXXX-QX",
                      resolve=lambda d, t: _unit_value(_shift(d, "quarter", -1), "quarter"))

    def resolve(d: date, tense: str):
        cur = (d.month - 1) // 3 + 1
        y = d.year + (1 if tense == "future" and q < cur - 1 else 0) - (1 if tense != "future" and q > cur else 0)
        return _as_tv(TimeValue.quarter(y, q))
    return h.cand("DATE", "deictic", f"XXXX-Q{q}", resolve=resolve)


def _h_mod_year(h: _Hit):
    if not _digit_ok(h):
        return None
    return _absolute(h, TimeValue.year(int(h.g["year"])), mod=_mod_of(h))


# "his 1996 campaign", "bonds due 1993": a year before a lower-case word that is not a count noun.
_YEAR_AS_MODIFIER = re.compile(
    r"\s+(?!(?:people|persons|men|women|children|troops|soldiers|workers|employees|jobs|homes|houses|cars|"
    r"shares|votes|barrels|tons|tonnes|acres|miles|feet|metres|meters|dollars|euros|pounds|units|copies|"
    r"cases|deaths|dead|students|members|years|days|hours)\b)[a-z]")


def _h_year(h: _Hit):
    """A bare year: only after a preposition-like word, at a sentence start or before , or ."""
    if not _digit_ok(h):
        return None
    if h.start > 0 and h.text[h.start - 1] in "-–/":
        return None
    nxt = h.following(3)
    if nxt[:1] in ("%",) or re.match(r"[.,][0-9]", nxt):
        return None
    word, gap = h.prev()
    ok = (not word or _SENTENCE_GAP.search(gap) is not None or word in _DATE_PREPS
          or nxt[:1] in (",", ".", ";", ")", "'", "’", "”", '"', ":") or nxt == ""
          or (1900 <= int(h.g["year"]) <= 2039 and _YEAR_AS_MODIFIER.match(h.lo, h.end + 1) is not None
              and not gap.strip()))
    if word in ("room", "no", "number", "flight", "route", "page", "episode", "season", "top", "id"):
        ok = False
    return _absolute(h, TimeValue.year(int(h.g["year"]))) if ok else None


# -- month/day without a year (deictic) -----------------------------------------
def _as_tv(tv: TimeValue) -> tuple[str, TimeValue]:
    return tv.value, tv


def _month_year(m: int, rel: Optional[str], d: date, tense: str) -> int:
    if rel == "last" or rel == "this past":
        return d.year if m < d.month else d.year - 1
    if rel == "next" or rel == "this coming":
        return d.year if m > d.month else d.year + 1
    if rel == "this":
        return d.year
    if tense == "future":
        return d.year if m >= d.month else d.year + 1
    nearest = min((d.year - 1, d.year, d.year + 1), key=lambda y: abs((y - d.year) * 12 + m - d.month))
    if tense == "present":                          # no tense cue: the nearest such month, unless far ahead
        if (nearest - d.year) * 12 + m - d.month <= _PRESENT_AHEAD_MONTHS:
            return nearest
    if 0 < (nearest - d.year) * 12 + m - d.month <= _PAST_CLAUSE_AHEAD_MONTHS:
        return nearest
    return d.year if m <= d.month else d.year - 1


_PAST_CLAUSE_AHEAD_MONTHS = 1                       # "gave it until mid-November" (in October)
# With no tense cue, a month or month-day ahead of the anchor is taken only when it is close:
# news looks back more often than forward ("February 15" in an October retrospective is past).
_PRESENT_AHEAD_MONTHS = 2
_PRESENT_AHEAD_DAYS = 90


_DAY_NEXT = re.compile(r"\.?\s*(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![0-9%]|\s*percent)")


def _h_month(h: _Hit):
    if not _month_ok(h, standalone=True):
        return None
    m, rel, mod = _month_num(h.g["mon"]), h.g.get("rel"), _mod_of(h)
    rel = re.sub(r"\s+", " ", rel) if rel else None
    if rel in ("last", "this past") and _DAY_NEXT.match(h.lo, h.end + 1):
        return None                 # "shot to death last Oct. 23": the day "Oct. 23" (TimeBank leaves "last" out)
    return h.cand("DATE", "deictic", f"XXXX-{m:02d}", mod=mod,
                  resolve=lambda d, t: _as_tv(TimeValue.month(_month_year(m, rel, d, t), m)))


def _h_month_rel_year(h: _Hit):
    if not _month_ok(h, standalone=False):
        return None
    m, dy = _month_num(h.g["mon"]), {"last": -1, "this": 0, "next": 1}[h.g["yrel"]]
    return h.cand("DATE", "deictic", f"XXXX-{m:02d}",
                  resolve=lambda d, t: _as_tv(TimeValue.month(d.year + dy, m)))


def _month_day_of(h: _Hit) -> Optional[tuple[int, int]]:
    """(month, day) of a month-day hit, or None when it is no date ("May 32", "may 5 of them")."""
    if not _month_ok(h, standalone=False) or not _digit_ok(h):
        return None
    m, day = _month_num(h.g["mon"]), int(h.g["day"])
    return None if day > calendar.monthrange(2024, m)[1] else (m, day)


def _day_in(y: int, m: int, day: int) -> TimeValue:
    """That day of year ``y``; Feb 29 in a common year is Feb 28."""
    return _day_value(y, m, day) or _day_value(y, m, day - 1)


def _h_month_day_rel_year(h: _Hit):
    """"on 25 June last year", "May 3 this year": the day in the year before/of/after the anchor's."""
    md = _month_day_of(h)
    if md is None:
        return None
    (m, day), dy = md, {"last": -1, "this": 0, "next": 1}[h.g["yrel"]]
    return h.cand("DATE", "deictic", f"XXXX-{m:02d}-{day:02d}",
                  resolve=lambda d, t: _as_tv(_day_in(d.year + dy, m, day)))


# A month-day up to this many days ahead is the coming one even in a past clause: "the offer was
# extended to Nov. 20", "he was subpoenaed to testify on Feb. 10", "Meissner set a Jan. 14 deadline"
# (a day named without a year that is further ahead was last year's).
_PAST_CLAUSE_AHEAD_DAYS = 90


def _year_with_weekday(y: int, m: int, day: int, weekday: int, anchor: date, tense: str) -> int:
    """``y``, or the year next to it in which ``m``/``day`` falls on ``weekday``: the weekday outweighs
    a tense cue ("a debate scheduled for Friday, Sept. 26", in a chronology printed in November 2008,
    is 2008's: Sept. 26, 2009 is a Saturday), but a past clause still cannot name a day far ahead of
    ``anchor`` ("the Stooges played ... on the Saturday, 9 February" stays in the past). ``y`` when no
    year fits (a misprint); a day's weekday moves by one or two a year, so at most one of the three fits."""
    for yy in (y, y - 1, y + 1):
        tv = _day_value(yy, m, day)
        if tv is None or tv.start.weekday() != weekday:
            continue
        ahead = (tv.start - anchor).days
        if abs(ahead) > 366 or (tense == "past" and ahead > _PAST_CLAUSE_AHEAD_DAYS):
            return y
        return yy
    return y


def _h_month_day(h: _Hit):
    md = _month_day_of(h)
    if md is None:
        return None
    m, day = md
    weekday = _WEEKDAYS.index(h.g["pwd"]) if h.g.get("pwd") else None

    def resolve(d: date, tense: str):
        if tense == "future":
            y = d.year if (m, day) >= (d.month, d.day) else d.year + 1
        else:
            # The nearest such day, unless it is far ahead.
            y = min((d.year - 1, d.year, d.year + 1),
                    key=lambda yy: abs(((_day_value(yy, m, min(day, 28)) or TimeValue.day(d)).start - d).days))
            ahead = ((_day_value(y, m, min(day, 28)) or TimeValue.day(d)).start - d).days
            if ahead > (_PAST_CLAUSE_AHEAD_DAYS if tense == "past" else _PRESENT_AHEAD_DAYS):
                y -= 1
        if weekday is not None:
            y = _year_with_weekday(y, m, day, weekday, d, tense)
        return _as_tv(_day_in(y, m, day))
    return h.cand("DATE", "deictic", f"XXXX-{m:02d}-{day:02d}", resolve=resolve)


# -- deictic units: "last year", "this week", "next summer", "last season" --------
_REL_STEP = {"last": -1, "this past": -1, "this": 0, "next": 1, "this coming": 1}


def _season_resolver(code: str, step: Optional[int]) -> Resolver:
    def resolve(d: date, tense: str):
        y, cur = _season_of(d)
        cur_idx = y * 4 + _SEASON_ORDER.index(cur)
        idx = y * 4 + _SEASON_ORDER.index(code)           # the target season in the same season-year
        s = step if step is not None else (1 if tense == "future" else 0)
        if s < 0:                                          # most recent one strictly before now
            while idx >= cur_idx:
                idx -= 4
        elif s > 0:                                        # next one strictly after now
            while idx <= cur_idx:
                idx += 4
        elif s == 0 and step == 0:                         # "this summer": this calendar year's
            winter_now = code == "WI" and d.month <= 2
            return _as_tv(TimeValue.season(d.year - 1 if winter_now else d.year, code))
        elif tense == "future":                            # "summer will come": the upcoming one
            while idx < cur_idx:
                idx += 4
        else:                                              # the current/most recent one
            while idx > cur_idx:
                idx -= 4
            if tense == "present" and idx + 4 == cur_idx + 1:  # no tense cue: the next season is nearer
                idx += 4
        return _as_tv(TimeValue.season(idx // 4, code))
    return resolve


# What may follow a season with no preposition before it for it to be a date:
# "summer is here", "winter break", "summer!"; not "winter storm", "summer course", "autumn collection"
_BARE_SEASON_NEXT = re.compile(r"\s*(?:$|[^\sa-z]|(?:is|was|will|has|had|and|or|in|at|to|for|with|so|but|i|we"
                               r"|it|here|there|came|comes|starts?|begins?|ends?|arrives?|break|vacation"
                               r"|holidays?)(?![a-z]))")


def _h_season(h: _Hit):
    """"the summer", "over the early summer", "in winter", "summer is here": the season the tense
    points to."""
    group = "season" if h.g.get("season") else "season2"
    if group == "season2":                              # no preposition before it
        word = h.orig_start(group)
        if not _BARE_SEASON_NEXT.match(h.lo, h.end + 1):
            return None                                 # "(the) winter storm": a season's kind of thing
        if h.text[word].isupper() and word == h.start \
                and re.search(r"[A-Z][a-z]*\s+$", h.text[max(0, word - 20):word]):
            return None                                 # "Ed Winter", "Indian Summer": a name
    code = SEASON_CODES[h.g[group]]
    mod = _MODS[h.g["mod2"]] if h.g.get("mod2") else _mod_of(h)
    return h.cand("DATE", "deictic", f"XXXX-{code}", mod=mod, resolve=_season_resolver(code, None))


def _h_rel_unit(h: _Hit):
    rel = re.sub(r"\s+", " ", h.g["rel"])
    rel = {"nxt": "next", "upcoming": "next", "the upcoming": "next"}.get(rel, rel)
    unit, mod = _UNIT_ABBREV.get(h.g["unit"], h.g["unit"]), _mod_of(h)       # "earlier this year": no TIMEX3 mod
    step = _REL_STEP[rel]
    if unit == "season":
        ref = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")[step + 1]
        return h.cand("DATE", "deictic", ref)
    if unit in SEASON_CODES:
        code = SEASON_CODES[unit]
        return h.cand("DATE", "deictic", f"XXXX-{code}", mod=mod, resolve=_season_resolver(code, step))
    return h.cand("DATE", "deictic", _UNDERSPECIFIED[unit], mod=mod,
                  resolve=lambda d, t: _unit_value(_shift(d, unit, step), unit))


def _range(a: date, b: date) -> tuple[str, TimeValue]:
    tv = TimeValue.between(a, b, approximate=True)
    return tv.value, tv


def _h_rel_range(h: _Hit):
    """ "the past two years", "this past year", "the next few weeks": a span ending/starting now."""
    n, approx = _amount(h)
    n = 1 if h.g.get("n") is None else n
    if n is None:
        return None
    unit, mult = _unit_of(h)
    days = round(n * mult * _UNIT_DAYS[unit])
    future = h.g["w"].split()[-1] in ("next", "coming")
    if future:
        return h.cand("DATE", "deictic", "FUTURE_REF", approx=True,
                      resolve=lambda d, t: _range(d, d + timedelta(days=days)))
    return h.cand("DATE", "deictic", "PAST_REF", approx=True,
                  resolve=lambda d, t: _range(d - timedelta(days=days), d))


def _h_mod_the_unit(h: _Hit):
    unit = h.g["unit"]
    return h.cand("DATE", "deictic", _UNDERSPECIFIED[unit], mod=_mod_of(h),
                  resolve=lambda d, t: _unit_value(d, unit))


# -- offsets: "a year ago", "two days later", "a couple of days before" -----------------
_NO_EVENT_AFTER = re.compile(r"\s*(?:$|[,.;:!?)\]\"”’'—–-]|(?:that|then|and|but|or)\b)")


def _h_offset(h: _Hit):
    if h.g.get("n") is None and not h.g["unit"].endswith("s"):
        return None                                 # "the first day on the job"
    n, approx = _amount(h)
    direction = re.sub(r"\s+", " ", h.g["dir"])
    unit, mult = _unit_of(h)
    sign = 1 if direction in ("later", "after", "from now", "hence", "on") else -1
    deictic = direction in ("ago", "back", "from now", "hence")
    kind = "deictic" if deictic else "anaphoric"
    mod = _apx_mod(h)
    if h.g.get("half"):
        n = (n or 0) + 0.5
    if n is None:                                   # "years ago", "many months later"
        return h.cand("DATE", kind, "PAST_REF" if sign < 0 else "FUTURE_REF", mod=mod, approx=True)
    n *= mult
    out_unit = unit
    if not float(n).is_integer():                   # "a year and a half ago" -> 18 months
        if unit in ("year", "decade", "century"):
            n, out_unit = n * {"year": 12, "decade": 120, "century": 1200}[unit], "month"
        elif unit in ("month", "week"):
            n, out_unit = n * _UNIT_DAYS[unit], "day"
    fallback = _UNDERSPECIFIED[out_unit]
    if direction in ("before", "after", "prior") and not _NO_EVENT_AFTER.match(h.following(12)):
        # "two days before the election": relative to an event we cannot date.
        return h.cand("DATE", kind, fallback, mod=mod, approx=approx)
    return h.cand("DATE", kind, fallback, mod=mod, approx=approx,
                  resolve=lambda d, t: _unit_value(_shift(d, out_unit, sign * n), out_unit))


def _h_day_before_yesterday(h: _Hit):
    delta = -2 if "before" in h.g["dir"] else 2
    return h.cand("DATE", "deictic", "XXXX-XX-XX",
                  resolve=lambda d, t: _as_tv(TimeValue.day(d + timedelta(days=delta))))


_ANAPHOR_STEP = {"next": 1, "following": 1, "subsequent": 1, "previous": -1, "preceding": -1,
                 "prior": -1, "same": 0, "that": 0, "before": -1, "earlier": -1, "after": 1, "later": 1}


def _anaphoric_unit(h: _Hit, unit: str, step: int) -> _Cand:
    if unit in _WEEKDAYS:
        wd = _WEEKDAYS.index(unit)
        return h.cand("DATE", "anaphoric", f"XXXX-WXX-{wd + 1}",
                      resolve=lambda d, t: _as_tv(TimeValue.day(_weekday_from(d, wd, step or None, t))))
    if unit == "season":
        return h.cand("DATE", "anaphoric", ("PAST_REF", "PRESENT_REF", "FUTURE_REF")[step + 1])
    if unit in SEASON_CODES:
        code = SEASON_CODES[unit]
        return h.cand("DATE", "anaphoric", f"XXXX-{code}", exact=step == 0,
                      resolve=_season_resolver(code, step or None))
    if unit in _PARTS_OF_DAY:
        part = _PARTS_OF_DAY[unit]
        return h.cand("TIME", "anaphoric", f"XXXX-XX-XXT{part}", exact=step == 0,
                      resolve=lambda d, t: _time_of(d + timedelta(days=step), part))
    return h.cand("DATE", "anaphoric", _UNDERSPECIFIED[unit], exact=step == 0,
                  resolve=lambda d, t: _unit_value(_shift(d, unit, step), unit))


def _h_weekend(h: _Hit):
    """ "over the weekend": the last weekend (the next one in a future clause)."""
    def resolve(d: date, tense: str):
        sat = _weekday_from(d, 5, None, tense)
        if tense != "future" and d.weekday() == 6:       # on a Sunday: this weekend
            sat = d - timedelta(days=1)
        return _unit_value(sat, "weekend")
    return h.cand("DATE", "deictic", "XXXX-WXX-WE", resolve=resolve)


def _h_part_of_day(h: _Hit):
    """"in the morning", "at night": that part of the day being talked about."""
    part = _PARTS_OF_DAY[h.g.get("part") or "night"]
    return h.cand("TIME", "anaphoric", f"XXXX-XX-XXT{part}", resolve=lambda d, t: _time_of(d, part))


def _h_anaphor_the(h: _Hit):
    return _anaphoric_unit(h, h.g["unit"], _ANAPHOR_STEP[h.g["which"]])


def _h_anaphor_that(h: _Hit):
    return _anaphoric_unit(h, h.g["unit"], 0)


def _h_anaphor_before(h: _Hit):
    unit, step = h.g["unit"], _ANAPHOR_STEP[h.g["dir"]]
    if h.g["dir"] in ("before", "after", "prior") and not _NO_EVENT_AFTER.match(h.following(12)):
        return h.cand("DATE", "anaphoric", _UNDERSPECIFIED["day" if unit == "night" else unit])
    return _anaphoric_unit(h, unit, step)


# -- deictic words, weekdays, parts of day ---------------------------------------------
_DEICTIC_WORDS = {"today": 0, "2day": 0, "yesterday": -1, "yday": -1, "tdy": 0, **dict.fromkeys(_TOMORROW, 1)}


def _time_of(d: date, part: str) -> tuple[str, TimeValue]:
    return f"{d.isoformat()}T{part}", TimeValue.day(d)


def _h_deictic_word(h: _Hit):
    w = h.g["w"]
    if w in ("tonight", "tonite", "2nite"):
        return h.cand("TIME", "deictic", "XXXX-XX-XXTNI", resolve=lambda d, t: _time_of(d, "NI"))
    delta = _DEICTIC_WORDS[w]
    return h.cand("DATE", "deictic", "XXXX-XX-XX",
                  resolve=lambda d, t: _as_tv(TimeValue.day(d + timedelta(days=delta))))


def _h_daypart(h: _Hit):
    w, part = h.g["dw"], _PARTS_OF_DAY[h.g["part"]]
    if w == "tonight" and part != "NI":
        return None
    delta = {"last": -1, "this": 0, "tonight": 0}.get(w, _DEICTIC_WORDS.get(w, 0))
    if w == "last" and part != "NI":                 # "last morning" is not idiomatic
        return None
    return h.cand("TIME", "deictic", f"XXXX-XX-XXT{part}",
                  resolve=lambda d, t: _time_of(d + timedelta(days=delta), part))


def _weekday_from(d: date, wd: int, step: Optional[int], tense: str) -> date:
    """The weekday ``wd`` nearest to ``d``: before (step -1), after (+1), same ISO week (0; but
    the coming one when that day is over and the clause is not past: "see you this Saturday" on a
    Sunday) or, with no step, in the direction of the tense (on or before ``d`` unless future)."""
    if step == -1:
        delta = -((d.weekday() - wd) % 7 or 7)
    elif step == 1:
        delta = (wd - d.weekday()) % 7 or 7
    elif step == 0:                 # "this Saturday": this week's, or the coming one unless the clause is past
        delta = wd - d.weekday()
        if delta < 0 and tense != "past":
            delta += 7
    elif tense == "future":
        delta = (wd - d.weekday()) % 7
    else:
        delta = -((d.weekday() - wd) % 7)
    return d + timedelta(days=delta)


_NEWSPAPER = re.compile(r"\s+(?:times|telegraph|mirror|express|herald|post|mail|independent|tribune"
                        r"|star|sport|people|world|night\s+live)\b")


def _h_weekday(h: _Hit):
    wd = _WEEKDAYS.index(h.g["wd"])
    if h.text[h.orig_start("wd")].isupper() and _NEWSPAPER.match(h.lo, h.m.end("wd") + (1 if h.g.get("pl") else 0)):
        return None
    if h.g.get("pl") and not h.g.get("rel"):
        return h.cand("SET", "set", f"XXXX-WXX-{wd + 1}")
    return _weekday_cand(h, wd)


_SHORT_DISTINCT = frozenset(("tue", "tues", "weds", "thu", "thur", "thurs", "fri"))   # no other English word
_WD_ANY = r"(?:" + "|".join(_WEEKDAYS) + "|" + _SW + ")"
_WD_LINK = r"\.?\s*(?:-|–|/|,|&|and|or|to|till|until|thru|through)\s*"
_WD_BEFORE = re.compile(r"(?<![a-z])" + _WD_ANY + r"(?:\s+(?:morning|afternoon|evening|night|nite))?" + _WD_LINK + "$")
_WD_AFTER = re.compile(_WD_LINK + _WD_ANY + r"(?![a-z])")
_CLOCK_AFTER = re.compile(r"\s*,?\s*[0-9]{1,2}(?:[:.][0-9]{2})?\s*[ap]\.?\s?m(?![a-z])")
_SHORT_WD_PREPS = frozenset("on every each until till from by before after since".split())


def _h_short_weekday(h: _Hit):
    """"Thurs", "this Sat", "Sat-Sun", "Mon and tues", "Fri 7pm": a weekday abbreviated. "Sat", "Sun",
    "Mon" and "Wed" are other words too: without "this/next/last", only after "on", "by"..., next
    to another weekday, or before a clock time."""
    sw = h.g["sw"]
    if not (h.g.get("rel") or h.g.get("part") or sw in _SHORT_DISTINCT
            or _WD_BEFORE.search(h.lo, max(0, h.start - 16), h.start + 1)
            or _WD_AFTER.match(h.lo, h.end + 1) or _CLOCK_AFTER.match(h.lo, h.end + 1)
            or (h.prev()[0] in _SHORT_WD_PREPS and not re.match(r"\s*(?:['’]s|\s[A-Z])", h.text[h.end:h.end + 3]))):
        return None
    return _weekday_cand(h, _SHORT_WEEKDAYS[sw])


def _weekday_cand(h: _Hit, wd: int):
    rel = re.sub(r"\s+", " ", h.g["rel"]) if h.g.get("rel") else None
    step = {"last": -1, "this past": -1, "next": 1, "this coming": 1, "this": 0}.get(rel or "")
    # "until Tuesday", "as early as Thursday": the coming one, whatever the clause's tense
    upcoming = step is None and _UPCOMING.search(h.lo, max(0, h.start - 40), h.start + 1) is not None
    part = _PARTS_OF_DAY.get(h.g.get("part") or "")
    if part:
        return h.cand("TIME", "deictic", f"XXXX-WXX-{wd + 1}T{part}", bare_weekday=step is None,
                      resolve=lambda d, t: _time_of(_weekday_from(d, wd, step, "future" if upcoming else t), part))
    return h.cand("DATE", "deictic", f"XXXX-WXX-{wd + 1}", bare_weekday=step is None,
                  resolve=lambda d, t: _as_tv(TimeValue.day(_weekday_from(d, wd, step, "future" if upcoming else t))))


_UPCOMING = re.compile(r"(?:until|till|as\s+early\s+as|as\s+soon\s+as|no\s+later\s+than)\s+(?:on\s+)?"
                       r"(?:(?:at\s+)?[0-9:.]+\s*[ap]\.?\s?m\.?(?:\s+[a-z]{2,3})?\s*,?\s+)?$")


# -- clock times ------------------------------------------------------------------------
def _h_clock(h: _Hit):
    if not _digit_ok(h):
        return None
    hour = int(h.g["h"]) if h.g["h"].isdigit() else _NUM_WORDS[h.g["h"]]
    minute = int(h.g.get("mi") or 0)
    ap = (h.g.get("ap") or "").replace(".", "").replace(" ", "")
    if not 0 <= hour <= (12 if ap else 24):
        return None
    if ap == "pm" and hour < 12:
        hour += 12
    elif ap == "am" and hour == 12:
        hour = 0
    return _clock(h, f"{hour:02d}:{minute:02d}")


def _h_noon(h: _Hit):
    return _clock(h, {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[h.g["w"]])


def _clock(h: _Hit, hhmm: str) -> _Cand:
    # A bare clock time is on the day being talked about: the reference date.
    return h.cand("TIME", "anaphoric", f"XXXX-XX-XXT{hhmm}", resolve=_clock_resolver(hhmm))


def _clock_resolver(hhmm: str) -> Resolver:
    return lambda d, t: (f"{d.isoformat()}T{hhmm}", TimeValue.day(d))


# -- references, durations, sets -----------------------------------------------------------
_REFS = {"now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
         "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "at present": "PRESENT_REF",
         "at the moment": "PRESENT_REF", "formerly": "PAST_REF", "the past": "PAST_REF",
         "the future": "FUTURE_REF", "future": "FUTURE_REF"}


def _h_ref(h: _Hit):
    return h.cand("DATE", "deictic", _REFS[re.sub(r"\s+", " ", h.g["w"])])


_AGE = re.compile(r"[\s-]+old\b|\s+of\s+age\b|\s+younger\b|\s+older\b|\s+senior\b|\s+junior\b")
_DURATION_CONTEXT = frozenset("for over within in after spent lasted lasting took take takes than "
                              "nearly almost about around roughly some just only half first last "
                              "past next entire whole full".split())


def _duration_timex(n: Optional[float], unit: str) -> str:
    amount = "X" if n is None else _fmt_num(n)
    if unit == "decade":
        amount, unit = ("X" if n is None else _fmt_num(10 * n)), "year"
    elif unit == "century":
        amount, unit = ("X" if n is None else _fmt_num(100 * n)), "year"
    t = "T" if unit in ("hour", "minute", "second") else ""
    return f"P{t}{amount}{_DURATION_CODE[unit]}"


def _h_duration(h: _Hit):
    if not _digit_ok(h) or _AGE.match(h.following(12)) or _LONG.match(h.following(6)):
        return None                                  # "a 45-year-old", "a century-long rivalry"
    n, approx = _amount(h)
    unit, mult = _unit_of(h)
    word = re.sub(r"\s+", " ", h.g["n"])
    prev = h.prev()[0]
    if word in ("a", "an", "one") and unit not in ("decade", "century") and prev not in _DURATION_CONTEXT \
            and not h.g.get("apx") and not h.g.get("more") and not (word == "one" and "-" in h.g["sep"]):
        return None                                  # "40,000 barrels a day": a rate; "a one-day trip" is not
    if h.g.get("half"):
        n = (n or 0) + 0.5
    if n is not None:
        n *= mult
    mod = _apx_mod(h)
    vague = word in _VAGUE
    if prev in ("in", "within") and n is not None and n == int(n) and h.g["sep"].strip() != "-":
        # "will tour in two weeks": a future date when the clause is future (but "the first
        # time in two years", "the biggest rally in a decade" measure a stretch)
        if (prev == "in" and clause_tense(h.text, h.start, h.end) == "future"
                and not _RECORD_IN.search(h.lo, max(0, h.start - 80), h.start + 1)):
            return h.cand("DATE", "deictic", _UNDERSPECIFIED[unit], mod=mod, approx=approx,
                          resolve=lambda d, t: _unit_value(_shift(d, unit, n), unit))
    return h.cand("DURATION", "duration", _duration_timex(None if vague else n, unit), mod=mod, approx=approx)


_RECORD_IN = re.compile(r"[^a-z](?:first|second|third|fourth|fifth|biggest|largest|highest|lowest|worst|best"
                        r"|longest)(?![a-z])[^.,;!?]*$")


def _h_duration_plural(h: _Hit):
    """ "for years", "for decades"."""
    if h.prev()[0] != "for" or h.prev()[1].strip():
        return None
    u = h.g["unit"]
    if u == "ages":
        return h.cand("DURATION", "duration", "PXY")
    return h.cand("DURATION", "duration", _duration_timex(None, _UNITS[u if u == "centuries" else u[:-1]][0]))


_LONG = re.compile(r"-?long(?![a-z])")


def _h_duration_long(h: _Hit):
    """"a day-long meeting", "a weeklong visit" (one unit), "a decades-long battle" (some)."""
    word = h.g["unit"]
    some = word.endswith("s")
    unit = "century" if word.startswith("centur") else word.rstrip("s")
    return h.cand("DURATION", "duration", _duration_timex(None if some else 1, unit))


_SET_ADVERBS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
                "nightly": "TNI", "hourly": "PT1H", "biweekly": "P2W", "quarterly": "P1Q",
                "biannually": "P6M"}


def _set_timex(what: str, n: float) -> Optional[str]:
    if what in _WEEKDAYS:
        return f"XXXX-WXX-{_WEEKDAYS.index(what) + 1}"
    if what in _SHORT_WEEKDAYS:
        return f"XXXX-WXX-{_SHORT_WEEKDAYS[what] + 1}"
    if what in SEASON_CODES:
        return f"XXXX-{SEASON_CODES[what]}"
    if what in MONTH_NAMES:
        return f"XXXX-{MONTH_NAMES.index(what) + 1:02d}"
    if what in _PARTS_OF_DAY:
        return f"XXXX-XX-XXT{_PARTS_OF_DAY[what]}"
    u = what if what in _UNITS else what[:-1]
    if u not in _UNITS:
        return None
    unit, mult = _UNITS[u]
    return _duration_timex(n * mult, unit)


def _h_set_every(h: _Hit):
    n, _ = _amount(h) if h.g.get("n") else (1, False)
    if h.g.get("other"):
        n = 2 if h.g["other"] == "other" else 1
    timex = _set_timex(h.g["what"], n or 1)
    return h.cand("SET", "set", timex) if timex else None


_ADJECTIVE_BEFORE = frozenset("its the a an average initial their his her our regular".split())


def _h_set_adverb(h: _Hit):
    word = h.g["adv"]
    prev, gap = h.prev()
    if word == "quarterly" and (prev in _ADJECTIVE_BEFORE or gap.strip() in ("'s", "’s")):
        return None                                 # "its quarterly dividend": an adjective
    if h.text[h.start].isupper():                   # "the Daily Mail", "Weekly Standard"
        word_, gap = h.prev()
        if word_ and not _SENTENCE_GAP.search(gap):
            return None
    return h.cand("SET", "set", _SET_ADVERBS[word])


def _h_set_per(h: _Hit):
    u = h.g["unit"]
    return h.cand("SET", "set", "P1Y" if u == "annum" else _duration_timex(1, _UNITS[u][0]))


def _after(*words: str) -> str:
    """Lookbehinds, one per word: a match may start only right after one of ``words`` and a space."""
    return "|".join(rf"(?<=\b{w}\s)" for w in words)


# ---------------------------------------------------------------------------
# The rule table: (name, pattern, handler), tried in this order at each position.
# Longer/more specific patterns first: the first alternative that matches wins.
# ---------------------------------------------------------------------------
_RULE_TABLE: list[tuple[str, str, Callable[[_Hit], Optional[_Cand]]]] = [
    ("iso_date", r"(?P<year>[12][0-9]{3})-(?P<m>[01][0-9])-(?P<day>[0-3][0-9])(?![0-9])", _h_iso_date),
    ("quarter_yq", r"(?P<year>(?:19|20)[0-9]{2})[-\s]?q(?P<q>[1-4])(?![a-z0-9])", _h_quarter_y),
    ("quarter_qy", r"q(?P<q>[1-4])\s+(?:of\s+)?" + _YEAR, _h_quarter_y),
    ("numdate", r"(?P<m>[0-9]{1,2})\s{0,2}/\s{0,2}(?P<day>[0-9]{1,2})\s{0,2}/\s{0,2}(?P<y>[0-9]{4}|[0-9]{2})(?![0-9/])",
     _h_numdate),
    ("md_y", _WD_PREFIX + _MON + r"\s*" + _DAY + r"(?:\s*,\s*|\s+)" + _YEAR, _h_md_y),
    ("dm_y", _WD_PREFIX + r"(?:the\s+)?" + _DAY + r"\s*(?:of\s+)?" + _MON + r"(?:\s*,\s*|\s+)" + _YEAR, _h_md_y),
    ("decade", r"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?:(?P<dec4>1[0-9]{2}0|20[0-9]0)['’]?s"
               r"|['’‘](?P<dec2>[0-9]0)s)(?![a-z0-9])", _h_decade),
    ("decade_the", r"the\s+(?:(?P<mod>early|mid|late)[\s-]+)?(?P<dec2>[2-9]0)['’]?s(?![a-z0-9])", _h_decade),
    ("century", r"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?P<c>[0-9]{1,2})(?:st|nd|rd|th)[\s-]+century" + _NW,
     _h_century),
    ("season_y", r"(?:" + _MOD + r"[\s-]+)?(?:the\s+)?" + _SEASON + r"\s+(?:of\s+)?" + _YEAR, _h_season_y),
    ("quarter", r"(?:the\s+)?(?P<q>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+quarter"
                r"(?:\s+(?:of\s+)?(?:" + _YEAR + r"|(?P<yrel>last|this|next)\s+year))?" + _NW, _h_quarter),
    ("month_rel_year", _MON + r",?\s+(?:of\s+)?(?P<yrel>last|this|next)\s+year" + _NW, _h_month_rel_year),
    ("my", r"(?:" + _MOD + r"[\s-]+)?" + _MON + r"(?:\s*,\s*|\s+)(?:of\s+)?" + _YEAR, _h_my),
    ("md_rel_year", _WD_PREFIX + _MON + r"\s*" + _DAY + r",?\s+(?:of\s+)?(?P<yrel>last|this|next)\s+year" + _NW,
     _h_month_day_rel_year),
    ("dm_rel_year", _WD_PREFIX + r"(?:the\s+)?" + _DAY + r"\s*(?:of\s+)?" + _MON
     + r",?\s+(?P<yrel>last|this|next)\s+year" + _NW, _h_month_day_rel_year),
    ("md", _WD_PREFIX + _MON + r"\s*" + _DAY + r"(?!\s*(?:[:.][0-9]|%|percent))", _h_month_day),
    ("dm", _WD_PREFIX + r"(?:the\s+)?" + _DAY + r"\s*(?:of\s+)?" + _MON + r"(?![0-9])", _h_month_day),
    ("mod_year", _MOD + r"[\s-]+" + _YEAR, _h_mod_year),
    ("mod_the_unit", _MOD + r"\s+the\s+(?P<unit>year|month|week|decade)" + _NW, _h_mod_the_unit),
    # "the past two quarters": a count of reporting quarters (not "three quarters of the vote")
    ("range_past", r"(?P<w>(?:the|this)\s+past)\s+(?:" + _NUM + r"\s+)?" + _RANGE_UNIT, _h_rel_range),
    ("range_num", r"(?P<w>the\s+(?:last|next|coming))\s+" + _NUM + r"\s+" + _RANGE_UNIT, _h_rel_range),
    ("rel_unit", r"(?:(?P<mod>early|late|mid|earlier|later|the\s+(?:start|beginning|end|middle)\s+of)[\s-]+)?"
                 + r"(?P<rel>this\s+past|this\s+coming|last|this|next|nxt|(?:the\s+)?upcoming)"
                 + r"\s+(?P<unit>week(?:end)?|month|year|decade|century|quarter|season|spring|summer"
                   r"|fall|autumn|winter|" + "|".join(_UNIT_ABBREV) + ")" + _NW, _h_rel_unit),
    ("day_before_yesterday", r"the\s+day\s+(?P<dir>before\s+yesterday|after\s+tomorrow)" + _NW,
     _h_day_before_yesterday),
    ("offset", r"(?:" + _APX + r"\s+)?(?:" + _NUM + r"\s*)?" + _UNIT + r"(?P<half>\s+and\s+a\s+half)?\s+"
               r"(?P<dir>ago|later|earlier|before|after|prior|back|from\s+now|hence|on)" + _NW, _h_offset),
    ("anaphor_the", r"the\s+(?P<which>next|following|subsequent|previous|preceding|prior|same)\s+"
                    r"(?P<unit>day|night|morning|afternoon|evening|week(?:end)?|month|year|decade|season|spring"
                    r"|summer|fall|autumn|winter|" + "|".join(_WEEKDAYS) + r")" + _NW, _h_anaphor_the),
    ("weekend", r"(?:the\s+|long\s+)weekend" + _NW, _h_weekend),
    ("weekends", r"weekends" + _NW, lambda h: h.cand("SET", "set", "XXXX-WXX-WE")),
    ("part_of_day", r"(?:(?<=\bin\s)the\s+(?P<part>morning|afternoon|evening)|(?<=\bat\s)(?P<night>night))" + _NW,
     _h_part_of_day),
    ("anaphor_before", r"the\s+(?P<unit>day|night|week|month|year)\s+(?P<dir>before|after|earlier|later|prior)"
                       + _NW, _h_anaphor_before),
    ("anaphor_that", r"that\s+(?:same\s+)?(?P<unit>day|night|morning|afternoon|evening|week|weekend|month|year"
                     r"|season|spring|summer|fall|autumn|winter)" + _NW, _h_anaphor_that),
    ("daypart", r"(?P<dw>yesterday|today|tonight|this|last|" + "|".join(_TOMORROW) + r")\s+" + _PART, _h_daypart),
    ("deictic_word", r"(?P<w>today|tdy|tonight|tonite|yesterday|2day|2nite|yday|" + "|".join(_TOMORROW) + ")"
                     r"(?![a-z0-9])", _h_deictic_word),
    ("weekday", r"(?:(?P<rel>this\s+past|this\s+coming|coming|last|next|this)\s+)?" + _WD
                + r"(?P<pl>s)?(?:\s+" + _PART + r")?" + _NW, _h_weekday),
    ("weekday_short", r"(?:(?P<rel>this\s+past|this\s+coming|coming|last|next|this)\s+)?"
                      r"(?P<sw>" + _SW + r")(?![a-z])\.?(?:\s+" + _PART + r")?", _h_short_weekday),
    # "the fall" / "the spring" only after a preposition: "the fall in oil prices" is no season
    ("season", r"(?:(?:" + _after("in", "by", "over", "during", "since", "until")
               + r")(?:the\s+)?(?:(?P<mod>early|late|mid)[\s-]+)?" + _SEASON
               + r"|(?:the\s+)?(?:(?P<mod2>early|late|mid)[\s-]+)?(?P<season2>summer|winter|autumn)(?![a-z]))"
               r"(?!\s+(?:of|season|semester|term|olympics|games|days?|nights?)\b)", _h_season),
    ("month", r"(?:" + _MOD + r"[\s-]+|" + _REL + r"\s+)?" + _MON, _h_month),
    ("set_every", r"(?:every|each)\s+(?:(?P<other>other|single)\s+|" + _NUM + r"\s*)?(?P<what>days?|weeks?"
                  r"|months?|years?|decades?|hours?|minutes?|hrs?|mins?|seconds|secs?|weekends?"
                  r"|" + _SW + r"|morning|afternoon|evening|night|"
                  + "|".join(_WEEKDAYS) + "|" + "|".join(SEASON_CODES) + "|" + "|".join(MONTH_NAMES) + r")" + _NW,
     _h_set_every),
    ("set_adverb", r"(?P<adv>" + "|".join(_SET_ADVERBS) + r")" + _NW, _h_set_adverb),
    ("set_freq", r"(?:once|twice|thrice|(?:[0-9]+|" + _ONES + r"|ten)\s+times)\s+(?:a|an|per|every|each)\s+"
                 r"(?P<what>day|week|month|year|decade|hour|minute)" + _NW, _h_set_every),
    ("set_per", r"per\s+(?P<unit>day|week|month|year|annum|hour)" + _NW, _h_set_per),
    # "9:30pm", "9.30 a.m.", "930pm", "5+am"
    ("clock", r"(?P<h>[0-9]{1,2})(?:[:.]?(?P<mi>[0-5][0-9]))?\+?\s*(?P<ap>[ap]\.\s?m\.?|[ap]m)(?![a-z])"
              r"(?:\s+(?:" + "|".join(TIME_ZONES) + r")(?![a-z]))?", _h_clock),
    # a 24-hour clock time after "at"/"by"/"until"...: "left school at 8:45"
    ("clock24", r"(?:" + _after("at", "by", "until", "till", "from", "since", "around")
                + r")(?P<h>[01]?[0-9]|2[0-3]):(?P<mi>[0-5][0-9])(?![0-9]|[:.,][0-9]|\s*(?:%|[ap]\.?\s?m(?![a-z])))",
     _h_clock),
    ("oclock", r"(?P<h>[0-9]{1,2}|" + _ONES + r"|ten|eleven|twelve)\s+o['’]clock", _h_clock),
    ("noon", r"(?P<w>noon|midnight|midday)" + _NW, _h_noon),
    ("ref", r"(?P<w>right\s+now|now|currently|nowadays|these\s+days|at\s+present|at\s+the\s+moment|formerly"
            r"|(?<=\bin\s)the\s+past|(?<=\bin\s)the\s+future|(?<=\bin\s)future(?![a-z]|\s+[a-z]))" + _NW, _h_ref),
    ("duration_long", r"(?P<unit>days?|weeks?|months?|years?|decades?|centur(?:y|ies)|hours?|minutes?)-?long" + _NW,
     _h_duration_long),
    ("duration", r"(?:" + _APX + r"\s+)?" + _NUM + r"(?P<sep>[\s-]*)(?P<more>more\s+)?" + _UNIT + r"(?P<half>\s+and\s+a\s+half)?",
     _h_duration),
    ("duration_plural", r"(?P<unit>years|months|decades|centuries|weeks|days|hours|ages)" + _NW, _h_duration_plural),
    ("year", _YEAR, _h_year),
]


@dataclass(frozen=True)
class _Rule:
    name: str
    regex: re.Pattern
    handler: Callable[[_Hit], Optional[_Cand]]


def _strip_names(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


_RULES = {name: _Rule(name, re.compile(pat), handler) for name, pat, handler in _RULE_TABLE}
# The combined scanner: a non-word character, the gate, then one named group per rule.
_MASTER = re.compile(
    r"[^a-z0-9]" + _GATE + r"(?:" + "|".join(f"(?P<{name}>{_strip_names(pat)})" for name, pat, _ in _RULE_TABLE) + ")"
)

# Quotations: straight or curly double quotes, or curly single quotes around several words.
_QUOTE = re.compile(r'"[^"\n]*"|“[^”\n]*”|(?<!\w)‘(?:[^’\n]|’(?=\w))*’(?!\w)')


def _quote_spans(text: str) -> list[tuple[int, int]]:
    if '"' not in text and "“" not in text and "‘" not in text:
        return []
    return [(m.start(), m.end()) for m in _QUOTE.finditer(text) if " " in m.group()]


def _lower(text: str) -> str:
    lo = text.lower()
    if len(lo) == len(text):
        return lo
    # Rare: a character whose lower case is longer ("İ"); keep offsets aligned.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _base_of(anchor: Anchor) -> Optional[TimeValue]:
    if anchor is None:
        return None
    if isinstance(anchor, date):
        return TimeValue.day(anchor)
    first, last = anchor
    if first == last:
        return TimeValue.day(first)
    return TimeValue.between(first, last, approximate=True)


def _apply(resolve: Resolver, base: TimeValue, tense: str, fallback: str,
           exact: bool = False) -> tuple[str, Optional[TimeValue]]:
    """Resolve against ``base``: a day, or both ends of a range (merged when they disagree)."""
    try:
        timex, value = resolve(base.start, tense)
        timex2, value2 = resolve(base.end, tense) if base.end != base.start else (timex, value)
    except (ValueError, OverflowError):         # "125,000 years ago": off the calendar
        return fallback, None
    if base.end != base.start:
        if (timex2, value2) != (timex, value):
            if value is None or value2 is None or exact:
                return fallback, None
            return fallback, TimeValue.between(value.start, value2.end, approximate=True)
    elif base.approximate and value is not None:
        value = replace(value, approximate=True)
    return timex, value


# ---------------------------------------------------------------------------
# The tagger
# ---------------------------------------------------------------------------
class RuleTagger:
    """Regex-based ``TemporalTagger`` for English news and the posts news quotes."""

    def tag(self, text: str, anchor: Anchor = None) -> list[TimeExpression]:
        base = _base_of(anchor)
        ref_year = None if base is None else base.end.year
        lo = " " + _lower(text)
        cands = _join_clock_day(_range_ends(_merge_supplement(self._scan(text, lo, ref_year), lo), lo), lo)
        return self._resolve(text, lo, cands, base)

    # -- pass 1: find candidates -------------------------------------------------------
    @staticmethod
    def _scan(text: str, lo: str, ref_year: Optional[int]) -> list[_Cand]:
        search = _MASTER.search
        cands: list[_Cand] = []
        pos = 0
        while True:
            m = search(lo, pos)
            if m is None:
                break
            rule = _RULES[m.lastgroup]
            sub = rule.regex.match(lo, m.start() + 1)
            cand = rule.handler(_Hit(text, lo, sub, ref_year)) if sub else None
            if cand is None:
                pos = m.start() + 1
                continue
            cands.append(cand)
            pos = cand.end + 1
        return cands

    # -- pass 2: resolve in text order ----------------------------------------------------
    @staticmethod
    def _resolve(text: str, lo: str, cands: list[_Cand], doc_base: Optional[TimeValue]) -> list[TimeExpression]:
        quotes = _quote_spans(text)
        quote_starts = [q[0] for q in quotes]

        def quoted(c: _Cand) -> bool:
            i = bisect_right(quote_starts, c.start) - 1
            return i >= 0 and c.start < quotes[i][1]

        in_quote = [quoted(c) for c in cands] if quotes else [False] * len(cands)
        # When a quote was said is told by the narration: dates inside quotes do not count.
        abs_days = [(c.start, c.value) for c, q in zip(cands, in_quote)
                    if not q and c.kind == "absolute" and c.value is not None and c.value.granularity == "day"
                    and _sayable(c.value, doc_base)]
        ref: Optional[TimeValue] = None          # latest value: the base of anaphora
        quarter: Optional[TimeValue] = None      # latest reporting quarter mentioned, and where
        quarter_at = 0
        last_day: Optional[TimeValue] = None     # latest day-precise value outside quotes
        out: list[TimeExpression] = []
        bounds = _clause_bounds(lo) if cands else []
        for k, (c, q) in enumerate(zip(cands, in_quote)):
            label = is_label(lo, c.start, c.end)
            # a chronology's "April 30 - An aide says no drilling will be allowed": the entry's
            # tense is its own, not the date's; the label is the nearest such day
            tense = "present" if label else _tense(lo, bounds, c.start, c.end)
            prospective = tense == "prospective"
            if prospective:
                tense = "future"
            timex, value = c.timex, c.value
            year_ago = _YEAR_AGO.fullmatch(lo, c.start + 1, c.end + 1) is not None
            if c.in_context is not None:
                value = _in_context(c, doc_base, tense, quarter)
                timex = value.value if value is not None and "/" not in value.value else c.timex
                if c.type == "TIME" and value is not None:      # "noon Thursday"
                    timex += "T12:00" if "noon" in lo[c.start + 1:c.end + 1] else "T24:00"
            elif year_ago and quarter is not None and c.start - quarter_at < _QUARTER_REACH:
                value = supplement.year_before(quarter)     # "a year ago" in a quarterly report
                timex = value.value
            elif c.resolve is not None:
                base = doc_base
                if q:
                    said = last_day if last_day is not None and _sayable(last_day, doc_base) else None
                    base = _quote_base(text, c, abs_days, said) or doc_base
                if c.kind == "anaphoric":
                    nxt = cands[k + 1] if k + 1 < len(cands) else None
                    if (c.type == "TIME" and nxt is not None and nxt.kind == "absolute"
                            and _TIME_THEN_DATE.fullmatch(lo, c.end + 1, nxt.start + 1)):
                        base = nxt.value              # "8:45 pm on 03 Jun 2009"
                    elif ref is not None and (c.type != "TIME" or ref.granularity == "day"):
                        base = ref
                if (prospective and c.bare_weekday and base is doc_base and base is not None
                        and base.granularity == "day"):
                    # "said he would resign on Friday", printed on Saturday: ahead of the saying,
                    # which may be the day before
                    base = TimeValue.day(base.start - timedelta(days=1))
                if base is not None:
                    timex, value = _apply(c.resolve, base, tense, c.timex, c.exact)
            if value is not None:
                if c.approx and not value.approximate:
                    value = replace(value, approximate=True)
                if c.mod and value.mod != c.mod:
                    value = replace(value, mod=c.mod)
                if c.sets_ref:
                    ref = value
                if value.granularity == "quarter" and not q and not year_ago:
                    quarter, quarter_at = value, c.start
                if not q and value.granularity == "day" and not value.approximate:
                    last_day = value
            out.append(TimeExpression(c.start, c.end, text[c.start:c.end], c.type, timex, value,
                                      c.kind, tense, c.mod, label))
        return out


# A list entry's label: a date that opens a line (after a bullet, if any) or follows the colon of
# the list's introduction, and is followed by a dash or colon ("February 17 - Activists designate
# ...", "* April 20, 2010: Explosion ...", "Below is a timeline of the spill : April 20 , 2010 -
# Explosion ...").
_LABEL_BEFORE = re.compile(r"(?:(?:^|\n)[ \t]*(?:[-*•·][ \t]*)?|[^\s:]\s*:[ \t]+)$")
# ... and a second day after a slash ("May 11/12 - Executives appear at hearings", "February 15/16 ,
# 2011 -", "\/" as scraped) before the dash: the entry is headed by its first day
LABEL_SEPARATOR = re.compile(r"[ \t]*(?:\\?/[ \t]*\d{1,2}(?:[ \t]*,[ \t]*\d{4})?[ \t]*)?(?:-{1,2}|–|—|:)[ \t]+(?=\S)")


def is_label(lo: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` heads a list entry, on ``lo`` (lower-cased text with a leading space)."""
    return (LABEL_SEPARATOR.match(lo, end + 1) is not None
            and _LABEL_BEFORE.search(lo, max(0, start - 8), start + 1) is not None)


_TIME_THEN_DATE = re.compile(r"\s*(?:on|,)?\s*")


# "a year ago", "last year", "the year-ago quarter": in a quarterly report, that quarter a year before.
_YEAR_AGO = re.compile(r"(?:(?:a|one)\s+year\s+(?:ago|earlier)|(?:the\s+)?year[\s-](?:ago|earlier)"
                       r"(?:\s+(?:quarter|period))?)")
_QUARTER_REACH = 800                           # characters a reporting quarter stays in force


# -- ranges: "2-4 July 2013", "April 8-12", "May 2 - 3, 9 - 10", "7-9pm" -----------------------------
# TimeML annotates both ends; the bare number takes its month (year, half-day) from the other end.
_RANGE_DAY = r"(?P<d>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
_RANGE_SEP = r"\s*(?:-|–|to|through|thru|till|until|and|&)\s*"
_DAY_BEFORE = re.compile(r"(?<![0-9.,:/-])" + _RANGE_DAY + r"\s*(?:-|–|to|and|&)\s*$")
_NOT_A_DAY = r"(?![0-9]|[a-z]|\s*(?:[:.][0-9]|%|percent|[ap]\.?\s?m(?![a-z])|[-–/][0-9]))"
_DAY_AFTER = re.compile(_RANGE_SEP + _RANGE_DAY + _NOT_A_DAY + r"(?:(?:\s*,\s*|\s+)" + _YEAR + r")?")
_DAY_PAIR_AFTER = re.compile(r"\s*,\s*(?P<a>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?\s*(?:-|–)\s*"
                             r"(?P<b>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?" + _NOT_A_DAY)
_DAY_FIRST = re.compile(r"(?:the\s+)?[0-9]")
_CLOCK_BEFORE = re.compile(r"(?<![0-9.,:/$-])(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5][0-9]))?\s*(?:-|–|to|till|until)\s*$")
_AMPM = re.compile(r"[0-9]\s*[ap]\.?\s?m")
_FULL_DAY_TIMEX = re.compile(r"(?:[0-9]{4}|XXXX)-([0-9]{2})-([0-9]{2})")


def _range_ends(cands: list[_Cand], lo: str) -> list[_Cand]:
    """Add the bare other end of a range next to a month-day or a clock time."""
    out: list[_Cand] = []
    taken = [(c.start, c.end) for c in cands]

    def free(a: int, b: int) -> bool:
        if any(s < b and a < e for s, e in taken):
            return False
        taken.append((a, b))
        return True

    extra: list[_Cand] = []
    for c in cands:
        m = _FULL_DAY_TIMEX.fullmatch(c.timex)
        if c.type == "DATE" and m and c.in_context is None and c.kind in ("absolute", "deictic"):
            month, day = int(m.group(1)), int(m.group(2))
            if _DAY_FIRST.match(lo, c.start + 1):
                b = _DAY_BEFORE.search(lo, max(0, c.start - 16), c.start + 1)
                if b and int(b.group("d")) < day and free(b.start() - 1, b.end("d") - 1):
                    extra.append(_day_of(c, b.start() - 1, b.end("d") - 1, month, int(b.group("d"))))
            else:
                a = _DAY_AFTER.match(lo, c.end + 1)
                if a and int(a.group("d")) > day and free(a.start("d") - 1, a.end("d") - 1):
                    end = a.end() - 1 if a.group("year") else a.end("d") - 1
                    if a.group("year"):                     # "April 8-12, 2013": both ends that year
                        c = _day_of(c, c.start, c.end, month, day, int(a.group("year")))
                    extra.append(_day_of(c, a.start("d") - 1, end, month, int(a.group("d"))))
                    pos = end + 1
                    while (p := _DAY_PAIR_AFTER.match(lo, pos)) and free(p.start("a") - 1, p.end() - 1) \
                            and int(p.group("a")) < int(p.group("b")):
                        extra.append(_day_of(c, p.start("a") - 1, p.end("a") - 1, month, int(p.group("a"))))
                        extra.append(_day_of(c, p.start("b") - 1, p.end("b") - 1, month, int(p.group("b"))))
                        pos = p.end()
        clock = _CLOCK_TIMEX.fullmatch(c.timex) if c.type == "TIME" else None
        if clock and _AMPM.match(lo, c.start + 1, c.end + 1):
            b = _CLOCK_BEFORE.search(lo, max(0, c.start - 16), c.start + 1)
            b_end = b.end("mi" if b.group("mi") else "h") - 1 if b else 0
            if b and free(b.start() - 1, b_end):
                hh, mm = map(int, clock.group(1).split(":"))
                h, mi = int(b.group("h")) % 12 + (12 if hh >= 12 else 0), int(b.group("mi") or 0)
                if h * 60 + mi > hh * 60 + mm and h >= 12:      # "11-1pm": 11 a.m.
                    h -= 12
                if h * 60 + mi < hh * 60 + mm:
                    extra.append(replace(c, start=b.start() - 1, end=b_end,
                                         timex=f"XXXX-XX-XXT{h:02d}:{mi:02d}", resolve=_clock_resolver(f"{h:02d}:{mi:02d}")))
        out.append(c)
    if not extra:
        return cands
    # "April 8-12, 2013": the new end takes in the year found on its own
    out = [c for c in out if not any(x.start < c.end and c.start < x.end for x in extra)] + extra
    out.sort(key=lambda c: c.start)
    return out


def _day_of(c: _Cand, start: int, end: int, month: int, day: int, year: Optional[int] = None) -> _Cand:
    """A copy of the month-day ``c`` at ``start:end`` on ``day`` (in ``year`` when given)."""
    if year is not None or c.resolve is None:
        y = year if year is not None else c.value.start.year
        tv = _day_value(y, month, day)
        return replace(c, start=start, end=end, kind="absolute", timex=tv.value if tv else c.timex, value=tv,
                       resolve=None)
    partner = c.resolve

    def resolve(d: date, tense: str):
        _, v = partner(d, tense)
        return _as_tv(_day_value(v.start.year, month, day) or v)
    return replace(c, start=start, end=end, timex=f"XXXX-{month:02d}-{day:02d}", resolve=resolve)


_CLOCK_TIMEX = re.compile(r"XXXX-XX-XXT([0-9]{2}:[0-9]{2})")
_CLOCK_DAY_GAP = re.compile(r"\s*,?\s*")
_FULL_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _join_clock_day(cands: list[_Cand], lo: str) -> list[_Cand]:
    """"10 p.m. Wednesday", "5 p.m. EST, Nov. 6", "7pm tonight": a clock time followed by its day
    is one TIME; so is a day followed by its clock time ("this Sat, 7pm", "May 10, 2014 2pm"),
    but not across "at" ("Wednesday at 10 p.m." is two expressions, as TimeBank has it)."""
    out: list[_Cand] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        n = cands[i + 1] if i + 1 < len(cands) else None
        joined = None
        if n is not None and n.in_context is None and c.in_context is None \
                and _CLOCK_DAY_GAP.fullmatch(lo, c.end + 1, n.start + 1):
            clock = _CLOCK_TIMEX.fullmatch(c.timex) if c.type == "TIME" else None
            if clock and (n.type == "DATE" or _TONIGHT.fullmatch(n.timex)):
                joined = _at_clock(n, clock.group(1))
                if joined is not None:
                    joined.start = c.start
            clock = _CLOCK_TIMEX.fullmatch(n.timex) if n.type == "TIME" else None
            if joined is None and clock and c.type == "DATE" and _DAY_TIMEX.fullmatch(c.timex):
                joined = _at_clock(c, clock.group(1))
                if joined is not None:
                    joined.end = n.end
        if joined is not None:
            out.append(joined)
            i += 2
            continue
        out.append(c)
        i += 1
    return out


_TONIGHT = re.compile(r"XXXX-XX-XXTNI")
_DAY_TIMEX = re.compile(r"(?:[0-9]{4}|XXXX)-(?:[0-9]{2}|XX)-(?:[0-9]{2}|XX)|XXXX-WXX-[1-7]")


def _at_clock(day: _Cand, hhmm: str) -> Optional[_Cand]:
    """``day`` at ``hhmm``, or None when ``day`` is not a single day."""
    if day.resolve is not None:
        def resolve(d: date, tense: str):
            timex, value = day.resolve(d, tense)
            if value is not None and value.granularity == "day" and value.start == value.end:
                return f"{value.start.isoformat()}T{hhmm}", value     # "7pm tonight": not "...TNIT19:00"
            return (f"{timex}T{hhmm}" if _FULL_DAY.fullmatch(timex) else timex), value
        return replace(day, type="TIME", timex=f"{day.timex}T{hhmm}", resolve=resolve)
    if day.value is not None and day.value.granularity == "day" and _FULL_DAY.fullmatch(day.timex):
        return replace(day, type="TIME", timex=f"{day.timex}T{hhmm}")
    return None


def _merge_supplement(cands: list[_Cand], lo: str) -> list[_Cand]:
    """Add the supplement's candidates; one replaces the main-pass candidates inside it."""
    extra = []
    for s, e, type_, timex, fn, anchored in supplement.find(lo):
        kind = "duration" if type_ == "DURATION" else "deictic" if anchored else "absolute"
        extra.append(_Cand(s - 1, e - 1, type_, kind, timex, in_context=fn))
    if not extra:
        return cands
    extra.sort(key=lambda c: (c.start, -c.end))
    out = list(cands)
    for x in extra:
        inside = [c for c in out if x.start <= c.start and c.end <= x.end]
        clash = [c for c in out if c.start < x.end and x.start < c.end and c not in inside]
        if clash or any((c.start, c.end) == (x.start, x.end) for c in inside):
            continue
        out = [c for c in out if c not in inside] + [x]
    out.sort(key=lambda c: c.start)
    return out


def _in_context(c: _Cand, base: Optional[TimeValue], tense: str,
                quarter: Optional[TimeValue]) -> Optional[TimeValue]:
    try:
        if c.kind == "absolute":                    # "fiscal 1989": no anchor needed
            return c.in_context(supplement.Context(None, tense, quarter))
        if base is None:
            return None
        first = c.in_context(supplement.Context(base.start, tense, quarter))
        last = c.in_context(supplement.Context(base.end, tense, quarter)) if base.end != base.start else first
    except (ValueError, OverflowError):
        return None
    if first is None or last is None or first == last:
        return first if first == last else None
    return TimeValue.between(first.start, last.end, approximate=True)   # an estimated window


_QUOTE_REACH_DAYS = 365


def _sayable(day: TimeValue, doc_base: Optional[TimeValue]) -> bool:
    """Could a quote in the article have been said on ``day``? Not after the article, nor long
    before it ("the highest level since January 18, 1993. 'The dollar is likely to test it today'")."""
    return doc_base is None or doc_base.start - timedelta(days=_QUOTE_REACH_DAYS) <= day.start <= doc_base.end


def _quote_base(text: str, c: _Cand, abs_days, last_day) -> Optional[TimeValue]:
    """When a quote was said: nearest day-precise absolute date in the paragraph, else the
    latest day-precise date before it (both ``_sayable`` already)."""
    p0 = text.rfind("\n", 0, c.start) + 1
    p1 = text.find("\n", c.end)
    p1 = len(text) if p1 < 0 else p1
    best, best_dist = None, None
    for start, value in abs_days:
        if p0 <= start < p1 and start != c.start:
            dist = abs(start - c.start)
            if best_dist is None or dist < best_dist:
                best, best_dist = value, dist
    return best or last_day
