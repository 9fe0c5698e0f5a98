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


SPACED_IN_LISTS = """临川市人民政府办公室
关于成立临川市食品安全工作领导小组的通知
临政办发〔2024〕60号
各县（区）人民政府，市直各有关单位：
为加强食品安全工作，市政府决定成立临川市食品安全工作领导小组。
组长：市长王晓明
副组长：副市长陈　红
成员：王　明、李　华、欧阳春
领导小组办公室设在市市场监督管理局，由欧阳春同志兼任办公室主任，李华同志任办公室副主任。
临川市人民政府办公室
2024年9月1日
"""


def test_spaced_names_in_lists_and_after_posts():
    (group,) = _extract(SPACED_IN_LISTS).groups
    assert _members(group) == [
        ("组长", "王晓明", "市长"),
        ("副组长", "陈红", "副市长"),
        ("成员", "王明", None), ("成员", "李华", None), ("成员", "欧阳春", None),
        ("办公室主任", "欧阳春", None), ("办公室副主任", "李华", None),
    ]
    assert group.office_host == "市市场监督管理局"


PREFIXED_LABELS = """临川市人民政府办公室
关于成立临川市重大项目建设工作专班的通知
临政办函〔2024〕63号
各县（区）人民政府，市直各有关单位：
为加快推进重大项目建设，市政府决定成立临川市重大项目建设工作专班。专班组成如下：
专班组长：陈红　副市长
副组长：张志强　市政府副秘书长
专班成员：孙明　市自然资源和规划局副局长
　　　　　钱文　市住房和城乡建设局副局长
专班办公室设在市发展和改革委员会。
临川市人民政府办公室
2024年9月3日
"""


def test_role_labels_that_name_the_body_first():
    (group,) = _extract(PREFIXED_LABELS).groups
    assert group.name == "临川市重大项目建设工作专班"
    assert _members(group) == [
        ("专班组长", "陈红", "副市长"),
        ("副组长", "张志强", "市政府副秘书长"),
        ("专班成员", "孙明", "市自然资源和规划局副局长"),
        ("专班成员", "钱文", "市住房和城乡建设局副局长"),
    ]
    assert group.office_host == "市发展和改革委员会"


CELLS_ONE_PER_LINE = """临川市人民政府办公室
关于成立临川市数字政府建设领导小组的通知
临政办发〔2024〕70号
各县（区）人民政府，市直各有关单位：
为统筹推进数字政府建设，市政府决定成立临川市数字政府建设领导小组，组成人员如下：
组长
王晓明
市长
副组长
李建国
常务副市长
成员
刘伟
市发展和改革委员会
主任
领导小组办公室设在市大数据中心。
临川市人民政府办公室
2024年9月3日
"""


def test_roster_table_read_cell_by_cell():
    # a role word after a complete post starts the next role; 常务 starts a post, not a name
    (group,) = _extract(CELLS_ONE_PER_LINE).groups
    assert _members(group) == [
        ("组长", "王晓明", "市长"),
        ("副组长", "李建国", "常务副市长"),
        ("成员", "刘伟", "市发展和改革委员会主任"),
    ]
    assert group.office_host == "市大数据中心"


ROLE_IN_LAST_COLUMN = """临川市人民政府办公室
关于成立临川市乡村振兴领导小组的通知
临政办发〔2024〕71号
各县（区）人民政府，市直各有关单位：
经市政府研究，决定成立临川市乡村振兴领导小组，组成人员如下：
序号 姓名 单位及职务 领导小组职务
1 王晓明 市长 组长
2 李建国 常务副市长 副组长
3 张志强 市政府副秘书长 成员
4 刘 伟 市农业农村局局长 成员
领导小组办公室设在市农业农村局，办公室主任由刘伟同志兼任。
临川市人民政府办公室
2024年9月3日
"""


def test_roster_table_with_the_role_in_the_last_column():
    (group,) = _extract(ROLE_IN_LAST_COLUMN).groups
    assert group.name == "临川市乡村振兴领导小组"
    assert group.office_host == "市农业农村局"
    assert _members(group) == [
        ("组长", "王晓明", "市长"),
        ("副组长", "李建国", "常务副市长"),
        ("成员", "张志强", "市政府副秘书长"),
        ("成员", "刘伟", "市农业农村局局长"),
        ("办公室主任", "刘伟", None),
    ]
    assert (group.source.line_start, group.source.line_end) == (7, 11)


ROSTER_IN_SENTENCES = """临川市人民政府办公室
关于建立临川市根治欠薪工作联席会议制度的通知
临政办函〔2024〕80号
各县（区）人民政府，市直各有关单位：
为做好根治欠薪工作，经市政府同意，建立临川市根治欠薪工作联席会议制度。
一、组成人员
联席会议由市人民政府副市长陈红担任召集人，市人民政府副秘书长张志强、市人力资源和社会保障局局长吴海波担任副召集人，各成员单位分管负责同志为联席会议成员。
联席会议办公室设在市人力资源和社会保障局，吴海波同志兼任办公室主任。
二、工作规则
联席会议原则上每半年召开一次。
临川市人民政府办公室
2024年6月5日
"""


ROSTER_IN_ONE_PARAGRAPH = """临川市人民政府办公室
关于成立临川市创建国家卫生城市工作领导小组的通知
临政办发〔2024〕81号
各县（区）人民政府，市直各有关单位：
为加快推进创建国家卫生城市工作，市政府决定成立临川市创建国家卫生城市工作领导小组。领导小组由市长王晓明任组长，常务副市长李建国和副市长陈红任副组长，市直各有关部门主要负责同志为成员。领导小组办公室设在市卫生健康委员会，办公室主任由市卫生健康委员会主任赵丽华兼任。
临川市人民政府办公室
2024年6月5日
"""


UNNAMED_LEADERS = """临川市人民政府办公室
关于做好防汛工作的通知
临政办发〔2024〕82号
各县（区）人民政府：
各县（区）要成立防汛工作领导小组，由县（区）长任组长，分管副县（区）长任副组长。
临川市人民政府办公室
2024年6月5日
"""


def test_roster_told_in_sentences():
    (group,) = _extract(ROSTER_IN_SENTENCES).groups
    assert group.name == "临川市根治欠薪工作联席会议"
    assert group.office_host == "市人力资源和社会保障局"
    # 和 inside a unit's name does not split it; members without a name are not recorded
    assert _members(group) == [
        ("召集人", "陈红", "市人民政府副市长"),
        ("副召集人", "张志强", "市人民政府副秘书长"),
        ("副召集人", "吴海波", "市人力资源和社会保障局局长"),
        ("办公室主任", "吴海波", None),
    ]
    assert (group.source.line_start, group.source.line_end) == (7, 8)


