"""Registers of intangible cultural heritage (非物质文化遗产名录).

Two printed tables are read from a document's attachments:

* 代表性项目名录 / 扩展项目名录 (items): 序号, 项目编号, 项目类别, 项目名称,
  申报地区或单位, 项目保护单位 — in whatever order the header row gives;
* 代表性传承人名单 (inheritors): 序号, 项目编号, 项目类别, 项目名称, 项目批次,
  姓名, 性别, 所属县（市、区）, 项目保护单位 — idem.

The tables arrive linearized by a PDF tool: one cell or cell fragment per line,
the cells of one visual line joined by a space, wrapped cells split over lines,
merged cells (合并单元格) printed once, the header row repeated under each group
heading (一、传统技艺（24项）) and at page breaks, and sometimes the next row's
序号 glued to the end of a line (`…文化馆7 李红 女`).

How a row is read. The header row gives the column order. The cells that have
a shape — 编号 `Ⅷ-62`, 类别 (one of the ten 非遗 categories), 批次 `第十一批市级`,
性别 男/女 — are found in that order as anchors; the free text between two
anchors goes to the free columns between them. Where several free columns share
one stretch (项目名称 + 申报地区 + 保护单位), the cheapest split wins: a space on
one line separates cells, a place is one short fragment, brackets balance, and
a wrapped cell's earlier fragments fill the column. A row that omits its
编号 (or, lacking that column, its 类别 or 批次; in a 传承人 list, its 项目名称)
is a merged-cell row: it inherits what it does not print from the row above.

Reads: a document's lines (furniture removed). Writes: `HeritageItem` and
`Inheritor` records, each with the source lines of its row.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..records import HeritageItem, Inheritor, Source
from . import patterns as P
from .lines import Line, find_lines, framed_text
from .reflow import tidy

# 非遗十大门类 (the national classification since 2008), and the 2006 names some
# registers still print. Categories named by group headings are added per document.
CATEGORIES = (
    "民间文学", "传统音乐", "传统舞蹈", "传统戏剧", "曲艺", "传统体育、游艺与杂技",
    "传统美术", "传统技艺", "传统医药", "民俗",
    "民间音乐", "民间舞蹈", "杂技与竞技", "民间美术", "传统手工技艺", "游艺与杂技",
)

# 项目编号: a Roman numeral (Unicode Ⅷ or ASCII VIII), a dash, a number: Ⅷ-62.
_ROMAN = r"(?:[\u2160-\u216b]{1,3}|[IVX]{1,5})"
_DASH = r"[-－—–‐]"
_ROMAN_FIRST = frozenset("".join(map(chr, range(0x2160, 0x216c))) + "IVX")   # how _ROMAN starts
_BATCH_FIRST = frozenset("第")                                                # how BATCH_AT starts
CODE = re.compile(rf"^{_ROMAN}\s*{_DASH}\s*\d{{1,4}}(?:\s*{_DASH}\s*\d{{1,3}})?$")
CODE_HEAD = re.compile(rf"^{_ROMAN}\s*{_DASH}$")          # a code wrapped after its dash
# 项目批次: 第十一批市级, 第二批国家级扩展项目, 第三批省级（2011年）.
BATCH_AT = re.compile(
    rf"第[{P.CN_NUM}\d]{{1,4}}批(?:(?:国家|省|自治区|直辖市|市|州|盟|地区|县|区|旗)级)?"
    r"(?:扩展(?:项目)?)?(?:[（(](?:19|20)\d\d年?[）)])?")
GENDERS = ("男", "女")

# 一、传统技艺（24 项） — a group heading inside a register.
GROUP_HEADING = re.compile(
    rf"^[{P.CN_NUM}]{{1,3}}\s*[、.．]\s*(?P<cat>[^\d（()）:：，。]{{2,14}}?)\s*"
    r"(?:[（(]\s*\d{1,4}\s*[项人个名]\s*[）)])?$")
COUNT_LINE = re.compile(r"^[（(]\s*共\s*计?\s*[:：]?\s*\d+\s*[项人个名]\s*[）)]$")   # （共计：40 项）
# Where a table stops: labelled lines (咨询单位：…), sentences.
TABLE_END = re.compile(r"[:：。；;]")

# Header row words; a header line is made of nothing else (spaced out or not).
HEADER_LINE = re.compile(
    r"^(?:序号|序|号|项目|编号|类别|类型|名称|申报|地区|或|单位|保护|批次|级别|姓名|性别|"
    r"所属|所在|县|市|区|地|[（(]县?、?市、区[）)]|传承人|民族|出生年月|年龄|备注|代表性)+$")
HEADER_FIRST = frozenset("序号项编类名申地或单保批级姓性所县市区（(传民出年备代")
COLUMN_KEY = re.compile(
    r"(?P<seq>序号)|(?P<code>(?:项目)?编号)|(?P<category>(?:项目)?类[别型])|"
    r"(?P<unit>(?:项目)?保护单位)|(?P<batch>(?:项目)?批次|级别)|(?P<person>姓名|传承人)|"
    r"(?P<gender>性别)|(?P<name>(?:项目)?名称)|"
    r"(?P<place>申报地区或单位|申报地区|申报单位|所属县[（(]县?、?市、区[）)]|县[（(]市、区[）)]|"
    r"所属[县地]?区?县?|所在地区?|地区)")

SHAPED = frozenset(("code", "category", "batch", "gender"))
FREE = frozenset(("name", "place", "unit", "person"))
# The project's own cells, which a merged-cell row leaves out (gender is the person's).
MERGEABLE_SHAPED = ("code", "category", "batch")
# Last characters of a body's name (保护单位) and of a place (申报地区, 所属县).
UNIT_SUFFIXES = ("公司", "馆", "会", "中心", "社", "所", "院", "团", "厂", "店", "室", "站", "村",
                 "委", "局", "队", "组", "部", "坊", "堂", "庄", "园", "校", "学")
PLACE_SUFFIXES = ("县", "市", "区", "旗", "盟", "州", "镇", "乡")
OPEN_BR, CLOSE_BR = "（(“《[", "）)”》]"
_CJK_CHAR = re.compile(rf"^[{P.CJK}]$")
_DIGITS = re.compile(r"(?<!\d)(\d{1,3})(?!\d)")
_GLUE_BEFORE = re.compile(rf"[{P.CJK}）) ]")
ROW_START = re.compile(r"^(?P<n>\d{1,3})(?:\s+(?P<rest>\S.*)|(?P<glued>[\u2160-\u216b].*))?$")
MAX_SPLIT_TOKENS = 14          # more fragments than this in one stretch is not a table row


# --- the scan: tables, headers, rows ------------------------------------------------

@dataclass
class _Row:
    seq: int
    frags: list[tuple[str, Line]]        # (text, source line); the first without its 序号
    layout: tuple[str, ...]              # column kinds in header order
    kind: str                            # representative | extension (from the list title)
    heading: Optional[str]               # category named by the group heading above

    @property
    def lines(self) -> list[Line]:
        out: list[Line] = []
        for _, ln in self.frags:
            if not out or out[-1] is not ln:
                out.append(ln)
        return out


def _compact(text: str) -> str:
    return text.replace(" ", "")


def _is_header_line(text: str) -> bool:
    return text[:1] in HEADER_FIRST and bool(HEADER_LINE.match(_compact(text)))


def _layout(header: str) -> tuple[str, ...]:
    """Column kinds in printed order, from the header row's words run together
    (序号 first: a row is found by the number it starts with)."""
    out: list[str] = []
    for m in COLUMN_KEY.finditer(header):
        if m.lastgroup not in out:
            out.append(m.lastgroup)
    if "seq" in out:
        out.remove("seq")
        out.insert(0, "seq")
    return tuple(out)


def _header_at(lines: list[Line], i: int, heritage: bool = False) -> tuple[int, tuple[str, ...]]:
    """(end index, layout) when a header row starts at lines[i], else (i, ())."""
    j = i
    while j < len(lines) and j - i < 16 and _is_header_line(lines[j].text):
        j += 1
    if j == i:
        return i, ()
    layout = _layout("".join(_compact(ln.text) for ln in lines[i:j]))
    return (j, layout) if _is_register(layout, heritage) else (i, ())


def _is_register(layout: tuple[str, ...], heritage: bool = False) -> bool:
    """A 名录 (序号 + 项目名称 + 编号/类别/保护单位) or a 传承人名单 (序号 + 姓名 +
    a project column) — not any roster that has 序号 and 姓名. In a document
    about 非物质文化遗产, 序号 + 项目名称 + 申报地区 is a 名录 too (new items
    have no 编号 yet; their 类别 is the group heading)."""
    if "seq" not in layout:
        return False
    if "person" in layout:
        return any(k in layout for k in ("code", "category", "name", "batch"))
    return "name" in layout and any(k in layout for k in ("code", "category", "unit") + (("place",) if heritage else ()))


def _list_kind(text: str) -> Optional[str]:
    """The list a title line announces (…扩展…名录 → extension), or None."""
    if ("名录" not in text and "名单" not in text) or len(text) > 60 or TABLE_END.search(text) \
            or text[:1].isdigit():
        return None
    return "extension" if "扩展" in text else "representative"


def _ends_table(text: str) -> bool:
    """A line no table cell is: a labelled line or sentence, the 咨询与解读 title,
    an attachment label, a date."""
    first = text[0]
    return bool(TABLE_END.search(text)
                or (first in "咨政扫" and P.CONTACT_TITLE.match(text))
                or (first == "附" and P.ATTACHMENT_LABEL.match(text))
                or (first.isdigit() and "年" in text and P.DATE_LINE.match(text)))


def _row_number(text: str, expected: Optional[int]) -> Optional[tuple[int, str]]:
    """(序号, rest of the line) when the line starts the next row."""
    m = ROW_START.match(text) if text[:1].isdigit() else None
    if not m:
        return None
    n = int(m.group("n"))
    rest = (m.group("rest") or m.group("glued") or "").strip()
    if expected is None or n == expected:
        return (n, rest) if n >= 1 else None
    first = rest.split(" ", 1)[0]
    if expected < n <= expected + 3 and CODE.match(first):      # a number skipped in print
        return n, rest
    return None


def _plausible_row(rest: str, layout: tuple[str, ...]) -> bool:
    """Does `rest` (after a glued 序号) read as the start of a row: a code, or
    (in a 传承人 list) a name and a gender?"""
    parts = rest.split()
    if not parts:
        return False
    if CODE.match(parts[0]):
        return True
    return "gender" in layout and any(p in GENDERS for p in parts[1:4])


def _split_glued(text: str, expected: int, layout) -> Optional[tuple[str, str]]:
    """`某县文化馆7 李红 女` → (`某县文化馆`, `7 李红 女`): the next
    row's 序号, glued after a word (never inside a code like Ⅱ-19)."""
    number = str(expected)
    if number not in text:
        return None
    for m in _DIGITS.finditer(text):
        if m.group(1) != number or m.start() == 0 or not _GLUE_BEFORE.match(text[m.start() - 1]):
            continue
        rest = text[m.end():].strip()
        if _plausible_row(rest, layout):
            return text[:m.start()].strip(), f"{number} {rest}"
    return None


