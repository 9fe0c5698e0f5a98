"""Task notices in shapes other governments print, beyond the sample: tables
whose number stands alone above its wrapped cells (工作任务 | 具体举措 | 责任单位 |
完成时间), a column of the leaders in charge (牵头领导) beside the units, inline
notes of many kinds under nested numbering, and time cells that are no
deadline (每季度, 长期坚持). Documents of our own: invented places, units and
people."""
import pytest

from gongbao.extract.pipeline import extract_text
from tests.extract.printer import Page, head, notice, signature, wrap


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


def _business_page(header: str) -> Page:
    """The county's 优化营商环境 notice up to its attached table's header row."""
    page = Page(header="青禾县人民政府公报 2024年第2期", page_lines=30, first_page=5)
    notice(page, "青禾县人民政府办公室", "关于印发青禾县2024年优化营商环境工作要点的通知", "青政办发〔2024〕7号", "各乡镇人民政府，县直各单位",
           "现将《青禾县2024年优化营商环境工作要点》印发给你们，请认真贯彻落实。", "2024年2月26日")
    page.add("附件", "青禾县2024年优化营商环境工作要点任务分工", header)
    return page


def _measures_doc(cw, hw, uw, tw):
    page = _business_page("序号 工作任务 具体举措 责任单位 完成时间")
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


def _leader_doc(cw, hw, lw, uw, ow, tw, rows=LEADER_ROWS, leader="牵头领导", pdf=False):
    """The leader-column table at the given widths; `pdf`: rows whose short
    cells share lines, as the PDF reader prints them (_pdf_row)."""
    page = Page(header="临川市人民政府公报 2024年第4期", page_lines=25, first_page=9)
    notice(page, "临川市人民政府办公室", "关于印发2024年市政府重点工作任务分解的通知", "临政办发〔2024〕22号", "各县（市、区）人民政府，市政府各部门",
           "现将2024年市政府重点工作任务分解印发给你们，请认真抓好落实。", "2024年3月20日")
    page.add("附件", "2024年市政府重点工作任务分解表", f"序号 重点任务 工作内容 {leader} 牵头单位 配合单位 时间节点")
    for n, (h, c, l, u, o, t) in enumerate(rows, 1):
        cells = [[str(n)], wrap(h, hw), wrap(c, cw), wrap(l, lw), wrap(u, uw), wrap(o, ow), wrap(t, tw)]
        page.add(*(_pdf_row(cells) if pdf else [line for cell in cells for line in cell]))
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


NESTED_INLINE = """临川市人民政府办公室
临政办发〔2024〕18号
临川市人民政府办公室关于印发临川市2024年就业创业促进行动实施方案的通知
各县（市、区）人民政府，市人民政府各委、办、局：
　　《临川市2024年就业创业促进行动实施方案》已经市人民政府同意，现印发给你们，请认真组织实施。
临川市人民政府办公室
2024年3月12日
（此件公开发布）
临川市2024年就业创业促进行动实施方案
　　一、总体目标
　　全年城镇新增就业1.2万人，城镇调查失业率控制在5.5%以内。
　　二、重点任务
　　（一）稳定重点群体就业
　　1.促进高校毕业生就业。开发政策性岗位800个，开展就业见习活动。8月底前完成离校未就业毕业生实名登记。（牵头单位：市人力资源社会保障局；责任单位：市教育局、团市委）
　　2.做好退役军人就业服务。举办专场招聘会4场以上。（市退役军人事务局牵头，市人力资源社会保障局、市总工会配合）
　　3.加强困难人员就业援助。（1）全面摸排就业困难人员底数，二季度末前建立帮扶台账；（2）新增公益性岗位500个，年底前全面完成安置任务。责任单位：市人力资源社会保障局（牵头）、市民政局、市残联
　　（二）支持创业带动就业
　　4.加大创业担保贷款支持力度，全年发放创业担保贷款3亿元。建立贷款绿色通道，简化审批手续，提高放贷效率。（市财政局、市人力资源社会保障局、人行临川市中心支行按职责分工负责）
　　5.建设创业孵化基地。新认定市级创业孵化基地5个，入驻实体不少于200户。2024年12月31日前完成认定。（市发展改革委负责）
　　6.持续推进“技能临川”建设，每季度组织一次职业技能竞赛，长期坚持。（各县（市、区）人民政府负责）
　　三、保障措施
　　7.强化资金保障。统筹就业补助资金，确保专款专用。（市财政局、市审计局）
　　8.建立工作调度机制。（办公室设在市人力资源社会保障局）
"""


def test_nested_numbering_and_inline_notes_of_every_kind():
    tasks = _tasks(extract_text(NESTED_INLINE, "linchuan-jiuye.txt"))
    assert sorted(tasks) == ["1", "2", "3", "4", "5", "6", "7"]
    assert tasks["1"].section == "二、重点任务 / （一）稳定重点群体就业"
    assert _roles(tasks["1"]) == [("市人力资源社会保障局", "lead"), ("市教育局", "implement"), ("团市委", "implement")]
    assert [d.date for d in tasks["1"].deadlines] == ["2024-08-31"]
    assert _roles(tasks["2"]) == [("市退役军人事务局", "lead"), ("市人力资源社会保障局", "cooperate"),
                                  ("市总工会", "cooperate")]
    assert tasks["3"].content.endswith("年底前全面完成安置任务。")
    assert _roles(tasks["3"]) == [("市人力资源社会保障局", "lead"), ("市民政局", "cooperate"), ("市残联", "cooperate")]
    assert [d.date for d in tasks["3"].deadlines] == ["2024-06-30", "2024-12-31"]
    # an item label (（2）) is no part of what is counted
    assert [(t.metric, t.comparator, t.value) for t in tasks["3"].targets] == [("公益性岗位", "新增", 500.0)]
    assert _roles(tasks["4"]) == [("市财政局", "responsible"), ("市人力资源社会保障局", "responsible"),
                                  ("人行临川市中心支行", "responsible")]
    assert tasks["5"].content == "建设创业孵化基地。新认定市级创业孵化基地5个，入驻实体不少于200户。2024年12月31日前完成认定。"
    assert _roles(tasks["5"]) == [("市发展改革委", "responsible")]
    assert tasks["6"].deadlines == []            # 每季度…, 长期坚持
    # a bracketed list of bodies with no role word is the item's units
    assert tasks["7"].section == "三、保障措施"
    assert tasks["7"].content == "强化资金保障。统筹就业补助资金，确保专款专用。"
    assert _roles(tasks["7"]) == [("市财政局", "responsible"), ("市审计局", "responsible")]


def test_circled_item_labels_are_not_part_of_a_metric():
    from gongbao.extract.targets import find_targets

    found = find_targets("①新建5G基站800个；②新增就业1.2万人")
    assert [(t.metric, t.comparator, t.value, t.unit, t.text) for t in found] == [
        ("5G基站", "新建", 800.0, "个", "新建5G基站800个"), ("就业", "新增", 1.2, "万人", "新增就业1.2万人")]


def _pdf_row(cells):
    """A row as the PDF reader linearizes it: one-line cells that sit on one
    baseline share a line, a space between them; a wrapped cell's lines
    stay together."""
    out, pending = [], []
    for cell in cells:
        if len(cell) == 1:
            pending.append(cell[0])
            continue
        if pending:
            out.append(" ".join(pending))
            pending = []
        out.extend(cell)
    if pending:
        out.append(" ".join(pending))
    return out


