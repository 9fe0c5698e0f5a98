"""PDF reader: the text layer with positions → printed lines in reading order.

pypdfium2 gives every character with its origin, baseline and font box, and
every path object (the rulings of tables, also inside form XObjects). From
them:

* characters on one baseline make a line; a character runs from its origin to
  the next one's (the advances the PDF's width arrays give), so glyphs are
  never needed — pdfium is handed a stand-in font (`stubfont`) for fonts the
  PDF references without embedding (宋体, 仿宋_GB2312 …), which makes reading
  5–10 times faster than measuring a system CJK font's glyphs; printed spaces
  are kept;
* a wide gap inside a line splits it into fragments, so two text columns are
  told apart by the empty gutter between them and read column by column
  (full-width lines and tables cut the page into bands, each read left column
  first); pages with too little text to show their columns take the gutter
  the rest of the document has;
* ruled tables are found from the rulings themselves (``grid.find_tables``:
  the cell geometry pdfplumber would give, without its cost — see
  bench/pdf.py) and read cell by cell, row by row, a merged cell in its first
  row, one cell's wrapped lines kept together; single-line cells printed on
  one baseline share a line, as text extraction tools print them;
* running headers, footers and page numbers are recognised by position (in
  the top or bottom margin, apart from the body, no larger than the text) and
  repetition (digits and word order ignored) and dropped; the first header
  naming a gazette and its issue is kept once, for the page-furniture stage
  to read the gazette's title and issue from;
* a page whose pdfium text looks short or undecodable is cross-checked with
  pypdf, and the better text kept;
* a truncated PDF (an interrupted download) gets its cross-reference table
  rebuilt and is read as far as it goes;
* a PDF without a text layer is a scan: OCR with tesseract when it is
  installed with chi_sim (`ocr`), else an InputError (exit code 3).

Every `Line` gets a running number (`no`) and its page (`page`, 1-based).
"""
from __future__ import annotations

import bisect
import ctypes
import io
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from ..errors import InputError
from ..extract import patterns as P
from ..extract.lines import Line, clean_text
from . import ocr, stubfont
from .grid import Table, find_tables

TIME_BUDGET = 120.0          # seconds for one file before giving up
MARGIN = 0.085               # top/bottom share of the page kept out of column detection
_PAGE_NUMBER = re.compile(r"^(?:[-—–―－~～·•]*\s*(?:第\s*)?\d{1,4}\s*(?:页)?\s*[-—–―－~～·•]*|[-—–―－]*\s*\d{1,4}\s*/\s*\d{1,4}\s*[-—–―－]*|第\s*\d{1,4}\s*页\s*[,，/]?\s*共\s*\d{1,4}\s*页)$")
_SKIP = {0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x0B, 0xA0, 0x3000, 0xFEFF, 0x200B, 0xFFFE, 0xFFFF, 0x00AD}
_BAD = 0xFFFD
_OBJ_TEXT, _OBJ_PATH, _OBJ_IMAGE, _OBJ_FORM = 1, 2, 3, 5
_SEG_LINE, _SEG_BEZIER, _SEG_MOVE = 0, 1, 2
MAX_PATH_SEGMENTS = 4000     # per page: beyond this the page is a drawing, not a table


class Ch:
    """One character: its text, horizontal extent, baseline (from the top of
    the page), size (of its font box) and whether a space was printed before it."""
    __slots__ = ("ch", "x0", "x1", "y", "size", "space")

    def __init__(self, ch: str, x0: float, x1: float, y: float, size: float, space: bool = False):
        self.ch, self.x0, self.x1, self.y, self.size, self.space = ch, x0, x1, y, size, space


@dataclass
class Frag:
    """Characters on one baseline without a wide gap."""
    chars: list[Ch]

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    @property
    def x1(self) -> float:
        return self.chars[-1].x1

    @property
    def y(self) -> float:
        return self.chars[0].y

    @property
    def size(self) -> float:
        return max(c.size for c in self.chars)


@dataclass
class Item:
    """A unit of reading order on a page: a line of text or a table."""
    y0: float
    y1: float
    x0: float
    x1: float
    lines: list[str]
    furniture: bool = False


