"""任免 / 提名 notices: the sample against the gold, notices of other shapes,
and no crash on arbitrary lines."""
from hypothesis import given, settings
from hypothesis import strategies as st

from gongbao.extract.appointments import parse_appointments
from gongbao.extract.lines import Line, to_lines
from gongbao.records import Appointment, Source
from tests.extract.test_groups import FILE, sample_document

APPOINT_2 = ("吕政任〔2023〕2号", 5983, 6016)
NOMINATE_3 = ("吕政任〔2023〕3号", 6018, 6047)
OTHERS = [("吕政办函〔2023〕7号", 3803, 4112), ("吕政办函〔2023〕10号", 5593, 5727),
          ("吕政办函〔2023〕11号", 5729, 5976), ("吕政办函〔2023〕8号", 4113, 5592),
          ("吕政发〔2023〕1号", 1, 1200)]


def _appointments(doc):
    ref, first, last = doc
    return parse_appointments(sample_document(first, last), ref, FILE)


def _plain(records):
    return [(a.action, a.name, a.position, a.note) for a in records]


# ---------------------------------------------------------------- the sample




def test_appointments_with_bracketed_note_and_dismissal():
    records = _appointments(APPOINT_2)
    assert _plain(records) == [
        ("appoint", "徐鹏", "市教育局副局长", "挂职一年"),
        ("appoint", "高浩", "市住房和城乡建设局局长助理", "挂职一年"),
        ("appoint", "马中华", "吕梁职业技术学院副院长", "挂职一年"),
        ("dismiss", "马中华", "吕梁职业技术学院院长助理", None),
    ]
    # 高浩's entry wraps: the post on one line, （挂职一年）； on the next
    assert (records[1].source.line_start, records[1].source.line_end) == (5998, 6000)
    assert records[3].source == Source(FILE, 6008, 6010, None)


def test_nominations_drop_renxuan_and_keep_trailing_note():
    assert _plain(_appointments(NOMINATE_3)) == [
        ("nominate", "霍慧文", "山西离柳焦煤集团有限公司董事长", None),
        ("nominate_dismiss", "杨虎平", "山西离柳焦煤集团有限公司董事长", "退休，退休待遇从2023年3月起执行"),
    ]


def test_no_appointments_in_other_sample_documents():
    for doc in OTHERS:
        assert _appointments(doc) == [], doc[0]


# ---------------------------------------------------------------- other shapes

SEVERAL = """云溪市人民政府
关于刘建华等同志职务任免的通知
云政任〔2024〕5号
各县（区）人民政府，市人民政府各部门：
经市人民政府研究，决定：
任命刘建华、孙丽为市财政局副局长；
任命周 强为市教育局局长，免去其市教育局副局长职务；
聘任陈雪梅为市人民政府参事，聘期三年；
免去王吉市审计局局长职务，另有任用；
解聘李华的市人民政府参事职务。
云溪市人民政府
2024年3月1日
"""

# 人大常委会 style: no 发文字号, action headings, one entry a line without ；
ONE_PER_LINE = """云溪县人民代表大会常务委员会
关于任免职务的决定
决定任命：
张三为县财政局局长
李 四为县教育局副局长（试用期一年）
决定免去：
王五的县财政局局长职务
赵六同志的县教育局副局长职务
2024年1月1日
"""

ORDINARY = """云溪县人民政府办公室
关于做好春节期间安全生产工作的通知
云政办发〔2024〕2号
各乡（镇）人民政府，县直各有关单位：
各单位主要负责人为第一责任人，分管负责人为直接责任人，要切实履行职责。
免去企业不合理收费，减轻企业负担。
云溪县人民政府办公室
2024年1月20日
"""


