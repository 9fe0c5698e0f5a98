"""Input readers: a file as users have it → clean `Line`s with positions.

The reader is chosen by content (magic bytes), never by the file name:

* ``%PDF``                      → `pdf.read_pdf` (text layer with positions; scans: OCR or exit 3)
* ``PK\\x03\\x04`` with word/document.xml → `docx.read_docx` (版头/版记 → metadata)
* OLE ``D0CF11E0`` (.doc/.wps), RTF, ODT → converted to DOCX by LibreOffice when installed
* HTML (markup, fragments, JSP/PHP junk first, any Chinese encoding) → `html.read_html`
* images                         → OCR when tesseract is installed, else exit 3
* anything else                  → text in any encoding Chinese offices produce

`read_document` gives the lines and the metadata a format carries outside
the text (the 信息公开 table of a web page, the 版头/版记 of a Word file);
`read_path` gives the lines only. Every failure is an `InputError` naming
the file: no traceback and no hang on broken, truncated or random input.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..extract.decode import decode_bytes
from ..extract.lines import Line, to_lines

MAX_BYTES = 50 * 1024 * 1024


@dataclass
class ReadResult:
    lines: list[Line]
    meta: dict = field(default_factory=dict)
    kind: str = "text"          # text | pdf | html | docx


def read_path(path: Path) -> list[Line]:
    return read_document(path).lines


def read_document(path: Path) -> ReadResult:
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a directory, not a file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(path, "is larger than 50 MB")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    return read_bytes_document(data, str(path))


def read_bytes(data: bytes, name: str) -> list[Line]:
    return read_bytes_document(data, name).lines


def sniff(data: bytes) -> str:
    """What the bytes are: pdf, zip, ole, rtf, image, html or text."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if data.lstrip()[:5] == b"{\\rtf":
        return "rtf"
    for magic in (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF87a", b"GIF89a", b"BM"):
        if data.startswith(magic) and (magic != b"BM" or len(data) > 26 and data[6:10] == b"\x00\x00\x00\x00"):
            return "image"
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "image"
    for magic, kind in ((b"\x1f\x8b", "gzip archive"), (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
                        (b"Rar!\x1a\x07", "RAR archive"), (b"BZh", "bzip2 archive")):
        if data.startswith(magic):
            return "archive:" + kind
    from .html import looks_like_html

    if looks_like_html(data):
        return "html"
    return "text"


def read_bytes_document(data: bytes, name: str) -> ReadResult:
    if not data.strip():
        raise InputError(name, "is empty")
    if len(data) > MAX_BYTES:
        raise InputError(name, "is larger than 50 MB")
    kind = sniff(data)
    try:
        if kind == "pdf":
            from .pdf import read_pdf

            return ReadResult(read_pdf(data, name), {}, "pdf")
        if kind == "zip":
            from .docx import read_zip

            return read_zip(data, name)
        if kind in ("ole", "rtf"):
            from .docx import read_via_libreoffice

            return read_via_libreoffice(data, name, kind)
        if kind == "image":
            from . import ocr

            if not ocr.available():
                raise InputError(name, "is an image (a scan); OCR is needed", exit_code=3)
            return ReadResult(ocr.ocr_image(data, name), {}, "image")
        if kind.startswith("archive:"):
            raise InputError(name, f"is a compressed {kind.split(':', 1)[1]}, not a document; unpack it first")
        if kind == "html":
            from .html import read_html

            return read_html(data, name)
        text = decode_bytes(data, name)
        if not text.strip():
            raise InputError(name, "is empty")
        return ReadResult(to_lines(text), {}, "text")
    except InputError:
        raise
    except MemoryError:
        raise InputError(name, "is too large to read in memory") from None
    except RecursionError:
        raise InputError(name, "is nested too deeply to read") from None
    except Exception as exc:  # a library failed on a damaged file: still one line
        label = {"pdf": "PDF", "zip": "ZIP/DOCX", "html": "HTML"}.get(kind, kind)
        raise InputError(name, f"is a damaged or unsupported {label} file ({type(exc).__name__}: "
                               f"{_short(str(exc))})") from None


def _short(text: str, limit: int = 120) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[:limit - 1] + "…"