def test_roster_and_office_in_one_paragraph():
    (group,) = _extract(ROSTER_IN_ONE_PARAGRAPH).groups
    assert group.name == "临川市创建国家卫生城市工作领导小组"
    assert group.office_host == "市卫生健康委员会"
    assert _members(group) == [
        ("组长", "王晓明", "市长"),
        ("副组长", "李建国", "常务副市长"),
        ("副组长", "陈红", "副市长"),
        ("办公室主任", "赵丽华", "市卫生健康委员会主任"),
    ]


def test_leaders_named_by_post_only_make_no_group():
    assert _extract(UNNAMED_LEADERS).groups == []


POSTS_BEFORE_NAMES = """临川市人民政府办公室
关于成立临川市数字经济发展领导小组的通知
临政办发〔2024〕90号
各县（区）人民政府，市直各有关单位：
经市政府研究，决定成立临川市数字经济发展领导小组，组成人员如下：
组　长：王晓明（市委副书记、市长）
副组长：常务副市长李建国、副市长陈红
成　员：市发展和改革委员会主任刘伟、市财政局局长赵丽华同志、市工业和信息化局局长孙明、
市大数据中心主任钱文
领导小组办公室设在市工业和信息化局，办公室主任由孙明同志兼任。
临川市人民政府办公室
2024年9月3日
"""


def test_lists_of_posts_before_names():
    (group,) = _extract(POSTS_BEFORE_NAMES).groups
    assert _members(group) == [
        ("组长", "王晓明", "市委副书记、市长"),
        ("副组长", "李建国", "常务副市长"),
        ("副组长", "陈红", "副市长"),
        ("成员", "刘伟", "市发展和改革委员会主任"),
        ("成员", "赵丽华", "市财政局局长"),
        ("成员", "孙明", "市工业和信息化局局长"),
        ("成员", "钱文", "市大数据中心主任"),
        ("办公室主任", "孙明", None),
    ]


OFFICE_SET_APART = """临川市人民政府办公室
关于成立临川市预算管理改革领导小组的通知
临政办发〔2024〕99号
各县（区）人民政府：
经研究，决定成立临川市预算管理改革领导小组，组成人员如下：
组　长：王晓明　市长
成　员：赵丽华　市财政局局长
{office}
临川市人民政府办公室
2024年9月3日
"""


def test_office_host_set_apart_by_a_comma_or_bracket():
    for office in ("领导小组下设办公室，设在市财政局，赵丽华同志任办公室主任。",
                   "领导小组下设办公室（设在市财政局），赵丽华同志任办公室主任。"):
        (group,) = _extract(OFFICE_SET_APART.format(office=office)).groups
        assert group.office_host == "市财政局", office
        assert group.members[-1] == Member("办公室主任", "赵丽华", None), office


ORDER_NOTES = """临川市人民政府办公室
关于成立临川市营商环境监督委员会的通知
临政办发〔2024〕100号
各县（区）人民政府：
经研究，决定成立临川市营商环境监督委员会，组成人员如下：
主任委员：王晓明　市长
副主任委员：李建国　常务副市长
委员：（按姓氏笔画排序）
　　王　芳　市司法局局长
（以下为特邀委员）
　　刘　伟　市律师协会会长
委员会办公室设在市发展和改革委员会。
临川市人民政府办公室
2024年9月3日
"""


def test_bracketed_notes_in_a_roster_are_skipped():
    (group,) = _extract(ORDER_NOTES).groups
    assert _members(group) == [
        ("主任委员", "王晓明", "市长"),
        ("副主任委员", "李建国", "常务副市长"),
        ("委员", "王芳", "市司法局局长"),
        ("委员", "刘伟", "市律师协会会长"),
    ]


NARROW_COLUMNS = """临川市人民政府办公室
关于调整部分议事协调机构组成人员的通知
临政办发〔2024〕91号
各县（区）人民政府，市直各有关单位：
因人事变动，对部分议事协调机构组成人员调整如下：
（一）临川市防汛抗旱指挥
部
指挥长：王晓明　市长
副指挥长：刘　伟　临川军
分区副司令员
成　员：赵　刚　国家统
计局临川调查队副队长
　　　　孙　明　市审计局局长
指挥部办公室设在市应急管
理局，办公室主任由孙明同志兼任。
（二）临川市城市更新工作领导小组
组长：王晓明（市长）
成员：张志强（市政府副秘书长）、赵丽
华（市财政局局长）、孙明（市住房和城
乡建设局局长）、钱文（市自然资源
和规划局局长）
成　员：市发展和改革委员会主任
刘伟、市财政局局长赵丽华同志、
市工业和信息化局局长孙明
领导小组办公室设在市住房和城乡建设局。
临川市人民政府办公室
2024年9月3日
"""


def test_rosters_wrapped_in_narrow_columns():
    first, second = _extract(NARROW_COLUMNS).groups
    # a wrapped heading names the group; a post cut after three characters
    # (临川军 / 分区副司令员) or four (国家统 / 计局…) is no name; the office
    # sentence is no part of the last post
    assert first.name == "临川市防汛抗旱指挥部"
    assert first.office_host == "市应急管理局"
    assert _members(first) == [
        ("指挥长", "王晓明", "市长"),
        ("副指挥长", "刘伟", "临川军分区副司令员"),
        ("成员", "赵刚", "国家统计局临川调查队副队长"),
        ("成员", "孙明", "市审计局局长"),
        ("办公室主任", "孙明", None),
    ]
    # run-on lists cut inside a name, inside a bracket, or between post and name
    assert second.name == "临川市城市更新工作领导小组"
    assert second.office_host == "市住房和城乡建设局"
    assert _members(second) == [
        ("组长", "王晓明", "市长"),
        ("成员", "张志强", "市政府副秘书长"),
        ("成员", "赵丽华", "市财政局局长"),
        ("成员", "孙明", "市住房和城乡建设局局长"),
        ("成员", "钱文", "市自然资源和规划局局长"),
        ("成员", "刘伟", "市发展和改革委员会主任"),
        ("成员", "赵丽华", "市财政局局长"),
        ("成员", "孙明", "市工业和信息化局局长"),
    ]


SEVERAL_A_LINE = """临川市人民政府办公室
关于成立临川市招商引资工作领导小组的通知
临政办发〔2024〕62号
各县（区）人民政府，市直各有关单位：
经市政府研究，决定成立临川市招商引资工作领导小组，组成人员如下：
组　长：王晓明　市委副书记、市长
副组长：李建国（常务副市长）　陈红（副市长）
成　员：张志强　市政府副秘书长、孙明　市商务局局长
　　　　市发展和改革委员会主任　刘伟　　市财政局局长　赵丽华
临川市人民政府办公室
2024年9月3日
"""


