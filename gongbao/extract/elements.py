"""Element parsers: the GB/T 9704-2012 elements of one document.

Reads: a `DocumentBlock` (its head already found by segmentation). Writes: the
elements the head does not hold — 成文日期 and the signature (发文机关署名),
公开方式, 附件说明, the body (正文) — and where the body and the attachments are.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from . import patterns as P
from .groups import person_name
from .lines import Line, find_lines
from .reflow import join, paragraphs
from .segment import DocumentBlock, is_issuer_line, is_signature_line
from .units import split_bodies, split_top

_CN_DIGIT = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}


def _cn_number(text: str) -> int:
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGIT.get(tens, 1) if tens else 1) * 10 + (_CN_DIGIT.get(ones, 0) if ones else 0)
    return int("".join(str(_CN_DIGIT[ch]) for ch in text))


def parse_date(text: str) -> Optional[str]:
    if not text.rstrip(" \n").endswith("日"):
        return None                       # both date patterns end with 日
    m = P.DATE_LINE.match(text)
    if m:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    else:
        m = P.CN_DATE_LINE.match(text.replace(" ", ""))
        if not m:
            return None
        y, mo, d = _cn_number(m["y"]), _cn_number(m["m"]), _cn_number(m["d"])
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


_SIGNER_POST = re.compile(r"^[\u4e00-\u9fff]{0,8}(?:长|主任|书记|主席)$")


def _signed_by(text: str) -> Optional[str]:
    """`市　长　赵文军` → 赵文军: a post and a person's name signing a 令."""
    tokens = text.split()
    if len(tokens) < 2 or len(text) > 20:
        return None
    name = person_name("".join(tokens[-1:]))
    post = "".join(tokens[:-1])
    if name is None and len(tokens) >= 3:     # 赵 文军: a spaced name
        name, post = person_name("".join(tokens[-2:])), "".join(tokens[:-2])
    return name if name and _SIGNER_POST.match(post) else None


_LEVEL_ONLY = re.compile(r"^各[省市州盟县区旗乡镇]{1,2}$")     # 各市 (、县): levels, no body yet
_HAS_LEVEL = re.compile(r"[省市州盟县区旗乡镇直各]")


def _one_scope(part: str) -> bool:
    """Does `各…、…` name one collective, 各 scoping over the whole list?
    `各市、县（区）人民政府` (levels sharing a body), `各县（市、区）财政局、
    教育局` (bodies sharing the places): a piece after the first names no
    place or level of its own."""
    pieces = split_top(part, "、")
    if len(pieces) < 2:
        return False
    return bool(_LEVEL_ONLY.match(pieces[0])) or any(not _HAS_LEVEL.search(p) for p in pieces[1:])


def addressees(text: str) -> list[str]:
    """主送机关 → bodies, split at the top-level ，；, and 、 between bodies; a
    collective under one 各 stays whole."""
    text = "".join(text.split()).rstrip("：:")
    out: list[str] = []
    for part in split_top(text, "，,；;"):
        if part.startswith("各") and "、" in part and _one_scope(part):
            out.append(part)
        else:
            out.extend(split_bodies(part))
    return out


@dataclass
class Elements:
    signer: Optional[str] = None
    signed_date: Optional[str] = None
    signature: Optional[str] = None
    date_index: Optional[int] = None          # index of the date line in block.lines
    publication: Optional[str] = None
    attachments: list[str] = field(default_factory=list)
    body_lines: list[Line] = field(default_factory=list)
    body: str = ""
    addressees: list[str] = field(default_factory=list)


_ENDS_WITH_DAY = re.compile("日[ \n]*\n")       # lines whose text ends so, before spaces (find_lines)


def _find_signature(lines: list[Line], start: int, framed: Optional[str] = None) -> Optional[int]:
    """Index of the 成文日期 line: the first date line after the head, best
    one standing under a signature (an issuer-like line)."""
    first = None
    # (parse_date reads only lines ending with 日)
    for i in [k for k in find_lines(lines, _ENDS_WITH_DAY, framed) if k >= start and lines[k].text.rstrip(" \n").endswith("日")]:
        if parse_date(lines[i].text):
            if i > 0 and is_signature_line(lines[i - 1].text):
                return i
            if first is None:
                first = i
        elif " " in lines[i].text and dated_signature(lines[i].text):
            return i
    return first


_SIGNED_ON_DATE = re.compile(r"^(?P<sig>\S.*?) (?P<date>(?:19|20|１９|２０)\d\d ?年 ?\d{1,2} ?月 ?\d{1,2} ?日|"
                             r"[〇零一二三四五六七八九○Ｏ]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)$")


