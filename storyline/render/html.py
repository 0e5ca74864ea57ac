"""HTML output: one self-contained, readable page (inline CSS and a little vanilla JS).

The page shows the entity, a conflicts panel, a vertical timeline grouped by year (date badges,
summaries, entity chips, collapsible quoted sources), and the cited documents. It loads nothing
from anywhere: no fonts, images, CDNs or other URLs, and a Content-Security-Policy forbids it.
Article text is untrusted, so every value taken from the data goes through ``esc``.
"""
from __future__ import annotations

import re
from html import escape
from itertools import groupby

from . import (CLAIM_SOURCES_SHOWN, clean, date_label, documents_by_id, entity_name, full_timeline_command,
               more_sources, other_aliases, published_label, query_label, summary_label, year_of)

_CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
        "base-uri 'none'; form-action 'none'")
_SAFE_URL = re.compile(r"https?://[^\s\"'<>`]+", re.IGNORECASE)
_TIME_VALUE = re.compile(r"\d{4}(-\d{2}(-\d{2})?|-W\d{2})?")


def esc(value: object) -> str:
    """Untrusted data -> one line of HTML-escaped text (safe in content and quoted attributes)."""
    return escape(clean(value), quote=True)


def anchor(value: object, prefix: str = "") -> str:
    """A fragment-safe element id derived from a data id."""
    return prefix + re.sub(r"[^A-Za-z0-9_-]", "-", clean(value))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


# -- page ----------------------------------------------------------------------

def render(timeline: dict) -> str:
    full = timeline.get("full_timeline") if isinstance(timeline.get("full_timeline"), dict) else None
    if full:  # a summary page that carries its full timeline: two views, one click apart
        documents = list({d.get("doc"): d for d in (full.get("documents") or []) + (timeline.get("documents") or [])}
                         .values())
        docs = {str(d.get("doc")): d for d in documents}
        content = _views(timeline, full, docs)
    else:
        documents = timeline.get("documents") or []
        docs = documents_by_id(timeline)
        content = "\n".join(filter(None, [_conflicts(timeline.get("conflicts") or [], docs), _timeline(timeline, docs)]))
    name = esc(entity_name(timeline))
    body = "\n".join(filter(None, [
        _masthead(timeline),
        "<main>",
        content,
        _documents(documents),
        "</main>",
        _FOOTER,
    ]))
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
            f'<meta name="referrer" content="no-referrer">\n'
            f"<title>Storyline: {name}</title>\n<style>{_CSS}</style>\n</head>\n"
            f"<body>\n{body}\n<script>{_JS}</script>\n</body>\n</html>\n")


def _masthead(timeline: dict) -> str:
    entity = timeline.get("entity") or {}
    kind = f" · {esc(entity['type'])}" if entity.get("type") else ""
    parts = ['<header class="masthead">', f'<p class="kicker">Storyline{kind}</p>',
             f"<h1>{esc(entity_name(timeline))}</h1>"]
    if aliases := other_aliases(timeline):
        chips = " ".join(f'<span class="alias">{esc(a)}</span>' for a in aliases)
        parts.append(f'<p class="aliases">Also known as {chips}</p>')
    parts.append(_stats(timeline))
    if query := query_label(timeline):
        parts.append(f'<p class="period">Period: {esc(query)}</p>')
    if label := summary_label(timeline):
        hint = ""
        if not timeline.get("full_timeline") and (command := full_timeline_command(timeline, "html")):
            hint = f' Full timeline: <code>{esc(command)}</code>'
        parts.append(f'<p class="period">{esc(label)}.{hint}</p>')
    parts.append("</header>")
    return "\n".join(parts)


def _stats(timeline: dict) -> str:
    entity = timeline.get("entity") or {}
    items = [(len(timeline.get("events") or []), "event", ""),
             (len(timeline.get("documents") or []), "document", "")]
    if timeline.get("conflicts"):
        items.append((len(timeline["conflicts"]), "conflict", ' class="warn"'))
    if isinstance(entity.get("mentions"), int):
        items.append((entity["mentions"], "mention", ""))
    lis = "".join(f"<li{cls}><strong>{n}</strong> {word if n == 1 else word + 's'}</li>"
                  for n, word, cls in items)
    return f'<ul class="stats">{lis}</ul>'


# -- small pieces ----------------------------------------------------------------

def date_badge(date: dict | None) -> str:
    """``<time>`` badge; approximate dates get a dashed border and a ``c.`` prefix."""
    date = date or {}
    approx = bool(date.get("approximate"))
    cls = "date approx" if approx else "date"
    title = ' title="approximate date"' if approx else ""
    value = clean(date.get("value"))
    dt = f' datetime="{esc(value)}"' if _TIME_VALUE.fullmatch(value) else ""
    return f'<time class="{cls}"{dt}{title}>{esc(date_label(date, long=True))}</time>'


