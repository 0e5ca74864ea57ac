"""Choose the date-ranking constants of storyline/summarise.py honestly: a grid over them, scored by
Date-F1 with the real `summarise` on T17 and entities-dev, reported in-sample, leave-one-topic-out
and cross-dataset.

    python3 benchmarks/tls_tune.py --cache /tmp/tls-cache      # stores as `storyline evaluate tls --cache` leaves them

Leave-one-topic-out: for each topic of a dataset, the grid point with the best Date-F1 on the
other topics of that dataset plus the whole other dataset (the two datasets' Date-F1 summed) is
used on the held-out topic; its tasks' precision and recall are pooled over the folds as the
protocol does. Cross-dataset: the point best on one dataset, scored on the other. Only dates are
scored for the choice (no ROUGE); ``--rouge`` (needs tilse) also scores AR-1/AR-2 of the T17
summaries made with each fold's constants, the leave-one-topic-out counterpart of `storyline
evaluate tls`. Stores missing from the cache are ingested into it first.
"""
from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from storyline import summarise as S  # noqa: E402
from storyline.api import Storyline  # noqa: E402
from storyline.evaluate_tls import (ARTICLES, average, date_scores, load_dataset, rouge_evaluator,  # noqa: E402
                                    rouge_scores, task_input)

DATA = ROOT.parent / "shared" / "data" / "tls"
# (RELEVANT_WEIGHT, PUBLICATION_WEIGHT, VOLUME_DAYS, VOLUME_EXPONENT)
GRID = [p for p in itertools.product((0.25, 0.5, 1.0), (0.0, 0.1, 0.2), (7, 15, 30), (0.0, 0.15, 0.25, 0.35))
        if p[3] or p[2] == 30]  # the reach does not matter without the exponent
NAMES = ("RELEVANT_WEIGHT", "PUBLICATION_WEIGHT", "VOLUME_DAYS", "VOLUME_EXPONENT")


def load_tasks(folder: Path, cache: Path) -> list[tuple]:
    """(topic, task, sentences in its window, since, until, L, K) for every task of a dataset."""
    dataset = load_dataset(folder)
    stores = cache / dataset.path.name
    stores.mkdir(parents=True, exist_ok=True)
    out = []
    for topic in dataset.topics:
        with Storyline(stores / f"{topic.name}.db") as sl:
            sl.ingest([topic.path / ARTICLES], progress=False)
            sentences = S.load_sentences(sl.store, None, S.Matcher(topic.keywords, whole_words=False))
        for task in topic.tasks:
            out.append((topic.name, task, *task_input(sentences, dataset, task)))
    return out


def summarise_with(point: tuple, row: tuple) -> list:
    """The key dates of one task with the constants of ``point``."""
    saved = tuple(getattr(S, n) for n in NAMES)
    try:
        for name, value in zip(NAMES, point):
            setattr(S, name, value)
        _, _, window, since, until, n_dates, per_date = row
        return S.summarise(window, n_dates, per_date, since, until)
    finally:
        for name, value in zip(NAMES, saved):
            setattr(S, name, value)


def score_grid(tasks: dict[str, list[tuple]]) -> dict:
    """Date precision/recall of every task at every grid point: {(dataset, task number, point): scores}."""
    scores = {}
    for point in GRID:
        for ds, rows in tasks.items():
            for i, row in enumerate(rows):
                key_dates = summarise_with(point, row)
                scores[(ds, i, point)] = date_scores([k.date.start for k in key_dates], row[1].dates)
    return scores


def f1(scores: dict, ds: str, indices, point) -> float:
    return average([scores[(ds, i, point)] for i in indices])["f_score"]


def best(scores: dict, train: dict[str, list[int]]) -> tuple:
    """The grid point with the highest sum of per-dataset Date-F1 on ``train`` (ties: the earlier point)."""
    return max(GRID, key=lambda p: sum(f1(scores, ds, idx, p) for ds, idx in train.items() if idx))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, required=True, help="per-topic stores (made here when missing)")
    parser.add_argument("--t17", type=Path, default=DATA / "t17")
    parser.add_argument("--entities", type=Path, default=DATA / "entities-dev")
    parser.add_argument("--rouge", action="store_true", help="also AR-1/AR-2 of the leave-one-topic-out T17 summaries")
    args = parser.parse_args(argv)
    evaluator = rouge_evaluator() if args.rouge else None
    started = time.perf_counter()
    tasks = {"t17": load_tasks(args.t17, args.cache), "entities-dev": load_tasks(args.entities, args.cache)}
    scores = score_grid(tasks)
    every = {ds: list(range(len(rows))) for ds, rows in tasks.items()}
    current = tuple(getattr(S, n) for n in NAMES)
    fmt = lambda p: ", ".join(f"{n}={v}" for n, v in zip(NAMES, p))  # noqa: E731
    print(f"{len(GRID)} grid points, {sum(map(len, every.values()))} tasks, {time.perf_counter() - started:.0f} s\n")
    if current in GRID:
        print(f"shipped constants ({fmt(current)}), in-sample:",
              "  ".join(f"{ds} {f1(scores, ds, idx, current):.4f}" for ds, idx in every.items()))
    point = best(scores, every)
    print(f"best on both datasets together ({fmt(point)}), in-sample:",
          "  ".join(f"{ds} {f1(scores, ds, idx, point):.4f}" for ds, idx in every.items()))
    for ds in tasks:
        other = next(d for d in tasks if d != ds)
        topics = sorted({row[0] for row in tasks[ds]})
        pooled, picks, rouge = [], [], {"rouge_1": [], "rouge_2": []}
        for topic in topics:
            held = [i for i in every[ds] if tasks[ds][i][0] == topic]
            p = best(scores, {ds: [i for i in every[ds] if i not in held], other: every[other]})
            picks.append(p)
            pooled += [scores[(ds, i, p)] for i in held]
            for i in held:
                if evaluator is None or not tasks[ds][i][1].aligned:
                    continue
                predicted = [[k.date.start.isoformat(), list(k.sentences)] for k in summarise_with(p, tasks[ds][i])]
                for measure, value in rouge_scores(evaluator, predicted, tasks[ds][i][1].reference).items():
                    rouge[measure].append(value)
        ar = "".join(f", {m.replace('rouge_', 'AR-')} F {average(v)['f_score']:.4f}" for m, v in rouge.items() if v)
        print(f"{ds}: leave-one-topic-out Date-F1 {average(pooled)['f_score']:.4f}{ar} "
              f"({len(topics)} folds; points chosen: {'; '.join(sorted({fmt(p) for p in picks}))})")
        p = best(scores, {other: every[other]})
        print(f"{ds}: chosen on {other} alone ({fmt(p)}): {f1(scores, ds, every[ds], p):.4f}")


if __name__ == "__main__":
    main()
