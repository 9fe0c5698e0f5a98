"""表扬 / 表彰 lists: the sample against the gold, lists of other shapes, and
no crash on arbitrary lines."""
from hypothesis import given, settings
from hypothesis import strategies as st

from gongbao.extract.commendations import parse_commendations
from gongbao.extract.lines import Line, to_lines
from gongbao.records import Commendation, Source
from tests.extract.test_groups import FILE, sample_document

PRAISE = ("吕政办函〔2023〕11号", 5729, 5976)
OTHERS = [("吕政办函〔2023〕7号", 3803, 4112), ("吕政办函〔2023〕10号", 5593, 5727),
          ("吕政任〔2023〕2号", 5983, 6016), ("吕政任〔2023〕3号", 6018, 6047),
          ("吕政办函〔2023〕8号", 4113, 5592), ("吕政发〔2023〕1号", 1, 1200)]


def _commendations(doc):
    ref, first, last = doc
    return parse_commendations(sample_document(first, last), ref, FILE)


def _plain(records):
    return [(c.kind, c.name, c.organization) for c in records]


# ---------------------------------------------------------------- the sample




def test_units_run_on_across_lines():
    units = [c for c in _commendations(PRAISE) if c.kind == "unit"]
    assert len(units) == 22
    assert _plain(units[:2]) == [("unit", "孝义市人民政府办公室", None), ("unit", "中阳县人民政府办公室", None)]
    assert units[-1].name == "人行吕梁中支"
    # 市行政 / 审批局 is split over two lines
    (approval,) = [c for c in units if c.name == "市行政审批局"]
    assert (approval.source.line_start, approval.source.line_end) == (5821, 5823)


def test_individuals_with_wrapped_organizations_and_spaced_names():
    people = [c for c in _commendations(PRAISE) if c.kind == "individual"]
    assert len(people) == 47
    assert _plain(people[:3]) == [("individual", "马文娟", "吕梁市水利局"),
                                  ("individual", "马向前", "方山县马坊镇人民政府办公室"),
                                  ("individual", "马丽", "吕梁市人民政府办公室")]
    by_name = {c.name: c for c in people}
    assert by_name["李子瑜"].organization == "中国人民银行吕梁市中心支行"
    assert by_name["李素洁"].organization == "吕梁市人力资源和社会保障局"


def test_column_garbled_run_is_paired_by_order():
    people = [c for c in _commendations(PRAISE) if c.kind == "individual"]
    paired = people[25:]
    assert len(paired) == 22
    assert _plain(paired[:2]) == [("individual", "张晋泽", "吕梁市公安局"),
                                  ("individual", "张娟娟", "文水县人民政府办公室")]
    # the three organization lines fused by the extraction are split again
    by_name = {c.name: c.organization for c in paired}
    assert by_name["曹卓久"] == "吕梁市发展和改革委员会"
    assert by_name["崔丽丽"] == "吕梁市气象局"
    assert by_name["梁宗荷"] == "吕梁市住房和城乡建设局"
    assert by_name["葛亚云"] == "吕梁市金融办"
    assert by_name["薛瑞祥"] == "吕梁市规划和自然资源局"
    assert by_name["穆瑶君"] == "吕梁市财政局"
    # a paired record's source covers its name line and its organization line
    first = paired[0].source
    assert (first.line_start, first.line_end) == (5890, 5934)


def test_no_commendations_in_other_sample_documents():
    for doc in OTHERS:
        assert _commendations(doc) == [], doc[0]


# ---------------------------------------------------------------- other shapes

NUMBERED_AND_BRACKETED = """云溪市人民政府
关于表彰2023年度全市安全生产工作先进集体和先进个人的决定
云政发〔2024〕8号
各县（区）人民政府，市直各有关单位：
2023年，全市上下认真贯彻落实安全生产决策部署，涌现出一批先进集体和先进个人。为表彰先进，市政府决定对云溪市应急管理局等5个先进集体和张伟等4名先进个人予以表彰。
附件：2023年度全市安全生产工作先进集体和先进个人名单
云溪市人民政府
2024年2月20日
附件
2023年度全市安全生产工作先进集体和
先进个人名单
一、先进集体（5个）
1.云溪市应急管理局
2.云溪市消防救援支队
3.东山县人民政府
4.西河区安全生产委员会办
公室
5.云溪能源集团有限公司
二、先进个人（4名）
张 伟（云溪市应急管理局）
李晓红（东山县人民政府办公室）
欧阳明（云溪市消防救援支队）、王 芳（西河区应急管理局）
"""

TABLE = """云溪县人民政府办公室
关于对2023年度政务公开工作先进个人予以通报表扬的通报
云政办函〔2024〕3号
各乡（镇）人民政府，县直各单位：
经考核，县政府办公室决定对以下同志予以通报表扬：
序 号 姓 名 工作单位 职 务
1 张 伟 云溪县财政局 科长
2 李晓红 云溪县教育局 副主任
3 赵一鸣 城关镇人民政府 干部
希望受到表扬的同志珍惜荣誉，再接再厉。
云溪县人民政府办公室
2024年1月15日
"""

IN_BODY = """云溪县人民政府办公室
关于对县财政局等单位予以通报表扬的通报
云政办函〔2024〕4号
各乡（镇）人民政府，县直各单位：
2023年，各单位认真落实县政府部署，决定对以下单位予以通报
表扬：县财政局、县教育局、城关镇人民政府、县融媒体中心。
希望受到表扬的单位珍惜荣誉，召开总结会。
云溪县人民政府办公室
2024年1月16日
"""