def test_several_names_hiring_and_qizhi():
    records = parse_appointments(to_lines(SEVERAL), "云政任〔2024〕5号", "s.txt")
    assert _plain(records) == [
        ("appoint", "刘建华", "市财政局副局长", None),
        ("appoint", "孙丽", "市财政局副局长", None),
        ("appoint", "周强", "市教育局局长", None),
        ("dismiss", "周强", "市教育局副局长", None),          # 免去其… → the name before
        ("appoint", "陈雪梅", "市人民政府参事", "聘期三年"),     # 聘任
        ("dismiss", "王吉", "市审计局局长", "另有任用"),        # no 的: a two-character name
        ("dismiss", "李华", "市人民政府参事", None),           # 解聘
    ]
    assert all(a.document == "云政任〔2024〕5号" and a.source.file == "s.txt" for a in records)
    assert [a.source.line_start for a in records] == [6, 6, 7, 7, 8, 9, 10]


def test_entries_one_per_line_without_semicolons():
    records = parse_appointments(to_lines(ONE_PER_LINE), "云人大〔2024〕1号", "p.txt")
    assert records == [
        Appointment("云人大〔2024〕1号", "appoint", "张三", "县财政局局长", None, Source("p.txt", 4, 4)),
        Appointment("云人大〔2024〕1号", "appoint", "李四", "县教育局副局长", "试用期一年", Source("p.txt", 5, 5)),
        Appointment("云人大〔2024〕1号", "dismiss", "王五", "县财政局局长", None, Source("p.txt", 7, 7)),
        Appointment("云人大〔2024〕1号", "dismiss", "赵六", "县教育局副局长", None, Source("p.txt", 8, 8)),
    ]


NO_ACTION_WORD_FIRST = """云溪县人民政府
关于张伟同志任职的通知
云政任〔2024〕2号
县直各单位：
经县人民政府研究，张伟同志任县发展和改革局局长（试用期一年），免去其县统计局局长职务。
云溪县人民政府
2024年2月2日
"""


def test_appointment_before_any_action_word():
    records = parse_appointments(to_lines(NO_ACTION_WORD_FIRST), "云政任〔2024〕2号", "n.txt")
    assert _plain(records) == [("appoint", "张伟", "县发展和改革局局长", "试用期一年"),
                               ("dismiss", "张伟", "县统计局局长", None)]


def test_ordinary_notice_has_no_appointment():
    assert parse_appointments(to_lines(ORDINARY), "云政办发〔2024〕2号", "o.txt") == []


# ---------------------------------------------------------------- no crash

ALPHABET = st.sampled_from(list("决定任命免去提名聘任解聘为的职务人选其同志挂职一年（）()、，。；：: "
                                "市县局长副张王李高鹏关于任免通知号〔〕2024\u3000"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(ALPHABET, min_size=1, max_size=30), max_size=25))
def test_parse_appointments_never_crashes(texts):
    lines = [Line(t.strip() or "x", no) for no, t in enumerate(texts, start=1)]
    for a in parse_appointments(lines, "D", "f"):
        assert a.action in ("appoint", "dismiss", "nominate", "nominate_dismiss")
        assert a.name and a.position
        assert 1 <= a.source.line_start <= a.source.line_end <= len(lines)


def test_decision_colon_then_name_ren_post():
    """`决定：张三任X局局长；` — the entry follows 决定： in the same clause."""
    from gongbao.extract.pipeline import extract_text

    text = """西岭市人民政府
关于孙立新等同志任免职的通知
西政任〔2024〕9号
各县（市、区）人民政府，市政府各委、办、局：
　　经2024年5月10日市政府第12次常务会议研究，决定：
　　孙立新任西岭市财政局局长；
　　马红梅、钱志远任西岭市商务局副局长；
　　免去林海的西岭市审计局副局长职务。
西岭市人民政府
2024年5月15日
"""
    got = [(a.action, a.name, a.position) for a in extract_text(text, "xiling.txt").appointments]
    assert got == [("appoint", "孙立新", "西岭市财政局局长"), ("appoint", "马红梅", "西岭市商务局副局长"),
                   ("appoint", "钱志远", "西岭市商务局副局长"), ("dismiss", "林海", "西岭市审计局副局长")]
