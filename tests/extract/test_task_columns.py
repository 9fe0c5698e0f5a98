"""Task notices in the shapes most task-division documents take elsewhere:
a table with 牵头单位 | 配合单位 | 完成时限 columns (rows on one line, or cells
wrapped in narrow columns as a web page or Word file prints them), labelled
items followed by a 完成时限 line, inline notes that carry the time, and a
版头 whose issuer name stands alone above the number. Documents of our own
(invented places and units)."""
import pytest

from gongbao.extract.pipeline import extract_path, extract_text
from tests.extract.printer import Page, head, signature, wrap

ONE_LINE_ROWS = """桐州市人民政府
桐政发〔2025〕3号
桐州市人民政府关于印发桐州市2025年民生实事工作方案的通知
各区人民政府，市政府各部门：
　　现将《桐州市2025年民生实事工作方案》印发给你们，请结合实际认真抓好落实。
　　附件：桐州市2025年民生实事任务分解表
桐州市人民政府
2025年2月10日
（此件公开发布）
附件
桐州市2025年民生实事任务分解表
序号 重点任务 牵头单位 配合单位 完成时限
1 新建农村公路300公里 市交通运输局 各区人民政府 2025年10月底前
2 新增公办幼儿园学位3000个 市教育局 市财政局、市自然资源和规划局 2025年8月底前
3 完成老旧小区改造120个 市住房城乡建设局 市发展改革委、各区人民政府 2025年12月底前
"""


def _tasks(result):
    return {t.key: t for t in result.tasks}


def _roles(task):
    return [(r.unit, r.role) for r in task.responsibilities]


def test_issuer_name_above_the_number_and_rows_on_one_line():
    result = extract_text(ONE_LINE_ROWS, "tongzhou.txt")
    (doc,) = result.documents
    assert doc.doc_number == "桐政发〔2025〕3号"
    assert doc.issuer == "桐州市人民政府"
    assert doc.title == "关于印发桐州市2025年民生实事工作方案的通知"
    tasks = _tasks(result)
    assert sorted(tasks) == ["1", "2", "3"]
    assert tasks["1"].content == "新建农村公路300公里"
    assert _roles(tasks["1"]) == [("市交通运输局", "lead"), ("各区人民政府", "cooperate")]
    assert _roles(tasks["2"]) == [("市教育局", "lead"), ("市财政局", "cooperate"), ("市自然资源和规划局", "cooperate")]
    assert [(d.date, d.share) for d in tasks["2"].deadlines] == [("2025-08-31", None)]
    assert [(d.date, d.text) for d in tasks["3"].deadlines] == [("2025-12-31", "2025年12月底前")]
    assert [(t.value, t.unit) for t in tasks["3"].targets] == [(120.0, "个")]


WRAPPED_TABLE_HTML = """<html><head><meta charset="gbk"><title>通知</title></head><body><div class="article">
<h1>河阳市人民政府办公室关于印发2025年为民办实事项目责任分工的通知</h1>
<p>河政办发〔2025〕21号</p>
<p>各县（市、区）人民政府，市政府有关部门：</p>
<p>　　经市政府同意，现将2025年为民办实事项目责任分工印发给你们，请认真贯彻执行。</p>
<p>　　附件：2025年为民办实事项目责任分工表</p>
<p style="text-align:right">河阳市人民政府办公室</p>
<p style="text-align:right">2025年3月1日</p>
<p>附件</p><p>2025年为民办实事项目责任分工表</p>
<table border="1">
<tr><td width="6%">序号</td><td width="44%">项目内容</td><td width="18%">牵头单位</td><td width="18%">配合单位</td><td width="14%">完成时限</td></tr>
<tr><td>1</td><td>实施城镇老旧小区改造，完成改造小区150个，惠及居民2.3万户，同步推进加装电梯工作</td><td>市住房和城乡建设局</td><td>市发展和改革委员会、市财政局、各县（市、区）人民政府</td><td>2025年11月底前</td></tr>
<tr><td>2</td><td>新增城市停车泊位5000个以上，缓解中心城区停车难问题</td><td>市城市管理局</td><td>市公安局交通警察支队</td><td>2025年12月底前</td></tr>
<tr><td>3</td><td>为全市60周岁以上老年人免费开展健康体检，体检率达到70%</td><td>市卫生健康委员会</td><td></td><td>2025年9月底前完成50%，年底前全部完成</td></tr>
</table></div></body></html>
"""


