"""Word and PDF files of shapes other offices produce, written here: a 版头 in a
layout table (red 30 pt 发文机关标志 over a 16 pt row with 发文字号 and 签发人),
first-line indents, headers and footers, a task table with a repeated header
row, a section row across the table (gridSpan), line breaks inside cells and a
牵头单位 merged over two tasks (vMerge); two documents in one DOCX; a PDF of
two pages with running page numbers, a ruled task table over the page break
with its header repeated, wrapped cells and a 版记; broken files."""
from __future__ import annotations

import io
import zipfile

import pytest

from gongbao.errors import InputError
from gongbao.extract.pipeline import extract_path
from gongbao.readers import read_document


# --- DOCX ------------------------------------------------------------------------------

def _para(doc, text, indent=True, size=16, align=None):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = doc.add_paragraph()
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    if align:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER if align == "c" else WD_ALIGN_PARAGRAPH.RIGHT
    run = p.add_run(text)
    run.font.size = Pt(size)
    return p


def _cell(cell, text, size=10.5):
    from docx.shared import Pt

    parts = text.split("\n")
    run = cell.paragraphs[0].add_run(parts[0])
    run.font.size = Pt(size)
    for part in parts[1:]:
        run.add_break()                           # a line break inside the cell
        run = cell.paragraphs[0].add_run(part)
        run.font.size = Pt(size)


def _masthead(doc, mark, number, signer):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    t = doc.add_table(rows=2, cols=2)            # a layout table, no borders
    top = t.cell(0, 0).merge(t.cell(0, 1))
    top.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = top.paragraphs[0].add_run(mark)
    run.font.size = Pt(30)
    run.font.color.rgb = RGBColor(255, 0, 0)
    _cell(t.cell(1, 0), number, 16)
    _cell(t.cell(1, 1), signer, 16)


HEADER = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]


def _task_table(doc):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rows = [
        HEADER,
        ["1", "完成水电气暖等管网改造，\n6月底前完成招标。", "市住房和城乡建设局", "各区人民政府", "2025年6月底前"],
        ["2", "加装电梯200部，同步完善无障碍设施。", "市住房和城乡建设局", "市市场监管局、市残联", "2025年12月底前"],
        HEADER,                                   # the header row printed again (pasted from a second page)
        ["3", "整治小区消防通道，清理占道堆放物。", "市消防救援支队", "各区人民政府", "2025年9月底前"],
    ]
    t = doc.add_table(rows=len(rows), cols=5)
    t.style = "Table Grid"
    for r, values in enumerate(rows):
        for k, value in enumerate(values):
            _cell(t.cell(r, k), value)
    head = OxmlElement("w:tblHeader")
    head.set(qn("w:val"), "true")
    t.rows[0]._tr.get_or_add_trPr().append(head)
    section = t.add_row()
    _cell(section.cells[0].merge(section.cells[4]), "二、环境整治")      # gridSpan 5
    r1, r2 = t.add_row(), t.add_row()
    for row, values in ((r1, ["4", "拆除违法建设，\n恢复公共空间。", "市城管局", "各区人民政府", "2025年8月底前"]),
                        (r2, ["5", "增设停车泊位1500个。", None, "市公安局交警支队", "年底前"])):
        for k, value in enumerate(values):
            if value is not None:
                _cell(row.cells[k], value)
    r1.cells[2].merge(r2.cells[2])                # one 牵头单位 over tasks 4 and 5 (vMerge)


def _first_document(doc):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    section = doc.sections[0]
    section.header.paragraphs[0].text = "东岭市人民政府办公室"
    section.footer.paragraphs[0].text = "— 1 —"
    section.footer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _masthead(doc, "东岭市人民政府办公室文件", "东政办发〔2025〕12号", "签发人：周文涛")
    _para(doc, "", indent=False)
    _para(doc, "东岭市人民政府办公室", indent=False, size=22, align="c")
    _para(doc, "关于推进城区老旧小区改造提质的通知", indent=False, size=22, align="c")
    _para(doc, "各区人民政府，市直有关单位：", indent=False)
    _para(doc, "为改善居民居住条件，经市政府同意，现就推进城区老旧小区改造提质有关事项通知如下。")
    _para(doc, "一、明确目标")
    _para(doc, "2025年底前完成改造小区120个，惠及居民3.2万户。")
    _para(doc, "二、压实责任")
    _para(doc, "各区政府要对照附件所列任务，细化措施，按期完成。")
    _para(doc, "附件：老旧小区改造提质重点任务分工")
    _para(doc, "东岭市人民政府办公室", indent=False, align="r")
    _para(doc, "2025年3月18日", indent=False, align="r")
    _para(doc, "（此件公开发布）")
    doc.add_page_break()
    _para(doc, "附件", indent=False)
    _para(doc, "老旧小区改造提质重点任务分工", indent=False, align="c", size=22)
    _task_table(doc)
    _para(doc, "抄送：市委办公室，市人大常委会办公室，市政协办公室。", indent=False, size=14)
    _para(doc, "东岭市人民政府办公室　　　　　　2025年3月19日印发", indent=False, size=14)


def _second_document(doc):
    _masthead(doc, "东岭市人民政府文件", "东政发〔2025〕7号", "签发人：韩立群")
    _para(doc, "东岭市人民政府", indent=False, size=22, align="c")
    _para(doc, "关于调整市森林防火指挥部组成人员的通知", indent=False, size=22, align="c")
    _para(doc, "各区人民政府，市直各单位：", indent=False)
    _para(doc, "因人事变动，经研究，决定对市森林防火指挥部组成人员进行调整。现将调整后名单通知如下。")
    _para(doc, "指挥长：韩立群　市长")
    _para(doc, "副指挥长：孙德明　副市长")
    _para(doc, "东岭市人民政府", indent=False, align="r")
    _para(doc, "2025年4月2日", indent=False, align="r")
    _para(doc, "（此件公开发布）")
    _para(doc, "抄送：市委办公室。", indent=False, size=14)
    _para(doc, "东岭市人民政府办公室　　　　　　2025年4月3日印发", indent=False, size=14)


def _docx(path, *parts):
    from docx import Document

    doc = Document()
    for k, part in enumerate(parts):
        if k:
            doc.add_page_break()
        part(doc)
    doc.save(str(path))
    return path


