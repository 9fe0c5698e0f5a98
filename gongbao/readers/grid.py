"""Ruled tables from ruling lines: horizontal and vertical segments → cells.

Reads: straight segments in display coordinates (x right, y down), as the
PDF reader collects them from a page's path objects. Writes: `Table`s, each
with its bounding box and its cells (merged cells — rowspan/colspan — are one
cell, found by the absence of the ruling between two grid cells).

Pure geometry, no PDF library: the reader gives segments, this module gives
cells. A lone box (one cell) is not a table: frames around text stay text.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

SNAP = 2.0        # points: rulings closer than this are one ruling
MIN_LEN = 4.0     # points: shorter segments are not rulings (tick marks, glyph parts)
MIN_CELL = 3.0    # points: grid lines closer than this are one line


@dataclass
class Cell:
    row: int          # first grid row
    col: int          # first grid column
    row_end: int      # last grid row (inclusive)
    col_end: int
    x0: float
    y0: float         # top
    x1: float
    y1: float         # bottom

    def contains(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1


@dataclass
class Table:
    x0: float
    y0: float
    x1: float
    y1: float
    cells: list[Cell] = field(default_factory=list)
    xs: list[float] = field(default_factory=list)      # the grid's column lines
    ys: list[float] = field(default_factory=list)      # and row lines
    owner: dict = field(default_factory=dict)          # (grid row, grid col) → index in cells

    def contains(self, x: float, y: float, pad: float = 1.0) -> bool:
        return self.x0 - pad <= x <= self.x1 + pad and self.y0 - pad <= y <= self.y1 + pad

    def cell_index(self, x: float, y: float) -> int:
        """The cell under (x, y); points on or outside the rules go to the nearest."""
        c = min(max(bisect.bisect_right(self.xs, x) - 1, 0), len(self.xs) - 2)
        r = min(max(bisect.bisect_right(self.ys, y) - 1, 0), len(self.ys) - 2)
        return self.owner[(r, c)]


def _merge(segs: list[tuple[float, float, float]]) -> list[list[float]]:
    """Segments (pos, start, end) on near-equal positions → merged rulings."""
    segs = sorted(segs)
    groups: list[list[tuple[float, float, float]]] = []
    for s in segs:
        if groups and s[0] - groups[-1][-1][0] <= SNAP:
            groups[-1].append(s)
        else:
            groups.append([s])
    out: list[list[float]] = []
    for g in groups:
        pos = sum(s[0] for s in g) / len(g)
        spans = sorted((s[1], s[2]) for s in g)
        cur = list(spans[0])
        for a, b in spans[1:]:
            if a <= cur[1] + SNAP:
                cur[1] = max(cur[1], b)
            else:
                out.append([pos, cur[0], cur[1]])
                cur = [a, b]
        out.append([pos, cur[0], cur[1]])
    return [r for r in out if r[2] - r[1] >= MIN_LEN]


def _cluster(values: list[float]) -> list[float]:
    values = sorted(values)
    out: list[list[float]] = []
    for v in values:
        if out and v - out[-1][-1] <= MIN_CELL:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


class _Union:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def _covers(rulings: list[list[float]], pos: float, a: float, b: float) -> bool:
    """Is there a ruling at `pos` covering the middle of the span a..b?"""
    mid = (a + b) / 2
    lo, hi = mid - (b - a) * 0.25, mid + (b - a) * 0.25
    for p, s, e in rulings:
        if abs(p - pos) <= SNAP * 1.5 and s - SNAP <= lo and e + SNAP >= hi:
            return True
    return False


def find_tables(horizontal: list[tuple[float, float, float]],
                vertical: list[tuple[float, float, float]]) -> list[Table]:
    """horizontal: (y, x0, x1); vertical: (x, y0, y1), display coordinates."""
    hs, vs = _merge(horizontal), _merge(vertical)
    if len(hs) < 2 or len(vs) < 2:
        return []
    # connected components of crossing rulings
    n = len(hs) + len(vs)
    uf = _Union(n)
    for i, (y, hx0, hx1) in enumerate(hs):
        for j, (x, vy0, vy1) in enumerate(vs):
            if hx0 - SNAP <= x <= hx1 + SNAP and vy0 - SNAP <= y <= vy1 + SNAP:
                uf.union(i, len(hs) + j)
    comps: dict[int, tuple[list, list]] = {}
    for i, h in enumerate(hs):
        comps.setdefault(uf.find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        comps.setdefault(uf.find(len(hs) + j), ([], []))[1].append(v)
    tables = []
    for ch, cv in comps.values():
        if len(ch) < 2 or len(cv) < 2:
            continue
        table = _table(ch, cv)
        if table is not None:
            tables.append(table)
    tables.sort(key=lambda t: (t.y0, t.x0))
    return tables


def _table(hs: list[list[float]], vs: list[list[float]]):
    ys = _cluster([h[0] for h in hs])
    xs = _cluster([v[0] for v in vs])
    if len(ys) < 2 or len(xs) < 2:
        return None
    rows, cols = len(ys) - 1, len(xs) - 1
    uf = _Union(rows * cols)
    for r in range(rows):
        for c in range(cols):
            # merge with the right neighbour when no vertical ruling separates them
            if c + 1 < cols and not _covers(vs, xs[c + 1], ys[r], ys[r + 1]):
                uf.union(r * cols + c, r * cols + c + 1)
            # merge with the neighbour below when no horizontal ruling separates them
            if r + 1 < rows and not _covers(hs, ys[r + 1], xs[c], xs[c + 1]):
                uf.union(r * cols + c, (r + 1) * cols + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(rows):
        for c in range(cols):
            groups.setdefault(uf.find(r * cols + c), []).append((r, c))
    cells = []
    for members in groups.values():
        r0 = min(r for r, _ in members)
        r1 = max(r for r, _ in members)
        c0 = min(c for _, c in members)
        c1 = max(c for _, c in members)
        cells.append(Cell(r0, c0, r1, c1, xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]))
    if len(cells) < 2:
        return None     # a frame around text, not a table
    cells.sort(key=lambda k: (k.row, k.col))
    owner = {}
    for k, cell in enumerate(cells):
        for r in range(cell.row, cell.row_end + 1):
            for c in range(cell.col, cell.col_end + 1):
                owner[(r, c)] = k
    return Table(xs[0], ys[0], xs[-1], ys[-1], cells, xs, ys, owner)
