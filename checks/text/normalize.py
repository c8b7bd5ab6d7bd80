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
    if not s or len(s) >= 40:
        return False
    if s.startswith("图"):  # figure captions: "图1：收、支决算总计变动情况"
        return True
    # A wrapped line of a long item ("4.区指挥部…项目绩效自评综") is as long as the page is wide.
    if len(s) > 26 or s[-1] in ",，、":
        return False
    bullet = _BULLET.match(s)
    m = ENUM.match(s, bullet.end() if bullet else 0)
    return m is not None and not any(ch in _DIGITS for ch in fold(s[m.end() :]))


_TABLE: dict[int, str] = {}  # str.translate table of single-character folds, grown as characters are seen
_MULTI: set[str] = set()  # characters whose fold is longer than one character ("㎡")
_KNOWN: set[str] = set()
_RUN = re.compile(r"\S+")


def _fold_line(line: str) -> tuple[str, list[int] | None]:
    """The folded line, and where each character came from when that is not one for one."""
    chars = set(line)
    for ch in chars - _KNOWN:
        f = fold_char(ch)
        if len(f) == 1:
            _TABLE[ord(ch)] = f
        else:
            _MULTI.add(ch)
        _KNOWN.add(ch)
    if _MULTI.isdisjoint(chars):
        return line.translate(_TABLE), None
    chars, where = [], []
    for i, ch in enumerate(line):
        f = fold_char(ch)
        chars.append(f)
        where.extend([i] * len(f))
    return "".join(chars), where


def normalize(text: str) -> Norm:
    out: list[str] = []
    pos: list[int] = []
    offset = 0
    pending = -1  # original index of the first whitespace since the last character emitted
    pending_break = False
    prev_line = ""
    last = ""  # the last character emitted
    for n, line in enumerate(text.split("\n")):
        bullet = _BULLET.match(line)
        skip = bullet.end() if bullet else 0
        if n:
            # The line break itself: a sentence end after a heading or before an enumerated item.
            if pending < 0:
                pending = offset - 1
            if line.strip() and (_is_heading_line(prev_line) or ENUM.match(line, skip)):
                pending_break = True
        folded, where = _fold_line(line)
        for m in _RUN.finditer(folded, skip if where is None else 0):
            a, b = m.span()
            if where is not None and where[a] < skip:
                continue
            if pending >= 0 and last:
                if pending_break:
                    if last not in _ENDS_SENTENCE and last != "\n":
                        out.append("\n")
                        pos.append(pending)
                elif last in _DIGITS and folded[a] in _DIGITS:
                    out.append(" ")
                    pos.append(pending)
            pending, pending_break = -1, False
            out.append(folded[a:b])
            if where is None:
                pos.extend(range(offset + a, offset + b))
            else:
                pos.extend(offset + w for w in where[a:b])
            last = folded[b - 1]
            if b < len(folded):
                pending = offset + (b if where is None else where[b])
        if line.strip():
            prev_line = line
        offset += len(line) + 1
    return Norm("".join(out), tuple(pos))