def _sentence(src: dict) -> str:
    """The source sentence, escaped, with its date expression highlighted."""
    sentence, date_text = clean(src.get("sentence")), clean(src.get("date_text"))
    at = sentence.find(date_text) if date_text else -1
    if at < 0:
        return escape(sentence)
    end = at + len(date_text)
    return f"{escape(sentence[:at])}<mark>{escape(date_text)}</mark>{escape(sentence[end:])}"


def source_quote(src: dict, docs: dict[str, dict]) -> str:
    """One source sentence as a blockquote citing its document."""
    doc = docs.get(str(src.get("doc")), {})
    title = esc(doc.get("title")) or "Untitled document"
    cite = (f'<a href="#{esc(anchor(src.get("doc"), "doc-"))}">{title}</a> · '
            f'<span class="doc-id">{esc(src.get("doc"))}</span> · {esc(_published(doc))}')
    return (f'<blockquote class="source"><p>“{_sentence(src)}”</p>'
            f"<footer>— {cite}</footer></blockquote>")


def _published(doc: dict) -> str:
    return ("published " if doc.get("published") else "") + published_label(doc)


def _chips(entities: list) -> str:
    if not entities:
        return ""
    items = "".join(f"<li>{esc(e)}</li>" for e in entities)
    return f'<ul class="chips" aria-label="Entities">{items}</ul>'


# -- conflicts panel -------------------------------------------------------------

def _conflicts(conflicts: list[dict], docs: dict[str, dict]) -> str:
    if not conflicts:
        return ""
    cards = "\n".join(_conflict(cf, docs) for cf in conflicts)
    intro = "These sources disagree about when something happened. Each claim is shown with its evidence."
    return (f'<section class="conflicts" id="conflicts" aria-labelledby="conflicts-h">\n'
            f'<h2 id="conflicts-h"><span class="warn-icon" aria-hidden="true">⚠</span> '
            f'Conflicting accounts</h2>\n<p class="intro">{intro}</p>\n{cards}\n</section>')


def _conflict(cf: dict, docs: dict[str, dict]) -> str:
    claims = "\n".join(_claim(c, docs) for c in cf.get("claims") or [])
    about = esc(cf.get("about")) or "Conflicting dates"
    return (f'<article class="conflict" id="{esc(anchor(cf.get("id")))}">\n<h3>{about}</h3>\n'
            f'<div class="claims">\n{claims}\n</div>\n</article>')


def _claim(claim: dict, docs: dict[str, dict]) -> str:
    date = claim.get("date") or {"value": claim.get("value")}
    link = (f' <a class="see" href="#{esc(anchor(claim["event"]))}">see event ↓</a>'
            if claim.get("event") else "")
    sources = claim.get("sources") or []
    quotes = "".join(source_quote(s, docs) for s in sources[:CLAIM_SOURCES_SHOWN])
    if len(sources) > CLAIM_SOURCES_SHOWN:
        quotes += f'<p class="more">{esc(more_sources(len(sources) - CLAIM_SOURCES_SHOWN))}</p>'

    return f'<div class="claim"><p class="claim-date">{date_badge(date)}{link}</p>{quotes}</div>'


# -- timeline --------------------------------------------------------------------

def _views(summary: dict, full: dict, docs: dict[str, dict]) -> str:
    """The key dates, and the full timeline behind a toggle (both shown when scripts are off)."""
    n_key, n_full = len(summary.get("events") or []), len(full.get("events") or [])
    nav = ('<nav class="views" hidden aria-label="View">'
           f'<button type="button" data-view="view-key" aria-pressed="true">Key dates ({n_key})</button>'
           f'<button type="button" data-view="view-full" aria-pressed="false">Full timeline '
           f'({_plural(n_full, "event")})</button></nav>')
    key = f'<section class="view" id="view-key" aria-label="Key dates">\n{_timeline(summary, docs)}\n</section>'
    rest = "\n".join(filter(None, [_conflicts(full.get("conflicts") or [], docs),
                                   _timeline(full, docs, toolbar=False)]))
    whole = (f'<section class="view" id="view-full" aria-label="Full timeline">\n<h2 class="view-h">Full timeline</h2>\n'
             f"{rest}\n</section>")
    return f"{nav}\n{key}\n{whole}"


