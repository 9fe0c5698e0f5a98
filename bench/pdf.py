"""PDF reading speed: pages per second on the sample gazette printed as a PDF.

    .venv/bin/python bench/pdf.py [--repeat N] [PDF]

Without a PDF argument the sample (examples/lvliang-gazette-2023-02.txt) is
printed to a temporary PDF by tests/fixtures/readers/make_fixtures.py. Each
reader runs on the same file: gongbao's reader (pypdfium2: characters,
positions, rulings, columns, tables, furniture), the bare pypdfium2 text
layer, pypdf, pdfplumber and pdfminer.six (each where installed). Figures are
pages per second of wall time and per CPU second of this process (one core:
every reader here is single-threaded), best of N runs.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def sample_pdf(tmp: Path) -> Path:
    maker = ROOT / "tests" / "fixtures" / "readers" / "make_fixtures.py"
    spec = importlib.util.spec_from_file_location("make_reader_fixtures", maker)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.sample_pdf(tmp / "lvliang-gazette-2023-02.pdf")


def gongbao_reader(path: Path):
    from gongbao.readers.pdf import read_pdf

    return len(read_pdf(path.read_bytes(), str(path)))


def pdfium_text(path: Path):
    import pypdfium2 as pdfium

    from gongbao.readers import stubfont

    stubfont.install()
    pdf = pdfium.PdfDocument(str(path))
    n = 0
    for i in range(len(pdf)):
        page = pdf[i]
        tp = page.get_textpage()
        n += len(tp.get_text_range())
        tp.close()
        page.close()
    pdf.close()
    return n


def pypdf_text(path: Path):
    from pypdf import PdfReader

    return sum(len(p.extract_text() or "") for p in PdfReader(str(path)).pages)


def pdfplumber_text(path: Path):
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return sum(len(p.extract_text() or "") for p in pdf.pages)


def pdfplumber_tables(path: Path):
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return sum(len(p.extract_tables()) for p in pdf.pages)


def pdfminer_text(path: Path):
    from pdfminer.high_level import extract_text

    return len(extract_text(str(path)))


READERS = [
    ("gongbao (pypdfium2: lines, columns, ruled tables)", gongbao_reader, None),
    ("pypdfium2 text layer only", pdfium_text, "pypdfium2"),
    ("pypdf extract_text", pypdf_text, "pypdf"),
    ("pdfplumber extract_text", pdfplumber_text, "pdfplumber"),
    ("pdfplumber extract_tables", pdfplumber_tables, "pdfplumber"),
    ("pdfminer.six extract_text", pdfminer_text, "pdfminer"),
]


def measure(fn, path: Path, repeat: int) -> tuple[float, float]:
    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        fn(path)
        best_wall = min(best_wall, time.perf_counter() - w0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    return best_wall, best_cpu


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", nargs="?", help="a PDF (default: the sample printed as a PDF)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--slow-repeat", type=int, default=1, help="runs of the slow pure-Python readers")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.pdf) if args.pdf else sample_pdf(Path(tmp))
        import pypdfium2 as pdfium

        pages = len(pdfium.PdfDocument(str(path)))
        print(f"{path.name}: {pages} pages, {path.stat().st_size / 1024:.0f} KiB")
        print(f"{'reader':<52} {'pages/s':>9} {'pages/CPU-s':>12}")
        for label, fn, module in READERS:
            if module and importlib.util.find_spec(module) is None:
                print(f"{label:<52} {'(not installed)':>22}")
                continue
            fn(path)                                   # warm up: imports, font set-up
            slow = module in ("pdfplumber", "pdfminer", "pypdf")
            wall, cpu = measure(fn, path, args.slow_repeat if slow else args.repeat)
            print(f"{label:<52} {pages / wall:>9.1f} {pages / cpu:>12.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
