"""Optional OCR for scans, with the `tesseract` command and its chi_sim data.

Nothing here is needed: without tesseract a scan is an InputError (exit 3)
saying OCR is needed. With it, each page is rendered by pdfium at 300 dpi and
read by tesseract (page segmentation 6: a block of text), one call per page
with a time limit.
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile

from ..errors import InputError
from ..extract.lines import Line, clean_text
from ..extract.reflow import tidy

DPI = 300
PAGE_TIMEOUT = 120


def tesseract() -> str | None:
    return shutil.which("tesseract")


@functools.lru_cache(maxsize=1)
def _has_chi_sim(exe: str) -> bool:
    try:
        run = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return False
    return "chi_sim" in (run.stdout + run.stderr).split()


def available() -> bool:
    exe = tesseract()
    return bool(exe) and _has_chi_sim(exe)


def _ocr_png(png_path: str, name: str) -> str:
    try:
        run = subprocess.run([tesseract(), png_path, "stdout", "-l", "chi_sim", "--psm", "6"],
                             capture_output=True, timeout=PAGE_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise InputError(name, f"OCR took longer than {PAGE_TIMEOUT} s for one page") from None
    except OSError as exc:
        raise InputError(name, f"OCR could not run ({exc})") from None
    if run.returncode != 0:
        said = run.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(name, "OCR failed" + (f" ({said[-1]})" if said else ""))
    return run.stdout.decode("utf-8", "replace")


def _lines(text: str, page: int, start: int) -> list[Line]:
    out = []
    for raw in text.splitlines():
        # tesseract puts spaces between Chinese characters
        cleaned = tidy(clean_text(raw))
        if cleaned:
            out.append(Line(cleaned, start + len(out) + 1, page))
    return out


def ocr_pdf(pdf, name: str) -> list[Line]:
    lines: list[Line] = []
    with tempfile.TemporaryDirectory(prefix="gongbao-ocr-") as tmp:
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                image = page.render(scale=DPI / 72, grayscale=True).to_pil()
            finally:
                page.close()
            path = os.path.join(tmp, f"p{i + 1}.png")
            image.save(path)
            lines += _lines(_ocr_png(path, name), i + 1, len(lines))
    if not lines:
        raise InputError(name, "has no text layer (a scan) and OCR found no text", exit_code=3)
    return lines


def ocr_image(data: bytes, name: str) -> list[Line]:
    with tempfile.TemporaryDirectory(prefix="gongbao-ocr-") as tmp:
        path = os.path.join(tmp, "image")
        with open(path, "wb") as fh:
            fh.write(data)
        lines = _lines(_ocr_png(path, name), 1, 0)
    if not lines:
        raise InputError(name, "is an image and OCR found no text", exit_code=3)
    return lines
