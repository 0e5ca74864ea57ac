"""The CLI: the demo commands, --db/STORYLINE_DB, bad input, every output format."""
from __future__ import annotations

import json
import shutil

from click.testing import CliRunner

from storyline.cli import main
from tests.conftest import BALLAS


def test_bad_inputs_are_reported_and_the_rest_is_stored(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(BALLAS, folder)
    (folder / "broken.bin").write_bytes(b"\x00\x01\x02binary")
    (folder / "empty.txt").write_text("")
    db = tmp_path / "s.db"
    result = CliRunner().invoke(main, ["ingest", "--db", str(db), "--processes", "1", str(folder), str(tmp_path / "missing")])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3
    assert any("broken.bin" in e for e in errors) and any("missing" in e for e in errors)
    assert "3 stored" in result.stderr


def test_env_var_selects_the_store_and_formats_render(ballas_db, tmp_path):
    runner = CliRunner(env={"STORYLINE_DB": str(ballas_db)})
    out = runner.invoke(main, ["timeline", "Mark Ballas", "--format", "json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["entity"]["name"] == "Mark Ballas"
    for fmt in ("text", "markdown", "timelinejs"):
        r = runner.invoke(main, ["timeline", "Ballas", "--format", fmt])
        assert r.exit_code == 0 and "2023" in r.stdout
    page = tmp_path / "ballas.html"
    r = runner.invoke(main, ["timeline", "Ballas", "--format", "html", "-o", str(page)])
    assert r.exit_code == 0 and "Mark Ballas" in page.read_text()
    ents = runner.invoke(main, ["entities", "--limit", "3", "--format", "json"])
    assert json.loads(ents.stdout)[0]["name"] == "Mark Ballas"


def test_unknown_entity_and_bad_date_are_one_line_errors(ballas_db):
    runner = CliRunner()
    r = runner.invoke(main, ["timeline", "--db", str(ballas_db), "Nobody Atall"])
    assert r.exit_code == 1 and "no entity named 'Nobody Atall'" in r.stderr
    r = runner.invoke(main, ["timeline", "--db", str(ballas_db), "Ballas", "--since", "last year"])
    assert r.exit_code == 2 and "not a date" in r.stderr


def test_stdin_ingest(tmp_path):
    db = tmp_path / "s.db"
    text = (BALLAS / "002_ffdc567fa185292a.txt").read_text()
    r = CliRunner().invoke(main, ["ingest", "--db", str(db), "--processes", "1", "-"], input=text)
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(main, ["timeline", "--db", str(db), "Ballas", "--format", "json"])
    assert any(e["date"]["value"] == "2024-01-10" for e in json.loads(r.stdout)["events"])


def test_html_and_gzipped_json_lines_go_through_the_whole_pipeline(tmp_path):
    import gzip

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "hip.html").write_text(
        "<!doctype html><html><head><title>Ballas choreographs I'm Hip</title>"
        '<meta property="article:published_time" content="2024-01-12T09:00:00Z"></head><body>'
        "<article><h1>Ballas choreographs I'm Hip</h1>"
        "<p>Retired dancer Mark Ballas shared some exciting news with fans on January 10, 2024.</p>"
        "<p>Mark Ballas worked with film director John Musker on the animated short, which he said "
        "was a blast to make with the whole team at the studio.</p></article></body></html>")
    with gzip.open(folder / "wire.jsonl.gz", "wt") as f:
        f.write(json.dumps({"id": "wire-1", "published": "2023-12-14", "title": "Ballas",
                            "text": "Mark Ballas joined the program in 2007. Ballas retired in March 2023."}) + "\n")
    db = tmp_path / "s.db"
    r = CliRunner().invoke(main, ["ingest", "--db", str(db), "--processes", "1", "--json", str(folder)])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["stored"] == 2
    r = CliRunner().invoke(main, ["timeline", "--db", str(db), "Mark Ballas", "--format", "json"])
    t = json.loads(r.stdout)
    assert {e["date"]["value"] for e in t["events"]} >= {"2007", "2023-03", "2024-01-10"}
    docs = {d["doc"]: d for d in t["documents"]}
    assert docs["hip"]["published"] == "2024-01-12" and docs["wire-1"]["published"] == "2023-12-14"
