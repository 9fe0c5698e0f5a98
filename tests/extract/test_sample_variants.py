"""The sample gazette in other shapes must give the same records: re-wrapped
at other widths, another city's name with other page headers, GBK-encoded."""
import re

import pytest

from gongbao.extract.pipeline import extract_path, extract_text
from gongbao.extract.reflow import width as em
from tests.extract.printer import NO_LINE_START

STRUCTURE = re.compile(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|附件|牵头单位|配合单位|责任单位)")
BOX = re.compile(r"^(咨询单位|咨询电话|咨 询)|〔\d{4}〕|^关于|(通知|批复|通报)$|^\S{2,12}(政府|办公室)$")   # boxes, heads, signatures: kept
TABLEISH = re.compile(r"[\u4e00-\u9fff）] [\u4e00-\u9fff（]")   # spaces between CJK: table cells, name lists


def _flowing(line: str) -> bool:
    return not TABLEISH.search(line.strip()) and not BOX.search(line.strip())


def rewrap(text: str, width: int) -> str:
    """Join flowing paragraphs (as a reader would) and break them again at
    `width` characters. Table rows, boxes and narrow cell lines stay as printed."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    out: list[str] = []
    para: list[str] = []

    def flush():
        if para:
            joined = "".join(para)
            i = 0
            while i < len(joined):
                j = min(i + width, len(joined))
                while j < len(joined) and joined[j] in NO_LINE_START:
                    j += 1
                out.append(joined[i:j])
                i = j
            para.clear()

    def measure(k):
        around = sorted(em(lines[j]) for j in range(k - 4, k + 5)
                        if 0 <= j < len(lines) and _flowing(lines[j]) and em(lines[j]) >= 12)
        # only inside running text (several long lines around) is a line rewrapped
        return around[len(around) // 2] if len(around) >= 4 else None

    for k, line in enumerate(lines):
        nxt = lines[k + 1] if k + 1 < len(lines) else ""
        if not _flowing(line) or (not para and em(line) < 12) or measure(k) is None:
            flush()
            out.append(line)
            continue
        if para and STRUCTURE.match(line):
            flush()
        para.append(line)
        if (em(line) < measure(k) - 1.5 or line.endswith(("：", ":")) or STRUCTURE.match(nxt)
                or not _flowing(nxt) or (line.endswith(("。", "；")) and em(nxt) < 12)):
            flush()
    flush()
    return "\n\n".join(out) + "\n"


def records(result, strip=("source", "body", "contact_source", "targets", "cites")):
    def clean(value):
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items() if k not in strip}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value
    data = result.to_dict()
    return {name: clean(data[name]) for name in result.RECORD_TYPES}


@pytest.fixture(scope="module")
def expected(sample_result):
    return records(sample_result)


@pytest.mark.parametrize("width", [22, 30])
def test_rewrapped_sample_gives_the_same_records(sample_text, expected, width):
    text = rewrap(sample_text, width)
    assert text != sample_text
    got = records(extract_text(text, "rewrapped.txt"))
    for name in expected:
        assert got[name] == expected[name], name


CITY = [("吕梁", "云州"), ("吕政", "云政")]
CITY_IN_TEXT = [(re.compile(r"吕(\s*)梁"), r"云\1州"), (re.compile(r"吕(\s*)政"), r"云\1政")]


def recity(value):
    if isinstance(value, str):
        for old, new in CITY:
            value = value.replace(old, new)
        return value
    if isinstance(value, dict):
        return {k: recity(v) for k, v in value.items()}
    if isinstance(value, list):
        return [recity(v) for v in value]
    return value


def test_other_city_other_headers_gbk(sample_text, expected, tmp_path):
    text = sample_text
    for pattern, repl in CITY_IN_TEXT:      # also where a line break splits the name
        text = pattern.sub(repl, text)
    # other running headers and page-number style
    text = re.sub(r"^.*云州市人民政府公报 2023·2.*$", "云州政报 2023年第2期（总第88期）", text, flags=re.M)
    text = re.sub(r"^— (\d+) —$", r"- \1 -", text, flags=re.M)
    path = tmp_path / "yunzhou.txt"
    path.write_bytes(text.encode("gb18030"))
    result = extract_path(path)
    assert result.gazette == {"title": "云州政报", "issue": "2023年第2期"}
    assert records(result) == recity(expected)


@pytest.mark.parametrize("style", ["·{}·", "第{}页", "（{}）", "{}"])
def test_other_page_number_styles(sample_text, sample_result, style):
    """Page numbers printed ·3·, 第3页, （3） or as a bare number are page
    furniture too; a bare or bracketed one only where the running headers stand."""
    text = re.sub(r"^\s*— (\d+) —\s*$", lambda m: style.format(m.group(1)), sample_text, flags=re.M)
    assert text != sample_text
    result = extract_text(text, "restyled.txt")
    assert records(result) == records(sample_result)
    assert [d.body for d in result.documents] == [d.body for d in sample_result.documents]
    assert [t.source.page for t in result.tasks] == [t.source.page for t in sample_result.tasks]


def test_row_numbers_next_to_headers_stay_when_pages_are_numbered():
    """A table's row numbers that open pages stay rows: the pages here carry
    their own numbers, so no bare number is taken for one."""
    from tests.extract.printer import Page, head, signature

    page = Page(header="云溪县人民政府公报 2024年第5期", page_lines=4, first_page=2, number_style="— {} —")
    head(page, "云溪县人民政府", "关于做好2024年防汛抗旱工作的通知", "云政发〔2024〕3号", "各乡（镇）人民政府", 30)
    signature(page, "云溪县人民政府", "2024年4月2日")
    page.add("序号 重点任务 牵头单位 配合单位")
    for n in range(1, 6):
        page.add(str(n), f"完成第{n}批山塘整治任务。", "县水务局", "各乡（镇）人民政府")
    result = extract_text(page.text(), "yunxi.txt")
    assert [t.key for t in result.tasks] == ["1", "2", "3", "4", "5"]
