"""Heritage registers (非物质文化遗产名录, 代表性传承人名单): the sample's
document, registers of our own in other shapes, and no crash on any lines."""
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongbao.extract.heritage import parse_heritage_items, parse_inheritors
from gongbao.extract.lines import to_lines

DOC = "吕政函〔2023〕19号"


def _without_furniture(lines):
    return [ln for ln in lines if not re.match(r"^— \d+ —$", ln.text)
            and not ("公报" in ln.text and "2023·2" in ln.text)]


@pytest.fixture(scope="module")
def doc_lines(sample_text):
    """吕政函〔2023〕19号 as the pipeline hands it over (its 咨询与解读 box kept,
    to show the table stops before it)."""
    return [ln for ln in _without_furniture(to_lines(sample_text)) if 2323 <= ln.no <= 3802]


# --- (a) the sample ---------------------------------------------------------------



def test_sample_lists_and_counts(doc_lines):
    items = parse_heritage_items(doc_lines, DOC, "s.txt")
    assert [(i.list, i.seq) for i in items] == (
        [("representative", n) for n in range(1, 41)] + [("extension", n) for n in range(1, 17)])
    people = parse_inheritors(doc_lines, DOC, "s.txt")
    assert [p.seq for p in people] == list(range(1, 95))
    assert all(i.document == DOC for i in items + people)


def test_sample_items(doc_lines):
    items = {(i.list, i.seq): i for i in parse_heritage_items(doc_lines, DOC, "s.txt")}
    # name and unit both wrapped, region on a line of its own
    i = items[("representative", 15)]
    assert (i.code, i.category, i.name, i.region, i.protection_unit) == (
        "Ⅷ-63", "传统技艺", "文水野山坡沙棘膏传统制作工艺", "文水", "吕梁野山坡食品有限责任公司")
    assert (i.source.file, i.source.line_start, i.source.line_end) == ("s.txt", 2513, 2521)
    # the category wrapped over two lines
    assert items[("representative", 5)].category == "传统体育、游艺与杂技"
    # the last row before the extension list's title
    assert items[("representative", 40)].protection_unit == "吕梁市保健养生文化协会"
    # a stray space before a bracket; a spaced-out category (民 俗)
    assert items[("extension", 12)].name == "柳编技艺（柳林编织）"
    last = items[("extension", 16)]
    assert (last.category, last.name, last.region, last.protection_unit) == (
        "民俗", "元宵节（孝义镇龙灯）", "文水", "孝义镇孝义村")
    # the row's own category, not its group heading's (一、民间文学 over 传统戏剧 rows)
    assert items[("extension", 1)].category == "传统戏剧"


def test_sample_inheritors(doc_lines):
    people = {p.seq: p for p in parse_inheritors(doc_lines, DOC, "s.txt")}
    first = people[8]
    assert (first.code, first.category, first.project, first.batch, first.name, first.gender,
            first.county, first.protection_unit) == (
        "Ⅱ-37", "传统音乐", "临县大唢呐", "第四批国家级扩展项目", "王永亮", "男", "临县", "临县大唢呐培训活动中心")
    # `9 王 勇 男 临县`: merged cells come from the row above, the name loses its space
    merged = people[9]
    assert (merged.name, merged.county, merged.project, merged.protection_unit, merged.code) == (
        "王勇", "临县", "临县大唢呐", "临县大唢呐培训活动中心", "Ⅱ-37")
    assert (merged.source.line_start, merged.source.line_end) == (2937, 2937)
    # `孝义 孝义市碗碗腔剧团19 殷宏杰 男`: the glued row is split off
    assert people[18].protection_unit == "孝义市碗碗腔剧团"
    assert (people[19].name, people[19].project, people[19].source.line_start) == ("殷宏杰", "孝义碗碗腔", 3038)
    assert people[43].name == "武玉汾" and people[42].protection_unit == "中阳县文化馆"
    # a name wrapped with its alias; a category wrapped over five lines
    assert people[14].name == "孙全昌（孙峁元）"
    assert (people[36].category, people[36].project) == ("传统体育、游艺与杂技", "文水保贤窝儿拳")
    # a printed row without a unit stays without (it is not a merged-cell row)
    assert people[37].protection_unit is None and people[37].county == "文水"
    # the table stops before the 咨询与解读 box that follows it
    assert (people[94].name, people[94].county, people[94].protection_unit) == ("张廷娥", "柳林", "柳林县文化和旅游局")


def test_other_documents_have_no_register(sample_text):
    """Safe on every document: the gazette's task tables (序号 … 责任单位) are no register."""
    lines = _without_furniture(to_lines(sample_text))
    outside = [ln for ln in lines if not 2323 <= ln.no <= 3802]
    assert parse_heritage_items(outside, "x", "s.txt") == []
    assert parse_inheritors(outside, "x", "s.txt") == []
    assert len(parse_heritage_items(lines, "x", "s.txt")) == 56
    assert len(parse_inheritors(lines, "x", "s.txt")) == 94


