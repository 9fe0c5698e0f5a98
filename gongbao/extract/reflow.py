"""Stage 4, reflow: rejoin lines that the print width broke.

Reads: `Line`s. Writes: joined strings and `Paragraph`s (text + the lines it
came from). Joining is CJK-aware: no space is put between Chinese characters,
and the spaces PDF tools insert between Chinese and Latin/digits are removed
(`2023 年` → `2023年`), while a space between two Latin words stays.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import patterns as P
from .lines import Line

_CJK_OR_PUNCT = r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’—…·]"
# A run of spaces after or before a Chinese character or punctuation, i.e.
# (?<=C) +| +(?=C), written to start with the space so the engine skips ahead.
_SPACE_NEAR_CJK = re.compile(rf" (?:(?<={_CJK_OR_PUNCT} ) *| *(?={_CJK_OR_PUNCT}))")


def tidy(text: str) -> str:
    """Remove spaces next to Chinese characters and punctuation (idempotent)."""
    if " " not in text:
        return text
    return _SPACE_NEAR_CJK.sub("", text).strip()


_SPACE_AT_END = re.compile(r"\x00(?<=\s\x00)")    # a text (not the last) ending with white space
_SPACE_AT_START = re.compile(r"\x00\s")          # a text (not the first) starting with it


def tidy_many(texts: list[str]) -> list[str]:
    """`[tidy(t) for t in texts]`, in one pass where that is the same: no text
    holds the separator or starts or ends with white space (so no space run
    touches another text and stripping changes nothing)."""
    whole = "\x00".join(texts)
    if " " not in whole:
        return list(texts)
    if whole.count("\x00") != len(texts) - 1 or whole[:1].isspace() or whole[-1:].isspace() \
            or _SPACE_AT_START.search(whole) or _SPACE_AT_END.search(whole):
        return [tidy(t) for t in texts]
    return _SPACE_NEAR_CJK.sub("", whole).split("\x00")


def join(parts) -> str:
    """Join wrapped fragments (strings or Lines) of one logical text. A word or
    number broken at the line end is glued back, as Chinese text has no spaces."""
    return tidy("".join([(p.text if isinstance(p, Line) else p).strip() for p in parts]))


def width(text: str) -> float:
    """Printed width in ems: Chinese and full-width count 1, Latin 0.5, spaces 0."""
    n = len(text)
    ascii_n = n if text.isascii() else len(text.encode("ascii", "ignore"))
    return (n - ascii_n) + (ascii_n - text.count(" ")) * 0.5


def is_full(text: str, measure: float, slack: float = 1.5) -> bool:
    """Does the line fill the column? Latin letters and digits are counted both
    as half and as whole ems, since layouts set them either way."""
    if width(text) >= measure - slack:
        return True
    return len(text.replace(" ", "")) >= measure - slack


def full_width(lines: list[Line]) -> float:
    """The typical width of a full line in `lines` (the measure of the column)."""
    widths = sorted(width(ln.text) for ln in lines)
    if not widths:
        return 0.0
    return widths[int(len(widths) * 0.8)]


@dataclass
class Paragraph:
    text: str
    lines: list[Line]


_STARTS_BLOCK = (P.HEADING_1, P.HEADING_2, P.ITEM_NUM, P.ITEM_PAREN, P.ATTACHMENT_LINE)


# The first characters those patterns allow (besides digits).
_BLOCK_FIRST = frozenset(P.CN_NUM + "（(附")


def starts_block(text: str) -> bool:
    first = text[:1]
    if not first or not (first in _BLOCK_FIRST or first.isdecimal()):
        return False
    return any(p.match(text) for p in _STARTS_BLOCK)


def paragraphs(lines: list[Line], measure: float | None = None) -> list[Paragraph]:
    """Group lines into paragraphs: a paragraph ends at a line clearly shorter
    than the measure (its indented first line: two ems shorter), and a
    numbered heading or item always starts a new one."""
    if not lines:
        return []
    widths = [width(ln.text) for ln in lines]
    if not measure:
        ordered = sorted(widths)                     # as full_width(lines)
        measure = ordered[int(len(ordered) * 0.8)]
    full = measure - 1.5                             # is_full with its default slack
    out: list[Paragraph] = []
    current: list[Line] = []
    for ln, w in zip(lines, widths):
        text = ln.text
        if current and starts_block(text):
            out.append(Paragraph(join(current), current))
            current = []
        # GB/T 9704 indents a paragraph's first line by two characters (text
        # extraction drops the indent), so that line is full two ems sooner
        limit = full - 2 if not current else full
        current.append(ln)
        if not (w >= limit or len(text.replace(" ", "")) >= limit):
            out.append(Paragraph(join(current), current))
            current = []
    if current:
        out.append(Paragraph(join(current), current))
    return out