def _timeline(timeline: dict, docs: dict[str, dict], toolbar: bool = True) -> str:
    events = timeline.get("events") or []
    if not events:
        return (f'<p class="empty-state">No dated events found for '
                f"{esc(entity_name(timeline))}.</p>")
    if not toolbar:
        years = "\n".join(_year(year, list(group), docs, "full-y-") for year, group in
                          groupby(events, key=lambda ev: year_of(ev.get("date")) or "Undated"))
        return f'<section class="timeline" aria-label="Full timeline">\n{years}\n</section>'

    toolbar = ('<div class="toolbar" hidden>\n<label for="filter">Filter</label>\n'
               '<input type="search" id="filter" placeholder="Type to filter events…" autocomplete="off">\n'
               '<button type="button" id="expand" aria-pressed="false">Show all sources</button>\n'
               '<span id="count" aria-live="polite"></span>\n</div>')
    years = "\n".join(_year(year, list(group), docs) for year, group in
                      groupby(events, key=lambda ev: year_of(ev.get("date")) or "Undated"))
    return (f'{toolbar}\n<section class="timeline" aria-label="Timeline">\n{years}\n</section>\n'
            '<p class="empty-state" id="no-match" hidden>No events match the filter.</p>')


def _year(year: str, events: list[dict], docs: dict[str, dict], prefix: str = "y-") -> str:
    items = "\n".join(_event(ev, docs) for ev in events)
    return (f'<section class="year" id="{esc(anchor(year, prefix))}">\n'
            f'<h2 class="year-h">{esc(year)}</h2>\n<ol class="events">\n{items}\n</ol>\n</section>')


def _event(ev: dict, docs: dict[str, dict]) -> str:
    date = ev.get("date") or {}
    classes = ["event"] + (["conflicted"] if ev.get("conflict") else []) + \
        (["approx"] if date.get("approximate") else [])
    search = " ".join([clean(ev.get("summary")), date_label(date, long=True),
                       *(clean(e) for e in ev.get("entities") or [])]).lower()
    flag = (f' <a class="flag" href="#{esc(anchor(ev["conflict"]))}" title="Sources disagree '
            f'about this date">⚠ conflicting dates</a>' if ev.get("conflict") else "")
    return (f'<li class="{" ".join(classes)}" id="{esc(anchor(ev.get("id")))}" data-search="{esc(search)}">'
            f'<div class="card"><p class="when">{date_badge(date)}{flag}</p>'
            f'<p class="summary">{esc(ev.get("summary"))}</p>{_chips(ev.get("entities") or [])}'
            f"{_sources(ev.get('sources') or [], docs)}</div></li>")


def _sources(sources: list[dict], docs: dict[str, dict]) -> str:
    if not sources:
        return ""
    quotes = "".join(source_quote(s, docs) for s in sources)
    return f"<details><summary>{_plural(len(sources), 'source')}</summary>{quotes}</details>"


# -- documents -------------------------------------------------------------------

def _documents(documents: list[dict]) -> str:
    if not documents:
        return ""
    items = "\n".join(_document(d) for d in documents)
    return (f'<section class="documents" id="documents">\n<h2>Documents</h2>\n'
            f'<ol class="doc-list">\n{items}\n</ol>\n</section>')


def _document(doc: dict) -> str:
    undated = "" if doc.get("published") else " undated"
    meta = [f'<span class="doc-id">{esc(doc.get("doc"))}</span>',
            f'<span class="pub{undated}">{esc(published_label(doc))}</span>']
    if doc.get("source"):
        meta.append(esc(doc["source"]))
    url = clean(doc.get("url"))
    if url and _SAFE_URL.fullmatch(url):
        meta.append(f'<a class="url" href="{escape(url, quote=True)}" rel="noopener noreferrer nofollow">'
                    f"{escape(url)}</a>")
    elif url:
        meta.append(f'<span class="url">{esc(url)}</span>')
    title = esc(doc.get("title")) or '<span class="untitled">Untitled document</span>'
    return (f'<li id="{esc(anchor(doc.get("doc"), "doc-"))}"><span class="doc-title">{title}</span>'
            f'<span class="meta">{" · ".join(meta)}</span></li>')


_FOOTER = ('<footer class="colophon"><p>Made with Storyline. Dates marked <span class="date approx">c.</span> '
           'are approximate; <span class="warn-text">⚠</span> marks events whose sources disagree. '
           "Every event quotes the sentences it was taken from.</p></footer>")