class _Scanner:
    """Walks a document's lines; collects the rows of every register table."""

    def __init__(self, heritage: bool = False) -> None:
        self.heritage = heritage                # the document speaks of 非物质文化遗产
        self.rows: list[_Row] = []
        self.headings: set[str] = set()
        self.layout: tuple[str, ...] = ()
        self.kind = "representative"
        self.heading: Optional[str] = None
        self.expected: Optional[int] = None
        self.expected_text = ""                 # str(expected) once a row has set it
        self.row: Optional[_Row] = None

    def close_row(self) -> None:
        if self.row is not None:
            self.rows.append(self.row)
            self.row = None

    def run(self, lines: list[Line]) -> "_Scanner":
        i, n = 0, len(lines)
        while i < n:
            ln = lines[i]
            # _header_at finds nothing unless the line is a header line
            if ln.text[:1] in HEADER_FIRST and _is_header_line(ln.text):
                end, layout = _header_at(lines, i, self.heritage)
                if layout:                    # a header row, first or repeated
                    self.close_row()
                    self.layout, i = layout, end
                    continue
            self.line(ln)
            i += 1
        self.close_row()
        return self

    def line(self, ln: Line) -> None:
        text = ln.text
        if not text:
            return
        title = _list_kind(text) if "名录" in text or "名单" in text else None
        if title:                             # 第…批…代表性项目（扩展）名录
            self.close_row()
            self.kind, self.layout, self.heading, self.expected = title, (), None, None
            return
        m = GROUP_HEADING.match(text) if text[0] in P.CN_NUM else None
        if not self.layout:
            # a group heading may stand above the table's first header row
            if m and (_compact(m.group("cat")) in CATEGORIES or "（" in text or "(" in text):
                self.heading = _compact(m.group("cat"))
                self.headings.add(self.heading)
            return
        if m:                                 # 一、民间文学（2项）
            self.close_row()
            self.heading = _compact(m.group("cat"))
            self.headings.add(self.heading)
            return
        if text[0] in "（(" and COUNT_LINE.match(text):
            return
        if _ends_table(text):
            self.close_row()
            self.layout, self.expected = (), None
            return
        while True:
            start = _row_number(text, self.expected) if text[:1].isdigit() else None
            if start is not None:
                self.close_row()
                n, text = start
                self.row = _Row(n, [], self.layout, self.kind, self.heading)
                self.expected = n + 1
                self.expected_text = str(n + 1)
            if self.row is None:
                return
            # (a row is open only after its 序号 set expected)
            glued = _split_glued(text, self.expected, self.layout) if self.expected_text in text else None
            if not glued:                     # the next row's 序号 is not glued here
                self.row.frags.append((text, ln))
                return
            head, text = glued
            if head:
                self.row.frags.append((head, ln))


