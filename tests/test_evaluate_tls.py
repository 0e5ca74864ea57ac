"""``storyline evaluate tls``: the news-tls protocol on a tiny dataset folder written here.

Reading the layout, the window, L and K, the keyword filter, Date-F1 and its averaging run
always; the ROUGE path runs only where the benchmark extra (tilse) is installed.
"""
from __future__ import annotations

import gzip
import importlib.util
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import main
from storyline.evaluate_tls import (
    DatasetError, Task, average, date_scores, evaluate, load_dataset, task_length, task_window,
)

HAVE_TILSE = importlib.util.find_spec("tilse") is not None

ARTICLES = [
    {"id": "a1", "published": "2021-05-03",
     "text": "A strong earthquake struck the coastal city of Port Alder on 2 May 2021, officials said.\n"
             "The earthquake on 2 May 2021 destroyed the harbour and the old market.\n"
             "Rescue teams from the capital arrived in the evening.\n"
             "Aid convoys for the earthquake zone were promised for 5 May 2021."},
    {"id": "a2", "published": "2021-05-04",
     "text": "Aftershocks shook Port Alder on 3 May 2021 as rescuers searched the rubble.\n"
             "The earthquake of 2 May 2021 left thousands homeless, the mayor said."},
    {"id": "a3", "published": "2021-05-06",
     "text": "Aid convoys reached the earthquake zone on 5 May 2021 after the roads reopened.\n"
             "The football season resumed on 5 May 2021 in the capital."},
    {"id": "a4", "published": "2021-09-01",  # outside every window: must be ignored
     "text": "The earthquake of 2 May 2021 was remembered on 30 August 2021 at a ceremony.\n"
             "Mourners marked the earthquake anniversary on 30 August 2021 in Port Alder."},
]


def _write_dataset(root: Path, with_timelines: bool = True) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "dataset.json").write_text(json.dumps({"name": "tiny", "span_extension_days": 1}))
    people = root / "mayor"
    people.mkdir()
    _articles(people, ARTICLES[:3])
    (people / "keywords.json").write_text(json.dumps(["earthquake", "port alder"]))
    (people / "dates.json").write_text(json.dumps({"entity": "Mayor", "dates": ["2021-05-02", "2021-05-05"]}))
    if with_timelines:
        quake = root / "quake"
        quake.mkdir()
        _articles(quake, ARTICLES)
        (quake / "keywords.json").write_text(json.dumps(["earthquake", "aftershocks", "rescuers"]))
        timelines = [
            [["2021-05-02T00:00:00", ["An earthquake destroys the harbour of Port Alder .",
                                      "Thousands are left homeless ."]],
             ["2021-05-03T00:00:00", ["Aftershocks hit the city ."]]],
            [["2021-05-02", ["The earthquake strikes ."]], ["2021-05-05", ["Aid reaches the earthquake zone ."]],
             ["2021-05-06", ["Roads reopen .", "Schools reopen .", "Markets reopen ."]]],
        ]
        (quake / "timelines.jsonl").write_text("".join(json.dumps(t) + "\n" for t in timelines))
    return root


def _articles(folder: Path, articles: list[dict]) -> None:
    with gzip.open(folder / "articles.jsonl.gz", "wt", encoding="utf-8") as fh:
        for a in articles:
            fh.write(json.dumps(a) + "\n")


# -- the protocol pieces -------------------------------------------------------------------

def test_layout_tasks_window_and_lengths(tmp_path):
    ds = load_dataset(_write_dataset(tmp_path / "tiny"))
    assert ds.span_extension_days == 1 and ds.sentences_per_date is None
    assert [t.name for t in ds.topics] == ["mayor", "quake"]
    mayor, quake = ds.topics
    assert [(t.index, t.aligned) for t in quake.tasks] == [(0, True), (1, True)]
    assert [(t.index, t.aligned) for t in mayor.tasks] == [(0, False)]
    first, second = quake.tasks
    assert task_window(first, 1) == (date(2021, 5, 1), date(2021, 5, 4))
    assert task_window(second, 0) == (date(2021, 5, 2), date(2021, 5, 6))
    assert task_length(first, None) == (2, 2)     # (2 + 1) / 2 = 1.5 rounds to 2
    assert task_length(second, None) == (3, 2)    # 5 / 3 = 1.67
    assert task_length(second, 1) == (3, 1)       # the dataset's sentences_per_date wins
    assert task_length(mayor.tasks[0], None) == (2, 1)


