"""Word files: a DOCX in GB/T 9704 layout (版头, task table with merged
cells, 版记), text boxes and tracked changes, and the binary formats that
need LibreOffice."""
import io
import stat
import zipfile
from pathlib import Path

import pytest

from gongbao.errors import InputError
from gongbao.extract.pipeline import extract_path
from gongbao.readers import docx as docx_reader
from gongbao.readers import read_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "readers"
DOCX = FIXTURES / "gbt9704.docx"


def _units(task):
    return [(r.unit, r.role) for r in task.responsibilities]


def test_head_and_end_become_metadata():
    read = read_document(DOCX)
    assert read.kind == "docx"
    assert read.meta == {
        "issuer": "平阳县人民政府",
        "doc_number": "平政发〔2024〕9号",
        "signer": "李明远",
        "cc": ["县委各部门", "县人大常委会办公室", "县政协办公室", "县法院", "县检察院"],
        "printed_by": "平阳县人民政府办公室",
        "printed_date": "2024-02-27",
    }
    texts = [ln.text for ln in read.lines]
    assert texts[:2] == ["平阳县人民政府文件", "平政发〔2024〕9号"]      # 签发人 taken off the number line
    assert not any(t.startswith("抄送") or t.endswith("印发") for t in texts)


def test_records():
    result = extract_path(DOCX)
    (doc,) = result.documents
    assert doc.doc_number == "平政发〔2024〕9号"
    assert doc.issuer == "平阳县人民政府"
    assert doc.title == "关于切实做好2024年春耕生产工作的通知"
    assert doc.signed_date == "2024-02-26"
    assert doc.addressees == ["各乡（镇）人民政府", "县直各有关单位"]
    assert doc.attachments == ["春耕生产重点任务分工"]
    assert doc.signer == "李明远"
    assert doc.cc == ["县委各部门", "县人大常委会办公室", "县政协办公室", "县法院", "县检察院"]
    assert (doc.printed_by, doc.printed_date) == ("平阳县人民政府办公室", "2024-02-27")
    tasks = {t.key: t for t in result.tasks}
    assert sorted(tasks) == ["1.1", "1.2", "2.1"]
    assert tasks["1.1"].heading == tasks["1.2"].heading == "抓好春耕备耕"       # merged cell
    assert tasks["1.1"].content == "3月底前完成高标准农田建设任务的40%，全年新建高标准农田2万亩。"
    assert _units(tasks["1.1"]) == [("县农业农村局", "lead"), ("县财政局", "cooperate"), ("县水利局", "cooperate")]
    assert _units(tasks["1.2"]) == [("县市场监管局", "responsible"), ("各乡（镇）人民政府", "responsible")]
    assert _units(tasks["2.1"]) == [("县农业农村局", "responsible")]
    assert [d.date for d in tasks["1.1"].deadlines] == ["2024-03-31", "2024-12-31"]


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx_with_body(body_xml: str) -> bytes:
    """A minimal DOCX made by hand (what other writers than Word produce)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml",
                    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                    '<Default Extension="xml" ContentType="application/xml"/>'
                    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                    '</Types>')
        zf.writestr("_rels/.rels",
                    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                    '</Relationships>')
        zf.writestr("word/document.xml",
                    f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}" '
                    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
                    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
                    'xmlns:v="urn:schemas-microsoft-com:vml">'
                    f"<w:body>{body_xml}</w:body></w:document>")
    return buf.getvalue()


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def test_text_box_masthead_tracked_changes_and_chinese_dates(tmp_path):
    box = ('<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
           + _p("清河县人民政府办公室文件") +
           '</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>'
           + _p("清河县人民政府办公室文件") +
           "</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>")
    body = (box + _p("清政办发〔2023〕15号")
            + _p("清河县人民政府办公室") + _p("关于开展安全生产大检查的通知")
            + _p("各乡镇人民政府，县直各单位：")
            + '<w:p><w:r><w:t>1.开展</w:t></w:r><w:del><w:r><w:delText>危化品</w:delText></w:r></w:del>'
              '<w:ins><w:r><w:t>危险化学品</w:t></w:r></w:ins><w:r><w:t>专项检查。（县应急管理局负责）</w:t></w:r></w:p>'
            + _p("清河县人民政府办公室") + _p("二〇二三年五月八日")
            + _p("抄送：县委办公室，县人大办公室。")
            + _p("清河县人民政府办公室　　　　二〇二三年五月九日印发"))
    path = tmp_path / "box.docx"
    path.write_bytes(_docx_with_body(body))
    read = read_document(path)
    texts = [ln.text for ln in read.lines]
    assert texts.count("清河县人民政府办公室文件") == 1           # the fallback copy is not read twice
    assert "1.开展危险化学品专项检查。（县应急管理局负责）" in texts   # insertion in, deletion out
    assert read.meta["printed_date"] == "2023-05-09"
    assert read.meta["cc"] == ["县委办公室", "县人大办公室"]
    result = extract_path(path)
    (doc,) = result.documents
    assert doc.doc_number == "清政办发〔2023〕15号"
    assert doc.signed_date == "2023-05-08"
    assert (doc.printed_by, doc.printed_date) == ("清河县人民政府办公室", "2023-05-09")
    assert [(t.key, _units(t)) for t in result.tasks] == [("1", [("县应急管理局", "responsible")])]


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "WordDocument".encode("utf-16-le") + bytes(1024)


def test_doc_without_libreoffice_names_the_file(tmp_path, monkeypatch):
    monkeypatch.setattr(docx_reader, "soffice", lambda: None)
    for name in ("old.doc", "old.wps", "no-extension"):
        path = tmp_path / name
        path.write_bytes(OLE)
        with pytest.raises(InputError) as err:
            read_document(path)
        assert str(err.value).startswith(f"{path}: ")
        assert "LibreOffice" in str(err.value)
        assert err.value.exit_code == 2


def test_doc_is_converted_with_soffice(tmp_path, monkeypatch):
    """The conversion plumbing, with a stand-in soffice that 'converts' by
    writing the GB/T 9704 fixture where LibreOffice would."""
    fake = tmp_path / "soffice"
    args = tmp_path / "args"
    fake.write_text("#!/bin/sh\n"
                    f'echo "$@" > "{args}"\n'
                    'while [ "$1" != "--outdir" ]; do shift; done\n'
                    f'cp "{DOCX}" "$2/input.docx"\n')
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(docx_reader, "soffice", lambda: str(fake))
    path = tmp_path / "old.doc"
    path.write_bytes(OLE)
    read = read_document(path)
    assert read.kind == "docx" and read.meta["signer"] == "李明远"
    called = args.read_text().split()
    assert "--headless" in called and called[called.index("--convert-to") + 1] == "docx"
    assert called[-1].endswith("input.doc")


def test_other_zip_files_are_named(tmp_path):
    cases = {"book.xlsx": ("xl/workbook.xml", "Excel"), "deck.pptx": ("ppt/presentation.xml", "PowerPoint"),
             "doc.ofd": ("OFD.xml", "OFD"), "files.zip": ("readme.txt", "not a DOCX")}
    for name, (member, said) in cases.items():
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr(member, "<x/>")
        path = tmp_path / name
        path.write_bytes(buf.getvalue())
        with pytest.raises(InputError) as err:
            read_document(path)
        assert str(path) in str(err.value) and said in str(err.value), name
