"""A generated corpus for batch runs: the sample gazette and variants of it,
single documents cut out of it, and broken files. Shared by the tests and
bench/batch.py.

Variants: the whole issue in UTF-8, UTF-8 with BOM, UTF-16 and, with the city
renamed, GBK; every document of the issue cut out on its own (found by the
extractor's line spans) in UTF-8 and, renamed, GBK; copies of all that under
other directories (same content, other path: each is an input of its own).
Broken: empty, blank, binary, prose with no document, a PDF and a ZIP header.
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLE = ROOT / "examples" / "lvliang-gazette-2023-02.txt"

# (old, new) replacements that move the sample to another city
CITIES = [
    [("吕梁", "云州"), ("吕政", "云政")],
    [("吕梁", "青川"), ("吕政", "青政")],
    [("吕梁", "白石"), ("吕政", "白政")],
    [("吕梁", "河阳"), ("吕政", "河政")],
]

BROKEN = {
    "empty.txt": b"",
    "blank.txt": b"\n \n\t\n",
    "binary.dat": bytes(range(256)) * 16,
    "prose.txt": "今天天气很好，我们去公园散步。\n晚上看了一本书，没有任何公文。\n".encode("utf-8"),
    "scan.pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
    "letter.docx": b"PK\x03\x04" + bytes(60),
}


def recity(text: str, pairs) -> str:
    for old, new in pairs:
        text = text.replace(old, new)
    return text


def documents(text: str) -> list[str]:
    """Each document of an issue as its own text, cut at the line spans the
    extractor reports."""
    from gongbao.extract.pipeline import extract_text

    lines = text.split("\n")
    result = extract_text(text, "sample.txt")
    return ["\n".join(lines[d.source.line_start - 1:d.source.line_end]) + "\n" for d in result.documents]


def base_files() -> dict[str, bytes]:
    """name -> content of one set of distinct files (about 50)."""
    text = SAMPLE.read_text(encoding="utf-8")
    files: dict[str, bytes] = {
        "issue/utf8.txt": text.encode("utf-8"),
        "issue/bom.txt": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "issue/utf16.txt": text.encode("utf-16"),
    }
    for k, pairs in enumerate(CITIES):
        files[f"issue/city{k}-gbk.txt"] = recity(text, pairs).encode("gb18030")
    docs = documents(text)
    for i, doc in enumerate(docs):
        files[f"docs/doc{i:02d}.txt"] = doc.encode("utf-8")
        for k, pairs in enumerate(CITIES):
            files[f"docs/city{k}/doc{i:02d}-gbk.txt"] = recity(doc, pairs).encode("gb18030")
    return files


def make_corpus(root: Path, copies: int = 4, broken: bool = True, full_issues: bool = True) -> dict:
    """Write the corpus under `root`: `copies` directories each holding the
    base files (full issues only in the first unless `full_issues` is true for
    all), the broken files once, and a hidden directory that a directory walk
    skips. Returns {"files": [paths], "broken": [paths], "hidden": [paths]}."""
    root = Path(root)
    base = base_files()
    written: list[Path] = []
    for c in range(copies):
        for name, data in base.items():
            if name.startswith("issue/") and c > 0 and not full_issues:
                continue
            path = root / f"set{c:02d}" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            written.append(path)
    bad: list[Path] = []
    if broken:
        for name, data in BROKEN.items():
            path = root / "broken" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            bad.append(path)
    hidden = root / ".cache" / "skipped.txt"
    hidden.parent.mkdir(parents=True, exist_ok=True)
    hidden.write_bytes(base["docs/doc00.txt"])
    return {"files": sorted(str(p) for p in written + bad), "broken": sorted(str(p) for p in bad),
            "hidden": [str(hidden)]}
