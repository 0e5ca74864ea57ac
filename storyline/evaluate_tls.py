"""``storyline evaluate tls``: timeline summarisation scored by the news-tls protocol.

A dataset folder (news-tls layout, see shared/README.md) holds ``dataset.json``
(``span_extension_days``, optional ``sentences_per_date``) and one folder per topic with
``articles.jsonl.gz``, ``keywords.json`` and reference timelines: ``timelines.jsonl`` (one
``[[date, [sentence, ...]], ...]`` per line) or ``dates.json`` (reference dates only).

Protocol (news-tls ``experiments/evaluate.py``): one task per reference timeline; articles and
dates restricted to the reference's first..last date ± ``span_extension_days``; L = number of
reference dates; K = mean sentences per reference date, rounded (or ``sentences_per_date``);
only sentences containing a keyword. Scores: AR-1 and AR-2 F (tilse's align+ m:1 ROUGE, its
pure-Python ``reimpl``; the ``[bench]`` extra) and Date-F1 (exact day match); precision and
recall are averaged over tasks, then F is taken. ``dates.json`` topics get Date-F1 only.

Every topic is ingested into a fresh SQLite store (in a temporary folder, or ``cache_dir``
to reuse stores between runs); the seconds per topic are ingest plus summarisation (scoring apart).
"""
from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ARTICLES = "articles.jsonl.gz"


class DatasetError(ValueError):
    pass


@dataclass
class Task:
    """One reference timeline of a topic: its dates, and its sentences per date when aligned."""

    topic: str
    index: int
    reference: dict[date, list[str]]
    aligned: bool = True  # False for dates.json topics: dates without per-date text

    @property
    def dates(self) -> list[date]:
        return sorted(self.reference)


@dataclass
class Topic:
    name: str
    path: Path
    keywords: list[str]
    tasks: list[Task] = field(default_factory=list)


@dataclass
class Dataset:
    name: str
    path: Path
    span_extension_days: int
    sentences_per_date: int | None
    topics: list[Topic]


# -- reading a dataset -----------------------------------------------------------------------
def load_dataset(path: str | Path) -> Dataset:
    """Read a dataset folder; a missing or malformed piece raises ``DatasetError`` naming the file."""
    root = Path(path)
    if not root.is_dir():
        raise DatasetError(f"{root}: not a folder")
    meta = _json(root / "dataset.json") if (root / "dataset.json").exists() else {}
    if not isinstance(meta, dict):
        raise DatasetError(f"{root / 'dataset.json'}: expected a JSON object")
    topics = [_topic(d) for d in sorted(root.iterdir()) if d.is_dir() and (d / ARTICLES).exists()]
    if not topics:
        raise DatasetError(f"{root}: no topic folder with {ARTICLES}")
    spd = meta.get("sentences_per_date")
    return Dataset(str(meta.get("name") or root.name), root, int(meta.get("span_extension_days") or 0),
                   int(spd) if spd else None, topics)


def _json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DatasetError(f"{path}: {exc}") from None


def _day(value: object, where: Path) -> date:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise DatasetError(f"{where}: '{value}' is not a date") from None


def _topic(folder: Path) -> Topic:
    keywords = _json(folder / "keywords.json") if (folder / "keywords.json").exists() else []
    if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
        raise DatasetError(f"{folder / 'keywords.json'}: expected a list of strings")
    topic = Topic(folder.name, folder, keywords)
    lines_file, dates_file = folder / "timelines.jsonl", folder / "dates.json"
    if lines_file.exists():
        for i, line in enumerate(lines_file.read_text(encoding="utf-8").splitlines()):
            if not line.strip():
                continue
            try:
                rows = json.loads(line)
                reference = {_day(d, lines_file): [str(s) for s in sents] for d, sents in rows}
            except (ValueError, TypeError) as exc:
                raise DatasetError(f"{lines_file}:{i + 1}: not a timeline ({exc})") from None
            if reference:
                topic.tasks.append(Task(folder.name, i, reference))
    elif dates_file.exists():
        meta = _json(dates_file)
        days = meta.get("dates") if isinstance(meta, dict) else None
        if not isinstance(days, list) or not days:
            raise DatasetError(f"{dates_file}: expected {{\"dates\": [YYYY-MM-DD, ...]}}")
        topic.tasks.append(Task(folder.name, 0, {_day(d, dates_file): [] for d in days}, aligned=False))
    else:
        raise DatasetError(f"{folder}: no timelines.jsonl or dates.json")
    return topic


# -- the protocol ----------------------------------------------------------------------------
def task_window(task: Task, span_extension_days: int) -> tuple[date, date]:
    """The reference's first..last date, widened by ``span_extension_days`` on each side."""
    ext = timedelta(days=span_extension_days)
    return task.dates[0] - ext, task.dates[-1] + ext


