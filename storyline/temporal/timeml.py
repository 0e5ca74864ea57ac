"""Read and write TempEval-3 TimeML documents (``.tml``, ``.TE3input``).

A document's text is the content of ``<TEXT>`` with its inline tags removed and XML entities
decoded; offsets of gold TIMEX3s refer to that text. Writing keeps the file byte for byte outside
``<TEXT>``, and inside it keeps the (escaped) text and inserts one ``<TIMEX3>`` per expression,
after removing any TIMEX3/EVENT/SIGNAL tags the input carried (so an annotated ``.tml`` becomes a
system file, never a copy of its gold annotation).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from xml.sax.saxutils import quoteattr

from .rules import RuleTagger

_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
# the creation time's TIMEX3 may follow a dateline inside <DCT> ("<DCT>LONDON, <TIMEX3 ...>")
_DCT = re.compile(r"<DCT>[^<]*<TIMEX3\b([^>]*)>", re.S)
_TAG = re.compile(r"<(/?)([A-Za-z][\w:]*)([^>]*?)(/?)>", re.S)
_ENTITY = re.compile(r"&(#x[0-9a-fA-F]+|#\d+|\w+);")
_ATTR = re.compile(r'([\w:]+)\s*=\s*"([^"]*)"|([\w:]+)\s*=\s*\'([^\']*)\'')
SUFFIXES = (".tml", ".TE3input")


class TimeMLError(ValueError):
    """A file that is not a TempEval-3 TimeML document."""


@dataclass
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    tid: str = ""


@dataclass
class TimeMLDocument:
    name: str               # file name without the .TE3input suffix
    raw: str                # the whole file
    text: str               # the plain text of <TEXT>
    dct: date | None
    timexes: list[Timex] = field(default_factory=list)
    # raw offset (into ``raw``) of every plain-text character, plus one for the end
    _raw_at: list[int] = field(default_factory=list, repr=False)


def _attrs(s: str) -> dict[str, str]:
    return {(m[1] or m[3]): html.unescape(m[2] if m[1] else m[4]) for m in _ATTR.finditer(s)}


def output_name(path: Path) -> str:
    return path.name[: -len(".TE3input")] if path.name.endswith(".TE3input") else path.name


def parse(raw: str, name: str = "<string>") -> TimeMLDocument:
    m = _TEXT.search(raw)
    if not m:
        raise TimeMLError(f"{name}: no <TEXT> element")
    dct = None
    d = _DCT.search(raw)
    if d:
        value = _attrs(d.group(1)).get("value", "")
        try:
            dct = date.fromisoformat(value[:10])
        except ValueError:
            dct = None
    chars: list[str] = []
    raw_at: list[int] = []
    open_timex: list[tuple[int, dict]] = []
    timexes: list[Timex] = []
    pos, body_end = m.start(1), m.end(1)

    def add_text(a: int, b: int) -> None:
        i = a
        while i < b:
            e = _ENTITY.match(raw, i, b)
            if e:
                decoded = html.unescape(e.group(0))
                for ch in decoded:
                    chars.append(ch)
                    raw_at.append(i)
                i = e.end()
            else:
                chars.append(raw[i])
                raw_at.append(i)
                i += 1

    for t in _TAG.finditer(raw, pos, body_end):
        add_text(pos, t.start())
        pos = t.end()
        closing, tag, attrs, selfclosing = t.group(1), t.group(2), t.group(3), t.group(4)
        if tag != "TIMEX3" or selfclosing:
            continue
        if not closing:
            open_timex.append((len(chars), _attrs(attrs)))
        elif open_timex:
            start, a = open_timex.pop()
            timexes.append(Timex(start, len(chars), "".join(chars[start:]), a.get("type", ""),
                                 a.get("value", ""), a.get("mod") or None, a.get("tid", "")))
    add_text(pos, body_end)
    raw_at.append(body_end)
    timexes.sort(key=lambda x: (x.start, x.end))
    return TimeMLDocument(name, raw, "".join(chars), dct, timexes, raw_at)


def read(path: str | Path) -> TimeMLDocument:
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise TimeMLError(f"{path}: not UTF-8 text") from None
    doc = parse(raw, str(path))
    doc.name = output_name(path)
    return doc


def iter_paths(path: str | Path) -> list[Path]:
    """The TimeML files at PATH (a file, or a folder searched recursively), sorted."""
    path = Path(path)
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and p.name.endswith(SUFFIXES))
    if path.is_file():
        return [path]
    raise TimeMLError(f"{path}: no such file or folder")


def render(doc: TimeMLDocument, timexes) -> str:
    """DOC's file with ``<TEXT>`` holding its text and one TIMEX3 per expression.

    ``timexes`` are objects with ``start``, ``end``, ``type``, ``timex`` (or ``value``) and
    ``mod``; overlapping expressions keep the first (longest at a start).
    """
    m = _TEXT.search(doc.raw)
    body_start, body_end = m.start(1), m.end(1)
    tids = {t.tid for t in doc.timexes} | set(re.findall(r'tid="(t\d+)"', doc.raw[:body_start]))
    next_id = 1
    inserts: dict[int, list[str]] = {}
    last_end = -1
    for x in sorted(timexes, key=lambda x: (x.start, -x.end)):
        if x.start < last_end or x.end <= x.start:
            continue
        last_end = x.end
        while f"t{next_id}" in tids:
            next_id += 1
        tid = f"t{next_id}"
        next_id += 1
        value = getattr(x, "timex", None) or getattr(x, "value", "")
        attrs = f"tid={quoteattr(tid)} type={quoteattr(x.type)} value={quoteattr(value)}"
        if x.mod:
            attrs += f" mod={quoteattr(x.mod)}"
        inserts.setdefault(doc._raw_at[x.start], []).append(f"<TIMEX3 {attrs}>")
        # a closing tag goes right after the last character of the expression
        close_at = doc._raw_at[x.end - 1] + _raw_len(doc.raw, doc._raw_at[x.end - 1])
        inserts.setdefault(close_at, []).insert(0, "</TIMEX3>")
    out: list[str] = [doc.raw[:body_start]]
    pos = body_start
    for t in _TAG.finditer(doc.raw, body_start, body_end):
        out.append(_with_inserts(doc.raw, pos, t.start(), inserts))
        out.append("".join(inserts.pop(t.start(), [])))
        pos = t.end()
        if t.group(2) not in ("TIMEX3", "EVENT", "SIGNAL"):
            out.append(t.group(0))
    out.append(_with_inserts(doc.raw, pos, body_end, inserts))
    if body_end in inserts:
        out.append("".join(inserts.pop(body_end)))
    out.append(doc.raw[body_end:])
    return "".join(out)


def _raw_len(raw: str, i: int) -> int:
    e = _ENTITY.match(raw, i)
    return e.end() - i if e else 1


def _with_inserts(raw: str, a: int, b: int, inserts: dict[int, list[str]]) -> str:
    if not any(a <= k < b for k in inserts):
        return raw[a:b]
    parts, pos = [], a
    for k in sorted(k for k in inserts if a <= k < b):
        parts.append(raw[pos:k])
        parts.append("".join(inserts.pop(k)))
        pos = k
    parts.append(raw[pos:b])
    return "".join(parts)


# ---------------------------------------------------------------------------
# From Storyline's expressions to TimeML's annotation conventions
# ---------------------------------------------------------------------------
# Storyline reads "three days later" as one anaphoric date (it dates the event); TimeML
# annotates the measure "three days" as a DURATION and leaves "later" out. Likewise "earlier"
# and "later" in front of "this week" stay outside the TIMEX3, and "the day before" is "the day".
_TRAILING_DIRECTION = re.compile(r"\s+(?:later|after|before|on|prior|back|hence)$", re.I)
_LEADING_RELATIVE = re.compile(r"^(?:earlier|later)\s+(?=(?:this|last|next)\s+week\b)", re.I)
_LEADING_LONG = re.compile(r"^long\s+(?=weekend)", re.I)      # "a long weekend": the TIMEX3 is "weekend"
_TRAILING_PUNCT = re.compile(r"[\s.,;:]+$")
# TimeBank leaves "about"/"almost" outside a measure ("about three days") but inside a point counted
# back from now ("about two years ago": the TIMEX3 mod APPROX); it takes "late yesterday".
_LEADING_APPROX = re.compile(r"^(?:about|almost)\s+(?!.*\sago$)", re.I | re.S)
# "late yesterday", "earlier today": the part of the deictic day is in the TIMEX3; before a weekday
# ("late Monday", "later Thursday") TimeBank leaves it out.
_DAY_WORD = re.compile(r"(?i)(?:yesterday|today|tomorrow)\b")
_EARLY_LATE_BEFORE = re.compile(r"(?i)\b(?:early|late|later|earlier)\s+$")
# "the past three years" is a span up to now for Storyline, a DURATION for TimeML;
# "the past year" (no amount) is the year before.
_HALF = re.compile(r"(?i)\b(first|second|latter|last)\s+half\s+of\s")
_QUARTERS = re.compile(r"(?i)(.+)\s+quarters")
_RANGE = re.compile(r"(?i)(?:the\s+|this\s+)?(?:past|last|next|coming)\s+(?P<measure>.*\S)")


def to_timex3(text: str, expr, tagger=None) -> Timex | None:
    """The TIMEX3 annotation (TimeML 1.2.1 conventions) of one tagger expression."""
    start, end, type_, value = expr.start, expr.end, expr.type, expr.timex
    span = text[start:end]
    lead = _LEADING_RELATIVE.match(span) or _LEADING_APPROX.match(span) or _LEADING_LONG.match(span)
    if lead:
        start += lead.end()
    elif _DAY_WORD.match(span):
        before = _EARLY_LATE_BEFORE.search(text, max(0, start - 8), start)
        if before:
            start = before.start()
    trail = _TRAILING_DIRECTION.search(text, start, end)
    if trail and expr.kind == "anaphoric":
        end = trail.start()
        inner = text[start:end]
        if not re.match(r"(?i)the\s", inner):            # "three days later": the measure
            found = (tagger or RuleTagger()).tag(inner)
            if len(found) == 1 and found[0].type == "DURATION" and found[0].end - found[0].start == len(inner):
                type_, value = "DURATION", found[0].timex
            else:
                type_, value = "DURATION", value if value.startswith("P") else "PXX"
    if "/" in value:
        r = _RANGE.fullmatch(text, start, end)
        if r:
            tagger = tagger or RuleTagger()
            found = tagger.tag(r.group("measure"))
            quarters = _QUARTERS.fullmatch(r.group("measure"))
            if found and found[0].type == "DURATION":
                type_, value = "DURATION", found[0].timex
            elif quarters:                                # "the past two quarters": P2Q
                found = tagger.tag(quarters.group(1) + " months")
                if found and found[0].type == "DURATION" and found[0].timex[-1] == "M":
                    type_, value = "DURATION", found[0].timex[:-1] + "Q"
            elif expr.value is not None and r.group("measure").lower() in ("year", "month", "week", "decade"):
                value = _previous_unit(expr.value.end, r.group("measure").lower())
    half = _HALF.search(text, start, end)
    if half and re.fullmatch(r"[0-9]{4}", value):        # "the second half of 1989": 1989-H2
        value += "-H1" if half.group(1).lower() == "first" else "-H2"
    p = _TRAILING_PUNCT.search(text, start, end)
    if p:
        end = p.start()
    if end <= start:
        return None
    return Timex(start, end, text[start:end], type_, value, expr.mod)


def _previous_unit(end, unit: str) -> str:
    if unit == "year":
        return f"{end.year - 1:04d}" if (end.month, end.day) != (12, 31) else f"{end.year:04d}"
    if unit == "month":
        y, m = (end.year, end.month - 1) if end.month > 1 else (end.year - 1, 12)
        return f"{y:04d}-{m:02d}"
    if unit == "decade":
        return f"{end.year // 10 - 1:03d}"
    iy, iw, _ = end.isocalendar()
    return f"{iy:04d}-W{max(iw - 1, 1):02d}"


def tag_document(doc: TimeMLDocument, tagger=None) -> list[Timex]:
    """Tag DOC's text against its creation time and return TimeML annotations."""
    tagger = tagger or RuleTagger()
    found = tagger.tag(doc.text, doc.dct)
    out = [to_timex3(doc.text, e, tagger) for e in found]
    return [t for t in out if t is not None]


def tag_files(paths, out_dir: str | Path, tagger=None, on_error=None) -> int:
    """Tag every TimeML file at PATHS and write it to OUT_DIR; returns the number written.

    A file that cannot be read is reported through ``on_error(message)`` and skipped.
    """
    tagger = tagger or RuleTagger()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = 0
    for path in paths:
        for p in iter_paths(path):
            try:
                doc = read(p)
            except TimeMLError as exc:
                if on_error is None:
                    raise
                on_error(str(exc))
                continue
            (out_dir / doc.name).write_text(render(doc, tag_document(doc, tagger)), encoding="utf-8")
            written += 1
    return written