def _tasks(result):
    return [(t.document, t.key, t.section, t.content, [(r.unit, r.role) for r in t.responsibilities],
             [(d.date, d.text) for d in t.deadlines]) for t in result.tasks]


NUMBER = "东政办发〔2025〕12号"
TASKS = [
    (NUMBER, "1", None, "完成水电气暖等管网改造，6月底前完成招标。",
     [("市住房和城乡建设局", "lead"), ("各区人民政府", "cooperate")], [("2025-06-30", "6月底前")]),
    (NUMBER, "2", None, "加装电梯200部，同步完善无障碍设施。",
     [("市住房和城乡建设局", "lead"), ("市市场监管局", "cooperate"), ("市残联", "cooperate")],
     [("2025-12-31", "2025年12月底前")]),
    (NUMBER, "3", None, "整治小区消防通道，清理占道堆放物。",
     [("市消防救援支队", "lead"), ("各区人民政府", "cooperate")], [("2025-09-30", "2025年9月底前")]),
    (NUMBER, "4", "二、环境整治", "拆除违法建设，恢复公共空间。",
     [("市城管局", "lead"), ("各区人民政府", "cooperate")], [("2025-08-31", "2025年8月底前")]),
    (NUMBER, "5", "二、环境整治", "增设停车泊位1500个。",
     [("市城管局", "lead"), ("市公安局交警支队", "cooperate")], [("2025-12-31", "年底前")]),
]


def test_docx_masthead_in_a_layout_table(tmp_path):
    """The 30 pt 发文机关标志 and the 16 pt number row are measured in their own
    sizes (they were wrapped at the table's 30 pt: 东政办发〔 / 2025〕12号)."""
    read = read_document(_docx(tmp_path / "one.docx", _first_document))
    texts = [ln.text for ln in read.lines]
    assert texts[:4] == ["东岭市人民政府办公室文件", NUMBER, "东岭市人民政府办公室",
                         "关于推进城区老旧小区改造提质的通知"]
    assert read.meta == {"issuer": "东岭市人民政府办公室", "doc_number": NUMBER, "signer": "周文涛",
                         "printed_by": "东岭市人民政府办公室", "printed_date": "2025-03-19",
                         "cc": ["市委办公室", "市人大常委会办公室", "市政协办公室"]}
    assert not any("— 1 —" in t for t in texts)                   # the footer stays out
    assert texts.count("序号 重点任务 牵头单位 配合单位 完成时限") == 2
    assert texts.count("市城管局") == 2                             # the merged 牵头单位, read in both rows


def test_docx_records(tmp_path):
    result = extract_path(_docx(tmp_path / "one.docx", _first_document))
    (doc,) = result.documents
    assert (doc.doc_number, doc.issuer, doc.title, doc.doc_type) == (
        NUMBER, "东岭市人民政府办公室", "关于推进城区老旧小区改造提质的通知", "通知")
    assert doc.addressees == ["各区人民政府", "市直有关单位"]
    assert (doc.signed_date, doc.publication, doc.signer) == ("2025-03-18", "此件公开发布", "周文涛")
    assert doc.attachments == ["老旧小区改造提质重点任务分工"]
    assert doc.cc == ["市委办公室", "市人大常委会办公室", "市政协办公室"]
    assert (doc.printed_by, doc.printed_date) == ("东岭市人民政府办公室", "2025-03-19")
    assert "序号" not in doc.body and "签发人" not in doc.body
    assert _tasks(result) == TASKS


def test_two_documents_in_one_docx(tmp_path):
    """The file's 版头 (签发人) is the first document's, its 版记 the last one's;
    each keeps its own elements."""
    result = extract_path(_docx(tmp_path / "two.docx", _first_document, _second_document))
    first, second = result.documents
    assert (first.doc_number, first.signer, first.cc, first.printed_date) == (
        NUMBER, "周文涛", ["市委办公室", "市人大常委会办公室", "市政协办公室"], "2025-03-19")
    assert (second.doc_number, second.issuer, second.title, second.signed_date) == (
        "东政发〔2025〕7号", "东岭市人民政府", "关于调整市森林防火指挥部组成人员的通知", "2025-04-02")
    assert (second.signer, second.cc, second.printed_by, second.printed_date) == (
        "韩立群", ["市委办公室"], "东岭市人民政府办公室", "2025-04-03")
    assert second.addressees == ["各区人民政府", "市直各单位"]
    assert _tasks(result) == TASKS
    (group,) = result.groups
    assert group.document == "东政发〔2025〕7号" and group.name == "市森林防火指挥部"
    assert [(m.role, m.name, m.position) for m in group.members] == [
        ("指挥长", "韩立群", "市长"), ("副指挥长", "孙德明", "副市长")]


