"""Paragraph reflow: lines broken by the print width are joined; a paragraph's
first line, printed with a two-character indent that text extraction drops,
counts as full two ems sooner."""
from gongbao.extract.lines import Line
from gongbao.extract.reflow import paragraphs


def _lines(*texts):
    return [Line(t, i + 1) for i, t in enumerate(texts)]


def test_indented_first_line_joins_its_continuation():
    paras = paragraphs(_lines(
        "一、对本规划的主要内容和范围予",          # 15 ems: the indented first line, full
        "以明确。规划期限为二零二五年至二〇三",     # 18 ems: a full line
        "五年，分近期和远期两个阶段实施推进工作。",   # 20: full
        "二、规划范围",                            # a heading starts a new paragraph
        "东至新石路，西至七支渠，南至南环路，北至",
        "北外环。",
    ), measure=18)
    assert [p.text for p in paras] == [
        "一、对本规划的主要内容和范围予以明确。规划期限为二零二五年至二〇三五年，分近期和远期两个阶段实施推进工作。",
        "二、规划范围",
        "东至新石路，西至七支渠，南至南环路，北至北外环。",
    ]


def test_a_short_first_line_is_a_paragraph_of_its_own():
    paras = paragraphs(_lines("各有关单位：", "现将有关事项通知如下，请认真贯彻落实到位。"), measure=18)
    assert [p.text for p in paras] == ["各有关单位：", "现将有关事项通知如下，请认真贯彻落实到位。"]


def test_short_line_inside_a_paragraph_still_ends_it():
    paras = paragraphs(_lines("第一段开头的一行文字写满了整整一行啊啊", "结束。", "第二段。"), measure=18)
    assert [p.text for p in paras] == ["第一段开头的一行文字写满了整整一行啊啊结束。", "第二段。"]
