"""Timeline summarisation: Storyline.summarize on the Ballas sample, the ranking and selection
steps on hand-made sentences, and the summary in every output format (tls included)."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from storyline import Storyline
from storyline.api import EntityNotFound
from storyline.cli import main
from storyline.render import FORMATS, render
from storyline import summarise as summarise_module
from storyline.summarise import RELEVANT_WEIGHT, Matcher, Sentence, _window_sums, rank_days, summarise

SCHEMA = json.loads((Path(__file__).resolve().parent.parent / "docs" / "timeline.schema.json").read_text())


@pytest.fixture(scope="module")
def ballas_summary(ballas_db) -> dict:
    with Storyline(ballas_db) as sl:
        return sl.summarize("Mark Ballas", dates=10, sentences_per_date=2).to_dict()


# -- on the sample corpus, through the real pipeline ----------------------------------------

def test_summary_picks_the_stated_days_with_their_real_sentences(ballas_db, ballas_summary):
    events = ballas_summary["events"]
    days = [e["date"]["start"] for e in events]
    assert days == sorted(days) and len(days) == len(set(days))
    assert {"2023-06-26", "2023-10-05", "2023-11-05", "2024-01-10"} <= set(days)
    assert all(e["date"]["granularity"] == "day" for e in events)
    birth = next(e for e in events if e["date"]["start"] == "2023-11-05")
    assert "Welcome to Earth my son" in birth["summary"]
    with Storyline(ballas_db) as sl:
        texts = {d: t for d, t, _ in _texts(sl)}
    for event in events:
        assert event["sources"]
        for src in event["sources"]:  # every quoted sentence is exactly where it says it is
            assert texts[src["doc"]][src["start"]:src["end"]] == src["sentence"]
    assert ballas_summary["summary"] == {"query": "Mark Ballas", "dates": 10, "sentences_per_date": 2,
                                         "candidates": ballas_summary["summary"]["candidates"],
                                         "entity_found": True}
    cited = {s["doc"] for e in events for s in e["sources"]}
    assert {d["doc"] for d in ballas_summary["documents"]} == cited


def _texts(sl):
    from storyline.store import document_texts

    return [(d, t, p) for d, t, p, _ in document_texts(sl.store)]


def test_summary_keeps_only_l_dates_and_the_period(ballas_db):
    with Storyline(ballas_db) as sl:
        two = sl.summarize("Ballas", dates=2)
        late = sl.summarize("Mark Ballas", dates=10, since=date(2023, 11, 1))
    assert len(two.key_dates) == 2 and all(len(k.sentences) == 1 for k in two.key_dates)
    assert late.key_dates and all(k.date.start >= date(2023, 11, 1) for k in late.key_dates)
    assert late.to_dict()["query"] == {"since": "2023-11-01", "until": None}


def test_keyword_query_when_no_entity_has_that_name(ballas_db):
    with Storyline(ballas_db) as sl:
        summary = sl.summarize("Instagram post, Reel", dates=5)
        with pytest.raises(EntityNotFound, match="no entity named 'the of'"):
            sl.summarize("the of")
    data = summary.to_dict()
    assert data["entity"]["type"] == "QUERY" and data["summary"]["entity_found"] is False
    assert data["events"]
    for event in data["events"]:
        assert any(k in event["summary"].lower() for k in ("instagram post", "reel"))


def test_summary_json_is_a_valid_timeline_and_every_format_renders(ballas_summary):
    jsonschema.validate(ballas_summary, SCHEMA)
    for fmt in FORMATS:
        out = render(ballas_summary, fmt)
        assert out.endswith("\n")
    tls = json.loads(render(ballas_summary, "tls"))
    assert [d for d, _ in tls] == [e["date"]["start"] for e in ballas_summary["events"]]
    assert all(isinstance(s, list) and s and all(isinstance(x, str) for x in s) for _, s in tls)
    assert "Welcome to Earth my son" in " ".join(s for _, sents in tls for s in sents)
    markdown = render(ballas_summary, "markdown")
    assert "Key dates: the" in markdown and 'storyline timeline "Mark Ballas" --format markdown' in markdown


def test_cli_summarize_formats_and_the_full_timeline_one_click_away(ballas_db, tmp_path):
    runner = CliRunner(env={"STORYLINE_DB": str(ballas_db)})
    out = runner.invoke(main, ["summarize", "Mark Ballas", "--dates", "3", "--format", "tls"])
    assert out.exit_code == 0, out.output
    assert len(json.loads(out.stdout)) == 3
    text = runner.invoke(main, ["summarize", "Ballas", "--dates", "2", "--sentences-per-date", "2"])
    assert text.exit_code == 0 and 'Full timeline: storyline timeline "Mark Ballas"' in text.stdout
    page = tmp_path / "summary.html"
    html = runner.invoke(main, ["summarize", "Mark Ballas", "--dates", "3", "--format", "html", "-o", str(page)])
    assert html.exit_code == 0, html.output
    body = page.read_text()
    assert 'id="view-key"' in body and 'id="view-full"' in body and "Full timeline (" in body
    with Storyline(ballas_db) as sl:
        full = sl.timeline("Mark Ballas").to_dict()
    assert all(f'id="{e["id"]}"' in body for e in full["events"])  # the whole timeline is on the page
    bad = runner.invoke(main, ["summarize", "Mark Ballas", "--dates", "0"])
    assert bad.exit_code == 2 and "--dates" in bad.output


# -- the method, on hand-made sentences --------------------------------------------------------

def _s(doc, text, days=(), published=None, position=9, relevant=True, start=0):
    return Sentence(doc, start, start + len(text), text, published, position, days=set(days), dated=bool(days),
                    relevant=relevant)


D1, D2, D3 = date(2020, 3, 1), date(2020, 3, 2), date(2020, 3, 3)


def test_days_rank_by_articles_that_date_a_statement_to_them(monkeypatch):
    monkeypatch.setattr(summarise_module, "VOLUME_EXPONENT", 0.0)  # the raw votes
    sentences = [
        _s("a", "The dam broke on Monday killing many people in the valley.", [D1]),
        _s("a", "The dam broke on Monday and the valley flooded completely.", [D1], start=100),  # same article
        _s("b", "Rescuers reached the valley on Tuesday after the dam broke.", [D2]),
        _s("c", "Rescuers reached the valley on Tuesday with boats and food.", [D2]),
        _s("d", "An inquiry opened on Wednesday into why the dam broke.", [D3], published=D3, relevant=False),
    ]
    ranked = rank_days(sentences, publication_weight=0.5)
    assert ranked[0] == (D2, 2 * (1 + RELEVANT_WEIGHT))
    assert dict(ranked)[D1] == 1 + RELEVANT_WEIGHT   # one article, however many statements
    assert dict(ranked)[D3] == 1 + 0.5               # not about the query; published that day
    assert [d for d, _ in rank_days(sentences, since=D1, until=D1)] == [D1]


def test_window_sums_count_the_days_within_reach():
    counts = {D1: 2, D2: 3, date(2020, 3, 10): 5}
    sums = _window_sums(counts, [D1, D3, date(2020, 3, 9), date(2020, 4, 30)], 1)
    assert sums == {D1: 5, D3: 3, date(2020, 3, 9): 5, date(2020, 4, 30): 0}


def test_a_day_that_stands_out_in_a_quiet_month_beats_a_day_of_a_busy_week(monkeypatch):
    monkeypatch.setattr(summarise_module, "VOLUME_EXPONENT", 0.5)
    monkeypatch.setattr(summarise_module, "VOLUME_DAYS", 7)
    busy = [date(2020, 3, d) for d in range(1, 8)]
    quiet = date(2020, 6, 15)
    sentences = [_s(f"b{d.day}-{i}", f"The siege went on, report {i}.", [d]) for d in busy for i in range(4)]
    sentences += [_s(f"q{i}", f"The treaty was signed, report {i}.", [quiet]) for i in range(3)]
    sentences += [_s("q-old", "A month before the treaty, talks began.", [date(2020, 5, 20)])]
    ranked = [d for d, _ in rank_days(sentences, publication_weight=0.0)]
    assert ranked[0] == quiet                    # 3 votes among 3, against 4 among 28
    monkeypatch.setattr(summarise_module, "VOLUME_EXPONENT", 0.0)
    assert rank_days(sentences, publication_weight=0.0)[0][0] in busy


def test_selection_is_central_not_repeated_and_sourced_everywhere():
    shared = "Rescuers reached the flooded valley on Tuesday with boats and food."
    sentences = [
        _s("a", shared, [D2]),
        _s("b", shared, [D2]),
        _s("c", "Rescuers reached the flooded valley on Tuesday with boats.", [D2]),  # near-repeat
        _s("d", "The weather on Tuesday was sunny and the football match went ahead.", [D2]),
        _s("e", "The dam broke on Monday, flooding the whole valley below it.", [D1]),
        _s("f", "A cooking show aired on Monday night with a famous chef.", [D1], relevant=False),
    ]
    key_dates = summarise(sentences, dates=5, per_date=2)
    assert [k.date.start for k in key_dates] == [D1, D2]
    monday, tuesday = key_dates
    assert monday.sentences == ["The dam broke on Monday, flooding the whole valley below it."]
    assert tuesday.sentences[0] == shared
    assert "Rescuers reached the flooded valley on Tuesday with boats." not in tuesday.sentences
    assert [s.doc for s in tuesday.sources if s.sentence == shared] == ["a", "b"]
    assert summarise(sentences, dates=1, per_date=1)[0].date.start == D2


def test_a_question_or_an_opening_quotation_gives_way_to_a_report_of_its_day():
    question = "What do you call a dam that breaks on Monday and floods the valley ?"
    quotation = "`` The dam broke on Monday and flooded the whole valley , '' the mayor said ."
    report = "The dam broke on Monday , flooding the valley below it ."
    sentences = [_s("a", question, [D1]), _s("b", quotation, [D1]), _s("c", report, [D1])]
    (only,) = summarise(sentences, dates=1, per_date=3)
    assert only.sentences == [report]
    (quoted,) = summarise(sentences[1:2], dates=1, per_date=1)      # a day with nothing else keeps its words
    assert quoted.sentences == [quotation]
    assert _s("e", "Why the dam broke , on Monday , is not yet known .", [D1]).reports   # a statement


def test_a_photo_caption_gives_way_to_a_report_of_its_day():
    credited = "-LRB- Patrick Semansky - AP -RRB- Workers lay oil boom around an island in St. Bernard Parish ."
    dated = "Workers lay oil boom around an island in St. Bernard Parish , La. , Wednesday , July 21 , 2010 ."
    report = "Workers laid oil boom around the islands of St. Bernard Parish on Wednesday ."
    assert not _s("a", credited, [D1]).reports and not _s("b", dated, [D1]).reports
    (only,) = summarise([_s("a", credited, [D1]), _s("b", dated, [D1]), _s("c", report, [D1])], dates=1, per_date=1)
    assert only.sentences == [report]
    assert _s("d", "The well was capped on Thursday , July 15 , 2010 , after 87 days .", [D1]).reports


def test_a_sentence_that_says_little_but_its_date_gives_way_to_a_report():
    def naming(doc, text, phrase):
        s = _s(doc, text, [D1])
        s.day_spans = [(text.index(phrase), text.index(phrase) + len(phrase), D1)]
        return s

    bare = naming("a", "It was Sunday , March 1 .", "Sunday , March 1")
    little = naming("b", "It 's already Sunday in Egypt .", "Sunday")
    report = _s("c", "The dam broke , flooding the valley below it .", [D1])
    assert not bare.reports and not little.reports and report.reports
    (only,) = summarise([bare, little, report], dates=1, per_date=3)
    assert only.sentences == [report.text]
    (kept,) = summarise([bare], dates=1, per_date=1)      # a day with nothing else keeps it
    assert kept.sentences == [bare.text]
    assert naming("d", "Egypt 's protests grew on Sunday .", "Sunday").reports   # three words besides it


def test_undated_lead_sentences_stand_for_the_publication_day():
    sentences = [_s("a", "Floods hit the valley as the river rose all night.", published=D3, position=0),
                 _s("a", "Officials said more rain was expected later this month.", published=D3, position=7)]
    (only,) = summarise(sentences, dates=3, per_date=3)
    assert only.date.start == D3 and only.sentences == ["Floods hit the valley as the river rose all night."]


def test_matcher_names_keywords_and_participants():
    match = Matcher(["oil spill", "BP"], {"tony hayward"})
    assert match("The BP oil well exploded.", set())
    assert match("An oil spill reached the coast.", set())
    assert not match("BPX and spills", set())
    assert match("He resigned.", {"tony hayward"})
    anywhere = Matcher(["spill", "bp"], whole_words=False)  # the news-tls keyword filter
    assert anywhere("Oil spilled from the BP well.", set()) and not anywhere("Oil leaked.", set())


def test_comment_stamps_and_footers_neither_vote_nor_speak(tmp_path):
    article = tmp_path / "cairo.txt"
    article.write_text(" date 2011-02-01 Cairo protests\n"
                       "Protesters filled Tahrir Square on 1 February 2011, witnesses said.\n"
                       "January 28 , 2011 at 1:49 pm | Reply I think the protesters are right about everything.\n"
                       "Protesters who saw it on 2 February 2011 should write to letters@example.com.\n",
                       encoding="utf-8")
    with Storyline(tmp_path / "s.db") as sl:
        sl.ingest([article], processes=1, progress=False)
        tls = sl.summarize("protesters", dates=5).to_tls()
    assert tls == [["2011-02-01", ["Protesters filled Tahrir Square, witnesses said."]]]


# What a scraped page puts before the news, and the news a summary shows of it
_FURNITURE = [
    ("U.S. warns of civil war TRIPOLI | Tue Mar 1 , 2011 6:36 pm EST TRIPOLI -LRB- Reuters -RRB- - Libya "
     "could descend into civil war .",
     "Libya could descend into civil war ."),
    ("-LRB- CNN -RRB- -- Protests spread Wednesday to Libya .", "Protests spread Wednesday to Libya ."),
    ("-LRB- Updated 5:31 p.m. -LRB- 0031 in Egypt -RRB- -RRB- Mubarak asked the government to resign .",
     "Mubarak asked the government to resign ."),
    ("By the CNN Wire Staff NEW : A charter aircraft lands in Istanbul .", "A charter aircraft lands in Istanbul ."),
    ("Thursday , May 20 , 2010 ; 10:13 AM The agency wrote to BP .", "The agency wrote to BP ."),
    ("Thursday , November 13 , 2008 ; Page A23 The Bush administration was wary .",
     "The Bush administration was wary ."),
    ("Swine flu could affect third of world 's population Researchers say it will spread Tuesday 12 May "
     "2009 16.36 BST The virus will infect a third of the world .",
     "The virus will infect a third of the world ."),
    ("Obama surveys the coastline . Photograph : Jae C. Hong\\/AP Obama flies into the Gulf tomorrow .",
     "Obama flies into the Gulf tomorrow ."),
    ("Photograph : HO\\/AFP\\/Getty Images BP 's shares fell 3 % .", "BP 's shares fell 3 % ."),
    ("Developments , as confirmed by CNN , on the revolution in Egypt : -LRB- Update 1:40 a.m. in Cairo , "
     "6:40 p.m. ET -RRB- Egyptians cleared burned cars .",
     "Egyptians cleared burned cars ."),
    ("Page last updated at 11:24 GMT , Tuesday , 27 September 2011 12:24 UK -LRB- an error occurred while "
     "processing this directive -RRB- Jackson announced his concerts .",
     "Jackson announced his concerts ."),
    ("AP NEW ORLEANS -- BP 's chairman said Friday .", "BP 's chairman said Friday ."),
    ("NEW YORK , Sept. 29 -- Stocks fell .", "Stocks fell ."),
    ("This Story : Read + | Talk + | REYKJAVIK , Iceland , Oct. 9 -- The bad news keeps coming .",
     "The bad news keeps coming ."),
    ("BP to cut U.S. tax bill Tuesday , July 27 , 2010 ; 11:56 PM BP said it plans a cut .",
     "BP said it plans a cut ."),
    ("3.40 pm : The White House has announced a trip .", "The White House has announced a trip ."),
    ("LIBYA , 5:29 p.m. ET , 12:29 a.m. local : Saif al-Islam spoke to state media .",
     "Saif al-Islam spoke to state media ."),
    ("ZIMBABWE , 3:53 p.m. ET : Zimbabwe is not part of North Africa .", "Zimbabwe is not part of North Africa ."),
    # a wire page that repeats its dateline after a standfirst; a crosshead in capitals; a photo's credit and date
    ("Aug 16 -LRB- Reuters -RRB- - \\* No talks , says council BENGHAZI , Libya , Aug 16 -LRB- Reuters "
     "-RRB- - The council is not holding talks .",
     "The council is not holding talks ."),
    ("NEW CAP FOR LEAKING OIL WELL When engineers removed the cap , oil flowed .",
     "When engineers removed the cap , oil flowed ."),
    ("AP ON THE GULF OF MEXICO -- Ships were ordered to evacuate .", "Ships were ordered to evacuate ."),
    ("AP July 12 : The new cap is lowered over the wellhead .", "The new cap is lowered over the wellhead ."),
    ("AP June 23 , 2010 : This image shows oil gushing .", "This image shows oil gushing ."),
    ("-- During his CNN interview , ElBaradei said so .", "During his CNN interview , ElBaradei said so ."),
    ("· Robert Mugabe will remain president .", "Robert Mugabe will remain president ."),
    ("By Michael D. Shear and Robert Barnes NEW YORK -- John McCain said .", "John McCain said ."),
    ("By Sean O'Leary , Anne McCain and Bo Li TOLEDO , Ohio -- The Senate voted .", "The Senate voted ."),
    ("AP Photo\\/Dave Martin As much as 1 million times the normal level of methane was found .",
     "As much as 1 million times the normal level of methane was found ."),
    ("AP Photo\\/Jae C. Hong The Superdome is the largest fixed-dome structure .",
     "The Superdome is the largest fixed-dome structure ."),
    ("Coast Guard via AP Oil giant BP PLC told investigators the test was wrong .",
     "Oil giant BP PLC told investigators the test was wrong ."),
    ("BP , via AP NEW ORLEANS -- BP 's work to cap its gusher was in limbo .",
     "BP 's work to cap its gusher was in limbo ."),
    ("Photograph : Sean Smith\\/Guardian I was attached to squads of Marines .", "I was attached to squads of Marines ."),
    ("May 11 , 2010 20:24 UTC With the spotlight on BP , advocates look north .",
     "With the spotlight on BP , advocates look north ."),
    ("20 June 11 16:14 GMT Supporters of Assad say his speech was encouraging .",
     "Supporters of Assad say his speech was encouraging ."),
    ("3 March 11 09:40 CET Rebels took the oil port of Brega .", "Rebels took the oil port of Brega ."),
    ("-LRB- AP -RRB- Despite BP 's vow to pay , fishermen worry .", "Despite BP 's vow to pay , fishermen worry ."),
    ("Boats work with boom off Grand Isle , La. -LRB- AP -RRB- A key safety device had a leak .",
     "A key safety device had a leak ."),
]


def test_summaries_leave_out_datelines_and_bylines_but_sources_keep_the_statement():
    from storyline.summarise import strip_page_furniture
    for page, news in _FURNITURE:
        assert strip_page_furniture(page) == news
    for kept in ("The minister told -LRB- Reuters -RRB- nothing new .", "NATO -- the alliance -- met today .",
                 "He flew to NEW YORK , Sept. 9 -- and back .",
                 "At 3.40 pm the rig sank .", "Kholood -LRB- not her real name -RRB- fled .",
                 "Stocks fell 2.50 points : the Dow closed lower .",
                 "Photograph : Dave Martin When BP 's chief said the spill was tiny , he was wrong .",
                 "BP PLC Chief Operating Officer Doug Suttles said the top kill failed .",
                 "NATO and the U.N. met in July 12 sessions : all agreed .", "-- and then it fell .",
                 "J. K. R. Tolkien wrote it .", "By Military Force , since the results came in .",
                 "By John Smith NASA said the launch was delayed .", "By Tuesday Night NEW YORK -- was calm .",
                 "He said the pictures came via AP News and were shown to the court .",
                 "16:14 GMT is when the vote closed , officials said ."):
        assert strip_page_furniture(kept) == kept
    text = "CAIRO -LRB- Reuters -RRB- - The dam broke on Monday , flooding the valley ."
    s = Sentence("a", 0, len(text), text, D3, 0, days={D1}, dated=True, relevant=True,
                 body=strip_page_furniture(text))
    (only,) = summarise([s], dates=1, per_date=1)
    assert only.sentences == ["The dam broke on Monday , flooding the valley ."]
    assert only.sources[0].sentence == text and only.sources[0].end == len(text)
    # a wire's stock tickers are left out too, and the summary is shown on one line
    text = "Shares of BP Plc -LRB- BP . \nL -RRB- -LRB- BP . N -RRB- fell 3 percent , a record ."
    s = Sentence("a", 0, len(text), text, D3, 0, days={D1}, dated=True, relevant=True)
    (only,) = summarise([s], dates=1, per_date=1)
    assert only.sentences == ["Shares of BP Plc fell 3 percent , a record ."] and only.sources[0].sentence == text


def test_a_headline_glued_to_an_articles_first_sentence_is_left_out_of_the_summary(tmp_path):
    from storyline.summarise import strip_page_furniture
    glued = ("Gulf oil spill reaches Texas as tar balls wash ashore The BP oil spill reached Texas on "
             "4 July 2010 , when tar balls landed on a beach near Galveston .")
    lead = glued[glued.index("The BP"):]
    assert strip_page_furniture(glued, opening=True) == lead
    assert strip_page_furniture(glued) == glued   # past a first statement, "The BP ..." may be a title
    for kept in ("The spill was reported to the Coast Guard by the crew of a supply ship , officials said .",
                 "Officials at BP told The Guardian on Monday that the well would be capped by August .",
                 "Texas braces for the spill The BP well leaks on .",             # too short to be a lead
                 "Spill spreads The BP oil spill reached the beaches of Texas on 4 July 2010 ."):  # a short head
        assert strip_page_furniture(kept, opening=True) == kept
    (tmp_path / "spill.txt").write_text(" date 2010-07-05 Oil reaches Texas\n" + glued + "\n"
                                        "Officials in Galveston said the BP cleanup began the same day .\n",
                                        encoding="utf-8")
    with Storyline(tmp_path / "s.db") as sl:
        sl.ingest([tmp_path / "spill.txt"], processes=1, progress=False)
        (day,) = sl.summarize("BP", dates=1).key_dates
    assert day.date.start == date(2010, 7, 4)
    assert day.sentences == ["The BP oil spill reached Texas , when tar balls landed on a beach near Galveston ."]
    assert day.sources[0].sentence == glued                       # the source keeps the statement


def test_a_caption_glued_to_a_sentence_inside_an_article_is_left_out_but_titles_stay():
    from storyline.summarise import strip_page_furniture
    for page, news in [
        ("An ocean current is threatening to carry the oil into the Atlantic It emerged on Wednesday a small "
         "portion of the slick had entered the so-called Loop Current .",
         "It emerged on Wednesday a small portion of the slick had entered the so-called Loop Current ."),
        ("Four US states have now been affected by the Gulf of Mexico oil spill He said that while BP had "
         "nearly doubled the amount of oil it captured , more had to be done .",
         "He said that while BP had nearly doubled the amount of oil it captured , more had to be done ."),
        ("President Obama says battle to stop leak close to an end The well was capped on 15 July , and an "
         "operation to permanently seal it is under way .",
         "The well was capped on 15 July , and an operation to permanently seal it is under way ."),
    ]:
        assert strip_page_furniture(page) == news
    for kept in (
        "It 's not the most celebrated Bowie album – that would be The Rise and Fall of Ziggy Stardust and the "
        "Spiders from Mars .",                                             # a title, past a first statement
        "Zimbabwe were today included in Group A of the event but their participation is now in doubt .",
        "The show , including the Jacksons performing Blame It on the Boogie at a ski resort , was a hit .",
    ):
        assert strip_page_furniture(kept) == kept
    assert strip_page_furniture("Zimbabwe were today included in Group A of the event but their "
                                "participation is now in doubt .", opening=True).startswith("Zimbabwe")


def _shown_under(day, text, published):
    from storyline.summarise import without_day_spans
    from storyline.temporal import default_tagger

    spans = [(tx.start, tx.end) for tx in default_tagger().tag(text, published)
             if tx.value is not None and tx.value.start == day and tx.value.granularity == "day"
             and not tx.value.approximate]
    return without_day_spans(text, spans)


def test_a_summary_does_not_repeat_the_day_it_is_shown_under():
    tuesday, wednesday = date(2010, 4, 20), date(2010, 4, 21)
    cases = {
        "On Tuesday , BP said the rig had exploded .": "BP said the rig had exploded .",
        "BP said on Tuesday that the rig had exploded.": "BP said that the rig had exploded.",
        "The rig exploded late on Tuesday, officials said.": "The rig exploded, officials said.",
        "The rig , on Tuesday , exploded and burned for a day .": "The rig exploded and burned for a day .",
        "Officials said the rig exploded yesterday , killing 11 .": "Officials said the rig exploded , killing 11 .",
        "On April 20 , 2010 , the Deepwater Horizon rig exploded .": "The Deepwater Horizon rig exploded .",
        # part of a phrase, a clock time, a quotation, too short: kept
        "The rig must be sealed by Tuesday , officials said .": None,
        "Tuesday 's explosion killed 11 workers on the rig .": None,
        "The Tuesday deadline passed with the rig still burning .": None,
        "Workers left the rig on Monday and Tuesday , officials said .": None,
        "The rig exploded at 10 p.m. Tuesday , officials said .": None,
        "`` The rig exploded yesterday , '' an official said .": None,
        'He wrote: "The rig blew up Tuesday and we ran."': None,
        "It exploded on Tuesday .": None,
        "April 20\\/21 - The Deepwater Horizon rig explodes and burns .": None,
        "Tuesday , April 20 , 2010 ; Page A01 The Deepwater Horizon rig exploded .": None,
    }
    for text, shown in cases.items():
        assert _shown_under(tuesday, text, wednesday) == (shown or text), text
    assert _shown_under(wednesday, "Today , Obama said he would visit the Gulf coast .", wednesday) == \
        "Obama said he would visit the Gulf coast ."
    assert _shown_under(wednesday, "Obama told NBC 's Today show he would visit the coast today .", wednesday) == \
        "Obama told NBC 's Today show he would visit the coast ."     # a capitalised Today inside is a title


def test_the_summary_leaves_out_its_own_date_but_the_source_keeps_it(tmp_path):
    (tmp_path / "rig.txt").write_text(
        " date 2010-04-21 Rig explodes\n"
        "On Tuesday , the Deepwater Horizon rig exploded in the Gulf , officials said .\n"
        "Witnesses on the Deepwater Horizon heard the blast 9:45 p.m. Tuesday , the Coast Guard said .\n"
        "The Deepwater Horizon burned Tuesday night as the crew was taken ashore .\n", encoding="utf-8")
    with Storyline(tmp_path / "s.db") as sl:
        sl.ingest([tmp_path / "rig.txt"], processes=1, progress=False)
        (day,) = sl.summarize("Deepwater Horizon", dates=1, sentences_per_date=3).key_dates
    assert day.date.start == date(2010, 4, 20)
    assert sorted(day.sentences) == [
        "The Deepwater Horizon burned as the crew was taken ashore .",             # a part of the day goes
        "The Deepwater Horizon rig exploded in the Gulf , officials said .",
        "Witnesses on the Deepwater Horizon heard the blast 9:45 p.m. Tuesday , the Coast Guard said ."]  # a clock time stays
    assert {s.sentence for s in day.sources} >= {"On Tuesday , the Deepwater Horizon rig exploded in the Gulf , officials said ."}


def test_a_chronology_entry_is_the_summary_of_its_day_without_its_label(tmp_path):
    articles = {
        "timeline.txt": " date 2011-08-24 Libya timeline\n"
                        # the first entry run into the introduction, as scraped pages print it
                        "Here is a timeline of the civil war in Libya : "
                        "February 17 - Activists in Libya designate a day of rage .\n"
                        "February 24 - Libyan militias take control of Misrata .\n"
                        "March 19 - The first air strikes on Libya halt the advance on Benghazi .\n",
        "report.txt": " date 2011-02-18 Libya protests\n"
                      "Protesters in Benghazi said police in Libya fired on them on February 17 , 2011 .\n"
                      "Libya 's day of rage on February 17 , 2011 brought thousands to the streets of Benghazi .\n",
        "brief.txt": " date 2011-03-20 Libya in brief\n"               # two dated lines are not a chronology
                     "March 19 - Air strikes on Libya began at dusk .\n"
                     "March 20 - Libya said 48 people died .\n",
    }
    for name, text in articles.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with Storyline(tmp_path / "s.db") as sl:
        sl.ingest([tmp_path / n for n in articles], processes=1, progress=False)
        summary = sl.summarize("Libya", dates=1, sentences_per_date=1)
        sentences = summarise_module.load_sentences(sl.store, None, Matcher(["Libya"]))
    (day,) = summary.key_dates
    assert day.date.start == date(2011, 2, 17)
    assert day.sentences == ["Activists in Libya designate a day of rage ."]
    assert day.sources[0].sentence.startswith("Here is a timeline")    # the source keeps the statement
    listed = {(s.doc, s.listed) for s in sentences if s.listed}
    assert listed == {("timeline", date(2011, 2, 17)), ("timeline", date(2011, 2, 24)),
                      ("timeline", date(2011, 3, 19))}


def test_reader_comments_are_recognised_by_their_stamp():
    from storyline.summarise import _STAMP
    assert _STAMP.search("At 1:28 pm on 10 Jun 2010 , Reader99 wrote : Is the US using BP for politics ?")
    assert _STAMP.search("January 28 , 2011 at 1:49 pm | Reply The protests go on .")
    assert _STAMP.search("9th November 2011 - 8:40 Oh please .")                 # BBC Have Your Say
    assert _STAMP.search("At 18:08 1st Jun 2010 , Paul wrote : Who else to blame ?")
    assert _STAMP.search("Added : Tuesday , 19 January , 2010 , 16:25 GMT 16:25 UK Africa must help Haiti .")
    assert not _STAMP.search("Added to the list on Tuesday , 19 January , 2010 , at 16:25 were two banks .")
    assert not _STAMP.search("9 November 2011 - The doctor is convicted at 8:40 pm .")
    assert not _STAMP.search("At 1.20 pm a group of protesters led the march past the war memorial .")
