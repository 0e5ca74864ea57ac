"""Read news articles from files, folders and standard input.

This is Storyline's ingestion front door: it turns whatever the user points at
(plain-text files, HTML pages, JSON Lines dumps - optionally gzipped - whole
folders of those, or ``-`` for stdin) into a stream of :class:`Article` records.
Problems with single inputs never stop the stream: they come out as
:class:`ReadError` items carrying one clear line for the user, and reading goes
on with the next input (or the next line of a JSON Lines file). Mojibake ("Bowieâ€™s")
is undone as each article is read (``repair.py``).

Everything is streamed: folders are walked lazily, JSON Lines files (also
``.gz``) are read line by line, and only one plain-text/HTML document is held in
memory at a time. Nothing is ever fetched from the network.
"""
from __future__ import annotations

import codecs
import datetime
import gzip
import hashlib
import json
import os
import re
import sys
import zlib
from dataclasses import dataclass, replace
from itertools import chain
from typing import IO, Any, BinaryIO, Iterable, Iterator, TextIO, Union

from .repair import repair_mojibake

__all__ = ["Article", "ReadError", "iter_articles", "count_inputs"]

SNIFF_BYTES = 8192
TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
GZ_JSONL_SUFFIXES = (".jsonl.gz", ".ndjson.gz")
STDIN_ORIGIN = "<stdin>"
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_LEADING_BLANKS = "\ufeff \t\r\n"
_GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)
# Optional first line of a .txt file: " date YYYY-MM-DD <title>".
_HEADER_RE = re.compile(r"[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+(.*?))?[ \t]*")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Article:
    """One news article as read from an input."""

    id: str
    text: str
    title: str | None
    published: datetime.date | None
    url: str | None
    source: str | None
    origin: str


@dataclass(frozen=True)
class ReadError:
    """An input (or one JSON Lines line) that could not be read."""

    origin: str
    message: str


Item = Union[Article, ReadError]
Line = Union[bytes, str]


class _BadRecord(ValueError):
    """A JSON Lines record that is not a valid article."""


# --------------------------------------------------------------------------- API


def iter_articles(
    paths: Iterable[str | os.PathLike[str]],
    stdin: TextIO | BinaryIO | None = None,
) -> Iterator[Item]:
    """Yield an Article or a ReadError for every article found in ``paths``.

    Each path is a file, a folder (walked recursively in sorted order, hidden
    entries and ``*~`` backups skipped) or ``-`` for ``stdin`` (``sys.stdin``
    when not given).
    """
    for raw in paths:
        path = os.fspath(raw)
        if path == "-":
            items = _read_stdin(stdin if stdin is not None else _default_stdin())
        elif os.path.isdir(path):
            items = _read_folder(path)
        else:
            items = _read_file(path)
        yield from map(_repaired, items)


def _repaired(item: Item) -> Item:
    """An article with its text and title's mojibake undone (``repair.repair_mojibake``)."""
    if isinstance(item, ReadError):
        return item
    return replace(item, text=repair_mojibake(item.text), title=item.title and repair_mojibake(item.title))


def count_inputs(paths: Iterable[str | os.PathLike[str]]) -> int | None:
    """Cheaply estimate how many items :func:`iter_articles` will yield.

    Files count one each, plain JSON Lines files count their lines; returns
    None when the number is unknown (stdin or gzipped JSON Lines).
    """
    total = 0
    for raw in paths:
        path = os.fspath(raw)
        if path == "-":
            return None
        files = _iter_files(path) if os.path.isdir(path) else iter([path])
        for item in files:
            count = 1 if isinstance(item, ReadError) else _count_file(item)
            if count is None:
                return None
            total += count
    return total


# ----------------------------------------------------------------- folders


def _read_folder(folder: str) -> Iterator[Item]:
    for item in _iter_files(folder):
        if isinstance(item, ReadError):
            yield item
        else:
            yield from _read_file(item)


def _iter_files(folder: str) -> Iterator[str | ReadError]:
    """Regular files under ``folder`` in sorted order, lazily, symlink loops guarded."""
    return _walk(folder, set())


