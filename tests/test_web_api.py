"""The HTTP API through FastAPI's test client, on a real SQLite store ingested from the sample
corpus: every endpoint the pages use, corrections, uploads and their limits, and the safety rules."""
from __future__ import annotations

import json
import re
import time

import jsonschema
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from storyline import Storyline
from storyline.cli import main
from storyline.web import create_app
from storyline.web.jobs import safe_name
from storyline.web.serve import check_bind
from tests.conftest import ROOT, TOUR_ARTICLE

SCHEMA = json.loads((ROOT / "docs" / "timeline.schema.json").read_text())
WRITE = {"X-Storyline": "1"}


@pytest.fixture
def client(ballas_copy):
    with TestClient(create_app(ballas_copy)) as c:
        c.db = ballas_copy
        yield c


def _wait(client, job_id, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        job = client.get(f"/api/ingest/{job_id}").json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"ingest job {job_id} did not finish")


def test_type_ahead_counts_mentions_and_events(client):
    found = client.get("/api/entities", params={"q": "mark b"}).json()
    assert found[0]["name"] == "Mark Ballas" and found[0]["mentions"] >= 50 and found[0]["event_mentions"] > 10
    assert client.get("/api/entities", params={"q": "bal"}).json()[0]["name"] == "Mark Ballas"  # a word's start
    assert client.get("/api/entities", params={"q": "zzzz"}).json() == []
    assert len(client.get("/api/entities", params={"limit": 3}).json()) == 3