@dataclass
class PageText:
    items: list[Item] = field(default_factory=list)
    height: float = 0.0
    chars: int = 0            # usable characters pdfium gave
    bad: int = 0              # characters it could not decode
    text_objects: int = 0
    images: int = 0
    width: float = 0.0
    rows: list = field(default_factory=list)      # fragments by baseline, until `layout`
    gutter: Optional[float] = None
    positioned: bool = True                        # False when the text came from pypdf


# --- characters and rulings from pdfium ----------------------------------------------

def _transform(page):
    """(a function mapping PDF user space to display space — x right, y down —,
    the rotation, the crop box) for `page`."""
    try:
        left, bottom, right, top = page.get_cropbox()
    except Exception:  # pragma: no cover - pdfium always has a box
        left, bottom, right, top = page.get_mediabox()
    rot = page.get_rotation() % 360
    box = (left, bottom, right, top)
    if rot == 90:
        return (lambda x, y: (y - bottom, x - left)), rot, box
    if rot == 180:
        return (lambda x, y: (right - x, y - bottom)), rot, box
    if rot == 270:
        return (lambda x, y: (top - y, right - x)), rot, box
    return (lambda x, y: (x - left, top - y)), 0, box


def _unicode(tp, n: int):
    """All characters' code points in one call when the text maps 1:1 to
    character indices (no surrogate pairs), else None."""
    import pypdfium2.raw as R

    buf = ctypes.create_string_buffer((n + 1) * 2)
    got = R.FPDFText_GetText(tp, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    if got - 1 != n:
        return None
    codes = memoryview(buf.raw[:n * 2]).cast("H").tolist()
    if any(0xD800 <= u <= 0xDFFF for u in codes):
        return None
    return codes


_SPACES = {0x20, 0xA0, 0x3000, 0x2002, 0x2003, 0x2009}


def _chars(textpage, tf, rot: int, box) -> tuple[list[Ch], int]:
    """The page's characters in content order. A character starts at its
    origin and ends where the next one of its run starts (its advance, as the
    PDF's widths give it) — glyph boxes are not used, since a font the PDF
    does not embed has no glyphs of its own. Printed spaces are kept as a
    flag on the next character."""
    import pypdfium2.raw as R

    tp = textpage.raw
    n = R.FPDFText_CountChars(tp)
    if n <= 0:
        return [], 0
    codes = _unicode(tp, n)
    get_unicode, generated = R.FPDFText_GetUnicode, R.FPDFText_IsGenerated
    out: list[Ch] = []
    append = out.append
    bad = 0
    rect = R.FS_RECTF()
    prect = ctypes.byref(rect)
    ox, oy = ctypes.c_double(), ctypes.c_double()
    pox, poy = ctypes.byref(ox), ctypes.byref(oy)
    loose_box, origin = R.FPDFText_GetLooseCharBox, R.FPDFText_GetCharOrigin
    skip = _SKIP
    left, _, _, top = box
    space = False
    for i in range(n):
        u = codes[i] if codes is not None else get_unicode(tp, i)
        if u in _SPACES:
            if not generated(tp, i):
                space = True
            continue
        if u < 0x20 or u == 0xFFFE:
            if u != 2 and u != 0xFFFE:      # pdfium: a hyphen that ends a line
                continue
            u = 0x2D
        if u in skip or 0xD800 <= u <= 0xDFFF or u > 0x10FFFF:
            continue
        if u == _BAD or 0xE000 <= u <= 0xF8FF:
            bad += 1
            continue
        if not loose_box(tp, i, prect) or not origin(tp, i, pox, poy):
            continue
        if rot == 0:
            x0 = ox.value - left
            base = top - oy.value
            size = (rect.top - rect.bottom) / 1.1
        else:
            x0, base = tf(ox.value, oy.value)
            xa, ya = tf(rect.left, rect.top)
            xb, yb = tf(rect.right, rect.bottom)
            size = abs(yb - ya) / 1.1
        if size <= 0.5:
            size = 1.0
        append(Ch(chr(u), x0, x0 + (0.5 if u < 0x250 and u != 0xB7 else 1.0) * size, base, size, space))
        space = False
    # a character's end is where the next one of its run starts
    for a, b in zip(out, out[1:]):
        advance = b.x0 - a.x0
        if abs(b.y - a.y) < 0.2 * a.size and 0 < advance <= max((a.x1 - a.x0) * 1.5, a.size * 1.05):
            a.x1 = b.x0
    return out, bad


def _objects(page, tf, stats: PageText):
    """Rulings (horizontal, vertical) from the page's path objects; counts
    text and image objects on the way."""
    import pypdfium2.raw as R

    horizontal: list[tuple[float, float, float]] = []
    vertical: list[tuple[float, float, float]] = []
    budget = MAX_PATH_SEGMENTS
    pt = ctypes.c_float(), ctypes.c_float()
    l, b, r, t = (ctypes.c_float() for _ in range(4))
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    matrix = R.FS_MATRIX()

    identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

    def walk(parent, is_form: bool, depth: int, outer):
        nonlocal budget
        count = R.FPDFFormObj_CountObjects(parent) if is_form else R.FPDFPage_CountObjects(parent)
        for k in range(max(count, 0)):
            obj = R.FPDFFormObj_GetObject(parent, k) if is_form else R.FPDFPage_GetObject(parent, k)
            if not obj:
                continue
            kind = R.FPDFPageObj_GetType(obj)
            if kind == _OBJ_TEXT:
                stats.text_objects += 1
            elif kind == _OBJ_IMAGE:
                stats.images += 1
            elif kind == _OBJ_FORM and depth < 4:
                if R.FPDFPageObj_GetMatrix(obj, matrix):
                    inner = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
                    walk(obj, True, depth + 1, _compose(inner, outer))
            elif kind == _OBJ_PATH and budget > 0:
                budget -= _path(obj, outer)

    def _path(obj, outer) -> int:
        if not R.FPDFPageObj_GetBounds(obj, l, b, r, t):
            return 1
        if outer is identity:
            (xa, ya), (xb, yb) = tf(l.value, t.value), tf(r.value, b.value)
            x0, x1, y0, y1 = min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)
        else:           # inside a form: its bounds are in the form's space
            corners = [tf(*_apply(outer, x, y)) for x in (l.value, r.value) for y in (b.value, t.value)]
            x0, x1 = min(p[0] for p in corners), max(p[0] for p in corners)
            y0, y1 = min(p[1] for p in corners), max(p[1] for p in corners)
        w, h = x1 - x0, y1 - y0
        # a thin box (a stroked line or a filled hairline rectangle) is a ruling
        if h <= 2.5 and w >= 4:
            horizontal.append(((y0 + y1) / 2, x0, x1))
            return 1
        if w <= 2.5 and h >= 4:
            vertical.append(((x0 + x1) / 2, y0, y1))
            return 1
        R.FPDFPath_GetDrawMode(obj, fill, stroke)
        if not stroke.value:
            return 1
        n = R.FPDFPath_CountSegments(obj)
        if n <= 0 or n > 2000:
            return max(n, 1)
        if not R.FPDFPageObj_GetMatrix(obj, matrix):
            return n
        m = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
        start = prev = None
        for s in range(n):
            seg = R.FPDFPath_GetPathSegment(obj, s)
            if not seg or not R.FPDFPathSegment_GetPoint(seg, pt[0], pt[1]):
                continue
            here = tf(*_apply(m, pt[0].value, pt[1].value))
            kind = R.FPDFPathSegment_GetType(seg)
            if kind == _SEG_MOVE:
                start = prev = here
                continue
            if prev is not None and kind == _SEG_LINE:
                _edge(prev, here)
            prev = here
            if R.FPDFPathSegment_GetClose(seg) and start is not None:
                _edge(prev, start)
                prev = start
        return n

    def _edge(p, q):
        (xa, ya), (xb, yb) = p, q
        if abs(ya - yb) <= 1.0 and abs(xa - xb) >= 4:
            horizontal.append(((ya + yb) / 2, min(xa, xb), max(xa, xb)))
        elif abs(xa - xb) <= 1.0 and abs(ya - yb) >= 4:
            vertical.append(((xa + xb) / 2, min(ya, yb), max(ya, yb)))

    walk(page.raw, False, 0, identity)
    return horizontal, vertical


