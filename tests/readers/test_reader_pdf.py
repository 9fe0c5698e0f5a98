"""PDF reading on small pages drawn here: columns, ruled tables with merged
cells, running headers and numbers, fake bold, hyphens, pypdf cross-check,
truncated files, scans."""
import io
from pathlib import Path

import pytest

from gongbao.cli import main
from gongbao.errors import InputError
from gongbao.readers import pdf as pdf_reader
from gongbao.readers import read_document, read_path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "readers"
W, H = 595.0, 842.0


def _canvas(path, maker):
    from reportlab.pdfgen import canvas

    maker._font()
    return canvas.Canvas(str(path), pagesize=(W, H))


LEFT = ["为切实做好今年防汛工作，确保安全度", "汛，经县政府同意，现将有关事项通知", "如下。", "一、压实防汛责任",
        "各乡镇要落实防汛行政首长负责制，", "层层签订责任书。"]
RIGHT = ["二、加强隐患排查", "汛前完成水库、山塘和地质灾害隐患", "点的全面排查，建立问题清单。",
         "三、做好应急准备", "储备防汛物资，组织应急演练，确保", "拉得出、用得上。"]


def test_two_columns_and_running_furniture(tmp_path, maker):
    path = tmp_path / "two-columns.pdf"
    c = _canvas(path, maker)
    for page in (1, 2, 3):
        c.setFont(maker.FONT, 10)
        c.drawCentredString(W / 2, H - 45, "云溪县人民政府公报 2024年第5期" if page % 2 else "2024年第5期 云溪县人民政府公报")
        c.setFont(maker.FONT, 16)
        c.drawCentredString(W / 2, H - 100, f"云溪县人民政府关于做好第{page}批防汛工作的通知")
        c.setFont(maker.FONT, 12)
        for k, (a, b) in enumerate(zip(LEFT, RIGHT)):
            y = H - 140 - k * 18
            c.drawString(50, y, a)
            c.drawString(310, y, b)
        c.drawCentredString(W / 2, 40, f"- {page + 6} -")
        c.showPage()
    c.save()
    lines = read_path(path)
    texts = [ln.text for ln in lines]
    first = texts.index("云溪县人民政府关于做好第1批防汛工作的通知")
    assert texts[first + 1:first + 1 + len(LEFT) + len(RIGHT)] == LEFT + RIGHT
    assert [ln.page for ln in lines if ln.text.startswith("云溪县人民政府关于")] == [1, 2, 3]
    # page numbers dropped; the gazette header kept once, on the first page
    assert not any(t.startswith("- ") for t in texts)
    headers = [ln for ln in lines if "公报" in ln.text]
    assert len(headers) == 1 and headers[0].page == 1


@pytest.mark.parametrize("in_form", [False, True])
def test_ruled_table_with_merged_cells(tmp_path, maker, in_form):
    """Rulings and text drawn on the page, or inside a form XObject (as some
    producers wrap a whole page)."""
    path = tmp_path / "table.pdf"
    c = _canvas(path, maker)
    if in_form:
        c.beginForm("page")
    xs = [60, 100, 190, 420, 540]
    ys = [700, 680, 640, 600, 580]        # header row, two items of row 1, row 2
    c.setLineWidth(0.5)
    c.line(xs[0], ys[0], xs[-1], ys[0])
    c.line(xs[0], ys[1], xs[-1], ys[1])
    c.line(xs[2], ys[2], xs[-1], ys[2])   # between the items: not under 序号/任务 (merged)
    c.line(xs[0], ys[3], xs[-1], ys[3])
    c.line(xs[0], ys[4], xs[-1], ys[4])
    for x in xs:
        c.line(x, ys[0], x, ys[4])
    c.setFont(maker.FONT, 10.5)
    for x, word in zip(xs, ("序号", "任务", "主要内容", "责任单位")):
        c.drawString(x + 4, ys[0] - 14, word)
    c.drawString(xs[0] + 12, 640 - 4, "1")                   # centred in the merged cells
    c.drawString(xs[1] + 4, 640 - 4, "加强火源管控")
    c.drawString(xs[2] + 4, ys[1] - 14, "（1）严格落实野外用火审批制度，")
    c.drawString(xs[2] + 4, ys[1] - 28, "清明节前完成巡护检查。")
    c.drawString(xs[3] + 4, ys[1] - 21, "县林业局")
    c.drawString(xs[2] + 4, ys[2] - 14, "（2）设立临时检查站点。")
    c.drawString(xs[3] + 4, ys[2] - 14, "县公安局牵头，")
    c.drawString(xs[3] + 4, ys[2] - 28, "各乡镇配合")
    c.drawString(xs[0] + 12, ys[3] - 14, "2")
    c.drawString(xs[1] + 4, ys[3] - 14, "强化应急准备")
    c.drawString(xs[2] + 4, ys[3] - 14, "储备扑火物资。")
    c.drawString(xs[3] + 4, ys[3] - 14, "县应急管理局")
    c.drawString(60, 540, "表格之后的正文。")
    if in_form:
        c.endForm()
        c.translate(15, -30)          # placed with a transformation
        c.doForm("page")
    c.showPage()
    c.save()
    texts = [ln.text for ln in read_path(path)]
    assert texts == [
        "序号 任务 主要内容 责任单位",
        "1 加强火源管控",
        "（1）严格落实野外用火审批制度，", "清明节前完成巡护检查。", "县林业局",
        "（2）设立临时检查站点。", "县公安局牵头，", "各乡镇配合",
        "2 强化应急准备 储备扑火物资。 县应急管理局",
        "表格之后的正文。",
    ]


