"""Groups (领导小组, 工作专班, 委员会, 联席会议): the sample against the gold,
documents of other shapes, and no crash on arbitrary lines.

`sample_document` is shared with the appointment and
commendation tests."""
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from gongbao.extract.groups import parse_groups, person_name, split_name_position
from gongbao.extract.lines import Line, to_lines
from gongbao.records import Group, Member
from tests.conftest import SAMPLE

FILE = SAMPLE.name
_PAGE_NUMBER = re.compile(r"^— \d+ —$")
_BOX = re.compile(r"^(?:咨询单位：|咨询电话：|咨\s*询\s*与\s*解\s*读$)")


def sample_document(first: int, last: int) -> list[Line]:
    """The lines of one sample document, as the pipeline hands them over: page
    numbers, running headers and 咨询与解读 boxes removed."""
    lines = to_lines(SAMPLE.read_text(encoding="utf-8"))
    return [ln for ln in lines if first <= ln.no <= last
            and not _PAGE_NUMBER.match(ln.text)
            and not ("公报" in ln.text and "2023·2" in ln.text)
            and not _BOX.match(ln.text)]




LEADING_GROUP = ("吕政办函〔2023〕7号", 3803, 4112)
TASK_FORCE = ("吕政办函〔2023〕10号", 5593, 5727)
OTHERS = [("吕政办函〔2023〕11号", 5729, 5976), ("吕政任〔2023〕2号", 5983, 6016),
          ("吕政任〔2023〕3号", 6018, 6047), ("吕政办函〔2023〕8号", 4113, 5592),
          ("吕政发〔2023〕1号", 1, 1200)]


def _groups(doc):
    ref, first, last = doc
    return parse_groups(sample_document(first, last), ref, FILE)


# ---------------------------------------------------------------- the sample




def test_leading_group_roster_and_office():
    (group,) = _groups(LEADING_GROUP)
    assert group.name == "吕梁市山西省黄河流域重点生态区吕梁山西麓山水林田湖草沙一体化保护和修复工程项目领导小组"
    assert group.office_host == "市规划和自然资源局"
    members = group.members
    assert members[0] == Member("组长", "张广勇", "市人民政府市长")
    assert members[1] == Member("副组长", "油晓峰", "市人民政府副市长")
    # positions wrapped onto the next line are joined
    assert Member("成员", "卫海平", "市规划和自然资源局局长") in members
    assert Member("成员", "白旭平", "市生态环境局党组书记") in members
    assert Member("成员", "闫斌胜", "市发展和改革委员会主任") in members
    # `高 鹏` is written without the space
    assert Member("成员", "高鹏", "方山县人民政府县长") in members
    assert sum(m.role == "成员" for m in members) == 19
    office = [m for m in members if m.role.startswith("办公室")]
    assert office == [Member("办公室主任", "油晓峰", "副市长"),
                      Member("办公室副主任", "张小武", None), Member("办公室副主任", "卫海平", None),
                      Member("办公室副主任", "樊小明", None), Member("办公室副主任", "白旭平", None)]
    # the source runs from 组长 to the office sentence, which ends after a page break
    assert group.source.file == FILE
    assert group.source.line_start == 3837 and group.source.line_end == 3901


def test_task_force_two_leaders_and_wrapped_posts():
    (group,) = _groups(TASK_FORCE)
    assert group.name == "吕梁市分布式能源发展工作专班"
    assert group.office_host == "市能源局"
    leaders = [m for m in group.members if m.role == "组长"]
    assert leaders == [Member("组长", "任忠", "市委常委、常务副市长"), Member("组长", "油晓峰", "副市长")]
    assert Member("副组长", "王吉", "市政府副秘书长") in group.members
    assert Member("成员", "刘兴元", "市发展和改革委副主任") in group.members
    assert Member("成员", "崔海清", "市住房和城乡建设局四级调研员") in group.members
    assert Member("成员", "张凯", "国网吕梁供电公司副总经理") in group.members
    assert Member("成员", "任海平", "山西地方电力有限公司吕梁分公司副经理") in group.members
    assert group.members[-2:] == [Member("办公室主任", "王建明", None), Member("办公室副主任", "李小平", None)]
    assert len(group.members) == 21