def test_several_people_a_line_in_other_layouts():
    (group,) = _extract(SEVERAL_A_LINE).groups
    assert _members(group) == [
        ("组长", "王晓明", "市委副书记、市长"),
        ("副组长", "李建国", "常务副市长"),
        ("副组长", "陈红", "副市长"),
        ("成员", "张志强", "市政府副秘书长"),
        ("成员", "孙明", "市商务局局长"),
        ("成员", "刘伟", "市发展和改革委员会主任"),
        ("成员", "赵丽华", "市财政局局长"),
    ]


MEMBERS_ADJUSTED = """临川市人民政府办公室
{title}
临政办函〔2024〕140号
各县（区）人民政府，市直各有关单位：
{sentence}调整后的组成人员如下：
主任：王晓明　市长
副主任：陈红　副市长
临川市人民政府办公室
2024年9月3日
"""


def test_group_named_where_its_members_are_adjusted():
    for title, sentence in (
            ("关于临川市食品安全委员会成员调整的通知", "因人事变动，对委员会成员进行调整。"),
            ("关于调整市政府议事协调机构的通知", "市政府决定对临川市食品安全委员会组成人员进行调整。")):
        (group,) = _extract(MEMBERS_ADJUSTED.format(title=title, sentence=sentence)).groups
        assert group.name == "临川市食品安全委员会", title
        assert _members(group) == [("主任", "王晓明", "市长"), ("副主任", "陈红", "副市长")]


OFFICE_ROSTER = """临川市人民政府办公室
关于成立临川市营商环境优化提升工作领导小组的通知
临政办发〔2024〕170号
各县（区）人民政府，市直各有关单位：
经市政府研究，决定成立临川市营商环境优化提升工作领导小组。现将有关事项通知如下：
一、领导小组组成人员
组　长：王晓明　市长
成　员：孙　明　市商务局局长
二、领导小组办公室组成人员
领导小组办公室设在市发展和改革委员会。
主　任：刘　伟　市发展和改革委员会主任
副主任：钱　文　市发展和改革委员会副主任
成　员：周　平　市商务局副局长
三、工作职责
负责统筹协调。
临川市人民政府办公室
2024年9月3日
"""


def test_the_office_roster_under_its_own_heading():
    (group,) = _extract(OFFICE_ROSTER).groups
    assert group.name == "临川市营商环境优化提升工作领导小组"
    assert group.office_host == "市发展和改革委员会"
    assert _members(group) == [
        ("组长", "王晓明", "市长"),
        ("成员", "孙明", "市商务局局长"),
        ("办公室主任", "刘伟", "市发展和改革委员会主任"),
        ("办公室副主任", "钱文", "市发展和改革委员会副主任"),
        ("办公室成员", "周平", "市商务局副局长"),
    ]


ROLE_FIRST_SENTENCES = """临川市人民政府办公室
关于成立临川市安全生产委员会的通知
临政办发〔2024〕200号
各县（区）人民政府，市直各有关单位：
为加强安全生产工作，市政府决定成立临川市安全生产委员会。委员会主任由市长王晓明担任，常务副主任由常务副市长李建国担任，副主任由副市长陈红、市应急管理局局长孙明担任，委员由市直有关部门主要负责同志担任。委员会办公室设在市应急管理局，办公室主任由孙明同志兼任。
临川市人民政府办公室
2024年9月3日
"""


def test_roster_in_sentences_with_the_role_first():
    (group,) = _extract(ROLE_FIRST_SENTENCES).groups
    assert group.name == "临川市安全生产委员会"
    assert group.office_host == "市应急管理局"
    assert _members(group) == [
        ("主任", "王晓明", "市长"),
        ("常务副主任", "李建国", "常务副市长"),
        ("副主任", "陈红", "副市长"),
        ("副主任", "孙明", "市应急管理局局长"),
        ("办公室主任", "孙明", None),
    ]


def test_yixia_is_no_name():
    from gongbao.extract.groups import person_name
    assert person_name("以下") is None


def test_signature_after_a_roster_is_no_post():
    text = """临川市人民政府办公室
关于成立临川市老龄工作委员会的通知
临政办发〔2024〕130号
各县（区）人民政府：
经研究，决定成立临川市老龄工作委员会，组成人员如下：
主任：陈红
委员：孙明
临川市人民政府办公室
2024年9月3日
"""
    (group,) = _extract(text).groups
    assert _members(group) == [("主任", "陈红", None), ("委员", "孙明", None)]


def test_other_kinds_of_group():
    template = """临川市人民政府办公室
关于成立临川市农村人居环境整治{kind}的通知
临政办发〔2024〕150号
各县（区）人民政府：
经研究，决定成立临川市农村人居环境整治{kind}，组成人员如下：
组长：王晓明　市长
成员：孙明　市农业农村局局长
临川市人民政府办公室
2024年9月3日
"""
    for kind in ("工作推进小组", "专项督导组", "攻坚组", "工作领导组", "工作协调机制"):
        (group,) = _extract(template.format(kind=kind)).groups
        assert group.name == "临川市农村人居环境整治" + kind
        assert _members(group) == [("组长", "王晓明", "市长"), ("成员", "孙明", "市农业农村局局长")]


ROSTER_IN_A_WORK_PLAN = """临川市人民政府办公室
关于印发临川市城乡环境综合整治工作方案的通知
临政办发〔2024〕160号
各县（区）人民政府，市直各有关单位：
现将《临川市城乡环境综合整治工作方案》印发给你们，请认真贯彻执行。
附件：临川市城乡环境综合整治工作方案
临川市人民政府办公室
2024年9月3日
附件
临川市城乡环境综合整治工作方案
一、保障措施
（一）加强组织领导。成立由市长任组长、分管副市长任副组长的临川市城乡环境综合整治工作领导小组，组成人员如下：
组　长：王晓明　市长
副组长：陈　红　副市长
领导小组办公室设在市住房和城乡建设局。
（二）强化督导考核。
"""


def test_group_set_up_in_a_work_plan_with_its_leaders_described():
    (group,) = _extract(ROSTER_IN_A_WORK_PLAN).groups
    assert group.name == "临川市城乡环境综合整治工作领导小组"
    assert group.office_host == "市住房和城乡建设局"
    assert _members(group) == [("组长", "王晓明", "市长"), ("副组长", "陈红", "副市长")]


