"""Stage 2, lines: text → numbered, cleaned lines.

Reads: decoded text. Writes: `Line`s, one per non-blank source line, with the
1-based line number in the source and the page when a reader knows it (a form
feed starts a new page; PDF readers set pages themselves). Full-width and
no-break spaces become plain spaces; runs of spaces collapse; ends are stripped.
Nothing else is changed: the printed words stay as printed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import compress, count, repeat
from typing import Iterable, Optional

_SPACES = re.compile(r"[ \t\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff]+")


@dataclass(slots=True)
class Line:
    text: str
    no: int                      # 1-based line number in the source
    page: Optional[int] = None   # 1-based page, where known
    indent: bool = False         # the source line began with white space


def clean_text(raw: str) -> str:
    """One line's text with white space normalised (idempotent)."""
    text = " ".join(raw.split())          # every Unicode space, full-width included
    if "\u200b" in text or "\ufeff" in text:
        text = _SPACES.sub(" ", text).strip()
    return text


_INDENT = (" ", "\t", "\u3000")


def to_lines(text: str, first_page: Optional[int] = None) -> list[Line]:
    """Split `text` into non-blank `Line`s. Form feeds advance the page."""
    page = first_page
    out: list[Line] = []
    feeds = "\f" in text
    invisible = "\u200b" in text or "\ufeff" in text   # else clean_text is a plain join
    # the line breaks \r\n, \r and \n, as re.split(r"\r\n|\r|\n") finds them
    raws = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not feeds and not invisible:          # the common case, in bulk
        nos = list(compress(count(1), raws))  # empty lines (often every other one) go first
        raws = list(filter(None, raws))
        cleaned = [" ".join(raw.split()) for raw in raws]
        if not all(cleaned):                  # lines of white space only go too
            keep = list(map(bool, cleaned))
            nos, raws = list(compress(nos, keep)), list(compress(raws, keep))
            cleaned = list(filter(None, cleaned))
        indent = list(map(str.startswith, raws, repeat(_INDENT)))
        return list(map(Line, cleaned, nos, repeat(page), indent))
    for no, raw in enumerate(raws, start=1):
        if not raw:
            continue
        if feeds and "\f" in raw:
            page = (page or 1) + raw.count("\f")
            raw = raw.replace("\f", " ")
        cleaned = clean_text(raw) if invisible else " ".join(raw.split())
        if cleaned:
            out.append(Line(cleaned, no, page, raw[:1] in _INDENT))
    return out


def texts(lines: Iterable[Line]) -> list[str]:
    return [ln.text for ln in lines]


def find_lines(lines: list[Line], pattern: re.Pattern, framed: Optional[str] = None,
               at_end: bool = False) -> list[int]:
    """Indices, in order, of the lines whose text `t` has a match of `pattern`
    in `"\n" + t + "\n"`: `[i for i, ln in enumerate(lines) if
    pattern.search("\n" + ln.text + "\n")]`, found by searching all lines
    at once. The pattern either starts with the line break (`\n[附序]`: a line
    starting so) or matches no line break but at its end (`日 *\n`: a line
    ending so; `报(?<=[公政]报)`: a line holding 公报 or 政报). With `at_end`,
    only a match at the break ending the line counts (`pattern.search(…, 1)`):
    the pattern starts with that break and looks behind it (`\n(?<=[局委]\n)`:
    a line ending so). The matches are taken in turn (finditer), so a pattern
    of the second kind may end with several breaks (`日[ \n]*\n`) but must not
    need a break another match took. `framed` is `framed_text(lines)` when the
    caller has it.

    Per-line method calls cost far more than a search that skips ahead to a
    literal: of thousands of lines a few match, and only they are visited in
    Python."""
    if framed is None:
        framed = framed_text(lines)
    if framed.count("\n") != len(lines) + 1:       # a text holds a line break
        start = 1 if at_end else 0
        return [i for i, ln in enumerate(lines) if pattern.search("\n" + ln.text + "\n", start)]
    out: list[int] = []
    count = framed.count
    counted, breaks, last = 0, 0, -1    # breaks = framed.count("\n", 0, counted)
    for m in pattern.finditer(framed, 1 if at_end else 0):
        p = m.start()
        breaks += count("\n", counted, p + 1)
        counted = p + 1
        line = breaks - 2 if at_end else breaks - 1   # the line the match starts in
        if line != last:                              # (at the break before it, or ending
            out.append(line)                          # at the break after it with at_end)
            last = line
    return out


def framed_text(lines: list[Line]) -> str:
    """The lines' texts joined by line breaks, with a break before and after."""
    return "\n" + "\n".join([ln.text for ln in lines]) + "\n"