SHARED_LINE_ROWS = [
    ("优化政务服务", "推行高频事项“一网通办”，网上可办率达到95%以上。", "县行政审批服务管理局", "县大数据中心", "2024年6月底前"),
    ("强化要素保障", "新增建设用地供应300亩，保障重点项目用地需求。", "县自然资源局", "县发展和改革局、县住房和城乡建设局", "2024年12月31日前"),
    ("提升融资服务", "开展政银企对接活动6场以上，新增普惠小微贷款2亿元。", "县金融服务中心", "县财政局、各乡镇人民政府", "每季度"),
    ("规范涉企检查", "推行“综合查一次”，减少入企检查频次30%。", "县司法局", "县市场监管局", "长期坚持"),
]


def _shared_line_doc(cw, hw, uw, ow, tw, header="序号 工作任务 具体举措 牵头单位 配合单位 完成时限"):
    page = _business_page(header)
    for n, (h, c, u, o, t) in enumerate(SHARED_LINE_ROWS, 1):
        page.add(*_pdf_row([[str(n)], wrap(h, hw), wrap(c, cw), wrap(u, uw), wrap(o, ow), wrap(t, tw)]))
    return page.text()


@pytest.mark.parametrize("widths", [(18, 6, 10, 9, 8), (22, 6, 12, 10, 9), (16, 8, 7, 9, 9),
                                    (26, 5, 7, 5, 6), (28, 3, 6, 10, 6), (24, 5, 11, 4, 6)])
def test_one_line_cells_sharing_a_line(widths):
    text = _shared_line_doc(*widths)
    assert "县司法局 县市场监管局 长期坚持" in text or "30%。 县司法局" in text     # the shape under test
    tasks = _tasks(extract_text(text, "qinghe-pdf.txt"))
    assert sorted(tasks) == ["1", "2", "3", "4"]
    assert [(tasks[k].heading, tasks[k].content) for k in "1234"] == [(r[0], r[1]) for r in SHARED_LINE_ROWS]
    assert _roles(tasks["1"]) == [("县行政审批服务管理局", "lead"), ("县大数据中心", "cooperate")]
    assert _roles(tasks["2"]) == [("县自然资源局", "lead"), ("县发展和改革局", "cooperate"),
                                  ("县住房和城乡建设局", "cooperate")]
    assert _roles(tasks["4"]) == [("县司法局", "lead"), ("县市场监管局", "cooperate")]
    assert [d.date for d in tasks["1"].deadlines] == ["2024-06-30"]
    assert tasks["3"].deadlines == [] and tasks["4"].deadlines == []


LABELLED_TIME_CELLS = """青禾县人民政府
青政发〔2024〕5号
青禾县人民政府关于印发青禾县城乡环境综合整治三年行动方案的通知
各乡镇人民政府，县直各单位：
　　现将《青禾县城乡环境综合整治三年行动方案》印发给你们，请认真贯彻执行。
青禾县人民政府
2024年4月8日
青禾县城乡环境综合整治三年行动方案
　　一、重点任务
　　（一）治理农村生活垃圾
　　1.建立户分类、村收集、镇转运、县处理体系，生活垃圾无害化处理率达到95%。
　　牵头单位：县住房和城乡建设局
　　配合单位：各乡镇人民政府
　　完成时限：2024年9月
　　2.建设乡镇垃圾中转站6座。
　　牵头单位：县住房和城乡建设局
　　配合单位：县发展和改革局、县财政局
　　完成时限：2024—2025年
　　（二）整治农村生活污水
　　3.完成12个行政村生活污水治理。
　　责任单位：县生态环境分局（牵头）、县水利局、各乡镇人民政府
　　完成时限：2024.11
　　4.开展黑臭水体排查整治，建立长效管护机制。
　　责任单位：县生态环境分局、各乡镇人民政府
　　完成时限：长期坚持
"""


def test_time_notes_of_a_bare_month_a_range_and_dots():
    tasks = _tasks(extract_text(LABELLED_TIME_CELLS, "qinghe-huanjing.txt"))
    assert sorted(tasks) == ["1", "2", "3", "4"]
    assert tasks["3"].section == "一、重点任务 / （二）整治农村生活污水"
    # beside a task, a bare month is the month to finish by; a range ends at its end
    assert [(d.date, d.text) for d in tasks["1"].deadlines] == [("2024-09-30", "2024年9月")]
    assert [d.date for d in tasks["2"].deadlines] == ["2025-12-31"]
    assert [(d.date, d.text) for d in tasks["3"].deadlines] == [("2024-11-30", "2024.11")]
    assert tasks["4"].deadlines == []
    # 责任单位：X（牵头）、Y、Z — the unmarked units cooperate
    assert _roles(tasks["3"]) == [("县生态环境分局", "lead"), ("县水利局", "cooperate"), ("各乡镇人民政府", "cooperate")]
    assert _roles(tasks["4"]) == [("县生态环境分局", "implement"), ("各乡镇人民政府", "implement")]


@pytest.mark.parametrize("cell, expected", [
    ("2024年6月", [("2024-06-30", "2024年6月")]),
    ("6月", [("2024-06-30", "6月")]),
    ("2025年", [("2025-12-31", "2025年")]),
    ("12月31日", [("2024-12-31", "12月31日")]),
    ("2024年6月—2025年6月", [("2025-06-30", "2025年6月")]),
    ("2024年6月至12月", [("2024-12-31", "2024年6月至12月")]),
    ("2024/12/31", [("2024-12-31", "2024/12/31")]),
    ("2024.3-2024.6", [("2024-06-30", "2024.6")]),
    ("2023年", []), ("2年内", []), ("3个月内", []), ("2024年5月起", []), ("每季度", []), ("持续推进", []),
])
def test_a_time_cell_bare_dates_count(cell, expected):
    from gongbao.extract.deadlines import find_deadlines

    assert [(d.date, d.text) for d in find_deadlines(cell, 2024, cell=True)] == expected


def test_bare_dates_in_running_text_stay_no_deadline():
    from gongbao.extract.deadlines import find_deadlines

    assert find_deadlines("2024年6月召开推进会，2025年全县覆盖率提高", 2024) == []


SECTION_ROWS = [
    ("一、稳定工业增长", [
        ("实施工业技改项目30个，规模以上工业增加值增长7%。", "市工业和信息化局", "2024年12月底前"),
        ("新增规模以上工业企业25户。", "市工业和信息化局、市统计局", "2024年11月底前")]),
    ("二、扩大消费需求", [
        ("举办促消费活动20场以上，社会消费品零售总额增长6%。", "市商务局", "全年"),
        ("新建城市一刻钟便民生活圈5个。", "市商务局、各县（市、区）人民政府", "2024年9月底前")]),
]