def test_wrapped_cells_of_a_web_page_table(tmp_path):
    path = tmp_path / "heyang.html"
    path.write_bytes(WRAPPED_TABLE_HTML.encode("gbk"))
    result = extract_path(path)
    tasks = _tasks(result)
    assert sorted(tasks) == ["1", "2", "3"]
    assert tasks["1"].content == "实施城镇老旧小区改造，完成改造小区150个，惠及居民2.3万户，同步推进加装电梯工作"
    assert _roles(tasks["1"]) == [("市住房和城乡建设局", "lead"), ("市发展和改革委员会", "cooperate"),
                                  ("市财政局", "cooperate"), ("各县（市、区）人民政府", "cooperate")]
    assert [d.date for d in tasks["1"].deadlines] == ["2025-11-30"]
    assert _roles(tasks["2"]) == [("市城市管理局", "lead"), ("市公安局交通警察支队", "cooperate")]
    # an empty 配合单位 cell: the lead alone; a time cell with a milestone
    assert _roles(tasks["3"]) == [("市卫生健康委员会", "lead")]
    assert [(d.date, d.share) for d in tasks["3"].deadlines] == [("2025-09-30", 0.5), ("2025-12-31", None)]


LABELLED_WITH_TIME = """松原县人民政府办公室关于印发2024年安全生产重点工作任务清单的通知
松政办发〔2024〕7号
各乡镇人民政府，县直各单位：
　　经县政府同意，现将《2024年安全生产重点工作任务清单》印发给你们，请认真组织实施。
松原县人民政府办公室
2024年1月15日
2024年安全生产重点工作任务清单
　　一、强化责任落实
　　1.制定县级安全生产权力和责任清单，健全安全生产考核机制。
　　牵头单位：县应急管理局
　　配合单位：县委组织部、县安委会各成员单位
　　完成时限：2024年3月底前
　　2.开展安全生产治本攻坚行动，排查整治重大事故隐患100处以上。
　　牵头单位：县安委办；完成时限：2024年12月底前完成60%，2025年底前全部完成
　　二、加强重点行业监管
　　3.开展燃气安全专项整治，完成老旧燃气管道改造15公里。
　　责任单位：县住房和城乡建设局、县市场监督管理局
　　完成时间：2024年11月底前
"""


def test_labelled_items_with_a_time_line():
    tasks = _tasks(extract_text(LABELLED_WITH_TIME, "songyuan.txt"))
    assert _roles(tasks["1"]) == [("县应急管理局", "lead"), ("县委组织部", "cooperate"), ("县安委会各成员单位", "cooperate")]
    assert [d.date for d in tasks["1"].deadlines] == ["2024-03-31"]
    assert _roles(tasks["2"]) == [("县安委办", "lead")]
    assert [(d.date, d.share) for d in tasks["2"].deadlines] == [("2024-12-31", 0.6), ("2025-12-31", None)]
    assert _roles(tasks["3"]) == [("县住房和城乡建设局", "implement"), ("县市场监督管理局", "implement")]
    assert [d.date for d in tasks["3"].deadlines] == ["2024-11-30"]
    assert tasks["3"].section == "二、加强重点行业监管"


INLINE_WITH_TIME = """青川市人民政府办公室文件
青政办发〔2024〕12号
青川市人民政府办公室
关于印发青川市2024年优化营商环境重点任务分工方案的通知
各县（区）人民政府，市直各有关单位：
　　《青川市2024年优化营商环境重点任务分工方案》已经市政府同意，现印发给你们，请认真贯彻落实。
青川市人民政府办公室
2024年3月8日
青川市2024年优化营商环境重点任务分工方案
　　一、提升政务服务效能
　　1.推进“一网通办”，政务服务事项网上可办率达到98%以上。（责任单位：市行政审批服务局牵头，市大数据中心配合；完成时限：2024年6月底前）
　　2.企业开办时间压缩至1个工作日以内。（市市场监管局、市税务局负责，2024年9月底前完成）
　　3.新增工业用地供应500亩。牵头单位：市自然资源局；配合单位：各县（区）人民政府。2024年底前完成。
　　二、成立工作专班
　　成立青川市优化营商环境工作专班，组成人员如下：
　　组　长：王建华　市政府副市长
　　副组长：刘明　市政府副秘书长
　　成　员：赵刚　市行政审批服务局局长
　　　　　　孙丽　市市场监管局局长
"""