def test_honorary_and_executive_roles():
    text = """临川市人民政府办公室
关于成立临川市文化旅游发展委员会的通知
临政办发〔2024〕180号
各县（区）人民政府：
经研究，决定成立临川市文化旅游发展委员会，组成人员如下：
名誉主任：王晓明　市长
主　　任：陈　红　副市长
执行副主任：孙　明　市文化和旅游局局长
委　　员：钱　文　市财政局副局长
临川市人民政府办公室
2024年9月3日
"""
    (group,) = _extract(text).groups
    assert _members(group) == [
        ("名誉主任", "王晓明", "市长"), ("主任", "陈红", "副市长"),
        ("执行副主任", "孙明", "市文化和旅游局局长"), ("委员", "钱文", "市财政局副局长"),
    ]


def test_transliterated_names_with_other_dots():
    from gongbao.extract.groups import person_name
    for name in ("阿不都・热依木", "阿依古丽‧买买提", "阿卜杜拉·艾力·买买提"):
        assert person_name(name) == name
    text = NUMBERED_SECTIONS.replace("阿不都·热依木", "阿卜杜拉·艾力·买买提")
    (group,) = _extract(text).groups
    assert ("成员", "阿卜杜拉·艾力·买买提", "市市场监督管理局局长") in _members(group)


def test_bracketed_posts_wrapped_or_under_the_name():
    text = """临川市人民政府办公室
关于成立临川市城市管理委员会的通知
临政办发〔2024〕210号
各县（区）人民政府：
经研究，决定成立临川市城市管理委员会，组成人员如下：
主　任：王晓明（市委副书记、
市长）
副主任：陈　红
（副市长）
委　员：孙　明（市城市管理局局长）
临川市人民政府办公室
2024年9月3日
"""
    (group,) = _extract(text).groups
    assert _members(group) == [("主任", "王晓明", "市委副书记、市长"), ("副主任", "陈红", "副市长"),
                               ("委员", "孙明", "市城市管理局局长")]


def test_members_changed_in_sentences():
    # who leaves (不再担任) is no member; who takes the role is
    text = """临川市人民政府办公室
关于调整临川市河长制工作领导小组成员的通知
临政办函〔2024〕220号
各县（区）人民政府，市直各有关单位：
因人事变动，经市政府同意，对临川市河长制工作领导小组成员作如下调整：
李华同志因工作变动不再担任领导小组副组长，由王晓明同志担任副组长；孙明同志任领导小组成员。
临川市人民政府办公室
2024年9月3日
"""
    result = _extract(text)
    (group,) = result.groups
    assert group.name == "临川市河长制工作领导小组"
    assert _members(group) == [("副组长", "王晓明", None), ("成员", "孙明", None)]
    assert result.appointments == []


# ---------------------------------------------------------------- appointments


def _plain(records):
    return [(a.action, a.name, a.position, a.note) for a in records]


NAME_POST_LISTS = """临川市人民政府
关于刘伟等同志任免职的通知
临政任〔2024〕15号
各县（区）人民政府，市直各有关单位：
经市人民政府研究，决定任命：
刘　伟　市发展和改革委员会副主任
阿不都·热依木　市民族宗教事务局副局长
李华市财政局副局长（试用期一年）
王　明　临川市城市建设投资集团有限公司副总经
理
决定免去：
孙　明　临川市城市建设投资集团有限公司副总经
理职务
钱　文　市审计局总审计师职务（另有任用）
临川市人民政府
2024年3月22日
"""


def test_name_post_lists_under_action_words():
    records = _extract(NAME_POST_LISTS).appointments
    assert _plain(records) == [
        ("appoint", "刘伟", "市发展和改革委员会副主任", None),
        ("appoint", "阿不都·热依木", "市民族宗教事务局副局长", None),
        ("appoint", "李华", "市财政局副局长", "试用期一年"),
        ("appoint", "王明", "临川市城市建设投资集团有限公司副总经理", None),
        ("dismiss", "孙明", "临川市城市建设投资集团有限公司副总经理", None),
        ("dismiss", "钱文", "市审计局总审计师", "另有任用"),
    ]
    # a wrapped post keeps both its lines
    assert [(a.source.line_start, a.source.line_end) for a in records] == [
        (6, 6), (7, 7), (8, 8), (9, 10), (12, 13), (14, 14)]


NUMBERED_BLOCKS = """临川市人民政府
关于任免工作人员的通知
临政任〔2024〕11号
各县（区）人民政府，市直各有关单位：
市人民政府决定：
一、任命
王晓明为临川市发展和改革委员会主任；
司马青青为临川市教育局副局长。
二、免去
张志强的临川市财政局局长职务；
赵丽华同志临川市教育局副局长职务（退休）。
临川市人民政府
2024年6月6日
"""


def test_numbered_action_headings():
    assert _plain(_extract(NUMBERED_BLOCKS).appointments) == [
        ("appoint", "王晓明", "临川市发展和改革委员会主任", None),
        ("appoint", "司马青青", "临川市教育局副局长", None),
        ("dismiss", "张志强", "临川市财政局局长", None),
        ("dismiss", "赵丽华", "临川市教育局副局长", "退休"),     # 同志 is not part of the post
    ]


VERB_AFTER_NAME = """临川市人民政府
关于王芳同志挂职的通知
临政任〔2024〕9号
市直各有关单位：
经市人民政府研究，决定：
王芳同志挂职任市科学技术局副局长，挂职时间一年；
李华同志任市财政局副局长，免去其市统计局副局长职务；
王明同志任临川市城市建设投资集团有限公司副总经理（试用期一年）；
孙明同志不再担任市商务局副局长职务；
钱文同志因到龄退休，免去其市审计局总审计师职务。
临川市人民政府
2024年5月6日
"""


def test_verb_after_the_name_and_qizhi_with_its_term():
    assert _plain(_extract(VERB_AFTER_NAME).appointments) == [
        ("appoint", "王芳", "市科学技术局副局长", "挂职时间一年"),
        ("appoint", "李华", "市财政局副局长", None),
        ("dismiss", "李华", "市统计局副局长", None),
        # after a 免去, `X同志任…` still appoints
        ("appoint", "王明", "临川市城市建设投资集团有限公司副总经理", "试用期一年"),
        ("dismiss", "孙明", "市商务局副局长", None),
        # 免去其 refers to the person the sentence is about, not the entry before
        ("dismiss", "钱文", "市审计局总审计师", None),
    ]


def test_qizhi_alone_is_the_note():
    text = VERB_AFTER_NAME.replace("挂职任市科学技术局副局长，挂职时间一年；", "挂职任市科学技术局副局长；")
    assert _plain(_extract(text).appointments)[0] == ("appoint", "王芳", "市科学技术局副局长", "挂职")


