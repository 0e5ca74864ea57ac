"""End-to-end ingest benchmark: raw articles -> stored events, articles per second and peak memory.

    python benchmarks/ingest.py                      # all of ../shared/data/tls/t17 (4,650 articles)
    python benchmarks/ingest.py --limit 500 --processes 1

Peak memory is the largest sum of resident memory over this process and its workers,
sampled every 100 ms from /proc.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from storyline import Storyline  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "tls" / "t17"


def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (Linux /proc)."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/statm") as f:
                total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            with open(f"/proc/{p}/task/{p}/children") as f:
                stack += [int(c) for c in f.read().split()]
        except OSError:
            continue
    return total


class PeakMemory(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.peak = 0
        self._done = threading.Event()

    def run(self):
        while not self._done.wait(0.1):
            self.peak = max(self.peak, _tree_rss(os.getpid()))

    def stop(self):
        self._done.set()
        self.join()
        return self.peak


def _limited(files: list[Path], limit: int | None, tmp: Path) -> list[Path]:
    if not limit:
        return files
    import gzip

    out = tmp / "subset.jsonl"
    n = 0
    with open(out, "w", encoding="utf-8") as w:
        for f in files:
            with gzip.open(f, "rt", encoding="utf-8") as r:
                for line in r:
                    w.write(line)
                    n += 1
                    if n >= limit:
                        return [out]
    return [out]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", nargs="?", default=str(DEFAULT_DATA), help="a folder of */articles.jsonl.gz")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--processes", type=int, default=None)
    ap.add_argument("--batch-size", type=int, default=128)
    args = ap.parse_args()

    files = sorted(Path(args.data).glob("*/articles.jsonl.gz"))
    if not files:
        sys.exit(f"benchmarks/ingest.py: {args.data}: no */articles.jsonl.gz found")
    with tempfile.TemporaryDirectory() as tmp:
        inputs = _limited(files, args.limit, Path(tmp))
        words = 0
        monitor = PeakMemory()
        monitor.start()
        t0 = time.perf_counter()
        with Storyline(Path(tmp) / "bench.db") as sl:
            report = sl.ingest(inputs, processes=args.processes, batch_size=args.batch_size, progress=False)
            elapsed = time.perf_counter() - t0
            events = sl.store.db.execute("SELECT count(*), count(date) FROM event_mentions").fetchone()
            entities = sl.store.db.execute("SELECT count(*) FROM entities").fetchone()[0]
            words = sum(len(t.split()) for (t,) in sl.store.db.execute("SELECT text FROM documents"))
        peak = monitor.stop()
    n = report.stored
    print(f"articles stored     {n} (read {report.read}, errors {len(report.errors)})")
    print(f"words               {words} ({words / max(n, 1):.0f} per article)")
    print(f"event mentions      {events[0]} ({events[1]} dated); entities {entities}")
    print(f"wall time           {elapsed:.1f} s")
    print(f"throughput          {n / elapsed:.1f} articles/s, {words / elapsed:.0f} words/s")
    print(f"peak memory         {peak / 2**20:.0f} MiB (this process and its workers)")
    print(f"machine             {os.cpu_count()} cores; processes={args.processes or 'default'}")
    cmd = " ".join(["python", "benchmarks/ingest.py"] + sys.argv[1:])
    print(f"reproduce with      {cmd}")


if __name__ == "__main__":
    main()