def _section_rows_doc(restart: bool) -> str:
    page = Page(header="临川市人民政府公报 2024年第5期", page_lines=30, first_page=3)
    notice(page, "临川市人民政府办公室", "关于印发2024年稳增长重点任务清单的通知", "临政办发〔2024〕30号", "各县（市、区）人民政府，市政府各部门",
           "现将2024年稳增长重点任务清单印发给你们，请认真抓好落实。", "2024年4月10日")
    page.add("附件", "2024年稳增长重点任务清单", "序号 重点任务 责任单位 完成时限")
    n = 0
    for section, rows in SECTION_ROWS:
        page.add(section)
        n = 0 if restart else n
        for content, units, when in rows:
            n += 1
            page.add(str(n), *wrap(content, 18), *wrap(units, 7), *wrap(when, 6))
    return page.text()


@pytest.mark.parametrize("restart", [False, True])
def test_section_rows_across_a_table(restart):
    """一、… rows spanning the table are the sections of the rows below them,
    whether the numbering runs on or starts again under each."""
    tasks = _tasks(extract_text(_section_rows_doc(restart), "linchuan-wenzengzhang.txt"))
    assert sorted(tasks) == ["1", "2", "3", "4"]
    assert [tasks[k].section for k in "1234"] == ["一、稳定工业增长"] * 2 + ["二、扩大消费需求"] * 2
    assert [tasks[k].content for k in "1234"] == [row[0] for _, rows in SECTION_ROWS for row in rows]
    assert _roles(tasks["4"]) == [("市商务局", "responsible"), ("各县（市、区）人民政府", "responsible")]
    assert [d.date for d in tasks["2"].deadlines] == ["2024-11-30"]
    assert [d.date for d in tasks["3"].deadlines] == ["2024-12-31"]


RESTARTED_LABELLED = """青禾县人民政府办公室关于印发青禾县2024年安全生产工作要点的通知
青政办发〔2024〕11号
各乡镇人民政府，县直各单位：
　　现将《青禾县2024年安全生产工作要点》印发给你们，请认真贯彻落实。
青禾县人民政府办公室
2024年3月1日
青禾县2024年安全生产工作要点
　　一、压实安全生产责任
　　1.制定县安委会成员单位安全生产工作职责清单，3月底前印发实施。
　　牵头单位：县安委办
　　配合单位：县安委会各成员单位
　　2.开展安全生产巡查，年内实现乡镇全覆盖。
　　牵头单位：县应急管理局
　　二、深化重点行业整治
　　1.开展城镇燃气安全专项整治，6月底前完成餐饮场所燃气报警器安装。
　　牵头单位：县住房和城乡建设局
　　配合单位：县市场监督管理局、县消防救援大队
　　2.开展道路交通安全整治，全年道路交通事故死亡人数下降10%。
　　牵头单位：县公安局交通警察大队
　　配合单位：县交通运输局
"""


