"""How far do two newsrooms' timelines of the same story agree, and how far does Storyline agree
with them? A yardstick for the Date-F1 and ROUGE figures of `storyline evaluate tls`.

    python3 -m storyline.cli evaluate tls ../shared/data/tls/t17 --out /tmp/tls   # predictions first
    python3 benchmarks/tls_agreement.py ../shared/data/tls/t17 /tmp/tls/t17 [--rouge]

A topic with several reference timelines (T17's bpoil, h1n1, libya and syria) gives one ordered
pair (A, B) for each two of them. Over the days both cover (the later first date to the earlier
last date), A's dates are taken as a prediction of B's, and so is Storyline's timeline for A's
task (the one `evaluate tls` wrote to ``<topic>/<A>.json``, made from A's window and A's number
of dates, as the other editor had). Both are scored against B by Date-F1 and, with ``--rouge``
(needs tilse), by AR-1 and AR-2 F, averaged over the pairs as the protocol averages tasks
(precision and recall first, then F). ``--exclude TOPIC:A:B`` leaves a pair out, both ways (two
versions of one timeline are no two editors).
"""
from __future__ import annotations

import argparse
import itertools
import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from storyline.evaluate_tls import (DatasetError, RougeMissing, average, date_scores, load_dataset,  # noqa: E402
                                    rouge_evaluator, rouge_scores)

ROW = "{:<8} {:>2} -> {:<2} {} .. {}  {:>4} {:>4} {:>4}   {:>6} {:>6}"


def within(timeline: dict[date, list[str]], lo: date, hi: date) -> dict[date, list[str]]:
    return {d: s for d, s in timeline.items() if lo <= d <= hi}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset", help="a dataset folder whose topics have timelines.jsonl (T17)")
    parser.add_argument("predictions", help="the dataset's folder of `storyline evaluate tls --out DIR`")
    parser.add_argument("--rouge", action="store_true", help="also AR-1 and AR-2 F (needs tilse)")
    parser.add_argument("--exclude", action="append", default=[], metavar="TOPIC:A:B",
                        help="leave out a pair (both ways), e.g. two versions of one timeline: syria:1:2")
    args = parser.parse_args(argv)
    excluded = set()
    for item in args.exclude:
        topic_name, _, pair = item.partition(":")
        try:
            a_index, b_index = (int(i) for i in pair.split(":"))
        except ValueError:
            raise SystemExit(f"--exclude {item}: expected TOPIC:A:B, e.g. syria:1:2")
        excluded |= {(topic_name, a_index, b_index), (topic_name, b_index, a_index)}
    try:
        dataset = load_dataset(args.dataset)
        evaluator = rouge_evaluator() if args.rouge else None
    except (DatasetError, RougeMissing) as exc:
        raise SystemExit(str(exc))
    predictions = Path(args.predictions)
    scores = {"editor": {"date": [], "rouge_1": [], "rouge_2": []},
              "storyline": {"date": [], "rouge_1": [], "rouge_2": []}}
    print(ROW.format("topic", "A", "B", "first     ", "last      ", "|A|", "|S|", "|B|", "A DF1", "S DF1"))
    for topic in dataset.topics:
        tasks = [t for t in topic.tasks if t.aligned]
        for a, b in itertools.permutations(tasks, 2):
            lo, hi = max(a.dates[0], b.dates[0]), min(a.dates[-1], b.dates[-1])
            if lo > hi or (topic.name, a.index, b.index) in excluded:
                continue
            path = predictions / topic.name / f"{a.index}.json"
            try:
                ours = {date.fromisoformat(d): s for d, s in json.loads(path.read_text(encoding="utf-8"))}
            except (OSError, ValueError, TypeError) as exc:
                raise SystemExit(f"{path}: no predicted timeline ({exc})")
            editor, storyline, truth = within(a.reference, lo, hi), within(ours, lo, hi), within(b.reference, lo, hi)
            for who, timeline in (("editor", editor), ("storyline", storyline)):
                scores[who]["date"].append(date_scores(timeline, truth))
                if evaluator:
                    rouge = rouge_scores(evaluator, [[d.isoformat(), s] for d, s in sorted(timeline.items())], truth)
                    scores[who]["rouge_1"].append(rouge["rouge_1"])
                    scores[who]["rouge_2"].append(rouge["rouge_2"])
            print(ROW.format(topic.name, a.index, b.index, lo, hi, len(editor), len(storyline), len(truth),
                             f"{scores['editor']['date'][-1]['f_score']:.3f}",
                             f"{scores['storyline']['date'][-1]['f_score']:.3f}"))
    if not scores["editor"]["date"]:
        raise SystemExit(f"{args.dataset}: no topic has two reference timelines that overlap")
    print(f"\n{len(scores['editor']['date'])} ordered pairs of reference timelines (A predicts B over the days both cover)")
    for who, label in (("editor", "another editor's timeline (A)"), ("storyline", "Storyline, given A's task")):
        line = f"{label:<32} Date-F1 {average(scores[who]['date'])['f_score']:.3f}"
        if evaluator:
            line += (f"  AR-1 F {average(scores[who]['rouge_1'])['f_score']:.3f}"
                     f"  AR-2 F {average(scores[who]['rouge_2'])['f_score']:.3f}")
        print(line)
    print("\nreproduce: python3 benchmarks/tls_agreement.py " + " ".join(sys.argv[1:] if argv is None else argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
