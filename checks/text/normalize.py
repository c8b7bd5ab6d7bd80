"""A reading copy of text people wrote, with a map back to what they wrote.

Published texts mix full- and half-width punctuation, break lines in the middle of sentences
(PDF extractions) and put spaces inside numbers ("1, 105. 52"). The checker reads a copy in
which all of that is evened out, and reports spans in the original through ``pos``.

- characters are NFKC-folded (“，” → ",", "％" → "%", "（" → "(") and curly quotes made straight;
- whitespace disappears, except between two digits (two numbers stay two numbers) and at a line
  break that ends a heading or precedes an enumerated item, which becomes "\\n" (a sentence end).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_QUOTES = {"“": '"', "”": '"', "„": '"', "‟": '"', "「": '"', "」": '"', "‘": "'", "’": "'", "〔": "(", "〕": ")"}
# Kept as they are: NFKC would turn "。" into "." and "、" has no half-width twin worth folding to.
_KEEP = set("。、…—·")

# An enumerated item at the start of a line: 一、 (一) 1. 1、 (1) ① - (a markdown bullet from extraction).
ENUM = re.compile(
    r"\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d{1,2}[.．、](?!\d)|[(（]\d{1,2}[)）]|[①-⑳])"
)
_ENDS_SENTENCE = set("。;；!！?？")
# Extractions from PDF start some lines with "- " (a list marker of the converter, not the author's).
_BULLET = re.compile(r"^\s*-\s+")
_DIGITS = set("0123456789")


@lru_cache(maxsize=4096)
def fold_char(c: str) -> str:
    if c in _QUOTES:
        return _QUOTES[c]
    if c in _KEEP or c.isascii():
        return c
    return unicodedata.normalize("NFKC", c)


def fold(text: str) -> str:
    """NFKC-fold and straighten quotes, keeping length per character (for names and headings)."""
    return "".join(fold_char(c) for c in text)


def compact(text: str) -> str:
    """Folded, without any whitespace: how names and headings are compared."""
    return "".join(fold(text).split())


@dataclass(frozen=True, slots=True)
class Norm:
    text: str
    pos: tuple[int, ...]  # pos[i]: index in the original of the character text[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span [a, b) covering normalised [start, end)."""
        return self.pos[start], self.pos[end - 1] + 1


def _is_heading_line(line: str) -> bool:
    s = line.strip()
    if not s:
        return False
    if s.startswith("图") and len(s) < 40:  # figure captions: "图1：收、支决算总计变动情况"
        return True
    m = ENUM.match(s, _BULLET.match(s).end() if _BULLET.match(s) else 0)
    if not m:
        return False
    rest = s[m.end() :]
    # A wrapped line of a long item ("4.区指挥部…项目绩效自评综") is as long as the page is wide.
    return len(s) <= 26 and not any(ch in _DIGITS for ch in fold(rest)) and s[-1] not in ",，、"


def normalize(text: str) -> Norm:
    out: list[str] = []
    pos: list[int] = []
    lines = text.split("\n")
    offset = 0
    pending = -1  # index of the first whitespace character since the last emitted one
    pending_break = False
    prev_line = ""
    for n, line in enumerate(lines):
        bullet = _BULLET.match(line)
        skip = bullet.end() if bullet else 0
        if n:
            # The line break itself: a sentence end after a heading or before an enumerated item.
            if pending < 0:
                pending = offset - 1
            if line.strip() and (_is_heading_line(prev_line) or ENUM.match(line, skip)):
                pending_break = True
        for i, c in enumerate(line):
            at = offset + i
            if c.isspace() or i < skip:
                if pending < 0:
                    pending = at
                continue
            f = fold_char(c)
            if pending >= 0 and out:
                if pending_break:
                    if out[-1] not in _ENDS_SENTENCE and out[-1] != "\n":
                        out.append("\n")
                        pos.append(pending)
                elif out[-1] in _DIGITS and f[0] in _DIGITS:
                    out.append(" ")
                    pos.append(pending)
            pending, pending_break = -1, False
            for ch in f:
                out.append(ch)
                pos.append(at)
        if line.strip():
            prev_line = line
        offset += len(line) + 1
    return Norm("".join(out), tuple(pos))
