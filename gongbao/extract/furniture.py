"""Stage 3, page furniture: drop running headers, page numbers and boxes.

Reads: `Line`s of a whole input. Writes: the lines without page headers, page
numbers and 咨询与解读 boxes, with `page` set where the page can be known, plus
the boxes themselves (`ContactBox`, kept with their position so the document
segmentation can give each to its document) and the gazette's title and issue.

Headers are found by shape and repetition, never by a fixed string: a line is a
running header when it stands next to a page number and recurs (word order may
alternate between odd and even pages), or when it names a 公报 and its issue.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from itertools import compress, count, repeat
from operator import attrgetter, is_not
from typing import Optional

from . import patterns as P
from .lines import Line, find_lines, framed_text
from .segment import is_signature_line


@dataclass
class ContactBox:
    unit: str
    phone: Optional[str]
    lines: list[Line]

    @property
    def no(self) -> int:
        return self.lines[0].no


@dataclass
class Cleaned:
    lines: list[Line]
    boxes: list[ContactBox] = field(default_factory=list)
    gazette: Optional[dict] = None


def _shape(text: str) -> tuple:
    return tuple(sorted(text.split()))


def _header_shapes(lines: list[Line], numbers: set[int]) -> set[tuple]:
    """Shapes of the lines that stand next to at least two different page
    numbers. (Counting occurrences would take a line that stands twice by the
    same number — a cell's last character, 局, wrapped above and below a page
    break inside a table — for a header.)"""
    near: dict[tuple, set[int]] = {}
    for i in numbers:
        for j in (i - 2, i - 1, i + 1, i + 2):
            if 0 <= j < len(lines) and j not in numbers and len(lines[j].text) <= 40:
                text = lines[j].text
                if not (P.CONTACT_TITLE.match(text) or P.CONTACT_UNIT.match(text)
                        or P.CONTACT_PHONE.match(text) or _document_element(text)):
                    near.setdefault(_shape(text), set()).add(i)
    return {shape for shape, by in near.items() if len(by) >= 2}


_SENTENCE_MARK = re.compile("[，。；]")


def _document_element(text: str) -> bool:
    """Lines that recur from document to document and may fall next to a
    page number more than once, yet are never a running header: a 署名 or
    issuer line, a 主送机关 line (ending with a colon, or wrapped: holding a
    comma), a 公开方式 note, a date, a 发文字号, a table's header row (序号 …),
    which a table printed over several pages repeats at each page's top."""
    return (text.endswith(("：", ":")) or _SENTENCE_MARK.search(text) is not None
            or text.startswith(("序号", "序 号"))
            or P.publication(text) is not None or is_signature_line(text)
            or (text.endswith("日") and bool(P.DATE_LINE.match(text) or P.CN_DATE_LINE.match(text)))
            or (text.endswith(("号", "）", ")")) and bool(P.DOC_NUMBER_LINE.match(text))))


def _gazette_header(text: str):
    """(title, issue) when the line names a 公报 and its issue, else None."""
    if len(text) > 40 or not ("公报" in text or "政报" in text):
        return None
    title, issue = P.GAZETTE_TITLE.search(text), P.GAZETTE_ISSUE.search(text)
    if title and issue:
        return title.group("title"), "".join(issue.group("issue").split())
    return None


def _page_number(text: str) -> Optional[int]:
    digits = re.findall(r"\d+", text)
    return int(digits[0]) if digits else None


def _assign_pages(lines: list[Line], starts: list[tuple[int, Optional[int]]]) -> None:
    """Number pages from `starts` (index where a page begins, printed number
    or None); the first printed number calibrates the count."""
    if not starts or any(map(is_not, map(_PAGE, lines), repeat(None))):      # a page set
        return
    if starts[0][0] != 0:
        starts.insert(0, (0, None))
    offset = next((n - (k + 1) for k, (_, n) in enumerate(starts) if n is not None), 0)
    bounds = [idx for idx, _ in starts] + [len(lines)]
    for k in range(len(starts)):
        page = k + 1 + offset
        if page > 0:
            for ln in lines[bounds[k]:bounds[k + 1]]:
                ln.page = page


_INDENT, _PAGE = attrgetter("indent"), attrgetter("page")

# How PAGE_NUMBER can start (besides a digit).
_PAGE_NUMBER_FIRST = frozenset("—–―-－第·•・")
# Lines starting so, and lines naming a 公报 (for find_lines).
_PAGE_NUMBER_START = re.compile("\n[" + re.escape("".join(sorted(_PAGE_NUMBER_FIRST))) + "\\d]")
_NAMES_GAZETTE = re.compile("报(?<=[公政]报)")
_CONTACT_START = re.compile("\n[咨解联]")       # how P.CONTACT_UNIT's lines start
# Rule lines: how they start (for find_lines), and what they hold.
_RULE_START = re.compile("\n[—\\-－_＿─━=＝]")
_RULE = re.compile(r"^[—\-－_＿─━=＝★☆\s]{4,}$")