# --- tokens and anchors -------------------------------------------------------------

@dataclass(slots=True)
class _Tok:
    text: str
    nl: bool          # first token of its source line (else a space precedes it)


def _merge_spaced(parts: list[str], keep: tuple[str, ...]) -> list[str]:
    """Join a spaced-out word (`李 红`, `民 俗`: single characters between spaces)
    and a bracket set apart by a stray space (`竹编 ）`)."""
    out: list[str] = []
    single_run = False                    # out[-1] was built from single characters
    for p in parts:
        if not p:
            continue
        single = p not in keep and bool(_CJK_CHAR.match(p))
        if out and (p[0] in CLOSE_BR or p[0] in "，、" or out[-1][-1] in OPEN_BR):
            out[-1] += p
            single_run = False
        elif out and single and single_run:
            out[-1] += p
        else:
            out.append(p)
            single_run = single
    return out


def _tokens(frags: list[tuple[str, Line]], keep: tuple[str, ...]) -> list[_Tok]:
    toks: list[_Tok] = []
    for text, _ in frags:
        if " " not in text:
            if text:
                toks.append(_Tok(text, True))
            continue
        for k, part in enumerate(_merge_spaced(text.split(" "), keep)):
            toks.append(_Tok(part, k == 0))
    return toks


def _consume(toks: list[_Tok], i: int, size: int) -> int:
    """The index after the tokens holding the first `size` characters from
    toks[i]; a token the cell ends inside is split (`级李红` → `级`, `李红`)."""
    j = i
    while size > 0 and j < len(toks):
        text = toks[j].text
        if len(text) > size:
            toks[j:j + 1] = [_Tok(text[:size], toks[j].nl), _Tok(text[size:], False)]
        size -= len(toks[j].text)
        j += 1
    return j


