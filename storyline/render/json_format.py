"""JSON output: the timeline contract itself, pretty-printed (see docs/json-format.md)."""
from __future__ import annotations

import json


def render(timeline: dict) -> str:
    """The timeline as indented UTF-8 JSON (non-ASCII characters kept as they are)."""
    return json.dumps(timeline, indent=2, ensure_ascii=False) + "\n"
