"""find_lines (one search over all lines) finds the lines a search of each line finds."""
import re

from hypothesis import given
from hypothesis import strategies as st

from gongbao.extract.furniture import _CONTACT_START, _NAMES_GAZETTE, _PAGE_NUMBER_START
from gongbao.extract.groups import _ROLE_START
from gongbao.extract import patterns as P
from gongbao.extract.lines import Line, find_lines
from gongbao.extract.segment import _ABOUT, _HEAD_LAST_AT_END

PATTERNS = [re.compile(r"\n[序附]"), re.compile("日[ \n]*\n"), re.compile("关于"), re.compile(r"\n[^\S\n]*[组成]"),
            _CONTACT_START, _NAMES_GAZETTE, _PAGE_NUMBER_START, _ROLE_START, _ABOUT]
AT_END = [_HEAD_LAST_AT_END, re.compile("\n(?<=[日局]\n)")]

texts = st.lists(st.text(st.sampled_from(list("序附日关于组成长咨询公政报局委会 \n\t1—第")), max_size=8), max_size=12)


@given(texts)
def test_find_lines_is_the_search_of_each_line(items):
    lines = [Line(t, no) for no, t in enumerate(items, start=1)]
    for pattern in PATTERNS:
        assert find_lines(lines, pattern) == [
            i for i, ln in enumerate(lines) if pattern.search("\n" + ln.text + "\n")]
    for pattern in AT_END:
        assert find_lines(lines, pattern, at_end=True) == [
            i for i, ln in enumerate(lines) if pattern.search("\n" + ln.text + "\n", 1)]


def test_space_chars_are_white_space_but_the_break():
    spaces = re.compile("[" + P.SPACE_CHARS + "]")
    assert all(bool(spaces.match(ch)) == (ch.isspace() and ch != "\n")
               for ch in map(chr, range(0x3001)))
    assert all(not spaces.match(chr(c)) for c in range(0x3001, 0x10000))


def test_find_lines_on_lines_without_breaks():
    lines = [Line(t, no) for no, t in enumerate(["序号 名称", "一、组长：张三", "", "附件", "2023年2月1日 ",
                                                 "某市人民政府", "关于印发的通知"], start=1)]
    assert find_lines(lines, PATTERNS[0]) == [0, 3]
    assert find_lines(lines, PATTERNS[1]) == [4]
    assert find_lines(lines, _ABOUT) == [6]
    assert find_lines(lines, _HEAD_LAST_AT_END, at_end=True) == [2, 3, 5]   # "", 附件, 政府