@dataclass(frozen=True)
class _Categories:
    """The category names a register may print, as one pattern (longest first),
    and the characters they start with (None when one is empty)."""
    pattern: re.Pattern
    first: Optional[frozenset]


@lru_cache(maxsize=32)
def _categories(cats: tuple[str, ...]) -> _Categories:
    pattern = re.compile("|".join(re.escape(c) for c in sorted(cats, key=len, reverse=True)))
    return _Categories(pattern, None if "" in cats else frozenset(c[0] for c in cats))


def _anchor_at(kind: str, toks: list[_Tok], i: int, cats: _Categories) -> Optional[tuple[int, str]]:
    """(end, value) when a cell of the shaped `kind` starts at toks[i]. 类别 and
    批次 may be wrapped (`传统` / `音乐`, `第四批国家级` / `扩展项目`) or share a
    token with the next cell."""
    text = toks[i].text
    if kind == "gender":
        return (i + 1, text) if text in GENDERS else None
    if kind == "code":
        if CODE.match(text):
            return i + 1, _compact(text)
        if CODE_HEAD.match(text) and i + 1 < len(toks) and toks[i + 1].text.isdigit():
            return i + 2, _compact(text + toks[i + 1].text)
        return None
    if kind == "batch":
        m = BATCH_AT.match("".join([t.text for t in toks[i:i + 3]])) if text[0] == "第" else None
    elif kind == "category":
        m = cats.pattern.match("".join([t.text for t in toks[i:i + 8]]))
    else:
        m = None
    return (_consume(toks, i, m.end()), m.group()) if m else None


