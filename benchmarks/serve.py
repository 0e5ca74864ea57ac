"""Load check of the HTTP API: latency of the timeline endpoint for a busy entity.

    python benchmarks/serve.py --db /tmp/t17.db                 # store made by --build, or by
    python benchmarks/serve.py --db /tmp/t17.db --build         #   storyline ingest ../shared/data/tls/t17
    python benchmarks/serve.py --db /tmp/t17.db --entity BP --requests 300 --seconds 60

Starts ``storyline serve`` from this checkout on a free port of 127.0.0.1 (loopback only), waits
for it, sends one request (the first after a change of the store computes the timeline; after
an ingest the busiest timelines are already stored), then at most ``--requests`` sequential
requests within at most ``--seconds`` over one keep-alive connection, for the whole timeline
and for a date-restricted one, and prints p50/p95/max latency. The server is stopped at the end.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import shlex
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "tls" / "t17"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build(db: str, data: Path) -> None:
    from storyline import Storyline

    files = sorted(data.glob("*/articles.jsonl.gz"))
    with Storyline(db) as sl:
        t = time.perf_counter()
        report = sl.ingest(files, progress=None)
        print(f"built {db}: {report.stored} articles stored in {time.perf_counter() - t:.0f} s", flush=True)


def wait_up(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"serve.py: the server exited with status {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/info")
            if conn.getresponse().status == 200:
                conn.close()
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"serve.py: the server did not answer within {timeout:.0f} s")


def series(port: int, path: str, requests: int, seconds: float) -> list[float]:
    """Latencies (ms) of up to ``requests`` GETs of ``path``, stopping after ``seconds``."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    out: list[float] = []
    stop = time.perf_counter() + seconds
    try:
        while len(out) < requests and time.perf_counter() < stop:
            t = time.perf_counter()
            conn.request("GET", path)
            resp = conn.getresponse()
            body = resp.read()
            out.append((time.perf_counter() - t) * 1000)
            if resp.status != 200:
                raise SystemExit(f"serve.py: {path}: HTTP {resp.status}: {body[:200]!r}")
    finally:
        conn.close()
    return out


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", default="/tmp/t17.db", help="store holding the t17 corpus (default /tmp/t17.db)")
    ap.add_argument("--build", action="store_true", help="ingest DATA/*/articles.jsonl.gz into --db first")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"t17 folder (default {DEFAULT_DATA})")
    ap.add_argument("--entity", default="BP", help="a busy entity (default BP)")
    ap.add_argument("--requests", type=int, default=300, help="at most this many requests per series (default 300)")
    ap.add_argument("--seconds", type=float, default=60, help="at most this long per series (default 60)")
    ap.add_argument("--cold", action="store_true",
                    help="drop the kept timelines first, so the first request computes one (as after a change)")
    args = ap.parse_args()
    if args.build:
        build(args.db, args.data)
    if not Path(args.db).exists():
        raise SystemExit(f"serve.py: {args.db}: no such store (use --build)")
    if args.cold:
        from storyline.store import Store

        store = Store(args.db)
        store.db.execute("DELETE FROM timeline_cache")  # a cache: the next request recomputes it
        store.close()
    port = free_port()
    env = dict(os.environ, STORYLINE_TOKEN="")
    env.pop("STORYLINE_TOKEN")
    proc = subprocess.Popen([sys.executable, "-m", "storyline.cli", "serve", "--db", args.db, "--host", "127.0.0.1",
                             "--port", str(port)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    try:
        wait_up(port, proc)
        q = urllib.parse.urlencode({"entity": args.entity})
        first = series(port, f"/api/timeline?{q}", 1, 120)
        info = json.loads(http_get(port, f"/api/timeline?{q}"))
        print(f"store: {args.db}; entity: {info['entity']['name']} ({info['entity']['mentions']} mentions, "
              f"{len(info['events'])} events, {len(info['conflicts'])} conflicts, "
              f"{len(info['documents'])} articles cited)")
        print(f"first request{' (cold: computes the timeline)' if args.cold else ''}: {first[0]:.1f} ms")
        years = sorted(e["date"]["start"][:4] for e in info["events"] if e["date"]["start"])
        mid = years[len(years) // 2] if years else "2010"
        for label, path in (("whole timeline", f"/api/timeline?{q}"),
                            (f"since {mid}-01-01 until {mid}-12-31",
                             f"/api/timeline?{q}&since={mid}-01-01&until={mid}-12-31")):
            ms = series(port, path, args.requests, args.seconds)
            print(f"{label}: {len(ms)} requests, p50 {statistics.median(ms):.1f} ms, p95 {pct(ms, 95):.1f} ms, "
                  f"max {max(ms):.1f} ms")
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    argv = " ".join(shlex.quote(a) for a in sys.argv[1:] if a != "--build")
    print(f"reproduce: flock -x /tmp/storyline-bench.lock python3 benchmarks/serve.py {argv}".rstrip())


def http_get(port: int, path: str) -> bytes:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path)
        return conn.getresponse().read()
    finally:
        conn.close()


if __name__ == "__main__":
    main()
