"""DOCX reader (python-docx + its lxml tree), and LibreOffice for .doc/.wps/.rtf/.odt.

Paragraphs and tables are read in document order, text boxes (where Word
puts a masthead or a stamp) before the paragraph anchoring them, tracked
insertions in and deletions out. Line breaks inside a paragraph make lines.
Tables print as `cells.emit` prints them: the Word grid gives the column
widths, vertically merged cells are read in their first row, gridSpan spans
columns. The GB/T 9704 版头 and 版记 become metadata (`gbt9704.take`).

Other ZIP files are named for what they are (XLSX, PPTX, OFD, ODT, or a
plain archive); ODT and the binary formats (.doc, .wps — OLE files — and
RTF) are converted to DOCX with ``soffice --headless`` when LibreOffice is
installed, else an InputError says LibreOffice is needed.
"""
from __future__ import annotations

import io
import os
import shutil
import re
import subprocess
import tempfile
import threading
import zipfile

from ..errors import InputError
from ..extract.lines import Line, clean_text
from . import gbt9704
from .cells import Grid, GridCell, emit

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = "{%s}" % W
MAX_UNPACKED = 300 * 1024 * 1024
CONVERT_TIMEOUT = 120


def _tag(el) -> str:
    tag = el.tag
    return tag[len(_W):] if isinstance(tag, str) and tag.startswith(_W) else ""


# --- ZIP containers -----------------------------------------------------------------------

def read_zip(data: bytes, name: str):
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise InputError(name, "is a damaged ZIP file (not a readable DOCX)") from None
    names = {i.filename for i in infos}
    if sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise InputError(name, "unpacks to more than 300 MB (a ZIP bomb?); not read")
    if "word/document.xml" in names:
        return read_docx(data, name)
    if any(n.lower().endswith("ofd.xml") for n in names):
        raise InputError(name, "is an OFD file (版式文件); OFD is not supported yet — export it as PDF")
    if "xl/workbook.xml" in names:
        raise InputError(name, "is an Excel workbook (XLSX), not a document")
    if "ppt/presentation.xml" in names:
        raise InputError(name, "is a PowerPoint file (PPTX), not a document")
    if "content.xml" in names and "mimetype" in names:
        try:
            mimetype = zf.read("mimetype")[:100]
        except Exception:
            mimetype = b""
        if b"opendocument.text" in mimetype:
            return read_via_libreoffice(data, name, "odt")
    raise InputError(name, "is a ZIP archive, not a DOCX (no word/document.xml); unpack it first")


# --- DOCX -----------------------------------------------------------------------------------

def read_docx(data: bytes, name: str):
    from docx import Document

    from . import ReadResult

    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:
        raise InputError(name, f"is a damaged DOCX ({type(exc).__name__})") from None
    body = document.element.body
    default_size = _default_size(document)
    texts: list[str] = []
    _STATE.numbering = _Numbering(document)
    try:
        _block(body, texts, default_size, 0)
    finally:
        _STATE.numbering = None
    texts = [t for t in (clean_text(x) for x in texts) if t]
    texts, meta = gbt9704.take(texts)
    if not texts:
        raise InputError(name, "is a DOCX without text")
    lines = [Line(t, no, None) for no, t in enumerate(texts, start=1)]
    return ReadResult(lines, meta, "docx")


# --- automatic numbering (w:numPr) ------------------------------------------------------------

_STATE = threading.local()

_CN_DIGITS = "零一二三四五六七八九"


def _chinese(n: int) -> str:
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                       (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += sym
            n -= value
    return out


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "japaneseCounting",
               "taiwaneseCounting", "taiwaneseCountingThousand", "ideographLegalTraditional"):
        return _chinese(n)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(ord(ch) + 0xFEE0) for ch in str(n))
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return "甲乙丙丁戊己庚辛壬癸"[n - 1]
    if fmt in ("lowerLetter", "upperLetter") and n >= 1:
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and n >= 1:
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    return str(n)


