"""Tests of the rule-based temporal tagger (storyline.temporal.rules)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from storyline.temporal import TimeExpression, TimeValue, default_tagger
from storyline.temporal.rules import RuleTagger, clause_tense

ANCHOR = date(2023, 12, 14)
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "ballas"


@pytest.fixture(scope="module")
def tagger() -> RuleTagger:
    return RuleTagger()


def tag(tagger, text, anchor=ANCHOR) -> list[TimeExpression]:
    exprs = tagger.tag(text, anchor)
    for e in exprs:                                   # offsets always point into the original text
        assert text[e.start:e.end] == e.text
    assert all(a.end <= b.start for a, b in zip(exprs, exprs[1:])), "sorted and non-overlapping"
    return exprs


def one(tagger, text, expr_text, anchor=ANCHOR) -> TimeExpression:
    found = [e for e in tag(tagger, text, anchor) if e.text == expr_text]
    assert found, f"{expr_text!r} not found in {[e.text for e in tag(tagger, text, anchor)]}"
    return found[0]


def texts(tagger, text, anchor=ANCHOR) -> list[str]:
    return [e.text for e in tag(tagger, text, anchor)]


def test_default_tagger_is_rule_tagger():
    assert isinstance(default_tagger(), RuleTagger)


# -- absolute dates ---------------------------------------------------------------
@pytest.mark.parametrize("text, expr, value, granularity", [
    ("Ballas posted on October 30, 2023.", "October 30, 2023", "2023-10-30", "day"),
    ("It happened on 30 October 2023.", "30 October 2023", "2023-10-30", "day"),
    ("It happened on Oct. 30, 2023.", "Oct. 30, 2023", "2023-10-30", "day"),
    ("Filed 2023-10-30 by the clerk.", "2023-10-30", "2023-10-30", "day"),
    ("On June 26, 2023, Ballas shared a reel.", "June 26, 2023", "2023-06-26", "day"),
    ("On Thursday , 28 May 2009 he wrote.", "Thursday , 28 May 2009", "2009-05-28", "day"),
    ("Banksi Wylde Ballas 11 / 5 / 23.", "11 / 5 / 23", "2023-11-05", "day"),
    ("Born 11/5/2023 in LA.", "11/5/2023", "2023-11-05", "day"),
    ("For example, in August 2023, Ballas shared a video.", "August 2023", "2023-08", "month"),
    ("He told the audience back in March 2023.", "March 2023", "2023-03", "month"),
    ("He took a break in 2022, with one song.", "2022", "2022", "year"),
    ("Things were different in the 1990s.", "the 1990s", "199", "decade"),
    ("Sales fell in the first quarter of 2023.", "the first quarter of 2023", "2023-Q1", "quarter"),
    ("Sales fell in 2023-Q1.", "2023-Q1", "2023-Q1", "quarter"),
    ("They toured in summer 2023.", "summer 2023", "2023-SU", "season"),
    ("They toured in the summer of 2023.", "the summer of 2023", "2023-SU", "season"),
])
def test_absolute(tagger, text, expr, value, granularity):
    for anchor in (ANCHOR, None):
        e = one(tagger, text, expr, anchor)
        assert e.kind == "absolute" and e.type == "DATE"
        assert e.value.value == value and e.value.granularity == granularity
        assert e.timex == value


def test_absolute_modifiers(tagger):
    e = one(tagger, "The album came out in early December 2023.", "early December 2023")
    assert (e.value.value, e.value.granularity, e.value.mod, e.mod) == ("2023-12", "month", "START", "START")
    assert (e.value.start, e.value.end) == (date(2023, 12, 1), date(2023, 12, 31))
    e = one(tagger, "The deal closed by mid-2023.", "mid-2023")
    assert (e.value.value, e.mod) == ("2023", "MID")
    e = one(tagger, "It started in late 2022.", "late 2022")
    assert (e.value.value, e.mod, e.value.mod) == ("2022", "END", "END")


def test_two_digit_year_follows_anchor(tagger):
    assert one(tagger, "Posted 3/1/25.", "3/1/25", date(2025, 3, 2)).value.value == "2025-03-01"
    assert one(tagger, "Posted 3/1/25.", "3/1/25", date(2023, 3, 2)).value.value == "1925-03-01"
    assert one(tagger, "Posted 3/1/25.", "3/1/25", None).value.value == "2025-03-01"


# -- things that are not dates -------------------------------------------------------
@pytest.mark.parametrize("text", [
    "I started this journey when I was 21, 22.",
    "It may be nominated for an Oscar.",
    "Ballas won Season 31 of the show.",
    "It is in the top 15 animated short films. Only 5 films will make the cut.",
    "The government asked for $20 billion in damages and 40,000 barrels leaked.",
    "It killed 11 people in room 2023.",
    "It cost $2022, or 2,022 dollars.",
    "He is 21 years old and has a 5-year-old son.",
])
def test_non_dates(tagger, text):
    assert texts(tagger, text) == []


def test_vague_reference_has_no_calendar_value(tagger):
    e = one(tagger, "We recently found out about it.", "recently")
    assert (e.type, e.timex, e.value) == ("DATE", "PAST_REF", None)


def test_clock_needs_am_pm(tagger):
    assert texts(tagger, "He scored 10 goals.") == []
    e = one(tagger, "The show starts at 9 p.m. and ends at 10 am.", "9 p.m.")
    assert (e.type, e.timex, e.value) == ("TIME", "2023-12-14T21:00", TimeValue.day(ANCHOR))
    assert one(tagger, "Doors open 9:30 am.", "9:30 am").timex == "2023-12-14T09:30"
    e = one(tagger, "At 8:45 pm on 03 Jun 2009 , he wrote", "8:45 pm")
    assert e.timex == "2009-06-03T20:45"


# -- deictic expressions ----------------------------------------------------------------
def test_month_without_year_follows_tense(tagger):
    e = one(tagger, "The couple gave birth to their son in November.", "November")
    assert (e.value, e.kind, e.tense) == (TimeValue.month(2023, 11), "deictic", "past")
    e = one(tagger, "Ballas will perform in November.", "November")
    assert (e.value, e.tense) == (TimeValue.month(2024, 11), "future")
    e = one(tagger, "He left in November.", "November", date(2024, 3, 1))
    assert e.value == TimeValue.month(2023, 11)


def test_a_chronology_label_takes_no_tense_from_its_entry(tagger):
    chronology = ("Below is a timeline of the spill .\n"
                  "April 20 , 2010 - Explosion and fire on the rig .\n"
                  "April 30 - An Obama aide says no drilling will be allowed .\n"
                  "* May 2: BP will pay for the clean-up .\n"
                  "The rig sank on April 22 - a disaster .\n")
    july = date(2010, 7, 23)
    e = one(tagger, chronology, "April 30", july)
    assert (e.timex, e.label, e.tense) == ("2010-04-30", True, "present")   # not next year's, for "will"
    assert one(tagger, chronology, "May 2", july).label
    assert one(tagger, chronology, "April 20 , 2010", july).label
    assert not one(tagger, chronology, "April 22", july).label              # inside a sentence
    assert one(tagger, "Ballas will perform on April 30 - the final show .", "April 30", july).timex == "2011-04-30"
    # the first entry, run into the list's introduction after its colon (a scraped page's lost line break)
    glued = "Below is a timeline of the spill : April 20 , 2010 - Explosion and fire on the rig ."
    assert one(tagger, glued, "April 20 , 2010", july).label
    assert not one(tagger, "He said : April 22 was a disaster .", "April 22", july).label   # no dash after it
    # an entry for two days ("\\/" as scraped pages print the slash) is headed by its first
    assert one(tagger, "May 11\\/12 - BP executives appear at hearings .", "May 11", july).label
    assert one(tagger, "Timeline :\nMay 11/12 , 2010 - BP executives appear at hearings .", "May 11", july).label


def test_early_month_without_year(tagger):
    e = one(tagger, "They announced the news in early December via social media.", "early December")
    assert (e.value.value, e.value.granularity, e.mod, e.value.mod) == ("2023-12", "month", "START", "START")


@pytest.mark.parametrize("text, expr, value, granularity, approximate", [
    ("I saw him yesterday.", "yesterday", "2023-12-13", "day", False),
    ("I will see him tmrw.", "tmrw", "2023-12-15", "day", False),
    ("Voting starts tmw.", "tmw", "2023-12-15", "day", False),
    ("It was a week ago.", "a week ago", "2023-W49", "week", False),
    ("It was a month ago.", "a month ago", "2023-11", "month", False),
    ("It was two weeks ago.", "two weeks ago", "2023-W48", "week", False),
    ("It was 3 days ago.", "3 days ago", "2023-12-11", "day", False),
    ("It was a couple of days ago.", "a couple of days ago", "2023-12-12", "day", False),
    ("It was a few days ago.", "a few days ago", "2023-12-11", "day", True),
    ("We lost one a year ago.", "a year ago", "2022", "year", False),
    ("He left last year.", "last year", "2022", "year", False),
    ("He will leave next year.", "next year", "2024", "year", False),
    ("He left last month.", "last month", "2023-11", "month", False),
    ("He left this week.", "this week", "2023-W50", "week", False),
    ("He toured last summer.", "last summer", "2023-SU", "season", False),
    ("He left on Monday.", "Monday", "2023-12-11", "day", False),
    ("He will leave on Monday.", "Monday", "2023-12-18", "day", False),
    ("He left last Friday.", "last Friday", "2023-12-08", "day", False),
    ("He leaves next Monday.", "next Monday", "2023-12-18", "day", False),
])
def test_deictic(tagger, text, expr, value, granularity, approximate):
    e = one(tagger, text, expr)
    assert e.kind == "deictic"
    assert (e.value.value, e.value.granularity, e.value.approximate) == (value, granularity, approximate)


def test_this_past_year_is_the_last_twelve_months(tagger):
    e = one(tagger, "It was an honor to be your champion this past year.", "this past year")
    assert e.value == TimeValue.between(date(2022, 12, 14), ANCHOR, approximate=True)


def test_present_and_past_references(tagger):
    assert one(tagger, "He is currently touring.", "currently").timex == "PRESENT_REF"
    e = one(tagger, "Now that it's getting real.", "Now")
    assert (e.timex, e.value) == ("PRESENT_REF", None)
    e = one(tagger, "He had been married in the past.", "the past")
    assert (e.timex, e.value) == ("PAST_REF", None)


def test_season_of_a_show_is_not_a_calendar_season(tagger):
    e = one(tagger, "We found out a couple of days before last season of DWTS started.", "last season")
    assert (e.type, e.timex, e.value) == ("DATE", "PAST_REF", None)
    assert one(tagger, "I had the best time ever this season.", "this season").timex == "PRESENT_REF"
    assert one(tagger, "He will be back next season.", "next season").timex == "FUTURE_REF"


def test_tonight_and_parts_of_day(tagger):
    e = one(tagger, "I'm coming to a close tonight.", "tonight")
    assert (e.type, e.timex, e.value) == ("TIME", "2023-12-14TNI", TimeValue.day(ANCHOR))
    assert one(tagger, "He spoke this morning.", "this morning").timex == "2023-12-14TMO"
    assert one(tagger, "It rained last night.", "last night").timex == "2023-12-13TNI"


# -- anchors: none, window ------------------------------------------------------------------
def test_no_anchor_leaves_deictic_underspecified(tagger):
    e = one(tagger, "The couple gave birth to their son in November.", "November", None)
    assert (e.timex, e.value, e.kind) == ("XXXX-11", None, "deictic")
    assert one(tagger, "I saw him yesterday.", "yesterday", None).value is None


def test_window_anchor(tagger):
    window = (date(2023, 10, 30), date(2023, 11, 29))
    e = one(tagger, "Ballas announced the pregnancy in June.", "June", window)
    assert e.value == TimeValue.month(2023, 6) and not e.value.approximate
    e = one(tagger, "I saw him yesterday.", "yesterday", window)
    assert e.value == TimeValue.between(date(2023, 10, 29), date(2023, 11, 28), approximate=True)
    assert e.value.granularity == "range" and e.value.approximate


# -- anaphoric expressions ----------------------------------------------------------------------
def test_a_year_before_uses_the_reference_date(tagger):
    text = ("Back in October 2023, the dancer revealed the couple had a miscarriage just a year before. "
            "It led to them welcoming their son nearly a year later.")
    exprs = tag(tagger, text)
    assert [e.text for e in exprs] == ["October 2023", "a year before", "nearly a year later"]
    before, later = exprs[1], exprs[2]
    assert (before.kind, before.value) == ("anaphoric", TimeValue.year(2022))
    assert later.kind == "anaphoric" and later.value.value == "2023"
    assert later.value.approximate and later.mod == "APPROX"


def test_granularity_follows_the_offset_unit(tagger):
    text = "On November 5, 2023 the baby was born. Two days later they went home."
    e = one(tagger, text, "Two days later")
    assert e.value == TimeValue.day(date(2023, 11, 7))
    text = "In October 2023 he posted. The next day he deleted it. The following year he left."
    assert one(tagger, text, "The following year").value == TimeValue.year(2024)


def test_relative_to_an_event_has_no_value(tagger):
    e = one(tagger, "We found out a couple of days before last season of DWTS started.", "a couple of days before")
    assert (e.type, e.value, e.kind) == ("DATE", None, "anaphoric")


def test_anaphors_of_the_same_unit(tagger):
    text = "On October 5, 2023 they shared it. The same day, fans reacted. That year was hard."
    assert one(tagger, text, "The same day").value == TimeValue.day(date(2023, 10, 5))
    assert one(tagger, text, "That year").value == TimeValue.year(2023)
    # a day cannot be picked out of a year
    assert one(tagger, "In 2022 they met. That day was hot.", "That day").value is None


# -- quotations ---------------------------------------------------------------------------------
def test_quote_is_relative_to_when_it_was_posted(tagger):
    text = ("“As we get closer to the arrival of our little one I can’t help but think of the one we lost "
            "a year ago,” Ballas captioned an Instagram post on October 30, 2023.")
    e = one(tagger, text, "a year ago", date(2024, 3, 1))
    assert e.value == TimeValue.year(2022)


def test_quote_uses_the_latest_day_mentioned_before(tagger):
    text = ("Ballas shared some exciting news with fans on January 10, 2024.\n\n"
            "“Only 5 films of the 15 will make the cut & voting starts tmrw,” Ballas wrote on Instagram.")
    assert one(tagger, text, "tmrw", None).value == TimeValue.day(date(2024, 1, 11))
    assert one(tagger, text, "tmrw", date(2024, 1, 20)).value == TimeValue.day(date(2024, 1, 11))


def test_a_quote_is_not_said_after_the_article_or_years_before_it(tagger):
    anchor = date(1997, 4, 8)
    text = ("The dollar rose to its highest level since January 18, 1993. "
            "“The dollar is likely to test the upper limit today,” a dealer said.")
    assert one(tagger, text, "today", anchor).value == TimeValue.day(anchor)
    text = ("Elections are scheduled for December 22. "
            "“The elections were evidently not called yesterday,” he said.")
    assert one(tagger, text, "yesterday", date(1999, 11, 22)).value == TimeValue.day(date(1999, 11, 21))


def test_tmrw_against_the_anchor(tagger):
    assert one(tagger, "voting starts tmrw", "tmrw", date(2024, 1, 10)).value == TimeValue.day(date(2024, 1, 11))


# -- durations and sets -------------------------------------------------------------------------
@pytest.mark.parametrize("text, expr, type_, timex", [
    ("He danced for two years.", "two years", "DURATION", "P2Y"),
    ("It took a decade.", "a decade", "DURATION", "P10Y"),
    ("It lasted three months.", "three months", "DURATION", "P3M"),
    ("They signed a two-year contract.", "two-year", "DURATION", "P2Y"),
    ("The delay lasted 2 hours.", "2 hours", "DURATION", "PT2H"),
    ("He has worked there for years.", "years", "DURATION", "PXY"),
    ("They go there every year.", "every year", "SET", "P1Y"),
    ("The show airs weekly.", "weekly", "SET", "P1W"),
    ("They rehearse each Monday.", "each Monday", "SET", "XXXX-WXX-1"),
    ("The well leaked 5,000 barrels per day.", "per day", "SET", "P1D"),
])
def test_durations_and_sets(tagger, text, expr, type_, timex):
    e = one(tagger, text, expr)
    assert (e.type, e.kind, e.timex, e.value) == (type_, type_.lower(), timex, None)


# -- tense ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, tense", [
    ("He toured in November.", "past"),
    ("He will tour in November.", "future"),
    ("I'll tour in November.", "future"),
    ("The tour, which is set to start in November, sold out.", "future"),
    ("He was going to tour in November.", "past"),
    ("He is currently touring in November.", "present"),
    # the subordinate clause holding the date decides, not a verb of the clause around it
    ("He had not signed the deal to leave if they lose when the case is heard in November.", "future"),
    ("If there is no deal by November, the talks will collapse.", "future"),
    ("Smith, who is standing down in November, said he would vote no.", "future"),
    ("The relatives who have been caring for him since he was rescued in November sued.", "past"),
    ("The talks that are supposed to conclude in November invited them back.", "present"),
    ("The tax will come into effect if approved in November.", "future"),
    ("The wells are not expected to be completed until November.", "present"),
    ("It is odd that McCain is saying what Obama said in November.", "past"),
    ("The minister said on Monday that talks resumed in November.", "past"),
    # "would" before the date: a future seen from the saying; after it, the date is the saying's
    ("He announced that he would not run for re-election in November.", "future"),
    ("Iraq said in November that it would retaliate.", "past"),
    ("It would be the first attack since the uprising began in November.", "past"),
    ("We would like to answer the claims made in November.", "past"),
    ("The flights to the United States resumed in November.", "past"),     # "United" is no past verb
    ("President Obama is to visit the gulf in November.", "future"),
    ("He said in November that the plan is to wait.", "past"),
    ("Maliki told ABC television in November that Iraqi forces will be ready.", "past"),
    ("The nominations are announced in November for the awards.", "present"),
])
def test_clause_tense(text, tense):
    i = text.index("November")
    assert clause_tense(text, i, i + len("November")) == tense


def test_offsets_with_unicode(tagger):
    text = "“Lately, we’ve been making new music,” he wrote on June 26, 2023 — and 2 days later…"
    exprs = tag(tagger, text)
    assert [e.text for e in exprs] == ["Lately", "June 26, 2023", "2 days later"]
    assert exprs[2].value == TimeValue.day(date(2023, 6, 28))


# -- the sample articles ------------------------------------------------------------------------------
def _article(name: str) -> str:
    text = next(EXAMPLES.glob(name + "*.txt")).read_text(encoding="utf-8")
    if text.startswith(" date "):                         # header line: " date 2023-12-14 <title>"
        text = text.split("\n", 1)[1]
    return text


def _by_text(exprs):
    out = {}
    for e in exprs:
        out.setdefault(e.text, e)
    return out


def test_ballas_000(tagger):
    exprs = tag(tagger, _article("000_"), ANCHOR)
    found = _by_text(exprs)
    assert found["2005"].value == TimeValue.year(2005)
    assert found["November"].value == TimeValue.month(2023, 11)
    assert found["early December"].value.value == "2023-12" and found["early December"].mod == "START"
    assert found["11 / 5 / 23"].value == TimeValue.day(date(2023, 11, 5))
    assert found["October 2023"].value == TimeValue.month(2023, 10)
    assert found["a year before"].value == TimeValue.year(2022)
    assert found["a couple of days before"].value is None
    assert found["last season"].timex == "PAST_REF"
    assert found["nearly a year later"].value.value == "2023" and found["nearly a year later"].value.approximate
    assert found["November 2023"].value == TimeValue.month(2023, 11)
    assert "this past year" in found
    for not_a_date in ("21", "22", "31", "32", "18"):
        assert not_a_date not in found


def test_ballas_001(tagger):
    exprs = tag(tagger, _article("001_"), date(2023, 11, 15))
    found = _by_text(exprs)
    assert found["a year ago"].value == TimeValue.year(2022)      # quote posted on October 30, 2023
    assert found["October 30, 2023"].value == TimeValue.day(date(2023, 10, 30))
    assert found["October 5, 2023"].value == TimeValue.day(date(2023, 10, 5))
    assert found["2022"].value == TimeValue.year(2022)
    assert found["June 26, 2023"].value == TimeValue.day(date(2023, 6, 26))
    assert found["August 2023"].value == TimeValue.month(2023, 8)
    assert found["last season"].value is None


def test_ballas_002(tagger):
    text = _article("002_")
    exprs = tag(tagger, text, None)
    found = _by_text(exprs)
    assert found["January 10, 2024"].value == TimeValue.day(date(2024, 1, 10))
    assert found["tmrw"].value == TimeValue.day(date(2024, 1, 11))
    assert found["2007"].value == TimeValue.year(2007)
    assert found["March 2023"].value == TimeValue.month(2023, 3)
    assert "may" not in {e.text.lower() for e in exprs}            # "it may be nominated"
    assert "15" not in found and "5" not in found


# -- holidays and the informal forms of posts (storyline/temporal/supplement.py) -----------------
def test_holidays_resolve_by_tense_and_year(tagger):
    text = "We met at Christmas. Next Thanksgiving will be big. On Mother's Day 2021 she called."
    found = {e.text: e.timex for e in tag(tagger, text, date(2023, 12, 14))}
    assert found == {"Christmas": "2022-12-25", "Next Thanksgiving": "2024-11-28",
                     "Mother's Day 2021": "2021-05-09"}
    assert one(tagger, "Easter", "Easter", date(2024, 3, 1)).timex == "2024-03-31"


def test_informal_tomorrow_and_short_weekdays(tagger):
    found = {e.text: e.timex for e in tag(tagger, "See you tmr! Party this Sat at 8pm.", date(2023, 12, 14))}
    assert found["tmr"] == "2023-12-15" and found["this Sat"] == "2023-12-16"


def test_supplement_without_anchor_or_with_a_window(tagger):
    text = "Third-quarter profit rose. We met at Christmas, tmr we party. Fiscal 1989 was good."
    bare = {e.text: (e.timex, e.value) for e in tag(tagger, text, None)}
    assert bare["Third-quarter"] == ("XXXX-Q3", None) and bare["Christmas"] == ("XXXX-12-25", None)
    assert bare["Fiscal 1989"] == ("1989", TimeValue.year(1989))        # needs no anchor
    windowed = {e.text: e for e in tag(tagger, text, (date(2023, 10, 1), date(2023, 10, 30)))}
    tmr = windowed["tmr"]
    assert tmr.timex == "XXXX-XX-XX" and tmr.value.approximate
    assert (tmr.value.start, tmr.value.end) == (date(2023, 10, 2), date(2023, 10, 31))


def test_clock_time_and_its_day_are_one_time(tagger):
    # Anchor 2000-04-05 is a Wednesday.
    anchor = date(2000, 4, 5)
    e = one(tagger, "He was shot at 10 p.m. Wednesday, police said.", "10 p.m. Wednesday", anchor)
    assert (e.type, e.timex) == ("TIME", "2000-04-05T22:00")
    e = one(tagger, "The offer expires at 5 p.m. EST, Nov. 6, 2000.", "5 p.m. EST, Nov. 6, 2000", anchor)
    assert (e.type, e.timex) == ("TIME", "2000-11-06T17:00")
    # a deadline is the coming day even in a past clause
    e = one(tagger, "The INS extended its deadline until 9 a.m. EST Tuesday.", "9 a.m. EST Tuesday", anchor)
    assert e.timex == "2000-04-11T09:00"
    # every zone of TIME_ZONES belongs to its clock time (Reuters India stamps its pages in IST)
    e = one(tagger, "Mon May 31 , 2010 11:12 pm IST VENICE , La.", "May 31 , 2010 11:12 pm IST", anchor)
    assert e.timex == "2010-05-31T23:12"
    # "Wednesday at 10 p.m." stays two expressions, the clock time on that day
    assert [(x.text, x.timex) for x in tag(tagger, "He arrived Wednesday at 10 p.m.", anchor)] == [
        ("Wednesday", "2000-04-05"), ("10 p.m.", "2000-04-05T22:00")]


def test_bounds_on_a_duration(tagger):
    e = one(tagger, "Bush can call up reservists for up to 180 days.", "up to 180 days")
    assert (e.timex, e.mod) == ("P180D", "EQUAL_OR_LESS")
    e = one(tagger, "sites open for no more than sixty days", "no more than sixty days")
    assert (e.timex, e.mod) == ("P60D", "EQUAL_OR_LESS")


def test_seasons_without_a_year(tagger):
    anchor = date(1989, 11, 2)
    assert one(tagger, "Over the summer, competitors cut prices.", "the summer", anchor).timex == "1989-SU"
    e = one(tagger, "from the low levels of the early summer", "the early summer", anchor)
    assert (e.timex, e.mod) == ("1989-SU", "START")
    assert one(tagger, "In spring they will build it.", "spring", anchor).timex == "1990-SP"
    assert texts(tagger, "the summer Olympics and a hot summer day", anchor) == []
    # "the fall" and "the spring" are seasons only after a preposition
    assert texts(tagger, "The fall in oil prices put a spring in his step; the fall of Rome.", anchor) == []
    assert one(tagger, "He left in the fall.", "the fall", anchor).timex == "1989-FA"
    # "this summer" is this calendar year's summer, even in March
    assert one(tagger, "protests this summer", "this summer", date(1998, 3, 22)).timex == "1998-SU"
    assert one(tagger, "this winter was cold", "this winter", date(1998, 1, 10)).timex == "1997-WI"


def test_current_and_year_end(tagger):
    anchor = date(1989, 11, 2)
    assert one(tagger, "because of current market conditions", "current", anchor).timex == "PRESENT_REF"
    assert texts(tagger, "the current account deficit", anchor) == []
    assert one(tagger, "the current year", "the current year", anchor).timex == "1989"
    assert one(tagger, "to close the deal by year-end.", "year-end", anchor).timex == "1989"


def test_passive_participle_and_schedule_cues(tagger):
    anchor = date(1989, 11, 2)
    # "can be exercised" is no past: the nearest Nov. 21 is this year's
    assert one(tagger, "The rights, which expire Nov. 21, can be exercised.", "Nov. 21", anchor).timex == "1989-11-21"
    # a scheduled event lies ahead (1989-11-02 is a Thursday)
    assert one(tagger, "He has scheduled a news conference Tuesday.", "Tuesday", anchor).timex == "1989-11-07"


def test_informal_parts_of_day_weekends_and_abbreviations(tagger):
    anchor = date(2014, 1, 29)                       # a Wednesday
    assert one(tagger, "Take some time off this long weekend", "long weekend", anchor).timex == "2014-W04-WE"
    assert one(tagger, "It's the weekend!", "the weekend", anchor).timex == "2014-W04-WE"
    assert [(e.text, e.timex) for e in tag(tagger, "I left in the morning and came back at night.", anchor)] == [
        ("the morning", "2014-01-29TMO"), ("night", "2014-01-29TNI")]
    assert one(tagger, "watching the race tdy.", "tdy", anchor).timex == "2014-01-29"
    assert one(tagger, "after 2.5 hrs of trekking", "2.5 hrs", anchor).timex == "PT2.5H"
    assert one(tagger, "play 3 mins", "3 mins", anchor).timex == "PT3M"


def test_no_tense_cue_looks_ahead_only_a_little(tagger):
    anchor = date(2011, 10, 20)
    # a retrospective: far-ahead readings lose to the past one
    assert one(tagger, "February 15 — protesters gather in Benghazi", "February 15", anchor).timex == "2011-02-15"
    assert one(tagger, "The rally in February drew thousands", "February", anchor).timex == "2011-02"
    # close ahead stays ahead
    assert one(tagger, "The summit on November 3 in Cannes", "November 3", anchor).timex == "2011-11-03"
    assert one(tagger, "The vote in December", "December", anchor).timex == "2011-12"


@pytest.mark.parametrize("text, expr, timex, mod", [
    ("Haven't run in 16days, 2weeks leave", "16days", "P16D", None),        # a number glued to its unit
    ("takes 1.5hrs just to play", "1.5hrs", "PT1.5H", None),
    ("HAPPY 6 YRS GUYS", "6 YRS", "P6Y", None),                              # yrs, wks, secs
    ("a 3 wk course", "3 wk", "P3W", None),
    ("it lasted 10 seconds", "10 seconds", "PT10S", None),
    ("after 4+ hours of queuing", "4+ hours", "PT4H", "EQUAL_OR_MORE"),     # "N+": at least N
    ("2 more days to go", "2 more days", "P2D", None),                       # "N more units"
    ("One more day to the prelims", "One more day", "P1D", None),
    ("for at least 20 more years", "at least 20 more years", "P20Y", "EQUAL_OR_MORE"),
])
def test_informal_durations(tagger, text, expr, timex, mod):
    e = one(tagger, text, expr)
    assert (e.type, e.timex, e.mod) == ("DURATION", timex, mod)


def test_informal_units_in_offsets_and_sets(tagger):
    assert one(tagger, "since you tweeted this 2hrs ago", "2hrs ago").timex == "2023-12-14"
    assert one(tagger, "1 child every 40 seconds", "every 40 seconds").timex == "PT40S"
    assert one(tagger, "Every min is an adventure", "Every min").timex == "PT1M"
    # not durations: a rate, a second time, a shutter speed
    assert texts(tagger, "40,000 barrels a day, a second time, 50mm F1.8 .3 sec") == []


def test_informal_clock_times(tagger):
    anchor = date(2014, 4, 26)
    found = {e.text: e.timex for e in tag(tagger, "Doors at 430pm, joined him at 1130pm, left at 5+am.", anchor)}
    assert found == {"430pm": "2014-04-26T16:30", "1130pm": "2014-04-26T23:30", "5+am": "2014-04-26T05:00"}
    # a 24-hour clock time after "at", "by", "until"...
    assert one(tagger, "Left school at 8:45, reached home later", "8:45", anchor).timex == "2014-04-26T08:45"
    # not clock times: a price, odds, a race time, a split time without a preposition
    assert texts(tagger, "priced at 84.90 to 85; at 3:1 odds; at 1:35:10 pace; in abt 9:12", anchor) == []


def test_both_ends_of_a_range(tagger):
    anchor = date(2015, 4, 20)
    assert [(e.text, e.timex) for e in tag(tagger, "Course at the Studio (2-4 July 2013)!", anchor)] == [
        ("2", "2013-07-02"), ("4 July 2013", "2013-07-04")]
    assert [(e.text, e.timex) for e in tag(tagger, "Artist-in-Residence, April 8-12", anchor)] == [
        ("April 8", "2015-04-08"), ("12", "2015-04-12")]
    assert [e.timex for e in tag(tagger, "COURSE May 2 - 3, 9 - 10 (call us)", anchor)] == [
        "2015-05-02", "2015-05-03", "2015-05-09", "2015-05-10"]
    # a year after the range is both ends' year
    assert [(e.text, e.timex) for e in tag(tagger, "held April 8-12, 2013 in Paris", anchor)] == [
        ("April 8", "2013-04-08"), ("12, 2013", "2013-04-12")]
    # a clock range takes the half-day of its end
    assert [(e.text, e.timex) for e in tag(tagger, "open 7-9pm, talks 11-1pm", anchor)] == [
        ("7", "2015-04-20T19:00"), ("9pm", "2015-04-20T21:00"), ("11", "2015-04-20T11:00"), ("1pm", "2015-04-20T13:00")]
    # not range ends: a count after a date, a score, a percentage
    assert texts(tagger, "On May 5, 12 people died; prices rose May 2-3.5 percent", anchor) == ["May 5", "May 2"]
    assert "3" not in texts(tagger, "they won 3-2 May 5", anchor)


def test_day_and_clock_time_are_one_time(tagger):
    anchor = date(2013, 4, 10)                       # a Wednesday
    assert [(e.text, e.timex) for e in tag(tagger, "judging this Sat, 7pm at Kallang", anchor)] == [
        ("this Sat, 7pm", "2013-04-13T19:00")]
    assert one(tagger, "on May 10, 2014 2pm at the studio", "May 10, 2014 2pm", anchor).timex == "2014-05-10T14:00"
    assert one(tagger, "Kallang Theatre at 7pm tonight!", "7pm tonight", anchor).timex == "2013-04-10T19:00"
    assert one(tagger, "Doors open 4pm tmr @ Vivo", "4pm tmr", anchor).timex == "2013-04-11T16:00"
    # across "at" they stay two
    assert texts(tagger, "Party this Sat at 8pm.", anchor) == ["this Sat", "8pm"]


def test_informal_tomorrow_and_parts_of_day(tagger):
    anchor = date(2013, 4, 10)
    found = {e.text: e.timex for e in tag(tagger, "Kbox tmr evening, leaving tomo morning, BBQ 2moro night", anchor)}
    assert found == {"tmr evening": "2013-04-11TEV", "tomo morning": "2013-04-11TMO", "2moro night": "2013-04-11TNI"}
    assert one(tagger, "the preview show last nite", "last nite", anchor).timex == "2013-04-09TNI"


def test_short_weekdays(tagger):
    anchor = date(2013, 4, 10)                       # a Wednesday
    assert [(e.text, e.timex) for e in tag(tagger, "(Sat-Sun 1:00pm-6:00pm)", anchor)] == [
        ("Sat", "2013-04-06"), ("Sun 1:00pm", "2013-04-07T13:00"), ("6:00pm", "2013-04-07T18:00")]
    assert texts(tagger, "My paper on Mon and tues only!", anchor) == ["Mon", "tues"]
    assert texts(tagger, "how about friday night or sat?", anchor) == ["friday night", "sat"]
    assert one(tagger, "See you Thurs!", "Thurs", anchor).timex == "2013-04-04"
    assert one(tagger, "parade every mon", "every mon", anchor).timex == "XXXX-WXX-1"
    # "sat", "Sun", "Wed", "Mon" alone are other words
    assert texts(tagger, "I sat on the sofa; reported on Sun Microsystems; newly wed; the Sun said", anchor) == []


def test_informal_abbreviations_of_units_and_months(tagger):
    anchor = date(2013, 4, 10)
    assert one(tagger, "one more member to be added nxt yr.", "nxt yr", anchor).timex == "2014"
    assert one(tagger, "see you this wknd!", "this wknd", anchor).timex == "2013-W15-WE"
    assert one(tagger, "next wk then", "next wk", anchor).timex == "2013-W16"
    assert one(tagger, "busking for the upcoming year", "the upcoming year", anchor).timex == "2014"
    e = one(tagger, "to close both outlets by end of the month", "end of the month", anchor)
    assert (e.timex, e.mod) == ("2013-04", "END")
    # lower-case month abbreviations before a day or a year, a day glued to its month
    assert one(tagger, "see u sept 5th", "sept 5th", anchor).timex == "2012-09-05"
    assert one(tagger, "@J 26nov 2015... study", "26nov 2015", anchor).timex == "2015-11-26"
    assert one(tagger, "dec 2014 will be cold", "dec 2014", anchor).timex == "2014-12"
    # still not dates: "may" the verb, a promo code, "the end of the day"
    assert texts(tagger, "I may 2 go; code 4THJULY35; at the end of the day", anchor) == []


def test_bare_seasons(tagger):
    # "summer", "winter", "autumn" need no preposition ("spring" and "fall" do: other words)
    assert one(tagger, "A white winter, even here", "winter", date(2014, 12, 7)).timex == "2014-WI"
    assert texts(tagger, "the spring broke; prices fall", date(2014, 12, 7)) == []
    # no tense cue: the coming season when it is the next one
    assert one(tagger, "Summer is coming!", "Summer", date(2015, 4, 2)).timex == "2015-SU"
    assert one(tagger, "The summer was hot", "The summer", date(2015, 4, 2)).timex == "2014-SU"
    assert one(tagger, "see you after winter break", "winter", date(2015, 11, 2)).timex == "2015-WI"
    # a bare season before a noun is a kind of thing, not a date; a capitalised one after a name is a name
    assert texts(tagger, "A winter storm hit; a summer course; the autumn collection; bad winter weather",
                 date(2014, 12, 7)) == []
    assert texts(tagger, "coroner Ed Winter said; Kitty Daisy at Indian Summer", date(2014, 12, 7)) == []


def test_weekends_long_weekend_and_in_future(tagger):
    anchor = date(2013, 9, 26)                       # a Thursday
    assert one(tagger, "so glad it's over. I got long weekend yay!", "long weekend", anchor).timex == "2013-W38-WE"
    e = one(tagger, "Florals make our weekends better", "weekends", anchor)
    assert (e.type, e.timex) == ("SET", "XXXX-WXX-WE")
    assert one(tagger, "collaborate more in future!", "future", anchor).timex == "FUTURE_REF"
    assert texts(tagger, "in future years; the future of batteries", anchor) == []


def test_this_weekday_already_over_is_the_coming_one(tagger):
    sunday = date(2013, 9, 29)
    assert one(tagger, "See you this Saturday!", "this Saturday", sunday).timex == "2013-10-05"
    assert one(tagger, "Party this Friday night", "this Friday night", sunday).timex == "2013-10-04TNI"
    # in a past clause, this week's
    assert one(tagger, "We played this Saturday.", "this Saturday", sunday).timex == "2013-09-28"


def test_long_compounds_and_one_unit_adjectives_are_durations(tagger):
    cases = {"their third day-long meeting": ("day-long", "P1D"), "a weeklong visit": ("weeklong", "P1W"),
             "the decades-long battle": ("decades-long", "PXY"), "an hour-long speech": ("hour-long", "PT1H"),
             "a century-long rivalry": ("century-long", "P100Y"), "Albright's one-day trip": ("one-day", "P1D")}
    for text, (expr, timex) in cases.items():
        e = one(tagger, text, expr)
        assert (e.type, e.timex) == ("DURATION", timex), text
    assert one(tagger, "it dominated the skyline for centuries.", "centuries").timex == "PXY"
    # a rate, an age and "one day" (some day) stay out
    assert texts(tagger, "40,000 barrels a day; a 45-year-old man; one day he will") == []


def timex3(tagger, text, anchor=ANCHOR) -> dict[str, tuple[str, str]]:
    """The TimeML export of ``text``: {TIMEX3 text: (type, value)}."""
    from storyline.temporal import timeml
    out = [timeml.to_timex3(text, e, tagger) for e in tag(tagger, text, anchor)]
    return {t.text: (t.type, t.value) for t in out if t is not None}


def test_timeml_export_keeps_the_approximator_of_a_point_counted_back(tagger):
    # "about two years ago" is one TIMEX3 (mod APPROX); "about three days" leaves "about" out
    assert timex3(tagger, "He left about two years ago.") == {"about two years ago": ("DATE", "2021")}
    assert timex3(tagger, "It happened almost four years ago.") == {"almost four years ago": ("DATE", "2019")}
    assert timex3(tagger, "The talks lasted about three days.") == {"three days": ("DURATION", "P3D")}


def test_timeml_export_takes_early_late_with_a_deictic_day_but_not_a_weekday(tagger):
    thursday = date(1989, 11, 2)
    assert timex3(tagger, "Earlier yesterday, the index fell.", thursday) == {"Earlier yesterday": ("DATE", "1989-11-01")}
    assert timex3(tagger, "The index fell late yesterday.", thursday) == {"late yesterday": ("DATE", "1989-11-01")}
    assert timex3(tagger, "Late Monday, the board met.", thursday) == {"Monday": ("DATE", "1989-10-30")}


def test_a_decimal_point_does_not_end_the_clause(tagger):
    # "will" before "9.5 million" still makes the clause future
    text = "Hudson's Bay said it will redeem 9.5 million shares on Oct. 31 at C$27.75 each."
    assert clause_tense(text, text.index("Oct."), text.index("Oct.") + 7) == "future"
    assert one(tagger, text, "Oct. 31", date(1989, 10, 27)).timex == "1989-10-31"


def test_a_close_day_or_month_ahead_is_the_coming_one_even_in_a_past_clause(tagger):
    jan7 = date(2000, 1, 7)
    assert one(tagger, "Burton said he subpoenaed Elian to testify on Feb. 10.", "Feb. 10", jan7).timex == "2000-02-10"
    assert one(tagger, "Meissner gave no reason for the Jan. 14 deadline.", "Jan. 14", jan7).timex == "2000-01-14"
    oct30 = date(1989, 10, 30)
    assert one(tagger, "The government gave Merieux until mid-November to reply.", "mid-November",
               oct30).timex == "1989-11"
    # further ahead, a day or month named in a past clause was last year's
    assert one(tagger, "The company was founded on June 1.", "June 1", jan7).timex == "1999-06-01"
    assert one(tagger, "It announced the plan in March.", "March", oct30).timex == "1989-03"


def test_a_month_day_with_last_or_this_year_is_one_date_in_that_year(tagger):
    anchor = date(2010, 6, 9)
    e = one(tagger, "Jackson died at his home on 25 June last year.", "25 June last year", anchor)
    assert (e.type, e.timex) == ("DATE", "2009-06-25")
    assert one(tagger, "Hoon replied on February 22 this year.", "February 22 this year", anchor).timex == "2010-02-22"
    assert timex3(tagger, "It appeared on 20 April last year.", anchor) == {"20 April last year": ("DATE", "2009-04-20")}


def test_the_past_or_next_n_quarters_is_a_span_of_reporting_quarters(tagger):
    anchor = date(1989, 11, 2)
    e = one(tagger, "It has had losses in the past two quarters.", "the past two quarters", anchor)
    assert (e.type, e.timex) == ("DATE", "1989-05-04/1989-11-02")
    assert timex3(tagger, "It has had losses in the past two quarters.", anchor) == {
        "the past two quarters": ("DURATION", "P2Q")}
    assert timex3(tagger, "to be spread over the next three quarters.", anchor) == {
        "the next three quarters": ("DURATION", "P3Q")}
    assert texts(tagger, "He won three quarters of the vote.", anchor) == []


def test_the_last_half_of_a_year_is_its_end_and_timeml_writes_halves(tagger):
    anchor = date(1989, 11, 2)
    e = one(tagger, "Sales fell in the last half of 1989 and rose.", "the last half of 1989", anchor)
    assert (e.timex, e.mod) == ("1989", "END")
    assert timex3(tagger, "Sales fell in the last half of 1989.", anchor) == {"the last half of 1989": ("DATE", "1989-H2")}
    assert timex3(tagger, "Sales rose in the first half of 1990.", anchor) == {"the first half of 1990": ("DATE", "1990-H1")}
    assert texts(tagger, "It took the last half hour.", anchor) == []


def test_a_month_or_season_of_a_spelled_out_year_is_one_date(tagger):
    anchor = date(1998, 2, 27)
    e = one(tagger, "Prices have risen since January nineteen ninety-seven, he said.", "January nineteen ninety-seven", anchor)
    assert (e.type, e.timex) == ("DATE", "1997-01")
    e = one(tagger, "It began in the winter of nineteen ninety-four.", "the winter of nineteen ninety-four", anchor)
    assert (e.type, e.timex) == ("DATE", "1994-WI")


def test_timeml_export_leaves_long_out_of_a_long_weekend(tagger):
    anchor = date(2013, 9, 26)
    assert timex3(tagger, "I got long weekend yay!", anchor) == {"weekend": ("DATE", "2013-W38-WE")}


def test_last_before_a_month_day_leaves_the_day_whole(tagger):
    anchor = date(1999, 4, 19)
    e = one(tagger, "Slepian was shot to death last Oct. 23 at his home.", "Oct. 23", anchor)
    assert e.timex == "1998-10-23"
    assert texts(tagger, "Slepian was shot to death last Oct. 23 at his home.", anchor) == ["Oct. 23"]
    # "last May" before a percentage or a year is still the month
    assert one(tagger, "Sales fell last May 2 percent.", "last May", anchor).timex == "1998-05"


def test_would_puts_a_weekday_after_the_saying(tagger):
    saturday = date(2008, 4, 5)
    # told on Thursday, printed on Saturday: the Friday just gone, not the coming one
    text = "Officials said on Thursday that Mugabe would resign on Friday."
    assert one(tagger, text, "Friday", saturday).timex == "2008-04-04"
    monday = date(2007, 12, 10)
    text = "Musharraf said yesterday that he would lift the state of emergency on Saturday."
    assert one(tagger, text, "Saturday", monday).timex == "2007-12-15"
    # the date of a noun ("Wednesday's ruling", "his black Tuesday") is no part of the "would"
    text = "They said they would look for ways around Wednesday's ruling."
    assert one(tagger, text, "Wednesday", monday).timex == "2007-12-05"


def test_the_first_time_in_years_is_a_duration(tagger):
    anchor = date(2004, 6, 2)
    e = one(tagger, "It will be the first time in five years that the race comes here.", "five years", anchor)
    assert (e.type, e.timex) == ("DURATION", "P5Y")
    e = one(tagger, "The band will tour in five years.", "five years", anchor)
    assert (e.type, e.timex) == ("DATE", "2009")


def test_a_weekday_before_a_month_day_picks_its_year(tagger):
    november = date(2008, 11, 5)
    # a chronology's "scheduled for" is a future seen from September: Sept. 26, 2009 is a Saturday
    text = "McCain asks Obama to delay a debate scheduled for Friday , Sept. 26 ."
    assert one(tagger, text, "Friday , Sept. 26", november).timex == "2008-09-26"
    # a page's heading with a future clause after it: Jan. 14, 2011 is a Friday
    text = "Your stories Thursday 14 January Up to 10,000 US troops will be in Haiti by Monday ."
    assert one(tagger, text, "Thursday 14 January", date(2010, 1, 15)).timex == "2010-01-14"
    # without a weekday, or with one that fits no year nearby, the tense decides as before
    assert one(tagger, "The debate is scheduled for Sept. 26 .", "Sept. 26", november).timex == "2009-09-26"
    assert one(tagger, "The debate is scheduled for Monday , Sept. 26 .", "Monday , Sept. 26", november).timex == "2009-09-26"
    # a past clause still cannot name a day a year ahead: Feb. 9, 2008 is a Saturday
    text = "The Stooges played the Michigan Palace on the Saturday , 9 February ."
    assert one(tagger, text, "Saturday , 9 February", date(2007, 2, 18)).timex == "2007-02-09"
