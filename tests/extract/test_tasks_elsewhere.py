"""Task notices in shapes other governments print, beyond the sample: tables
whose number stands alone above its wrapped cells (工作任务 | 具体举措 | 责任单位 |
完成时间), a column of the leaders in charge (牵头领导) beside the units, inline
notes of many kinds under nested numbering, and time cells that are no
deadline (每季度, 长期坚持). Documents of our own: invented places, units and
people."""
import pytest

from gongbao.extract.pipeline import extract_text
from tests.extract.printer import Page, head, signature, wrap


def _tasks(result):
    return {t.key: t for t in result.tasks}


def _roles(task):
    return [(r.unit, r.role) for r in task.responsibilities]


MEASURES_ROWS = [
    ("优化政务服务", "推行高频事项“一网通办”，网上可办率达到95%以上。", "县行政审批服务管理局、县大数据中心", "2024年6月底前"),
    ("强化要素保障", "新增建设用地供应300亩，保障重点项目用地需求。", "县自然资源局", "2024年12月31日前"),
    ("提升融资服务", "开展政银企对接活动6场以上，新增普惠小微贷款2亿元。", "县金融服务中心、县财政局、各乡镇人民政府", "每季度"),
    ("规范涉企检查", "推行“综合查一次”，减少入企检查频次30%。", "县司法局牵头，县市场监管局等部门配合", "长期坚持"),
]


def _measures_doc(cw, hw, uw, tw):
    page = Page(header="青禾县人民政府公报 2024年第2期", page_lines=30, first_page=5)
    head(page, "青禾县人民政府办公室", "关于印发青禾县2024年优化营商环境工作要点的通知", "青政办发〔2024〕7号",
         "各乡镇人民政府，县直各单位", 20)
    page.add("现将《青禾县2024年优化营商环境工作要点》印发给你们，请认真贯彻落实。")
    signature(page, "青禾县人民政府办公室", "2024年2月26日")
    page.add("附件", "青禾县2024年优化营商环境工作要点任务分工", "序号 工作任务 具体举措 责任单位 完成时间")
    for n, (h, c, u, t) in enumerate(MEASURES_ROWS, 1):
        page.add(str(n), *wrap(h, hw), *wrap(c, cw), *wrap(u, uw), *wrap(t, tw))
    return page.text()


@pytest.mark.parametrize("widths", [(18, 4, 7, 5), (22, 6, 9, 7), (14, 3, 5, 4)])
def test_number_alone_above_a_task_name_and_its_measures(widths):
    tasks = _tasks(extract_text(_measures_doc(*widths), "qinghe.txt"))
    assert sorted(tasks) == ["1", "2", "3", "4"]
    assert [(tasks[k].heading, tasks[k].content) for k in "1234"] == [(r[0], r[1]) for r in MEASURES_ROWS]
    assert _roles(tasks["1"]) == [("县行政审批服务管理局", "responsible"), ("县大数据中心", "responsible")]
    assert _roles(tasks["3"]) == [("县金融服务中心", "responsible"), ("县财政局", "responsible"),
                                  ("各乡镇人民政府", "responsible")]
    assert _roles(tasks["4"]) == [("县司法局", "lead"), ("县市场监管局", "cooperate")]
    assert [(d.date, d.text) for d in tasks["2"].deadlines] == [("2024-12-31", "2024年12月31日前")]
    assert tasks["3"].deadlines == [] and tasks["4"].deadlines == []     # 每季度, 长期坚持


LEADER_ROWS = [
    ("推进工业技改提质", "实施技改项目40个以上，完成工业技改投资25亿元。", "陈志远", "市工业和信息化局", "市发展改革委、市财政局", "2024年10月底前完成80%"),
    ("扩大有效投资", "新开工亿元以上项目60个，10月底前完成年度投资计划的85%。", "周建平", "市发展改革委", "各县（市、区）人民政府", "2024年12月底前"),
    ("建设新型基础设施", "建成5G基站800个，实现乡镇以上区域5G网络全覆盖。", "林晓光", "市通信发展管理办公室", "市工业和信息化局、市住房城乡建设局", "第三季度末"),
]


def _leader_doc(cw, hw, lw, uw, ow, tw):
    page = Page(header="临川市人民政府公报 2024年第4期", page_lines=25, first_page=9)
    head(page, "临川市人民政府办公室", "关于印发2024年市政府重点工作任务分解的通知", "临政办发〔2024〕22号",
         "各县（市、区）人民政府，市政府各部门", 20)
    page.add("现将2024年市政府重点工作任务分解印发给你们，请认真抓好落实。")
    signature(page, "临川市人民政府办公室", "2024年3月20日")
    page.add("附件", "2024年市政府重点工作任务分解表", "序号 重点任务 工作内容 牵头领导 牵头单位 配合单位 时间节点")
    for n, (h, c, l, u, o, t) in enumerate(LEADER_ROWS, 1):
        page.add(str(n), *wrap(h, hw), *wrap(c, cw), *wrap(l, lw), *wrap(u, uw), *wrap(o, ow), *wrap(t, tw))
    return page.text()


@pytest.mark.parametrize("widths", [(18, 4, 3, 7, 7, 5), (22, 6, 4, 9, 9, 7), (14, 3, 2, 5, 5, 4)])
def test_a_column_of_leaders_names_takes_no_content(widths):
    tasks = _tasks(extract_text(_leader_doc(*widths), "linchuan.txt"))
    assert sorted(tasks) == ["1", "2", "3"]
    assert [(tasks[k].heading, tasks[k].content) for k in "123"] == [(r[0], r[1]) for r in LEADER_ROWS]
    assert _roles(tasks["1"]) == [("市工业和信息化局", "lead"), ("市发展改革委", "cooperate"), ("市财政局", "cooperate")]
    assert _roles(tasks["2"]) == [("市发展改革委", "lead"), ("各县（市、区）人民政府", "cooperate")]
    assert [(d.date, d.share) for d in tasks["1"].deadlines] == [("2024-10-31", 0.8)]
    assert [(d.date, d.share, d.text) for d in tasks["2"].deadlines] == [
        ("2024-10-31", 0.85, "10月底前完成年度投资计划的85%"), ("2024-12-31", None, "2024年12月底前")]
    assert [(d.date, d.text) for d in tasks["3"].deadlines] == [("2024-09-30", "第三季度末")]
    assert [(t.metric, t.value, t.unit) for t in tasks["3"].targets] == [("5G基站", 800.0, "个")]
