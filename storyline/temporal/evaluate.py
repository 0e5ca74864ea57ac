"""TempEval-3 Task A scoring of temporal expressions (TIMEX3 extent, type and value).

As TempEval-3 defines them, over all documents together (micro-averaged):
- strict match: the same span; relaxed match: overlapping spans (one system expression matches
  at most one gold expression and vice versa);
- precision = matched system expressions / system expressions, recall = matched gold / gold;
- attribute F1 (type, value) = relaxed F1 × the attribute's accuracy over the relaxed matches.
Spans are compared on characters of the text, ignoring surrounding whitespace.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import timeml


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)  # (doc, text, gold, system)

    def add(self, other: "Counts") -> None:
        for f in ("gold", "system", "strict", "relaxed", "type_ok", "value_ok"):
            setattr(self, f, getattr(self, f) + getattr(other, f))
        self.errors.extend(other.errors)

    @staticmethod
    def _f(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def scores(self) -> dict[str, float]:
        sp = self.strict / self.system if self.system else 0.0
        sr = self.strict / self.gold if self.gold else 0.0
        rp = self.relaxed / self.system if self.system else 0.0
        rr = self.relaxed / self.gold if self.gold else 0.0
        rf = self._f(rp, rr)
        acc = (lambda n: n / self.relaxed if self.relaxed else 0.0)
        return {
            "strict_precision": sp, "strict_recall": sr, "strict_f1": self._f(sp, sr),
            "relaxed_precision": rp, "relaxed_recall": rr, "relaxed_f1": rf,
            "type_accuracy": acc(self.type_ok), "value_accuracy": acc(self.value_ok),
            "type_f1": rf * acc(self.type_ok), "value_f1": rf * acc(self.value_ok),
            "gold": self.gold, "system": self.system,
        }


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def score_document(text: str, gold, system, name: str = "") -> Counts:
    """Compare two lists of expressions (``start``, ``end``, ``type``, ``value``) over TEXT."""
    c = Counts(gold=len(gold), system=len(system))
    g_spans = [_trim(text, g.start, g.end) for g in gold]
    s_spans = [_trim(text, s.start, s.end) for s in system]
    used: set[int] = set()
    for si, (s, (ss, se)) in enumerate(zip(system, s_spans)):
        best, best_overlap = None, 0
        for gi, (gs, ge) in enumerate(g_spans):
            if gi in used:
                continue
            overlap = min(se, ge) - max(ss, gs)
            if (gs, ge) == (ss, se):
                best = gi
                break
            if overlap > best_overlap:
                best, best_overlap = gi, overlap
        if best is None:
            continue
        used.add(best)
        g = gold[best]
        c.relaxed += 1
        c.strict += g_spans[best] == (ss, se)
        c.type_ok += g.type == s.type
        if g.value == s.value:
            c.value_ok += 1
        else:
            c.errors.append((name, text[ss:se], g.value, s.value))
    return c


def evaluate_dirs(gold_dir: str | Path, system_dir: str | Path) -> tuple[Counts, list[str]]:
    """Score every gold document against the system file of the same name.

    Returns the counts and the names of gold documents with no system file (scored as if the
    system found nothing in them). A system file whose text differs from the gold one is an error.
    """
    total, missing = Counts(), []
    system_dir = Path(system_dir)
    if not system_dir.is_dir():
        raise timeml.TimeMLError(f"{system_dir}: not a folder")
    for path in timeml.iter_paths(gold_dir):
        gold = timeml.read(path)
        sys_path = system_dir / gold.name
        if not sys_path.exists():
            missing.append(gold.name)
            total.add(Counts(gold=len(gold.timexes)))
            continue
        system = timeml.read(sys_path)
        if system.text != gold.text:
            raise timeml.TimeMLError(f"{sys_path}: its text differs from the gold document's")
        total.add(score_document(gold.text, gold.timexes, system.timexes, gold.name))
    return total, missing