def dated_signature(text: str) -> Optional[tuple[str, str]]:
    """(署名, ISO date) when the signature and the date share a line
    (`临川市人民政府　　2024年7月9日`, as a web page's copy may set them)."""
    m = _SIGNED_ON_DATE.match(text)
    if not m or not is_signature_line(m.group("sig")):
        return None
    date = parse_date(m.group("date"))
    return (m.group("sig"), date) if date else None


_NEXT_ITEM = re.compile(r"(?:\s+|(?<=[；;]))(?=\d{1,2}\s*[.．、](?!\d))")


def _attachments(lines: list[Line]) -> list[str]:
    """附件：1.xxx / 2.xxx (wrapped), or 附件1：xxx / 附件2：xxx → titles
    without numbering."""
    items: list[list[str]] = []
    for ln in lines:
        text = ln.text
        labelled = P.ATTACHMENT_LINE.match(text) if text[:1] == "附" else None
        if labelled:                        # 附件：…, or an item's own 附件2：…
            text = labelled.group("rest")
            if not text:
                continue                    # the items follow on the lines below
        # items run on one line (1.X 2.Y, 1.X；2.Y), as a web page's copy gives them
        pieces = _NEXT_ITEM.split(text) if (" " in text or "；" in text or ";" in text) else [text]
        for n, piece in enumerate(pieces):
            if (labelled and n == 0) or not items or re.match(r"^\d{1,2}\s*[.．、]", piece):
                items.append([re.sub(r"^\d{1,2}\s*[.．、]\s*", "", piece)])
            else:
                items[-1].append(piece)
    return [t for t in (join(parts).rstrip("；;。") for parts in items) if t]


def parse_elements(block: DocumentBlock, framed: Optional[str] = None) -> Elements:
    """`framed`: `framed_text(block.lines)`, when the caller has it."""
    lines = block.lines
    el = Elements()
    el.addressees = addressees(join(block.addressee_lines)) if block.addressee_lines else []
    start = block.head_end
    di = _find_signature(lines, start, framed)
    body_end = len(lines)
    if di is not None:
        el.date_index = di
        el.signed_date = parse_date(lines[di].text)
        body_end = di
        if el.signed_date is None:            # the signature and the date on one line
            el.signature, el.signed_date = dated_signature(lines[di].text)
        elif di > start and is_signature_line(lines[di - 1].text):
            # 署名: one issuer, or a joint document's several (one a line, or apart on one)
            top = di - 1
            joint = block.issuer is None or " " in block.issuer or "、" in block.issuer
            while joint and top - 1 > start and di - top < 5 and is_signature_line(lines[top - 1].text):
                top -= 1                    # (a single issuer's body may end with names)
            el.signature = " ".join(ln.text for ln in lines[top:di])
            body_end = top
        elif di > start and (signer := _signed_by(lines[di - 1].text)):
            el.signer = signer              # 市长 张三 above the date (a 令)
            body_end = di - 1
        for k in range(di + 1, min(di + 3, len(lines))):
            note = P.publication(lines[k].text)
            if note:
                el.publication = note
                break
    if el.signed_date is None and block.note_line is not None:
        # no date under a signature: the 题注's date (（2024年3月5日…会议通过）)
        el.signed_date = parse_date(P.HEAD_NOTE.match(block.note_line.text).group("date"))
    # 附件说明 sits between the body and the signature
    att = next((k for k in range(start, body_end)
                if lines[k].text[:1] == "附" and P.ATTACHMENT_LINE.match(lines[k].text)), None)
    if att is not None:
        el.attachments = _attachments(lines[att:body_end])
        body_end = att
    el.body_lines = lines[start:body_end]
    el.body = "\n".join(p.text for p in paragraphs(el.body_lines))
    return el


def cited_numbers(text: str, own: Optional[str]) -> list[str]:
    """发文字号 cited in the text (《…》（X〔2022〕172号）), own number excluded."""
    out = []
    for m in P.doc_numbers(text):
        num = "".join(m.group("num").split())
        num = re.sub(r"^.*?[（(《]", "", num)
        if num != own and num not in out:
            out.append(num)
    if "令第" in text:                      # 令号: （XX市人民政府令第18号）
        for m in _DECREE_CITE.finditer(text):
            num = "".join(m.group("num").split())
            if num != own and num not in out:
                out.append(num)
    return out


_DECREE_CITE = re.compile(r"(?<=[（(《、，])(?P<num>[\u4e00-\u9fff]{2,24}令\s*第\s*\d{1,4}\s*号)")