class _Numbering:
    """Word's automatic numbering (numbering.xml): the label a numbered
    paragraph shows (``一、``, ``（二）``, ``3.``, a 序号 cell's ``4``) is not
    in its text; it is counted here in reading order. Bullets give nothing."""

    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}     # numId → ilvl → (start, fmt, text)
        self.counters: dict[str, dict[int, int]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        try:
            root = document.part.numbering_part.element
        except Exception:
            root = None
        if root is not None:
            abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
            for an in root.findall(_W + "abstractNum"):
                abstract[an.get(_W + "abstractNumId")] = self._lvls(an)
            for num in root.findall(_W + "num"):
                ref = num.find(_W + "abstractNumId")
                levels = dict(abstract.get(ref.get(_W + "val") if ref is not None else None, {}))
                for ov in num.findall(_W + "lvlOverride"):
                    ilvl = _int(ov.get(_W + "ilvl"), 0)
                    lvl = ov.find(_W + "lvl")
                    if lvl is not None:
                        levels.update(self._lvls(ov))
                    so = ov.find(_W + "startOverride")
                    if so is not None and ilvl in levels:
                        start, fmt, text = levels[ilvl]
                        levels[ilvl] = (_int(so.get(_W + "val"), start), fmt, text)
                self.levels[num.get(_W + "numId")] = levels
        try:
            for style in document.styles.element.findall(_W + "style"):
                num_pr = style.find(f"{_W}pPr/{_W}numPr")
                if num_pr is not None:
                    num_id = num_pr.find(_W + "numId")
                    ilvl = num_pr.find(_W + "ilvl")
                    if num_id is not None:
                        self.style_num[style.get(_W + "styleId")] = (
                            num_id.get(_W + "val"), _int(ilvl.get(_W + "val") if ilvl is not None else 0, 0))
        except Exception:
            pass

    @staticmethod
    def _lvls(parent) -> dict[int, tuple[int, str, str]]:
        out = {}
        for lvl in parent.findall(_W + "lvl"):
            start = lvl.find(_W + "start")
            fmt = lvl.find(_W + "numFmt")
            text = lvl.find(_W + "lvlText")
            out[_int(lvl.get(_W + "ilvl"), 0)] = (
                _int(start.get(_W + "val"), 1) if start is not None else 1,
                fmt.get(_W + "val") if fmt is not None else "decimal",
                text.get(_W + "val") if text is not None and text.get(_W + "val") is not None else "")
        return out

    def label(self, p) -> str:
        ppr = p.find(_W + "pPr")
        if ppr is None:
            return ""
        num_id, ilvl = None, 0
        num_pr = ppr.find(_W + "numPr")
        if num_pr is not None:
            el = num_pr.find(_W + "numId")
            num_id = el.get(_W + "val") if el is not None else None
            lv = num_pr.find(_W + "ilvl")
            ilvl = _int(lv.get(_W + "val"), 0) if lv is not None else 0
        if num_id is None:
            style = ppr.find(_W + "pStyle")
            found = self.style_num.get(style.get(_W + "val")) if style is not None else None
            if found is None:
                return ""
            num_id, ilvl = found[0], (ilvl if num_pr is not None else found[1])
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counts = self.counters.setdefault(num_id, {})
        start, fmt, text = levels[ilvl]
        counts[ilvl] = counts.get(ilvl, start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        if fmt in ("bullet", "none") or not text:
            return ""

        def one(m):
            k = int(m.group(1)) - 1
            if k not in levels:
                return ""
            value = counts.get(k, levels[k][0])
            return _format_number(value, levels[k][1] if k != ilvl else fmt)

        return re.sub(r"%([1-9])", one, text)


def _default_size(document) -> float:
    try:
        size = document.styles["Normal"].font.size
        if size:
            return size.pt
    except Exception:
        pass
    return 10.5


def _block(parent, out: list[str], size: float, depth: int) -> None:
    """Paragraphs and tables under `parent` in document order."""
    for child in parent.iterchildren():
        tag = _tag(child)
        if tag == "p":
            _paragraph(child, out)
        elif tag == "tbl":
            if depth > 20:
                continue
            out.extend(_table(child, size, depth))
        elif tag in ("sdt", "customXml", "ins", "smartTag"):
            content = child.find(_W + "sdtContent") if tag == "sdt" else child
            if content is not None:
                _block(content, out, size, depth)


def _in_fallback(el) -> bool:
    node = el.getparent()
    while node is not None:
        if node.tag == "{%s}Fallback" % MC:
            return True
        node = node.getparent()
    return False


def _paragraph(p, out: list[str]) -> None:
    # text boxes anchored here (a masthead, a stamp) come first
    for box in p.iter(_W + "txbxContent"):
        if _in_fallback(box):
            continue
        for inner in box.iterchildren():
            if _tag(inner) == "p":
                _paragraph(inner, out)
            elif _tag(inner) == "tbl":
                out.extend(_table(inner, 10.5, 1))
    parts: list[str] = []
    for el in p.iter():
        tag = _tag(el)
        if tag in ("t", "tab", "br", "cr", "noBreakHyphen", "sym"):
            if _skipped(el, p):
                continue
            if tag == "t":
                parts.append(el.text or "")
            elif tag == "tab":
                parts.append("\t")
            elif tag in ("br", "cr"):
                parts.append("\n")
            elif tag == "noBreakHyphen":
                parts.append("-")
            elif tag == "sym":
                char = el.get(_W + "char")
                try:
                    code = int(char, 16)
                    if 0xF000 <= code <= 0xF0FF:
                        code -= 0xF000
                    parts.append(chr(code) if code >= 0x20 else "")
                except (TypeError, ValueError):
                    pass
    numbering = getattr(_STATE, "numbering", None)
    label = numbering.label(p) if numbering is not None else ""
    text = "".join(parts)
    if label and text.strip():
        text = label + text.lstrip()
    elif label:
        text = label.rstrip("、.．")       # an otherwise empty numbered paragraph: a 序号 cell
    for piece in text.split("\n"):
        out.append(piece)


def _skipped(el, p) -> bool:
    """Text inside a text box (read separately), a deletion, a fallback, or
    a run hidden from print (w:vanish: a template's notes)."""
    node = el.getparent()
    while node is not None and node is not p:
        tag = node.tag
        if tag == _W + "txbxContent" or tag == _W + "del" or tag == "{%s}Fallback" % MC:
            return True
        if tag == _W + "r" and _hidden(node):
            return True
        node = node.getparent()
    return False


def _hidden(run) -> bool:
    vanish = run.find(f"{_W}rPr/{_W}vanish")
    return vanish is not None and (vanish.get(_W + "val") or "true").lower() not in ("0", "false", "off")


def _children(parent, tag: str):
    """`parent`'s child elements named `tag`, also those wrapped in content
    controls (w:sdt) or custom XML, as Word forms wrap table rows and cells."""
    for child in parent.iterchildren():
        name = _tag(child)
        if name == tag:
            yield child
        elif name in ("sdt", "customXml"):
            inner = child.find(_W + "sdtContent") if name == "sdt" else child
            if inner is not None:
                yield from _children(inner, tag)


def _table(tbl, size: float, depth: int) -> list[str]:
    grid = Grid()
    cols = [int(g.get(_W + "w") or 0) for g in tbl.findall(f"{_W}tblGrid/{_W}gridCol")]
    if cols and all(c > 0 for c in cols):
        grid.declared_cols = [float(c) for c in cols]
    font = _table_font(tbl) or size
    started: dict[int, GridCell] = {}      # column → the cell last begun there
    last_row: dict[int, int] = {}          # id of a cell → the last row it covers
    copies: list[tuple[int, GridCell]] = []
    trs = list(_children(tbl, "tr"))
    for r, tr in enumerate(trs):
        col = 0
        before = tr.find(f"{_W}trPr/{_W}gridBefore")
        if before is not None:
            col += _int(before.get(_W + "val"), 0)
        continued: list[GridCell] = []     # merged cells running on into this row
        fresh_left: int | None = None      # the first column where a cell begins in this row
        for tc in _children(tr, "tc"):
            pr = tc.find(_W + "tcPr")
            span = 1
            merge = None
            if pr is not None:
                gs = pr.find(_W + "gridSpan")
                if gs is not None:
                    span = max(1, _int(gs.get(_W + "val"), 1))
                vm = pr.find(_W + "vMerge")
                if vm is not None:
                    merge = vm.get(_W + "val") or "continue"
            if merge != "continue":
                lines: list[str] = []
                _block(tc, lines, font, depth + 1)
                lines = [t for t in (clean_text(x) for x in lines) if t]
                own = _table_font(tc)
                cell = GridCell(r, col, span, lines, scale=own / font if own and lines else 1.0)
                grid.cells.append(cell)
                started[col] = cell
                if lines and fresh_left is None:
                    fresh_left = col
            elif col in started:
                continued.append(started[col])
                last_row[id(started[col])] = r
            col += span
        # A merged cell to the right of a cell that begins in this row (one 牵头单位
        # or 完成时限 over two tasks) belongs to this row too: it is read again here.
        # Merged cells left of every new cell (序号, a 任务 heading over its items)
        # group the rows and are read once, in their first row.
        for origin in continued:
            if fresh_left is not None and origin.col > fresh_left:
                copies.append((r, origin))
    # A header of two rows (责任单位 over 牵头单位 | 配合单位, the other headings
    # merged down both rows) is read as one row of the headings over the columns.
    head_two = _two_row_header(grid.cells, last_row)
    if head_two:
        grid.cells = [c for c in grid.cells if c.row > 1] + head_two
        copies = [(r, origin) for r, origin in copies if r > 1]
    # A cell merged over every row at the table's right edge is a label to the
    # side of the rows (文件 beside the stacked names of a joint 发文机关标志):
    # read once, after them.
    ncols_all = max((c.col + c.colspan for c in grid.cells), default=0)
    aside = {id(c) for c in grid.cells
             if len(trs) > 1 and c.row == 0 and last_row.get(id(c)) == len(trs) - 1
             and c.col > 0 and c.col + c.colspan == ncols_all}
    for c in grid.cells:
        if id(c) in aside:
            c.row = len(trs)
    for r, origin in copies:
        if id(origin) not in aside:
            grid.cells.append(GridCell(r, origin.col, origin.colspan, list(origin.lines), scale=origin.scale))
    if grid.declared_cols is not None:
        ncols = max((c.col + c.colspan for c in grid.cells), default=0)
        if ncols != len(grid.declared_cols):
            grid.declared_cols = None
    total = None
    if grid.declared_cols:
        width_pt = sum(grid.declared_cols) / 20.0
        total = max(width_pt / font, 8.0)
    return emit(grid, total) if total else emit(grid)


def _two_row_header(cells: list[GridCell], last_row: dict[int, int]) -> list[GridCell] | None:
    """The one-row reading of a two-row header, or None: row 0 has cells
    spanning columns that the cells of row 1 divide, and every other cell
    of row 0 runs down into row 1."""
    top = [c for c in cells if c.row == 0]
    second = [c for c in cells if c.row == 1]
    if not second or not top or any(not c.lines for c in top + second):
        return None
    parents = [c for c in top if c.colspan > 1 and last_row.get(id(c), 0) == 0]
    if not parents or len(parents) == len(top) or not any(c.row > 1 for c in cells) \
            or any(c not in parents and last_row.get(id(c), 0) != 1 for c in top):
        return None
    if any(c.colspan > 1 and c not in parents for c in top):
        return None
    leaves: list[GridCell] = []
    for child in second:
        if not any(p.col <= child.col and child.col + child.colspan <= p.col + p.colspan for p in parents):
            return None
        leaves.append(child)
    for p in parents:
        if not any(p.col <= c.col < p.col + p.colspan for c in leaves):
            return None
    out = [c for c in top if c not in parents] + leaves
    for c in out:
        c.row = 0
    return out


def _table_font(tbl):
    """The type size of the table's (or a cell's) text in points: the size
    most of its sized runs' characters have (a 30 pt masthead over a row of
    16 pt text, a bold 12 pt header row over 10.5 pt cells count by weight)."""
    weight: dict[int, int] = {}
    for run in tbl.iter(_W + "r"):
        sz = run.find(f"{_W}rPr/{_W}sz")
        value = _int(sz.get(_W + "val"), 0) if sz is not None else 0
        if value:
            chars = sum(len(t.text or "") for t in run.iter(_W + "t"))
            weight[value] = weight.get(value, 0) + max(chars, 1)
    if weight:
        return max(weight, key=lambda v: (weight[v], -v)) / 2.0
    for sz in tbl.iter(_W + "sz"):
        value = _int(sz.get(_W + "val"), 0)
        if value:
            return value / 2.0
    return None


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


# --- LibreOffice for the binary formats -----------------------------------------------------

def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_via_libreoffice(data: bytes, name: str, kind: str):
    what = {"ole": "a Word 97-2003 (.doc) or WPS file", "rtf": "an RTF file", "odt": "an OpenDocument (.odt) file"}[kind]
    if kind == "ole":
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data[:1 << 20]:
            raise InputError(name, "is a password-protected Office file; remove the password first")
        if b"W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t" not in data and \
                b"W\x00p\x00s" not in data:
            if b"W\x00o\x00r\x00k\x00b\x00o\x00o\x00k" in data or b"B\x00o\x00o\x00k\x00" in data:
                raise InputError(name, "is an Excel 97-2003 workbook (.xls), not a document")
            raise InputError(name, "is an OLE compound file that is not a Word document")
    exe = soffice()
    if not exe:
        raise InputError(name, f"is {what}; reading it needs LibreOffice (soffice), which is not installed "
                               f"— install it or save the file as DOCX or PDF")
    ext = {"ole": "doc", "rtf": "rtf", "odt": "odt"}[kind]
    with tempfile.TemporaryDirectory(prefix="gongbao-soffice-") as tmp:
        src = os.path.join(tmp, "input." + ext)
        with open(src, "wb") as fh:
            fh.write(data)
        profile = "file://" + os.path.join(tmp, "profile")
        cmd = [exe, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", "docx", "--outdir", tmp, src]
        try:
            run = subprocess.run(cmd, capture_output=True, timeout=CONVERT_TIMEOUT, cwd=tmp)
        except subprocess.TimeoutExpired:
            raise InputError(name, f"could not be converted by LibreOffice within {CONVERT_TIMEOUT} s") from None
        except OSError as exc:
            raise InputError(name, f"could not be converted: LibreOffice did not start ({exc})") from None
        out = os.path.join(tmp, "input.docx")
        if run.returncode != 0 or not os.path.exists(out):
            said = (run.stderr or run.stdout).decode("utf-8", "replace").strip().splitlines()
            raise InputError(name, f"is {what} that LibreOffice could not convert"
                                   + (f" ({said[-1][:120]})" if said else ""))
        with open(out, "rb") as fh:
            converted = fh.read()
    return read_docx(converted, name)
