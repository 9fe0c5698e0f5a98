"""Task-table rows split over a page break, as PDF text extraction prints
them: the part of each cell that fits on the first page, then the page
furniture (running header, page number, sometimes the table header again),
then the rest of each cell. A row must read exactly as it does unbroken.

The tables are generated: a few column layouts, cells wrapped at given
widths, a page break put at a given line inside a given row. Documents of
our own: invented places and units."""
from __future__ import annotations

import pytest

from gongbao.extract.pipeline import extract_text
from tests.extract.printer import wrap

# (heading, content, lead, cooperate, time) per row
ROWS = [
    ("农田水利建设", "实施高标准农田建设项目，新建高标准农田2.5万亩，改造提升中低产田1.2万亩，同步完善田间灌排、机耕道路和农田防护林网等配套设施，确保当年建成当年见效。",
     "临川市农业农村局", "临川市水利局、临川市财政局", "2024年11月底前"),
    ("城乡供水保障", "推进城乡供水一体化，新建改造供水管网120公里，农村自来水普及率达到96%以上，完成12座千吨万人供水工程提质增效，提升城乡供水保障能力和应急供水水平。",
     "临川市水利局", "临川市住房和城乡建设局、各县（区）人民政府", "2024年12月底前"),
    ("水环境治理", "开展重点流域水环境综合治理，完成入河排污口整治45个，国考断面水质优良比例保持100%，县级以上集中式饮用水水源地水质达标率保持100%。",
     "临川市生态环境局", "临川市水利局、临川市自然资源和规划局", "2024年9月底前"),
    ("养老服务提升", "新建改建社区养老服务中心18个，完善社区嵌入式服务设施，每个县（区）至少建成1所县级失能照护服务机构，提升基层养老服务供给能力。",
     "临川市民政局", "临川市发展和改革委员会、临川市卫生健康委员会", "2024年10月底前"),
]

# layout: (header row, the cells printed per row, from heading/content/lead/cooperate/time)
LAYOUTS = {
    "lead_coop_time": ("序号 工作任务 牵头单位 配合单位 完成时限", ("content", "lead", "coop", "time")),
    "task_lead_coop_time": ("序号 重点任务 主要内容 牵头单位 配合单位 完成时限",
                            ("heading", "content", "lead", "coop", "time")),
    "responsible": ("序号 工作任务 责任单位", ("content", "units")),
    "task_responsible_time": ("序号 重点任务 工作措施 责任单位 完成时限", ("heading", "content", "units", "time")),
}
# widths (heading, content, unit columns, time)
WIDTHS = [(4, 18, 8, 6), (6, 22, 9, 8), (4, 16, 7, 6), (4, 20, 10, 8), (4, 14, 6, 5), (4, 15, 11, 10), (6, 15, 11, 10)]

HEADER = ("2024年第5期 临川市人民政府公报", "临川市人民政府公报 2024年第5期")


def _cells(layout: str, row, widths) -> list[list[str]]:
    heading, content, lead, coop, time = row
    hw, cw, uw, tw = widths
    text = {"heading": (heading, hw), "content": (content, cw), "lead": (lead, uw), "coop": (coop, uw),
            "units": (f"{lead}、{coop}", uw), "time": (time, tw)}
    return [wrap(*text[name]) for name in LAYOUTS[layout][1]]


def _furniture(page: int, repeat_header: str | None) -> list[str]:
    out = [HEADER[page % 2], f"— {page} —"]
    return out + [repeat_header] if repeat_header else out


def split_doc(layout: str, widths, cut_row: int | None, cut, repeat: bool, number_line: bool = False,
              rows=None) -> str:
    """The notice with its task table; row `cut_row` (1-based) broken by a
    page: cut = ("line", L) breaks the row at its L-th printed line, each
    cell printing its first L lines on the first page and the rest after the
    furniture (cells are top-aligned); cut = ("cell", c) prints cells 0..c-1
    (the number being cell 0) on the first page, the others after it.
    `number_line`: the number printed on one line with the first line of the
    cell after it (the row's first line read across)."""
    header = LAYOUTS[layout][0]
    out = ["临川市人民政府办公室", "关于印发临川市2024年民生实事任务分工的通知", "临政办发〔2024〕12号",
           "各县（区）人民政府，市政府各部门：", "现将《临川市2024年民生实事任务分工》印发给你们，请认真抓好落实。",
           "临川市人民政府办公室", "2024年3月8日", "（此件公开发布）"]
    page = 6
    out += _furniture(page, None)        # a page break before the attachment
    page += 1
    out += ["附件", "临川市2024年民生实事任务分工", header]
    for n, row in enumerate(rows or ROWS, 1):
        cells = [[str(n)]] + _cells(layout, row, widths)
        if n != cut_row:
            first, rest = cells, []
        elif cut[0] == "line":
            first, rest = [c[:cut[1]] for c in cells], [c[cut[1]:] for c in cells]
        else:
            first, rest = cells[:cut[1]], cells[cut[1]:]
        if number_line:
            first = [[f"{n} {first[1][0]}"], first[1][1:]] + first[2:]
        out += [ln for c in first for ln in c]
        if n != cut_row:
            continue
        out += _furniture(page, header if repeat else None)
        page += 1
        out += [ln for c in rest for ln in c]
    return "\n".join(out) + "\n"