_CSS = """
:root{--bg:#faf8f4;--card:#fff;--ink:#1d2127;--muted:#5d6470;--line:#d9dde3;--accent:#2458a6;
--accent-soft:#e8eef9;--warn:#b4530a;--warn-soft:#fff3e2;--mark:#fff1a8;--radius:10px;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#15181c;--card:#1e2227;--ink:#e6e8eb;--muted:#a0a7b1;
--line:#353b43;--accent:#7fa8ec;--accent-soft:#243248;--warn:#f0a050;--warn-soft:#3a2a18;--mark:#5a4d10}}
*,*::before,*::after{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font-size:1.0625rem;line-height:1.6}
.masthead,main,.colophon{max-width:48rem;margin:0 auto;padding:0 1.25rem}
.masthead{padding-top:2.5rem;padding-bottom:1rem}
.kicker{margin:0;text-transform:uppercase;letter-spacing:.08em;font-size:.8rem;color:var(--muted)}
h1{font-size:clamp(2rem,5vw,2.8rem);line-height:1.15;margin:.2rem 0 .5rem}
h2,h3{line-height:1.25}
a{color:var(--accent)}
.aliases{margin:.25rem 0;color:var(--muted)}
.alias{display:inline-block;font-weight:600;color:var(--ink);margin-right:.35rem}
.stats{list-style:none;display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;padding:0;margin:.75rem 0;color:var(--muted)}
.stats strong{color:var(--ink);font-size:1.15rem}
.stats .warn strong{color:var(--warn)}
.period{color:var(--muted);margin:.25rem 0}
.date{display:inline-block;font-weight:700;font-size:.85rem;letter-spacing:.01em;padding:.1rem .6rem;
border:2px solid var(--accent);border-radius:999px;color:var(--accent);background:var(--accent-soft);
font-variant-numeric:tabular-nums;white-space:nowrap}
.date.approx{border-style:dashed;background:transparent;font-style:italic}
.conflicts{background:var(--warn-soft);border:1px solid var(--warn);border-left-width:6px;
border-radius:var(--radius);padding:.5rem 1.25rem 1rem;margin:1.5rem 0}
.conflicts h2{color:var(--warn);margin:.5rem 0 .25rem}
.conflicts .intro{margin:0 0 .75rem;color:var(--muted);font-size:.95rem}
.conflict h3{font-size:1.05rem;margin:1rem 0 .5rem}
.claims{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:.75rem}
.claim{background:var(--card);border:1px solid var(--line);border-radius:var(--radius);padding:.6rem .9rem}
.claim-date{margin:0 0 .25rem}
.see{font-size:.85rem;margin-left:.5rem}
.toolbar{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem .75rem;margin:1.5rem 0 .5rem;
position:sticky;top:0;z-index:2;background:var(--bg);padding:.5rem 0;border-bottom:1px solid var(--line)}
.toolbar label{font-weight:600}
.toolbar input{flex:1 1 12rem;font:inherit;padding:.35rem .6rem;border:1px solid var(--line);
border-radius:6px;background:var(--card);color:var(--ink)}
.toolbar button{font:inherit;font-size:.9rem;padding:.35rem .75rem;border:1px solid var(--line);
border-radius:6px;background:var(--card);color:var(--ink);cursor:pointer}
#count{color:var(--muted);font-size:.9rem}
.year-h{font-size:1.6rem;margin:2rem 0 .75rem;color:var(--muted);font-variant-numeric:tabular-nums}
.events{list-style:none;margin:0;padding:0 0 0 1.6rem;border-left:3px solid var(--line)}
.event{position:relative;margin:0 0 1.1rem}
.event::before{content:"";position:absolute;left:calc(-1.6rem - 9px);top:1.05rem;width:15px;height:15px;
border-radius:50%;background:var(--accent);border:3px solid var(--bg)}
.event.approx::before{background:var(--bg);border:2px dashed var(--accent)}
.event.conflicted::before{background:var(--warn)}
.card{background:var(--card);border:1px solid var(--line);border-radius:var(--radius);padding:.75rem 1rem;
box-shadow:0 1px 2px rgba(0,0,0,.04)}
.conflicted .card{border-color:var(--warn);border-left:5px solid var(--warn);
background:linear-gradient(var(--warn-soft),var(--card) 4rem)}
.when{margin:0;display:flex;flex-wrap:wrap;align-items:center;gap:.5rem}
.flag{font-size:.8rem;font-weight:700;color:var(--warn);border:1px solid var(--warn);border-radius:999px;
padding:.05rem .55rem;text-decoration:none;background:var(--warn-soft)}
.summary{margin:.45rem 0;font-size:1.08rem}
.chips{list-style:none;display:flex;flex-wrap:wrap;gap:.3rem;padding:0;margin:.25rem 0 .5rem}
.chips li{font-size:.78rem;padding:.05rem .55rem;border-radius:999px;background:var(--accent-soft);color:var(--ink)}
details summary{cursor:pointer;color:var(--accent);font-size:.9rem;font-weight:600}
blockquote.source{margin:.6rem 0 .2rem;padding:.1rem 0 .1rem .9rem;border-left:3px solid var(--line);
font-family:Georgia,"Iowan Old Style","Times New Roman",serif}
blockquote.source p{margin:0}
blockquote.source footer{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:.82rem;
color:var(--muted);margin-top:.2rem}
mark{background:var(--mark);color:inherit;padding:0 .1em;border-radius:2px}
.doc-id{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.85em}
.documents{margin:3rem 0 1rem;border-top:1px solid var(--line)}
.doc-list{padding-left:1.4rem}
.doc-list li{margin:.5rem 0}
.doc-title{display:block;font-weight:600}
.untitled{font-style:italic;font-weight:400;color:var(--muted)}
.meta{display:block;font-size:.88rem;color:var(--muted);overflow-wrap:anywhere}
.pub.undated{font-style:italic}
.empty-state{padding:2rem;text-align:center;color:var(--muted);border:2px dashed var(--line);
border-radius:var(--radius);margin:2rem 0}
.colophon{color:var(--muted);font-size:.85rem;padding-bottom:2rem}
.warn-text{color:var(--warn)}
.views{display:flex;gap:.5rem;margin:1.5rem 0 0}
.views button{font:inherit;font-size:.95rem;padding:.4rem .9rem;border:1px solid var(--line);border-radius:999px;
background:var(--card);color:var(--ink);cursor:pointer}
.views button[aria-pressed="true"]{border-color:var(--accent);background:var(--accent-soft);color:var(--accent);
font-weight:700}
.view-h{margin-top:2.5rem}
[hidden]{display:none!important}
@media (max-width:32rem){body{font-size:1rem}.events{padding-left:1.1rem}
.event::before{left:calc(-1.1rem - 9px)}.card{padding:.6rem .75rem}}
@media print{:root{--bg:#fff;--card:#fff;--ink:#000;--muted:#444;--warn-soft:#fff;--accent-soft:#fff}
body{font-size:11pt}.toolbar{display:none!important}.card,.claim{box-shadow:none;break-inside:avoid}
.conflicts{break-inside:avoid}a{color:inherit;text-decoration:none}details summary{color:#000}}
"""