def _compose(inner, outer):
    """The matrix applying `inner`, then `outer` (PDF order a b c d e f)."""
    ia, ib, ic, id_, ie, if_ = inner
    oa, ob, oc, od, oe, of = outer
    return (oa * ia + oc * ib, ob * ia + od * ib, oa * ic + oc * id_, ob * ic + od * id_,
            oa * ie + oc * if_ + oe, ob * ie + od * if_ + of)


def _apply(m, x, y):
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


# --- lines and fragments -------------------------------------------------------------

def _rows(chars: list[Ch]) -> list[list[Ch]]:
    """Characters grouped by baseline, top to bottom, each row left to right."""
    chars = sorted(chars, key=lambda c: (c.y, c.x0))
    rows: list[list[Ch]] = []
    base = None
    for c in chars:
        if rows and abs(c.y - base) <= max(1.0, 0.3 * min(c.size, rows[-1][0].size)):
            rows[-1].append(c)
        else:
            rows.append([c])
            base = c.y
    out = []
    for row in rows:
        row.sort(key=lambda c: c.x0)
        kept = [row[0]]
        for c in row[1:]:
            p = kept[-1]
            # text drawn twice with a small offset (fake bold) is read once
            if c.ch == p.ch and abs(c.x0 - p.x0) < 0.3 * c.size:
                continue
            kept.append(c)
        out.append(kept)
    return out


