"""GB/T 9704-2012 版头 and 版记 of a single official document → metadata.

版头 (head): 发文机关标志 (``XX市人民政府文件``), then 发文字号, with
``签发人：姓名`` on the same line for documents sent upward. 版记 (end):
``抄送：A，B，C。`` and the 印发机关 with the 印发日期
(``XX市人民政府办公室  2023年3月1日印发``).

`take` returns the lines without the 版记 and with the 发文字号 line reduced
to the number, plus the metadata: issuer, doc_number, signer, cc (list),
printed_by, printed_date (ISO).
"""
from __future__ import annotations

import re

from ..extract import patterns as P
from ..extract.imprint import CC, PRINTED, iso, split_list

MASTHEAD = re.compile(r"^(?P<issuer>\S.{1,40}?)\s*文\s*件$")
SIGNER = re.compile(r"签\s*发\s*人\s*[:：]\s*(?P<names>[\u4e00-\u9fff·\s、，,]{2,40}?)\s*$")

__all__ = ["take", "iso", "split_list", "CC", "PRINTED", "MASTHEAD", "SIGNER"]


def take(lines: list[str]) -> tuple[list[str], dict]:
    meta: dict = {}
    out = list(lines)
    # 版头: the first lines
    for k, text in enumerate(out[:8]):
        flat = "".join(text.split())
        m = MASTHEAD.match(flat)
        if m and "issuer" not in meta and not P.DOC_NUMBER.search(flat) and len(flat) <= 40:
            meta["issuer"] = m.group("issuer")
            continue
        num = P.DOC_NUMBER.search(text)
        signer = SIGNER.search(text)
        if num and "doc_number" not in meta:
            meta["doc_number"] = "".join(num.group("num").split())
            if signer:
                meta["signer"] = "、".join(n for n in re.split(r"[\s、，,]+", signer.group("names")) if n)
                out[k] = num.group("num").strip()
            continue
        if signer and "signer" not in meta and len(text) <= 40:
            meta["signer"] = "、".join(n for n in re.split(r"[\s、，,]+", signer.group("names")) if n)
            out[k] = ""
    # 版记: the last lines
    k = len(out) - 1
    end_seen = 0
    while k >= 0 and end_seen < 12:
        text = out[k].strip()
        flat = "".join(text.split())
        if not flat:
            k -= 1
            continue
        m = PRINTED.match(text) or PRINTED.match(flat)
        if m and "printed_by" not in meta:
            meta["printed_by"] = "".join(m.group("by").split())
            meta["printed_date"] = iso(m.group("date"))
            out[k] = ""
        else:
            c = CC.match(text)
            if c and "cc" not in meta:
                # the list may wrap onto following lines (already visited, kept in `tail`)
                rest = c.group("rest")
                j = k + 1
                while j < len(out) and out[j] and not PRINTED.match(out[j].strip()):
                    rest += out[j].strip()
                    out[j] = ""
                    j += 1
                meta["cc"] = split_list(rest)
                out[k] = ""
        k -= 1
        end_seen += 1
    return [ln for ln in out if ln.strip()], {key: v for key, v in meta.items() if v}
