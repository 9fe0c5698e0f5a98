"""Web pages: the gov.cn 信息公开 page, a Word-exported GBK page, and the
shapes sites produce (fragments, template junk, charsets, bracket variants,
merged table cells, articles that do not print their own head)."""
from pathlib import Path

import pytest

from gongbao.errors import InputError
from gongbao.extract.pipeline import extract_path
from gongbao.readers import read_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "readers"


def _units(task):
    return [(r.unit, r.role) for r in task.responsibilities]


def test_gov_page_metadata_and_clutter():
    read = read_document(FIXTURES / "gov-notice.html")
    assert read.kind == "html"
    assert read.meta == {
        "index_no": "11330100MB1234567X/2024-00031",
        "subject": "综合政务\\政务公开",
        "issuer": "青川市人民政府办公室",
        "signed_date": "2024-03-18",
        "title": "青川市人民政府办公室关于印发青川市2024年优化营商环境重点任务的通知",
        "doc_number": "青政办发〔2024〕7号",          # printed [2024] in the table
        "published_date": "2024-03-20",
    }
    text = "\n".join(ln.text for ln in read.lines)
    for clutter in ("扫一扫", "打印本页", "关闭窗口", "首页", "政务公开", "脚本里的文字", "当前位置",
                    "相关文件", "网站标识码", "分享到", "索引号", "主题分类", "字号"):
        assert clutter not in text, clutter
    assert read.lines[0].text == "青川市人民政府办公室关于印发青川市2024年优化营商环境重点任务的通知"
    assert read.lines[-1].text == "（此件公开发布）"


def test_gov_page_records():
    result = extract_path(FIXTURES / "gov-notice.html")
    (doc,) = result.documents
    assert doc.doc_number == "青政办发〔2024〕7号"
    assert doc.issuer == "青川市人民政府办公室"
    assert doc.title == "关于印发青川市2024年优化营商环境重点任务的通知"
    assert doc.signed_date == "2024-03-18"
    assert doc.publication == "此件公开发布"
    tasks = {t.key: t for t in result.tasks}
    assert sorted(tasks) == ["1", "2", "3", "4"]
    assert tasks["1"].section == "一、提升政务服务效能"
    assert tasks["4"].content == "降低企业用电用气成本，6月底前完成年度降本目标的50%。"
    assert _units(tasks["4"]) == [("市发展改革委", "responsible"), ("市财政局", "responsible")]
    assert _units(tasks["2"]) == [("市市场监管局", "responsible"), ("市税务局", "responsible"),
                                  ("市公安局", "responsible")]
    assert [d.date for d in tasks["4"].deadlines] == ["2024-06-30"]
    assert all(t.document == "青政办发〔2024〕7号" for t in result.tasks)


