"""Input readers: a file as users have it → clean `Line`s with positions.

The reader is chosen by content (magic bytes), never by the file name.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..extract.decode import decode_bytes
from ..extract.lines import Line, to_lines

MAX_BYTES = 50 * 1024 * 1024


def read_path(path: Path) -> list[Line]:
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a directory, not a file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError(path, "is empty")
    if len(data) > MAX_BYTES:
        raise InputError(path, "is larger than 50 MB")
    return read_bytes(data, str(path))


def read_bytes(data: bytes, name: str) -> list[Line]:
    if data.startswith(b"%PDF"):
        raise InputError(name, "is a PDF; the PDF reader is not installed in this build")
    if data.startswith(b"PK\x03\x04"):
        raise InputError(name, "is a ZIP container (DOCX?); the DOCX reader is not installed in this build")
    text = decode_bytes(data, name)
    if not text.strip():
        raise InputError(name, "is empty")
    return to_lines(text)
