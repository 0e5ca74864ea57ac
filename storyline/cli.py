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
@click.option("--since", callback=_iso_date, help="Only events from this day on (YYYY-MM-DD).")
@click.option("--until", callback=_iso_date, help="Only events up to this day (YYYY-MM-DD).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file instead of stdout.")
@_open
def timeline(sl: Storyline, name, fmt, since, until, output):
    """Print the timeline of NAME (a person or organisation, any alias)."""
    from .render import render

    text = render(sl.timeline(name, since=since, until=until).to_dict(), fmt)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text)


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
