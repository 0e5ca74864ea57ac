"""Mend text garbled on its way to Storyline: mojibake, before anything reads it.

A page saved as UTF-8 and read back as Windows-1252 shows "Bowie’s" as "Bowieâ€™s", "“no”" as
"â€œnoâ€\\x9d" and "Suárez" as "SuÃ¡rez". Left as it is, such text hides words from what reads
it: "â" counts as a letter, so "Obamaâ€™s" does not name Obama as a whole word, a quotation whose
marks are garbled is cut into wrong sentences, and a summary shows the garbage. ftfy
undoes the misdecoding (``ftfy.fix_encoding``, which changes nothing else: quotes stay curly,
line breaks and widths stay as they are). Two forms it cannot undo alone are mended first:

- a sequence a tokenizer split ("worldâ€ ™ s", "seenâ€\\n� against"): the three characters of one
  punctuation mark were taken for separate tokens, so the spaces between them are dropped, and
  the one after an apostrophe inside a word ("’ s", "’ t", "’ re");
- a closing double quote whose last byte was lost ("â€�"): the byte is put back (0x9D). Of the
  characters whose UTF-8 begins like a quote's (E2 80) and ends in one of the five bytes
  Windows-1252 cannot show, ” is the one found in running text.
"""
from __future__ import annotations

import re

import ftfy

# What Windows-1252 shows for the bytes that continue a UTF-8 sequence (0x80-0xBF); "\ufffd" for
# the five it leaves undefined.
_CONTINUATION = "".join(sorted(set(bytes(range(0x80, 0xC0)).decode("cp1252", errors="replace"))))
_PUNCTUATION_LEAD = "â€"  # U+2000-U+203F (quotes, dashes, ellipsis, bullet) begin E2 80
_SPLIT = re.compile(_PUNCTUATION_LEAD + r"\s+(?=[" + re.escape(_CONTINUATION) + "])")
_SPLIT_APOSTROPHE = re.compile(r"(?<=\w)â€™\s+(?=(?:s|t|re|ve|ll|m|d)\b)")
_LOST_CLOSING_QUOTE = _PUNCTUATION_LEAD + "\ufffd"


def repair_mojibake(text: str) -> str:
    """``text`` with its mojibake undone (see the module's docstring); unchanged when it has none."""
    if _PUNCTUATION_LEAD in text:
        text = _SPLIT.sub(_PUNCTUATION_LEAD, text)
        text = _SPLIT_APOSTROPHE.sub("â€™", text)
        text = text.replace(_LOST_CLOSING_QUOTE, _PUNCTUATION_LEAD + "\x9d")
    return ftfy.fix_encoding(text)