def test_date_f1_and_news_tls_averaging():
    d = [date(2021, 5, i) for i in range(1, 6)]
    assert date_scores(d[:2], d[1:3]) == {"precision": 0.5, "recall": 0.5, "f_score": 0.5}
    assert date_scores([], d[:1])["f_score"] == 0.0
    a = {"precision": 1.0, "recall": 0.0, "f_score": 0.0}
    b = {"precision": 0.0, "recall": 1.0, "f_score": 0.0}
    avg = average([a, b])  # P and R averaged first, then F: not the mean of the Fs
    assert avg == {"precision": 0.5, "recall": 0.5, "f_score": 0.5}


def test_bad_dataset_is_named_in_one_line(tmp_path):
    with pytest.raises(DatasetError, match="not a folder"):
        load_dataset(tmp_path / "nope")
    root = _write_dataset(tmp_path / "bad", with_timelines=False)
    (root / "mayor" / "dates.json").write_text("{not json")
    with pytest.raises(DatasetError, match=r"mayor/dates.json"):
        load_dataset(root)
    (root / "mayor" / "dates.json").write_text(json.dumps({"dates": ["2021-13-40"]}))
    with pytest.raises(DatasetError, match="'2021-13-40' is not a date"):
        load_dataset(root)


def test_dates_only_dataset_end_to_end_without_rouge(tmp_path):
    """Real ingest into a fresh store, window and keyword filter, files and results.json."""
    root = _write_dataset(tmp_path / "tiny", with_timelines=False)
    out = tmp_path / "out"
    results = evaluate(root, out, processes=1)
    (row,) = results["tasks"]
    assert (row["topic"], row["timeline"], row["dates"], row["sentences_per_date"]) == ("mayor", 0, 2, 1)
    assert (row["since"], row["until"]) == ("2021-05-01", "2021-05-06")
    predicted = json.loads((out / "mayor" / "0.json").read_text())
    assert [d for d, _ in predicted] == ["2021-05-02", "2021-05-05"]
    for _, sentences in predicted:
        assert len(sentences) == 1 and any(k in sentences[0].lower() for k in ("earthquake", "port alder"))
    assert "football" not in json.dumps(predicted)  # no keyword: never in a summary
    assert row["date"]["f_score"] == 1.0 and "rouge_1" not in row
    saved = json.loads((out / "results.json").read_text())
    assert saved["scores"]["date"]["f_score"] == 1.0 and "rouge_1" not in saved["scores"]
    assert saved["topic_seconds"]["mayor"] > 0 and saved["cached_stores"] is False


def test_cli_evaluate_tls_prints_a_table(tmp_path):
    root = _write_dataset(tmp_path / "tiny", with_timelines=False)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["evaluate", "tls", str(root), "--out", str(out), "--processes", "1",
                                       "--cache", str(tmp_path / "cache")])
    assert result.exit_code == 0, result.output
    assert "Date F1" in result.stdout and "average (1 tasks)" in result.stdout
    assert (tmp_path / "cache" / "tiny" / "mayor.db").exists()
    missing = CliRunner().invoke(main, ["evaluate", "tls", str(tmp_path / "none"), "--out", str(out)])
    assert missing.exit_code == 1 and "not a folder" in missing.output


@pytest.mark.skipif(not HAVE_TILSE, reason="ROUGE needs the benchmark extra: pip install 'tilse==0.2.1'")
def test_rouge_path_with_tilse(tmp_path):
    root = _write_dataset(tmp_path / "tiny")
    out = tmp_path / "out"
    results = evaluate(root, out, processes=1, topics=["quake"])
    rows = results["tasks"]
    assert [(r["topic"], r["timeline"]) for r in rows] == [("quake", 0), ("quake", 1)]
    for r in rows:
        assert r["since"] >= "2021-05-01" and r["until"] <= "2021-05-07"
        assert 0.0 < r["rouge_1"]["f_score"] <= 1.0 and 0.0 <= r["rouge_2"]["f_score"] <= 1.0
        predicted = json.loads((out / "quake" / f"{r['timeline']}.json").read_text())
        assert all("2021-05-01" <= d <= "2021-05-07" for d, _ in predicted)  # August left out
    scores = results["scores"]
    p, r = scores["rouge_1"]["precision"], scores["rouge_1"]["recall"]
    assert scores["rouge_1"]["f_score"] == pytest.approx(2 * p * r / (p + r))


def test_rouge_missing_is_one_clear_line(tmp_path, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_tilse(name, *args, **kwargs):
        if name.startswith("tilse"):
            raise ImportError("No module named 'tilse'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_tilse)
    root = _write_dataset(tmp_path / "tiny")
    result = CliRunner().invoke(main, ["evaluate", "tls", str(root), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "ROUGE needs tilse: pip install 'tilse==0.2.1'" in result.output


def test_task_reference_sorted():
    task = Task("t", 0, {date(2021, 5, 3): [], date(2021, 5, 1): []})
    assert task.dates == [date(2021, 5, 1), date(2021, 5, 3)]
