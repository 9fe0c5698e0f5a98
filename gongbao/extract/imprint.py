"""The 版记 (imprint) at the end of a document: `抄送：A，B，C。` (its list may
wrap), and the 印发机关 with the 印发日期 (`XX市人民政府办公室  2024年4月12日印发`).

Gazettes usually leave the imprint out; documents printed on their own (a
PDF of the document, a Word file, a web page's text) end with it. It is read
off the end of a document's lines so that no task, list or body takes it in.
Reads: a document's lines. Writes: the lines without the imprint, and the
`Imprint` (cc, printed_by, printed_date).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .lines import Line

CC = re.compile(r"^抄\s*[送报]\s*[:：]\s*(?P<rest>.*)$")         # 抄送 (抄报, before 2012)
PRINTED = re.compile(r"^(?P<by>\S.*?)\s*(?P<date>(?:19|20|１９|２０)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|"
                     r"[〇零一二三四五六七八九○Ｏ]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)\s*印\s*发$")
_CN = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# A rule line the 版记 is set between (————, ＿＿＿), as text extraction gives it.
_RULE = re.compile(r"^[—\-－_＿─━=＝~～\s]{3,}$")
LOOK_BACK = 12          # non-blank lines from the end where an imprint may stand


@dataclass
class Imprint:
    cc: list[str] = field(default_factory=list)
    printed_by: Optional[str] = None
    printed_date: Optional[str] = None


def iso(text: str) -> Optional[str]:
    """`2024年4月12日` / `二〇二四年四月十二日` → `2024-04-12` (None when not a date)."""
    text = "".join(text.split())
    m = re.match(r"^((?:19|20|１９|２０)\d\d)年(\d{1,2})月(\d{1,2})日", text)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = re.match(r"^([〇零一二三四五六七八九○Ｏ]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日", text)
        if not m:
            return None
        y = int("".join(str(_CN[c]) for c in m.group(1)))
        mo, d = _cn_small(m.group(2)), _cn_small(m.group(3))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _cn_small(text: str) -> int:
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN.get(tens, 1) if tens else 1) * 10 + (_CN.get(ones, 0) if ones else 0)
    return _CN.get(text, 0)


def split_list(text: str) -> list[str]:
    """`A，B，C。` (or `A、B、C`) → [A, B, C]."""
    text = text.strip().rstrip("。.；;")
    parts = [p.strip() for p in re.split(r"[，,；;]", text) if p.strip()]
    if len(parts) == 1 and "、" in parts[0]:
        parts = [p.strip() for p in parts[0].split("、") if p.strip()]
    return parts


def printed(text: str) -> Optional[tuple[str, Optional[str]]]:
    """(印发机关, 印发日期) when `text` is the 印发 line."""
    if not text.endswith("发"):
        return None
    m = PRINTED.match(text) or PRINTED.match("".join(text.split()))
    return ("".join(m.group("by").split()), iso(m.group("date"))) if m else None


def _printed_apart(lines: list[Line], k: int) -> Optional[tuple[str, Optional[str]]]:
    """(印发机关, 印发日期) when line k is the date alone (`2024年12月30日印发`)
    and the line above it the 印发机关, as PDF text of a right-aligned date
    gives it."""
    text = lines[k].text
    if k == 0 or not text.endswith("发"):
        return None
    m = _DATE_PRINTED.match("".join(text.split()))
    above = "".join(lines[k - 1].text.split())
    if not m or not (2 < len(above) <= 30) or not _BY_END.search(above):
        return None
    return above, iso(m.group("date"))


_DATE_PRINTED = re.compile(r"^(?P<date>(?:19|20|１９|２０)\d\d年\d{1,2}月\d{1,2}日|"
                           r"[〇零一二三四五六七八九○Ｏ]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)印发$")
_BY_END = re.compile(r"(?:办公室|办公厅|政府|局|厅|委|会|部|院|中心|处|室)$")


def split_imprint(lines: list[Line]) -> tuple[list[Line], Imprint]:
    """A document's lines → (the lines without its 版记, the 版记)."""
    imprint = Imprint()
    first = len(lines)                    # where the imprint starts
    k = len(lines) - 1
    cc_groups: list[list[str]] = []       # 抄送 (and 抄报) lists, from the last up
    while k >= 0 and len(lines) - k <= LOOK_BACK:
        text = lines[k].text
        got = printed(text) if imprint.printed_by is None else None
        if got is None and imprint.printed_by is None and (got := _printed_apart(lines, k)):
            k -= 1                        # the 印发机关 stands on the line above
        if got:
            imprint.printed_by, imprint.printed_date = got
            first = k
        elif text.startswith("抄") and (m := CC.match(text)):
            # the list may wrap onto the lines below, up to the 印发 line or the next list
            rest = [m.group("rest")] + [ln.text for ln in lines[k + 1:first] if not _RULE.match(ln.text)]
            cc_groups.append(split_list("".join(rest)))
            first = k
        k -= 1
    imprint.cc = [unit for group in reversed(cc_groups) for unit in group]
    return lines[:first], imprint
