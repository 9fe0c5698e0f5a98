"""Documents of our own, in shapes the sample does not have: other cities,
wrap widths, column names, encodings, inline units, no 发文字号."""
import pytest

from gongbao.extract.pipeline import extract_text
from tests.extract.printer import Page, head, signature, table, wrap

ROWS = [
    (1, "加强组织领导", [("建立健全防汛工作责任制，层层压实责任，确保各项措施落到实处。", "县水务局、县应急局，各乡（镇）人民政府")]),
    (2, "排查整治隐患", [
        ("对辖区内病险水库开展全面排查，汛前完成除险加固任务的60%以上。", "县水务局牵头，县自然资源局、县住建局配合，各乡（镇）人民政府落实"),
        ("开展地质灾害隐患点巡查，做到早发现、早预警、早处置。", "县自然资源局"),
    ]),
    (3, "强化应急保障", [("年底前新建应急物资储备库2个，储备救灾物资不少于5000件。", "县应急局牵头，县财政局、县发展改革局等部门配合")]),
]

EXPECTED = {
    "1.1": [("县水务局", "responsible"), ("县应急局", "responsible"), ("各乡（镇）人民政府", "responsible")],
    "2.1": [("县水务局", "lead"), ("县自然资源局", "cooperate"), ("县住建局", "cooperate"), ("各乡（镇）人民政府", "implement")],
    "2.2": [("县自然资源局", "responsible")],
    "3.1": [("县应急局", "lead"), ("县财政局", "cooperate"), ("县发展改革局", "cooperate")],
}


def render_table_doc(content_width: int, unit_width: int, header_words=("序号", "重点任务", "工作措施", "牵头单位"),
                     blank_between=False) -> str:
    page = Page(header="云溪县人民政府公报 2024年第5期 县政府文件", page_lines=23, first_page=7, number_style="- {} -")
    head(page, "云溪县人民政府", "关于做好2024年防汛抗旱工作的通知", "云政发〔2024〕3号",
         "各乡（镇）人民政府，县直各有关单位", 17)
    body = "为切实做好今年防汛抗旱工作，确保人民群众生命财产安全，现将有关事项通知如下。"
    page.add(*wrap(body, 17))
    page.add("附件：防汛抗旱重点任务分工")
    signature(page, "云溪县人民政府", "2024 年 4 月 2 日")
    page.add("附件", "防汛抗旱重点任务分工")
    table(page, " ".join(header_words), ROWS, content_width, unit_width)
    return page.text(blank_between)


@pytest.mark.parametrize("content_width,unit_width", [(26, 9), (20, 7), (32, 12), (15, 6)])
def test_task_table_at_any_width(content_width, unit_width):
    result = extract_text(render_table_doc(content_width, unit_width), "yunxi.txt")
    (doc,) = result.documents
    assert doc.doc_number == "云政发〔2024〕3号"
    assert doc.title == "关于做好2024年防汛抗旱工作的通知"
    assert doc.addressees == ["各乡（镇）人民政府", "县直各有关单位"]
    assert doc.signed_date == "2024-04-02" and doc.attachments == ["防汛抗旱重点任务分工"]
    assert result.gazette == {"title": "云溪县人民政府公报", "issue": "2024年第5期"}
    got = {t.key: [(r.unit, r.role) for r in t.responsibilities] for t in result.tasks}
    assert got == EXPECTED
    tasks = {t.key: t for t in result.tasks}
    assert tasks["2.1"].content == ROWS[1][2][0][0]
    assert tasks["2.1"].heading == "排查整治隐患"
    assert [(d.date, d.text) for d in tasks["3.1"].deadlines] == [("2024-12-31", "年底前")]


def test_gbk_and_blank_line_layout(tmp_path):
    from gongbao.extract.pipeline import extract_path

    path = tmp_path / "yunxi-gbk.txt"
    path.write_bytes(render_table_doc(24, 8, blank_between=True).encode("gbk"))
    result = extract_path(path)
    assert {t.key: [(r.unit, r.role) for r in t.responsibilities] for t in result.tasks} == EXPECTED


def test_utf16_and_bom(tmp_path):
    from gongbao.extract.pipeline import extract_path

    text = render_table_doc(24, 8)
    for i, data in enumerate((text.encode("utf-16"), b"\xef\xbb\xbf" + text.encode("utf-8"))):
        path = tmp_path / f"doc{i}.txt"
        path.write_bytes(data)
        assert extract_path(path).documents[0].doc_number == "云政发〔2024〕3号"


INLINE_DOC = """临川市人民政府办公室
关于印发2024年优化营商环境重点工作
清单的通知
各区县人民政府，市直各部门：
现将清单印发给你们，请认真抓好落实。各项任务排在第一位的部门为牵头单位，其他为配合单位。
临川市人民政府办公室
2024年2月20日
一、提升政务服务效能
1.推行高频事项“一件事一次办”，6月底前实现50个事项集成办理。（市政务服务局、市数据局负责）
2.深化工程建设项目审批制度改革，
审批时限压减至40个工作日以内。（市住建局、市自然资源局、
市政务服务局负责）
二、优化市场环境
3.开展涉企违规收费专项整治。（牵头单位：市市场监管局；配合单位：市发展改革委、市财政局）
"""


def test_inline_units_with_first_listed_lead_rule():
    result = extract_text(INLINE_DOC, "linchuan.txt")
    (doc,) = result.documents
    assert doc.doc_number is None and doc.title == "关于印发2024年优化营商环境重点工作清单的通知"
    assert doc.issuer == "临川市人民政府办公室" and doc.signed_date == "2024-02-20"
    tasks = {t.key: t for t in result.tasks}
    assert set(tasks) == {"1", "2", "3"}
    assert all(t.document == doc.title for t in result.tasks)
    assert [(r.unit, r.role) for r in tasks["1"].responsibilities] == [("市政务服务局", "lead"), ("市数据局", "cooperate")]
    assert tasks["1"].content == "推行高频事项“一件事一次办”，6月底前实现50个事项集成办理。"
    assert tasks["1"].section == "一、提升政务服务效能"
    assert [(d.date, d.share) for d in tasks["1"].deadlines] == [("2024-06-30", None)]
    assert [(r.unit, r.role) for r in tasks["2"].responsibilities] == [
        ("市住建局", "lead"), ("市自然资源局", "cooperate"), ("市政务服务局", "cooperate")]
    assert tasks["2"].content == "深化工程建设项目审批制度改革，审批时限压减至40个工作日以内。"
    assert [(r.unit, r.role) for r in tasks["3"].responsibilities] == [
        ("市市场监管局", "lead"), ("市发展改革委", "cooperate"), ("市财政局", "cooperate")]


def test_inline_units_without_the_rule_are_responsible():
    text = INLINE_DOC.replace("各项任务排在第一位的部门为牵头单位，其他为配合单位。", "")
    tasks = {t.key: t for t in extract_text(text, "x.txt").tasks}
    assert [(r.unit, r.role) for r in tasks["1"].responsibilities] == [
        ("市政务服务局", "responsible"), ("市数据局", "responsible")]
