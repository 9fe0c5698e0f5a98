"""The sample gazette printed as a PDF (two-column prose, a ruled task table
spanning pages with merged cells and repeated header rows, running headers
with alternating word order, centred page numbers, framed 咨询与解读 boxes,
a font referenced and not embedded) reads into the same records as the text."""
import json
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

from gongbao.readers import read_document, read_path

ROOT = Path(__file__).resolve().parents[2]

SCORER = ROOT.parent / "shared" / "eval" / "score.py"
GOLD = sorted((ROOT.parent / "shared" / "eval" / "gold").glob("*.json"))


def _plain(records):
    out = []
    for r in records:
        d = asdict(r)
        d.pop("source", None)
        d.pop("contact_source", None)
        out.append(d)
    return out


def test_lines_carry_pages_and_running_numbers(sample_pdf):
    read = read_document(sample_pdf)
    assert read.kind == "pdf"
    lines = read.lines
    assert [ln.no for ln in lines] == list(range(1, len(lines) + 1))
    pages = [ln.page for ln in lines]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] >= 40
    texts = [ln.text for ln in lines]
    # page numbers are gone; the gazette header is kept once for the furniture stage
    assert not any(t.startswith("— ") and t.endswith(" —") for t in texts)
    assert sum("吕梁市人民政府公报" in t and "2023·2" in t for t in texts) == 1


def test_two_columns_read_column_by_column(sample_pdf):
    texts = [ln.text for ln in read_path(sample_pdf)]
    k = texts.index("2023 年，全市安全生产工作要以习近")
    assert texts[k + 1] == "平新时代中国特色社会主义思想为指导，"
    k = texts.index("吕政办函〔2023〕7 号")        # a one-column head above two columns
    assert texts[k + 1:k + 3] == ["离石区、石楼县、中阳县、柳林县、方山", "县、兴县、临县人民政府，市直有关单位："]


def test_ruled_table_rows_and_cells(sample_pdf):
    texts = [ln.text for ln in read_path(sample_pdf)]
    k = texts.index("序号 任务 主要内容 责任单位")
    # number and task cells on one baseline share a line; a cell's wrapped lines stay together
    assert texts[k + 1] == "1 提高政治站位"
    assert texts[k + 2].startswith("各级各部门各单位要认真贯彻落实")
    assert texts[k + 8:k + 10] == ["市直各部门，各县", "（市、区）政府"]
    # a task cell of two lines: the number stands alone, then the heading lines, then item (1)
    assert texts[k + 10:k + 14] == ["2", "严格党政领导", "责任", "（1）按照地方党政领导干部安全生产责任制规定，认真"]
    # the header row is repeated on every page the table spans
    assert texts.count("序号 任务 主要内容 责任单位") >= 8


def test_same_records_as_the_text(text_extraction, pdf_extraction):
    t, p = text_extraction, pdf_extraction
    assert p.gazette == t.gazette == {"title": "吕梁市人民政府公报", "issue": "2023·2"}
    assert p.counts() == t.counts()
    assert p.counts()["tasks"] >= 200 and p.counts()["heritage_items"] >= 50
    for kind in p.RECORD_TYPES:
        assert _plain(getattr(p, kind)) == _plain(getattr(t, kind)), kind
    # records point at the PDF's pages
    assert all(d.source.page is not None for d in p.documents)
    assert p.documents[0].source.page == 1


def test_score_within_002_of_the_text_path(tmp_path, sample_pdf):
    """The acceptance check (the scorer and gold live in ../shared; where they
    are absent the record-by-record comparison above is the check)."""
    outs = {}
    for name, path in (("text", ROOT / "examples" / "lvliang-gazette-2023-02.txt"), ("pdf", sample_pdf)):
        out = tmp_path / f"{name}.json"
        with out.open("w", encoding="utf-8") as fh:
            run = subprocess.run([sys.executable, "-m", "gongbao", "extract", str(path), "--format", "json"],
                                 stdout=fh, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        assert run.returncode == 0, run.stderr
        outs[name] = json.loads(out.read_text(encoding="utf-8"))
    assert outs["pdf"]["documents"] and outs["pdf"]["tasks"]
    if SCORER.exists() and GOLD:
        scores = {}
        for name in outs:
            scored = subprocess.run([sys.executable, str(SCORER), str(tmp_path / f"{name}.json"),
                                     *map(str, GOLD), "--json"], capture_output=True, text=True, check=True)
            scores[name] = json.loads(scored.stdout)["overall"]
        assert abs(scores["pdf"] - scores["text"]) <= 0.02, scores