def _expected(layout: str):
    roles = []
    for _, _, lead, coop, _ in ROWS:
        if layout == "responsible" or layout == "task_responsible_time":
            roles.append([(u, "responsible") for u in [lead] + coop.split("、")])
        else:
            roles.append([(lead, "lead")] + [(u, "cooperate") for u in coop.split("、")])
    return roles


# row 2 with a short content: its unit cells are the taller, cut while the content is whole
SHORT_ROWS = ROWS[:1] + [(ROWS[1][0], "新建城市公园5个，口袋公园20个。") + ROWS[1][2:]] + ROWS[2:]


def _read(text: str):
    return {t.key: t for t in extract_text(text, "linchuan.txt").tasks}


def _summary(tasks):
    return {k: (t.content, t.heading, [(r.unit, r.role) for r in t.responsibilities], [d.date for d in t.deadlines])
            for k, t in tasks.items()}


def cases():
    """(layout, widths, row, cut, repeat, number_line) for the shapes a page break gives:
    the content cut with every short cell whole on the first page (the
    commonest), the content cut and a unit or time cell with it (县生态环境 /
    分局 across the break) or the 任务 cell before it (农田水利 / 建设), the
    break between two cells; the number alone on its line or sharing it
    with the next cell's first line."""
    out = []
    for layout in LAYOUTS:
        for w in WIDTHS:
            for row in (2, 3):
                cells = [[str(row)]] + _cells(layout, ROWS[row - 1], w)
                names = ("number",) + LAYOUTS[layout][1]
                content_at = names.index("content")
                n_content = len(cells[content_at])
                for repeat in (False, True):
                    for line in range(1, n_content):
                        out.append((layout, w, row, ("line", line), repeat, False))
                        if not repeat:
                            out.append((layout, w, row, ("line", line), repeat, True))
                    for at in range(content_at + 1, len(cells)):
                        # between the content and the next cell, or between two later cells
                        out.append((layout, w, row, ("cell", at), repeat, False))
    return out


def _id(case):
    layout, w, row, (kind, at), repeat, number_line = case
    return f"{layout}-{'x'.join(map(str, w))}-r{row}-{kind}{at}{'-hdr' if repeat else ''}{'-num' if number_line else ''}"


@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("widths", WIDTHS)
def test_unbroken_table(layout, widths):
    tasks = _read(split_doc(layout, widths, None, None, False))
    assert sorted(tasks) == ["1", "2", "3", "4"]
    assert [tasks[str(k)].content for k in range(1, 5)] == [r[1] for r in ROWS]
    assert [[(r.unit, r.role) for r in tasks[str(k)].responsibilities] for k in range(1, 5)] == _expected(layout)
    headings = [r[0] for r in ROWS] if "heading" in LAYOUTS[layout][1] else [None] * 4
    assert [tasks[str(k)].heading for k in range(1, 5)] == headings


@pytest.mark.parametrize("case", cases(), ids=_id)
def test_row_split_over_a_page_break(case):
    layout, widths, row, cut, repeat, number_line = case
    whole = _summary(_read(split_doc(layout, widths, None, None, False, number_line)))
    broken = _summary(_read(split_doc(layout, widths, row, cut, repeat, number_line)))
    assert broken == whole
    roles = _expected(layout)
    assert [(broken[str(k)][0], broken[str(k)][2]) for k in range(1, 5)] == [(r[1], roles[k]) for k, r in enumerate(ROWS)]


def short_cases():
    """Row 2's content whole on the first page, a taller unit (or time) cell
    cut: the next page holds that cell's tail only."""
    out = []
    for layout in LAYOUTS:
        for w in WIDTHS:
            cells = [["2"]] + _cells(layout, SHORT_ROWS[1], w)
            content = len(cells[(("number",) + LAYOUTS[layout][1]).index("content")])
            for line in range(content, max(len(c) for c in cells)):
                out += [(layout, w, 2, ("line", line), repeat, False) for repeat in (False, True)]
    return out


@pytest.mark.parametrize("case", short_cases(), ids=_id)
def test_taller_cell_split_over_a_page_break(case):
    layout, widths, row, cut, repeat, number_line = case
    whole = _summary(_read(split_doc(layout, widths, None, None, False, number_line, SHORT_ROWS)))
    broken = _summary(_read(split_doc(layout, widths, row, cut, repeat, number_line, SHORT_ROWS)))
    assert broken == whole
    roles = _expected(layout)
    assert [(broken[str(k)][0], broken[str(k)][2]) for k in range(1, 5)] == \
        [(r[1], roles[k]) for k, r in enumerate(SHORT_ROWS)]
