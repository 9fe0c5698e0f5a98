"""Inline unit notes without brackets, as many offices print them: a
`责任单位：…` / `牵头单位：…；配合单位：…` label at the end of the item or on
its own line below it, `X牵头，Y配合` closing the item, and the `（牵头）`
marker inside a unit list. Another city, another numbering."""
from gongbao.extract.pipeline import extract_text

LABEL_DOC = """青川市人民政府办公室关于印发2024年优化营商环境重点任务的通知
青政办发〔2024〕12号
各区县人民政府，市政府各部门：
现将《2024年优化营商环境重点任务》印发给你们，请认真贯彻落实。
青川市人民政府办公室
2024年3月5日
（此件公开发布）
2024年优化营商环境重点任务
一、提升政务服务效能
1.推进“一网通办”，年底前政务服务事项网上可办率达到95%以上。责任单位：市政务服务管理局（牵头）、市大数据中心
2.压减企业开办时间至1个工作日以内，6月底前完成。牵头单位：市市场监管局；配合单位：市公安局、市税务局
3.新建5G基站1500座。市工信局牵头，市通信发展办配合。
二、优化要素保障
4.工业用地“标准地”出让比例不低于60%，三季度末前完成。
责任单位：市自然资源局、各区县人民政府
5.推进水电气报装“一站式”服务。（责任单位：市住建局、市供电公司）
"""


def _roles(task):
    return [(r.unit, r.role) for r in task.responsibilities]


def test_label_and_role_word_notes_without_brackets():
    result = extract_text(LABEL_DOC, "qingchuan.txt")
    (doc,) = result.documents
    assert doc.doc_number == "青政办发〔2024〕12号"
    tasks = {t.key: t for t in result.tasks}
    assert set(tasks) == {"1", "2", "3", "4", "5"}
    assert _roles(tasks["1"]) == [("市政务服务管理局", "lead"), ("市大数据中心", "cooperate")]
    assert tasks["1"].content == "推进“一网通办”，年底前政务服务事项网上可办率达到95%以上。"
    assert [d.date for d in tasks["1"].deadlines] == ["2024-12-31"]
    assert _roles(tasks["2"]) == [("市市场监管局", "lead"), ("市公安局", "cooperate"), ("市税务局", "cooperate")]
    assert tasks["2"].content == "压减企业开办时间至1个工作日以内，6月底前完成。"
    assert _roles(tasks["3"]) == [("市工信局", "lead"), ("市通信发展办", "cooperate")]
    assert tasks["3"].content == "新建5G基站1500座。"
    assert [(g.metric, g.value, g.unit) for g in tasks["3"].targets] == [("5G基站", 1500.0, "座")]
    assert _roles(tasks["4"]) == [("市自然资源局", "implement"), ("各区县人民政府", "implement")]   # 责任单位 as in lists
    assert tasks["4"].content == "工业用地“标准地”出让比例不低于60%，三季度末前完成。"
    assert tasks["4"].section == "二、优化要素保障"
    assert _roles(tasks["5"]) == [("市住建局", "implement"), ("市供电公司", "implement")]


NO_UNITS_DOC = """青川市人民政府办公室关于做好节日期间安全工作的通知
青政办明电〔2024〕2号
各区县人民政府，市政府各部门：
为做好节日期间安全工作，现就有关事项通知如下：
1.压实责任。各单位要落实主体责任，明确专人负责。
2.加强值守。严格执行领导带班制度，发现问题及时处置，由值班人员负责。
青川市人民政府办公室
2024年1月30日
"""


def test_sentences_ending_in_a_role_word_are_not_unit_notes():
    result = extract_text(NO_UNITS_DOC, "duty.txt")
    assert [d.doc_number for d in result.documents] == ["青政办明电〔2024〕2号"]
    assert result.tasks == []