def _fragments(row: list[Ch]) -> list[Frag]:
    frags = [Frag([row[0]])]
    for c in row[1:]:
        prev = frags[-1].chars[-1]
        if c.x0 - prev.x1 > 1.6 * max(c.size, prev.size):
            frags.append(Frag([c]))
        else:
            frags[-1].chars.append(c)
    return frags


def _text(chars: list[Ch]) -> str:
    """Characters of one line → text, a space where one was printed or the
    gap is a space wide."""
    parts = [chars[0].ch]
    for prev, c in zip(chars, chars[1:]):
        if c.space or c.x0 - prev.x1 > 0.28 * max(c.size, prev.size):
            parts.append(" ")
        parts.append(c.ch)
    return clean_text("".join(parts))


def _gutter(frags: list[Frag], width: float) -> Optional[float]:
    """The x of the gutter between two text columns, if the page has two.

    Columns are prose: at a candidate x few fragments cross, lines on both
    sides mostly fill their column, and lines of the two sides stand side by
    side (on the same baselines or interleaved), not one above the other."""
    if len(frags) < 4:
        return None
    lo, hi = min(f.x0 for f in frags), max(f.x1 for f in frags)
    span = hi - lo
    if span < width * 0.3:
        return None
    best, best_cross = None, None
    step = max(span / 120, 1.0)
    starts = sorted(f.x0 for f in frags)
    ends = sorted(f.x1 for f in frags)
    x = lo + span * 0.3
    while x <= lo + span * 0.7:
        # fragments crossing x: started before it and not ended by it
        cross = bisect.bisect_left(starts, x) - bisect.bisect_right(ends, x)
        if best_cross is None or cross < best_cross:
            best, best_cross = x, cross
        x += step
    if best is None or best_cross > len(frags) * 0.25:
        return None
    left = [f for f in frags if f.x1 <= best]
    right = [f for f in frags if f.x0 >= best]
    if len(left) < 2 or len(right) < 2:
        return None
    extents = []
    for side in (left, right):
        c0, c1 = min(f.x0 for f in side), max(f.x1 for f in side)
        extents.append(c1 - c0)
        full = sum(1 for f in side if f.x1 - f.x0 >= (c1 - c0) * 0.8)
        if c1 - c0 < span * 0.3 or full < max(2, len(side) * (0.08 if len(side) >= 8 else 0.5)):
            return None
    if not 0.6 <= extents[0] / extents[1] <= 1.67:     # text columns share one measure
        return None
    ys = sorted(f.y for f in right)
    meets = 0
    for f in left:
        k = bisect.bisect_left(ys, f.y - f.size * 1.5)
        if k < len(ys) and ys[k] <= f.y + f.size * 1.5:
            meets += 1
    if meets < max(2, min(len(left), len(right)) * 0.3):
        return None
    a = max(f.x1 for f in left)
    b = min(f.x0 for f in right)
    return (a + b) / 2 if a < b else best


