"""The ``storyline`` command: a thin layer over ``storyline.api.Storyline``.

Every command takes ``--db PATH`` (or the STORYLINE_DB environment variable; default
./storyline.db). Errors are one line on stderr and a non-zero exit status.
"""
from __future__ import annotations

import json
import sys
from datetime import date
from functools import wraps
from pathlib import Path

import click

from .api import DEFAULT_DB, EntityNotFound, Storyline
from .store import StoreError

_DB = click.option("--db", "db", envvar="STORYLINE_DB", default=DEFAULT_DB, show_default=True,
                   type=click.Path(dir_okay=False), help="SQLite store (env STORYLINE_DB).")


def _iso_date(ctx, param, value):
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date (YYYY-MM-DD)") from None


def _since_option(what: str):
    return click.option("--since", callback=_iso_date, help=f"Only {what} from this day on (YYYY-MM-DD).")


def _until_option(what: str):
    return click.option("--until", callback=_iso_date, help=f"Only {what} up to this day (YYYY-MM-DD).")


_OUTPUT = click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
                       help="Write to this file instead of stdout.")


def _emit(text: str, output: str | None, newline: bool = True) -> None:
    """Write a rendered timeline to OUTPUT (saying so on stderr), or to stdout."""
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=newline)


def _open(fn):
    @wraps(fn)
    def wrapper(db, *args, **kwargs):
        try:
            with Storyline(db) as sl:
                return fn(sl, *args, **kwargs)
        except (StoreError, EntityNotFound) as exc:
            raise click.ClickException(str(exc.args[0] if exc.args else exc)) from None
    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="storyline")
def main():
    """Storyline: a sourced timeline of anyone in a pile of news articles."""


@main.command()
@_DB
@click.argument("paths", nargs=-1, required=True)
@click.option("--processes", type=click.IntRange(1, 64), default=None, help="Analysis processes (default: up to 2).")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=128, show_default=True,
              help="Articles per atomic commit.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, no summary.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@_open
def ingest(sl: Storyline, paths, processes, batch_size, quiet, as_json):
    """Read articles (files, folders, '-' for stdin), analyse them and store them.

    Plain text, HTML and JSON Lines (.jsonl, .jsonl.gz) are recognised.
    """
    stdin = sys.stdin.buffer if "-" in paths else None
    report = sl.ingest(paths, stdin=stdin, processes=processes, batch_size=batch_size,
                       progress=False if quiet else None,
                       on_error=lambda msg: click.echo(f"error: {msg}", err=True))
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
    elif not quiet:
        click.echo(f"{report.stored} stored, {report.unchanged} already stored, "
                   f"{report.duplicates} duplicates, {len(report.errors)} errors ({sl.store.path})", err=True)
    if report.errors:
        sys.exit(1)


@main.command()
@_DB
@click.option("--limit", type=click.IntRange(1), default=None, help="Show at most N entities.")
@click.option("--type", "label", default=None, help="Only this type (PERSON, ORG, GPE, ...).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_open
def entities(sl: Storyline, limit, label, fmt):
    """List entities with their aliases and mention counts, most mentioned first."""
    found = sl.entities(limit=limit, label=label)
    if fmt == "json":
        click.echo(json.dumps([e.to_dict() for e in found], indent=2, ensure_ascii=False))
        return
    for e in found:
        others = [a for a in e.aliases if a != e.name]
        click.echo(f"{e.mentions:6d}  {e.name} [{e.label}]" + (f"  aka {', '.join(others)}" if others else ""))


@main.command()
@_DB
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json", "timelinejs", "html"]),
              default="text", show_default=True)
@_since_option("events")
@_until_option("events")
@_OUTPUT
@_open
def timeline(sl: Storyline, name, fmt, since, until, output):
    """Print the timeline of NAME (a person or organisation, any alias)."""
    from .render import render

    _emit(render(sl.timeline(name, since=since, until=until).to_dict(), fmt), output)


@main.group()
def time():
    """The temporal engine on its own: TIMEX3 tagging of TimeML documents."""


@time.command("tag")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder for the tagged documents (created if missing).")
def time_tag(paths, out_dir):
    """Add TIMEX3 tags to TempEval-3 documents (.tml, .TE3input; folders are searched).

    Each document is written to OUT with the same name (less a .TE3input suffix), its text
    unchanged and one TIMEX3 per temporal expression inside <TEXT>.
    """
    from .temporal import timeml

    errors = []
    try:
        n = timeml.tag_files(paths, out_dir, on_error=lambda m: (errors.append(m), click.echo(f"error: {m}", err=True)))
    except timeml.TimeMLError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{n} documents tagged into {out_dir}", err=True)
    if errors:
        sys.exit(1)