def test_word_export_gbk():
    data = (FIXTURES / "word-export-gbk.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    read = read_document(FIXTURES / "word-export-gbk.html")
    texts = [ln.text for ln in read.lines]
    assert texts[:3] == ["松原县人民政府", "关于做好2024年春季森林防火工作的通知", "松政发（2024）12号"]
    assert "序号 任务 主要内容 责任单位" in texts
    assert not any("WordDocument" in t or "MsoNormal" in t or "mso" in t for t in texts)
    result = extract_path(FIXTURES / "word-export-gbk.html")
    (doc,) = result.documents
    assert doc.doc_number == "松政发（2024）12号"          # the text's own brackets stay
    assert doc.signed_date == "2024-03-05"
    assert doc.attachments == ["春季森林防火重点任务分工"]
    tasks = {t.key: t for t in result.tasks}
    assert sorted(tasks) == ["1.1", "1.2", "2.1"]
    assert tasks["1.1"].heading == tasks["1.2"].heading == "加强火源管控"   # rowspan=2
    assert tasks["1.2"].content == "加强进山入林人员管理，设立临时检查站点。"
    assert _units(tasks["1.2"]) == [("县公安局", "lead"), ("各乡（镇）人民政府", "cooperate")]
    assert _units(tasks["2.1"]) == [("县应急管理局", "responsible"), ("县财政局", "responsible")]
    assert [d.date for d in tasks["2.1"].deadlines] == ["2024-04-30"]


NOTICE = """<div class="TRS_Editor"><p align="center">云和县人民政府</p>
<p align="center">关于加强冬季消防安全工作的通知</p>
<p align="center">云政发〔2023〕21号</p>
<p>各乡镇人民政府，县政府各部门：</p>
<p>　　1.开展火灾隐患排查整治，12月底前完成。（县消防救援大队、县应急管理局负责）</p>
<p>　　2.加强消防宣传。（县委宣传部负责）</p>
<p align="right">云和县人民政府<br>2023年11月20日</p></div>"""


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_fragment_with_template_junk(tmp_path, encoding):
    page = '<%@ page contentType="text/html;charset=GBK" %>\n<?php echo $x; ?>\n' + NOTICE
    if encoding != "utf-8":
        page = page.replace("<div", '<meta charset="gb2312"><div', 1)
    path = tmp_path / "notice"              # no extension: chosen by content
    path.write_bytes(page.encode(encoding))
    read = read_document(path)
    assert read.kind == "html"
    texts = [ln.text for ln in read.lines]
    assert texts[:3] == ["云和县人民政府", "关于加强冬季消防安全工作的通知", "云政发〔2023〕21号"]
    assert not any("<%" in t or "php" in t for t in texts)
    assert texts[-2:] == ["云和县人民政府", "2023年11月20日"]      # <br> makes lines
    result = extract_path(path)
    assert result.documents[0].signed_date == "2023-11-20"
    assert [_units(t) for t in result.tasks] == [
        [("县消防救援大队", "responsible"), ("县应急管理局", "responsible")], [("县委宣传部", "responsible")]]


def test_article_without_its_own_head_gets_it_from_the_metadata(tmp_path):
    page = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>
<ul class="xxgk"><li><span>发文机关：</span>云和县人民政府办公室</li>
<li><span>发文字号：</span>云政办发（2023）8号</li><li><span>成文日期：</span>2023-06-01</li>
<li><span>标　　题：</span>云和县人民政府办公室关于做好防汛工作的通知</li></ul>
<div id="zoom"><p>各乡镇人民政府，县政府各部门：</p>
<p>　　为做好今年防汛工作，现将有关事项通知如下：一是压实责任；二是加强值守。请认真抓好落实。</p>
<p>　　1.汛前完成山塘水库安全检查。（县水利局负责）</p>
<p>云和县人民政府办公室</p><p>2023年6月1日</p></div></body></html>"""
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode("gbk"))
    read = read_document(path)
    assert read.meta["doc_number"] == "云政办发〔2023〕8号"       # （2023） normalised
    assert read.meta["signed_date"] == "2023-06-01"
    assert [ln.text for ln in read.lines[:2]] == ["云和县人民政府办公室关于做好防汛工作的通知", "云政办发〔2023〕8号"]
    result = extract_path(path)
    (doc,) = result.documents
    assert doc.doc_number == "云政办发〔2023〕8号"
    assert doc.title == "关于做好防汛工作的通知"
    assert doc.issuer == "云和县人民政府办公室"
    assert doc.addressees == ["各乡镇人民政府", "县政府各部门"]
    assert [_units(t) for t in result.tasks] == [[("县水利局", "responsible")]]


def test_table_cells_with_rowspan_and_colspan(tmp_path):
    page = """<table border=1>
<tr><th>序号</th><th>项目</th><th colspan=2>单位</th></tr>
<tr><td rowspan=2>1</td><td>甲项</td><td>县甲局</td><td>县乙局</td></tr>
<tr><td>乙项</td><td colspan=2>县丙局</td></tr>
<tr><td>2</td><td>丙项</td><td>县丁局</td><td></td></tr>
</table>"""
    path = tmp_path / "t.html"
    path.write_text(page, encoding="utf-8")
    texts = [ln.text for ln in read_document(path).lines]
    assert texts == ["序号 项目 单位", "1 甲项 县甲局 县乙局", "乙项 县丙局", "2 丙项 县丁局"]


def test_html_without_text_is_an_input_error(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>var a = '关于印发的通知';</script></head><body></body></html>")
    with pytest.raises(InputError) as err:
        read_document(path)
    assert str(path) in str(err.value)


def test_old_style_page_form_wrapper_layout_tables_and_a_lying_charset(tmp_path):
    """ASP.NET wraps the page in a <form>, old sites lay out with tables, the
    article sits in a wrapper named like clutter, and the page says gb2312
    while the bytes are UTF-8."""
    page = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>关于印发方案的通知</title></head><body><form id="form1" method="post" action="./a.aspx">
<table width="100%"><tr><td class="nav"><a href="/">网站首页</a> | <a href="/zwgk">政务公开</a> | <a>办事服务</a></td></tr></table>
<table width="980"><tr><td width="200" class="left"><ul><li><a>通知公告</a></li><li><a>政策文件</a></li></ul></td>
<td width="780"><div class="print-area">
<div class="part1"><p>临溪市人民政府办公室</p><p>关于印发垃圾分类工作方案的通知</p><p>临政办发〔2022〕30号</p>
<p>各区人民政府，市政府各部门：</p><p>《垃圾分类工作方案》已经市政府同意，现印发给你们，请认真贯彻执行。</p></div>
<div class="part2"><p>1.年底前实现生活垃圾分类全覆盖。（市城管局、市住建局负责）</p>
<p>2.建成餐厨垃圾处理厂1座，处理能力达到每日200吨。（市发展改革委负责）</p>
<p>临溪市人民政府办公室</p><p>2022年9月1日</p></div>
</div></td></tr></table>
<div class="footer">版权所有：临溪市人民政府办公室 技术支持：某某公司</div></form></body></html>"""
    path = tmp_path / "old.aspx"
    path.write_bytes(page.encode("utf-8"))
    texts = [ln.text for ln in read_document(path).lines]
    assert texts[0] == "临溪市人民政府办公室" and texts[-1] == "2022年9月1日"
    assert not any("首页" in t or "版权所有" in t or "通知公告" in t for t in texts)
    result = extract_path(path)
    (doc,) = result.documents
    assert (doc.doc_number, doc.signed_date) == ("临政办发〔2022〕30号", "2022-09-01")
    assert [_units(t) for t in result.tasks] == [
        [("市城管局", "responsible"), ("市住建局", "responsible")], [("市发展改革委", "responsible")]]