LIST_IN_ATTACHMENT = """临川市人民政府
关于王晓明等同志职务任免的通知
临政任〔2024〕21号
各县（区）人民政府，市直各有关单位：
经市人民政府研究，决定对王晓明等同志职务进行任免，具体名单见附件。
附件：任免人员名单
临川市人民政府
2024年7月1日
附件
任免人员名单
一、任命
王晓明　临川市财政局局长
李　华　临川市审计局副局长（试用期一年）
二、免去
张志强　临川市财政局局长职务
"""


def test_appointment_list_in_the_attachment():
    records = _extract(LIST_IN_ATTACHMENT).appointments
    assert _plain(records) == [
        ("appoint", "王晓明", "临川市财政局局长", None),
        ("appoint", "李华", "临川市审计局副局长", "试用期一年"),
        ("dismiss", "张志强", "临川市财政局局长", None),
    ]
    assert [r.source.line_start for r in records] == [12, 13, 15]


MOTION_TO_THE_CONGRESS = """临川市人民政府
关于提请任免王晓明等同志职务的议案
临政〔2024〕50号
临川市人民代表大会常务委员会：
因工作需要，提请市人大常委会任命：
王晓明为临川市财政局局长；
李华为临川市审计局局长。
提请市人大常委会免去：
张志强的临川市财政局局长职务。
请予审议。
市长　陈红
2024年7月1日
"""


def test_motion_asking_the_congress_to_appoint_and_dismiss():
    # 提请…任命 / 提请…免去 with the body asked between: nominations
    assert _plain(_extract(MOTION_TO_THE_CONGRESS).appointments) == [
        ("nominate", "王晓明", "临川市财政局局长", None),
        ("nominate", "李华", "临川市审计局局长", None),
        ("nominate_dismiss", "张志强", "临川市财政局局长", None),
    ]


NARROW_APPOINTMENT_LIST = """临川市人民政府
关于刘伟等同志任免职的通知
临政任〔2024〕15号
各县（区）人民政府，市直各有关单位：
经市人民政府研究，决定任命：
刘伟市发展和改革委员
会副主任
李华市财政局副局长（试
用期一年）
王　明　临川市城市建设投
资集团有限公司副总经
理
决定免去：
孙　明　临川市审计局总审
计师职务
临川市人民政府
2024年3月22日
"""


def test_appointment_list_wrapped_in_a_narrow_column():
    records = _extract(NARROW_APPOINTMENT_LIST).appointments
    assert _plain(records) == [
        ("appoint", "刘伟", "市发展和改革委员会副主任", None),
        ("appoint", "李华", "市财政局副局长", "试用期一年"),
        ("appoint", "王明", "临川市城市建设投资集团有限公司副总经理", None),
        ("dismiss", "孙明", "临川市审计局总审计师", None),
    ]
    assert [(r.source.line_start, r.source.line_end) for r in records] == [(6, 7), (8, 9), (10, 12), (14, 15)]


QIZHI_POLICY = """临川市人民政府办公室
关于进一步加强干部挂职管理工作的通知
临政办发〔2024〕120号
各县（区）人民政府，市直各有关单位：
为加强挂职干部管理，现就有关事项通知如下：
一、挂职对象：市直单位选派的年轻干部。
二、挂职干部任职期间，由接收单位负责日常管理。王晓明同志任联络员，负责协调。
临川市人民政府办公室
2024年9月3日
"""


def test_a_policy_on_qizhi_is_no_appointment_notice():
    assert _extract(QIZHI_POLICY).appointments == []


NUMBERED_ENTRIES = """临川市人民政府
关于王晓明等同志职务任免的通知
临政任〔2024〕60号
各县（区）人民政府，市直各有关单位：
经市人民政府研究决定：
1.王晓明任临川市财政局局长；
2.李华任临川市财政局副局长（试用期一年）；
3.免去张志强的临川市财政局局长职务。
（一）任命赵丽华为临川市审计局局长；
（二）免去钱文的临川市审计局局长职务。
临川市人民政府
2024年9月3日
"""


def test_numbered_entries_after_a_colon():
    assert _plain(_extract(NUMBERED_ENTRIES).appointments) == [
        ("appoint", "王晓明", "临川市财政局局长", None),
        ("appoint", "李华", "临川市财政局副局长", "试用期一年"),
        ("dismiss", "张志强", "临川市财政局局长", None),
        ("appoint", "赵丽华", "临川市审计局局长", None),
        ("dismiss", "钱文", "临川市审计局局长", None),
    ]


def test_ratio_sign_printed_for_the_colon():
    text = """临川市人民政府办公室
关于成立临川市节能减排工作领导小组的通知
临政办发〔2024〕190号
各县（区）人民政府：
经研究，决定成立临川市节能减排工作领导小组，组成人员如下：
组  长∶王晓明  市长
成  员∶孙  明  市发展和改革委员会主任
临川市人民政府办公室
2024年9月3日
"""
    (group,) = _extract(text).groups
    assert _members(group) == [("组长", "王晓明", "市长"), ("成员", "孙明", "市发展和改革委员会主任")]
    notice = NAME_POST_LISTS.replace("决定任命：", "决定任命∶").replace("决定免去：", "决定免去∶")
    assert [a.name for a in _extract(notice).appointments] == ["刘伟", "阿不都·热依木", "李华", "王明", "孙明", "钱文"]


def test_one_entry_a_line_with_transliterated_names():
    text = """临川市人大常委会
关于任免职务的决定
决定任命：
王晓明为市财政局局长
阿不都·热依木为市民族宗教事务局局长
阿卜杜拉·艾力·买买提为市统计局副局长
决定免去：
阿依古丽·买买提的市民政局副局长职务
2024年1月1日
"""
    assert _plain(_extract(text).appointments) == [
        ("appoint", "王晓明", "市财政局局长", None),
        ("appoint", "阿不都·热依木", "市民族宗教事务局局长", None),
        ("appoint", "阿卜杜拉·艾力·买买提", "市统计局副局长", None),
        ("dismiss", "阿依古丽·买买提", "市民政局副局长", None),
    ]


def test_verb_after_a_long_transliterated_name():
    text = VERB_AFTER_NAME.replace("王明同志任", "阿卜杜拉·艾力·买买提同志任").replace(
        "孙明同志不再担任", "阿依古丽·买买提同志不再担任")
    got = _plain(_extract(text).appointments)
    assert ("appoint", "阿卜杜拉·艾力·买买提", "临川市城市建设投资集团有限公司副总经理", "试用期一年") in got
    assert ("dismiss", "阿依古丽·买买提", "市商务局副局长", None) in got