def test_inline_notes_carry_their_time_and_a_group_named_in_its_sentence():
    result = extract_text(INLINE_WITH_TIME, "qingchuan.txt")
    tasks = _tasks(result)
    assert _roles(tasks["1"]) == [("市行政审批服务局", "lead"), ("市大数据中心", "cooperate")]
    assert tasks["1"].content == "推进“一网通办”，政务服务事项网上可办率达到98%以上。"
    assert [d.date for d in tasks["1"].deadlines] == ["2024-06-30"]
    assert _roles(tasks["2"]) == [("市市场监管局", "responsible"), ("市税务局", "responsible")]
    assert [d.date for d in tasks["2"].deadlines] == ["2024-09-30"]
    assert [(t.metric, t.comparator, t.value) for t in tasks["2"].targets] == [("企业开办时间", "压缩至…以内", 1.0)]
    assert tasks["3"].content == "新增工业用地供应500亩。"
    assert _roles(tasks["3"]) == [("市自然资源局", "lead"), ("各县（区）人民政府", "cooperate")]
    assert [d.date for d in tasks["3"].deadlines] == ["2024-12-31"]
    (group,) = result.groups
    assert group.name == "青川市优化营商环境工作专班"
    assert [(m.role, m.name) for m in group.members] == [("组长", "王建华"), ("副组长", "刘明"), ("成员", "赵刚"), ("成员", "孙丽")]


COLUMN_ROWS = [
    ("开展河道清淤疏浚，全年清理河道80公里，整治入河排污口30个。", "县水利局", "县生态环境分局、各乡（镇）人民政府", "2024年10月底前"),
    ("新建乡镇污水处理设施6座，实现乡镇生活污水处理设施全覆盖。", "县住房和城乡建设局", "县发展和改革局、县财政局", "2024年12月底前"),
    ("推进农村厕所革命，完成户厕改造1500户。", "县农业农村局", "县卫生健康局", "2024年6月底前完成60%，年底前全部完成"),
]


def _column_table_doc(widths: tuple[int, int, int, int]) -> str:
    cw, lw, ow, tw = widths
    page = Page(header="石门县人民政府公报 2024年第3期", page_lines=19, first_page=11, number_style="— {} —")
    head(page, "石门县人民政府办公室", "关于印发2024年农村人居环境整治任务分工的通知", "石政办发〔2024〕9号",
         "各乡（镇）人民政府，县直有关单位", 18)
    page.add("现将2024年农村人居环境整治任务分工印发给你们，请认真抓好落实。")
    signature(page, "石门县人民政府办公室", "2024年2月20日")
    page.add("附件", "2024年农村人居环境整治任务分工", "序号 工作任务 牵头单位 配合单位 完成时限")
    for n, (content, lead, coop, when) in enumerate(COLUMN_ROWS, start=1):
        page.add(str(n), *wrap(content, cw), *wrap(lead, lw), *wrap(coop, ow), *wrap(when, tw))
    return page.text()



@pytest.mark.parametrize("widths", [(20, 7, 7, 6), (16, 5, 8, 5), (26, 9, 9, 8), (14, 4, 6, 4),
                                    (24, 5, 5, 4)])   # a cell's last character (局) by a page break, twice
def test_column_table_at_any_width(widths):
    result = extract_text(_column_table_doc(widths), "shimen.txt")
    (doc,) = result.documents
    assert doc.doc_number == "石政办发〔2024〕9号"
    tasks = _tasks(result)
    assert sorted(tasks) == ["1", "2", "3"]
    assert [tasks[k].content for k in ("1", "2", "3")] == [row[0] for row in COLUMN_ROWS]
    assert _roles(tasks["1"]) == [("县水利局", "lead"), ("县生态环境分局", "cooperate"), ("各乡（镇）人民政府", "cooperate")]
    assert _roles(tasks["2"]) == [("县住房和城乡建设局", "lead"), ("县发展和改革局", "cooperate"), ("县财政局", "cooperate")]
    assert _roles(tasks["3"]) == [("县农业农村局", "lead"), ("县卫生健康局", "cooperate")]
    assert [d.date for d in tasks["1"].deadlines] == ["2024-12-31", "2024-10-31"]
    assert [(d.date, d.share) for d in tasks["3"].deadlines] == [("2024-06-30", 0.6), ("2024-12-31", None)]