def task_length(task: Task, sentences_per_date: int | None) -> tuple[int, int]:
    """(L, K): the number of reference dates; the mean sentences per reference date, rounded."""
    if sentences_per_date or not task.aligned:
        return len(task.reference), sentences_per_date or 1
    lengths = [len(s) for s in task.reference.values()]
    return len(task.reference), max(1, round(sum(lengths) / len(lengths)))


def date_scores(predicted: list[date] | set[date], reference: list[date] | set[date]) -> dict[str, float]:
    """Date precision, recall and F1 by exact day match."""
    pred, ref = set(predicted), set(reference)
    shared = len(pred & ref)
    p = shared / len(pred) if pred else 0.0
    r = shared / len(ref) if ref else 0.0
    return {"precision": p, "recall": r, "f_score": _f(p, r)}


def average(scores: list[dict[str, float]]) -> dict[str, float]:
    """news-tls averaging: precision and recall averaged over tasks, then F of the averages."""
    if not scores:
        return {"precision": 0.0, "recall": 0.0, "f_score": 0.0}
    p = sum(s["precision"] for s in scores) / len(scores)
    r = sum(s["recall"] for s in scores) / len(scores)
    return {"precision": p, "recall": r, "f_score": _f(p, r)}


def _f(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


class RougeMissing(RuntimeError):
    pass


def rouge_evaluator():
    """tilse's align+ m:1 ROUGE-1/2 with its pure-Python ROUGE (``reimpl``)."""
    try:
        from tilse.evaluation import rouge
    except ImportError as exc:
        raise RougeMissing("ROUGE needs tilse: pip install 'tilse==0.2.1' (or pip install '.[bench]')"
                           f" ({exc})") from None
    return rouge.TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"], rouge_computation="reimpl")


def rouge_scores(evaluator, predicted: list, reference: dict[date, list[str]]) -> dict[str, dict[str, float]]:
    """AR-1 and AR-2 (precision, recall, F) of a predicted tls timeline against one reference."""
    from tilse.data.timelines import GroundTruth, Timeline

    pred = Timeline({date.fromisoformat(d): list(sents) for d, sents in predicted})
    truth = GroundTruth([Timeline(reference)])
    if not pred.get_dates():
        zero = {"precision": 0.0, "recall": 0.0, "f_score": 0.0}
        return {"rouge_1": dict(zero), "rouge_2": dict(zero)}
    out = evaluator.evaluate_align_date_content_costs_many_to_one(pred, truth)
    return {m: {k: float(v) for k, v in out[m].items()} for m in ("rouge_1", "rouge_2")}


# -- running ---------------------------------------------------------------------------------
def evaluate(dataset_dir: str | Path, out_dir: str | Path, *, cache_dir: str | Path | None = None,
             processes: int = 2, topics: list[str] | None = None,
             log: Callable[[str], None] = lambda msg: None) -> dict:
    """Run every task of a dataset, write predictions and ``results.json`` to ``out_dir``, return the results."""
    from .api import Storyline
    from .summarise import Matcher, load_sentences

    dataset = load_dataset(dataset_dir)
    chosen = [t for t in dataset.topics if not topics or t.name in topics]
    if topics and len(chosen) != len(set(topics)):
        unknown = sorted(set(topics) - {t.name for t in dataset.topics})
        raise DatasetError(f"{dataset.path}: no topic {', '.join(unknown)}")
    needs_rouge = any(task.aligned for t in chosen for task in t.tasks)
    evaluator = rouge_evaluator() if needs_rouge else None
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tasks_out, topic_seconds, scoring_seconds = [], {}, {}
    with tempfile.TemporaryDirectory(prefix="storyline-tls-") as tmp:
        stores = Path(cache_dir) / dataset.path.name if cache_dir else Path(tmp)
        stores.mkdir(parents=True, exist_ok=True)
        for topic in chosen:
            started = time.perf_counter()
            with Storyline(stores / f"{topic.name}.db") as sl:
                report = sl.ingest([topic.path / ARTICLES], processes=processes, progress=False)
                (out / topic.name).mkdir(exist_ok=True)
                # once for all its tasks; keywords match anywhere in a sentence, as in news-tls
                sentences = load_sentences(sl.store, None, Matcher(topic.keywords, whole_words=False))
                scoring = 0.0
                for task in topic.tasks:
                    row = _run_task(sentences, dataset, topic, task, out)
                    scored = time.perf_counter()
                    if task.aligned and evaluator is not None:
                        row.update(rouge_scores(evaluator, row.pop("_predicted"), task.reference))
                    row.pop("_predicted", None)
                    scoring += time.perf_counter() - scored
                    tasks_out.append(row)
            # the time a user waits for the summaries: ingest and summarisation, not the scoring
            topic_seconds[topic.name] = round(time.perf_counter() - started - scoring, 2)
            scoring_seconds[topic.name] = round(scoring, 2)
            log(f"{topic.name}: {report.stored} articles analysed, {report.unchanged} reused, "
                f"{len(report.errors)} unreadable; {len(topic.tasks)} task(s) in {topic_seconds[topic.name]:.1f} s")
    results = {
        "dataset": dataset.name,
        "path": str(dataset.path),
        "protocol": {"span_extension_days": dataset.span_extension_days,
                     "sentences_per_date": dataset.sentences_per_date,
                     "rouge": "tilse 0.2.1 align+ m:1, reimpl ROUGE" if evaluator else None},
        "cached_stores": bool(cache_dir),
        "tasks": tasks_out,
        "topic_seconds": topic_seconds,
        "seconds_per_topic": round(sum(topic_seconds.values()) / len(topic_seconds), 2) if topic_seconds else 0.0,
        "scoring_seconds": scoring_seconds,
        "scores": _averages(tasks_out),
    }
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return results


def task_input(sentences: list, dataset: Dataset, task: Task) -> tuple[list, date, date, int, int]:
    """What the protocol gives a system for ``task``: the sentences of articles published in its
    window (or undated), the window (since, until), L and K."""
    since, until = task_window(task, dataset.span_extension_days)
    n_dates, per_date = task_length(task, dataset.sentences_per_date)
    in_window = [s for s in sentences if s.published is None or since <= s.published <= until]
    return in_window, since, until, n_dates, per_date


def _run_task(sentences: list, dataset: Dataset, topic: Topic, task: Task, out: Path) -> dict:
    """Summarise one task's window (the same steps as ``Storyline.summarize`` with keywords), write it,
    and score its dates."""
    from .summarise import summarise

    in_window, since, until, n_dates, per_date = task_input(sentences, dataset, task)
    key_dates = summarise(in_window, n_dates, per_date, since, until)
    predicted = [[k.date.start.isoformat(), list(k.sentences)] for k in key_dates]
    (out / topic.name / f"{task.index}.json").write_text(json.dumps(predicted, ensure_ascii=False) + "\n",
                                                       encoding="utf-8")
    row = {"topic": topic.name, "timeline": task.index, "dates": n_dates, "sentences_per_date": per_date,
           "since": since.isoformat(), "until": until.isoformat(), "predicted_dates": len(predicted),
           "date": date_scores([date.fromisoformat(d) for d, _ in predicted], task.dates), "_predicted": predicted}
    return row


def _averages(rows: list[dict]) -> dict:
    scores = {"tasks": len(rows), "date": average([r["date"] for r in rows])}
    aligned = [r for r in rows if "rouge_1" in r]
    if aligned:
        scores["rouge_1"] = average([r["rouge_1"] for r in aligned])
        scores["rouge_2"] = average([r["rouge_2"] for r in aligned])
    return scores


def table(results: dict) -> str:
    """The results as a small fixed-width table (one row per task, then the averages)."""
    lines = [f"{'topic':<24} {'tl':>3} {'L':>4} {'K':>2} {'AR-1 F':>7} {'AR-2 F':>7} {'Date F1':>8}"]
    for r in results["tasks"]:
        r1 = f"{r['rouge_1']['f_score']:.3f}" if "rouge_1" in r else "-"
        r2 = f"{r['rouge_2']['f_score']:.3f}" if "rouge_2" in r else "-"
        lines.append(f"{r['topic'][:24]:<24} {r['timeline']:>3} {r['dates']:>4} {r['sentences_per_date']:>2} "
                     f"{r1:>7} {r2:>7} {r['date']['f_score']:>8.3f}")
    s = results["scores"]
    r1 = f"{s['rouge_1']['f_score']:.3f}" if "rouge_1" in s else "-"
    r2 = f"{s['rouge_2']['f_score']:.3f}" if "rouge_2" in s else "-"
    lines.append(f"{'average (' + str(s['tasks']) + ' tasks)':<24} {'':>3} {'':>4} {'':>2} "
                 f"{r1:>7} {r2:>7} {s['date']['f_score']:>8.3f}")
    lines.append(f"seconds per topic, ingest and summarisation{' (cached stores)' if results['cached_stores'] else ''}: "
                 f"{results['seconds_per_topic']:.1f} (scoring: {sum(results['scoring_seconds'].values()):.0f} s in all)")
    return "\n".join(lines)
