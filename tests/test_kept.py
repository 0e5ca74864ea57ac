"""Kept timelines: the text equals the timeline, and a cut equals filtering the parsed timeline."""
from __future__ import annotations

import json
from datetime import date

import pytest

from storyline import Storyline
from storyline.kept import cut, keep


def _filtered(data: dict, since, until) -> dict:
    lo, hi = (since or date.min).isoformat(), (until or date.max).isoformat()
    events = [e for e in data["events"] if e["date"]["start"] and e["date"]["start"] <= hi and e["date"]["end"] >= lo]
    ids = {e["id"] for e in events}
    docs = {s["doc"] for e in events for s in e["sources"]}
    return data | {"query": {"since": since and since.isoformat(), "until": until and until.isoformat()},
                   "events": events,
                   "conflicts": [c for c in data["conflicts"] if any(cl["event"] in ids for cl in c["claims"])],
                   "documents": [d for d in data["documents"] if d["doc"] in docs],
                   "corrections": [c for c in data["corrections"] if not c["events"] or ids & set(c["events"])]}


@pytest.mark.parametrize("since,until", [(None, None), (date(2023, 1, 1), None), (None, date(2006, 1, 1)),
                                         (date(2022, 6, 1), date(2022, 12, 31)), (date(1990, 1, 1), date(1990, 2, 1))])
def test_a_cut_is_the_filtered_timeline(ballas_copy, since, until):
    with Storyline(ballas_copy) as sl:
        tl = sl.timeline("Mark Ballas")
        sl.correct("Mark Ballas", "reject", events=[tl.events[-1].id])
        data = sl.timeline("Mark Ballas").to_dict()
    text, index = keep(data)
    assert json.loads(text) == data
    assert json.loads(cut(text, json.loads(json.dumps(index)), since, until)) == _filtered(data, since, until)


def test_a_timeline_kept_in_an_older_layout_is_computed_again(ballas_copy):
    with Storyline(ballas_copy) as sl:
        generation = sl.store.generation()
        sl.store.store_timeline("Mark Ballas\tPERSON", generation, '{"old": true}', "{}")  # the first layout's key
        data = json.loads(sl.timeline_json("Mark Ballas", since=date(2023, 1, 1)))
        assert data["entity"]["name"] == "Mark Ballas" and data["events"]