_JS = """
(function () {
  var nav = document.querySelector('.views');
  if (!nav) { return; }
  var buttons = Array.prototype.slice.call(nav.querySelectorAll('button'));
  function show(id) {
    buttons.forEach(function (b) {
      var on = b.getAttribute('data-view') === id;
      b.setAttribute('aria-pressed', String(on));
      document.getElementById(b.getAttribute('data-view')).hidden = !on;
    });
  }
  buttons.forEach(function (b) {
    b.addEventListener('click', function () {
      show(b.getAttribute('data-view'));
      var filter = document.getElementById('filter');
      if (filter) { filter.dispatchEvent(new Event('input')); }
    });
  });
  nav.hidden = false;
  show(location.hash === '#view-full' ? 'view-full' : 'view-key');
})();
(function () {
  var input = document.getElementById('filter');
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details').forEach(function (d) { d.open = true; });
  });
  if (!input) { return; }
  var toolbar = document.querySelector('.toolbar');
  var events = Array.prototype.slice.call(document.querySelectorAll('.event'));
  var years = Array.prototype.slice.call(document.querySelectorAll('.year'));
  var count = document.getElementById('count');
  var none = document.getElementById('no-match');
  var expand = document.getElementById('expand');
  toolbar.hidden = false;
  function apply() {
    var terms = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var shown = 0;
    var inView = events.filter(function (ev) { var v = ev.closest('.view'); return !v || !v.hidden; });
    inView.forEach(function (ev) {
      var text = ev.getAttribute('data-search');
      var hit = terms.every(function (t) { return text.indexOf(t) >= 0; });
      ev.hidden = !hit;
      if (hit) { shown += 1; }
    });
    years.forEach(function (y) { y.hidden = !y.querySelector('.event:not([hidden])'); });
    none.hidden = shown > 0;
    count.textContent = terms.length ? shown + ' of ' + inView.length + ' events' : inView.length + ' events';
  }
  expand.addEventListener('click', function () {
    var open = expand.getAttribute('aria-pressed') !== 'true';
    document.querySelectorAll('.timeline details').forEach(function (d) { d.open = open; });
    expand.setAttribute('aria-pressed', String(open));
    expand.textContent = open ? 'Hide sources' : 'Show all sources';
  });
  input.addEventListener('input', apply);
  apply();
})();
"""