# --- (b) registers of our own -----------------------------------------------------

def wrap(text, width):
    return [text[i:i + width] for i in range(0, len(text), width)]


def render_row(cells, widths, glue_last=False):
    """One table row as a PDF tool linearizes it: cells that fit share a line
    (space-separated); a wrapped cell takes lines of its own, its last fragment
    sharing the next cells' line when `glue_last`; None is a cell not printed."""
    out, current = [], []
    for cell, width in zip(cells, widths):
        if cell is None:
            continue
        frags = wrap(cell, width)
        if len(frags) == 1:
            current.append(frags[0])
            continue
        if current:
            out.append(" ".join(current))
        out.extend(frags[:-1] if glue_last else frags)
        current = [frags[-1]] if glue_last else []
    if current:
        out.append(" ".join(current))
    return out


HEAD = ["云溪县人民政府", "关于公布第五批县级非物质文化遗产代表性项目名录的通知", "云政函〔2024〕9号",
        "各乡（镇）人民政府，县直各有关单位：",
        "第五批县级非物质文化遗产代表性项目名录和扩展项目名录已经县人民政府批准，现予以公布。",
        "附件：1.云溪县第五批县级非物质文化遗产代表性项目名录", "云溪县人民政府", "2024 年 5 月 8 日"]
BOX = ["咨询单位：云溪县文化和旅游局", "咨询电话：6612345", "咨 询 与 解 读"]

# A county list, columns in another order (名称 before 类别 and 编号), ASCII and
# full-width codes, and a 申报单位 that is a body rather than a place.
ITEM_HEADER = ["序号", "项目名称", "类别", "编号", "申报地区", "或单位", "保护单位"]
ITEMS = [
    ("representative", 1, "云溪高台花鼓戏", "传统戏剧", "IV-7", "城关镇", "云溪县花鼓戏剧团"),
    ("representative", 2, "白石岭山歌", "传统音乐", "Ⅱ－3", "白石乡", "云溪县白石乡文化站"),
    ("representative", 3, "云溪竹编技艺（篾丝画）", "传统技艺", "VIII-12", "竹林村", "云溪县竹林村竹编专业合作社"),
    ("representative", 4, "端午赛龙舟", "民俗", "X-2", "河口镇", "河口镇人民政府"),
    ("extension", 1, "剪纸（云溪窗花）", "传统美术", "VII-1", "云溪县文化馆", "云溪县文化馆"),
    ("extension", 2, "中医正骨（李氏接骨法）", "传统医药", "IX-4", "城关镇", "云溪县李氏正骨诊所"),
]


def items_document(widths, glue_last):
    out = HEAD + ["附件 1", "云溪县第五批县级非物质文化遗产代表性项目名录", "（共计：4 项）"] + ITEM_HEADER
    for kind, seq, *cells in ITEMS:
        if kind == "extension" and seq == 1:
            out += ["云溪县第五批县级非物质文化遗产代表性项目扩展名录", "（共计：2 项）"] + ITEM_HEADER
        out += render_row([str(seq), *cells], (3, *widths), glue_last)
    return "\n".join(out + BOX)


@pytest.mark.parametrize("glue_last", [False, True])
@pytest.mark.parametrize("widths", [(6, 4, 8, 6, 7), (9, 4, 8, 6, 10), (5, 2, 8, 6, 6), (4, 2, 8, 6, 5)])
def test_county_items_in_another_column_order(widths, glue_last):
    items = parse_heritage_items(to_lines(items_document(widths, glue_last)), "云政函〔2024〕9号", "y.txt")
    got = [(i.list, i.seq, i.name, i.category, i.code, i.region, i.protection_unit) for i in items]
    assert got == ITEMS
    assert all(i.document == "云政函〔2024〕9号" and i.source.file == "y.txt" for i in items)
    assert parse_inheritors(to_lines(items_document(widths, glue_last)), "d", "y.txt") == []


# The sample's column order, other wrap widths, a place named 市直-style, a
# group heading over the table.
STD_HEADER = ["序号", "项目", "编号", "项目类别 项目名称", "申报地区或", "单位", "项 目 保 护 单 位"]
STD_ITEMS = [
    (1, "IV-7", "传统戏剧", "云溪高台花鼓戏", "城关镇", "云溪县花鼓戏剧团"),
    (2, "Ⅱ－3", "传统音乐", "白石岭山歌", "白石乡", "云溪县白石乡文化站"),
    (3, "VIII-12", "传统技艺", "云溪竹编技艺（篾丝画）", "竹林村", "竹编合作社"),
    (4, "X-2", "民俗", "端午赛龙舟", "河口镇", "河口镇人民政府"),
    (5, "Ⅷ-13", "传统技艺", "云溪县手工红糖熬制技艺", "县直", "云溪县糖坊"),
]


