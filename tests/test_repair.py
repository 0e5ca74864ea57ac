"""Mojibake repair (storyline.ingest.repair): the forms it mends, text it leaves alone, and an
article read with mojibake through the real pipeline."""
from __future__ import annotations

import json

import pytest

from storyline import Storyline
from storyline.ingest import iter_articles
from storyline.ingest.repair import repair_mojibake
from storyline.store import document_texts
from storyline.summarise import Matcher


@pytest.mark.parametrize("garbled, repaired", [
    ("Bowieâ€™s new album", "Bowie’s new album"),                          # UTF-8 read as cp1252
    ("â€œoverwhelmedâ€\x9d", "“overwhelmed”"),
    ("Luis SuÃ¡rez ( Â£16bn )", "Luis Suárez ( £16bn )"),
    ("\x95Government forces clashed", "•Government forces clashed"),    # a C1 control as cp1252
    # split by a tokenizer into "â€", "™", "s": the spaces go, the apostrophe joins its word
    ("the worldâ€ ™ s most", "the world’s most"),
    ("itâ€ ™\ns the first", "it’s the first"),
    ("Iâ€ ™ m the only", "I’m the only"),
    ("cuts â€ “ sombre mood", "cuts – sombre mood"),
    ("that â€\n¦\nSo you go", "that …\nSo you go"),
    # a closing quote that lost its last byte (0x9D, which cp1252 cannot show)
    ("hypocritical , â€ � said Courtney", "hypocritical , ” said Courtney"),
    ("ever\nseenâ€\n� against Clinton", "ever\nseen” against Clinton"),
])
def test_mojibake_is_undone(garbled, repaired):
    assert repair_mojibake(garbled) == repaired


@pytest.mark.parametrize("clean", [
    "He said “no” to the naïve café’s offer – twice…",
    "Obama 's speech on Tuesday , `` overwhelmed '' .",
    "Tom &amp; Jerry, ﬁne ｗｉｄｅ text\r\nand a line break",
    "The price was 5 € or £4 ± 1 — and the ™ stays.",
])
def test_clean_text_is_left_exactly_as_it_is(clean):
    assert repair_mojibake(clean) == clean


def test_a_repaired_name_is_a_whole_word_again():
    matcher = Matcher(["obama"])
    assert not matcher("Obamaâ€ ™ s speech", set())
    assert matcher(repair_mojibake("Obamaâ€ ™ s speech"), set())


def test_articles_are_repaired_as_they_are_read(tmp_path):
    path = tmp_path / "garbled.jsonl"
    path.write_text(json.dumps({"id": "a", "title": "Obamaâ€™s speech", "text": "Obamaâ€ ™ s speech ."}) + "\n"
                    + json.dumps({"id": "b", "text": "Nothing garbled here ."}) + "\n", encoding="utf-8")
    a, b = iter_articles([path])
    assert (a.title, a.text) == ("Obama’s speech", "Obama’s speech .")
    assert b.title is None and b.text == "Nothing garbled here ."


def test_a_garbled_article_dates_and_names_what_it_says(tmp_path):
    """Through ingest and summarisation: the store keeps the repaired text, "Obamaâ€™s" names Obama,
    and what a summary shows and quotes is the repaired text."""
    path = tmp_path / "state-of-the-union.jsonl"
    text = ("Barack Obamaâ€ ™ s final State of the Union address on Tuesday drew praise .\n"
            "Critics called Tuesdayâ€ ™ s speech â€œa victory lapâ€ � , and Obama smiled .\n")
    path.write_text(json.dumps({"id": "sotu", "text": text, "published": "2016-01-14"}) + "\n", encoding="utf-8")
    with Storyline(tmp_path / "store.db") as sl:
        report = sl.ingest([path], processes=1, progress=False)
        assert report.stored == 1
        summary = sl.summarize("Obama", dates=1).to_dict()
        ((_, stored, _, _),) = document_texts(sl.store)
    assert stored == ("Barack Obama’s final State of the Union address on Tuesday drew praise .\n"
                      "Critics called Tuesday’s speech “a victory lap” , and Obama smiled .\n")
    (event,) = summary["events"]
    assert event["date"]["start"] == "2016-01-12"
    assert event["summary"] == "Barack Obama’s final State of the Union address drew praise ."
    assert [s["sentence"] for s in event["sources"]] == [stored.splitlines()[0]]