def _bare_numbers(lines: list[Line], header_at: list[int]) -> set[int]:
    """Numbers printed alone (12, （12）) next to running headers: page numbers
    when they rise from header to header — at least two bracketed ones, or
    three bare ones (a table's row numbers can stand next to a header too)."""
    found: list[tuple[int, int, bool]] = []        # (line index, number, bracketed)
    for h in header_at:
        for j in (h - 2, h - 1, h + 1, h + 2):
            if 0 <= j < len(lines) and P.BARE_PAGE_NUMBER.match(lines[j].text):
                found.append((j, _page_number(lines[j].text), not lines[j].text[:1].isdecimal()))
                break
    values = [n for _, n, _ in found]
    if len(found) < 2 or any(b <= a for a, b in zip(values, values[1:])):
        return set()
    if not all(bracketed for _, _, bracketed in found) and len(found) < 3:
        return set()
    return {j for j, _, _ in found}


def strip_furniture(lines: list[Line]) -> Cleaned:
    page_number = P.PAGE_NUMBER.match
    framed = framed_text(lines)
    numbers = {i for i in find_lines(lines, _PAGE_NUMBER_START, framed) if page_number(lines[i].text)}
    headers = _header_shapes(lines, numbers)
    gazette = None
    drop: set[int] = set(numbers)
    named_at = find_lines(lines, _NAMES_GAZETTE, framed)
    for i in named_at:
        named = _gazette_header(lines[i].text)
        if named:
            drop.add(i)
            if gazette is None:
                gazette = {"title": named[0], "issue": named[1]}
    for shape in headers:
        # a line of this shape holds each of its words, the longest among them
        key = max(shape, key=len) if shape else ""
        holding = find_lines(lines, re.compile(re.escape(key)), framed) if key else range(len(lines))
        drop.update([i for i in holding if _shape(lines[i].text) in headers])
    header_at = sorted(drop - numbers)
    if header_at and not numbers:        # no page number in a shape of its own
        bare = _bare_numbers(lines, header_at) - drop
        if bare:
            numbers |= bare
            drop |= bare

    # Page starts: after a run of header/number lines, or (in text from PDF
    # tools that indent a page's first line) at a rare indented line.
    n = len(lines)
    indented = list(compress(count(), map(_INDENT, lines)))
    use_indent = 0 < len(indented) < max(3, n * 0.03)
    events: list[tuple[int, int, Optional[int]]] = []   # (position, start, printed)
    run = sorted(drop)
    k = 0
    while k < len(run):                       # each run of dropped lines
        a = run[k]
        printed = None
        while True:
            if run[k] in numbers:
                printed = _page_number(lines[run[k]].text)
            if k + 1 < len(run) and run[k + 1] == run[k] + 1:
                k += 1
                continue
            break
        events.append((a, run[k] + 1, printed))
        k += 1
    if use_indent:
        events.extend((i, i, None) for i in indented if i not in drop)
        events.sort()
    starts: list[tuple[int, Optional[int]]] = []
    for position, start, printed in events:
        if position == start and starts and starts[-1][0] == start:
            continue                          # an indented line right after a run
        starts.append((start, printed))
    kept = []                                 # the lines between the dropped ones
    for a, b in zip([-1] + run, run + [n]):
        kept += lines[a + 1:b]
    mapped = []
    for idx, printed in starts:
        while idx < n and idx in drop:
            idx += 1
        if idx < n:
            at = idx - bisect.bisect_left(run, idx)     # its index among the kept lines
            if not (mapped and mapped[-1][0] == at):
                mapped.append((at, printed))
    _assign_pages(kept, mapped)
    # lines that may hold a box's unit line, found in the framed input, as indices among the kept
    box_at = [i - bisect.bisect_left(run, i) for i in find_lines(lines, _CONTACT_START, framed) if i not in drop]
    kept, boxes = take_contact_boxes(kept, box_at)
    # rule lines (the 版头's red line ————★————, the 版记's rules), as text extraction gives them
    rules = {id(lines[i]) for i in find_lines(lines, _RULE_START, framed) if _RULE.match(lines[i].text)}
    if rules:
        kept = [ln for ln in kept if id(ln) not in rules]
    return Cleaned(kept, boxes, gazette)


def take_contact_boxes(lines: list[Line], starting: Optional[list[int]] = None) -> tuple[list[Line], list[ContactBox]]:
    """Remove 咨询与解读 boxes (unit line, phone line, box title) from the flow.
    `starting`: the indices of the lines starting with 咨, 解 or 联 (or more), in
    order, when the caller has them."""
    unit_line = P.CONTACT_UNIT.match
    if starting is None:
        starting = [i for i, ln in enumerate(lines) if ln.text[:1] in "咨解联"]
    candidates = [i for i in starting if unit_line(lines[i].text)]
    out: list[Line] = []
    boxes: list[ContactBox] = []
    i = 0                                     # lines before i are placed
    for start in candidates:
        if start < i:
            continue                          # inside the box before
        out.extend(lines[i:start])
        i = start
        m = unit_line(lines[i].text)
        box_lines = [lines[i]]
        unit = m.group("unit").strip()
        phone = "".join(m.group("phone").split()) if m.group("phone") else None
        j = i + 1
        while j < len(lines) and j <= i + 3:
            t = lines[j].text
            pm = P.CONTACT_PHONE.match(t) if phone is None else None
            if pm:
                phone = "".join(pm.group("phone").split())
            elif not (P.CONTACT_TITLE.match(t) or P.CONTACT_PERSON.match(t)):
                break
            box_lines.append(lines[j])
            j += 1
        # a box title printed just before the unit line belongs to the box too
        if out and P.CONTACT_TITLE.match(out[-1].text):
            box_lines.insert(0, out.pop())
        boxes.append(ContactBox(unit, phone, box_lines))
        i = j
    out.extend(lines[i:])
    return out, boxes