@lru_cache(maxsize=32)
def _free_before(layout: tuple[str, ...]) -> tuple[int, ...]:
    """How many free columns precede each column (one more entry for the end)."""
    counts = [0]
    for kind in layout:
        counts.append(counts[-1] + (kind in FREE))
    return tuple(counts)


def _find_anchors(layout, toks, cats: _Categories) -> list[tuple[int, int, int, str]]:
    """Shaped cells in header order: (column, start, end, value). An anchor may
    follow free text only when a free column lies between it and the last one."""
    found: list[tuple[int, int, int, str]] = []
    cursor, last_col = 0, 0
    free_before = _free_before(layout)
    for col, kind in enumerate(layout):
        if kind not in SHAPED:
            continue
        may_skip = free_before[col] > free_before[last_col + 1]     # a free column between
        stop = len(toks) if may_skip else min(cursor + 1, len(toks))
        # the first character each kind can start with (the tests _anchor_at starts with)
        firsts = _ROMAN_FIRST if kind == "code" else _BATCH_FIRST if kind == "batch" else \
            cats.first if kind == "category" else None
        for s in range(cursor, stop):
            text = toks[s].text
            if (firsts is not None and text[0] not in firsts) or (kind == "gender" and text not in GENDERS):
                continue
            hit = _anchor_at(kind, toks, s, cats)
            if hit:
                found.append((col, s, hit[0], hit[1]))
                cursor, last_col = hit[0], col
                break
    return found


# --- splitting free text over free columns ------------------------------------------

def _balanced(text: str) -> bool:
    if "（" not in text and "(" not in text and "）" not in text and ")" not in text:
        return True
    return text.count("（") + text.count("(") == text.count("）") + text.count(")")


def _text(group: list[_Tok], kind: str) -> str:
    """A cell's text: fragments reflowed; a person's name without spaces."""
    if kind == "person":
        return "".join(t.text for t in group).replace(" ", "")
    return tidy("".join(("" if t.nl or k == 0 else " ") + t.text for k, t in enumerate(group)))


def _empty_cost(mergeable: bool, continuation: bool) -> float:
    if mergeable:
        return 0.3 if continuation else 2.0
    return 6.0