def test_title_naming_only_the_posts_of_persons():
    text = """临川市人民政府
关于王晓明等同志职务的通知
临政任〔2024〕70号
各县（区）人民政府，市直各有关单位：
经市人民政府研究决定：王晓明同志任临川市财政局局长；李华同志任临川市审计局局长，免去其临川市财政局局长职务。
临川市人民政府
2024年9月3日
"""
    assert _plain(_extract(text).appointments) == [
        ("appoint", "王晓明", "临川市财政局局长", None),
        ("appoint", "李华", "临川市审计局局长", None),
        ("dismiss", "李华", "临川市财政局局长", None),
    ]


def test_ascii_colon_after_the_decision():
    text = NUMBERED_ENTRIES.replace("研究决定：", "研究决定:")
    assert _plain(_extract(text).appointments)[0] == ("appoint", "王晓明", "临川市财政局局长", None)


LISTS_AS_TABLES = """临川市人民政府
关于王晓明等同志职务任免的通知
临政任〔2024〕80号
各县（区）人民政府，市直各有关单位：
经市人民政府研究，决定任命：
序号 姓名 职务
1 王晓明 临川市财政局局长
2 李　华 临川市审计局副局长
决定免去：
序号 姓名 职务
1 张志强 临川市财政局局长
临川市人民政府
2024年9月3日
"""


def test_appointment_lists_printed_as_tables():
    assert _plain(_extract(LISTS_AS_TABLES).appointments) == [
        ("appoint", "王晓明", "临川市财政局局长", None),
        ("appoint", "李华", "临川市审计局副局长", None),
        ("dismiss", "张志强", "临川市财政局局长", None),
    ]


# ---------------------------------------------------------------- commendations


def _commended(text: str):
    return [(c.kind, c.name, c.organization) for c in _extract(text).commendations]


TWO_ATTACHMENTS = """临川市人民政府
关于表彰2023年度全市招商引资工作先进单位和先进个人的通报
临政发〔2024〕12号
各县（区）人民政府，市直各有关单位：
为表彰先进，市政府决定对2023年度招商引资工作先进单位和先进个人予以通报表彰。
附件：1．临川市2023年度招商引资工作先进单位名单
2．临川市2023年度招商引资工作先进个人名单
临川市人民政府
2024年2月5日
附件1
临川市2023年度招商引资工作先进单位名单
南山县人民政府
临川经济技术开发区管理委员会
市商务局
附件2
临川市2023年度招商引资工作先进个人名单
王晓明　南山县商务局局长
李　华　北湖区投资促进中心主任
"""


def test_units_and_individuals_in_separate_attachments():
    # each attachment's title says what it lists; the commending sentence
    # names kinds (先进单位和先进个人), not units or people
    assert _commended(TWO_ATTACHMENTS) == [
        ("unit", "南山县人民政府", None),
        ("unit", "临川经济技术开发区管理委员会", None),
        ("unit", "市商务局", None),
        ("individual", "王晓明", "南山县商务局局长"),
        ("individual", "李华", "北湖区投资促进中心主任"),
    ]


KINDS_ONLY = """临川市人民政府办公室
关于对全市政务服务工作先进单位和先进个人予以通报表扬的通报
临政办发〔2024〕26号
各县（区）人民政府，市直各有关单位：
为激励先进，经市政府同意，决定对2023年度全市政务服务工作先进单位和先进个人予以通报表扬。
希望受到表扬的单位和个人珍惜荣誉。
临川市人民政府办公室
2024年3月1日
"""


def test_sentence_naming_only_kinds_commends_no_one():
    assert _commended(KINDS_ONLY) == []


LABELLED_IN_BODY = """临川市人民政府办公室
关于表扬2023年度全市森林防火工作先进集体和先进个人的通报
临政办发〔2024〕18号
各县（区）人民政府，市直各有关单位：
经研究，决定对以下先进集体和先进个人予以通报表扬。
先进集体：南山县应急管理局、北湖区林业局、东坪镇人民政府。
先进个人：王晓明（南山县应急管理局）、李华（北湖区林业局）。
希望受到表扬的集体和个人珍惜荣誉。
临川市人民政府办公室
2024年3月1日
"""


def test_labelled_lists_in_the_body_after_a_full_stop():
    assert _commended(LABELLED_IN_BODY) == [
        ("unit", "南山县应急管理局", None),
        ("unit", "北湖区林业局", None),
        ("unit", "东坪镇人民政府", None),
        ("individual", "王晓明", "南山县应急管理局"),
        ("individual", "李华", "北湖区林业局"),
    ]


PERSONAL_BRACKETS = """临川市人民政府
关于表彰临川市第三届劳动模范的决定
临政发〔2024〕9号
各县（区）人民政府，市直各有关单位：
为表彰先进，市政府决定授予王晓明等5名同志“临川市劳动模范”荣誉称号。
附件：临川市第三届劳动模范名单
临川市人民政府
2024年4月28日
附件
临川市第三届劳动模范名单
（共5名，按姓氏笔画排序）
王　明　南山县东坪镇农民
王晓明（女）　临川市第一人民医院主任医师
阿不都·热依木（维吾尔族）　北湖区西岭乡牧民
刘　伟（女，回族）　市第二中学教师
赵丽华　北湖区第二中学　　欧阳春　东坪镇中心小学
"""


def test_sex_and_nation_after_names_and_two_people_a_line():
    assert _commended(PERSONAL_BRACKETS) == [
        ("individual", "王明", "南山县东坪镇农民"),
        ("individual", "王晓明", "临川市第一人民医院主任医师"),
        ("individual", "阿不都·热依木", "北湖区西岭乡牧民"),
        ("individual", "刘伟", "市第二中学教师"),
        ("individual", "赵丽华", "北湖区第二中学"),
        ("individual", "欧阳春", "东坪镇中心小学"),
    ]


PART_LABELS = """临川市人民政府
关于表彰2023年度全市脱贫攻坚先进集体和先进个人的决定
临政发〔2024〕20号
各县（区）人民政府，市直各有关单位：
现决定对以下先进集体和先进个人予以表彰。
附件：脱贫攻坚先进集体和先进个人名单
临川市人民政府
2024年5月1日
附件
脱贫攻坚先进集体和先进个人名单
一、先进集体（5个）
南山县：东坪镇人民政府、南山县农业农村局
北湖区：
西岭乡人民政府、北湖区乡村振兴局
市直：市财政局
二、先进个人（3名）
北湖区：
赵丽华　西岭乡人民政府干部
市直：周平（市财政局）、钱文（市农业农村局）
"""


def test_lists_divided_by_part_labels():
    # `南山县：` labels a part of the list: it is no unit and keeps the kind
    assert _commended(PART_LABELS) == [
        ("unit", "东坪镇人民政府", None),
        ("unit", "南山县农业农村局", None),
        ("unit", "西岭乡人民政府", None),
        ("unit", "北湖区乡村振兴局", None),
        ("unit", "市财政局", None),
        ("individual", "赵丽华", "西岭乡人民政府干部"),
        ("individual", "周平", "市财政局"),
        ("individual", "钱文", "市农业农村局"),
    ]