@pytest.mark.parametrize("glue_last", [False, True])
@pytest.mark.parametrize("widths", [(8, 4, 6, 4, 7), (8, 6, 9, 4, 10), (8, 2, 5, 3, 6), (8, 2, 4, 3, 5), (8, 4, 10, 4, 4)])
def test_items_at_other_wrap_widths(widths, glue_last):
    out = ["附件", "第五批县级非物质文化遗产代表性项目名录", "一、传统戏剧（1项）"] + STD_HEADER
    for seq, *cells in STD_ITEMS:
        out += render_row([str(seq), *cells], (3, *widths), glue_last)
    items = parse_heritage_items(to_lines("\n".join(out)), "d", "f")
    assert [(i.seq, i.code, i.category, i.name, i.region, i.protection_unit) for i in items] == STD_ITEMS
    assert {i.list for i in items} == {"representative"}


# An inheritor list with merged cells over three rows (printed with the first
# row), spaced names, the next 序号 glued to a merged cell, and the header
# repeated at a page break inside a merged group.
INH_HEADER = ["序号", "项目", "编号", "项目", "类别", "项目名称 项目批次 姓名 性别", "所属县", "（市、区）", "项目保护单位"]
GROUPS = [
    ("传统音乐", [("Ⅱ-8", "传统音乐", "白石岭山歌", "第三批县级", "白石乡", "云溪县白石乡文化站",
                  [("李 红", "女"), ("周大山", "男"), ("吴 兰", "女")])]),
    ("传统技艺", [("VIII-12", "传统技艺", "云溪竹编技艺（篾丝画）", "第二批省级扩展项目", "竹林村",
                  "云溪县竹林村竹编专业合作社", [("陈竹生", "男")]),
                 ("Ⅷ－3", "传统技艺", "云溪红糖熬制技艺", "第一批国家级", "城关镇", "云溪县糖坊",
                  [("郑甜", "女"), ("郑 蜜", "女"), ("欧阳长青", "男")])]),
]


def inheritors_document(widths, glue_last, glue_seq, header_before):
    out = HEAD + ["附件 2", "云溪县第三批县级非物质文化遗产代表性传承人名单", "（共计：7 人）"]
    seq, want = 0, []
    for number, (heading, projects) in zip("一二", GROUPS):
        out += [f"{number}、{heading}（{sum(len(p[-1]) for p in projects)}人）"] + INH_HEADER
        for code, category, project, batch, county, unit, people in projects:
            for k, (name, gender) in enumerate(people):
                seq += 1
                if seq == header_before:
                    out += INH_HEADER
                if k == 0:
                    rows = render_row([str(seq), code, category, project, batch, name, gender, county, unit],
                                      (3, *widths), glue_last)
                else:
                    rows = [f"{seq} {name} {gender}"]
                if glue_seq and k == 1 and seq != header_before:
                    out[-1] += rows.pop(0)
                out += rows
                want.append((seq, code, category, project, batch, name.replace(" ", ""), gender, county, unit))
    return "\n".join(out + BOX), want


@pytest.mark.parametrize("header_before", [None, 3])
@pytest.mark.parametrize("glue_seq", [False, True])
@pytest.mark.parametrize("glue_last", [False, True])
@pytest.mark.parametrize("widths", [(8, 2, 5, 6, 4, 2, 4, 9), (8, 4, 12, 10, 4, 2, 4, 14), (8, 2, 4, 4, 4, 2, 3, 6)])
def test_inheritors_with_merged_cells(widths, glue_last, glue_seq, header_before):
    text, want = inheritors_document(widths, glue_last, glue_seq, header_before)
    people = parse_inheritors(to_lines(text), "云政函〔2024〕9号", "y.txt")
    got = [(p.seq, p.code, p.category, p.project, p.batch, p.name, p.gender, p.county, p.protection_unit)
           for p in people]
    assert got == want
    assert parse_heritage_items(to_lines(text), "d", "y.txt") == []


