"""Tables without geometry (HTML, DOCX) read as they would print.

A PDF gives each cell's printed lines; a web page or a Word file gives a
cell's text as one run. Downstream parsers read tables as printed — a task
table's 责任单位 cell is a narrow column of short lines after the wide 主要内容
lines — so the text of each cell is broken at its column's width the way a
browser or Word would: column widths from the widths the file declares
(width attributes, styles, the Word grid), else from the cells' contents
(browser auto layout), scaled to a page; Chinese punctuation never starts a
line.

`emit` then reads the grid row by row: a cell spanning rows is read in its
first row, one cell's lines stay together, and a row whose cells are all one
short line is printed as one line (cells separated by a space), as text
extraction tools print such rows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

PAGE_EMS = 44.0          # a table across a page: 44 characters of table type
CELL_PADDING = 0.8       # ems lost to cell padding and rules
NO_LINE_START = set("，。、；：？！）》〉」』】〕”’%,.;:?!)]")
_ITEM = re.compile(r"^[（(]\d{1,3}[）)]")


def em(text: str) -> float:
    return sum(0.0 if ch == " " else 0.5 if ch.isascii() else 1.0 for ch in text)


def wrap(text: str, width: float) -> list[str]:
    """Break `text` into lines of at most `width` ems; punctuation that may
    not start a line stays at the end of the previous one; Latin words and
    numbers are not split."""
    if width <= 0 or em(text) <= width:
        return [text] if text else []
    tokens = re.findall(r"[A-Za-z0-9][A-Za-z0-9.\-/%]*|\s+|.", text)
    lines: list[str] = []
    cur = ""
    cur_w = 0.0
    for tok in tokens:
        w = em(tok)
        if cur and cur_w + w > width and not (tok[0] in NO_LINE_START) and not tok.isspace():
            lines.append(cur.rstrip())
            cur, cur_w = "", 0.0
        if not cur and tok.isspace():
            continue
        cur += tok
        cur_w += w
    if cur.strip():
        lines.append(cur.rstrip())
    return lines


@dataclass
class GridCell:
    row: int
    col: int
    colspan: int
    lines: list[str]                      # paragraphs of the cell, unwrapped
    declared: Optional[float] = None      # the width the file declares (any unit, compared within a table)
    percent: bool = False
    scale: float = 1.0                    # the cell's type size over the table's (a 30 pt masthead in a 16 pt table)


@dataclass
class Grid:
    cells: list[GridCell] = field(default_factory=list)
    declared_cols: Optional[list[float]] = None     # a declared grid (Word's w:tblGrid)


def column_widths(grid: Grid, total: float = PAGE_EMS) -> list[float]:
    ncols = max((c.col + c.colspan for c in grid.cells), default=0)
    if ncols == 0:
        return []
    if grid.declared_cols and len(grid.declared_cols) == ncols and all(w > 0 for w in grid.declared_cols):
        return _scale(grid.declared_cols, total)
    declared: list[Optional[float]] = [None] * ncols
    for c in grid.cells:
        if c.colspan == 1 and c.declared and c.declared > 0 and declared[c.col] is None:
            declared[c.col] = c.declared
    if all(d is not None for d in declared):
        return _scale(declared, total)
    # auto layout: widths by content, longest paragraph per column
    most = [1.0] * ncols
    for c in grid.cells:
        if c.colspan == 1:
            longest = max((em(ln) for ln in c.lines), default=1.0)
            most[c.col] = max(most[c.col], longest + CELL_PADDING)
    if sum(most) <= total:
        return most
    least = [min(m, 4.0) for m in most]
    spare = total - sum(least)
    extra = [m - lo for m, lo in zip(most, least)]
    if spare <= 0 or sum(extra) <= 0:
        return _scale(most, total)
    return [lo + spare * e / sum(extra) for lo, e in zip(least, extra)]


def _scale(widths, total: float) -> list[float]:
    s = sum(widths)
    return [w * total / s for w in widths]


def emit(grid: Grid, total: float = PAGE_EMS) -> list[str]:
    widths = column_widths(grid, total)
    rows: dict[int, list[tuple[GridCell, list[str]]]] = {}
    for c in sorted(grid.cells, key=lambda c: (c.row, c.col)):
        width = (sum(widths[c.col:c.col + c.colspan]) - CELL_PADDING) / (c.scale if c.scale > 0 else 1.0)
        lines = [piece for ln in c.lines for piece in wrap(ln, max(width, 2.0))]
        if lines:
            rows.setdefault(c.row, []).append((c, lines))
    out: list[str] = []
    for r in sorted(rows):
        cells = rows[r]
        if len(cells) > 1 and all(len(lines) == 1 and len(lines[0]) <= 16 for _, lines in cells) \
                and not any(_ITEM.match(lines[0]) for _, lines in cells[1:]):
            out.append(" ".join(lines[0] for _, lines in cells))
            continue
        for _, lines in cells:
            out.extend(lines)
    return out