@main.command()
@_DB
@click.argument("query")
@click.option("--dates", "n_dates", type=click.IntRange(1), default=10, show_default=True,
              help="How many dates (L) to keep.")
@click.option("--sentences-per-date", type=click.IntRange(1), default=1, show_default=True,
              help="Sentences (K) for each date.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json", "timelinejs", "html", "tls"]),
              default="text", show_default=True)
@_since_option("dates")
@_until_option("dates")
@_OUTPUT
@_open
def summarize(sl: Storyline, query, n_dates, sentences_per_date, fmt, since, until, output):
    """The dates that mattered most for QUERY (an entity, or keywords), with their best sentences.

    QUERY is a name (any alias) or, when no entity has that name, keywords: phrases separated
    by commas ("oil spill, BP") or the words of the query.
    """
    from .render import render

    summary = sl.summarize(query, dates=n_dates, sentences_per_date=sentences_per_date, since=since, until=until)
    data = summary.to_dict()
    if fmt == "html" and data["summary"]["entity_found"]:  # the page carries the full timeline a click away
        data["full_timeline"] = sl.timeline(summary.entity.name, since=since, until=until).to_dict()
    _emit(render(data, fmt), output, newline=False)


@main.group()
def evaluate():
    """Measure quality on benchmark data: the temporal engine (time), timeline summarisation (tls)."""


@evaluate.command("time")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.argument("system_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def evaluate_time(gold_dir, system_dir, as_json):
    """TempEval-3 Task A scores of SYSTEM_DIR's TIMEX3s against GOLD_DIR's.

    Strict and relaxed span precision/recall/F1, and type and value F1 (relaxed F1 times the
    attribute's accuracy over relaxed matches), over all documents together.
    """
    from .temporal import evaluate as te3, timeml

    try:
        counts, missing = te3.evaluate_dirs(gold_dir, system_dir)
    except timeml.TimeMLError as exc:
        raise click.ClickException(str(exc)) from None
    scores = counts.scores() | {"missing_documents": missing}
    if as_json:
        click.echo(json.dumps(scores, indent=2))
        return
    for name in missing:
        click.echo(f"warning: {name}: no system file (scored as finding nothing)", err=True)
    click.echo(f"{'':10s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    for kind in ("strict", "relaxed"):
        click.echo(f"{kind:10s} " + " ".join(f"{100 * scores[f'{kind}_{m}']:6.1f}"
                                             for m in ("precision", "recall", "f1")))
    click.echo(f"{'type':10s} {'':6s} {'':6s} {100 * scores['type_f1']:6.1f}   (accuracy {100 * scores['type_accuracy']:.1f})")
    click.echo(f"{'value':10s} {'':6s} {'':6s} {100 * scores['value_f1']:6.1f}   (accuracy {100 * scores['value_accuracy']:.1f})")
    click.echo(f"{scores['gold']} gold, {scores['system']} system expressions")


@evaluate.command("tls")
@click.argument("dataset_dir", type=click.Path(file_okay=False))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, writable=True),
              help="Folder for the predicted timelines and results.json.")
@click.option("--topic", "topics", multiple=True, help="Only this topic (repeatable).")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False), default=None,
              help="Keep each topic's store here and reuse it next time (default: fresh temporary stores).")
@click.option("--processes", type=click.IntRange(1, 64), default=2, show_default=True, help="Ingest processes.")
def evaluate_tls(dataset_dir, out_dir, topics, cache_dir, processes):
    """Timeline summarisation on a news-tls dataset folder: AR-1, AR-2 and Date-F1."""
    from .evaluate_tls import DatasetError, RougeMissing, evaluate as run, table

    try:
        results = run(dataset_dir, out_dir, cache_dir=cache_dir, processes=processes, topics=list(topics) or None,
                      log=lambda msg: click.echo(msg, err=True))
    except (DatasetError, RougeMissing, StoreError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(table(results))
    click.echo(f"wrote {Path(out_dir) / 'results.json'}", err=True)

@main.command()
@_DB
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback needs --token.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--token", envvar="STORYLINE_TOKEN", default=None,
              help="Secret every request must carry (env STORYLINE_TOKEN); open /?token=TOKEN once in a browser.")
def serve(db, host, port, token):
    """Run the web app and HTTP API over the store (http://HOST:PORT/)."""
    from .web.serve import run

    try:
        run(db, host, port, token)
    except (StoreError, ValueError, OSError) as exc:
        raise click.ClickException(str(exc)) from None


if __name__ == "__main__":  # pragma: no cover
    main()
