"""Temporal expressions: find them in text and normalise them to ``TimeValue``s.

The rest of Storyline only talks to the ``TemporalTagger`` interface below, so the
rule-based tagger used today can be replaced by a fuller temporal engine.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol, Union

from .value import GRANULARITIES, TimeValue

# A document creation time: a known day, an estimated window (earliest, latest), or unknown.
Anchor = Union[date, tuple[date, date], None]

# The time zones a clock time may carry ("5 p.m. EST", "20:24 UTC"), lower case. The tagger reads
# them as part of the time; summaries and entity resolution know them as page furniture.
TIME_ZONES = ("et", "est", "edt", "ct", "cst", "cdt", "mst", "mdt", "pt", "pst", "pdt",
              "gmt", "utc", "bst", "cet", "cest", "eet", "eest", "ist", "jst")


@dataclass(frozen=True)
class TimeExpression:
    """One temporal expression found in a text.

    ``start``/``end`` are character offsets into the tagged text (``text[start:end] == self.text``).
    ``type`` is the TIMEX3 type: DATE, TIME, DURATION or SET.
    ``timex`` is the TIMEX3 value string (``2023-11-05``, ``XXXX-11``, ``P1Y``, ``PRESENT_REF``...).
    ``value`` is the resolved calendar interval, or ``None`` when the expression is not a
    point/period on the calendar (durations, sets) or could not be anchored.
    ``kind`` says how it was resolved: ``absolute`` (fully given), ``deictic`` (relative to the
    time of writing/speaking: "yesterday", "in November"), ``anaphoric`` (relative to a date
    mentioned before: "a year later"), ``duration`` or ``set``.
    ``tense`` is the tense of the clause it sits in: ``past``, ``present`` or ``future``.
    ``label`` says it heads a list entry, as in a chronology ("February 17 - Activists designate ...").
    """

    start: int
    end: int
    text: str
    type: str
    timex: str
    value: TimeValue | None
    kind: str
    tense: str = "past"
    mod: str | None = None
    label: bool = False


class TemporalTagger(Protocol):
    def tag(self, text: str, anchor: Anchor = None) -> list[TimeExpression]:
        """Find and normalise the temporal expressions of one document, in text order."""
        ...


def default_tagger() -> TemporalTagger:
    from .rules import RuleTagger

    return RuleTagger()


__all__ = ["Anchor", "GRANULARITIES", "TemporalTagger", "TimeExpression", "TimeValue", "default_tagger"]
