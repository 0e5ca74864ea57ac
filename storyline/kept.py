"""Kept timelines: the JSON text of a resolved timeline, written so that a date range can be cut
out of it without parsing it.

A busy entity's timeline is megabytes of JSON; parsing it and writing it again for every
``since``/``until`` request costs tens of milliseconds. ``keep`` writes the timeline dict item by
item and records where each event, conflict, document and correction is in the text, with what
the cut needs (an event's first and last day, its id, the documents it cites). ``cut`` then joins
the slices of the items that stay.

The index holds columns of plain values (events' documents as positions, CSR-style), not a list
of small lists: parsing it makes a handful of containers instead of thousands, which keeps the
cyclic garbage collector (a full pass costs tens of milliseconds in a server) out of requests.
"""
from __future__ import annotations

import json
from datetime import date

_SECTIONS = ("events", "conflicts", "documents", "corrections")
FORMAT = 2  # part of the key a timeline is kept under: rows kept in another layout are recomputed


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def keep(data: dict) -> tuple[str, dict]:
    """(JSON text equal to ``data``, index of its items) of a ``Timeline.to_dict()``."""
    parts = ['{"storyline": ', _dumps(data["storyline"]), ', "entity": ', _dumps(data["entity"])]
    size = sum(map(len, parts))
    head = size
    parts.append(', "query": ' + _dumps(data["query"]))
    size += len(parts[-1])
    spans: dict[str, tuple[list[int], list[int]]] = {}
    for section in _SECTIONS:
        opening = f', "{section}": ['
        parts.append(opening)
        size += len(opening)
        starts, ends = [], []
        for n, item in enumerate(data.get(section, ())):
            if n:
                parts.append(", ")
                size += 2
            text = _dumps(item)
            starts.append(size)
            ends.append(size + len(text))
            parts.append(text)
            size += len(text)
        parts.append("]")
        size += 1
        spans[section] = (starts, ends)
    parts.append("}")
    position = {d["doc"]: i for i, d in enumerate(data["documents"])}
    doc_ptr, doc_ix = [0], []
    for e in data["events"]:
        doc_ix += sorted({position[s["doc"]] for s in e["sources"] if s["doc"] in position})
        doc_ptr.append(len(doc_ix))
    index = {
        "head": head,
        "events": {"a": spans["events"][0], "b": spans["events"][1],
                   "start": [e["date"]["start"] or "" for e in data["events"]],
                   "end": [e["date"]["end"] or "" for e in data["events"]],
                   "id": [e["id"] for e in data["events"]], "doc_ptr": doc_ptr, "doc_ix": doc_ix},
        "documents": {"a": spans["documents"][0], "b": spans["documents"][1]},
        "conflicts": {"a": spans["conflicts"][0], "b": spans["conflicts"][1],
                      "events": [[c["event"] for c in x["claims"] if c["event"]] for x in data["conflicts"]]},
        "corrections": {"a": spans["corrections"][0], "b": spans["corrections"][1],
                        "events": [x.get("events") or [] for x in data.get("corrections", ())]},
    }
    return "".join(parts), index


def cut(text: str, index: dict, since: date | None, until: date | None) -> str:
    """The kept timeline restricted to the events that overlap since..until, with the conflicts
    they are claims of, the documents they cite and the corrections that touched them."""
    lo = since.isoformat() if since else "0000-00-00"
    hi = until.isoformat() if until else "9999-99-99"
    ev = index["events"]
    starts, ends, ids, ptr, dix = ev["start"], ev["end"], ev["id"], ev["doc_ptr"], ev["doc_ix"]
    events = [i for i in range(len(ids)) if starts[i] <= hi and ends[i] >= lo]
    kept = {ids[i] for i in events}
    cited: set[int] = set()
    for i in events:
        for j in range(ptr[i], ptr[i + 1]):
            cited.add(dix[j])
    chosen = {
        "events": events,
        "conflicts": [n for n, evs in enumerate(index["conflicts"]["events"]) if kept.intersection(evs)],
        "documents": sorted(cited),
        "corrections": [n for n, evs in enumerate(index["corrections"]["events"]) if not evs or kept.intersection(evs)],
    }
    query = {"since": since.isoformat() if since else None, "until": until.isoformat() if until else None}
    parts = [text[:index["head"]], ', "query": ', _dumps(query)]
    for section in _SECTIONS:
        a, b = index[section]["a"], index[section]["b"]
        parts.append(f', "{section}": [')
        parts.append(", ".join([text[a[n]:b[n]] for n in chosen[section]]))
        parts.append("]")
    parts.append("}")
    return "".join(parts)