def test_fake_bold_hyphen_and_spaces(tmp_path, maker):
    path = tmp_path / "bold.pdf"
    c = _canvas(path, maker)
    c.setFont(maker.FONT, 16)
    for dx in (0, 0.3, 0.6):                         # bold by overprinting
        c.drawString(80 + dx, 700, "关于印发工作要点的通知")
    c.setFont(maker.FONT, 12)
    c.drawString(80, 660, "着力构建以“铝土矿-")
    c.drawString(80, 642, "氧化铝”为主链的产业体系，全年产量 50 万吨。")
    c.showPage()
    c.save()
    texts = [ln.text for ln in read_path(path)]
    assert texts == ["关于印发工作要点的通知", "着力构建以“铝土矿-", "氧化铝”为主链的产业体系，全年产量 50 万吨。"]


def test_pdfium_short_page_is_cross_checked_with_pypdf(tmp_path, maker):
    path = tmp_path / "plain.pdf"
    c = _canvas(path, maker)
    c.setFont(maker.FONT, 12)
    c.drawString(80, 700, "第一行文字")
    c.drawString(80, 680, "第二行文字")
    c.showPage()
    c.save()
    page = pdf_reader.PageText(items=[], height=H, chars=0, text_objects=2)   # as if pdfium read nothing
    pdf_reader._cross_check([page], path.read_bytes())
    assert [it.lines[0] for it in page.items] == ["第一行文字", "第二行文字"]


def test_truncated_pdf_reads_what_remains(tmp_path, sample_pdf):
    data = sample_pdf.read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 2])
    lines = read_path(path)
    assert 500 < len(lines) < len(read_path(sample_pdf))
    assert lines[1].text == "关于做好 2023 年安全生产工作的通知"


def test_scan_exits_3(capsys, monkeypatch):
    from gongbao.readers import ocr

    monkeypatch.setattr(ocr, "available", lambda: False)        # as where tesseract is absent
    scan = FIXTURES / "scan.pdf"
    assert main(["extract", str(scan)]) == 3
    err = capsys.readouterr().err
    assert err == f"gongbao: {scan}: has no text layer (a scan); OCR is needed\n"
    with pytest.raises(InputError) as raised:
        read_document(scan)
    assert raised.value.exit_code == 3
    image = FIXTURES.parent / "x.png"
    with pytest.raises(InputError) as raised:
        from gongbao.readers import read_bytes_document

        read_bytes_document(b"\x89PNG\r\n\x1a\n" + bytes(64), str(image))
    assert raised.value.exit_code == 3 and "OCR is needed" in str(raised.value)