ORDINARY = """云溪县人民政府办公室
关于印发云溪县2024年政务公开工作要点的通知
云政办发〔2024〕5号
各乡（镇）人民政府，县直各单位：
现将《云溪县2024年政务公开工作要点》印发给你们，请认真贯彻落实。
附件
云溪县2024年政务公开工作要点
一、强化组织领导
县财政局、县教育局、县民政局要加强协作。
"""


def test_numbered_units_and_individuals_in_brackets():
    records = parse_commendations(to_lines(NUMBERED_AND_BRACKETED), "云政发〔2024〕8号", "n.txt")
    assert _plain(records) == [
        ("unit", "云溪市应急管理局", None),
        ("unit", "云溪市消防救援支队", None),
        ("unit", "东山县人民政府", None),
        ("unit", "西河区安全生产委员会办公室", None),       # wrapped inside a numbered item
        ("unit", "云溪能源集团有限公司", None),
        ("individual", "张伟", "云溪市应急管理局"),
        ("individual", "李晓红", "东山县人民政府办公室"),
        ("individual", "欧阳明", "云溪市消防救援支队"),
        ("individual", "王芳", "西河区应急管理局"),
    ]
    assert records[3].source == Source("n.txt", 16, 17)


def test_table_with_header_row_in_the_body():
    records = parse_commendations(to_lines(TABLE), "云政办函〔2024〕3号", "t.txt")
    assert records == [
        Commendation("云政办函〔2024〕3号", "individual", "张伟", "云溪县财政局", Source("t.txt", 7, 7)),
        Commendation("云政办函〔2024〕3号", "individual", "李晓红", "云溪县教育局", Source("t.txt", 8, 8)),
        Commendation("云政办函〔2024〕3号", "individual", "赵一鸣", "城关镇人民政府", Source("t.txt", 9, 9)),
    ]


def test_units_listed_in_the_body_sentence():
    records = parse_commendations(to_lines(IN_BODY), "云政办函〔2024〕4号", "b.txt")
    assert _plain(records) == [("unit", "县财政局", None), ("unit", "县教育局", None),
                               ("unit", "城关镇人民政府", None), ("unit", "县融媒体中心", None)]
    assert all(c.source == Source("b.txt", 6, 6) for c in records)


INLINE_HEADINGS = """云溪县人民政府
关于表扬2023年度森林防火工作先进集体和先进个人的通报
云政函〔2024〕6号
各乡（镇）人民政府，县直各单位：
2023年，全县森林防火工作成效显著。县政府决定对以下集体和个人予以通报表扬：
先进集体（2个）：县林业局、城关镇人民政府。
先进个人（3名）：
县林业局：张伟、李晓红
城关镇人民政府：赵一鸣
云溪县人民政府
2024年1月18日
"""


def test_headings_with_lists_and_organizations_with_people():
    records = parse_commendations(to_lines(INLINE_HEADINGS), "云政函〔2024〕6号", "i.txt")
    assert _plain(records) == [
        ("unit", "县林业局", None), ("unit", "城关镇人民政府", None),
        ("individual", "张伟", "县林业局"), ("individual", "李晓红", "县林业局"),
        ("individual", "赵一鸣", "城关镇人民政府"),
    ]
    assert [c.source.line_start for c in records] == [6, 6, 8, 8, 9]


WIDE_LAYOUT = """云溪县人民政府办公室
关于对2023年度信息工作成绩突出单位进行表扬的通报
云政办函〔2024〕7号
各乡（镇）人民政府，县直各单位：
县政府办公室决定对城关镇人民政府等3个单位予以表扬。
附件：2023年度信息工作成绩突出单位名单
云溪县人民政府办公室
2024年1月19日
附件
2023年度信息工作成绩突出单位名单
（一）乡镇（共 2个）城关镇人民政府、东山乡
人民政府。
（二）县直单位（共 1 个）县统计局。
"""


def test_heading_and_list_on_one_line():
    records = parse_commendations(to_lines(WIDE_LAYOUT), "云政办函〔2024〕7号", "w.txt")
    assert _plain(records) == [("unit", "城关镇人民政府", None), ("unit", "东山乡人民政府", None),
                               ("unit", "县统计局", None)]
    assert [(c.source.line_start, c.source.line_end) for c in records] == [(11, 11), (11, 12), (13, 13)]


def test_ordinary_notice_has_no_commendation():
    assert parse_commendations(to_lines(ORDINARY), "云政办发〔2024〕5号", "o.txt") == []


# ---------------------------------------------------------------- no crash

ALPHABET = st.sampled_from(list("表扬彰先进集体个人单位名单附件一二、（）()，。：: 共个人名市县局中心办公室"
                                "政府张王李高鹏关于通报号〔〕2024\u3000"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(ALPHABET, min_size=1, max_size=30), max_size=25))
def test_parse_commendations_never_crashes(texts):
    lines = [Line(t.strip() or "x", no) for no, t in enumerate(texts, start=1)]
    for c in parse_commendations(lines, "D", "f"):
        assert c.kind in ("unit", "individual") and c.name
        assert 1 <= c.source.line_start <= c.source.line_end <= len(lines)


def test_list_inside_the_commending_sentence():
    from gongbao.extract.pipeline import extract_text

    text = """北原市人民政府办公室关于表扬2023年度政务公开工作先进单位的通报
北政办发〔2024〕3号
各县（市、区）人民政府，市政府各部门：
　　2023年，各地各部门认真落实政务公开工作要求，取得明显成效。经综合评估，市政府决定对北原市财政局、北原市生态环境局、南山县人民政府等3个单位予以通报表扬。
　　希望受到表扬的单位珍惜荣誉，再接再厉。
北原市人民政府办公室
2024年1月20日
"""
    got = [(c.kind, c.name) for c in extract_text(text, "beiyuan.txt").commendations]
    assert got == [("unit", "北原市财政局"), ("unit", "北原市生态环境局"), ("unit", "南山县人民政府")]