NUMBERED_WITH_NOTES = """临川市人民政府
关于表彰2023年度全市平安建设先进集体和先进个人的决定
临政发〔2024〕40号
各县（区）人民政府，市直各有关单位：
为表彰先进，市政府决定授予南山县东坪镇人民政府等3个单位“平安建设先进集体”称号，授予王晓明等2名同志“平安建设先进个人”称号。
附件：2023年度全市平安建设先进集体和先进个人名单
临川市人民政府
2024年3月1日
附件
2023年度全市平安建设先进集体和先进个人名单
一、先进集体（3个）
（排名不分先后）
1.南山县东坪镇人民政府
2.市中级人民法院立案庭
3.临川市人民检察院第二检察部
二、先进个人（2名）
（排名不分先后）
1.王晓明同志　南山县东坪镇综治中心主任
2.阿依古丽·买买提　北湖区西岭乡司法所所长
"""


NAMED_IN_TITLE_AND_BODY = """临川市人民政府办公室
关于对南山县人民政府等单位予以通报表扬的通报
临政办发〔2024〕41号
各县（区）人民政府，市直各有关单位：
为树立典型，经市政府同意，决定对南山县人民政府、北湖区人民政府、市行政审批服务管理局等3个单位予以通报表扬。
希望受到表扬的单位再接再厉。
临川市人民政府办公室
2024年3月1日
"""


def test_numbered_lists_with_a_note_line():
    assert _commended(NUMBERED_WITH_NOTES) == [
        ("unit", "南山县东坪镇人民政府", None),
        ("unit", "市中级人民法院立案庭", None),          # a court's division (庭) is a unit
        ("unit", "临川市人民检察院第二检察部", None),
        ("individual", "王晓明", "南山县东坪镇综治中心主任"),
        ("individual", "阿依古丽·买买提", "北湖区西岭乡司法所所长"),
    ]


def test_unit_named_in_the_title_and_the_sentence_counts_once():
    assert _commended(NAMED_IN_TITLE_AND_BODY) == [
        ("unit", "南山县人民政府", None),
        ("unit", "北湖区人民政府", None),
        ("unit", "市行政审批服务管理局", None),
    ]


NAME_COMMA_ORGANIZATION = """临川市人民政府
关于表彰2023年度全市统计工作先进个人的决定
临政发〔2024〕45号
各县（区）人民政府，市直各有关单位：
为表彰先进，市政府决定对以下同志予以表彰：
王晓明，南山县统计局局长；
李华，北湖区统计局副局长；
司马青青，东坪镇人民政府统计员。
希望受到表彰的同志珍惜荣誉。
临川市人民政府
2024年3月1日
"""


def test_individuals_as_name_comma_organization():
    assert _commended(NAME_COMMA_ORGANIZATION) == [
        ("individual", "王晓明", "南山县统计局局长"),
        ("individual", "李华", "北湖区统计局副局长"),
        ("individual", "司马青青", "东坪镇人民政府统计员"),
    ]


NARROW_INDIVIDUALS = """临川市人民政府
关于表彰2023年度全市安全生产工作先进集体和先进个人的决定
临政发〔2024〕2号
各县（区）人民政府，市直各有关单位：
市政府决定对南山县人民政府等3个先进集体和王晓明等5名先进个人予以通报表彰。
附件：先进集体和先进个人名单
临川市人民政府
2024年1月15日
附件
先进集体和先进个人名单
一、先进集体（3个）
南山县人民政府
临川经济技术开发区管理委
员会
市应急管理局
二、先进个人（5名）
王晓明　市公安局交警支队
民警
阿不都·热依木　南山县应
急管理局副局长
周　平　市
第一人民医院护士长
赵丽华　南山县东
坪镇村民
李　华　市消防救援支队
"""


NARROW_BODY_LIST = """临川市人民政府办公室
关于对政务信息工作先进单位和先进个人予以通报表扬的通报
临政办发〔2024〕6号
各县（区）人民政府，市直各有关单位：
经市政府同意，决定对以下先进单位和先进个人予以通报表扬：
一、先进单位
南山县人民政府办公室
二、先进个人
王晓明（南山县人民政府办公室）、李华（北湖区人
民政府办公室）、钱文（市统计局）
希望受到表扬的单位和个人再接再
厉。
临川市人民政府办公室
2024年2月1日
"""


def test_lists_wrapped_in_narrow_columns():
    assert _commended(NARROW_INDIVIDUALS) == [
        ("unit", "南山县人民政府", None),
        ("unit", "临川经济技术开发区管理委员会", None),     # 员会 alone is no unit
        ("unit", "市应急管理局", None),
        # a wrapped post (民警) or a place cut short (南山县东 / 坪镇村民) is no name
        ("individual", "王晓明", "市公安局交警支队民警"),
        ("individual", "阿不都·热依木", "南山县应急管理局副局长"),
        ("individual", "周平", "市第一人民医院护士长"),
        ("individual", "赵丽华", "南山县东坪镇村民"),
        ("individual", "李华", "市消防救援支队"),
    ]


def test_bracketed_people_wrapped_in_the_body():
    # the list is read across its lines; the closing sentence is no organization
    assert _commended(NARROW_BODY_LIST) == [
        ("unit", "南山县人民政府办公室", None),
        ("individual", "王晓明", "南山县人民政府办公室"),
        ("individual", "李华", "北湖区人民政府办公室"),
        ("individual", "钱文", "市统计局"),
    ]


MERITS = """临川市人民政府
关于嘉奖2023年度全市优秀公务员的决定
临政发〔2024〕51号
各县（区）人民政府，市直各有关单位：
根据考核结果，市政府决定对王晓明、李华等2名同志给予嘉奖，对孙明、钱文等2名同志记三等功。
临川市人民政府
2024年9月3日
"""


MERIT_TITLE = """临川市人民政府
关于给予王晓明同志记个人三等功的决定
临政发〔2024〕50号
各县（区）人民政府，市直各有关单位：
为表彰先进，市政府决定给予王晓明同志记个人三等功一次。
临川市人民政府
2024年9月3日
"""


def test_merits_recorded_in_sentences():
    assert _commended(MERITS) == [
        ("individual", "王晓明", None), ("individual", "李华", None),
        ("individual", "孙明", None), ("individual", "钱文", None),
    ]
    assert _commended(MERIT_TITLE) == [("individual", "王晓明", None)]


