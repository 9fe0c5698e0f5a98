"""Any file of any type gives records or one line naming the file — never a
traceback, never a hang."""
import gzip
import io
import random
import zipfile
from pathlib import Path

import pytest

from gongbao.cli import main
from gongbao.errors import InputError
from gongbao.readers import read_document, sniff

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "readers"


def _zip(members: dict) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _cases(sample_pdf):
    rnd = random.Random(7)
    noise = bytes(rnd.randrange(256) for _ in range(4000))
    pdf = sample_pdf.read_bytes()
    return {
        "empty.txt": b"",
        "blank.txt": b"  \r\n\t\n",
        "random.bin": noise,
        "head-only.pdf": b"%PDF-1.7\n",
        "pdf-noise.pdf": b"%PDF-1.4\n" + noise,
        "cut-early.pdf": pdf[:3000],
        "broken.html": "<html><body><table><tr><td rowspan=x colspan=99999>各县<div><p>".encode(),
        "script-only.html": b"<html><script>var a = 1;</script></html>",
        "deep.html": b"<div>" * 20000 + "关于的通知".encode() + b"</div>" * 20000,
        "not-a-docx.zip": _zip({"a.txt": "hello"}),
        "cut.docx": _zip({"word/document.xml": "<w:document/>" * 100})[:200],
        "bad-xml.docx": _zip({"[Content_Types].xml": "<x/>", "word/document.xml": "<w:document><w:body><w:p>"}),
        "bomb.docx": _zip({"word/document.xml": b"<a>" + b" " * (310 * 1024 * 1024) + b"</a>"}),
        "fake.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + noise,
        "image.png": b"\x89PNG\r\n\x1a\n" + noise[:200],
        "photo.jpg": b"\xff\xd8\xff\xe0" + noise[:200],
        "archive.gz": gzip.compress(b"hello"),
        "rtf.rtf": b"{\\rtf1\\ansi hello}",
        "notes.txt": "会议纪要：明天开会。\n".encode("utf-8"),
        "utf16-noise.txt": "\ufeff".encode("utf-16-le") + noise[:1001],
    }


def test_every_bad_input_is_one_line_naming_the_file(tmp_path, sample_pdf, capsys):
    for name, data in _cases(sample_pdf).items():
        path = tmp_path / name
        path.write_bytes(data)
        code = main(["extract", str(path), "--format", "json"])
        out, err = capsys.readouterr()
        assert code in (2, 3), (name, code, err)
        assert err.count("\n") == 1 and err.startswith(f"gongbao: {path}: "), (name, err)
        assert "internal error" not in err and "Traceback" not in err, (name, err)
        assert out == "", name


def test_missing_file_and_directory(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nope.pdf")]) == 2
    assert main(["extract", str(tmp_path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [f"gongbao: {tmp_path / 'nope.pdf'}: no such file", f"gongbao: {tmp_path}: is a directory, not a file"]


def test_too_large(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("wb") as fh:
        fh.seek(50 * 1024 * 1024 + 10)
        fh.write(b"x")
    with pytest.raises(InputError, match="larger than 50 MB"):
        read_document(path)


def test_content_not_extension_chooses_the_reader(tmp_path, sample_pdf):
    path = tmp_path / "gazette.txt"                 # a PDF named .txt
    path.write_bytes(sample_pdf.read_bytes())
    assert read_document(path).kind == "pdf"
    path = tmp_path / "page.pdf"                    # a web page named .pdf
    path.write_text("<p>关于做好工作的通知</p><p>各县：</p><p>现通知如下。</p>", encoding="utf-8")
    assert read_document(path).kind == "html"
    assert sniff("吕梁市人民政府\n关于做好工作的通知\n".encode("gbk")) == "text"


@pytest.mark.parametrize("seed", range(6))
def test_fuzzed_files_never_crash_a_reader(tmp_path, seed, sample_pdf):
    """Real files with bytes flipped or cut off: lines or an InputError."""
    rnd = random.Random(seed)
    sources = [sample_pdf.read_bytes()[:300_000]]
    sources += [p.read_bytes() for p in sorted(FIXTURES.iterdir()) if p.suffix != ".py"]
    for k, data in enumerate(sources):
        data = bytearray(data)
        for _ in range(rnd.randrange(1, 40)):
            data[rnd.randrange(len(data))] = rnd.randrange(256)
        if rnd.random() < 0.5:
            data = data[: rnd.randrange(1, len(data))]
        path = tmp_path / f"fuzz{k}"
        path.write_bytes(bytes(data))
        try:
            read = read_document(path)
        except InputError as exc:
            assert str(exc).startswith(f"{path}: ")
        else:
            assert all(ln.text.strip() for ln in read.lines)
