"""Event merging and conflicts on hand-made mentions (the sample-corpus tests run the real pipeline)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from itertools import combinations

from storyline.model import EventMention, Source
from storyline.resolve import _Cluster, merge_events
from storyline.temporal.value import TimeValue

FOCUS = "Mark Ballas"
NAMES = {"mark ballas": FOCUS, "ballas": FOCUS, "charli d'amelio": "Charli D'Amelio"}


def mention(doc, start, date, etype, terms, participants=(FOCUS,), agents=(FOCUS,), summary="x happened"):
    return EventMention(
        doc=doc, source=Source(doc, f"sentence {doc} {start}", start, start + 10),
        date=TimeValue.from_iso(date) if date else None, tense="past", event_type=etype,
        summary=summary, participants=list(participants), terms=list(terms), agents=list(agents))


def test_once_only_event_with_disjoint_dates_is_a_conflict_not_a_choice():
    events, conflicts = merge_events([
        mention("a", 0, "2005", "join", ["move", "floor"]),
        mention("b", 0, "2007", "join", ["program", "compet"]),
    ], FOCUS, NAMES)
    assert len(conflicts) == 1
    assert sorted(c.date.value for c in conflicts[0].claims) == ["2005", "2007"]
    assert all(e.conflict == conflicts[0].id for e in events)


def test_no_conflict_when_the_entity_is_not_the_subject():
    events, conflicts = merge_events([
        mention("a", 0, "2010-04-20", "death", ["worker", "explos"], agents=["workers"]),
        mention("b", 0, "2010-05-21", "death", ["worker", "rig"], agents=["workers"]),
    ], FOCUS, NAMES)
    assert conflicts == [] and len(events) == 2


def test_nested_dates_merge_and_the_finest_date_wins():
    events, _ = merge_events([
        mention("a", 0, "2023-11", "birth", ["birth", "son"], summary="The couple gave birth to their son"),
        mention("a", 50, "2023-11-05", "birth", ["welcom", "son", "earth"], summary="Ballas captioning the post"),
    ], FOCUS, NAMES)
    assert len(events) == 1
    assert events[0].date.value == "2023-11-05" and len(events[0].sources) == 2
    assert events[0].summary == "The couple gave birth to their son"


def test_undated_report_adds_its_source_to_the_dated_event():
    events, _ = merge_events([
        mention("a", 0, "2022", "win", ["win", "mirrorbal", "trophi"], participants=[FOCUS, "Charli D'Amelio"]),
        mention("b", 0, None, "win", ["won", "mirrorbal", "trophi"], participants=[FOCUS, "Charli D'Amelio"]),
        mention("c", 0, None, None, ["tour", "stop"]),  # matches nothing: not in the timeline
    ], FOCUS, NAMES)
    assert len(events) == 1 and {s.doc for s in events[0].sources} == {"a", "b"}


def test_repeatable_events_at_different_dates_stay_apart_without_conflict():
    events, conflicts = merge_events([
        mention("a", 0, "2007", "win", ["win", "mirrorbal", "trophi"]),
        mention("b", 0, "2008", "win", ["win", "mirrorbal", "trophi"]),
    ], FOCUS, NAMES)
    assert len(events) == 2 and conflicts == []


def test_an_undated_report_cannot_turn_a_misdated_aside_into_a_conflict():
    # "A year on from his death, tributes were paid" (2010; he is not the subject) and an undated
    # "the house where he died" must not stand against the real date of death.
    events, conflicts = merge_events([
        mention("a", 0, "2009-06-25", "death", ["die", "cardiac", "arrest"]),
        mention("b", 0, "2010", "death", ["tribut", "paid", "death"], agents=[]),
        mention("b", 90, None, "death", ["hous", "die", "tribut", "paid"]),
    ], FOCUS, NAMES)
    assert conflicts == []



def test_a_cluster_accepts_exactly_the_dates_compatible_with_all_of_its_dates():
    # the bounds that reject most candidates early must never change a verdict
    values = [TimeValue.from_iso(v) for v in ("2010", "2010-04", "2010-04-20", "2010-04-21", "2010-05-02", "2011")]
    values += [TimeValue.between(date(2010, 4, 18), date(2010, 4, 22)), TimeValue.day(date(2010, 4, 20), True),
               TimeValue.season(2010, "SP"), TimeValue("XXXX-04", "month", None, None, False)]
    for size in (1, 2, 3):
        for dates in combinations(values, size):
            first, *rest = [replace(mention("a", 10 * i, None, "death", ["rig"]), date=d) for i, d in enumerate(dates)]
            cluster = _Cluster(first, set(), False)
            for m in rest:
                cluster.add(m, set())
            for v in values + [None]:
                assert cluster.accepts_date(v) == (v is None or all(v.compatible(d) for d in dates)), (dates, v)