# --- tables --------------------------------------------------------------------------

def _table_lines(table: Table, chars: list[Ch]) -> list[str]:
    """A table's text: cells in row order, a cell's lines together; single-line
    cells on one baseline share a line (as text tools print a table row).

    A cell merged over several rows to the right of a cell that begins in a
    later of those rows (one 牵头单位 or 完成时限 for two tasks) belongs to that
    row too: its text is read again there. Merged cells left of every cell
    beginning in a row (序号, a 任务 heading over its items) are read once."""
    by_cell: dict[int, list[Ch]] = {}
    for c in chars:
        k = table.cell_index((c.x0 + c.x1) / 2, c.y - c.size * 0.3)
        by_cell.setdefault(k, []).append(c)
    items: list[tuple[int, int, int, list[str], Optional[float], float]] = []   # row, col, order, texts, y, size
    for k, cell in enumerate(table.cells):       # cells are sorted by (row, col)
        cchars = by_cell.get(k)
        if not cchars:
            continue
        rows = _rows(cchars)
        texts = [t for t in (_text(r) for r in rows) if t]
        if texts:
            items.append((cell.row, cell.col, len(items), texts, rows[0][0].y, rows[0][0].size))
    header = _two_row_header(table, items)
    if header is not None:
        items = [it for it in items if it[0] > 1]
    starts: dict[int, int] = {}                  # grid row → leftmost column of a cell with text beginning there
    for row, col, _, _, _, _ in items:
        starts[row] = min(col, starts.get(row, col))
    copies = []
    at = {(c.row, c.col): c for c in table.cells}
    for row, col, _, texts, _, size in items:
        cell = at[(row, col)]
        for r in range(row + 1, cell.row_end + 1):
            if r in starts and starts[r] < col:
                copies.append((r, col, len(items) + len(copies), texts, None, size))
    if copies:
        items = sorted(items + copies, key=lambda it: (it[0], it[1], it[2]))
    out: list[str] = [header] if header is not None else []
    pending: list[str] = []
    pending_y: Optional[float] = None
    pending_size = 0.0

    def flush():
        nonlocal pending, pending_y
        if pending:
            out.append(" ".join(pending))
        pending, pending_y = [], None

    pending_row = -1
    for row, _, _, texts, y, size in items:
        if len(texts) == 1:
            if pending and ((y is None or pending_y is None) and row == pending_row
                            or y is not None and pending_y is not None
                            and abs(y - pending_y) <= max(1.0, 0.3 * min(size, pending_size))):
                pending.append(texts[0])
                if pending_y is None:
                    pending_y, pending_size = y, size
                continue
            flush()
            pending, pending_y, pending_size, pending_row = [texts[0]], y, size, row
            continue
        flush()
        out.extend(texts)
    flush()
    return out


def _two_row_header(table: Table, items) -> Optional[str]:
    """A header of two rows (责任单位 over 牵头单位 | 配合单位, the other headings
    merged down both rows) as one line of the headings over the columns; None
    when the table's first rows are not such a header."""
    text = {(row, col): "".join(texts) for row, col, _, texts, _, _ in items}
    top = [c for c in table.cells if c.row == 0]
    second = [c for c in table.cells if c.row == 1]
    if not top or not second or any((c.row, c.col) not in text for c in top + second):
        return None
    parents = [c for c in top if c.col_end > c.col and c.row_end == 0]
    if not parents or len(parents) == len(top) or not any(c.row > 1 for c in table.cells) \
            or any(c.row_end != 1 for c in top if c not in parents):
        return None
    for child in second:
        if child.row_end != 1 or not any(p.col <= child.col and child.col_end <= p.col_end for p in parents):
            return None
    if any(not any(p.col <= c.col <= p.col_end for c in second) for p in parents):
        return None
    leaves = sorted([c for c in top if c not in parents] + second, key=lambda c: c.col)
    if any(len(text[(c.row, c.col)]) > 16 for c in leaves):
        return None
    return " ".join(text[(c.row, c.col)] for c in leaves)