def _split(toks: list[_Tok], kinds: list[str], mergeable: list[bool],
           continuation: bool, strict: bool = True) -> list[list[_Tok]]:
    """Share `toks` out over the columns `kinds` (in order) at the least cost, by
    dynamic programming over (column, first token). With `strict`, a space
    between two tokens always separates cells."""
    k, m = len(kinds), len(toks)
    if k == 1:
        return [toks]
    if m == 0:
        return [[] for _ in kinds]
    if m > MAX_SPLIT_TOKENS:                  # not a table row: one token per column
        return [toks[i:i + 1] for i in range(k - 1)] + [toks[k - 1:]]
    ends: list[list[tuple[int, tuple]]] = []  # per start: (end, stats) of each possible cell
    texts = [t.text for t in toks]
    sizes = [len(t) for t in texts]
    nls = [t.nl for t in toks]
    # what the cost of the cell toks[s:e] depends on, for e = s + 1, …: (text, fragments,
    # spaced fragments, balanced, short non-last fragments, later fragments not opening a bracket)
    for s in range(m):
        text = texts[s]
        options = [(s + 1, (text, 1, 0, _balanced(text), 0, 0))]
        spaced = unbracketed = 0
        widest = sizes[s]
        e = s + 1
        while e < m and (nls[e] or not strict):
            if not nls[e]:
                spaced += 1
            if texts[e][0] not in OPEN_BR:
                unbracketed += 1
            if sizes[e] > widest:
                widest = sizes[e]
            text += texts[e]
            e += 1
            floor = 0.6 * widest
            short = 0
            for size in sizes[s:e - 1]:
                if size < floor:
                    short += 1
            options.append((e, (text, e - s, spaced, _balanced(text), short, unbracketed)))
        ends.append(options)
    inf = float("inf")
    after = [inf] * m + [0.0]                 # cost of the columns right of c, from token s
    choice: list[list[int]] = []
    for c in range(k - 1, -1, -1):
        kind = kinds[c]
        empty = _empty_cost(mergeable[c], continuation)
        here = [cost + empty for cost in after]      # the column left empty
        to = list(range(m + 1))
        place, person, unit = kind == "place", kind == "person", kind == "unit"
        # the first column starts at the first token: no other start is looked up
        for s in (range(m) if c else (0,)):
            best = here[s]
            for e, stats in ends[s]:
                cost = after[e]
                if cost < inf:
                    # how unlikely the fragments are one cell of `kind` (lower is better), written
                    # out here rather than called: this loop runs for every column × start × end
                    text, n, spaced, balanced, short_wraps, unbracketed = stats
                    cell = 8.0 * spaced + (0.0 if balanced else 5.0)   # a space separates cells
                    if place:                  # 申报地区, 所属县: one short fragment
                        size = len(text)
                        cell += 4.0 * (n - 1) + (2.0 if size > 8 else (-0.5 if size <= 4 else 0.0))
                        if text.endswith(PLACE_SUFFIXES):
                            cell -= 0.5
                        elif text.endswith(UNIT_SUFFIXES):
                            cell += 1.0
                    elif person:               # 姓名, maybe with （别名） below
                        cell += 2.0 * unbracketed + (2.0 if len(text) > 8 else 0.0)
                    else:                      # a wrapped cell fills its column before it wraps
                        cell += 3.0 * short_wraps
                        if unit:
                            cell += -0.3 if text.endswith(UNIT_SUFFIXES) else 0.5
                    cost += cell
                    if cost < best:
                        best, to[s] = cost, e
            here[s] = best
        after = here
        choice.append(to)
    if after[0] == inf:
        return _split(toks, kinds, mergeable, continuation, strict=False)
    choice.reverse()
    groups, s = [], 0
    for c in range(k):
        e = choice[c][s]
        groups.append(toks[s:e])
        s = e
    return groups


# --- rows to fields -----------------------------------------------------------------

def _fields(row: _Row, cats: _Categories, key_kind: str) -> tuple[dict, bool]:
    """The row's printed cells by column kind, and whether it is a merged-cell row
    (one that omits the first of its 编号/类别/批次 cells). `key_kind` is never merged."""
    layout = row.layout
    toks = _tokens(row.frags, GENDERS if "gender" in layout else ())
    anchors = _find_anchors(layout, toks, cats)
    values = {layout[col]: value for col, _, _, value in anchors}
    leading = next((k for k in layout if k in MERGEABLE_SHAPED), None)
    continuation = leading is not None and leading not in values
    bounds = [(0, 0, 0)] + [(col, s, e) for col, s, e, _ in anchors] + [(len(layout), len(toks), len(toks))]
    for (col_a, _, end_a), (col_b, start_b, _) in zip(bounds, bounds[1:]):
        kinds = [layout[c] for c in range(col_a + 1, col_b) if layout[c] in FREE]
        if not kinds or end_a >= start_b:
            continue
        groups = _split(toks[end_a:start_b], kinds, [k != key_kind for k in kinds], continuation)
        for kind, group in zip(kinds, groups):
            if group:
                values[kind] = _text(group, kind)
    return values, continuation