def test_timeline_is_the_public_json_contract(client):
    r = client.get("/api/timeline", params={"entity": "Ballas"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    data = r.json()
    jsonschema.validate(data, SCHEMA)
    with Storyline(client.db) as sl:
        assert data == sl.timeline("Mark Ballas").to_dict()
    assert [c["value"] for c in data["conflicts"][0]["claims"]] == ["2005", "2007"]
    since = client.get("/api/timeline", params={"entity": "Ballas", "since": "2023-01-01"}).json()
    assert since["query"]["since"] == "2023-01-01" and all(e["date"]["end"] >= "2023-01-01" for e in since["events"])
    assert since["conflicts"] == [] and len(since["events"]) < len(data["events"])
    missing = client.get("/api/timeline", params={"entity": "Nobody Atall"})
    assert missing.status_code == 404 and "no entity named 'Nobody Atall'" in missing.json()["detail"]
    assert client.get("/api/timeline", params={"entity": "Ballas", "since": "June"}).status_code == 422


def test_events_conflicts_documents(client):
    tl = client.get("/api/timeline", params={"entity": "Mark Ballas"}).json()
    win = next(e for e in tl["events"] if "mirrorball" in e["summary"])
    one = client.get(f"/api/events/{win['id']}", params={"entity": "Mark Ballas"}).json()
    assert one["sources"] == win["sources"] and {d["doc"] for d in one["documents"]} == {s["doc"] for s in win["sources"]}
    assert client.get("/api/events/ev-nope", params={"entity": "Mark Ballas"}).status_code == 404
    assert len(client.get("/api/events", params={"entity": "Mark Ballas"}).json()) == len(tl["events"])
    assert client.get("/api/conflicts", params={"entity": "Mark Ballas"}).json() == tl["conflicts"]
    for s in win["sources"]:
        doc = client.get(f"/api/documents/{s['doc']}").json()
        assert doc["text"][s["start"]:s["end"]] == s["sentence"]
    assert client.get("/api/documents/nope").status_code == 404


def test_exports_carry_the_corrections(client):
    md = client.get("/api/timeline/export", params={"entity": "Ballas", "format": "markdown"})
    assert md.status_code == 200 and "attachment" in md.headers["content-disposition"] and "Mark Ballas" in md.text
    html = client.get("/api/timeline/export", params={"entity": "Ballas", "format": "html"})
    assert "<html" in html.text.lower()
    tl = client.get("/api/timeline", params={"entity": "Ballas"}).json()
    client.post("/api/corrections", headers=WRITE, json={"entity": "Ballas", "kind": "reject", "events": [tl["events"][-1]["id"]]})
    exported = client.get("/api/timeline/export", params={"entity": "Ballas", "format": "json"}).json()
    assert exported["corrections"][0]["kind"] == "reject" and len(exported["events"]) == len(tl["events"]) - 1


def test_corrections_over_http(client):
    tl = client.get("/api/timeline", params={"entity": "Mark Ballas"}).json()
    target = next(e for e in tl["events"] if "took a break" in e["summary"])
    body = {"entity": "Mark Ballas", "kind": "redate", "events": [target["id"]], "date": "2021-06"}
    refused = client.post("/api/corrections", json=body)
    assert refused.status_code == 403 and "x-storyline" in refused.json()["detail"]
    made = client.post("/api/corrections", headers=WRITE, json=body)
    assert made.status_code == 201 and made.json()["id"] == "co-1"
    after = client.get("/api/timeline", params={"entity": "Mark Ballas"}).json()
    moved = next(e for e in after["events"] if "took a break" in e["summary"])
    assert moved["date"]["value"] == "2021-06" and moved["corrections"] == ["co-1"]
    assert client.get("/api/corrections").json()[0]["kind"] == "redate"
    bad = client.post("/api/corrections", headers=WRITE, json=body | {"date": "soon"})
    assert bad.status_code == 400 and bad.json()["detail"].startswith("'soon' is not a date")
    assert client.post("/api/corrections", headers=WRITE, json=body | {"kind": "burn"}).status_code == 422
    conflict = after["conflicts"][0]
    resolved = client.post("/api/corrections", headers=WRITE, json={
        "entity": "Mark Ballas", "kind": "resolve", "conflict": conflict["id"], "claim": 0, "note": "checked the archive"})
    assert resolved.status_code == 201
    shown = client.get("/api/conflicts", params={"entity": "Mark Ballas"}).json()[0]
    assert shown["resolution"] == {"correction": "co-2", "value": conflict["claims"][0]["value"], "note": "checked the archive"}
    assert client.delete("/api/corrections/co-1", headers=WRITE).json() == {"deleted": "co-1"}
    assert client.delete("/api/corrections/co-1", headers=WRITE).status_code == 400
    back = client.get("/api/timeline", params={"entity": "Mark Ballas"}).json()
    assert next(e for e in back["events"] if "took a break" in e["summary"])["date"]["value"] == target["date"]["value"]


def test_upload_changes_the_served_timeline(client):
    generation = client.get("/api/info").json()["generation"]
    before = client.get("/api/timeline", params={"entity": "Mark Ballas"}).json()
    r = client.post("/api/ingest", headers=WRITE, files=[("files", ("../../etc/tour.txt", TOUR_ARTICLE.encode(), "text/plain"))])
    assert r.status_code == 202
    job = _wait(client, r.json()["id"])
    assert job["state"] == "done" and job["report"]["stored"] == 1 and job["read"] == 1, job
    info = client.get("/api/info").json()
    assert info["documents"] == 4 and info["generation"] > generation
    after = client.get("/api/timeline", params={"entity": "Mark Ballas"}).json()
    tour = next(e for e in after["events"] if "dance tour" in e["summary"])
    assert tour["date"]["value"] == "2024-03-01" and tour["sources"][0]["doc"] == "tour"  # the cleaned base name
    assert len(after["events"]) == len(before["events"]) + 1
    doc = client.get("/api/documents/tour").json()
    assert "<script>window.pwned = 1</script>" in doc["text"]  # kept verbatim as data; the page shows it as text


def test_pasted_text_and_bad_uploads(client, monkeypatch):
    r = client.post("/api/ingest", headers=WRITE, data={
        "text": "Mark Ballas opened a dance studio in Nashville on May 5, 2024.", "title": "Studio", "published": "2024-05-06"})
    job = _wait(client, r.json()["id"])
    assert job["state"] == "done" and job["report"]["stored"] == 1
    assert any("studio" in e["summary"] for e in client.get("/api/timeline", params={"entity": "Mark Ballas"}).json()["events"])
    assert client.post("/api/ingest", headers=WRITE, data={}).json()["detail"].startswith("nothing to ingest")
    empty = client.post("/api/ingest", headers=WRITE, files=[("files", ("empty.txt", b"", "text/plain"))])
    assert empty.status_code == 400 and empty.json()["detail"] == "empty.txt: the file is empty"
    bad_date = client.post("/api/ingest", headers=WRITE, data={"text": "x", "published": "May"})
    assert bad_date.status_code == 400 and "is not a date" in bad_date.json()["detail"]
    monkeypatch.setattr("storyline.web.app.MAX_FILE_BYTES", 100)
    big = client.post("/api/ingest", headers=WRITE, files=[("files", ("big.txt", b"x" * 101, "text/plain"))])
    assert big.status_code == 413 and big.json()["detail"] == "big.txt: file too large (at most 0 MiB)"
    binary = client.post("/api/ingest", headers=WRITE, files=[("files", ("blob.bin", b"\x00\x01\x02" * 10, "application/octet-stream"))])
    job = _wait(client, binary.json()["id"])
    assert job["state"] == "done" and job["report"]["stored"] == 0 and "blob.bin" in job["errors"][0]
    assert "/tmp" not in job["errors"][0] and "storyline-upload" not in job["errors"][0]
    assert client.get("/api/ingest/job-999").status_code == 404


def test_file_names_from_requests_are_never_paths():
    assert safe_name("../../etc/passwd", "f") == "passwd"
    assert safe_name("C:\\Users\\x\\notes.txt", "f") == "notes.txt"
    assert safe_name("..", "fallback.txt") == "fallback.txt"
    assert safe_name(".hidden<script>.html", "f") == "hidden_script_.html"


def test_token_header_cookie_and_host_checks(ballas_copy):
    with TestClient(create_app(ballas_copy, token="s3cret-token")) as c:
        denied = c.get("/api/info")
        assert denied.status_code == 401 and "token" in denied.json()["detail"]
        assert c.get("/api/info", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/api/info", headers={"Authorization": "Bearer s3cret-token"}).status_code == 200
        login = c.get("/?token=s3cret-token", follow_redirects=False)
        assert login.status_code == 303 and login.headers["location"] == "/"
        assert "httponly" in login.headers["set-cookie"].lower() and "samesite=strict" in login.headers["set-cookie"].lower()
        assert c.get("/api/info").status_code == 200  # the cookie now
    with TestClient(create_app(ballas_copy, allowed_hosts=["127.0.0.1", "localhost"]), base_url="http://localhost:8000") as c:
        assert c.get("/api/info").status_code == 200
        assert c.get("/api/info", headers={"Host": "evil.example:8000"}).status_code == 400


def test_pages_and_openapi_are_served_offline(client):
    page = client.get("/")
    assert page.status_code == 200 and "script-src 'self'" in page.headers["content-security-policy"]
    assert "/static/app.js" in page.text and "http" not in page.text.replace("http-equiv", "")
    for asset in ("app.js", "axis.js", "style.css", "api.js"):
        text = client.get(f"/static/{asset}").text
        assert not re.search(r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write", text)
        assert not re.search(r"(src|href)=\"?https?:", text)
    spec = client.get("/openapi.json").json()
    assert {"/api/timeline", "/api/entities", "/api/corrections", "/api/ingest", "/api/documents/{doc_id}"} <= set(spec["paths"])
    assert client.get("/docs").status_code == 404  # Swagger UI would load from a CDN; /api-docs is local
    assert client.get("/api-docs").status_code == 200


def test_serve_refuses_to_listen_beyond_loopback_without_a_token(tmp_path):
    check_bind("127.0.0.1", None)
    check_bind("::1", None)
    check_bind("0.0.0.0", "long-enough-token")
    with pytest.raises(ValueError, match="needs a token"):
        check_bind("0.0.0.0", None)
    with pytest.raises(ValueError, match="at least 8 characters"):
        check_bind("127.0.0.1", "short")
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "s.db"), "--host", "192.168.1.5"], env={"STORYLINE_TOKEN": None})
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: --host 192.168.1.5: listening beyond this machine needs a token (--token or STORYLINE_TOKEN)"


def test_summary_view_follows_what_storyline_can_do(client):
    can = hasattr(Storyline, "summarize")
    assert client.get("/api/info").json()["summary"] is can
    r = client.get("/api/summary", params={"entity": "Mark Ballas", "size": 3})
    if not can:
        assert r.status_code == 501 and "no summarisation" in r.json()["detail"]
        return
    assert r.status_code == 200
    data = r.json()
    assert 1 <= len(data["events"]) <= 3 and all(e["summary"] and e["date"]["value"] for e in data["events"])


def test_request_bodies_are_cut_at_the_limit_announced_or_not(client, monkeypatch):
    monkeypatch.setattr("storyline.web.app.MAX_REQUEST_BYTES", 1000)
    monkeypatch.setattr("storyline.web.app.BodyLimit.SLACK", 0)
    declared = client.post("/api/ingest", headers=WRITE, files=[("files", ("a.txt", b"x" * 5000, "text/plain"))])
    assert declared.status_code == 413 and declared.json()["detail"].startswith("request too large")

    def chunks():
        for _ in range(50):
            yield b"y" * 1000

    chunked = client.post("/api/ingest", headers=WRITE | {"Content-Type": "multipart/form-data; boundary=b"}, content=chunks())
    assert chunked.status_code == 413 and chunked.json()["detail"].startswith("request too large")
    assert client.get("/api/info").json()["documents"] == 3