def test_broken_docx_is_one_line(tmp_path):
    good = _docx(tmp_path / "good.docx", _first_document).read_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(good[:len(good) // 2])
    src = zipfile.ZipFile(io.BytesIO(good))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for info in src.infolist():
            out.writestr(info, b"<w:document><w:body><w:p>" if info.filename == "word/document.xml"
                         else src.read(info))
    bad = tmp_path / "bad-xml.docx"
    bad.write_bytes(buf.getvalue())
    for path, what in ((cut, "is a damaged ZIP file"), (bad, "is a damaged DOCX")):
        with pytest.raises(InputError) as err:
            extract_path(path)
        assert str(err.value).startswith(f"{path}: {what}")
        assert "\n" not in str(err.value)


# --- DOCX with Word's automatic numbering ------------------------------------------------

NUMBERING = """<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="10">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="11">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="12">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/></w:lvl>
</w:abstractNum>
<w:num w:numId="20"><w:abstractNumId w:val="10"/></w:num>
<w:num w:numId="21"><w:abstractNumId w:val="11"/></w:num>
<w:num w:numId="22"><w:abstractNumId w:val="12"/></w:num>
</w:numbering>"""


def _numbered_docx(path, with_table: bool):
    from docx import Document
    from docx.oxml import parse_xml

    doc = Document()
    root = doc.part.numbering_part.element
    for child in parse_xml(NUMBERING):
        root.append(child)

    def number(p, num_id, ilvl=0):
        p._p.get_or_add_pPr().append(parse_xml(
            '<w:numPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f'<w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))

    def para(text, num=None, ilvl=0):
        p = doc.add_paragraph(text)
        if num:
            number(p, num, ilvl)

    for text in ("西川市人民政府办公室", "西政办函〔2024〕33号", "西川市人民政府办公室关于做好2024年夏季防汛工作的通知",
                 "各县（区）人民政府，市直有关单位：", "为做好今年防汛工作，现将有关事项通知如下。"):
        para(text)
    para("压实防汛责任", 20)
    para("各县（区）要落实行政首长负责制。（各县区人民政府负责）", 20, 1)
    para("汛前完成河道清障。（市水利局牵头，市自然资源局配合）", 20, 1)
    para("强化应急保障", 20)
    para("5月底前完成防汛物资储备。（市应急管理局负责）", 20, 1)
    para("此项工作要高度重视。", 22)                 # a bullet: no label
    if with_table:
        para("附件：防汛重点任务清单")
    para("西川市人民政府办公室")
    para("2024年4月25日")
    if with_table:
        para("附件")
        para("防汛重点任务清单")
        t = doc.add_table(rows=4, cols=4)
        t.style = "Table Grid"
        for k, word in enumerate(["序号", "重点任务", "责任单位", "完成时限"]):
            t.cell(0, k).paragraphs[0].text = word
        rows = [("开展水库安全检查。", "市水利局", "2024年5月15日前"),
                ("更新山洪灾害预警设施。", "市水利局、各县（区）人民政府", "2024年6月底前"),
                ("组织防汛应急演练。", "市应急管理局", "2024年6月10日前")]
        for r, values in enumerate(rows, start=1):
            number(t.cell(r, 0).paragraphs[0], 21)        # the 序号 cell: an auto number, no text
            for k, value in enumerate(values, start=1):
                t.cell(r, k).paragraphs[0].text = value
    doc.save(str(path))
    return path


def test_docx_automatic_numbering_in_the_body(tmp_path):
    """Headings and items numbered by Word (一、 （一）) had no labels in the text:
    no numbered item, so no task."""
    path = _numbered_docx(tmp_path / "numbered.docx", with_table=False)
    texts = [ln.text for ln in read_document(path).lines]
    assert texts[5:10] == ["一、压实防汛责任", "（一）各县（区）要落实行政首长负责制。（各县区人民政府负责）",
                           "（二）汛前完成河道清障。（市水利局牵头，市自然资源局配合）", "二、强化应急保障",
                           "（一）5月底前完成防汛物资储备。（市应急管理局负责）"]
    assert texts[10] == "此项工作要高度重视。"
    result = extract_path(path)
    number = "西政办函〔2024〕33号"
    assert _tasks(result) == [
        (number, "1", "一、压实防汛责任", "各县（区）要落实行政首长负责制。", [("各县区人民政府", "responsible")], []),
        (number, "2", "一、压实防汛责任", "汛前完成河道清障。",
         [("市水利局", "lead"), ("市自然资源局", "cooperate")], []),
        (number, "3", "二、强化应急保障", "5月底前完成防汛物资储备。", [("市应急管理局", "responsible")],
         [("2024-05-31", "5月底前")]),
    ]


def test_docx_automatic_numbers_in_a_task_table(tmp_path):
    """序号 cells numbered by Word are empty in the XML: the rows had no numbers."""
    path = _numbered_docx(tmp_path / "table.docx", with_table=True)
    texts = [ln.text for ln in read_document(path).lines]
    assert "1 开展水库安全检查。 市水利局 2024年5月15日前" in texts
    assert "3 组织防汛应急演练。 市应急管理局 2024年6月10日前" in texts
    result = extract_path(path)
    (doc,) = result.documents
    assert (doc.doc_number, doc.title, doc.attachments, doc.signed_date) == (
        "西政办函〔2024〕33号", "关于做好2024年夏季防汛工作的通知", ["防汛重点任务清单"], "2024-04-25")
    table = [t for t in _tasks(result) if t[2] is None]
    assert table == [
        ("西政办函〔2024〕33号", "1", None, "开展水库安全检查。", [("市水利局", "responsible")],
         [("2024-05-15", "2024年5月15日前")]),
        ("西政办函〔2024〕33号", "2", None, "更新山洪灾害预警设施。",
         [("市水利局", "responsible"), ("各县（区）人民政府", "responsible")], [("2024-06-30", "2024年6月底前")]),
        ("西政办函〔2024〕33号", "3", None, "组织防汛应急演练。", [("市应急管理局", "responsible")],
         [("2024-06-10", "2024年6月10日前")]),
    ]


# --- PDF -----------------------------------------------------------------------------------

PW, PH = 595.0, 842.0
PL, PR = 80.0, 515.0


class _Printer:
    """A 公文 set in pages: running page numbers (odd pages right, even left,
    as GB/T 9704 places them), prose broken at the measure, ruled tables
    whose rows go on over a page with the header row repeated."""

    def __init__(self, path, maker):
        from reportlab.pdfgen import canvas

        self.font = maker._font()
        self.c = canvas.Canvas(str(path), pagesize=(PW, PH))
        self.page = 1
        self.y = PH - 80

    def new_page(self):
        self.c.setFont(self.font, 14)
        number = f"— {self.page} —"
        if self.page % 2:
            self.c.drawRightString(PR - 14, 40, number)
        else:
            self.c.drawString(PL + 14, 40, number)
        self.c.showPage()
        self.page += 1
        self.y = PH - 80

    def text(self, s, size=16, indent=2, lead=28, align=None):
        per = int((PR - PL) / size)
        first = True
        while s:
            avail = per - (indent if first else 0)
            chunk, s = s[:avail], s[avail:]
            while s and s[0] in "，。、；：）":
                chunk, s = chunk + s[0], s[1:]
            if self.y - lead < 80:
                self.new_page()
            self.c.setFont(self.font, size)
            if align == "c":
                self.c.drawCentredString(PW / 2, self.y, chunk)
            elif align == "r":
                self.c.drawRightString(PR - 32, self.y, chunk)
            else:
                self.c.drawString(PL + (indent * size if first else 0), self.y, chunk)
            self.y -= lead
            first = False

    def table(self, header, rows, widths, size=10.5, lead=14):
        xs = [PL]
        for w in widths:
            xs.append(xs[-1] + w)

        def draw(cells):
            h = max(len(cell) for cell in cells) * lead + 8
            top = self.y
            self.c.setLineWidth(0.5)
            self.c.line(xs[0], top, xs[-1], top)
            self.c.line(xs[0], top - h, xs[-1], top - h)
            for x in xs:
                self.c.line(x, top, x, top - h)
            self.c.setFont(self.font, size)
            for k, cell in enumerate(cells):
                for j, t in enumerate(cell):
                    self.c.drawString(xs[k] + 3, top - 4 - size - j * lead, t)
            self.y = top - h

        draw([[w] for w in header])
        for cells in rows:
            if self.y - (max(len(c) for c in cells) * lead + 8) < 80:
                self.new_page()
                draw([[w] for w in header])
            draw(cells)

    def save(self):
        self.new_page()
        self.c.save()


BODY = "坚持以人民为中心，聚焦农村群众饮水安全，统筹推进水源保护、工程建设和管理服务，着力提升农村供水保障水平。"


def _water_pdf(path, maker, rows=16):
    p = _Printer(path, maker)
    c = p.c
    c.setFillColorRGB(1, 0, 0)
    c.setFont(p.font, 30)
    c.drawCentredString(PW / 2, PH - 120, "南溪县人民政府办公室文件")
    c.setFillColorRGB(0, 0, 0)
    c.setFont(p.font, 16)
    c.drawString(PL + 20, PH - 180, "南政办发〔2024〕21号")
    c.drawRightString(PR - 20, PH - 180, "签发人：吴建平")
    c.setStrokeColorRGB(1, 0, 0)
    c.setLineWidth(2)
    c.line(PL, PH - 192, PR, PH - 192)
    c.setStrokeColorRGB(0, 0, 0)
    p.y = PH - 240
    p.text("南溪县人民政府办公室", 22, 0, 32, "c")
    p.text("关于印发南溪县2024年农村供水保障工作方案的通知", 22, 0, 32, "c")
    p.text("各乡镇人民政府，县直有关单位：", 16, 0)
    p.text("《南溪县2024年农村供水保障工作方案》已经县人民政府同意，现印发给你们，请结合实际认真贯彻落实。")
    for heading in ("一、总体要求", "二、主要任务", "三、保障措施"):
        p.text(heading)
        p.text(BODY * 2)
    p.text("附件：南溪县2024年农村供水保障重点任务分工")
    p.y -= 30
    p.text("南溪县人民政府办公室", 16, 0, 28, "r")
    p.text("2024年4月10日", 16, 0, 28, "r")
    p.text("（此件公开发布）")
    p.new_page()
    p.text("附件", 16, 0)
    p.text("南溪县2024年农村供水保障重点任务分工", 20, 0, 32, "c")
    body = [[[str(n)],
             [f"完成第{n}批农村供水工程", f"改造，新建管网{10 + n}公里，", "确保工程质量达标。"],
             ["县水利局"], ["县财政局、", "各乡镇人民", "政府"], [f"2024年{3 + n // 3}月", "底前"]]
            for n in range(1, rows + 1)]
    p.table(["序号", "重点任务", "牵头单位", "配合单位", "完成时限"], body, [32, 190, 80, 80, 53])
    p.y -= 40
    c.setLineWidth(1)
    c.line(PL, p.y, PR, p.y)
    p.y -= 24
    c.setFont(p.font, 14)
    c.drawString(PL + 14, p.y, "抄送：县委办公室，县人大常委会办公室，县政协办公室。")
    p.y -= 10
    c.setLineWidth(0.5)
    c.line(PL, p.y, PR, p.y)
    p.y -= 24
    c.drawString(PL + 14, p.y, "南溪县人民政府办公室")
    c.drawRightString(PR - 14, p.y, "2024年4月11日印发")
    p.y -= 10
    c.setLineWidth(1)
    c.line(PL, p.y, PR, p.y)
    p.save()
    return path


def test_pdf_of_four_pages_with_a_table_over_a_page_break(tmp_path, maker):
    path = _water_pdf(tmp_path / "water.pdf", maker)
    lines = read_document(path).lines
    texts = [ln.text for ln in lines]
    assert max(ln.page for ln in lines) == 4
    assert not any(t.startswith("—") for t in texts)                  # page numbers left and right, dropped
    assert texts[:2] == ["南溪县人民政府办公室文件", "南政办发〔2024〕21号 签发人：吴建平"]
    header = "序号 重点任务 牵头单位 配合单位 完成时限"
    assert [ln.page for ln in lines if ln.text == header] == [3, 4]  # repeated on the next page
    assert texts[-2:] == ["抄送：县委办公室，县人大常委会办公室，县政协办公室。", "南溪县人民政府办公室 2024年4月11日印发"]
    result = extract_path(path)
    (doc,) = result.documents
    assert (doc.doc_number, doc.issuer, doc.title, doc.signer) == (
        "南政办发〔2024〕21号", "南溪县人民政府办公室", "关于印发南溪县2024年农村供水保障工作方案的通知", "吴建平")
    assert doc.addressees == ["各乡镇人民政府", "县直有关单位"]
    assert (doc.signed_date, doc.publication, doc.attachments) == (
        "2024-04-10", "此件公开发布", ["南溪县2024年农村供水保障重点任务分工"])
    assert doc.cc == ["县委办公室", "县人大常委会办公室", "县政协办公室"]
    assert (doc.printed_by, doc.printed_date) == ("南溪县人民政府办公室", "2024-04-11")
    assert doc.body.count(BODY) == 6 and "序号" not in doc.body
    month_end = {3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31}
    expected = []
    for n in range(1, 17):
        month = 3 + n // 3
        expected.append(("南政办发〔2024〕21号", str(n), None,
                         f"完成第{n}批农村供水工程改造，新建管网{10 + n}公里，确保工程质量达标。",
                         [("县水利局", "lead"), ("县财政局", "cooperate"), ("各乡镇人民政府", "cooperate")],
                         [(f"2024-{month:02d}-{month_end[month]}", f"2024年{month}月底前")]))
    assert _tasks(result) == expected


def _merged_lead_pdf(path, maker):
    from reportlab.pdfgen import canvas

    font = maker._font()
    c = canvas.Canvas(str(path), pagesize=(PW, PH))
    c.setFont(font, 16)
    c.drawCentredString(PW / 2, PH - 80, "北林县人民政府办公室")
    c.drawCentredString(PW / 2, PH - 110, "北政办发〔2024〕8号")
    c.drawCentredString(PW / 2, PH - 140, "关于印发秸秆综合利用工作任务分工的通知")
    c.setFont(font, 12)
    c.drawString(60, PH - 170, "各乡镇人民政府，县直有关单位：")
    c.drawString(84, PH - 190, "现将秸秆综合利用工作任务分工印发给你们，请认真落实。")
    c.drawString(380, PH - 230, "北林县人民政府办公室")
    c.drawString(400, PH - 250, "2024年5月6日")
    xs = [60, 92, 300, 390, 470, 540]
    top = PH - 290
    ys = [top, top - 20, top - 60, top - 90, top - 120]
    c.setLineWidth(0.5)
    c.setFont(font, 10.5)
    for x, word in zip(xs, ("序号", "重点任务", "牵头单位", "配合单位", "完成时限")):
        c.drawString(x + 3, top - 14, word)
    for y in ys:
        if y == ys[2]:                       # no rule under the 牵头单位 of row 1: merged with row 2
            c.line(xs[0], y, xs[2], y)
            c.line(xs[3], y, xs[-1], y)
        else:
            c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    c.drawString(xs[2] + 3, ys[2] - 4, "县农业农村局")          # centred in the merged cell
    rows = [("1", ["推进秸秆还田，还田面积达到", "20万亩。"], None, ["各乡镇人民政府"], ["2024年10月", "底前"]),
            ("2", ["建设秸秆收储站点12个。"], None, ["县发展改革局"], ["2024年9月底前"]),
            ("3", ["严禁露天焚烧秸秆，加强巡查。"], ["县生态环境分局"], ["各乡镇人民政府"], ["长期坚持"])]
    for (number, *cells), y0 in zip(rows, ys[1:]):
        c.drawString(xs[0] + 8, y0 - 14, number)
        for k, cell in enumerate(cells, start=1):
            for j, t in enumerate(cell or []):
                c.drawString(xs[k] + 3, y0 - 14 - j * 13, t)
    c.showPage()
    c.save()
    return path


def test_pdf_lead_unit_merged_over_two_tasks(tmp_path, maker):
    """One 牵头单位 cell over tasks 1 and 2: task 2's row had no lead and was
    lost altogether; the merged cell is now read in both rows."""
    path = _merged_lead_pdf(tmp_path / "merged.pdf", maker)
    texts = [ln.text for ln in read_document(path).lines]
    assert texts[texts.index("序号 重点任务 牵头单位 配合单位 完成时限") + 1:] == [
        "1", "推进秸秆还田，还田面积达到", "20万亩。", "县农业农村局", "各乡镇人民政府", "2024年10月", "底前",
        "2 建设秸秆收储站点12个。 县农业农村局 县发展改革局 2024年9月底前",
        "3 严禁露天焚烧秸秆，加强巡查。 县生态环境分局 各乡镇人民政府 长期坚持",
    ]
    number = "北政办发〔2024〕8号"
    assert _tasks(extract_path(path)) == [
        (number, "1", None, "推进秸秆还田，还田面积达到20万亩。",
         [("县农业农村局", "lead"), ("各乡镇人民政府", "cooperate")], [("2024-10-31", "2024年10月底前")]),
        (number, "2", None, "建设秸秆收储站点12个。",
         [("县农业农村局", "lead"), ("县发展改革局", "cooperate")], [("2024-09-30", "2024年9月底前")]),
        (number, "3", None, "严禁露天焚烧秸秆，加强巡查。",
         [("县生态环境分局", "lead"), ("各乡镇人民政府", "cooperate")], []),
    ]


def test_broken_pdf_is_one_line(tmp_path, maker):
    good = _merged_lead_pdf(tmp_path / "good.pdf", maker).read_bytes()
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(good[:len(good) // 3])        # cut before any page
    for path in (junk, cut):
        with pytest.raises(InputError) as err:
            extract_path(path)
        assert str(err.value) == f"{path}: is a damaged PDF (truncated or corrupt; pdfium cannot open it)"


def _joint_docx(path):
    from docx import Document
    from docx.shared import Cm

    doc = Document()
    t = doc.add_table(rows=2, cols=2)            # the names stacked, 文件 beside them (merged over both rows)
    grid = t._tbl.tblGrid.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}gridCol")
    for col, width in zip(grid, (12, 3.5)):
        col.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w", str(int(width / 2.54 * 1440)))
    for row in t.rows:
        row.cells[0].width, row.cells[1].width = Cm(12), Cm(3.5)
    _cell(t.cell(0, 0), "东岭市财政局", 26)
    _cell(t.cell(1, 0), "东岭市农业农村局", 26)
    _cell(t.cell(0, 1).merge(t.cell(1, 1)), "文件", 26)
    _para(doc, "东财农〔2025〕4号", indent=False, align="c")
    _para(doc, "关于下达2025年耕地地力保护补贴资金的通知", indent=False, size=22, align="c")
    _para(doc, "各区财政局：", indent=False)
    _para(doc, "现将2025年耕地地力保护补贴资金下达给你们，请及时足额兑付到户。")
    _para(doc, "东岭市财政局　　　　东岭市农业农村局", indent=False, align="r")
    _para(doc, "2025年5月9日", indent=False, align="r")
    doc.save(str(path))
    return path


def test_docx_joint_masthead_in_a_table(tmp_path):
    """文件 merged beside two stacked names was read with each of them
    (东岭市财政局 文件 / 东岭市农业农村局 文件: one issuer taken for the masthead)."""
    path = _joint_docx(tmp_path / "joint.docx")
    read = read_document(path)
    assert [ln.text for ln in read.lines[:4]] == ["东岭市财政局", "东岭市农业农村局", "文件", "东财农〔2025〕4号"]
    assert read.meta == {"doc_number": "东财农〔2025〕4号"}
    (doc,) = extract_path(path).documents
    assert (doc.doc_number, doc.issuer, doc.title, doc.signed_date) == (
        "东财农〔2025〕4号", "东岭市财政局 东岭市农业农村局", "关于下达2025年耕地地力保护补贴资金的通知", "2025-05-09")
    assert doc.addressees == ["各区财政局"]


JOINT_BODY = """东财农〔2025〕4号
关于下达2025年耕地地力保护补贴资金的通知
各区财政局：
　　现将2025年耕地地力保护补贴资金下达给你们，请及时足额兑付到户。
东岭市财政局　　　　东岭市农业农村局
2025年5月9日
"""


def test_pdf_joint_masthead_with_wenjian_beside_the_names(tmp_path, maker):
    """Two names stacked, a larger 文件 beside them: the PDF reads the second
    name and 文件 as one line (东岭市农业农村局 文件); the issuer was the
    second name alone (with a trailing space)."""
    from reportlab.pdfgen import canvas

    from gongbao.extract.pipeline import extract_text

    font = maker._font()
    path = tmp_path / "joint.pdf"
    c = canvas.Canvas(str(path), pagesize=(PW, PH))
    c.setFillColorRGB(1, 0, 0)
    c.setFont(font, 26)
    c.drawString(110, PH - 110, "东岭市财政局")
    c.drawString(110, PH - 145, "东岭市农业农村局")
    c.setFont(font, 40)
    c.drawString(350, PH - 140, "文件")
    c.setFillColorRGB(0, 0, 0)
    c.setFont(font, 16)
    lines = JOINT_BODY.replace("　　", "").splitlines()
    y = PH - 190
    for text in lines:
        c.drawString(80, y, text)
        y -= 30
    c.showPage()
    c.save()
    assert [ln.text for ln in read_document(path).lines[:3]] == ["东岭市财政局", "东岭市农业农村局 文件", "东财农〔2025〕4号"]
    (doc,) = extract_path(path).documents
    assert (doc.doc_number, doc.issuer, doc.title, doc.signed_date) == (
        "东财农〔2025〕4号", "东岭市财政局 东岭市农业农村局", "关于下达2025年耕地地力保护补贴资金的通知", "2025-05-09")
    for head in ("东岭市财政局\n东岭市农业农村局文件\n", "东岭市财政局\n东岭市农业农村局 文件\n"):
        (doc,) = extract_text(head + JOINT_BODY, "joint.txt").documents
        assert (doc.doc_number, doc.issuer) == ("东财农〔2025〕4号", "东岭市财政局 东岭市农业农村局"), head


def test_docx_hidden_text_and_rows_in_content_controls(tmp_path):
    """A template's hidden note (w:vanish) was read into the body; table rows
    and cells wrapped in content controls (w:sdt, as Word forms have them)
    were lost: task 1 gone, task 2 without its content."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from test_reader_docx import _docx_with_body, _p

    def tc(text):
        return f"<w:tc><w:tcPr/>{_p(text)}</w:tc>"

    def sdt(xml):
        return f"<w:sdt><w:sdtPr/><w:sdtContent>{xml}</w:sdtContent></w:sdt>"

    table = ('<w:tbl><w:tblGrid><w:gridCol w:w="600"/><w:gridCol w:w="4000"/><w:gridCol w:w="1800"/>'
             '<w:gridCol w:w="1500"/></w:tblGrid>'
             + "<w:tr>" + tc("序号") + tc("重点任务") + tc("责任单位") + tc("完成时限") + "</w:tr>"
             + sdt("<w:tr>" + tc("1") + tc("排查地质灾害隐患点。") + tc("县自然资源局") + tc("2024年5月底前") + "</w:tr>")
             + "<w:tr>" + tc("2") + sdt(tc("清理河道行洪障碍。")) + tc("县水利局") + tc("2024年6月15日前") + "</w:tr>"
             + "</w:tbl>")
    body = (_p("南溪县人民政府办公室文件")
            + '<w:p><w:r><w:t>南政办发〔2024〕5号</w:t></w:r><w:r><w:tab/><w:tab/><w:t>签发人：吴建平</w:t></w:r></w:p>'
            + _p("关于做好2024年汛期安全工作的通知") + _p("各乡镇人民政府，县直有关单位：")
            + '<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>（模板说明：此处填写正文，发布前删除）</w:t></w:r>'
              '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>为做好汛期安全工作，现通知如下。</w:t></w:r></w:p>'
            + _p("附件：汛期安全重点任务") + _p("南溪县人民政府办公室") + _p("2024年4月12日")
            + _p("附件") + _p("汛期安全重点任务") + table)
    path = tmp_path / "form.docx"
    path.write_bytes(_docx_with_body(body))
    read = read_document(path)
    assert read.meta == {"issuer": "南溪县人民政府办公室", "doc_number": "南政办发〔2024〕5号", "signer": "吴建平"}
    result = extract_path(path)
    (doc,) = result.documents
    assert doc.body == "为做好汛期安全工作，现通知如下。"
    assert (doc.title, doc.signer, doc.signed_date) == ("关于做好2024年汛期安全工作的通知", "吴建平", "2024-04-12")
    assert _tasks(result) == [
        ("南政办发〔2024〕5号", "1", None, "排查地质灾害隐患点。", [("县自然资源局", "responsible")],
         [("2024-05-31", "2024年5月底前")]),
        ("南政办发〔2024〕5号", "2", None, "清理河道行洪障碍。", [("县水利局", "responsible")],
         [("2024-06-15", "2024年6月15日前")]),
    ]


# --- a header of two rows: 责任单位 over 牵头单位 | 配合单位 ----------------------------------

HEAD_TWO_TEXT = ["东岭市人民政府办公室", "东政办发〔2025〕20号", "关于印发东岭市2025年优化营商环境重点任务的通知",
                 "各区人民政府，市直有关单位：", "现将重点任务印发给你们，请认真抓好落实。", "东岭市人民政府办公室",
                 "2025年6月3日"]
HEAD_TWO_TASKS = [
    ("东政办发〔2025〕20号", "1", None, "推行企业开办一日办结。",
     [("市市场监管局", "lead"), ("市税务局", "cooperate"), ("市公安局", "cooperate")],
     [("2025-09-30", "2025年9月底前")]),
    ("东政办发〔2025〕20号", "2", None, "压减工程建设项目审批时间至40个工作日以内。",
     [("市住房和城乡建设局", "lead"), ("市自然资源局", "cooperate")], [("2025-12-31", "年底前")]),
]


def test_docx_header_of_two_rows(tmp_path):
    """The headings were read as two lines (序号 重点任务 责任单位 完成时限 /
    牵头单位 配合单位 …): lead and cooperating units ran together as one
    unit (市市场监管局市税务局) or into the content."""
    from docx import Document

    doc = Document()
    for text in HEAD_TWO_TEXT:
        _para(doc, text, indent=False)
    t = doc.add_table(rows=4, cols=5)
    t.style = "Table Grid"
    _cell(t.cell(0, 0).merge(t.cell(1, 0)), "序号")
    _cell(t.cell(0, 1).merge(t.cell(1, 1)), "重点任务")
    _cell(t.cell(0, 2).merge(t.cell(0, 3)), "责任单位")
    _cell(t.cell(1, 2), "牵头单位")
    _cell(t.cell(1, 3), "配合单位")
    _cell(t.cell(0, 4).merge(t.cell(1, 4)), "完成时限")
    for r, values in ((2, ["1", "推行企业开办一日办结。", "市市场监管局", "市税务局、市公安局", "2025年9月底前"]),
                      (3, ["2", "压减工程建设项目审批时间至40个工作日以内。", "市住房和城乡建设局", "市自然资源局", "年底前"])):
        for k, value in enumerate(values):
            _cell(t.cell(r, k), value)
    path = tmp_path / "head-two.docx"
    doc.save(str(path))
    texts = [ln.text for ln in read_document(path).lines]
    assert texts[7:9] == ["序号 重点任务 牵头单位 配合单位 完成时限", "1"]
    assert _tasks(extract_path(path)) == HEAD_TWO_TASKS


XS = [60, 92, 300, 390, 470, 540]          # a five-column ruled table's column rules


def _pdf_head(path, font, lines):
    """A one-page PDF canvas with the document's lines at 14 pt; (canvas, y below them)."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(PW, PH))
    c.setFont(font, 14)
    y = PH - 80
    for text in lines:
        c.drawString(80, y, text)
        y -= 26
    return c, y


def _pdf_grid(c, font, ys, header):
    """A ruled table: full rules at ys, column rules, a one-line header row (10.5 pt)."""
    c.setLineWidth(0.5)
    for rule in ys:
        c.line(XS[0], rule, XS[-1], rule)
    for x in XS:
        c.line(x, ys[0], x, ys[-1])
    c.setFont(font, 10.5)
    for x, word in zip(XS, header):
        c.drawString(x + 3, ys[0] - 14, word)


def _pdf_rows(c, rows, tops):
    """Each row (number, cells as lists of lines; None: an empty cell) from its top rule; saves the file."""
    for (number, *cells), y0 in zip(rows, tops):
        c.drawString(XS[0] + 8, y0 - 14, number)
        for k, cell in enumerate(cells, start=1):
            for j, text in enumerate(cell or []):
                c.drawString(XS[k] + 3, y0 - 14 - j * 13, text)
    c.showPage()
    c.save()


def test_pdf_header_of_two_rows(tmp_path, maker):
    font = maker._font()
    path = tmp_path / "head-two.pdf"
    c, y = _pdf_head(path, font, HEAD_TWO_TEXT)
    xs = XS
    top = y - 20
    ys = [top, top - 20, top - 40, top - 90, top - 140]
    c.setLineWidth(0.5)
    c.line(xs[0], ys[0], xs[-1], ys[0])
    c.line(xs[2], ys[1], xs[4], ys[1])               # the rule under 责任单位 only
    for rule in ys[2:]:
        c.line(xs[0], rule, xs[-1], rule)
    for x in xs:
        c.line(x, ys[1] if x == xs[3] else ys[0], x, ys[-1])
    c.setFont(font, 10.5)
    for x, dx, dy, word in ((xs[0], 3, 24, "序号"), (xs[1], 3, 24, "重点任务"), (xs[2], 50, 14, "责任单位"),
                            (xs[4], 3, 24, "完成时限")):
        c.drawString(x + dx, ys[0] - dy, word)
    c.drawString(xs[2] + 3, ys[1] - 14, "牵头单位")
    c.drawString(xs[3] + 3, ys[1] - 14, "配合单位")
    rows = [("1", ["推行企业开办一日办结。"], ["市市场监管局"], ["市税务局、市公", "安局"], ["2025年9月", "底前"]),
            ("2", ["压减工程建设项目审批时间至40", "个工作日以内。"], ["市住房和城乡", "建设局"], ["市自然资源局"], ["年底前"])]
    _pdf_rows(c, rows, ys[2:])
    texts = [ln.text for ln in read_document(path).lines]
    assert texts[7:9] == ["序号 重点任务 牵头单位 配合单位 完成时限", "1 推行企业开办一日办结。 市市场监管局"]
    assert _tasks(extract_path(path)) == HEAD_TWO_TASKS


# --- a unit cell with one name a line, no separators (line breaks in the cell) ----------------

RENEWAL_TEXT = ["东岭市人民政府办公室", "东政办发〔2025〕30号", "关于印发东岭市城市更新重点任务的通知", "各区人民政府，市直有关单位：",
                "现将重点任务印发给你们，请认真抓好落实。", "东岭市人民政府办公室", "2025年7月1日"]
RENEWAL_TASKS = [
    ("东政办发〔2025〕30号", "1", None, "改造城中村3个。",
     [("市住房和城乡建设局", "lead"), ("市财政局", "cooperate"), ("市自然资源局", "cooperate"),
      ("各区人民政府", "cooperate")], [("2025-12-31", "2025年12月底前")]),
    ("东政办发〔2025〕30号", "2", None, "新建口袋公园10处。", [("市城市管理局", "lead"), ("市园林中心", "cooperate")],
     [("2025-10-31", "2025年10月底前")]),
]


def test_docx_units_one_a_line_in_a_cell(tmp_path):
    """配合单位 set one a line (市财政局 / 市自然资源局 / 各区人民政府): the names
    ran together (市自然资源局各区人民政府) and the wrapped 牵头单位 was taken
    into the content."""
    from docx import Document

    doc = Document()
    for text in RENEWAL_TEXT:
        _para(doc, text, indent=False)
    t = doc.add_table(rows=3, cols=5)
    t.style = "Table Grid"
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for col, width in zip(t._tbl.tblGrid.findall(w + "gridCol"), (700, 3600, 1700, 1700, 1300)):
        col.set(w + "w", str(width))
    for k, word in enumerate(["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]):
        _cell(t.cell(0, k), word)
    for r, values in ((1, ["1", "改造城中村3个。", "市住房和城乡建设局", "市财政局\n市自然资源局\n各区人民政府",
                           "2025年\n12月底前"]),
                      (2, ["2", "新建口袋公园10处。", "市城市管理局", "市园林中心", "2025年10月底前"])):
        for k, value in enumerate(values):
            _cell(t.cell(r, k), value)
    path = tmp_path / "renewal.docx"
    doc.save(str(path))
    texts = [ln.text for ln in read_document(path).lines]
    assert texts[8:17] == ["1", "改造城中村3个。", "市住房和城乡建", "设局", "市财政局", "市自然资源局", "各区人民政府",
                           "2025年", "12月底前"]
    assert _tasks(extract_path(path)) == RENEWAL_TASKS


def test_pdf_units_one_a_line_in_a_cell(tmp_path, maker):
    font = maker._font()
    path = tmp_path / "renewal.pdf"
    c, y = _pdf_head(path, font, RENEWAL_TEXT)
    top = y - 20
    ys = [top, top - 20, top - 70, top - 100]
    _pdf_grid(c, font, ys, ("序号", "重点任务", "牵头单位", "配合单位", "完成时限"))
    rows = [("1", ["改造城中村3个。"], ["市住房和城乡", "建设局"], ["市财政局", "市自然资源局", "各区人民政府"],
             ["2025年12月", "底前"]),
            ("2", ["新建口袋公园10处。"], ["市城市管理局"], ["市园林中心"], ["2025年10月", "底前"])]
    _pdf_rows(c, rows, ys[1:])
    assert _tasks(extract_path(path)) == RENEWAL_TASKS


def test_docx_imprint_as_a_table_and_a_typed_page_number(tmp_path):
    """A 版记 set as a ruled table (抄送 across, 印发机关 | 印发日期 below) and a
    page number typed into the body (— 2 —) stay out of the text."""
    from docx import Document

    doc = Document()
    _masthead(doc, "东岭市人民政府办公室文件", NUMBER, "签发人：周文涛")
    _para(doc, "关于推进城区老旧小区改造提质的通知", indent=False, size=22, align="c")
    _para(doc, "各区人民政府，市直有关单位：", indent=False)
    _para(doc, "为改善居民居住条件，经市政府同意，现就有关事项通知如下。")
    _para(doc, "— 2 —", indent=False, align="c")
    _para(doc, "一、明确目标")
    _para(doc, "2025年底前完成改造小区120个。")
    _para(doc, "附件：1.老旧小区改造提质重点任务分工")
    _para(doc, "2.老旧小区改造项目清单")
    _para(doc, "东岭市人民政府办公室", indent=False, align="r")
    _para(doc, "2025年3月18日", indent=False, align="r")
    _para(doc, "（此件公开发布）")
    t = doc.add_table(rows=2, cols=2)
    t.style = "Table Grid"
    _cell(t.cell(0, 0).merge(t.cell(0, 1)), "抄送：市委办公室，市人大常委会办公室，市政协办公室。", 14)
    _cell(t.cell(1, 0), "东岭市人民政府办公室", 14)
    _cell(t.cell(1, 1), "2025年3月19日印发", 14)
    path = tmp_path / "imprint.docx"
    doc.save(str(path))
    (doc,) = extract_path(path).documents
    assert (doc.doc_number, doc.signer, doc.signed_date, doc.publication) == (
        NUMBER, "周文涛", "2025-03-18", "此件公开发布")
    assert doc.attachments == ["老旧小区改造提质重点任务分工", "老旧小区改造项目清单"]
    assert doc.body == "为改善居民居住条件，经市政府同意，现就有关事项通知如下。\n一、明确目标\n2025年底前完成改造小区120个。"
    assert doc.cc == ["市委办公室", "市人大常委会办公室", "市政协办公室"]
    assert (doc.printed_by, doc.printed_date) == ("东岭市人民政府办公室", "2025-03-19")


def test_pdf_row_on_one_line_with_an_empty_cell(tmp_path, maker):
    """A row printed on one line with its 配合单位 left empty has a field
    fewer than the columns: the task was dropped altogether."""
    font = maker._font()
    path = tmp_path / "blank.pdf"
    c, y = _pdf_head(path, font, ("北林县人民政府办公室", "北政办发〔2024〕8号", "关于印发秸秆综合利用工作任务分工的通知",
                                  "各乡镇人民政府，县直有关单位：", "现将秸秆综合利用工作任务分工印发给你们，请认真落实。",
                                  "北林县人民政府办公室", "2024年5月6日"))
    top = y - 20
    ys = [top, top - 20, top - 60, top - 90, top - 120]
    _pdf_grid(c, font, ys, ("序号", "重点任务", "牵头单位", "配合单位", "完成时限"))
    rows = [("1", ["推进秸秆还田，还田面积达到", "20万亩。"], ["县农业农村局"], ["各乡镇人民政府"], ["2024年10月", "底前"]),
            ("2", ["建设秸秆收储站点12个。"], ["县发展改革局"], None, ["2024年9月底前"]),
            ("3", ["严禁露天焚烧秸秆，加强巡查。"], ["县生态环境分局"], ["各乡镇人民政府"], ["长期坚持"])]
    _pdf_rows(c, rows, ys[1:])
    texts = [ln.text for ln in read_document(path).lines]
    assert "2 建设秸秆收储站点12个。 县发展改革局 2024年9月底前" in texts
    number = "北政办发〔2024〕8号"
    assert _tasks(extract_path(path)) == [
        (number, "1", None, "推进秸秆还田，还田面积达到20万亩。",
         [("县农业农村局", "lead"), ("各乡镇人民政府", "cooperate")], [("2024-10-31", "2024年10月底前")]),
        (number, "2", None, "建设秸秆收储站点12个。", [("县发展改革局", "lead")], [("2024-09-30", "2024年9月底前")]),
        (number, "3", None, "严禁露天焚烧秸秆，加强巡查。",
         [("县生态环境分局", "lead"), ("各乡镇人民政府", "cooperate")], []),
    ]
