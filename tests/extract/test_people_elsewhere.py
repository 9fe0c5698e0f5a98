"""Groups, appointments and commendations in shapes other governments print
that the sample does not have. The documents are invented (places and people
too) and run through the whole pipeline (`extract_text`)."""
from gongbao.extract.pipeline import extract_text
from gongbao.records import Member


def _extract(text: str):
    return extract_text(text, "x.txt")


def _members(group):
    return [(m.role, m.name, m.position) for m in group.members]


# ---------------------------------------------------------------- groups

NUMBERED_SECTIONS = """临川市人民政府办公室
关于成立临川市优化营商环境工作领导小组的通知
临政办发〔2024〕15号
各县（区）人民政府，市直各有关单位：
为深入推进优化营商环境工作，经市政府研究，决定成立临川市优化营商环境工作领导小组。现将有关事项通知如下：
一、领导小组组成人员
组　长：王晓明　市委副书记、市长
副组长：李建国　市委常委、常务副市长
成　员：阿不都·热依木　市市场监督管理局局长
　　　　周　平　市行政审批服务管理局局长
二、领导小组办公室
领导小组下设办公室，办公室设在市发展和改革委员会，办公室主任由周平同志兼任。
三、工作职责
领导小组负责统筹推进全市优化营商环境工作。
临川市人民政府办公室
2024年3月12日
"""


def test_numbered_heading_that_names_only_the_kind_is_not_the_group_name():
    # `一、领导小组组成人员` says no more than 领导小组: the name comes from the title
    (group,) = _extract(NUMBERED_SECTIONS).groups
    assert group.name == "临川市优化营商环境工作领导小组"
    assert group.office_host == "市发展和改革委员会"
    assert _members(group) == [
        ("组长", "王晓明", "市委副书记、市长"),
        ("副组长", "李建国", "市委常委、常务副市长"),
        ("成员", "阿不都·热依木", "市市场监督管理局局长"),
        ("成员", "周平", "市行政审批服务管理局局长"),
        ("办公室主任", "周平", None),
    ]


SPACED_SECRETARY = """临川市人民政府
关于成立临川市国土空间规划委员会的通知
临政发〔2024〕5号
各县（区）人民政府，市直各有关单位：
为加强国土空间规划工作，市政府决定成立临川市国土空间规划委员会。委员会组成如下：
主　　任：王晓明　　市长
副 主 任：陈　红　　副市长
委　　员：刘　伟　　市发展和改革委员会主
任
　　　　　孙　明　　市自然资源和规划局局长
秘 书 长：孙　明（兼）
委员会下设办公室，办公室设在市自然资源和规划局，由孙明同志兼任办公室主任。
临川市人民政府
2024年2月20日
"""


def test_two_character_name_padded_with_a_space_before_a_bracket():
    (group,) = _extract(SPACED_SECRETARY).groups
    assert _members(group) == [
        ("主任", "王晓明", "市长"),
        ("副主任", "陈红", "副市长"),
        ("委员", "刘伟", "市发展和改革委员会主任"),
        ("委员", "孙明", "市自然资源和规划局局长"),
        ("秘书长", "孙明", None),
        ("办公室主任", "孙明", None),
    ]


WRAPPED_NAMES = """临川市人民政府办公室
关于调整临川市河长制工作领导小组成员的通知
临政办函〔2024〕41号
各县（区）人民政府，市直各有关单位：
因人事变动，经市政府同意，对临川市河长制工作领导小组成员进行调整，调整后的组成人员如下：
组长：王晓明同志　市长
副组长：张志强、刘伟、王
晓明、赵丽华
成员：孙明、钱文、周平、郑小燕、欧阳
春、冯国栋、司马青青
领导小组办公室设在市水利局，办公室主任由市水利局局长郑小燕同志兼任，副主任由冯国栋、司马青青同志担任。
临川市人民政府办公室
2024年7月2日
"""


def test_names_wrapped_at_the_line_end_in_a_list():
    (group,) = _extract(WRAPPED_NAMES).groups
    assert group.name == "临川市河长制工作领导小组"
    assert group.office_host == "市水利局"
    assert group.members == [
        Member("组长", "王晓明", "市长"),
        Member("副组长", "张志强", None), Member("副组长", "刘伟", None),
        Member("副组长", "王晓明", None), Member("副组长", "赵丽华", None),
        Member("成员", "孙明", None), Member("成员", "钱文", None), Member("成员", "周平", None),
        Member("成员", "郑小燕", None), Member("成员", "欧阳春", None), Member("成员", "冯国栋", None),
        Member("成员", "司马青青", None),
        Member("办公室主任", "郑小燕", "市水利局局长"),
        Member("办公室副主任", "冯国栋", None), Member("办公室副主任", "司马青青", None),
    ]
    # the wrapped entries keep both their lines
    assert group.source.line_start == 6 and group.source.line_end == 11