def test_scan_with_ocr(tmp_path, maker):
    from gongbao.readers import ocr

    # OCR is optional for users; `make test` installs tesseract-ocr-chi-sim so this always runs there
    assert ocr.available(), "tesseract with chi_sim is missing: scripts/apt-install tesseract-ocr tesseract-ocr-chi-sim"
    from PIL import Image, ImageDraw, ImageFont

    font_path = next((p for p in ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
                                  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc") if Path(p).exists()), None)
    assert font_path, "no CJK font to draw the scan with: scripts/apt-install fonts-noto-cjk"
    img = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(font_path, 44)
    for k, text in enumerate(["云溪县人民政府", "关于做好防汛工作的通知", "云政发〔2024〕3号", "各乡镇人民政府："]):
        draw.text((120, 160 + k * 90), text, font=font, fill=0)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    buf.seek(0)
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan-text.pdf"
    c = canvas.Canvas(str(path), pagesize=(W, H))
    c.drawImage(ImageReader(buf), 0, 0, W, H)
    c.showPage()
    c.save()
    lines = read_path(path)
    texts = [ln.text for ln in lines]
    assert all(ln.page == 1 for ln in lines)
    assert "各乡镇人民政府:" in texts or "各乡镇人民政府：" in texts
    assert any(t.startswith("关于做好") and t.endswith("工作的通知") for t in texts)
    # the bars of the committed scan are no text at all: still exit 3
    with pytest.raises(InputError) as raised:
        read_document(FIXTURES / "scan.pdf")
    assert raised.value.exit_code == 3


def test_ruled_task_table_with_lead_cooperate_and_time_columns(tmp_path, maker):
    """A task table of five ruled columns: wrapped cells, and a row whose first
    cells fit one line while its time cell wraps."""
    from gongbao.extract.pipeline import extract_path

    path = tmp_path / "columns.pdf"
    c = _canvas(path, maker)
    c.setFont(maker.FONT, 16)
    c.drawCentredString(W / 2, H - 80, "云溪县人民政府办公室")
    c.setFont(maker.FONT, 12)
    c.drawCentredString(W / 2, H - 110, "云政办发〔2024〕6号")
    c.setFont(maker.FONT, 16)
    c.drawCentredString(W / 2, H - 140, "关于印发2024年城乡环境整治任务分工的通知")
    c.setFont(maker.FONT, 12)
    c.drawString(60, H - 170, "各乡镇人民政府，县直各有关单位：")
    c.drawString(84, H - 190, "现将2024年城乡环境整治任务分工印发给你们，请认真落实。")
    c.drawString(380, H - 230, "云溪县人民政府办公室")
    c.drawString(400, H - 250, "2024年3月5日")
    xs = [60, 90, 300, 380, 470, 540]
    ys = [H - 290, H - 310, H - 360, H - 410]
    c.setLineWidth(0.5)
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    c.setFont(maker.FONT, 10.5)
    for x, word in zip(xs, ("序号", "工作任务", "牵头单位", "配合单位", "完成时限")):
        c.drawString(x + 3, ys[0] - 14, word)
    rows = [("1", ["开展城乡垃圾治理专项行动，清理", "积存垃圾5000吨。"], ["县住房和城乡", "建设局"],
             ["县生态环境分", "局、各乡镇人", "民政府"], ["2024年6月", "底前"]),
            ("2", ["完成农村卫生厕所改造800户。"], ["县农业农村局"], ["县卫生健康局"], ["2024年10", "月底前"])]
    for (number, *cells), top in zip(rows, ys[1:]):
        c.drawString(xs[0] + 8, top - 14, number)
        for col, cell in enumerate(cells, start=1):
            for k, text in enumerate(cell):
                c.drawString(xs[col] + 3, top - 14 - k * 13, text)
    c.showPage()
    c.save()
    result = extract_path(path)
    (doc,) = result.documents
    assert doc.doc_number == "云政办发〔2024〕6号" and doc.signed_date == "2024-03-05"
    tasks = {t.key: t for t in result.tasks}
    assert tasks["1"].content == "开展城乡垃圾治理专项行动，清理积存垃圾5000吨。"
    assert [(r.unit, r.role) for r in tasks["1"].responsibilities] == [
        ("县住房和城乡建设局", "lead"), ("县生态环境分局", "cooperate"), ("各乡镇人民政府", "cooperate")]
    assert [d.date for d in tasks["1"].deadlines] == ["2024-06-30"]
    assert tasks["2"].content == "完成农村卫生厕所改造800户。"
    assert [(r.unit, r.role) for r in tasks["2"].responsibilities] == [("县农业农村局", "lead"), ("县卫生健康局", "cooperate")]
    assert [d.date for d in tasks["2"].deadlines] == ["2024-10-31"]
