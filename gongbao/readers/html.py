"""HTML reader: a government web page (or a fragment of one) → lines + metadata.

* Decoding: a BOM, else UTF-8 when the bytes are valid UTF-8, else the
  page's <meta charset> (GB2312/GBK read as GB18030, their superset), else
  GB18030.
* Template junk before or inside the markup (JSP ``<%@ … %>``, PHP
  ``<?php … ?>``, CGI headers) is removed; fragments without <html> parse.
* The 信息公开 metadata (索引号, 主题分类, 发文机关, 成文日期, 标题, 发文字号,
  发布日期) is read from label/value cells wherever they are (table cells,
  list items, spans) and from <meta> tags, then taken out of the text.
* Clutter is dropped: scripts, styles, navigation, form controls, small
  elements named like clutter (nav, share, qrcode, footer …), and the parts a
  site wraps around an article (the article is the element holding most of
  the page's paragraph text, with its siblings holding a good share too);
  prompts such as 扫一扫在手机打开当前页 or 【打印本页】 are dropped as lines.
* Block elements and <br> make lines; tables are read row by row through a
  grid that honours rowspan/colspan: a cell spanning rows is read in its first
  row, one cell's lines stay together, a row of short one-line cells is one line.
  In a task table (牵头单位 | 配合单位 | 完成时限 …) a unit cell's <br> lines
  are its units (joined with 、), a unit or time cell spanning rows is read
  in each row, and when every row has a cell of its own in each column the
  rows are given one line each, cells a space apart.
* When the article does not print its own head (gov.cn pages often start at
  the addressees), the title and 发文字号 from the metadata are put first, so
  the document is recognised; a page title above the document's own head is
  dropped. Bylines and credits (信息来源, 阅读次数, 责任编辑) and footer lines
  (网站标识码, ICP备) are clutter.
* Links to files labelled 附件 (附件：<a>X.xlsx</a>, a 附件下载 list) are
  the metadata's `attachments`, for a document that does not print them.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from typing import Optional

from ..errors import InputError
from ..extract.lines import Line, clean_text
from ..extract.tasks import UNIT_COLUMN, WHEN_LABEL
from .cells import Grid, GridCell, emit

_TAG_SNIFF = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title)[\s>/]", re.I)
_TAGS = re.compile(rb"</?(?:p|div|br|table|tr|td|th|span|font|h[1-6]|li|ul|ol|a|strong|b|center|style|script|img|tbody)\b[^>]{0,400}>", re.I)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)

BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section",
         "article", "header", "footer", "aside", "main", "blockquote", "pre", "center", "address",
         "figure", "figcaption", "hr", "tr", "tbody", "thead", "tfoot", "caption", "form", "fieldset",
         "details", "summary", "body", "html"}
DROP = {"script", "style", "noscript", "template", "iframe", "frame", "frameset", "nav", "button",
        "select", "input", "textarea", "object", "embed", "svg", "canvas", "link", "meta", "head", "title",
        "audio", "video", "map", "area", "xml"}
_CLUTTER_NAME = re.compile(
    r"(?:^|[\s_\-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|position|location|share|bdshare|qrcode|qr|"
    r"erweima|ewm|toolbar|tools|print|xgwj|related|relate|sidebar|login|search|copyright|footer|foot|"
    r"header|topbar|banner|fontsize|zihao)(?:$|[\s_\-])", re.I)
_CLUTTER_LINE = re.compile(
    r"(扫一扫在手机(?:上)?打开(?:当前页|本页)|手机扫一扫|扫描二维码|用手机扫描|分享到[:：]?|视力保护色|"
    r"^【?\s*(?:打印本页|打印|关闭窗口|关闭|返回顶部|收藏|字体|字号)[^】]{0,16}】?$|"
    r"^(?:字号|字体)\s*[:：]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中\s*[】\]]?\s*[【\[]?\s*小\s*[】\]]?$|"
    r"网站标识码|ICP备\s*\d|公网安备|^版权所有|"
    r"^当前位置\s*[:：]|^您(?:现在)?的位置\s*[:：]|^(?:上一篇|下一篇)\s*[:：]|^【?\s*我要纠错\s*】?$|"
    # an article's byline and credits: fields a site prints around every article
    r"^(?:(?:信息)?来源|作者|发布时间|发布日期|浏览次数|阅读次数|点击数|访问量|责任编辑|编辑|审核|校对|初审|复审|终审)"
    r"\s*[:：].{0,60}$)")
_LABELS = {
    "索引号": "index_no", "主题分类": "subject", "发文机关": "issuer", "发布机构": "issuer",
    "成文日期": "signed_date", "标题": "title", "名称": "title", "发文字号": "doc_number", "文号": "doc_number",
    "发布日期": "published_date", "公开日期": "published_date", "生效日期": "effective_date",
    "有效性": "validity", "主题词": "keywords", "公文种类": "doc_type", "体裁分类": "genre",
    # the other names 信息公开 catalogues give the same fields
    "发文单位": "issuer", "发文机构": "issuer", "发布单位": "issuer", "信息名称": "title", "文件名称": "title",
    "公文名称": "title", "文件编号": "doc_number", "公文字号": "doc_number", "文件字号": "doc_number",
    "发文编号": "doc_number", "生成日期": "signed_date", "印发日期": "signed_date", "发文日期": "signed_date",
    "公开时间": "published_date", "发布时间": "published_date",
}
_LABEL = re.compile(r"^(?P<label>" + "|".join(sorted(_LABELS, key=len, reverse=True)) + r")\s*[:：]?\s*(?P<rest>.*)$", re.S)
_META_TAGS = {"articletitle": "title", "pubdate": "published_date", "firstpublishedtime": "published_date",
              "contentsource": "issuer"}
_DATE = re.compile(r"((?:19|20)\d\d)\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})")
_CJK = re.compile(r"[\u3400-\u9fff]")


def looks_like_html(data: bytes) -> bool:
    head = data[:65536]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = head.decode("utf-16", errors="replace").encode("utf-8", errors="replace")
    if _TAG_SNIFF.search(head):
        return True
    return len(_TAGS.findall(head)) >= 3


# --- decoding -------------------------------------------------------------------------

def decode_html(data: bytes, name: str) -> str:
    """A BOM wins; then UTF-8 when the bytes are valid UTF-8 (pages declaring
    gb2312 are often UTF-8 now, and GBK text is almost never valid UTF-8);
    then the declared charset, GB2312/GBK read as GB18030; then GB18030."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace").lstrip("\ufeff")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(data[:8192])
    enc = declared.group(1).decode("ascii", "replace").lower() if declared else None
    if enc in ("gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "hz-gb-2312"):
        enc = "gb18030"
    elif enc in ("big5", "big5-hkscs", "cp950"):
        enc = "big5hkscs"
    if enc:
        try:
            codecs.lookup(enc)
        except LookupError:
            enc = None
    for candidate in (enc, "gb18030"):
        if candidate and candidate not in ("utf-8", "utf8"):
            try:
                return data.decode(candidate)
            except UnicodeDecodeError:
                pass
    if enc and enc not in ("utf-8", "utf8"):
        return data.decode(enc, errors="replace")
    from ..extract.decode import decode_bytes

    return decode_bytes(data, name)


def _strip_junk(text: str) -> str:
    text = re.sub(r"<%.*?%>", "", text, flags=re.S)
    text = re.sub(r"<\?php.*?(?:\?>|$)", "", text, flags=re.S | re.I)
    first = text.find("<")
    if first > 0 and not _CJK.search(text[:first]):
        text = text[first:]             # CGI headers or template output before the markup
    return text


# --- the DOM → blocks ----------------------------------------------------------------------

def _attr_names(node) -> str:
    attrs = node.attributes or {}
    return " ".join(v for k, v in attrs.items() if k in ("id", "class") and v)


def _is_clutter(node) -> bool:
    tag = node.tag
    if tag in DROP:
        return True
    if tag in ("header", "footer", "aside"):
        return True
    names = _attr_names(node)
    if names and _CLUTTER_NAME.search(names):
        # a wrapper named like clutter (class="print-area") that holds the article is not clutter
        return len(_CJK.findall(node.text(separator="") or "")) < 300
    style = (node.attributes or {}).get("style") or ""
    return bool(re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", style, re.I))


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


class _Flow:
    """Collects text into lines: inline text joins, blocks and <br> break."""

    def __init__(self):
        self.lines: list[str] = []
        self.cur: list[str] = []

    def text(self, s: str):
        if s:
            self.cur.append(s)

    def br(self):
        self.lines.append("".join(self.cur))
        self.cur = []

    def block(self):
        if self.cur:
            self.br()

    def add_lines(self, lines: list[str]):
        self.block()
        self.lines.extend(lines)

    def done(self) -> list[str]:
        self.block()
        return [t for t in (clean_text(ln) for ln in self.lines) if t]


def _walk(node, flow: _Flow, depth: int = 0) -> None:
    child = node.child
    while child is not None:
        nxt = child.next
        tag = child.tag
        if tag == "-text":
            flow.text((child.text_content or "").replace("\n", " ").replace("\r", " "))
        elif tag in ("-comment", "!doctype") or tag is None:
            pass
        elif _is_clutter(child):
            pass
        elif tag == "br":
            flow.br()
        elif tag == "table":
            flow.add_lines(_table(child, depth))
        elif depth > 150:
            flow.block()
            flow.text(child.text(separator=" ") or "")
            flow.block()
        elif tag in BLOCK or tag in ("td", "th"):
            flow.block()
            _walk(child, flow, depth + 1)
            flow.block()
        else:
            _walk(child, flow, depth + 1)
        child = nxt


def _cell_lines(cell, depth: int) -> list[str]:
    flow = _Flow()
    _walk(cell, flow, depth + 1)
    return flow.done()


def _rows(table):
    """The table's own rows (not those of tables nested in its cells)."""
    out = []
    for tr in table.css("tr"):
        node = tr.parent
        while node is not None and node.tag != "table":
            node = node.parent
        if node is not None and node.mem_id == table.mem_id:
            out.append(tr)
    return out


def _span(value, limit: int) -> int:
    try:
        return max(1, min(int(str(value).strip() or 1), limit))
    except ValueError:
        return 1


_WIDTH = re.compile(r"^\s*([\d.]+)\s*(px|pt|cm|mm|in|%)?\s*$", re.I)
_STYLE_WIDTH = re.compile(r"(?:^|;)\s*width\s*:\s*([\d.]+\s*(?:px|pt|cm|mm|in|%)?)", re.I)
_UNIT_PX = {"px": 1.0, "pt": 4 / 3, "cm": 37.8, "mm": 3.78, "in": 96.0}


def _declared_width(attrs: dict) -> tuple[Optional[float], bool]:
    """(width, is_percent) from a cell's width attribute or style."""
    raw = attrs.get("width")
    style = attrs.get("style") or ""
    m = _STYLE_WIDTH.search(style)
    if m:
        raw = m.group(1)
    if not raw:
        return None, False
    m = _WIDTH.match(str(raw))
    if not m:
        return None, False
    value, unit = float(m.group(1)), (m.group(2) or "px").lower()
    if unit == "%":
        return value, True
    return value * _UNIT_PX.get(unit, 1.0), False


_ROLE_COLUMN = re.compile(rf"^(?:{UNIT_COLUMN.pattern})$")
_WHEN_COLUMN = re.compile(rf"^{WHEN_LABEL}$")
_CELL_PUNCT = re.compile(r"[、，,；;。：:（(]$|^[、，,；;。）)]")
_ITEM_START = re.compile(r"^[（(]\d{1,3}[）)]")


def _task_header(grid: Grid):
    """(header row, column names, unit columns, time columns) of a task
    table, whose first row names its columns one a cell (牵头单位, 配合单位,
    责任单位, 完成时限 …); no unit columns for another table."""
    if not grid.cells:
        return 0, [], set(), set()
    head_row = min(c.row for c in grid.cells)
    head = sorted((c for c in grid.cells if c.row == head_row), key=lambda c: c.col)
    names = ["".join("".join(c.lines).split()) for c in head]
    if len(head) != max(c.col + c.colspan for c in grid.cells) or any(c.colspan != 1 for c in head):
        return head_row, names, set(), set()
    units = {c.col for c, n in zip(head, names) if _ROLE_COLUMN.match(n)}
    whens = {c.col for c, n in zip(head, names) if _WHEN_COLUMN.match(n)}
    return head_row, names, units, whens


def _units_one_paragraph(grid: Grid) -> None:
    """A unit cell's lines broken by <br> are its units: one paragraph,
    joined with 、 (wrapped, `市水利局` over `市财政局` would read as one name)."""
    head_row, _, units, _ = _task_header(grid)
    for c in grid.cells:
        if c.row != head_row and c.col in units and len(c.lines) > 1:
            text = c.lines[0].strip()
            for p in c.lines[1:]:
                p = p.strip()
                glue = "、" if text and p and not _CELL_PUNCT.search(text) and not _CELL_PUNCT.search(p) else ""
                text += glue + p
            c.lines = [text]


def _rows_on_one_line(grid: Grid, spans: dict) -> dict[int, str]:
    """A task table whose units sit in more than one column (牵头单位 |
    配合单位 | 完成时限): the page knows where each cell ends, which the
    wrapped lines no longer tell (a one-line lead cell beside a 配合单位 cell
    of two lines, a content cell broken by <br>). When every row has in each
    column a cell of its own (spanning no rows, but for unit and time cells,
    read again in each row) with text and no spaces, each row is given as one
    line, its cells a space apart, as the task parser reads such rows (and
    the header, its column names a space apart). Any other table stays as printed (an empty
    cell has no place in a line of cells). → {row: line}."""
    by_row: dict[int, list[GridCell]] = {}
    for c in grid.cells:
        by_row.setdefault(c.row, []).append(c)
    head_row, names, units, whens = _task_header(grid)
    ncols = len(names)
    if not units or len(units | whens) < 2:
        return {}
    out = {head_row: " ".join(names)} if all(names) else {}
    for r, cells in by_row.items():
        # (a cell spanning rows in a unit or time column is read again in each row)
        if r == head_row:
            continue
        if len(cells) != ncols or any(
                c.colspan != 1 or (spans.get(id(c), 1) != 1 and c.col not in units | whens) for c in cells):
            return {}
        texts = []
        for c in sorted(cells, key=lambda c: c.col):
            pieces = [p.strip() for p in c.lines if p.strip()]
            if not pieces or any(_ITEM_START.match(p) for p in pieces[1:]):
                break
            text = "".join(pieces)
            if re.search(r"\s", text):
                break
            texts.append(text)
        else:
            out[r] = " ".join(texts)
            continue
        return {}
    return out


def _table(table, depth: int) -> list[str]:
    """The table as it would print: rows in order, cells wrapped at their
    column's width, a cell spanning rows read in its first row (and the rows
    of a task table with several unit columns on one line each, see
    `_rows_on_one_line`)."""
    grid = Grid()
    spans: dict[int, int] = {}
    taken: dict[tuple[int, int], GridCell] = {}      # grid position → the cell over it
    for r, row in enumerate(_rows(table)):
        col = 0
        fresh_left = None                  # the first column where a cell with text begins in this row
        child = row.child
        while child is not None:
            if child.tag in ("td", "th") and not _is_clutter(child):
                while (r, col) in taken:
                    col += 1
                attrs = child.attributes or {}
                rs, cs = _span(attrs.get("rowspan"), 200), _span(attrs.get("colspan"), 50)
                width, percent = _declared_width(attrs)
                cell = GridCell(r, col, cs, _cell_lines(child, depth), width, percent)
                grid.cells.append(cell)
                spans[id(cell)] = rs
                for dr in range(rs):
                    for dc in range(cs):
                        taken[(r + dr, col + dc)] = cell
                if cell.lines and fresh_left is None:
                    fresh_left = col
                col += cs
            child = child.next
        # A cell spanning rows to the right of a cell that begins in this row
        # (one 牵头单位 or 完成时限 over two tasks) belongs to this row too: it
        # is read again here. Cells spanning rows left of every new cell (序号,
        # a 任务 heading over its items) group the rows: read once, in the first.
        if fresh_left is not None:
            for origin in {id(c): c for (rr, _), c in taken.items() if rr == r and c.row < r}.values():
                if origin.col > fresh_left:
                    again = GridCell(r, origin.col, origin.colspan, list(origin.lines), origin.declared, origin.percent)
                    grid.cells.append(again)
                    spans[id(again)] = 1
    kinds = {c.percent for c in grid.cells if c.declared}
    if len(kinds) > 1:              # percentages and lengths mixed: not comparable
        for c in grid.cells:
            c.declared = None
    _units_one_paragraph(grid)
    one_line = _rows_on_one_line(grid, spans)
    if not one_line:
        return emit(grid)
    # such a row goes through `emit` as a marker (kept whole, in its place)
    marks = {}
    for r, text in one_line.items():
        mark = f"\ue000{r}\ue000"
        marks[mark] = text
        row_cells = [c for c in grid.cells if c.row == r]
        grid.cells = [c for c in grid.cells if c.row != r]
        grid.cells.append(GridCell(r, 0, max(c.col + c.colspan for c in row_cells), [mark]))
    return [marks.get(ln, ln) for ln in emit(grid)]


# --- metadata --------------------------------------------------------------------------------

def iso_date(text: str) -> Optional[str]:
    m = _DATE.search(text or "")
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def normalize_number(text: str) -> str:
    """发文字号 as GB/T 9704 prints it: 〔year〕 whatever brackets the page used."""
    text = "".join(text.split())
    return re.sub(r"[\[［【（(〔]\s*((?:19|20)\d\d)\s*[\]］】）)〕]", r"〔\1〕", text)


def _meta_value(key: str, value: str):
    value = clean_text(value)
    if not value:
        return None
    if key in ("signed_date", "published_date", "effective_date"):
        return iso_date(value)
    if key == "doc_number":
        return normalize_number(value) if re.search(r"(?:19|20)\d\d", value) else None
    return value


def _metadata(tree) -> tuple[dict, list, set]:
    """Label/value pairs of the 信息公开 block, the nodes that hold them, and
    those of these holding their value too (发布时间：2025-03-12 in one span)."""
    meta: dict = {}
    holders = []
    own: set = set()
    for node in tree.css("td, th, span, li, div, dt, dd, p, b, strong, label, em"):
        if _has_block_child(node):
            continue                # only leaf-ish holders
        text = clean_text(node.text(separator=" ") or "")
        if not text or len(text) > 200:
            continue
        m = _LABEL.match(_norm_label(text))
        if not m:
            continue
        key = _LABELS[m.group("label")]
        rest = m.group("rest").strip()
        value = rest
        if not value:
            nxt = node.next
            while nxt is not None and (nxt.tag == "-text" and not (nxt.text_content or "").strip()):
                nxt = nxt.next
            if nxt is None:
                continue
            value = nxt.text(separator=" ") if nxt.tag != "-text" else nxt.text_content
            value = value or ""
            if _LABEL.match(_norm_label(clean_text(value))):
                continue
        parsed = _meta_value(key, value)
        if parsed and key not in meta:
            meta[key] = parsed
            holders.append(node)
            if rest:
                own.add(node.mem_id)
    for node in tree.css("meta[name]"):
        key = _META_TAGS.get((node.attributes.get("name") or "").lower())
        content = node.attributes.get("content") or ""
        if key and key not in meta:
            parsed = _meta_value(key, content)
            if parsed:
                meta[key] = parsed
    return meta, holders, own


_CONTAINERS = {"td", "th", "li", "div", "p", "table", "tr", "tbody", "ul", "ol", "dl", "section", "article"}


def _has_block_child(node) -> bool:
    child = node.child
    while child is not None:
        if child.tag in _CONTAINERS:
            return True
        child = child.next
    return False


def _norm_label(text: str) -> str:
    """Labels are printed spaced out (标　　题：, 索 引 号:)."""
    m = re.match(r"^((?:[\u4e00-\u9fff][\s\u3000\xa0]*){2,5}[:：])", text)
    if m:
        return "".join(m.group(1).split()) + text[m.end():]
    return text


def _metadata_block(holders):
    """The smallest element holding all metadata labels (the table or list)."""
    if len(holders) < 2:
        return None
    chains = []
    for h in holders:
        chain = []
        node = h
        while node is not None:
            chain.append(node)
            node = node.parent
        chains.append(chain)
    first = chains[0]
    others = [{n.mem_id for n in c} for c in chains[1:]]
    for node in first:
        if all(node.mem_id in ids for ids in others):
            if node.tag in ("body", "html") or node.parent is None:
                return None
            return node
    return None


# --- attachments as file links -------------------------------------------------------------

_FILE_EXT = r"(?:docx?|xlsx?|et|wps|pdf|ofd|zip|rar|7z|txt|csv|pptx?)"
_FILE_HREF = re.compile(rf"\.{_FILE_EXT}(?:$|[?#])", re.I)
_FILE_SUFFIX = re.compile(rf"\s*[.．]{_FILE_EXT}\s*$", re.I)
_FILE_NUMBERING = re.compile(r"^(?:附\s*件\s*\d{0,2}\s*[:：.．、]?\s*)?(?:\d{1,2}\s*[.．、]|[（(]\d{1,2}[）)])?\s*")


def _prev_sibling(node):
    """The nearest sibling before `node` holding text (an element or text)."""
    prev = node.prev
    while prev is not None and (prev.tag in ("-comment",) or not (
            (prev.text_content if prev.tag == "-text" else prev.text(separator="")) or "").strip()):
        prev = prev.prev
    return prev


def _node_text(node) -> str:
    return "".join(((node.text_content if node.tag == "-text" else node.text(separator="")) or "").split())


def _has_file_link(node) -> bool:
    return node.tag != "-text" and any(_FILE_HREF.search((a.attributes or {}).get("href") or "")
                                       for a in node.css("a[href]"))


def _file_attachments(tree) -> list[str]:
    """The titles of the files a page attaches: links to documents (.docx,
    .xlsx, .pdf …) labelled 附件 — in the link's text, or by a label printed
    just before the link, its list or its box (附件：<a>…</a>, <p>附件下载：</p>
    <ul>…</ul>), or numbered on after such a link (附件：1.<a>X</a> / 2.<a>Y</a>)
    — outside site chrome; numbering and the file's extension removed."""
    out: list[str] = []
    accepted_blocks: set = set()
    accepted: set = set()
    for a in tree.css("a[href]"):
        if not _FILE_HREF.search((a.attributes or {}).get("href") or ""):
            continue
        chrome = any(_is_clutter(n) for n in _ancestors(a, 6))
        labelled = "附件" in _node_text(a)
        node = a
        for _ in range(3):                 # the link, its item, its list
            if labelled or node is None or node.tag in ("body", "html"):
                break
            prev = _prev_sibling(node)
            if prev is not None and prev.tag == node.tag and node is not a and _has_file_link(prev):
                # an item after an item holding an attachment (<li>, <p>): the list goes on
                labelled = any(x.mem_id in accepted for x in prev.css("a[href]"))
                break
            if prev is not None:
                text = _node_text(prev)
                labelled = (text.startswith("附件") or re.search(r"附件[^。；;]{0,4}[:：]?\d{0,2}[.．、]?$", text)) \
                    and not _has_file_link(prev)
                if not labelled and node is a and re.match(r"^\d{1,2}[.．、]?$", text):
                    # 2.<a>Y</a> below 附件：1.<a>X</a>: the list goes on
                    block = a.parent
                    before = _prev_sibling(block) if block is not None else None
                    labelled = before is not None and before.mem_id in accepted_blocks
                break
            node = node.parent
        if chrome or not labelled:
            continue
        accepted.add(a.mem_id)
        if a.parent is not None:
            accepted_blocks.add(a.parent.mem_id)
        title = clean_text(a.text(separator="") or "") or clean_text((a.attributes or {}).get("title") or "")
        title = _FILE_SUFFIX.sub("", _FILE_NUMBERING.sub("", title, count=1)).strip()
        if title and _CJK.search(title) and title not in out:
            out.append(title)
    return out


def _ancestors(node, n: int):
    out = []
    while node is not None and len(out) < n and node.tag not in ("body", "html"):
        out.append(node)
        node = node.parent
    return out


# --- the article ------------------------------------------------------------------------------

def _article(root):
    """The element holding most paragraph text (parent gets a paragraph's
    length, grandparent half of it)."""
    scores: dict[int, float] = {}
    nodes: dict[int, object] = {}
    for p in root.css("p, td, li, pre, h1, h2, h3, div, font, span"):
        if p.tag in ("div", "td", "font", "span") and _has_block_child(p):
            continue
        text = p.text(separator="") or ""
        n = len(_CJK.findall(text))
        if n < 8:
            continue
        parent = p.parent
        if parent is None:
            continue
        for node, share in ((parent, 1.0), (parent.parent, 0.5)):
            if node is None or node.tag in ("html", None):
                continue
            if node.tag in ("tr", "tbody", "thead", "table"):
                node = _up_out_of_table(node)
                if node is None:
                    continue
            scores[node.mem_id] = scores.get(node.mem_id, 0) + n * share
            nodes[node.mem_id] = node
    if not scores:
        return [root]
    best = max(scores, key=scores.get)
    node = nodes[best]
    parent = node.parent
    if parent is None or node.tag == "body":
        return [node]
    # siblings holding a good share of the text too (an article split into parts)
    out = []
    child = parent.child
    while child is not None:
        if child.mem_id == node.mem_id or scores.get(child.mem_id, 0) >= 0.2 * scores[best]:
            out.append(child)
        child = child.next
    return out


def _up_out_of_table(node):
    while node is not None and node.tag in ("tr", "tbody", "thead", "tfoot", "table"):
        node = node.parent
    return node


def read_html(data: bytes, name: str):
    from selectolax.lexbor import LexborHTMLParser

    from . import ReadResult

    text = _strip_junk(decode_html(data, name))
    if not text.strip():
        raise InputError(name, "is empty")
    tree = LexborHTMLParser(text)
    meta, holders, own = _metadata(tree)
    files = _file_attachments(tree)
    if files:
        meta["attachments"] = files
    page_title = None
    t = tree.css_first("title")
    if t is not None:
        page_title = clean_text(t.text() or "")
    block = _metadata_block(holders)
    label_text = sum(len(_CJK.findall(h.text(separator="") or "")) for h in holders)
    table = block if block is not None and block.tag == "table" else \
        (block.parent if block is not None and block.tag in ("tbody", "thead") and block.parent is not None else None)
    if table is not None and table.tag == "table":
        # a metadata table: its label rows go; a row of its own text (old
        # systems print the document in the table's last row) stays
        ids = {h.mem_id for h in holders}
        for tr in _rows(table):
            held = any(n.mem_id in ids for n in tr.css("*"))
            if held or len(_CJK.findall(tr.text(separator="") or "")) < 20:
                tr.decompose()
    elif block is not None and len(_CJK.findall(block.text(separator="") or "")) <= 3 * label_text + 300:
        block.decompose()
    else:                       # labels spread over the page: take out just them and their values
        for h in holders:
            nxt = h.next
            while nxt is not None and nxt.tag == "-text" and not (nxt.text_content or "").strip():
                nxt = nxt.next
            if nxt is not None and nxt.tag != "-text" and h.mem_id not in own \
                    and not _LABEL.match(_norm_label(clean_text(nxt.text() or ""))) and not _has_block_child(nxt):
                nxt.decompose()
            h.decompose()
    root = tree.body or tree.root
    if root is None:
        raise InputError(name, "is an HTML page without content")
    for node in root.css("script, style, noscript, template, iframe, nav, svg, select, textarea, button"):
        node.decompose()
    parts = _article(root)
    flow = _Flow()
    heading = _heading_before(root, parts[0]) if parts[0] is not root else None
    for part in parts:
        if part.tag == "table":
            flow.add_lines(_table(part, 0))
        else:
            flow.block()
            _walk(part, flow)
            flow.block()
    lines = [ln for ln in flow.done() if not _CLUTTER_LINE.search(ln)]
    # the page's heading above the article, unless the article prints it
    # itself (whole, or as 发文机关 and 标题 on lines of their own)
    if heading and _norm(heading) not in "".join(_norm(ln) for ln in lines[:6]):
        lines.insert(0, heading)
    lines = _without_repeated_title(lines)
    lines = _with_head(lines, meta, page_title)
    if not lines:
        raise InputError(name, "is an HTML page without text")
    meta = {k: v for k, v in meta.items() if v}
    return ReadResult([Line(t, no, None) for no, t in enumerate(lines, start=1)], meta, "html")


def _without_repeated_title(lines: list[str]) -> list[str]:
    """A page's title element inside the article box, above the document's
    own head printing it again (whole, or as 发文机关 and 标题 on lines of
    their own): the page's copy goes, the document's layout stays."""
    for i in range(min(6, len(lines))):
        n = _norm(lines[i])
        if len(n) < 8:
            continue
        for j in range(i + 1, min(i + 4, len(lines))):        # (right below: the head, not a 署名)
            for k in (1, 2, 3):
                if j + k <= len(lines) and _norm("".join(lines[j:j + k])) == n:
                    return lines[:i] + lines[i + 1:]
    return lines


def _heading_before(root, article) -> Optional[str]:
    """An <h1>/<h2> (or .title) outside the article that comes before it."""
    order = {n.mem_id: k for k, n in enumerate(root.css("*"))}
    pos = order.get(article.mem_id)
    if pos is None:
        return None
    best = None
    for h in root.css("h1, h2, h3, [class*=title], [id*=title]"):
        k = order.get(h.mem_id)
        if k is None or k >= pos or _is_clutter(h):
            continue
        text = clean_text(h.text(separator="") or "")
        if 4 <= len(text) <= 120 and _CJK.search(text):
            best = text
    return best


def _with_head(lines: list[str], meta: dict, page_title: Optional[str]) -> list[str]:
    """Put the title and 发文字号 first when the article does not print them."""
    head = [_norm(ln) for ln in lines[:12]]
    joined = "".join(head)
    out = list(lines)
    title = meta.get("title")
    number = meta.get("doc_number")
    if title and _norm(title) not in joined and not any(h and h in _norm(title) and len(h) >= 6 for h in head[:3]):
        out.insert(0, title)
        head.insert(0, _norm(title))
    if number:
        plain = re.sub(r"[〔〕\[\]［］【】（）()]", "", _norm(number))
        if not any(plain in re.sub(r"[〔〕\[\]［］【】（）()]", "", h) for h in head):
            at = 1 if title else 0
            for k, h in enumerate(head):
                if title and h and _norm(title).endswith(h[-6:]):
                    at = k + 1
                    break
            out.insert(at, number)
    return out
