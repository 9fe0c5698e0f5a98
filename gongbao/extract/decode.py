"""Stage 1, decode: bytes as a Chinese office produced them → str.

Reads: raw bytes. Writes: text. UTF-8 (with or without BOM), UTF-16 (BOM or
not), GB18030/GBK/GB2312 and Big5 are detected, never asked for.
"""
from __future__ import annotations

import codecs

from ..errors import InputError


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if not sample:
        return False
    # NUL bytes outside UTF-16, or many control characters, mean not text.
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return b"\x00" in sample or controls > len(sample) * 0.02


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:2000]
    if len(sample) < 4:
        return None
    even_zero = sum(1 for b in sample[0::2] if b == 0)
    odd_zero = sum(1 for b in sample[1::2] if b == 0)
    half = len(sample) / 2
    # Chinese UTF-16 has few NULs; ASCII-heavy UTF-16 has many on one side.
    for enc, zeros in (("utf-16-le", odd_zero), ("utf-16-be", even_zero)):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        cjk = sum(1 for ch in text[:1000] if "\u4e00" <= ch <= "\u9fff")
        if zeros > half * 0.3 or cjk > len(text[:1000]) * 0.3:
            return text
    return None


def decode_bytes(data: bytes, name: str = "<input>") -> str:
    """Decode `data`, raising InputError naming `name` when it is not text."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return data.decode("utf-16", errors="replace")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        if "\x00" in text:
            utf16 = _utf16_without_bom(data)
            if utf16 is not None:
                return utf16
            raise InputError(name, "is a binary file, not text")
        return text
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if _looks_binary(data):
        raise InputError(name, "is a binary file, not text")
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(name, "is not text in any encoding gongbao knows")
    return str(best)
