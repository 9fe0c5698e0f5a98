"""Small text helpers shared by ingest, search and the pages (no Django)."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Optional

_SPACE = re.compile(r"\s+")
# 发文字号 brackets as printed (〔〕 is the standard; [] ［］ 【】 （） occur)
_NUMBER_BRACKETS = str.maketrans({"[": "〔", "]": "〕", "［": "〔", "］": "〕", "【": "〔", "】": "〕",
                                  "(": "〔", ")": "〕", "（": "〔", "）": "〕", "{": "〔", "}": "〕"})
_YEAR = re.compile(r"(?:19|20)\d\d")


def compact(text: Optional[str]) -> str:
    """NFKC with all white space removed: the form two printings share."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text or ""))


def norm_number(number: Optional[str]) -> str:
    """A 发文字号 in one comparable form: 某政发[2024] 1 号 → 某政发〔2024〕1号."""
    return compact(number).translate(_NUMBER_BRACKETS)


def natural_key(issuer: Optional[str], number: Optional[str], title: str, signed_date: Optional[str]) -> str:
    """How a document is recognised again: issuer + 发文字号, else issuer + title + date."""
    if number and norm_number(number):
        return f"{compact(issuer)}|{norm_number(number)}"
    return f"{compact(issuer)}|{compact(title)}|{signed_date or ''}"


def parse_date(value) -> Optional[dt.date]:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def year_of(signed_date: Optional[dt.date], number: Optional[str]) -> Optional[int]:
    if signed_date:
        return signed_date.year
    m = _YEAR.search(number or "")
    return int(m.group()) if m else None