# --- one page ------------------------------------------------------------------------

def read_page(page, textpage) -> PageText:
    """One page's characters, tables and fragments; `layout` orders them."""
    tf, rot, box = _transform(page)
    left, bottom, right, top = box
    height, width = (right - left, top - bottom) if rot in (90, 270) else (top - bottom, right - left)
    stats = PageText(height=height, width=width)
    chars, stats.bad = _chars(textpage, tf, rot, box)
    stats.chars = len(chars)
    horizontal, vertical = _objects(page, tf, stats)
    tables = find_tables(horizontal, vertical) if horizontal and vertical else []
    flow = chars
    if tables:
        flow = []
        in_table: list[list[Ch]] = [[] for _ in tables]
        for c in chars:
            xm, ym = (c.x0 + c.x1) / 2, c.y - c.size * 0.3
            for k, t in enumerate(tables):
                if t.contains(xm, ym):
                    in_table[k].append(c)
                    break
            else:
                flow.append(c)
        for t, tchars in zip(tables, in_table):
            lines = _table_lines(t, tchars)
            if lines:
                stats.items.append(Item(t.y0, t.y1, t.x0, t.x1, lines))
    stats.rows = [_fragments(r) for r in _rows(flow)]
    top, bottom = height * MARGIN, height * (1 - MARGIN)
    stats.gutter = _gutter([f for fr in stats.rows for f in fr if top < f.y < bottom], stats.width)
    return stats


def _fits(frags: list[Frag], gutter: float) -> bool:
    """Does a page whose own evidence is thin agree with the document's gutter?"""
    left = sum(1 for f in frags if f.x1 <= gutter)
    right = sum(1 for f in frags if f.x0 >= gutter)
    cross = len(frags) - left - right
    return left >= 1 and right >= 1 and cross <= len(frags) * 0.25