def _inline_version(text: str) -> str:
    """The same items with their units in an inline note instead of label lines."""
    out: list[str] = []
    for line in text.splitlines():
        body = line.strip("　")
        if body.startswith("牵头单位："):
            out[-1] += f"（{body[5:]}牵头）"
        elif body.startswith("配合单位："):
            out[-1] = out[-1][:-1] + f"，{body[5:]}配合）"
        else:
            out.append(line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("shape", ["labelled", "inline"])
def test_numbering_restarting_under_each_heading(shape):
    text = RESTARTED_LABELLED if shape == "labelled" else _inline_version(RESTARTED_LABELLED)
    assert ("牵头单位：" in text) == (shape == "labelled")
    tasks = _tasks(extract_text(text, "qinghe-anquan.txt"))
    # keys by position, so that each task has its own
    assert sorted(tasks) == ["1", "2", "3", "4"]
    assert tasks["3"].section == "二、深化重点行业整治"
    assert tasks["3"].content == "开展城镇燃气安全专项整治，6月底前完成餐饮场所燃气报警器安装。"
    assert _roles(tasks["3"]) == [("县住房和城乡建设局", "lead"), ("县市场监督管理局", "cooperate"),
                                  ("县消防救援大队", "cooperate")]
    assert _roles(tasks["4"]) == [("县公安局交通警察大队", "lead"), ("县交通运输局", "cooperate")]
    assert [d.date for d in tasks["3"].deadlines] == ["2024-06-30"]


@pytest.mark.parametrize("cell, expected", [
    ("市公安局牵头抓总，市应急管理局配合", [("市公安局", "lead"), ("市应急管理局", "cooperate")]),
    ("市发展改革委主责，市工业和信息化局协同", [("市发展改革委", "lead"), ("市工业和信息化局", "cooperate")]),
    ("市农业农村局牵头、市林业局协同", [("市农业农村局", "lead"), ("市林业局", "cooperate")]),
    ("市科技局、市工业和信息化局分别负责", [("市科技局", "responsible"), ("市工业和信息化局", "responsible")]),
    ("市教育局会同市人力资源社会保障局负责", [("市教育局", "lead"), ("市人力资源社会保障局", "cooperate")]),
    ("市财政局会同市发展改革委等部门落实", [("市财政局", "lead"), ("市发展改革委", "cooperate")]),
    ("市协同创新中心", [("市协同创新中心", "responsible")]),
])
def test_more_role_words(cell, expected):
    from gongbao.extract.units import read_roles

    assert read_roles(cell) == expected


def test_together_with_in_an_inline_note():
    text = NESTED_INLINE.replace("（市发展改革委负责）", "（市发展改革委会同市财政局负责）")
    tasks = _tasks(extract_text(text, "linchuan-jiuye.txt"))
    assert _roles(tasks["5"]) == [("市发展改革委", "lead"), ("市财政局", "cooperate")]
    assert tasks["5"].content.endswith("2024年12月31日前完成认定。")


ONE_TASK_COLUMN = """云岭县人民政府办公室关于印发云岭县2024年农业农村重点工作任务的通知
云政办发〔2024〕6号
各乡镇人民政府，县直各单位：
　　现将《云岭县2024年农业农村重点工作任务》印发给你们，请认真抓好落实。
云岭县人民政府办公室
2024年3月5日
序号 重点任务 责任单位
1 新建高标准农田2万亩，粮食播种面积稳定在35万亩以上。
牵头：县农业农村局；
配合：县财政局、各乡镇人民政府
2 完成农村公路提档升级80公里，10月底前完成70%。
牵头单位：县交通运输局
配合单位：各乡镇人民政府
3 新建村级寄递物流综合服务站30个。
县商务局、县邮政分公司
"""


@pytest.mark.parametrize("wrapped", [False, True])
def test_content_on_the_number_line_and_labels_in_the_unit_cell(wrapped):
    text = ONE_TASK_COLUMN
    if wrapped:
        text = text.replace("粮食播种面积稳定在", "粮食播种面积稳定\n在").replace("10月底前完成70%", "10月底前\n完成70%")
    tasks = _tasks(extract_text(text, "yunling.txt"))
    assert sorted(tasks) == ["1", "2", "3"]
    # one task column: the number line holds the content, not a short name
    assert [(tasks[k].heading, tasks[k].content) for k in "123"] == [
        (None, "新建高标准农田2万亩，粮食播种面积稳定在35万亩以上。"),
        (None, "完成农村公路提档升级80公里，10月底前完成70%。"),
        (None, "新建村级寄递物流综合服务站30个。")]
    # labels inside the cell (牵头：/配合：, 牵头单位：/配合单位：) give the roles
    assert _roles(tasks["1"]) == [("县农业农村局", "lead"), ("县财政局", "cooperate"), ("各乡镇人民政府", "cooperate")]
    assert _roles(tasks["2"]) == [("县交通运输局", "lead"), ("各乡镇人民政府", "cooperate")]
    assert _roles(tasks["3"]) == [("县商务局", "responsible"), ("县邮政分公司", "responsible")]
    assert [(d.date, d.share) for d in tasks["2"].deadlines] == [("2024-10-31", 0.7)]


NOTES_WITH_LEADERS = """临川市人民政府关于印发2024年市政府工作报告重点任务分工的通知
临政发〔2024〕4号
各县（市、区）人民政府，市人民政府各委、办、局：
　　现将2024年市政府工作报告重点任务分工印发给你们，请认真贯彻落实。
临川市人民政府
2024年2月18日
　　1.地区生产总值增长6%左右。（责任领导：王志强；牵头单位：市发展改革委；配合单位：市统计局）
　　2.新增城镇就业1.5万人。（牵头领导：刘晓燕 责任单位：市人力资源社会保障局）
　　3.建成5G基站800个。（分管领导：周建平，牵头单位：市工业和信息化局，配合单位：市通信发展管理办公室，完成时限：2024年12月）
　　4.推进城市更新，改造老旧小区50个。（牵头：市住房城乡建设局；配合：各县（市、区）政府）
　　5.实施乡村振兴项目100个。（主责单位：市农业农村局；协同单位：市乡村振兴局）
"""


def test_notes_with_leaders_short_labels_and_a_bare_month():
    tasks = _tasks(extract_text(NOTES_WITH_LEADERS, "linchuan-baogao.txt"))
    assert sorted(tasks) == ["1", "2", "3", "4", "5"]
    assert _roles(tasks["1"]) == [("市发展改革委", "lead"), ("市统计局", "cooperate")]
    assert _roles(tasks["2"]) == [("市人力资源社会保障局", "implement")]
    assert _roles(tasks["3"]) == [("市工业和信息化局", "lead"), ("市通信发展管理办公室", "cooperate")]
    assert [d.date for d in tasks["3"].deadlines] == ["2024-12-31"]
    assert tasks["4"].content == "推进城市更新，改造老旧小区50个。"
    assert _roles(tasks["4"]) == [("市住房城乡建设局", "lead"), ("各县（市、区）政府", "cooperate")]
    assert _roles(tasks["5"]) == [("市农业农村局", "lead"), ("市乡村振兴局", "cooperate")]


@pytest.mark.parametrize("text, expected", [
    ("9月底前完成总工程量的60%", [("2024-09-30", 0.6)]),
    ("6月底前完成改造任务的50%以上，年底前全部完成", [("2024-06-30", 0.5), ("2024-12-31", None)]),
    ("上半年完成50%，三季度末完成80%，年底前全面完成", [("2024-06-30", 0.5), ("2024-09-30", 0.8), ("2024-12-31", None)]),
    ("6月底前完成排查，覆盖率的90%", [("2024-06-30", None)]),
])
def test_a_share_of_a_named_quantity(text, expected):
    from gongbao.extract.deadlines import find_deadlines

    assert [(d.date, d.share) for d in find_deadlines(text, 2024)] == expected


@pytest.mark.parametrize("header, first_role", [
    ("序号 工作任务 具体举措 牵头责任单位 配合责任单位 时间要求", "lead"),
    ("序号 工作任务 具体举措 主办部门 协同部门 时间进度", "lead"),
    ("序号 工作任务 具体举措 责任主体 参与部门 完成时限", "responsible"),
])
def test_other_names_of_the_unit_and_time_columns(header, first_role):
    tasks = _tasks(extract_text(_shared_line_doc(18, 6, 10, 9, 8, header=header), "qinghe-columns.txt"))
    assert sorted(tasks) == ["1", "2", "3", "4"]
    assert tasks["2"].content == SHARED_LINE_ROWS[1][1]
    assert _roles(tasks["2"]) == [("县自然资源局", first_role), ("县发展和改革局", "cooperate"),
                                  ("县住房和城乡建设局", "cooperate")]
    assert [d.date for d in tasks["1"].deadlines] == ["2024-06-30"]


FIRST_LISTED_LEADS = """临川市人民政府办公室关于印发临川市2024年“放管服”改革重点任务清单的通知
临政办发〔2024〕40号
各县（市、区）人民政府，市人民政府各部门：
　　现将《临川市2024年“放管服”改革重点任务清单》印发给你们，请结合实际抓好落实。各项任务所列单位中，排在第一位的为牵头单位，其他单位按职责分工配合。
临川市人民政府办公室
2024年5月6日
临川市2024年“放管服”改革重点任务清单
　　一、深化行政审批制度改革
　　1.全面推行证明事项告知承诺制，编制告知承诺事项清单。
　　责任单位：市司法局、市政务服务管理局
　　2.推进工程建设项目审批制度改革，一般社会投资项目审批时间压缩至30个工作日以内。
　　责任单位：市住房城乡建设局、市自然资源和规划局、市政务服务管理局
　　完成时限：2024年9月底前
　　二、加强事中事后监管
　　3.全面推行“双随机、一公开”监管，跨部门联合抽查占比达到35%以上。
　　责任单位：市市场监管局、市直各行政执法部门
　　完成时限：持续推进
"""


def test_first_listed_unit_leads_in_label_lines():
    tasks = _tasks(extract_text(FIRST_LISTED_LEADS, "linchuan-fangguanfu.txt"))
    assert _roles(tasks["1"]) == [("市司法局", "lead"), ("市政务服务管理局", "cooperate")]
    assert _roles(tasks["3"]) == [("市市场监管局", "lead"), ("市直各行政执法部门", "cooperate")]
    assert tasks["3"].deadlines == []
    plain = FIRST_LISTED_LEADS.replace("各项任务所列单位中，排在第一位的为牵头单位，其他单位按职责分工配合。", "")
    assert _roles(_tasks(extract_text(plain, "plain.txt"))["1"]) == [
        ("市司法局", "implement"), ("市政务服务管理局", "implement")]


def test_first_listed_unit_leads_by_a_note_below_the_table():
    text = ONE_TASK_COLUMN.replace("序号 重点任务 责任单位", "（注：责任单位中排在首位的为牵头单位）\n序号 重点任务 责任单位")
    tasks = _tasks(extract_text(text, "yunling-note.txt"))
    assert _roles(tasks["3"]) == [("县商务局", "lead"), ("县邮政分公司", "cooperate")]
    assert _roles(tasks["2"]) == [("县交通运输局", "lead"), ("各乡镇人民政府", "cooperate")]


PARAGRAPH_ITEMS_WITH_LABELS = """青禾县人民政府关于印发青禾县促进民营经济发展若干措施的通知
青政发〔2024〕9号
各乡镇人民政府，县直各单位：
　　现将《青禾县促进民营经济发展若干措施》印发给你们，请认真贯彻执行。
青禾县人民政府
2024年6月3日
青禾县促进民营经济发展若干措施
　　一、优化市场准入环境
　　（一）全面落实市场准入负面清单制度。清理违规设置的市场准入壁垒，9月底前完成专项清理。
　　牵头单位：县发展和改革局
　　配合单位：县市场监督管理局
　　（二）降低企业经营成本。落实各项减税降费政策，全年为企业减负1亿元以上。
　　牵头单位：县税务局
　　配合单位：县财政局、县人力资源和社会保障局
　　二、强化要素支撑
　　（三）加大金融支持力度。新增民营企业贷款5亿元。
　　责任单位：县金融服务中心、人行青禾县支行
"""


def test_paragraphs_numbered_like_headings_followed_by_label_lines():
    tasks = _tasks(extract_text(PARAGRAPH_ITEMS_WITH_LABELS, "qinghe-minying.txt"))
    assert sorted(tasks) == ["1", "2", "3"]
    assert tasks["1"].section == "一、优化市场准入环境"
    assert tasks["1"].content == "全面落实市场准入负面清单制度。清理违规设置的市场准入壁垒，9月底前完成专项清理。"
    assert _roles(tasks["1"]) == [("县发展和改革局", "lead"), ("县市场监督管理局", "cooperate")]
    assert _roles(tasks["2"]) == [("县税务局", "lead"), ("县财政局", "cooperate"), ("县人力资源和社会保障局", "cooperate")]
    assert tasks["3"].section == "二、强化要素支撑"
    assert _roles(tasks["3"]) == [("县金融服务中心", "implement"), ("人行青禾县支行", "implement")]


@pytest.mark.parametrize("cell, expected", [
    ("各县（市、区）党委和政府负责", [("各县（市、区）党委", "responsible"), ("各县（市、区）政府", "responsible")]),
    ("各乡镇党委、政府", [("各乡镇党委", "responsible"), ("各乡镇政府", "responsible")]),
    ("市场监管部门和公安机关按职责分工负责", [("市场监管部门", "responsible"), ("公安机关", "responsible")]),
    ("市委和市政府", [("市委", "responsible"), ("市政府", "responsible")]),
])
def test_a_place_shared_by_a_bare_suffix_and_organs(cell, expected):
    from gongbao.extract.units import read_roles, split_bodies

    assert read_roles(cell) == expected
    assert split_bodies("各级机关、事业单位") == ["各级机关、事业单位"]     # addressees unchanged


CIRCLED_ITEMS = """临川市人民政府办公室关于进一步做好稳就业工作的通知
临政办发〔2024〕50号
各县（市、区）人民政府，市人民政府各部门：
　　为进一步做好稳就业工作，经市人民政府同意，现将有关事项通知如下：
　　一、支持企业稳岗扩岗
　　①落实失业保险稳岗返还政策，6月底前完成返还资金发放。（市人力资源社会保障局、市财政局负责）
　　②开展“春风行动”等专项招聘活动，全年举办招聘会50场以上。（市人力资源社会保障局牵头，各县〈市、区〉人民政府配合）
　　二、强化就业服务
　　（1）建设“15分钟就业服务圈”，年底前建成就业服务驿站30个。（市人力资源社会保障局负责）
　　（2）加强就业形势监测分析。（市统计局、市人力资源社会保障局按职责分工负责）
临川市人民政府办公室
2024年5月20日
"""


def test_circled_items_with_inline_notes():
    tasks = _tasks(extract_text(CIRCLED_ITEMS, "linchuan-wenjiuye.txt"))
    assert sorted(tasks) == ["1", "2", "3", "4"]
    assert tasks["1"].section == "一、支持企业稳岗扩岗"
    assert tasks["1"].content == "落实失业保险稳岗返还政策，6月底前完成返还资金发放。"
    assert _roles(tasks["1"]) == [("市人力资源社会保障局", "responsible"), ("市财政局", "responsible")]
    assert _roles(tasks["2"]) == [("市人力资源社会保障局", "lead"), ("各县〈市、区〉人民政府", "cooperate")]
    assert tasks["4"].section == "二、强化就业服务"
    assert _roles(tasks["4"]) == [("市统计局", "responsible"), ("市人力资源社会保障局", "responsible")]


def _spanning_table_html(body_rows: str) -> str:
    return f"""<html><head><meta charset="utf-8"><title>通知</title></head><body><div class="article">
<h1>青禾县人民政府办公室关于印发2024年优化营商环境重点任务清单的通知</h1>
<p>青政办发〔2024〕36号</p>
<p>各乡镇人民政府，县直各单位：</p>
<p>　　现将《2024年优化营商环境重点任务清单》印发给你们，请认真抓好落实。</p>
<p style="text-align:right">青禾县人民政府办公室</p>
<p style="text-align:right">2024年3月28日</p>
<p>附件</p><p>2024年优化营商环境重点任务清单</p>
<table border="1">
<tr><td>序号</td><td>重点任务</td><td>具体措施</td><td>责任单位</td><td>完成时限</td></tr>
{body_rows}
</table></div></body></html>
"""


MEASURE_A = "推行企业开办“一日办结”，实现企业开办全程网办。"
MEASURE_B = "开展涉企违规收费专项整治，清理规范涉企收费项目。"
MEASURE_C = "新开工亿元以上项目20个，完成固定资产投资50亿元。"


def test_a_task_cell_spanning_numbered_rows(tmp_path):
    """重点任务 spans rows 1 and 2: row 2 has no 任务 cell, its first line is content."""
    from gongbao.extract.pipeline import extract_path

    path = tmp_path / "span-task.html"
    path.write_text(_spanning_table_html(f"""
<tr><td>1</td><td rowspan="2">优化营商环境</td><td>{MEASURE_A}</td><td>县市场监督管理局</td><td>2024年6月底前</td></tr>
<tr><td>2</td><td>{MEASURE_B}</td><td>县发展和改革局、县财政局</td><td>2024年9月底前</td></tr>
<tr><td>3</td><td>扩大有效投资</td><td>{MEASURE_C}</td><td>县发展和改革局</td><td>2024年12月底前</td></tr>"""))
    tasks = _tasks(extract_path(path))
    assert sorted(tasks) == ["1", "2", "3"]
    assert [(tasks[k].heading, tasks[k].content) for k in "123"] == [
        ("优化营商环境", MEASURE_A), ("优化营商环境", MEASURE_B), ("扩大有效投资", MEASURE_C)]
    assert _roles(tasks["1"]) == [("县市场监督管理局", "responsible")]
    assert _roles(tasks["2"]) == [("县发展和改革局", "responsible"), ("县财政局", "responsible")]
    assert [d.date for d in tasks["2"].deadlines] == ["2024-09-30"]


def test_a_number_spanning_rows_of_measures(tmp_path):
    """序号 and 重点任务 span two rows of measures: they are the task's items."""
    from gongbao.extract.pipeline import extract_path

    path = tmp_path / "span-number.html"
    path.write_text(_spanning_table_html(f"""
<tr><td rowspan="2">1</td><td rowspan="2">优化营商环境</td><td>{MEASURE_A}</td><td>县市场监督管理局</td><td>2024年6月底前</td></tr>
<tr><td>{MEASURE_B}</td><td>县发展和改革局、县财政局</td><td>2024年9月底前</td></tr>
<tr><td>2</td><td>扩大有效投资</td><td>{MEASURE_C}</td><td>县发展和改革局</td><td>2024年12月底前</td></tr>"""))
    tasks = _tasks(extract_path(path))
    assert sorted(tasks) == ["1.1", "1.2", "2.1"]
    assert [(tasks[k].heading, tasks[k].content) for k in ("1.1", "1.2", "2.1")] == [
        ("优化营商环境", MEASURE_A), ("优化营商环境", MEASURE_B), ("扩大有效投资", MEASURE_C)]
    assert _roles(tasks["1.1"]) == [("县市场监督管理局", "responsible")]
    assert _roles(tasks["1.2"]) == [("县发展和改革局", "responsible"), ("县财政局", "responsible")]
    assert [d.date for d in tasks["1.1"].deadlines] == ["2024-06-30"]
    assert [d.date for d in tasks["1.2"].deadlines] == ["2024-09-30"]


REMARKS_IN_BRACKETS = """临川市人民政府关于加强安全生产工作的通知
临政发〔2024〕12号
各县（市、区）人民政府，市人民政府各部门：
　　为切实加强安全生产工作，现就有关事项通知如下：
　　一、压实责任
　　1.各县（市、区）政府要落实属地管理责任，主要负责同志要亲自研究部署。（王军副市长牵头，市应急管理局负责）
　　2.建立健全安全生产联席会议制度（办公室设在市应急管理局）。
　　3.加强重点行业领域监管，明确专人负责。
　　4.开展隐患排查整治，6月底前完成第一轮排查（含开发区）。
　　5.做好汛期安全防范工作（县级医院）。
　　6.强化宣传教育，营造良好氛围。（市委宣传部、市应急管理局、市教育局等按职责分工负责）
　　7.加强应急值守。（市应急管理局）
临川市人民政府
2024年4月1日
"""


def test_brackets_that_are_remarks_are_no_units():
    tasks = _tasks(extract_text(REMARKS_IN_BRACKETS, "linchuan-anquan.txt"))
    assert sorted(tasks) == ["1", "6", "7"]
    assert _roles(tasks["1"]) == [("市应急管理局", "responsible")]      # the vice mayor is no unit
    assert _roles(tasks["6"]) == [("市委宣传部", "responsible"), ("市应急管理局", "responsible"),
                                  ("市教育局", "responsible")]
    assert _roles(tasks["7"]) == [("市应急管理局", "responsible")]


BRACKETED_LABELS = """青禾县人民政府办公室关于印发青禾县2024年生态环境保护工作要点的通知
青政办发〔2024〕28号
各乡镇人民政府，县直各单位：
　　现将《青禾县2024年生态环境保护工作要点》印发给你们，请认真贯彻落实。
青禾县人民政府办公室
2024年4月25日
　　1.持续推进大气污染防治，PM2.5平均浓度控制在35微克/立方米以下。【牵头单位】县生态环境分局【配合单位】县工业和信息化局、县住房和城乡建设局
　　2.加强饮用水水源地保护，县级集中式饮用水水源地水质达标率保持100%。
　　牵头单位 ：县水利局
　　配合单位:县生态环境分局
　　3.推进土壤污染防治，受污染耕地安全利用率达到93%以上。
　　【责任单位】县农业农村局、县生态环境分局
　　【完成时限】2024年11月
"""


def test_labels_in_brackets_and_labels_at_an_items_end_among_label_lines():
    tasks = _tasks(extract_text(BRACKETED_LABELS, "qinghe-shengtai.txt"))
    assert sorted(tasks) == ["1", "2", "3"]
    assert tasks["1"].content == "持续推进大气污染防治，PM2.5平均浓度控制在35微克/立方米以下。"
    assert _roles(tasks["1"]) == [("县生态环境分局", "lead"), ("县工业和信息化局", "cooperate"),
                                  ("县住房和城乡建设局", "cooperate")]
    assert _roles(tasks["2"]) == [("县水利局", "lead"), ("县生态环境分局", "cooperate")]
    assert tasks["3"].content == "推进土壤污染防治，受污染耕地安全利用率达到93%以上。"
    assert _roles(tasks["3"]) == [("县农业农村局", "implement"), ("县生态环境分局", "implement")]
    assert [d.date for d in tasks["3"].deadlines] == ["2024-11-30"]


TWO_TABLES = [
    ("附件1", "2024年重点项目任务分工", [
        ("新建农村公路120公里。", "县交通运输局", "各乡镇人民政府", "2024年10月底前"),
        ("改造农村危房300户。", "县住房和城乡建设局", "县民政局", "2024年9月底前")]),
    ("附件2", "2024年民生实事任务分工", [
        ("新增城镇就业1500人。", "县人力资源和社会保障局", "各乡镇人民政府", "2024年12月底前"),
        ("新建养老服务站6个。", "县民政局", "县财政局", "2024年11月底前")]),
]


def test_two_attached_tables_each_numbered_from_one():
    page = Page(header="青禾县人民政府公报 2024年第6期", page_lines=40, first_page=3)
    head(page, "青禾县人民政府办公室", "关于印发2024年民生实事和重点项目任务分工的通知", "青政办发〔2024〕40号",
         "各乡镇人民政府，县直各单位", 20)
    page.add("现将2024年民生实事和重点项目任务分工印发给你们，请认真抓好落实。",
             "附件：1.2024年重点项目任务分工", "2.2024年民生实事任务分工")
    signature(page, "青禾县人民政府办公室", "2024年5月8日")
    for label, title, rows in TWO_TABLES:
        page.add(label, title, "序号 工作任务 牵头单位 配合单位 完成时限")
        for n, (content, lead, coop, when) in enumerate(rows, 1):
            page.add(str(n), *wrap(content, 16), *wrap(lead, 7), *wrap(coop, 7), *wrap(when, 6))
    tasks = _tasks(extract_text(page.text(), "qinghe-liangbiao.txt"))
    assert sorted(tasks) == ["1", "2", "3", "4"]       # by position: each table starts at 1
    assert [tasks[k].content for k in "1234"] == [r[0] for _, _, rows in TWO_TABLES for r in rows]
    assert _roles(tasks["2"]) == [("县住房和城乡建设局", "lead"), ("县民政局", "cooperate")]
    # the unit wrapped (县人力资源和社 / 会保障局) after a one-line content is the unit's
    assert _roles(tasks["3"]) == [("县人力资源和社会保障局", "lead"), ("各乡镇人民政府", "cooperate")]
    assert [d.date for d in tasks["4"].deadlines] == ["2024-11-30"]


LABELS_ON_ONE_LINE = """青禾县人民政府办公室关于印发青禾县2024年文旅融合发展工作要点的通知
青政办发〔2024〕44号
各乡镇人民政府，县直各单位：
　　现将《青禾县2024年文旅融合发展工作要点》印发给你们，请认真贯彻落实。
青禾县人民政府办公室
2024年5月15日
　　1.创建国家4A级旅游景区1家，全年接待游客300万人次。
　　牵头单位：县文化和旅游局　配合单位：县发展和改革局、各乡镇人民政府　完成时限：2024年11月底前
　　2.举办文化旅游节庆活动10场以上。
　　牵头单位：县文化和旅游局　责任单位：各乡镇人民政府
"""


def test_several_labels_on_one_line():
    tasks = _tasks(extract_text(LABELS_ON_ONE_LINE, "qinghe-wenlv.txt"))
    assert _roles(tasks["1"]) == [("县文化和旅游局", "lead"), ("县发展和改革局", "cooperate"), ("各乡镇人民政府", "cooperate")]
    assert [d.date for d in tasks["1"].deadlines] == ["2024-12-31", "2024-11-30"]
    # 责任单位 beside 牵头单位 carries the task out
    assert _roles(tasks["2"]) == [("县文化和旅游局", "lead"), ("各乡镇人民政府", "implement")]


SUB_ITEMS_WITH_NOTES = """临川市人民政府关于印发临川市2024年优化营商环境行动方案的通知
临政发〔2024〕20号
各县（市、区）人民政府，市人民政府各部门：
　　现将《临川市2024年优化营商环境行动方案》印发给你们，请认真贯彻执行。
临川市人民政府
2024年3月25日
　　一、打造高效便捷的政务环境
　　1.深化“一网通办”改革。围绕企业和群众高频事项，重点推进以下工作：
　　（1）推动高频政务服务事项“全程网办”，网办率达到90%以上。（市政务服务管理局负责）
　　（2）6月底前实现企业开办“一日办结”。（市市场监管局牵头，市税务局配合）
　　2.优化不动产登记服务。
　　（1）推行不动产登记“带押过户”。（市自然资源和规划局负责）
　　二、打造公平公正的法治环境
　　3.规范涉企行政执法，年底前完成行政执法案卷评查。（市司法局负责）
"""


def test_items_of_a_numbered_task_carry_the_notes():
    tasks = _tasks(extract_text(SUB_ITEMS_WITH_NOTES, "linchuan-yingshang.txt"))
    assert sorted(tasks) == ["1.1", "1.2", "2.1", "3"]
    assert [(tasks[k].heading, tasks[k].section) for k in ("1.1", "2.1", "3")] == [
        ("深化“一网通办”改革", "一、打造高效便捷的政务环境"), ("优化不动产登记服务", "一、打造高效便捷的政务环境"),
        (None, "二、打造公平公正的法治环境")]
    assert tasks["1.2"].content == "6月底前实现企业开办“一日办结”。"
    assert _roles(tasks["1.2"]) == [("市市场监管局", "lead"), ("市税务局", "cooperate")]
    assert [d.date for d in tasks["1.2"].deadlines] == ["2024-06-30"]
    assert _roles(tasks["3"]) == [("市司法局", "responsible")]


NO_DATE_NO_NUMBER = """临川市人民政府办公室关于印发临川市2024年春季农业生产工作方案的通知
各县（市、区）人民政府，市人民政府各部门：
　　现将《临川市2024年春季农业生产工作方案》印发给你们，请认真贯彻落实。
　　1.4月底前完成春播面积60万亩。（市农业农村局负责）
　　2.年内新建高标准农田5万亩。（市农业农村局牵头，市财政局配合）
"""


def test_a_document_without_date_or_number_and_an_item_starting_with_its_month():
    result = extract_text(NO_DATE_NO_NUMBER, "linchuan-chungeng.txt")
    (doc,) = result.documents
    assert doc.signed_date is None and doc.doc_number is None
    tasks = _tasks(result)
    assert sorted(tasks) == ["1", "2"]
    # 1.4月底前…: item 1, not the number 1.4
    assert tasks["1"].content == "4月底前完成春播面积60万亩。"
    # the year comes from the title when there is neither date nor number
    assert [(d.date, d.text) for d in tasks["1"].deadlines] == [("2024-04-30", "4月底前")]
    assert [d.date for d in tasks["2"].deadlines] == ["2024-12-31"]


SHARED_CELL_ROWS = [
    ("提升县城品质", ["（1）改造老旧街巷12条。", "（2）新建口袋公园5个。"], "县住房和城乡建设局、县城市管理局", "2024年11月底前"),
    ("完善基础设施", ["（1）新建供热管网8公里。", "（2）改造雨污管网6公里。"], "县住房和城乡建设局", "2024年10月底前"),
]


@pytest.mark.parametrize("with_time", [True, False])
def test_one_unit_cell_for_all_items_of_a_row(with_time):
    page = Page(header="青禾县人民政府公报 2024年第7期", page_lines=60, first_page=3)
    notice(page, "青禾县人民政府办公室", "关于印发2024年县城建设重点任务分工的通知", "青政办发〔2024〕50号", "各乡镇人民政府，县直各单位",
           "现将2024年县城建设重点任务分工印发给你们，请认真抓好落实。", "2024年6月1日")
    page.add("附件", "2024年县城建设重点任务分工",
             "序号 工作任务 具体举措 责任单位 完成时间" if with_time else "序号 工作任务 具体举措 责任单位")
    for n, (name, items, units, when) in enumerate(SHARED_CELL_ROWS, 1):
        page.add(str(n), *wrap(name, 4))
        for item in items:
            page.add(*wrap(item, 16))
        page.add(*wrap(units, 7), *(wrap(when, 6) if with_time else []))
    tasks = _tasks(extract_text(page.text(), "qinghe-xiancheng.txt"))
    assert sorted(tasks) == ["1.1", "1.2", "2.1", "2.2"]
    assert [(tasks[k].heading, tasks[k].content) for k in ("1.1", "1.2", "2.2")] == [
        ("提升县城品质", "改造老旧街巷12条。"), ("提升县城品质", "新建口袋公园5个。"), ("完善基础设施", "改造雨污管网6公里。")]
    both = [("县住房和城乡建设局", "responsible"), ("县城市管理局", "responsible")]
    assert _roles(tasks["1.1"]) == both and _roles(tasks["1.2"]) == both
    assert _roles(tasks["2.1"]) == [("县住房和城乡建设局", "responsible")]
    if with_time:
        assert [d.date for d in tasks["1.1"].deadlines] == ["2024-11-30"]


@pytest.mark.parametrize("widths", [(18, 4, 4, 7, 7, 5), (22, 6, 5, 9, 9, 7), (14, 3, 3, 5, 5, 4),
                                    (22, 8, 9, 9, 12, 9)])
def test_leaders_with_their_posts(widths):
    rows = [(h, c, person, u, o, t) for (h, c, _, u, o, t), person in
            zip(LEADER_ROWS, ["陈志远（副市长）", "副市长周建平", "林晓光"])]
    tasks = _tasks(extract_text(_leader_doc(*widths, rows=rows, leader="分管领导", pdf=True), "linchuan-leaders.txt"))
    assert sorted(tasks) == ["1", "2", "3"]
    assert [(tasks[k].heading, tasks[k].content) for k in "123"] == [(r[0], r[1]) for r in rows]
    assert _roles(tasks["1"]) == [("市工业和信息化局", "lead"), ("市发展改革委", "cooperate"), ("市财政局", "cooperate")]
    assert _roles(tasks["2"]) == [("市发展改革委", "lead"), ("各县（市、区）人民政府", "cooperate")]


@pytest.mark.parametrize("header", ["序 号 重点任务 责任单位", "序\n号\n重点任务\n责任单位"])
def test_a_spaced_or_wrapped_number_column_name(header):
    text = ONE_TASK_COLUMN.replace("序号 重点任务 责任单位", header)
    tasks = _tasks(extract_text(text, "yunling-header.txt"))
    assert sorted(tasks) == ["1", "2", "3"]
    assert tasks["1"].content == "新建高标准农田2万亩，粮食播种面积稳定在35万亩以上。"
    assert _roles(tasks["3"]) == [("县商务局", "responsible"), ("县邮政分公司", "responsible")]


NO_NUMBER_COLUMN = """云岭县人民政府办公室关于印发云岭县2024年农业农村重点工作任务的通知
云政办发〔2024〕6号
各乡镇人民政府，县直各单位：
　　现将《云岭县2024年农业农村重点工作任务》印发给你们，请认真抓好落实。
云岭县人民政府办公室
2024年3月5日
重点任务 牵头单位 配合单位 完成时限
1.新建高标准农田2万亩，粮食播
种面积稳定在35万亩以上。
县农业农村局
县财政局、各
乡镇人民政府
2024年10月
底前
2.完成农村公路提档升级80公里。
县交通运输局
各乡镇人民政
府
2024年12月
底前
"""


def test_a_table_without_a_number_column():
    """Rows numbered inside the task cell (1. 2.), no 序号 column."""
    tasks = _tasks(extract_text(NO_NUMBER_COLUMN, "yunling-nonumber.txt"))
    assert sorted(tasks) == ["1", "2"]
    assert tasks["1"].content == "新建高标准农田2万亩，粮食播种面积稳定在35万亩以上。"
    assert _roles(tasks["1"]) == [("县农业农村局", "lead"), ("县财政局", "cooperate"), ("各乡镇人民政府", "cooperate")]
    assert _roles(tasks["2"]) == [("县交通运输局", "lead"), ("各乡镇人民政府", "cooperate")]
    assert [d.date for d in tasks["1"].deadlines] == ["2024-10-31"]


@pytest.mark.parametrize("text, expected", [
    ("2024年底前完成80%以上，2025年全面完成", [("2024-12-31", 0.8), ("2025-12-31", None)]),
    ("2025年建成投用", [("2025-12-31", None)]),
    ("2023年全市安全生产工作要以…为指导", []),
    ("2021年完成改造的小区", []),
])
def test_a_bare_year_followed_by_its_completion(text, expected):
    from gongbao.extract.deadlines import find_deadlines

    assert [(d.date, d.share) for d in find_deadlines(text, 2024)] == expected


HEADING_LEVEL_ITEMS = """临川市人民政府办公室关于印发临川市2024年城市更新行动计划的通知
临政办发〔2024〕70号
各县（市、区）人民政府，市人民政府各部门：
　　现将《临川市2024年城市更新行动计划》印发给你们，请认真贯彻落实。
临川市人民政府办公室
2024年6月20日
　　一、实施老旧小区改造。改造老旧小区120个，惠及居民1.5万户，10月底前开工率达到100%。（责任单位：市住房城乡建设局，各县〈市、区〉人民政府）
　　二、推进城中村改造。启动城中村改造项目5个。（市住房城乡建设局、市自然资源和规划局按职责分工负责）
"""


def test_top_level_paragraphs_with_notes():
    tasks = _tasks(extract_text(HEADING_LEVEL_ITEMS, "linchuan-gengxin.txt"))
    assert sorted(tasks) == ["1", "2"]
    assert tasks["1"].section is None
    assert tasks["1"].content == "实施老旧小区改造。改造老旧小区120个，惠及居民1.5万户，10月底前开工率达到100%。"
    assert [d.date for d in tasks["1"].deadlines] == ["2024-10-31"]
    # a deadline before a quantity is no part of its metric
    assert ("开工率", "达到", 100.0) in [(t.metric, t.comparator, t.value) for t in tasks["1"].targets]
    assert _roles(tasks["2"]) == [("市住房城乡建设局", "responsible"), ("市自然资源和规划局", "responsible")]


BROKEN_ROWS = [
    ("开展河道清淤疏浚，全年清理河道80公里，整治入河排污口30个，完成河长制考核。", "县水利局",
     "县生态环境分局、各乡（镇）人民政府", "2024年10月底前"),
    ("新建乡镇污水处理设施6座，实现乡镇生活污水处理设施全覆盖，提升农村污水治理水平。", "县住房和城乡建设局",
     "县发展和改革局、县财政局", "2024年12月底前"),
    ("推进农村厕所革命，完成户厕改造1500户。", "县农业农村局", "县卫生健康局", "2024年6月底前完成60%，年底前全部完成"),
]


def _broken_row_doc(cw, lw, ow, tw, cut_row, cut_at):
    """Row `cut_row` runs on over a page break after `cut_at` lines of each
    cell: the next page prints the rest of every cell, in order."""
    out = ["石门县人民政府办公室", "关于印发2024年农村人居环境整治任务分工的通知", "石政办发〔2024〕9号",
           "各乡（镇）人民政府，县直有关单位：", "现将2024年农村人居环境整治任务分工印发给你们，请认真抓好落实。",
           "石门县人民政府办公室", "2024年2月20日", "（此件公开发布）",
           "附件", "2024年农村人居环境整治任务分工", "序号 工作任务 牵头单位 配合单位 完成时限"]
    page = 11
    for n, (content, lead, coop, when) in enumerate(BROKEN_ROWS, 1):
        cells = [[str(n)], wrap(content, cw), wrap(lead, lw), wrap(coop, ow), wrap(when, tw)]
        parts = [[c[:cut_at] for c in cells], [c[cut_at:] for c in cells]] if n == cut_row else [cells]
        for k, part in enumerate(parts):
            if k:
                page += 1
                out += ["石门县人民政府公报 2024年第3期" if page % 2 else "2024年第3期 石门县人民政府公报", f"— {page} —"]
            for c in part:
                out += c
        if n == 1:
            page += 1
            out += ["2024年第3期 石门县人民政府公报" if page % 2 == 0 else "石门县人民政府公报 2024年第3期", f"— {page} —"]
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("shape", [(21, 4, 6, 4, 2, 1), (14, 6, 7, 7, 1, 1), (14, 8, 4, 4, 2, 2), (20, 6, 7, 8, 2, 1)])
def test_a_row_run_on_over_a_page_break_is_no_row_of_items(shape):
    """The cells' rest on the next page starts with a wide content line after
    a time cell: that is the row going on, not a second row under its number.
    Every row reads as printed whole, the broken one too: its content, its
    units' roles, its deadlines (the content's, then the time cell's)."""
    tasks = _tasks(extract_text(_broken_row_doc(*shape), "shimen-broken.txt"))
    assert sorted(tasks) == ["1", "2", "3"]
    assert [tasks[k].content for k in "123"] == [content for content, _, _, _ in BROKEN_ROWS]
    assert [_roles(tasks[k]) for k in "123"] == [
        [(lead, "lead")] + [(u, "cooperate") for u in coop.split("、")] for _, lead, coop, _ in BROKEN_ROWS]
    assert [[(d.date, d.share) for d in tasks[k].deadlines] for k in "123"] == [
        [("2024-12-31", None), ("2024-10-31", None)],       # 全年清理… then 2024年10月底前
        [("2024-12-31", None)],
        [("2024-06-30", 0.6), ("2024-12-31", None)],        # 6月底前完成60%，年底前全部完成
    ]