def test_inheritors_person_first_and_merged_project_cells():
    """序号 姓名 性别 所属县 编号 项目名称 类别 批次 保护单位: the merged cells
    are at the row's end; rows 2-3 print only name, gender and county."""
    header = ["序号", "姓名", "性别", "所属县", "（市、区）", "项目", "编号", "项目名称", "项目", "类别", "批次", "保护单位"]
    rows = [("1", "李 红", "女", "白石乡", "Ⅱ-8", "白石岭山歌", "传统音乐", "第三批县级", "云溪县白石乡文化站"),
            ("2", "周大山", "男", "白石乡", None, None, None, None, None),
            ("3", "吴兰", "女", "白石乡", None, None, None, None, None),
            ("4", "陈竹生", "男", "竹林村", "VIII-12", "云溪竹编技艺（篾丝画）", "传统技艺", "第二批省级扩展项目",
             "云溪县竹林村竹编专业合作社")]
    out = ["附件", "第三批县级非物质文化遗产代表性传承人名单"] + header
    for row in rows:
        out += render_row(row, (3, 4, 2, 4, 8, 6, 2, 4, 7))
    people = parse_inheritors(to_lines("\n".join(out)), "d", "f")
    shared = ("Ⅱ-8", "白石岭山歌", "传统音乐", "第三批县级", "云溪县白石乡文化站")
    assert [(p.seq, p.name, p.gender, p.county, p.code, p.project, p.category, p.batch, p.protection_unit)
            for p in people] == [
        (1, "李红", "女", "白石乡", *shared), (2, "周大山", "男", "白石乡", *shared), (3, "吴兰", "女", "白石乡", *shared),
        (4, "陈竹生", "男", "竹林村", "VIII-12", "云溪竹编技艺（篾丝画）", "传统技艺", "第二批省级扩展项目",
         "云溪县竹林村竹编专业合作社")]
    assert out[people[1].source.line_start - 1] == "2 周大山 男 白石乡"
    assert (people[2].source.line_start, people[2].source.line_end) == (out.index("3 吴兰 女 白石乡") + 1,) * 2


def test_inheritors_without_code_column_and_whole_rows_on_one_line():
    text = "\n".join(["附件", "代表性传承人名单", "序号 项目名称 姓名 性别 所属地区 保护单位",
                      "1 云溪高台花鼓戏 张三 男 城关镇 云溪县花鼓戏剧团2 李四 女 城关镇",
                      "3 白石岭山歌 王五 女 白石乡", "云溪县白石乡", "文化站"])
    people = parse_inheritors(to_lines(text), "d", "f")
    assert [(p.seq, p.project, p.name, p.gender, p.county, p.protection_unit, p.code) for p in people] == [
        (1, "云溪高台花鼓戏", "张三", "男", "城关镇", "云溪县花鼓戏剧团", None),
        (2, "云溪高台花鼓戏", "李四", "女", "城关镇", "云溪县花鼓戏剧团", None),   # merged project cells
        (3, "白石岭山歌", "王五", "女", "白石乡", "云溪县白石乡文化站", None)]


def test_tables_that_are_not_registers():
    roster = "\n".join(["附件", "拟表彰先进个人名单", "序号", "姓名", "性别", "出生年月", "工作单位及职务",
                        "1 张三 男 1980.01 县文化馆馆长", "2 李四 女 1985.06 县图书馆副馆长"])
    tasks = "\n".join(["附件", "重点任务分工", "序号 重点任务 工作措施 牵头单位",
                       "1 加强组织领导 建立工作机制 县文化和旅游局"])
    for text in (roster, tasks, "\n".join(HEAD)):
        assert parse_heritage_items(to_lines(text), "d", "f") == []
        assert parse_inheritors(to_lines(text), "d", "f") == []
    assert parse_heritage_items([], "d", "f") == [] and parse_inheritors([], "d", "f") == []


# --- (c) any lines ----------------------------------------------------------------

PIECES = ["序号", "项目", "编号", "项目类别", "项目名称", "申报地区或单位", "项目保护单位", "项目批次", "姓名",
          "性别", "所属县", "（市、区）", "一、传统技艺（3项）", "代表性项目名录", "扩展名录", "传承人名单",
          "Ⅷ-62", "VIII-3", "Ⅱ－", "传统", "技艺", "民 俗", "第十一批市级", "第四批国家级", "扩展项目", "男", "女",
          "王 勇", "文水", "县文化馆", "有限公司", "（", "）", "：", "。", "1", "2", "3", "19", " ", "咨 询 与 解 读"]
line_text = st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map(" ".join) | st.text(max_size=30)


@settings(max_examples=300, deadline=None)
@given(st.lists(line_text, max_size=40))
def test_any_lines_never_crash(texts):
    lines = to_lines("\n".join(t.replace("\n", " ").replace("\r", " ") for t in texts))
    numbers = {ln.no for ln in lines}
    items = parse_heritage_items(lines, "d", "f")
    people = parse_inheritors(lines, "d", "f")
    for record in items + people:
        assert record.seq >= 1 and record.name
        assert record.source.line_start in numbers and record.source.line_end in numbers
    for item in items:
        assert item.list in ("representative", "extension")
    for person in people:
        assert person.gender in (None, "男", "女") and " " not in person.name