def test_no_groups_in_other_sample_documents():
    for doc in OTHERS:
        assert _groups(doc) == [], doc[0]


# ---------------------------------------------------------------- other shapes

COMMITTEE = """云溪市人民政府办公室
关于调整云溪市食品安全委员会
组成人员的通知
云政办发〔2024〕12号
各县（区）人民政府，市直各有关单位：
因人事变动和工作需要，市政府决定对云溪市食品安全委员会组成人员进行调整。现将调整后的组成人员名单通知如下：
主　任：李明华　市人民政府市长
副主任：周　涛　市人民政府副市长
　　　　陈晓东　市市场监督管理局局长
委　员：王国强　市农业农村局局长
　　　　赵　敏　市卫生健康委员会主任
　　　　欧阳娜娜　市教育局副局长
　　　　孙立新　市市场监督管理局副局长
秘书长：陈晓东（兼）
委员会下设办公室，办公室设在市市场监督管理局，办公室主任由陈晓东同志兼任，副主任由孙立新、刘芳兼任。
各成员单位要按照职责分工，密切配合。
云溪市人民政府办公室
2024年5月6日
"""

JOINT_MEETING = """云溪市人民政府办公室
关于建立云溪市促进民营经济发展联席会议制度的通知
云政办函〔2024〕21号
各县（区）人民政府，市直各有关单位：
为加强对民营经济发展工作的统筹协调，经市政府同意，建立云溪市促进民营经济发展联席会议制度。
一、成员组成
联席会议由市政府分管副市长担任召集人，市发展改革委主任担任副召集人。
召 集 人：张建国 市人民政府副市长
副召集人：刘 洋 市政府副秘书长
黄志远 市发展和改革
委员会主任
成 员：孙 伟 市工业和信息化局
局长
马晓燕 市财政局副局长
联席会议办公室设在市发展和改革委员会，黄志远同志兼任办公室主任。
二、工作规则
联席会议原则上每半年召开一次全体会议，由召集人主持。
云溪市人民政府办公室
2024年6月3日
"""

# Two groups in one document, members with the post in brackets, several a line.
TWO_GROUPS = """云溪县人民政府办公室
关于调整部分议事协调机构组成人员的通知
云政办发〔2024〕9号
各乡（镇）人民政府，县直各有关单位：
因人事变动，现将调整后的组成人员通知如下：
一、云溪县防汛抗旱指挥部
总指挥：吴志刚（县长）
副总指挥：郑海（副县长）、何丽（县应急管理局局长）
二、云溪县森林防火领导小组
组长：郑海（副县长）
成员：何丽、冯涛、韩雪
云溪县人民政府办公室
2024年3月8日
"""

# A notice that speaks of groups but sets none up (no roster).
ORDINARY = """云溪县人民政府办公室
关于做好春季森林防火工作的通知
云政办发〔2024〕10号
各乡（镇）人民政府，县直各有关单位：
各乡（镇）要成立森林防火领导小组，各成员单位要按照职责分工做好工作。
主任：各乡（镇）长要亲自抓，分管领导具体抓。
县森林防火领导小组办公室设在县应急管理局。
云溪县人民政府办公室
2024年3月9日
"""


def test_committee_with_chair_vice_chairs_and_members():
    (group,) = parse_groups(to_lines(COMMITTEE), "云政办发〔2024〕12号", "c.txt")
    assert group == Group(
        "云政办发〔2024〕12号", "云溪市食品安全委员会",
        [Member("主任", "李明华", "市人民政府市长"),
         Member("副主任", "周涛", "市人民政府副市长"),
         Member("副主任", "陈晓东", "市市场监督管理局局长"),
         Member("委员", "王国强", "市农业农村局局长"),
         Member("委员", "赵敏", "市卫生健康委员会主任"),
         Member("委员", "欧阳娜娜", "市教育局副局长"),
         Member("委员", "孙立新", "市市场监督管理局副局长"),
         Member("秘书长", "陈晓东", None),
         Member("办公室主任", "陈晓东", None),
         Member("办公室副主任", "孙立新", None),
         Member("办公室副主任", "刘芳", None)],
        "市市场监督管理局", group.source)
    assert (group.source.file, group.source.line_start, group.source.line_end) == ("c.txt", 7, 15)