def _walk(folder: str, seen: set[tuple[int, int]]) -> Iterator[str | ReadError]:
    try:
        info = os.stat(folder)
        if (info.st_dev, info.st_ino) in seen:
            return
        seen.add((info.st_dev, info.st_ino))
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield _os_error(folder, exc)
        return
    for entry in entries:
        if _is_skipped(entry.name):
            continue
        if _entry_is(entry, "dir"):
            yield from _walk(entry.path, seen)
        elif _entry_is(entry, "file"):
            yield entry.path


def _is_skipped(name: str) -> bool:
    return name.startswith(".") or name.endswith("~")


def _entry_is(entry: os.DirEntry[str], kind: str) -> bool:
    try:
        return entry.is_dir() if kind == "dir" else entry.is_file()
    except OSError:
        return False


def _count_file(path: str) -> int | None:
    kind = _kind(path)
    if kind == "jsonl.gz":
        return None
    if kind != "jsonl":
        return 1
    try:
        return _count_lines(path)
    except OSError:
        return 1


def _count_lines(path: str) -> int:
    lines, last = 0, b"\n"
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            lines += chunk.count(b"\n")
            last = chunk
    return lines + (0 if last.endswith(b"\n") else 1)


# ------------------------------------------------------------------- files


def _kind(path: str) -> str | None:
    """Format implied by the file name, or None when the content must decide."""
    name = os.path.basename(path).lower()
    if name.endswith(GZ_JSONL_SUFFIXES):
        return "jsonl.gz"
    for kind, suffixes in (("jsonl", JSONL_SUFFIXES), ("json", (".json",)),
                           ("html", HTML_SUFFIXES), ("text", TEXT_SUFFIXES)):
        if name.endswith(suffixes):
            return kind
    return None


def _doc_id(path: str) -> str:
    """File name without its (last) extension."""
    stem, _ext = os.path.splitext(os.path.basename(path))
    return stem or os.path.basename(path)


def _read_file(path: str) -> Iterator[Item]:
    kind = _kind(path)
    gz = kind == "jsonl.gz"
    try:
        with (gzip.open(path, "rb") if gz else open(path, "rb")) as handle:
            head = handle.read(SNIFF_BYTES)
            yield from _dispatch(path, kind, head, handle)
    except _GZIP_ERRORS as exc:  # only gzip raises these
        yield ReadError(path, f"{path}: corrupted or invalid gzip data ({_one_line(exc)})")
    except OSError as exc:
        yield _os_error(path, exc)


def _dispatch(path: str, kind: str | None, head: bytes, handle: IO[bytes]) -> Iterator[Item]:
    """Pick the reader for one open file from its name and first bytes."""
    if _is_binary(head):
        yield _binary_error(path)
    elif kind in ("jsonl", "jsonl.gz") or (kind in (None, "json") and _looks_like_jsonl(head)):
        yield from _parse_jsonl(_lines_after(head, handle), path)
    elif kind == "json":
        yield ReadError(path, f"{path}: JSON file is not JSON Lines (expected one object per line)")
    else:
        yield _read_document(path, kind, head + handle.read())


def _read_document(path: str, kind: str | None, data: bytes) -> Item:
    """A whole plain-text or HTML file as one article."""
    text = _decode(data)
    if text is None:
        return _binary_error(path)
    if not text.strip():
        return ReadError(path, f"{path}: empty file")
    if kind == "html" or (kind is None and _looks_like_html(text)):
        return _html_article(text, _doc_id(path), path)
    return _text_article(text, _doc_id(path), path)


def _lines_after(head: bytes, handle: IO[bytes]) -> Iterator[bytes]:
    """The lines of a stream whose first ``head`` bytes were already read."""
    *complete, tail = head.split(b"\n")
    for line in complete:
        yield line + b"\n"
    tail += handle.readline()
    if tail:
        yield tail
    yield from handle


def _os_error(path: str, exc: OSError) -> ReadError:
    if isinstance(exc, FileNotFoundError):
        return ReadError(path, f"{path}: no such file or directory")
    return ReadError(path, f"{path}: cannot read ({_one_line(exc.strerror or exc)})")


