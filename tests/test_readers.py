"""Tests for storyline.ingest.readers: real files in tmp_path, stdin via io streams."""
from __future__ import annotations

import datetime
import gzip
import io
import json
import os
import shutil
from pathlib import Path

import pytest

from storyline.ingest import Article, ReadError, count_inputs, iter_articles

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "ballas"
BALLAS_IDS = ["000_e268f2100cdab0a1", "001_7eb55d1454373875", "002_ffdc567fa185292a"]

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>City council approves new bridge | Riverside Gazette</title>
<meta property="article:published_time" content="2024-01-10T10:00:00Z">
<meta property="og:site_name" content="Riverside Gazette">
<link rel="canonical" href="https://gazette.example/news/bridge">
</head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a></nav>
<article><h1>City council approves new bridge</h1>
<p>The Riverside city council voted on Tuesday to approve construction of a new
pedestrian bridge across the river, ending a debate that lasted nearly three years.</p>
<p>Construction is expected to begin in March 2024 and finish by the end of 2025,
according to the city's planning office, which estimated the cost at 12 million dollars.</p>
<p>Opponents argued that the money would be better spent on road repairs, but the
measure passed by a vote of seven to two after a lengthy public hearing.</p>
</article>
<footer>Copyright 2024 Riverside Gazette. All rights reserved.</footer>
</body></html>
"""


def read_all(*paths, stdin=None) -> list[Article | ReadError]:
    return list(iter_articles([os.fspath(p) for p in paths], stdin=stdin))


def articles(items) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def errors(items) -> list[ReadError]:
    return [item for item in items if isinstance(item, ReadError)]


def only(items):
    assert len(items) == 1, items
    return items[0]


def jsonl_lines() -> list[str]:
    return [
        json.dumps({"id": "a1", "text": "First story.", "title": "One",
                    "published": "2024-02-01", "url": "https://x.example/1", "source": "X"}),
        "",
        json.dumps({"id": 2, "text": "Second story.", "published": "2024-02-02T23:30:00-05:00"}),
        '{"id": "broken", "text": ',
        json.dumps({"id": "a3", "text": "Third story."}),
    ]


# ------------------------------------------------------------ sample files


def test_sample_folder_ids_in_sorted_order():
    items = read_all(EXAMPLES)
    assert errors(items) == []
    assert [a.id for a in items] == BALLAS_IDS


def test_sample_header_parsed_into_date_and_title():
    article = only(read_all(EXAMPLES / f"{BALLAS_IDS[0]}.txt"))
    assert article.published == datetime.date(2023, 12, 14)
    assert article.title == "Whatever Happened To Dancing With The Stars Pro Mark Ballas?"
    assert article.text.startswith("Mark Ballas shimmied")
    assert "date 2023-12-14" not in article.text
    assert article.url is None and article.source is None
    assert article.origin.endswith(f"{BALLAS_IDS[0]}.txt")


def test_sample_body_kept_exactly_after_header():
    path = EXAMPLES / f"{BALLAS_IDS[0]}.txt"
    raw = path.read_text(encoding="utf-8")
    article = only(read_all(path))
    assert article.text == raw.split("\n", 1)[1]


@pytest.mark.parametrize("doc_id", BALLAS_IDS[1:])
def test_samples_without_header(doc_id):
    path = EXAMPLES / f"{doc_id}.txt"
    article = only(read_all(path))
    assert article.id == doc_id
    assert article.published is None and article.title is None
    assert article.text == path.read_text(encoding="utf-8")


# ------------------------------------------------------------------ text


@pytest.mark.parametrize("header", ["date 2024-03-05 A title", "  date   2024-03-05   A title  "])
def test_header_tolerates_spacing(tmp_path, header):
    path = tmp_path / "story"
    path.write_text(f"{header}\r\nBody line.\n\n", encoding="utf-8")
    article = only(read_all(path))
    assert (article.id, article.title) == ("story", "A title")
    assert article.published == datetime.date(2024, 3, 5)
    assert article.text == "Body line.\n\n"


def test_invalid_header_date_keeps_line_in_body(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_text("date 2024-13-45 Not a header\nBody.", encoding="utf-8")
    article = only(read_all(path))
    assert article.published is None
    assert article.text == "date 2024-13-45 Not a header\nBody."


def test_bom_removed_and_cp1252_fallback(tmp_path):
    (tmp_path / "a_bom.txt").write_bytes(b"\xef\xbb\xbfCaf\xc3\xa9 story.")
    (tmp_path / "b_cp.txt").write_bytes(b"Caf\xe9 \x93quoted\x94 story.")
    first, second = read_all(tmp_path)
    assert first.text == "Café story."
    assert second.text == "Café “quoted” story."


def test_header_only_file_is_an_error(tmp_path):
    path = tmp_path / "h.txt"
    path.write_text(" date 2024-01-01 Title only\n", encoding="utf-8")
    error = only(read_all(path))
    assert isinstance(error, ReadError)
    assert error.message == f"{path}: no article text after the header line"


# --------------------------------------------------------------- folders


def test_folder_walk_recursive_sorted_hidden_skipped(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "inner").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.txt").write_text("Alpha.", encoding="utf-8")
    (tmp_path / "b" / "c.txt").write_text("Gamma.", encoding="utf-8")
    (tmp_path / "b" / "inner" / "d.txt").write_text("Delta.", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Charlie.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / ".git" / "config").write_text("[core]", encoding="utf-8")
    (tmp_path / "c.txt~").write_text("Backup.", encoding="utf-8")
    items = read_all(tmp_path)
    assert errors(items) == []
    assert [a.text for a in items] == ["Alpha.", "Gamma.", "Delta.", "Charlie."]
    assert items[2].origin == os.path.join(str(tmp_path), "b", "inner", "d.txt")
    assert count_inputs([tmp_path]) == 4


def test_copied_samples_in_nested_folder(tmp_path):
    shutil.copytree(EXAMPLES, tmp_path / "news" / "ballas")
    items = read_all(tmp_path)
    assert [a.id for a in articles(items)] == BALLAS_IDS


# ----------------------------------------------------------------- stdin


def test_stdin_plain_text():
    text = "Someone did something on Monday.\nMore detail.\n"
    article = only(read_all("-", stdin=io.StringIO(text)))
    assert article.text == text
    assert article.origin == "<stdin>"
    assert article.id.startswith("stdin-") and len(article.id) == len("stdin-") + 16
    again = only(read_all("-", stdin=io.BytesIO(text.encode("utf-8"))))
    assert again.id == article.id and again.text == text


def test_stdin_text_with_header():
    article = only(read_all("-", stdin=io.StringIO("date 2024-05-06 Headline\nBody.")))
    assert (article.title, article.published, article.text) == (
        "Headline", datetime.date(2024, 5, 6), "Body.")


@pytest.mark.parametrize("binary", [False, True])
def test_stdin_jsonl(binary):
    data = "\n" + "\n".join(jsonl_lines()) + "\n"
    stream = io.BytesIO(data.encode("utf-8")) if binary else io.StringIO(data)
    items = read_all("-", stdin=stream)
    assert [a.id for a in articles(items)] == ["a1", "2", "a3"]
    error = only(errors(items))
    assert error.origin == "<stdin>:5"
    assert error.message.startswith("<stdin>:5: invalid JSON")


def test_stdin_empty_and_binary():
    assert only(read_all("-", stdin=io.StringIO("  \n\n"))).message == "<stdin>: empty input"
    error = only(read_all("-", stdin=io.BytesIO(b"\x00\x01\x02binary")))
    assert error.message == "<stdin>: not a text file (binary content)"


# ------------------------------------------------------------------ HTML


def test_html_news_page(tmp_path):
    path = tmp_path / "bridge.html"
    path.write_text(NEWS_PAGE, encoding="utf-8")
    article = only(read_all(path))
    assert isinstance(article, Article), article
    assert article.id == "bridge"
    assert article.published == datetime.date(2024, 1, 10)
    assert "City council approves new bridge" in article.title
    assert "voted on Tuesday to approve construction" in article.text
    assert "estimated the cost at 12 million dollars" in article.text
    assert "after a lengthy public hearing" in article.text
    assert "Home" not in article.text
    assert article.url == "https://gazette.example/news/bridge"
    assert article.source == "Riverside Gazette"


def test_html_sniffed_without_extension(tmp_path):
    path = tmp_path / "page"
    path.write_text("\n  " + NEWS_PAGE, encoding="utf-8")
    article = only(read_all(path))
    assert isinstance(article, Article)
    assert "after a lengthy public hearing" in article.text


def test_html_without_text_is_an_error(tmp_path):
    path = tmp_path / "empty.htm"
    # Only markup, scripts and images: nothing to extract. (A page with just a
    # nav bar is NOT an error: trafilatura's fallback extractors return its text.)
    path.write_text("<html><head><title>Nothing</title><script>var a = 1;</script></head>"
                    "<body><div><img src='x.png'></div><script>alert(1)</script></body></html>",
                    encoding="utf-8")
    error = only(read_all(path))
    assert error == ReadError(str(path), f"{path}: no article text found in HTML")


def test_html_never_touches_the_network(tmp_path, monkeypatch):
    import htmldate.utils
    import trafilatura.downloads

    def no_fetch(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(htmldate.utils, "fetch_url", no_fetch)
    monkeypatch.setattr(trafilatura.downloads, "fetch_url", no_fetch)
    path = tmp_path / "link.html"
    path.write_text("https://news.example/2024/01/10/story", encoding="utf-8")
    item = only(read_all(path))
    assert item.origin == str(path)


# ------------------------------------------------------------ JSON Lines


def check_jsonl_items(items, path):
    good = articles(items)
    assert [a.id for a in good] == ["a1", "2", "a3"]
    first, second, _third = good
    assert (first.title, first.url, first.source) == ("One", "https://x.example/1", "X")
    assert first.published == datetime.date(2024, 2, 1)
    assert second.published == datetime.date(2024, 2, 2)
    assert first.origin == f"{path}:1" and second.origin == f"{path}:3"
    error = only(errors(items))
    assert error.origin == f"{path}:4"
    assert error.message.startswith(f"{path}:4: invalid JSON")
    assert [type(i).__name__ for i in items] == ["Article", "Article", "ReadError", "Article"]


def test_jsonl_with_malformed_line(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(jsonl_lines()) + "\n", encoding="utf-8")
    check_jsonl_items(read_all(path), str(path))
    assert count_inputs([path]) == 5


def test_jsonl_gz_with_malformed_line(tmp_path):
    path = tmp_path / "dump.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(jsonl_lines()))
    check_jsonl_items(read_all(path), str(path))
    assert count_inputs([path]) is None


@pytest.mark.parametrize("record, problem", [
    ({"text": "x"}, "missing 'id'"),
    ({"id": "k"}, "missing 'text'"),
    ({"id": "k", "text": "  "}, "'text' is empty"),
    ({"id": "k", "text": "x", "published": "yesterday"}, "bad 'published' date 'yesterday'"),
    (["not", "an", "object"], "line is not a JSON object"),
])
def test_jsonl_record_problems(tmp_path, record, problem):
    path = tmp_path / "bad.ndjson"
    path.write_text(json.dumps({"id": "ok", "text": "Fine."}) + "\n" + json.dumps(record) + "\n",
                    encoding="utf-8")
    ok, error = read_all(path)
    assert isinstance(ok, Article) and ok.id == "ok"
    assert isinstance(error, ReadError)
    assert error.message.startswith(f"{path}:2: {problem}")


def test_corrupted_gzip_keeps_earlier_articles(tmp_path):
    lines = [json.dumps({"id": f"n{i}", "text": f"Story {i} " + "x" * 200}) for i in range(2000)]
    data = gzip.compress("\n".join(lines).encode("utf-8"))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = read_all(path)
    good = articles(items)
    assert 0 < len(good) < 2000
    assert [a.id for a in good] == [f"n{i}" for i in range(len(good))]
    error = only(errors(items))
    assert error is items[-1]
    assert error.message.startswith(f"{path}: corrupted or invalid gzip data")


def test_sniffed_jsonl_without_extension(tmp_path):
    path = tmp_path / "feed"
    path.write_text(json.dumps({"id": 7, "text": "Seven."}) + "\n", encoding="utf-8")
    article = only(read_all(path))
    assert (article.id, article.text, article.origin) == ("7", "Seven.", f"{path}:1")


# ---------------------------------------------------------------- errors


def test_binary_file(tmp_path):
    path = tmp_path / "x.bin"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert only(read_all(path)) == ReadError(str(path), f"{path}: not a text file (binary content)")


def test_binary_jsonl_file(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_bytes(b"\x00\x01\x02\x03")
    assert only(read_all(path)).message == f"{path}: not a text file (binary content)"


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert only(read_all(path)) == ReadError(str(path), f"{path}: empty file")


def test_empty_jsonl_file(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    assert only(read_all(path)).message == f"{path}: empty file"


def test_missing_path_does_not_stop_the_stream(tmp_path):
    missing = tmp_path / "nope.txt"
    good = tmp_path / "ok.txt"
    good.write_text("Fine.", encoding="utf-8")
    error, article = read_all(missing, good)
    assert error == ReadError(str(missing), f"{missing}: no such file or directory")
    assert article.text == "Fine."


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("Hidden text.", encoding="utf-8")
    path.chmod(0)
    error = only(read_all(path))
    assert error.message == f"{path}: cannot read (Permission denied)"


def test_os_error_while_opening_is_reported(tmp_path, monkeypatch):
    """An OSError while reading (here forced) becomes a ReadError naming the path."""
    path = tmp_path / "a.txt"
    path.write_text("Text.", encoding="utf-8")
    real_open = open

    def failing_open(file, *args, **kwargs):
        if os.fspath(file) == str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", failing_open)
    error = only(read_all(path))
    assert error.message == f"{path}: cannot read (Permission denied)"


def test_count_inputs_mixed(tmp_path):
    (tmp_path / "a.txt").write_text("A.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"id":1,"text":"x"}\n{"id":2,"text":"y"}', encoding="utf-8")
    assert count_inputs([tmp_path, tmp_path / "missing"]) == 4
    assert count_inputs(["-"]) is None


def test_htmldate_fallback_reads_the_page_not_a_url():
    from storyline.ingest.readers import _html_date

    assert _html_date(NEWS_PAGE) == datetime.date(2024, 1, 10)
