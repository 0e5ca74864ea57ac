"""Normalised time values: a TIMEX3-style value string plus the interval it covers.

Every date Storyline handles is a ``TimeValue``. The interval (``start``..``end``,
both inclusive calendar days) is what makes values of different granularities
comparable: ``2023-11`` contains ``2023-11-05``; ``2005`` and ``2007`` are disjoint.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

# Ordered from finest to coarsest; "range" is an interval that is not one calendar unit.
GRANULARITIES = ("day", "week", "month", "season", "quarter", "year", "decade", "century", "range")

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
# English names, shared by the rule sets: the months in order, the seasons with their TIMEX3 codes.
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july",
               "august", "september", "october", "november", "december")
SEASON_CODES = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}


@dataclass(frozen=True)
class TimeValue:
    """A normalised date: ``value`` at ``granularity``, covering ``start``..``end``.

    ``start``/``end`` are ``None`` when the value is underspecified (``XXXX-11``).
    ``approximate`` marks "about", "nearly", estimated anchors and similar.
    ``mod`` is the TIMEX3 modifier (START, MID, END, APPROX, BEFORE, AFTER, ...).
    """

    value: str
    granularity: str
    start: date | None
    end: date | None
    approximate: bool = False
    mod: str | None = None

    # -- constructors -------------------------------------------------------
    @classmethod
    def day(cls, d: date, approximate: bool = False) -> "TimeValue":
        return cls(d.isoformat(), "day", d, d, approximate)

    @classmethod
    def month(cls, year: int, month: int, approximate: bool = False) -> "TimeValue":
        last = calendar.monthrange(year, month)[1]
        return cls(f"{year:04d}-{month:02d}", "month", date(year, month, 1), date(year, month, last), approximate)

    @classmethod
    def year(cls, year: int, approximate: bool = False) -> "TimeValue":
        return cls(f"{year:04d}", "year", date(year, 1, 1), date(year, 12, 31), approximate)

    @classmethod
    def week(cls, year: int, week: int, approximate: bool = False) -> "TimeValue":
        start = date.fromisocalendar(year, week, 1)
        return cls(f"{year:04d}-W{week:02d}", "week", start, start + timedelta(days=6), approximate)

    @classmethod
    def season(cls, year: int, code: str, approximate: bool = False) -> "TimeValue":
        first, last = _SEASON_MONTHS[code]
        end_year = year + 1 if code == "WI" else year
        start = date(year, first, 1)
        end = date(end_year, last, calendar.monthrange(end_year, last)[1])
        return cls(f"{year:04d}-{code}", "season", start, end, approximate)

    @classmethod
    def quarter(cls, year: int, q: int, approximate: bool = False) -> "TimeValue":
        first = 3 * (q - 1) + 1
        start = date(year, first, 1)
        end = date(year, first + 2, calendar.monthrange(year, first + 2)[1])
        return cls(f"{year:04d}-Q{q}", "quarter", start, end, approximate)

    @classmethod
    def decade(cls, decade_start: int, approximate: bool = False) -> "TimeValue":
        return cls(f"{decade_start // 10:03d}", "decade", date(decade_start, 1, 1), date(decade_start + 9, 12, 31), approximate)

    @classmethod
    def between(cls, start: date, end: date, approximate: bool = True) -> "TimeValue":
        """An interval that is not a single calendar unit (e.g. an estimate)."""
        if start > end:
            start, end = end, start
        if start == end:
            return cls.day(start, approximate)
        return cls(f"{start.isoformat()}/{end.isoformat()}", "range", start, end, approximate)

    @classmethod
    def from_iso(cls, text: str) -> "TimeValue":
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (also the start/end of a ``A/B`` range)."""
        text = text.strip()
        if "/" in text:
            a, b = text.split("/", 1)
            return cls.between(cls.from_iso(a).start, cls.from_iso(b).end, approximate=False)
        parts = text.split("-")
        if len(parts) == 1:
            return cls.year(int(parts[0]))
        if len(parts) == 2:
            return cls.month(int(parts[0]), int(parts[1]))
        return cls.day(date(int(parts[0]), int(parts[1]), int(parts[2])))

    # -- relations ----------------------------------------------------------
    @property
    def specified(self) -> bool:
        return self.start is not None and self.end is not None

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1 if self.specified else 10**9

    def overlaps(self, other: "TimeValue") -> bool:
        if not (self.specified and other.specified):
            return False
        return self.start <= other.end and other.start <= self.end

    def contains(self, other: "TimeValue") -> bool:
        if not (self.specified and other.specified):
            return False
        return self.start <= other.start and other.end <= self.end

    def compatible(self, other: "TimeValue") -> bool:
        """Could both describe the same moment? Nested or (for approximate values) overlapping."""
        if self.contains(other) or other.contains(self):
            return True
        return (self.approximate or other.approximate) and self.overlaps(other)

    def sort_key(self) -> tuple:
        """Order by start, then finer first."""
        return (self.start or date.max, self.days, self.value)

    def to_dict(self) -> dict:
        return {
            "value": self.value,
            "granularity": self.granularity,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "approximate": self.approximate,
        }

    @classmethod
    def from_dict(cls, d: dict) -> "TimeValue":
        return cls(
            d["value"],
            d["granularity"],
            date.fromisoformat(d["start"]) if d.get("start") else None,
            date.fromisoformat(d["end"]) if d.get("end") else None,
            bool(d.get("approximate")),
            d.get("mod"),
        )

    def __str__(self) -> str:
        return ("~" if self.approximate else "") + self.value
