"""A stand-in font for pdfium: every character is one square glyph.

Government PDFs reference fonts they do not embed (宋体, 仿宋_GB2312, 黑体).
To place their characters pdfium loads a system font in their stead and, for
every character of every page, loads that font's glyph to measure it — with
a CJK system font (Noto CJK, 20 MB) that is most of the reading time. Reading
text needs none of it: the characters come from the PDF's encodings and their
advances from its width arrays. So the reader hands pdfium this tiny font
(built here, 400 bytes: a square glyph, a format 13 cmap mapping all of
Unicode to it) through FPDF_SetSystemFontInfo. Glyph boxes stay non-empty,
so pdfium's duplicate-text detection (fake bold) still compares real boxes.

Only text extraction is affected: rendering a page with this font in place
would show squares. `install()` is called by the PDF reader; set
GONGBAO_PDF_SYSTEM_FONTS=1 to keep pdfium's system fonts.
"""
from __future__ import annotations

import ctypes
import os
import struct

_INSTALLED = None
UNITS = 1000
_TTCF = int.from_bytes(b"ttcf", "big")


def _glyph() -> bytes:
    # one contour, four on-curve points: (50,-120) (950,-120) (950,880) (50,880)
    header = struct.pack(">hhhhh", 1, 50, -120, 950, 880)
    body = struct.pack(">HH", 3, 0) + bytes([1, 1, 1, 1])
    xs = struct.pack(">hhhh", 50, 900, 0, -900)
    ys = struct.pack(">hhhh", -120, 0, 1000, 0)
    return header + body + xs + ys


def build_font() -> bytes:
    glyph = _glyph()
    glyf = glyph + glyph
    loca = struct.pack(">HHH", 0, len(glyph) // 2, len(glyf) // 2)
    head = struct.pack(">IIIIHHqqhhhhHHhhh", 0x00010000, 0x00010000, 0, 0x5F0F3CF5, 0x000B, UNITS,
                       0, 0, 50, -120, 950, 880, 0, 8, 2, 0, 0)
    hhea = struct.pack(">IhhhHhhhhhhhhhhhH", 0x00010000, 880, -120, 0, UNITS, 50, 50, 950, 1, 0, 0,
                       0, 0, 0, 0, 0, 2)
    maxp = struct.pack(">IHHHHHHHHHHHHHH", 0x00010000, 2, 4, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0)
    hmtx = struct.pack(">HhHh", UNITS, 50, UNITS, 50)
    groups = [(0x20, 0x10FFFF, 1)]
    sub13 = struct.pack(">HHIII", 13, 0, 16 + 12 * len(groups), 0, len(groups)) + b"".join(
        struct.pack(">III", *g) for g in groups)
    cmap = struct.pack(">HH", 0, 1) + struct.pack(">HHI", 3, 10, 12) + sub13
    name_str = "GongbaoStub".encode("utf-16-be")
    name = struct.pack(">HHH", 0, 2, 6 + 24) + struct.pack(">HHHHHH", 3, 1, 0x409, 1, len(name_str), 0) \
        + struct.pack(">HHHHHH", 3, 1, 0x409, 4, len(name_str), 0) + name_str
    post = struct.pack(">IIhhIIIII", 0x00030000, 0, -100, 50, 0, 0, 0, 0, 0)
    os2 = struct.pack(">HhHHHhhhhhhhhhhh", 1, 1000, 400, 5, 0, 650, 700, 0, 140, 650, 700, 0, 480, 50, 250, 0) \
        + bytes(10) + struct.pack(">IIII", 1, 0x00040000 | 0x00020000, 0, 0) + b"GBAO" \
        + struct.pack(">HHHhhhHH", 0x40, 0x20, 0xFFFF, 880, -120, 0, 880, 120) + struct.pack(">II", 0x00040000, 0)
    tables = {b"OS/2": os2, b"cmap": cmap, b"glyf": glyf, b"head": head, b"hhea": hhea, b"hmtx": hmtx,
              b"loca": loca, b"maxp": maxp, b"name": name, b"post": post}
    n = len(tables)
    entry = 1
    while entry * 2 <= n:
        entry *= 2
    search = entry * 16
    out = struct.pack(">IHHHH", 0x00010000, n, search, entry.bit_length() - 1, n * 16 - search)
    offset = 12 + 16 * n
    records, blobs = b"", b""
    for tag in sorted(tables):
        data = tables[tag]
        padded = data + bytes((4 - len(data) % 4) % 4)
        checksum = sum(struct.unpack(f">{len(padded) // 4}I", padded)) & 0xFFFFFFFF
        records += struct.pack(">4sIII", tag, checksum, offset, len(data))
        blobs += padded
        offset += len(padded)
    return out + records + blobs


def install() -> bool:
    """Give pdfium the stand-in font for every font a PDF does not embed."""
    global _INSTALLED
    if _INSTALLED is not None:
        return True
    if os.environ.get("GONGBAO_PDF_SYSTEM_FONTS"):
        return False
    import pypdfium2.raw as R

    data = build_font()
    blob = ctypes.create_string_buffer(data, len(data))
    face = b"GongbaoStub\x00"
    F = R.FPDF_SYSFONTINFO
    kinds = dict(F._fields_[1:])

    def release(this):
        return None

    def enum_fonts(this, mapper):
        return None

    def map_font(this, weight, italic, charset, pitch, face_name, exact):
        return 1

    def get_font(this, face_name):
        return 1

    def get_font_data(this, handle, table, buffer, size):
        if table != 0:
            return 0
        if buffer and size >= len(data):
            ctypes.memmove(buffer, blob, len(data))
        return len(data)

    def get_face_name(this, handle, buffer, size):
        if buffer and size >= len(face):
            ctypes.memmove(buffer, face, len(face))
        return len(face)

    def get_charset(this, handle):
        return 134          # GB2312

    def delete_font(this, handle):
        return None

    info = F()
    info.version = 1
    callbacks = {"Release": release, "EnumFonts": enum_fonts, "MapFont": map_font, "GetFont": get_font,
                 "GetFontData": get_font_data, "GetFaceName": get_face_name,
                 "GetFontCharset": get_charset, "DeleteFont": delete_font}
    keep = []
    for fname, fn in callbacks.items():
        cb = kinds[fname](fn)
        keep.append(cb)
        setattr(info, fname, cb)
    R.FPDF_SetSystemFontInfo(ctypes.byref(info))
    _INSTALLED = (info, keep, blob)
    return True