def _binary_error(origin: str) -> ReadError:
    return ReadError(origin, f"{origin}: not a text file (binary content)")


def _one_line(value: object) -> str:
    return " ".join(str(value).split())


# -------------------------------------------------------- decoding / sniffing


def _is_binary(head: bytes) -> bool:
    return b"\0" in head and not head.startswith(_UTF16_BOMS)


def _decode(data: bytes) -> str | None:
    """UTF-8 (BOM removed), UTF-16 with BOM, else clean cp1252; None if binary."""
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\0" in data:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return None if _mostly_controls(text) else text


def _mostly_controls(text: str) -> bool:
    """More than 1% C0 control characters (besides whitespace): not prose."""
    sample = text[:SNIFF_BYTES]
    return len(_CONTROL_RE.findall(sample)) * 100 > len(sample)


def _looks_like_html(text: str) -> bool:
    start = text.lstrip(_LEADING_BLANKS)[:20].lower()
    return start.startswith(("<!doctype html", "<html"))


def _looks_like_jsonl(head: bytes) -> bool:
    """First non-blank line is a JSON object (or too long to see, but starts with '{')."""
    text = head.decode("utf-8", "replace").lstrip(_LEADING_BLANKS)
    if not text.startswith("{"):
        return False
    first, newline, _rest = text.partition("\n")
    if not newline and len(head) >= SNIFF_BYTES:
        return True
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


# -------------------------------------------------------------- plain text


def _text_article(text: str, doc_id: str, origin: str) -> Item:
    published, title, body = _split_header(text)
    if not body.strip():
        return ReadError(origin, f"{origin}: no article text after the header line")
    return Article(id=doc_id, text=body, title=title, published=published,
                   url=None, source=None, origin=origin)


def _split_header(text: str) -> tuple[datetime.date | None, str | None, str]:
    """(published, title, body) from an optional ' date YYYY-MM-DD title' first line."""
    first, newline, rest = text.partition("\n")
    match = _HEADER_RE.fullmatch(first.rstrip("\r"))
    published = _parse_date(match.group(1)) if match else None
    if published is None:
        return None, None, text
    return published, (match.group(2) or None), rest


def _parse_date(value: str | None) -> datetime.date | None:
    """A date from 'YYYY-MM-DD' or a full ISO datetime (date as written); None if bad."""
    if not value:
        return None
    value = value.strip()
    try:
        if len(value) == 10:
            return datetime.date.fromisoformat(value)
        return datetime.datetime.fromisoformat(value).date()
    except ValueError:
        return None


# -------------------------------------------------------------------- HTML


def _html_article(html: str, doc_id: str, origin: str) -> Item:
    """Main text and metadata of an HTML page via trafilatura (no network)."""
    try:
        doc = _extract_html(html)
    except Exception as exc:  # trafilatura/lxml raise many kinds on odd markup
        return ReadError(origin, f"{origin}: could not parse HTML ({_one_line(exc)})")
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        return ReadError(origin, f"{origin}: no article text found in HTML")
    published = _parse_date(doc.date) or _html_date(html)
    return Article(id=doc_id, text=text, title=doc.title or None, published=published,
                   url=doc.url or None, source=doc.sitename or None, origin=origin)


def _extract_html(html: str) -> Any:
    import trafilatura  # slow import: only pay for it when there is HTML

    return trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )


def _html_date(html: str) -> datetime.date | None:
    import htmldate

    # Bytes, not str: htmldate downloads a str that looks like a URL.
    page = html.encode("utf-8", "surrogatepass")
    try:
        return _parse_date(htmldate.find_date(page, extensive_search=False, original_date=True))
    except Exception:  # htmldate is best effort
        return None


# -------------------------------------------------------------- JSON Lines


def _parse_jsonl(lines: Iterable[Line], origin: str) -> Iterator[Item]:
    """One Article or ReadError per non-blank line; 'empty file' if there is none."""
    seen_any = False
    for lineno, raw in enumerate(lines, 1):
        where = f"{origin}:{lineno}"
        try:
            line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError:
            seen_any = True
            yield ReadError(where, f"{where}: line is not valid UTF-8")
            continue
        if lineno == 1:
            line = line.lstrip("\ufeff")
        if line.strip():
            seen_any = True
            yield _record_article(line, where)
    if not seen_any:
        yield ReadError(origin, f"{origin}: empty file")