def test_joint_meeting_with_conveners():
    (group,) = parse_groups(to_lines(JOINT_MEETING), "云政办函〔2024〕21号", "j.txt")
    assert group.name == "云溪市促进民营经济发展联席会议"
    assert group.office_host == "市发展和改革委员会"
    assert group.members == [
        Member("召集人", "张建国", "市人民政府副市长"),
        Member("副召集人", "刘洋", "市政府副秘书长"),
        Member("副召集人", "黄志远", "市发展和改革委员会主任"),
        Member("成员", "孙伟", "市工业和信息化局局长"),
        Member("成员", "马晓燕", "市财政局副局长"),
        Member("办公室主任", "黄志远", None),
    ]


def test_two_groups_in_one_document_with_bracketed_posts():
    groups = parse_groups(to_lines(TWO_GROUPS), "云政办发〔2024〕9号", "t.txt")
    assert [(g.name, g.members) for g in groups] == [
        ("云溪县防汛抗旱指挥部", [Member("总指挥", "吴志刚", "县长"),
                                Member("副总指挥", "郑海", "副县长"),
                                Member("副总指挥", "何丽", "县应急管理局局长")]),
        ("云溪县森林防火领导小组", [Member("组长", "郑海", "副县长"),
                                 Member("成员", "何丽", None), Member("成员", "冯涛", None),
                                 Member("成员", "韩雪", None)]),
    ]
    assert [g.office_host for g in groups] == [None, None]


COMMA_ROSTER = """云溪县人民政府
关于成立云溪县乡村振兴工作专班的通知
云政发〔2024〕4号
各乡（镇）人民政府：
经研究，决定成立云溪县乡村振兴工作专班，组成人员如下：
专班长：吴志刚，县长
副专班长：郑海，副县长；何丽，县农业农村局局长
成员：冯涛、韩雪
专班办公室设在县农业农村局，办公室主任由何丽兼任。
云溪县人民政府
2024年3月10日
"""


def test_roster_with_commas_and_semicolons():
    (group,) = parse_groups(to_lines(COMMA_ROSTER), "云政发〔2024〕4号", "r.txt")
    assert group.name == "云溪县乡村振兴工作专班"
    assert group.office_host == "县农业农村局"
    assert group.members == [
        Member("专班长", "吴志刚", "县长"),
        Member("副专班长", "郑海", "副县长"),
        Member("副专班长", "何丽", "县农业农村局局长"),
        Member("成员", "冯涛", None),
        Member("成员", "韩雪", None),
        Member("办公室主任", "何丽", None),
    ]


def test_ordinary_notice_has_no_group():
    assert parse_groups(to_lines(ORDINARY), "云政办发〔2024〕10号", "o.txt") == []


def test_name_helpers():
    assert person_name("高 鹏") == "高鹏"
    assert person_name("欧阳娜娜") == "欧阳娜娜"
    for not_a_name in ("市长", "办公室", "市发改委", "局局长", "市财政局局长", "x"):
        assert person_name(not_a_name) is None, not_a_name
    assert split_name_position("油晓峰副市长") == ("油晓峰", "副市长")
    assert split_name_position("王吉副市长") == ("王吉", "副市长")
    assert split_name_position("市能源局局长王建明") == ("王建明", "市能源局局长")
    assert split_name_position("张小武") == ("张小武", None)
    assert split_name_position("其他领导小组成员单位主要负责人") is None


# ---------------------------------------------------------------- no crash

ALPHABET = st.sampled_from(list("组长副成员主任委召集人办公室设在由兼任、，。：:（）() 市县局政府张王李高鹏"
                                "领导小组工作专班联席会议成立关于的通知一二、\u3000"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(ALPHABET, min_size=1, max_size=30), max_size=25))
def test_parse_groups_never_crashes(texts):
    lines = [Line(t.strip() or "x", no) for no, t in enumerate(texts, start=1)]
    for group in parse_groups(lines, "D", "f"):
        assert group.name and group.members
        assert 1 <= group.source.line_start <= group.source.line_end <= len(lines)
        for m in group.members:
            assert m.role and m.name and " " not in m.name
