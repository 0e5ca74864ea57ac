"""TempEval-3 documents: reading, tagging, writing and scoring (storyline/temporal/timeml.py, evaluate.py)."""
from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from storyline.cli import main
from storyline.temporal import evaluate, timeml

GOLD = """<?xml version="1.0" ?>
<TimeML>
<DOCID>wsj_test</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1989-11-02" temporalFunction="false" functionInDocument="CREATION_TIME">11/02/89</TIMEX3></DCT>
<TEXT>
AT&amp;T <EVENT eid="e1" class="OCCURRENCE">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="1989-11-01">yesterday</TIMEX3> that its <TIMEX3 tid="t2" type="DATE" value="1989-Q3">third-quarter</TIMEX3> profit rose from <TIMEX3 tid="t3" type="DATE" value="1988-Q3">a year ago</TIMEX3>. Results for <TIMEX3 tid="t4" type="DURATION" value="P9M">the first nine months</TIMEX3> follow in <TIMEX3 tid="t5" type="DATE" value="1989-12">December</TIMEX3>.
</TEXT>
</TimeML>
"""


@pytest.fixture()
def gold_file(tmp_path):
    path = tmp_path / "gold" / "wsj_test.tml"
    path.parent.mkdir()
    path.write_text(GOLD, encoding="utf-8")
    return path


def test_read_decodes_entities_and_keeps_offsets(gold_file):
    doc = timeml.read(gold_file)
    assert doc.dct == date(1989, 11, 2)
    assert doc.text.startswith("\nAT&T said yesterday")
    assert [t.text for t in doc.timexes] == ["yesterday", "third-quarter", "a year ago",
                                             "the first nine months", "December"]
    assert all(doc.text[t.start:t.end] == t.text for t in doc.timexes)


def test_creation_time_after_a_dateline():
    # TempEval-3's silver data puts the place before the creation time's TIMEX3
    raw = GOLD.replace("<DCT><TIMEX3", "<DCT>LONDON, <TIMEX3")
    assert timeml.parse(raw).dct == date(1989, 11, 2)


def test_tagging_a_reporting_period_document(gold_file):
    doc = timeml.read(gold_file)
    found = {t.text: (t.type, t.value) for t in timeml.tag_document(doc)}
    assert found["yesterday"] == ("DATE", "1989-11-01")
    assert found["third-quarter"] == ("DATE", "1989-Q3")
    assert found["a year ago"] == ("DATE", "1988-Q3")          # the quarter, a year before
    assert found["the first nine months"] == ("DURATION", "P9M")
    assert found["December"] == ("DATE", "1989-12")            # no tense cue: the nearest December


def test_render_keeps_text_and_replaces_annotation(gold_file):
    doc = timeml.read(gold_file)
    out = timeml.render(doc, [timeml.Timex(doc.text.index("December"), doc.text.index("December") + 8,
                                           "December", "DATE", "1989-12")])
    again = timeml.parse(out)
    assert again.text == doc.text                                # text unchanged, entities kept escaped
    assert "AT&amp;T" in out and "<EVENT" not in out
    assert [(t.text, t.value) for t in again.timexes] == [("December", "1989-12")]
    assert out.split("<TEXT>")[0] == GOLD.split("<TEXT>")[0]     # header (DCT t0) byte for byte


def test_scores_follow_tempeval3_definitions():
    text = "on Monday and in the next three days"
    gold = [timeml.Timex(3, 9, "Monday", "DATE", "2020-01-06"),
            timeml.Timex(21, 36, "the next three days", "DURATION", "P3D")]
    system = [timeml.Timex(3, 9, "Monday", "DATE", "2020-01-13"),       # strict, wrong value
              timeml.Timex(25, 36, "next three days", "DURATION", "P3D"),  # relaxed only, right value
              timeml.Timex(0, 2, "on", "DATE", "X")]                     # spurious
    s = evaluate.score_document(text, gold, system).scores()
    assert s["strict_precision"] == pytest.approx(1 / 3) and s["strict_recall"] == pytest.approx(1 / 2)
    assert s["relaxed_precision"] == pytest.approx(2 / 3) and s["relaxed_recall"] == 1.0
    assert s["relaxed_f1"] == pytest.approx(0.8)
    assert s["value_f1"] == pytest.approx(0.8 * 0.5)              # relaxed F1 x value accuracy
    assert s["type_f1"] == pytest.approx(0.8)


def test_cli_tags_a_folder_and_scores_it(gold_file, tmp_path):
    te3input = tmp_path / "in" / "wsj_test.tml.TE3input"
    te3input.parent.mkdir()
    te3input.write_text(GOLD, encoding="utf-8")
    runner = CliRunner()
    r = runner.invoke(main, ["time", "tag", str(te3input.parent), "--out", str(tmp_path / "out")])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "out" / "wsj_test.tml").exists()             # named without .TE3input
    r = runner.invoke(main, ["evaluate", "time", str(gold_file.parent), str(tmp_path / "out"), "--json"])
    assert r.exit_code == 0, r.output
    assert '"strict_f1": 1.0' in r.output and '"value_f1": 1.0' in r.output


def test_cli_errors_are_one_line(tmp_path):
    bad = tmp_path / "bad.tml"
    bad.write_text("<TimeML>no text element</TimeML>", encoding="utf-8")
    r = CliRunner().invoke(main, ["time", "tag", str(bad), "--out", str(tmp_path / "out")])
    assert r.exit_code == 1 and "bad.tml: no <TEXT> element" in r.output
    r = CliRunner().invoke(main, ["time", "tag", str(tmp_path / "missing"), "--out", str(tmp_path / "o")])
    assert r.exit_code == 1 and "missing: no such file or folder" in r.output