def _record_article(line: str, where: str) -> Item:
    try:
        return _record_to_article(_load_object(line), where)
    except _BadRecord as exc:
        return ReadError(where, f"{where}: {exc}")


def _load_object(line: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _BadRecord(f"invalid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise _BadRecord("line is not a JSON object")
    return record


def _record_to_article(record: dict[str, Any], where: str) -> Article:
    return Article(
        id=_record_id(record),
        text=_record_text(record),
        title=_optional_str(record, "title"),
        published=_record_date(record),
        url=_optional_str(record, "url"),
        source=_optional_str(record, "source"),
        origin=where,
    )


def _record_id(record: dict[str, Any]) -> str:
    value = record.get("id")
    if value is None:
        raise _BadRecord("missing 'id'")
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise _BadRecord("'id' must be a string or an integer")
    if not str(value).strip():
        raise _BadRecord("'id' is empty")
    return str(value)


def _record_text(record: dict[str, Any]) -> str:
    value = record.get("text")
    if value is None:
        raise _BadRecord("missing 'text'")
    if not isinstance(value, str):
        raise _BadRecord("'text' must be a string")
    if not value.strip():
        raise _BadRecord("'text' is empty")
    return value


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        raise _BadRecord(f"'{key}' must be a string")
    return value or None


def _record_date(record: dict[str, Any]) -> datetime.date | None:
    value = _optional_str(record, "published")
    if value is None:
        return None
    published = _parse_date(value)
    if published is None:
        raise _BadRecord(f"bad 'published' date {value!r} (expected YYYY-MM-DD or an ISO datetime)")
    return published


# ------------------------------------------------------------------- stdin


def _default_stdin() -> TextIO | BinaryIO:
    return getattr(sys.stdin, "buffer", sys.stdin)


def _read_stdin(stream: TextIO | BinaryIO) -> Iterator[Item]:
    """JSON Lines if the first non-blank character is '{', else one text article."""
    try:
        lines: Iterator[Line] = iter(stream)
        pending = _lines_until_content(lines)
        if not pending:
            yield ReadError(STDIN_ORIGIN, f"{STDIN_ORIGIN}: empty input")
        elif _line_text(pending[-1]).lstrip(_LEADING_BLANKS).startswith("{"):
            yield from _parse_jsonl(chain(pending, lines), STDIN_ORIGIN)
        else:
            yield _stdin_document(pending, stream.read())
    except UnicodeDecodeError:
        yield _binary_error(STDIN_ORIGIN)
    except OSError as exc:
        yield ReadError(STDIN_ORIGIN, f"{STDIN_ORIGIN}: cannot read ({_one_line(exc)})")


def _lines_until_content(lines: Iterator[Line]) -> list[Line]:
    """Lines up to and including the first non-blank one; [] if there is none."""
    pending: list[Line] = []
    for line in lines:
        pending.append(line)
        if _line_text(line).strip("\ufeff \t\r\n"):
            return pending
    return []


def _line_text(line: Line) -> str:
    return line.decode("utf-8", "replace") if isinstance(line, bytes) else line


def _stdin_document(pending: list[Line], rest: Line) -> Item:
    if isinstance(rest, bytes):
        text = _decode(b"".join(chain(pending, [rest])))  # type: ignore[arg-type]
    else:
        text = "".join(chain(pending, [rest])).lstrip("\ufeff")  # type: ignore[arg-type]
        text = None if "\0" in text else text
    if text is None:
        return _binary_error(STDIN_ORIGIN)
    published, title, body = _split_header(text)
    if not body.strip():
        return ReadError(STDIN_ORIGIN, f"{STDIN_ORIGIN}: no article text after the header line")
    doc_id = "stdin-" + hashlib.sha1(body.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return Article(id=doc_id, text=body, title=title, published=published,
                   url=None, source=None, origin=STDIN_ORIGIN)