LEADER_COLUMN = """江北区人民政府办公室关于印发2024年区政府重点工作任务分解方案的通知
江北府办发〔2024〕5号
各街道办事处，区政府各部门：
　　现将《2024年区政府重点工作任务分解方案》印发给你们，请抓好落实。
江北区人民政府办公室
2024年2月1日
序号
重点任务
牵头区领导
牵头单位
责任单位
完成时限
1
实现地区生产总值增长6%左右，一般公共预算收入增长5%。
张明
区发展改革委
区财政局、区统计局
2024年12月底
2
新增城镇就业8000人以上，城镇登记失业率控制在3.5%以内。
李华
区人力资源社会保障局
各街道办事处
全年
"""


def test_header_a_name_per_line_and_a_column_of_leaders():
    tasks = _tasks(extract_text(LEADER_COLUMN, "jiangbei.txt"))
    assert tasks["1"].content == "实现地区生产总值增长6%左右，一般公共预算收入增长5%。"
    # the leader's name is no unit; 责任单位 beside 牵头单位 carry it out
    assert _roles(tasks["1"]) == [("区发展改革委", "lead"), ("区财政局", "implement"), ("区统计局", "implement")]
    assert _roles(tasks["2"]) == [("区人力资源社会保障局", "lead"), ("各街道办事处", "implement")]
    assert [d.date for d in tasks["1"].deadlines] == ["2024-12-31"]
    assert [(t.metric, t.value) for t in tasks["2"].targets] == [("城镇就业", 8000.0), ("城镇登记失业率", 3.5)]


def test_word_table_of_equal_columns_with_a_name_column(tmp_path):
    """python-docx gives every column one width: no narrow unit column to find."""
    from docx import Document as Docx

    d = Docx()
    for text in ["北湖县人民政府办公室文件", "北政办发〔2024〕15号", "北湖县人民政府办公室关于印发2024年重点民生项目责任分工的通知",
                 "各乡镇人民政府，县直各部门：", "现将2024年重点民生项目责任分工印发给你们，请认真抓好落实。",
                 "北湖县人民政府办公室", "2024年4月2日", "附件", "2024年重点民生项目责任分工表"]:
        d.add_paragraph(text)
    rows = [("序号", "项目名称", "建设内容和目标", "牵头单位", "配合单位", "完成时限"),
            ("1", "城区供水管网改造", "改造老旧供水管网25公里，城区管网漏损率控制在9%以内", "县水务局", "县财政局、县住房和城乡建设局", "2024年11月底前"),
            ("2", "农村客运提升", "新开通农村客运线路6条，建制村通客车率保持100%", "县交通运输局", "各乡镇人民政府", "2024年9月底前"),
            ("3", "托育服务", "新增普惠性托位300个", "县卫生健康局", "县教育体育局、县妇联", "2024年12月底前")]
    table = d.add_table(rows=len(rows), cols=6)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    path = tmp_path / "beihu.docx"
    d.save(path)
    tasks = _tasks(extract_path(path))
    assert sorted(tasks) == ["1", "2", "3"]
    assert [(tasks[k].heading, tasks[k].content) for k in ("1", "2", "3")] == [(row[1], row[2]) for row in rows[1:]]
    assert _roles(tasks["1"]) == [("县水务局", "lead"), ("县财政局", "cooperate"), ("县住房和城乡建设局", "cooperate")]
    assert _roles(tasks["2"]) == [("县交通运输局", "lead"), ("各乡镇人民政府", "cooperate")]
    assert _roles(tasks["3"]) == [("县卫生健康局", "lead"), ("县教育体育局", "cooperate"), ("县妇联", "cooperate")]
    assert [d.date for d in tasks["2"].deadlines] == ["2024-09-30"]
    assert [(t.metric, t.comparator, t.value) for t in tasks["2"].targets] == [
        ("农村客运线路", "新开通", 6.0), ("建制村通客车率", "保持", 100.0)]