def _inherit(values: dict, row: _Row, continuation: bool, prev: Optional[tuple[_Row, dict]],
             cats: tuple[str, ...]) -> None:
    """Fill what merged cells (合并单元格) left out of the row from the row above
    (same list); a missing 类别 from the group heading when the group changed."""
    above_row, above = prev if prev else (None, {})
    if continuation:
        for kind, value in above.items():
            values.setdefault(kind, value)
    if "batch" in row.layout and "batch" not in values and "batch" in above:
        values["batch"] = above["batch"]
    if "category" not in values:
        if above_row is not None and above_row.heading == row.heading and "category" in above:
            values["category"] = above["category"]
        elif row.heading in cats:
            values["category"] = row.heading


_SEQ_START = re.compile("\n序")       # lines starting so (find_lines)


def _scan(lines: list[Line], framed: Optional[str] = None) -> Optional[_Scanner]:
    """The register rows of a document, or None when it prints no register header."""
    if framed is None:
        framed = framed_text(lines)
    if "\n序" not in framed or not any(lines[k].text[:1] == "序" and _is_header_line(lines[k].text)
                                       for k in find_lines(lines, _SEQ_START, framed)):
        return None                                       # no register header (序号 …)
    return _Scanner("非物质文化遗产" in framed).run(lines)


def _records(scan: Optional[_Scanner], want_person: bool) -> list[tuple[_Row, dict]]:
    """Rows of the wanted tables with their cells, merged cells filled in."""
    if scan is None:
        return []
    cats = CATEGORIES + tuple(sorted(scan.headings - set(CATEGORIES)))
    patterns = _categories(cats)
    key_kind = "person" if want_person else "name"
    out: list[tuple[_Row, dict]] = []
    prev: Optional[tuple[_Row, dict]] = None
    for row in scan.rows:
        if ("person" in row.layout) != want_person:
            continue
        if prev and (row.kind != prev[0].kind or row.seq <= prev[0].seq):
            prev = None                                   # another list begins
        values, continuation = _fields(row, patterns, key_kind)
        if want_person and "name" in row.layout and "name" not in values:
            continuation = True                           # a person without a project
        _inherit(values, row, continuation, prev, cats)
        if values.get(key_kind):
            prev = (row, values)
            out.append((row, values))
    return out


def _items(scan: Optional[_Scanner], document: str, file: str) -> list[HeritageItem]:
    return [HeritageItem(
        document=document, list=row.kind, seq=row.seq,
        code=v.get("code"), category=v.get("category"), name=v["name"],
        region=v.get("place"), protection_unit=v.get("unit"),
        source=Source.span(file, row.lines)) for row, v in _records(scan, want_person=False)]


def _inheritors(scan: Optional[_Scanner], document: str, file: str) -> list[Inheritor]:
    return [Inheritor(
        document=document, seq=row.seq, code=v.get("code"), category=v.get("category"),
        project=v.get("name"), batch=v.get("batch"), name=v["person"], gender=v.get("gender"),
        county=v.get("place"), protection_unit=v.get("unit"),
        source=Source.span(file, row.lines)) for row, v in _records(scan, want_person=True)]


def parse_heritage(lines: list[Line], document: str, file: str,
                   framed: Optional[str] = None) -> tuple[list[HeritageItem], list[Inheritor]]:
    """Items and inheritors of one document, its lines scanned once."""
    scan = _scan(lines, framed)
    return _items(scan, document, file), _inheritors(scan, document, file)


def parse_heritage_items(lines: list[Line], document: str, file: str) -> list[HeritageItem]:
    """Items of the 代表性项目名录 and 扩展项目名录 tables in one document."""
    return _items(_scan(lines), document, file)


def parse_inheritors(lines: list[Line], document: str, file: str) -> list[Inheritor]:
    """People of the 代表性传承人名单 tables in one document."""
    return _inheritors(_scan(lines), document, file)
