"""Cheap, rule-based segmentation of an article into statements.

A *statement* is a sentence, except that a quotation is never cut: a quoted passage of
several sentences stays together with its attribution (`"... last dance," he told the
audience in March 2023.`), because the date in the attribution is the date of what was
said; nor is a bracket ("BP Plc (BP.L)"). Paragraph breaks (newlines) end a statement, except
where the next line plainly goes on with it: it opens with a comma or semicolon, closes a
bracket the line left open, or opens with a lower-case word after a line without final
punctuation (text that a sentence splitter has already broken, wrongly, at "BP . \nL -RRB-" or
"Rep. Barney Frank -LRB- D-Mass . -RRB- \n, chairman"). Short lines without final punctuation
are marked as headings. Offsets are character offsets into the article text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "inc", "co", "corp", "ltd", "vs", "etc", "no",
    "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "prof", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "approx", "dept", "est",
    "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m",
    # titles before a name ("Coast Guard Rear Adm. Mary Landry")
    "adm", "maj", "brig", "cmdr", "cpl", "pvt", "rev", "supt", "insp", "atty",
}
# A candidate boundary: terminal punctuation, optional closing quotes/brackets, whitespace.
_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")
_OPEN_QUOTES = "“"
_CLOSE_QUOTES = "”"
_QUOTE_MARKS = re.compile(r'[“”"]')
_MAX_QUOTED_STATEMENT = 2500  # characters; an unbalanced quote must not swallow a paragraph
_BRACKETS = re.compile(r"-LRB-|-RRB-|[()]")     # round brackets, raw or as PTB tokens
_MAX_BRACKETED_STATEMENT = 400  # characters; nor may an unclosed bracket


@dataclass(frozen=True)
class Statement:
    start: int
    end: int
    text: str
    paragraph: int
    heading: bool = False


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of non-blank lines; a line joins the one before it (not across a blank line) when it
    goes on with it (``_continues``)."""
    spans: list[tuple[int, int]] = []
    previous = ""  # the line before, if it was not blank
    at = 0
    for line in text.split("\n"):
        s, e = at, at + len(line)
        at = e + 1
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e == s:
            previous = ""
            continue
        if previous and _continues(previous, text[s:e]):
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
        previous = text[s:e]
    return spans


def _continues(line: str, following: str) -> bool:
    """Whether ``following`` goes on with ``line``, which a newline ended by mistake."""
    if following[0] in ",;":
        return True
    if _bracket_depth(line) > 0:
        closing = _BRACKETS.search(following, 0, 60)
        if closing and closing.group() in ("-RRB-", ")"):
            return True
    return following[0].islower() and following[0].isascii() and line[-1] not in ".!?:;\"”’'…"


def _bracket_depth(text: str) -> int:
    depth = 0
    for m in _BRACKETS.finditer(text):
        depth = depth + 1 if m.group() in ("-LRB-", "(") else max(0, depth - 1)
    return depth


def _is_abbreviation(chunk: str) -> bool:
    m = _WORD_BEFORE.search(chunk.rstrip(".!?…\"”’')]"))
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    if word in _ABBREVIATIONS:
        return True
    # initials such as "B.C" or a single capital letter ("John F. Kennedy")
    return bool(re.fullmatch(r"(?:[a-z]\.)*[a-z]", word))


def _quote_depth(text: str, positions: list[int]) -> list[int]:
    """Open double quotes (curly or straight) before each of the sorted ``positions``."""
    marks = [(m.start(), m.group()) for m in _QUOTE_MARKS.finditer(text)]
    out, depth, straight_open, k = [], 0, False, 0
    for pos in positions:
        while k < len(marks) and marks[k][0] < pos:
            ch = marks[k][1]
            if ch in _OPEN_QUOTES:
                depth += 1
            elif ch in _CLOSE_QUOTES:
                depth = max(0, depth - 1)
            else:
                straight_open = not straight_open
                depth = max(0, depth + (1 if straight_open else -1))
            k += 1
        out.append(depth)
    return out


def split_paragraph(text: str, start: int, end: int, index: int) -> list[Statement]:
    para = text[start:end]
    boundaries = list(_BOUNDARY.finditer(para))
    depths = _quote_depth(para, [m.end() for m in boundaries])
    cuts = [0]
    for m, depth in zip(boundaries, depths):
        cut = m.end()
        if _is_abbreviation(para[max(0, m.start() - 24): m.start() + 1]):
            continue
        if depth > 0 and cut - cuts[-1] < _MAX_QUOTED_STATEMENT:
            continue  # inside a quotation: keep going until it closes
        if cut - cuts[-1] < _MAX_BRACKETED_STATEMENT and _bracket_depth(para[cuts[-1]:cut]) > 0:
            continue  # inside brackets ("BP Plc -LRB- BP . L -RRB- said"): the same
        cuts.append(cut)
    cuts.append(len(para))
    statements = []
    for a, b in zip(cuts, cuts[1:]):
        while a < b and para[a].isspace():
            a += 1
        while b > a and para[b - 1].isspace():
            b -= 1
        if b > a:
            statements.append(Statement(start + a, start + b, para[a:b], index))
    if len(statements) == 1:
        only = statements[0]
        is_heading = len(only.text) < 120 and only.text[-1] not in ".!?\"”’:;," and len(only.text.split()) >= 2
        if is_heading:
            statements[0] = Statement(only.start, only.end, only.text, index, heading=True)
    return statements


def statements(text: str) -> list[Statement]:
    out: list[Statement] = []
    for i, (s, e) in enumerate(paragraphs(text)):
        out.extend(split_paragraph(text, s, e, i))
    return out