LEADER_LINES = """南江市人民政府关于印发2024年市政府工作报告重点任务分解的通知
南府发〔2024〕1号
各区人民政府，市政府各部门：
　　现将《2024年市政府工作报告重点任务分解》印发给你们，请认真贯彻落实。
南江市人民政府
2024年2月5日
　　1.地区生产总值增长5.5%左右。
　　责任领导：刘建国
　　牵头单位：市发展改革委
　　责任单位：市统计局，各区人民政府
　　2.新建5G基站1500个。
　　分管市领导：王军
　　牵头单位：市工业和信息化局
　　配合单位：市通信发展管理办公室
　　完成时限：2024年12月底前
"""


def test_leader_lines_are_neither_content_nor_units():
    tasks = _tasks(extract_text(LEADER_LINES, "nanjiang.txt"))
    assert tasks["1"].content == "地区生产总值增长5.5%左右。"
    assert _roles(tasks["1"]) == [("市发展改革委", "lead"), ("市统计局", "implement"), ("各区人民政府", "implement")]
    assert tasks["2"].content == "新建5G基站1500个。"
    assert _roles(tasks["2"]) == [("市工业和信息化局", "lead"), ("市通信发展管理办公室", "cooperate")]
    assert [d.date for d in tasks["2"].deadlines] == ["2024-12-31"]


ONE_LINE_ROW_AMONG_ITEMS = """云溪县人民政府关于做好森林防火工作的通知
云政发〔2024〕2号
各乡镇人民政府：
　　现将有关事项通知如下。
云溪县人民政府
2024年3月1日
序号 任务 主要内容 责任单位
1 加强火源管控
（1）严格落实野外用火审批制度，
清明节前完成巡护检查。
县林业局
（2）设立临时检查站点。
县公安局牵头，
各乡镇配合
2 强化应急准备 储备扑火物资。 县应急管理局
"""


def test_a_row_of_short_cells_on_one_line_in_a_table_of_items():
    """A PDF reader prints a row whose cells are all one short line as one line."""
    tasks = _tasks(extract_text(ONE_LINE_ROW_AMONG_ITEMS, "yunxi.txt"))
    assert sorted(tasks) == ["1.1", "1.2", "2.1"]
    assert (tasks["2.1"].heading, tasks["2.1"].content) == ("强化应急准备", "储备扑火物资。")
    assert _roles(tasks["2.1"]) == [("县应急管理局", "responsible")]
    assert _roles(tasks["1.2"]) == [("县公安局", "lead"), ("各乡镇", "cooperate")]


INLINE_VARIANTS = """南湖区人民政府办公室关于印发南湖区2024年营商环境提升行动方案的通知
南府办〔2024〕9号
各街道办事处，区政府各部门：
　　现将《南湖区2024年营商环境提升行动方案》印发给你们，请认真贯彻执行。
南湖区人民政府办公室
2024年4月1日
　　1.推行涉企事项“一件事一次办”。（牵头单位：区发展改革局，配合单位：区财政局、区商务局）
　　2.推进中小学课后服务全覆盖。（责任单位：区教育局；各街道办事处）
　　3.开展医保基金专项检查。（牵头单位：区卫生健康局 配合单位：区医保局）
　　4.完成区级政务服务中心改造。（区行政审批局负责；时间：2024年12月底前）
　　5.建成防洪堤2公里。【牵头单位：区水利局】
"""


def test_inline_note_variants():
    tasks = _tasks(extract_text(INLINE_VARIANTS, "nanhu.txt"))
    assert sorted(tasks) == ["1", "2", "3", "4", "5"]
    assert _roles(tasks["1"]) == [("区发展改革局", "lead"), ("区财政局", "cooperate"), ("区商务局", "cooperate")]
    assert _roles(tasks["2"]) == [("区教育局", "implement"), ("各街道办事处", "implement")]
    assert _roles(tasks["3"]) == [("区卫生健康局", "lead"), ("区医保局", "cooperate")]
    assert _roles(tasks["4"]) == [("区行政审批局", "responsible")]
    assert [d.date for d in tasks["4"].deadlines] == ["2024-12-31"]
    assert tasks["5"].content == "建成防洪堤2公里。" and _roles(tasks["5"]) == [("区水利局", "lead")]
