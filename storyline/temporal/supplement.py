"""Second-pass temporal rules: the expressions of business, broadcast and informal news.

``RuleTagger`` runs these after its main scan. They add what the main rules leave out —
vague references ("recently", "the near future", "the current quarter"), fiscal and reporting
periods ("third-quarter", "the year-ago quarter", "fiscal 1989", "the first nine months"),
years spelled out as broadcast transcripts write them ("nineteen ninety-six"), holidays
("Christmas", "Thanksgiving") and the forms of posts ("this Sat") — and a candidate
found here replaces main-pass candidates that lie inside it ("fiscal 1989" over "1989").
A DURATION rule's value is read from its ``n`` and ``unit`` groups (``_duration_value``).
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Callable, Optional

from .value import MONTH_NAMES, SEASON_CODES, TimeValue

_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_NUM = {**_ONES, **_TEENS, **_TENS, "a": 1, "an": 1, "several": None, "few": None, "a few": None}
_QUARTER = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_UNIT_CODE = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y", "hour": "TH"}

_W = r"(?![a-z0-9])"
_TWO_DIGIT_WORDS = (r"(?:(?:" + "|".join(_TENS) + r")(?:[\s-](?:" + "|".join(_ONES) + r"))?|"
                    + "|".join(_TEENS) + ")")
_AMOUNT = (r"(?P<n>[0-9]{1,3}|a\s+few|several|few|" + "|".join(sorted({**_ONES, **_TEENS, **_TENS}, key=len,
                                                                         reverse=True)) + ")")
_UNITS = r"(?P<unit>days?|weeks?|months?|quarters?|years?|hours?)"


def _words_number(s: str) -> Optional[int]:
    s = re.sub(r"[\s-]+", " ", s.strip())
    if s in _NUM:
        return _NUM[s]
    parts = s.split(" ")
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _ONES:
        return _TENS[parts[0]] + _ONES[parts[1]]
    return None


def _amount(s: str) -> Optional[int]:
    return int(s) if s.isdigit() else _words_number(s)


def _unit(u: str) -> str:
    return u[:-1] if u.endswith("s") else u


class Context:
    """What a resolver may look at: the anchor day, the tense, and the latest reporting quarter."""

    __slots__ = ("day", "tense", "quarter")

    def __init__(self, day, tense: str, quarter: Optional[TimeValue]):
        self.day, self.tense, self.quarter = day, tense, quarter


def _dct_quarter(ctx: Context, back: int = 0) -> TimeValue:
    q = (ctx.day.month - 1) // 3 + 1 - back
    y = ctx.day.year
    while q < 1:
        q, y = q + 4, y - 1
    return TimeValue.quarter(y, q)


def _reporting_quarter(ctx: Context) -> TimeValue:
    """The quarter under discussion: the latest one mentioned, else the last completed one."""
    return ctx.quarter or _dct_quarter(ctx, back=1)


def year_before(quarter: TimeValue) -> TimeValue:
    return TimeValue.quarter(quarter.start.year - 1, (quarter.start.month - 1) // 3 + 1)


def _year_ago(ctx: Context) -> TimeValue:
    return year_before(ctx.quarter) if ctx.quarter is not None else TimeValue.year(ctx.day.year - 1)


# A rule: (pattern on the lower-cased text, type, fixed timex or None, resolver or None).
# A resolver gets the Context and returns a TimeValue; a fixed timex has no calendar value.
Resolver = Callable[[Context], TimeValue]
_RULES: list[tuple] = []


def _rule(pattern: str, type_: str = "DATE", timex: Optional[str] = None,
          underspecified: Optional[Callable] = None, anchored=True):
    """Register a rule. ``underspecified(match)`` is the timex when there is no anchor to
    resolve against ("XXXX-Q3"); ``anchored`` (a bool, or a function of the match) says whether
    the resolver needs the anchor day at all ("fiscal 1989" does not)."""
    def register(fn: Optional[Callable] = None):
        _RULES.append((pattern, type_, timex, fn, underspecified, anchored))
        return fn
    return register


# -- references --------------------------------------------------------------
# Only the references that TimeBank annotators tag more often than not: "soon", "previously",
# an adjectival "recent"/"future" and "at the time" are left out (measured on the development
# split, where each was wrong more often than right). An adjectival "current" ("current
# market conditions") is tagged 7 times in 11 there, so it stays; not the accounting terms.
for _pat, _timex in [
    (r"recently|lately|formerly", "PAST_REF"),
    (r"(?<=in\s)the\s+near\s+future|(?<=\binto\s)the\s+future|(?<=\babout\s)the\s+future"
     r"|the\s+short\s+term|the\s+near\s+term|(?<=in\s)coming\s+(?:days|weeks|months|years)", "FUTURE_REF"),
    (r"now|currently|nowadays|at\s+present|these\s+days", "PRESENT_REF"),
    (r"current(?=\s+(?!account|asset|liabilit|ratio|yield|dollar|affair|event|rate)[a-z])"
     r"(?!\s+(?:fiscal\s+)?(?:year|quarter|month|week|period|season)\b)", "PRESENT_REF"),
]:
    _rule(_pat, "DATE", _timex)()

_rule(r"(?P<n>recent|past)\s+(?P<unit>years|months|weeks|days|quarters)", "DURATION")()


# -- reporting periods ----------------------------------------------------------
@_rule(r"(?P<q>first|second|third|fourth)[\s-]+quarter" + _W,
       underspecified=lambda m: f"XXXX-Q{_QUARTER[m.group('q')]}")
def _quarter(m, ctx: Context) -> TimeValue:
    q = _QUARTER[m.group("q")]
    cur = (ctx.day.month - 1) // 3 + 1
    y = ctx.day.year
    if ctx.tense == "future":
        y += q < cur - 1                        # the quarter just ended is still reported on
    else:
        y -= q > cur
    return TimeValue.quarter(y, q)


@_rule(r"the\s+(?P<latest>latest|most\s+recent|recent)?\s*(?:same\s+|fiscal\s+)?(?:quarter|period)" + _W)
def _the_quarter(m, ctx: Context) -> TimeValue:
    return _dct_quarter(ctx, back=1) if m.group("latest") else _reporting_quarter(ctx)


@_rule(r"the\s+current\s+(?:fiscal\s+)?(?P<unit>year|quarter|month|week|period)" + _W)
def _current(m, ctx: Context) -> TimeValue:
    u = m.group("unit")
    if u in ("quarter", "period"):
        return _dct_quarter(ctx)
    if u == "year":
        return TimeValue.year(ctx.day.year)
    if u == "month":
        return TimeValue.month(ctx.day.year, ctx.day.month)
    iy, iw, _ = ctx.day.isocalendar()
    return TimeValue.week(iy, iw)


@_rule(r"(?:the\s+)?(?:comparable\s+|corresponding\s+)?year[\s-](?:ago|earlier)\s+(?:(?:first|second|third|fourth)"
       r"\s+)?(?:period|quarter|nine\s+months|six\s+months)" + _W + r"|year-(?:ago|earlier)" + _W)
def _year_ago_rule(m, ctx: Context) -> TimeValue:
    return _year_ago(ctx)


@_rule(r"fiscal\s+(?:year\s+)?(?P<y>(?:19|20)[0-9]{2}|['’][0-9]{2})" + _W, anchored=False)
def _fiscal(m, ctx: Context) -> TimeValue:
    y = m.group("y").lstrip("'’")
    return TimeValue.year(int(y) if len(y) == 4 else 1900 + int(y) if int(y) > 30 else 2000 + int(y))


@_rule(r"the\s+(?P<y>(?:19|20)[0-9]{2})\s+(?:(?P<q>first|second|third|fourth)\s+)?(?:quarter|period|season)"
       + _W, anchored=False)
def _year_period(m, ctx: Context) -> TimeValue:
    y = int(m.group("y"))
    return TimeValue.quarter(y, _QUARTER[m.group("q")]) if m.group("q") else TimeValue.year(y)


@_rule(r"(?P<which>this|next|last)\s+year['’]s\s+(?P<q>first|second|third|fourth)\s+quarter" + _W)
def _year_s_quarter(m, ctx: Context) -> TimeValue:
    dy = {"this": 0, "next": 1, "last": -1}[m.group("which")]
    return TimeValue.quarter(ctx.day.year + dy, _QUARTER[m.group("q")])


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@_rule(r"(?P<t>noon|midnight)\s+(?:on\s+)?(?P<wd>" + "|".join(_WEEKDAYS) + ")" + _W, "TIME",
       underspecified=lambda m: f"XXXX-WXX-{_WEEKDAYS.index(m.group('wd')) + 1}")
def _time_weekday(m, ctx: Context) -> TimeValue:
    wd, d = _WEEKDAYS.index(m.group("wd")), ctx.day
    ahead = (wd - d.weekday()) % 7
    if ctx.tense == "future":
        delta = ahead
    elif ctx.tense == "present":
        delta = ahead if ahead <= 3 else ahead - 7
    else:
        delta = -((d.weekday() - wd) % 7)
    return TimeValue.day(d + timedelta(days=delta))


@_rule(r"(?<=\bfor\s)the\s+(?:full\s+|fiscal\s+)?year(?!\s+(?:ended|ending|to|through))" + _W
       + r"|the\s+full\s+year" + _W)
def _the_year(m, ctx: Context) -> TimeValue:
    return TimeValue.year(ctx.day.year)


_rule(r"(?:(?<=\bfor\s)|(?<=\bin\s))the\s+(?:fiscal\s+)?year(?=\s+(?:ended|ending))", "DURATION")()


@_rule(r"(?:the\s+)?year[\s-]end(?!\s+[0-9])" + _W)
def _year_end(m, ctx: Context) -> TimeValue:
    """"by year-end": the end of this year (of last year, early in a year, in the past tense)."""
    y = ctx.day.year - (ctx.tense == "past" and ctx.day.month <= 3)
    return replace(TimeValue.year(y), mod="END")
_rule(r"every\s+quarter", "SET", "P1Q")()


# -- holidays and the informal forms of posts -------------------------------------
def _easter(year: int):
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    return date(year, month, (h + l_ - 7 * m + 114) % 31 + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int):
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    if n < 0:                                   # the last one
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        day = nxt - timedelta(days=(nxt.weekday() - weekday - 1) % 7 + 1)
    return day


_HOLIDAYS = {
    "christmas eve": lambda y: (y, 12, 24), "christmas day": lambda y: (y, 12, 25),
    "christmas": lambda y: (y, 12, 25), "xmas": lambda y: (y, 12, 25),
    "new year's eve": lambda y: (y, 12, 31), "new year's day": lambda y: (y, 1, 1),
    "halloween": lambda y: (y, 10, 31), "valentine's day": lambda y: (y, 2, 14),
    "independence day": lambda y: (y, 7, 4), "the fourth of july": lambda y: (y, 7, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4), "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "easter sunday": _easter, "easter": _easter,
    "mother's day": lambda y: _nth_weekday(y, 5, 6, 2), "father's day": lambda y: _nth_weekday(y, 6, 6, 3),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1), "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
}


def _holiday_name(m) -> str:
    name = re.sub(r"\s+", " ", m.group("name").replace("’", "'"))
    return next(k for k in _HOLIDAYS if k.replace("'", "") == name.replace("'", ""))


def _holiday_timex(m) -> str:
    d = _HOLIDAYS[_holiday_name(m)](2001)
    return f"XXXX-{d[1]:02d}-{d[2]:02d}" if isinstance(d, tuple) else "XXXX-XX-XX"


def _holiday_day(name: str, year: int):
    d = _HOLIDAYS[name](year)
    return d if isinstance(d, date) else date(*d)


@_rule(r"(?:(?P<rel>this|next|last)\s+)?(?P<name>" + "|".join(
    re.escape(k).replace("'", "['’]?").replace(r"\ ", r"\s+") for k in sorted(_HOLIDAYS, key=len, reverse=True))
       + r")(?:\s+(?P<y>(?:19|20)[0-9]{2}))?" + _W,
       underspecified=lambda m: _holiday_timex(m), anchored=lambda m: m.group("y") is None)
def _holiday(m, ctx: Context) -> TimeValue:
    name = _holiday_name(m)
    if m.group("y"):
        return TimeValue.day(_holiday_day(name, int(m.group("y"))))
    rel, y = m.group("rel"), ctx.day.year
    this = _holiday_day(name, y)
    if rel == "last" or (rel is None and ctx.tense == "past"):
        return TimeValue.day(this if this <= ctx.day else _holiday_day(name, y - 1))
    if rel == "next" or ctx.tense == "future":
        return TimeValue.day(this if this >= ctx.day else _holiday_day(name, y + 1))
    if rel == "this":
        return TimeValue.day(this)
    near = min((_holiday_day(name, yy) for yy in (y - 1, y, y + 1)), key=lambda d: abs((d - ctx.day).days))
    return TimeValue.day(near)


# -- measures of a period -------------------------------------------------------
_rule(r"the\s+(?:first|latest|final|same|initial)?\s*" + _AMOUNT + r"\s+" + _UNITS + _W, "DURATION")()


_rule(r"(?P<n>[0-9]{1,3})\s+1/2\s+(?P<unit>years?|months?|hours?|days?)" + _W, "DURATION")()  # "2 1/2 years"


# -- years spelled out -------------------------------------------------------------
@_rule(r"(?:the\s+year\s+)?nineteen[\s-]+(?P<yy>" + _TWO_DIGIT_WORDS + r"|hundred)" + _W, anchored=False)
def _spelled_year(m, ctx) -> Optional[TimeValue]:
    yy = m.group("yy")
    n = 0 if yy == "hundred" else _words_number(yy)
    return None if n is None else TimeValue.year(1900 + n)


@_rule(r"(?:(?P<mon>" + "|".join(MONTH_NAMES) + r")|(?:the\s+)?(?P<season>spring|summer|fall|autumn|winter)\s+of)"
       r",?\s+nineteen[\s-]+(?P<yy>" + _TWO_DIGIT_WORDS + r")" + _W, anchored=False)
def _spelled_month_year(m, ctx) -> Optional[TimeValue]:
    """"January nineteen ninety-seven", "the winter of nineteen ninety-four": one date."""
    n = _words_number(m.group("yy"))
    if n is None:
        return None
    if m.group("mon"):
        return TimeValue.month(1900 + n, MONTH_NAMES.index(m.group("mon")) + 1)
    return TimeValue.season(1900 + n, SEASON_CODES[m.group("season")])


@_rule(r"the\s+year\s+two\s+thousand(?:\s+(?:and\s+)?(?P<yy>" + _TWO_DIGIT_WORDS + r"))?" + _W,
       anchored=False)
def _spelled_2000s(m, ctx) -> Optional[TimeValue]:
    n = _words_number(m.group("yy")) if m.group("yy") else 0
    return None if n is None else TimeValue.year(2000 + n)


_HALF = {"year": ("Y", 6, "M"), "month": ("M", 15, "D"), "hour": ("TH", 30, "M"), "day": ("D", 12, "H")}


def _duration_value(m: re.Match) -> str:
    if "n" not in m.re.groupindex:              # "the year ended Sept. 30"
        return "P1Y"
    if "1/2" in m.group(0):                     # "2 1/2 years" -> P2Y6M
        code, half, half_code = _HALF[_unit(m.group("unit"))]
        n = m.group("n")
        if code == "TH":
            return f"PT{n}H{half}M"
        return f"P{n}{code}T{half}{half_code}" if half_code == "H" else f"P{n}{code}{half}{half_code}"
    n = m.group("n")
    unit = _unit(m.group("unit"))
    amount = "X" if n in ("recent", "past") else _amount(n)
    amount = "X" if amount is None else amount
    code = _UNIT_CODE[unit]
    return f"PT{amount}H" if code == "TH" else f"P{amount}{code}"


_BOUNDARY_BEFORE, _BOUNDARY_AFTER = r"(?<![a-z0-9'’-])", r"(?![a-z0-9])"
_COMPILED = [(re.compile(r"(?:" + pat + ")" + _BOUNDARY_AFTER), type_, timex, fn, under, anchored)
             for pat, type_, timex, fn, under, anchored in _RULES]
# One scan finds where any rule may match; the rules are then tried there, longest match first.
_ANY = re.compile(_BOUNDARY_BEFORE + "(?:" + "|".join(re.sub(r"\(\?P<\w+>", "(?:", pat) for pat, *_ in _RULES)
                  + ")" + _BOUNDARY_AFTER)


def find(lo: str):
    """Yield (start, end, type, timex, resolver, anchored) over the lower-cased text ``lo``.

    ``resolver`` is None for fixed values; otherwise it maps a Context to a TimeValue (or None),
    and ``timex`` is the underspecified value to use when there is nothing to resolve against.
    ``anchored`` is False when the resolver does not need the anchor day.
    """
    pos = 0
    while True:
        hit = _ANY.search(lo, pos)
        if hit is None:
            return
        at = hit.start()
        best = None
        for rule in _COMPILED:
            m = rule[0].match(lo, at)
            if m and (best is None or m.end() > best[0].end()):
                best = (m, *rule[1:])
        pos = at + 1
        if best is None:
            continue
        m, type_, timex, fn, under, anchored = best
        pos = m.end()
        if type_ == "DURATION" and timex is None:
            yield m.start(), m.end(), type_, _duration_value(m), None, False
        elif fn is None:
            yield m.start(), m.end(), type_, timex, None, False
        else:
            anchored = anchored(m) if callable(anchored) else anchored
            yield (m.start(), m.end(), type_, under(m) if under else "XXXX",
                   (lambda ctx, m=m, fn=fn: fn(m, ctx)), anchored)