TABLE_WITH_SEX = """临川市人民政府
关于表彰2023年度全市优秀教师的决定
临政发〔2024〕55号
各县（区）人民政府，市直各有关单位：
市政府决定对王晓明等3名同志予以表彰。
附件：2023年度全市优秀教师名单
临川市人民政府
2024年9月3日
附件
2023年度全市优秀教师名单
{header}
1 王晓明 男 南山县实验小学教师
2 李　华 女 北湖区第二中学副校长
3 阿不都·热依木 男 临川市第一中学教师
"""


def test_sex_column_with_and_without_its_header():
    for header in ("序号 姓名 性别 工作单位及职务", ""):
        assert _commended(TABLE_WITH_SEX.format(header=header)) == [
            ("individual", "王晓明", "南山县实验小学教师"),
            ("individual", "李华", "北湖区第二中学副校长"),
            ("individual", "阿不都·热依木", "临川市第一中学教师"),
        ], header


PLACES_AND_SIGNATURE = """临川市人民政府
关于表彰2023年度全市乡村振兴先进县（市、区）、乡镇和个人的决定
临政发〔2024〕60号
各县（区）人民政府，市直各有关单位：
市政府决定对以下先进予以表彰：
一、先进县（市、区）
南山县、北湖区
二、先进乡镇
东坪镇人民政府、西岭乡人民政府
三、先进个人
（一）南山县
王晓明　东坪镇人民政府镇长
（二）北湖区
李　华　西岭乡人民政府乡长
临川市人民政府
2024年9月3日
"""


def test_places_honoured_and_the_signature_after_a_body_list():
    # 先进县（市、区） lists units; （一）南山县 only divides the people; the
    # signature under the list is no part of the last organization
    assert _commended(PLACES_AND_SIGNATURE) == [
        ("unit", "南山县", None), ("unit", "北湖区", None),
        ("unit", "东坪镇人民政府", None), ("unit", "西岭乡人民政府", None),
        ("individual", "王晓明", "东坪镇人民政府镇长"),
        ("individual", "李华", "西岭乡人民政府乡长"),
    ]
    units_last = PLACES_AND_SIGNATURE.split("三、先进个人")[0] + "临川市人民政府\n2024年9月3日\n"
    assert _commended(units_last)[-1] == ("unit", "西岭乡人民政府", None)


ORGANIZATIONS_WITH_COUNTS = """临川市人民政府
关于表彰2023年度全市禁毒工作先进集体和先进个人的决定
临政发〔2024〕80号
各县（区）人民政府，市直各有关单位：
市政府决定对以下同志予以表彰：
市公安局（3人）：王晓明、李华、欧阳春
南山县（2人）：司马青青、周平
临川市人民政府
2024年9月3日
"""


def test_organization_with_a_count_of_its_people():
    # `市公安局（3人）：` names the people's organization; it is no heading
    assert _commended(ORGANIZATIONS_WITH_COUNTS) == [
        ("individual", "王晓明", "市公安局"), ("individual", "李华", "市公安局"),
        ("individual", "欧阳春", "市公安局"),
        ("individual", "司马青青", "南山县"), ("individual", "周平", "南山县"),
    ]


def test_posthumous_note_after_a_name():
    text = """临川市人民政府
关于表彰见义勇为先进个人的决定
临政发〔2024〕90号
各县（区）人民政府：
市政府决定对以下同志予以表彰：
王晓明（追授）　南山县东坪镇村民
李　华（女）　北湖区西岭乡教师
临川市人民政府
2024年9月3日
"""
    assert _commended(text) == [("individual", "王晓明", "南山县东坪镇村民"),
                                ("individual", "李华", "北湖区西岭乡教师")]


# ---------------------------------------------------------------- registers


NEW_ITEMS_WITHOUT_CODES = """临川市人民政府
关于公布第五批市级非物质文化遗产代表性项目名录的通知
临政发〔2024〕30号
各县（区）人民政府，市直各有关单位：
市人民政府批准市文化和旅游局确定的第五批市级非物质文化遗产代表性项目名录（共4项），现予公布。
附件：第五批市级非物质文化遗产代表性项目名录
临川市人民政府
2024年6月10日
附件
第五批市级非物质文化遗产代表性项目名录
（共4项）
一、民间文学（2项）
序号 项目名称 申报地区或单位
1 临川河传说 南山县
2 西岭山歌谣 北湖区
二、传统技艺（2项）
序号 项目名称 申报地区或单位
3 东坪豆腐制作技艺 南山县东坪镇
4 临川竹编技艺 临川市文化馆
"""


def test_register_of_new_items_without_codes():
    # no 编号 column: the category comes from the group heading, even the one above the first header
    items = _extract(NEW_ITEMS_WITHOUT_CODES).heritage_items
    assert [(i.list, i.seq, i.code, i.category, i.name, i.region, i.protection_unit) for i in items] == [
        ("representative", 1, None, "民间文学", "临川河传说", "南山县", None),
        ("representative", 2, None, "民间文学", "西岭山歌谣", "北湖区", None),
        ("representative", 3, None, "传统技艺", "东坪豆腐制作技艺", "南山县东坪镇", None),
        ("representative", 4, None, "传统技艺", "临川竹编技艺", "临川市文化馆", None),
    ]


def test_project_table_outside_heritage_documents_is_no_register():
    text = NEW_ITEMS_WITHOUT_CODES.replace("非物质文化遗产代表性项目名录", "重点建设项目名单")
    assert _extract(text).heritage_items == []


def test_register_over_pages_with_its_header_row_repeated():
    # the header row a table repeats at each page's top, next to the page number,
    # is no running header
    lines = """临川市人民政府
关于公布第五批市级非物质文化遗产代表性项目名录的通知
临政发〔2024〕30号
各县（区）人民政府，市直各有关单位：
现将第五批市级非物质文化遗产代表性项目名录予以公布。
附件：第五批市级非物质文化遗产代表性项目名录
临川市人民政府
2024年6月10日
附件
第五批市级非物质文化遗产代表性项目名录""".split("\n")
    header = "序号 项目编号 项目类别 项目名称 申报地区或单位 项目保护单位"
    lines.append(header)
    for seq in range(1, 31):
        if seq % 10 == 0:
            lines += [f"— {seq // 10 + 1} —", "临川市人民政府公报 2024年第5期", header]
        lines.append(f"{seq} Ⅷ-{seq} 传统技艺 临川竹编技艺{seq} 南山县 南山县文化馆")
    items = _extract("\n".join(lines) + "\n").heritage_items
    assert [i.seq for i in items] == list(range(1, 31))
    assert (items[-1].code, items[-1].category, items[-1].name, items[-1].region, items[-1].protection_unit) == \
        ("Ⅷ-30", "传统技艺", "临川竹编技艺30", "南山县", "南山县文化馆")
