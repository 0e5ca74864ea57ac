"""Timeline summarisation benchmark: `storyline evaluate tls` on T17 and entities-dev, next to the
published anchors, with the command that reproduces the figures.

    pip install 'tilse==0.2.1'                       # ROUGE (the [bench] extra)
    python benchmarks/tls.py                         # both datasets, fresh stores (ingest timed)
    python benchmarks/tls.py --dataset ../shared/data/tls/t17 --cache /tmp/tls-cache

Run timed figures alone on the machine (the team wraps them in `flock -x /tmp/storyline-bench.lock`).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from storyline.evaluate_tls import evaluate, table  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "tls"
# Published figures, same protocol (AR-1 F, AR-2 F, Date-F1), as quoted in the issue.
ANCHORS = {
    "t17": [("news-tls Datewise (Gholipour Ghalandari & Ifrim 2020)", .120, .035, .544),
            ("SUnSET, Qwen-72B (best published, LLM)", .136, .044, .576)],
    "entities-dev": [("news-tls Datewise on all 47 ENTITIES people", .057, .017, .205)],
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", action="append", type=Path,
                        help="dataset folder (repeatable; default: t17 and entities-dev)")
    parser.add_argument("--out", type=Path, default=Path("runs"), help="predictions and results.json go here")
    parser.add_argument("--cache", type=Path, default=None, help="reuse per-topic stores from this folder")
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args(argv)
    datasets = args.dataset or [DATA / "t17", DATA / "entities-dev"]
    for folder in datasets:
        started = time.perf_counter()
        results = evaluate(folder, args.out / folder.name, cache_dir=args.cache, processes=args.processes,
                           log=lambda msg: print("  " + msg, file=sys.stderr, flush=True))
        wall = time.perf_counter() - started
        print(f"\n== {folder.name}: {len(results['topic_seconds'])} topics, {results['scores']['tasks']} tasks, "
              f"{wall:.0f} s in all ==")
        print(table(results))
        s = results["scores"]
        ours = (s.get("rouge_1", {}).get("f_score"), s.get("rouge_2", {}).get("f_score"), s["date"]["f_score"])
        print(f"\n{'system':<56} {'AR-1 F':>7} {'AR-2 F':>7} {'Date F1':>8}")
        for name, r1, r2, df in ANCHORS.get(folder.name, []):
            print(f"{name:<56} {r1:>7.3f} {r2:>7.3f} {df:>8.3f}")
        fmt = lambda v: f"{v:.3f}" if v is not None else "-"  # noqa: E731
        print(f"{'Storyline (this run)':<56} {fmt(ours[0]):>7} {fmt(ours[1]):>7} {fmt(ours[2]):>8}")
        print(f"results: {args.out / folder.name / 'results.json'}")
    cmd = ["python", "benchmarks/tls.py"] + [a for d in datasets if args.dataset for a in ("--dataset", str(d))]
    if args.cache:
        cmd += ["--cache", str(args.cache)]
    print("\nreproduce: " + " ".join(cmd))


if __name__ == "__main__":
    main()