def _document_gutter(pages: list[PageText]) -> None:
    """Pages laid out like the rest of the document get its gutter even when
    their own lines are too few or too short to show it (a list, a last page)."""
    found = Counter(round(p.gutter / 6) for p in pages if p.gutter is not None)
    if not found:
        return
    key, n = found.most_common(1)[0]
    if n < 2:
        return
    typical = [p.gutter for p in pages if p.gutter is not None and round(p.gutter / 6) == key]
    gutter = sorted(typical)[len(typical) // 2]
    for p in pages:
        if p.gutter is None and p.rows:
            top, bottom = p.height * MARGIN, p.height * (1 - MARGIN)
            body = [f for fr in p.rows for f in fr if top < f.y < bottom]
            if len(body) >= 2 and _fits(body, gutter):
                p.gutter = gutter


def layout(p: PageText) -> None:
    """Fragments → lines, then every item of the page in reading order."""
    top, bottom = p.height * MARGIN, p.height * (1 - MARGIN)
    gutter = p.gutter
    items = p.items
    for fr in p.rows:
        y = fr[0].y
        size = max(f.size for f in fr)
        if gutter is None or not (top < y < bottom):
            groups = [fr]
        else:
            left = [f for f in fr if f.x1 <= gutter]
            right = [f for f in fr if f.x0 >= gutter]
            if len(left) + len(right) < len(fr):      # something crosses: one full-width line
                groups = [fr]
            else:
                groups = [g for g in (left, right) if g]
        for g in groups:
            text = " ".join(_text(f.chars) for f in g)
            if text:
                items.append(Item(y - size, y, g[0].x0, g[-1].x1, [text]))
    p.items = _order(items, gutter, top, bottom)
    p.rows = []


def _order(items: list[Item], gutter: Optional[float], top: float, bottom: float) -> list[Item]:
    items.sort(key=lambda it: (it.y1, it.x0))
    if gutter is None:
        return items
    out: list[Item] = []
    left: list[Item] = []
    right: list[Item] = []

    def flush():
        out.extend(left)
        out.extend(right)
        left.clear()
        right.clear()

    for it in items:
        in_margin = not (top < it.y1 < bottom)
        if it.x1 <= gutter + 1 and not in_margin:
            left.append(it)
        elif it.x0 >= gutter - 1 and not in_margin:
            right.append(it)
        else:                       # full width (or margin): closes the band above it
            flush()
            out.append(it)
    flush()
    return out


# --- page furniture ------------------------------------------------------------------

def _shape(text: str) -> tuple:
    return tuple(sorted(re.sub(r"\d+", "#", w) for w in text.split()))


FURNITURE_BAND = 0.12         # top/bottom share of the page searched for furniture


def _margin_items(p: PageText) -> list[Item]:
    """One-line items at the top or bottom of the page, set apart from the
    body by more than the space between lines (a running header, a footer,
    a page number)."""
    if not p.items or not p.height or not p.positioned:
        return []
    heights = sorted(it.y1 - it.y0 for it in p.items if len(it.lines) == 1)
    h = heights[len(heights) // 2] if heights else 10.0
    out = []
    top, bottom = p.height * FURNITURE_BAND, p.height * (1 - FURNITURE_BAND)
    down = sorted(p.items, key=lambda it: it.y0)
    up = sorted(p.items, key=lambda it: -it.y1)
    for seq, inside, gap in ((down, lambda it: it.y1 <= top, lambda a, b: b.y0 - a.y1),
                             (up, lambda it: it.y0 >= bottom, lambda a, b: a.y0 - b.y1)):
        for k, it in enumerate(seq):
            if len(it.lines) != 1 or not inside(it) or it.y1 - it.y0 > 1.15 * h:
                break           # furniture is set no larger than the text (a title is)
            nxt = seq[k + 1] if k + 1 < len(seq) else None
            if nxt is not None and inside(nxt) and len(nxt.lines) == 1:
                out.append(it)          # another margin line follows: judge both
                continue
            if nxt is None or gap(it, nxt) >= 1.2 * h:
                out.append(it)
            break
    return out


def _mark_furniture(pages: list[PageText]) -> None:
    """Margin lines that recur on other pages (digits and word order
    ignored), and page numbers there, are furniture."""
    margins = [_margin_items(p) for p in pages]
    seen: Counter = Counter()
    for items in margins:
        seen.update({_shape(it.lines[0]) for it in items})
    recurring = max(2, int(len(pages) * 0.2))
    for items in margins:
        for it in items:
            text = it.lines[0]
            if _PAGE_NUMBER.match(text) or (seen[_shape(text)] >= recurring and len(text) <= 60):
                it.furniture = True


def _keep_furniture(text: str) -> bool:
    """The first running header naming a gazette and its issue is kept (once):
    the page-furniture stage reads the gazette's title and issue from it."""
    return bool(P.GAZETTE_TITLE.search(text) and P.GAZETTE_ISSUE.search(text))


# --- the document --------------------------------------------------------------------

_OBJ = re.compile(rb"(?<![0-9])(\d{1,7})\s+(\d{1,5})\s+obj\b")
_CATALOG = re.compile(rb"/Type\s*/Catalog\b")


def repair(data: bytes) -> Optional[bytes]:
    """A truncated PDF (an interrupted download) has lost its cross-reference
    table and trailer: rebuild both from the objects that remain."""
    offsets: dict[int, int] = {}
    for m in _OBJ.finditer(data):
        offsets[int(m.group(1))] = m.start()
    catalog = _CATALOG.search(data)
    if not offsets or catalog is None:
        return None
    root = max((n for n, off in offsets.items() if off < catalog.start()), key=lambda n: offsets[n], default=None)
    if root is None:
        return None
    size = max(offsets) + 1
    if size > 2_000_000:
        return None
    body = data if data.endswith(b"\n") else data + b"\n"
    rows = [b"0000000000 65535 f \n"]
    for n in range(1, size):
        rows.append(b"%010d 00000 n \n" % offsets[n] if n in offsets else b"0000000000 65535 f \n")
    xref_at = len(body)
    tail = b"xref\n0 %d\n" % size + b"".join(rows) + \
        b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref_at)
    return body + tail


def open_pdf(data: bytes, name: str):
    import pypdfium2 as pdfium

    stubfont.install()
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError(name, "is an encrypted PDF (a password is needed to read it)") from None
    repaired = repair(data)
    if repaired is not None:
        try:
            pdf = pdfium.PdfDocument(repaired)
            if len(pdf) > 0:
                return pdf
            pdf.close()
        except pdfium.PdfiumError:
            pass
    raise InputError(name, "is a damaged PDF (truncated or corrupt; pdfium cannot open it)")


def read_pdf(data: bytes, name: str) -> list[Line]:
    """All pages → lines; raises InputError for scans and broken files."""
    pdf = open_pdf(data, name)
    started = time.monotonic()
    pages: list[PageText] = []
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise InputError(name, "is a PDF without pages")
        for i in range(n_pages):
            if time.monotonic() - started > TIME_BUDGET:
                raise InputError(name, f"is too slow to read (more than {TIME_BUDGET:.0f} s at page {i + 1})")
            try:
                page = pdf[i]
                textpage = page.get_textpage()
            except Exception:
                pages.append(PageText())
                continue
            try:
                pages.append(read_page(page, textpage))
            finally:
                textpage.close()
                page.close()
        _document_gutter(pages)
        for p in pages:
            layout(p)
        _cross_check(pages, data)
        if sum(p.chars for p in pages) < max(1, len(pages)) * 10:
            lines = _no_text_layer(pdf, pages, name)
            if lines is not None:
                return lines
    finally:
        pdf.close()
    _mark_furniture(pages)
    lines: list[Line] = []
    no = 0
    kept_header = False
    for page_no, p in enumerate(pages, start=1):
        items = [it for it in p.items if not it.furniture]
        if not kept_header:
            header = next((it for it in p.items if it.furniture and _keep_furniture(it.lines[0])), None)
            if header is not None:
                items.append(header)
                kept_header = True
        for it in items:
            for text in it.lines:
                text = clean_text(text)
                if text:
                    no += 1
                    lines.append(Line(text, no, page_no))
    if not lines:
        raise InputError(name, "has no readable text")
    return lines


def _no_text_layer(pdf, pages: list[PageText], name: str) -> Optional[list[Line]]:
    """Pages without text: OCR them when tesseract can, else say it is a scan."""
    if not any(p.images for p in pages) and sum(p.chars for p in pages) == 0 \
            and not any(p.text_objects for p in pages):
        raise InputError(name, "has no text at all (blank pages)")
    if sum(p.chars for p in pages) > 0 and not any(p.images for p in pages):
        return None        # little text, but text: read it
    if ocr.available():
        return ocr.ocr_pdf(pdf, name)
    raise InputError(name, "has no text layer (a scan); OCR is needed", exit_code=3)


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _cross_check(pages: list[PageText], data: bytes) -> None:
    """Where pdfium's text for a page looks short (text objects but few usable
    characters, or many it could not decode), read the page with pypdf too
    and keep the better text (pypdf's without positions)."""
    suspect = [i for i, p in enumerate(pages)
               if (p.text_objects and p.chars < p.text_objects) or p.bad > max(5, p.chars * 0.1)]
    if not suspect:
        return
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data), strict=False)
    except Exception:
        return
    for i in suspect:
        try:
            text = reader.pages[i].extract_text() or ""
        except Exception:
            continue
        good = len(_CJK.findall(text)) + sum(ch.isalnum() for ch in text if ch.isascii())
        if good > max(pages[i].chars * 1.2, pages[i].chars + 3):
            pages[i].items = [Item(0, 0, 0, 0, [ln]) for ln in text.splitlines() if ln.strip()]
            pages[i].chars = good
            pages[i].positioned = False
