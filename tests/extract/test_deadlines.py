"""Deadlines: the gold measurement, phrases of our own (positive and negative),
other years, and a property test."""
import datetime
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongbao.extract.deadlines import find_deadlines







def dl(text, year=2023):
    return [(d.date, d.share, d.text) for d in find_deadlines(text, year)]


@pytest.mark.parametrize("text, expected", [
    ("力争前期手续 3 月底办结 70%以上", [("2023-03-31", 0.7, "3月底办结70%以上")]),
    ("计划开工项目上半年开工 75%", [("2023-06-30", 0.75, "上半年开工75%")]),
    ("当年投资任务10 月底完成 85%。", [("2023-10-31", 0.85, "10月底完成85%")]),
    ("上半年完成改造，年底前全面关停", [("2023-06-30", None, "上半年"), ("2023-12-31", None, "年底前")]),
    ("下半年启动试点", [("2023-12-31", None, "下半年")]),
    ("年内完成不少于8个社区创建", [("2023-12-31", None, "年内")]),
    ("全年签约项目100亿元以上", [("2023-12-31", None, "全年")]),
    ("年末前完成验收", [("2023-12-31", None, "年末前")]),
    ("一季度完成招标", [("2023-03-31", None, "一季度")]),
    ("第二季度末前完成", [("2023-06-30", None, "第二季度末前")]),
    ("三季度完成", [("2023-09-30", None, "三季度")]),
    ("第四季度", [("2023-12-31", None, "第四季度")]),
    ("前三季度完成全年任务的75%", [("2023-09-30", 0.75, "前三季度完成全年任务的75%")]),
    ("3月末完成", [("2023-03-31", None, "3月末")]),
    ("3月份出台方案", [("2023-03-31", None, "3月份")]),
    ("6月份所属单位全部进驻", [("2023-06-30", None, "6月份")]),
    ("3月前报送", [("2023-03-31", None, "3月前")]),
    ("2月底前完成", [("2023-02-28", None, "2月底前")]),
    ("10月15日前完成", [("2023-10-15", None, "10月15日前")]),
    ("十月底前完成", [("2023-10-31", None, "十月底前")]),
    ("十二月中旬前", [("2023-12-20", None, "十二月中旬前")]),
    ("5月上旬", [("2023-05-10", None, "5月上旬")]),
    ("9月下旬完成", [("2023-09-30", None, "9月下旬")]),
    ("3月至5月开展专项行动", [("2023-05-31", None, "3月至5月")]),
    ("4-6月集中整治", [("2023-06-30", None, "4-6月")]),
    ("力争2023年行业企业标准化创建率达50%", [("2023-12-31", None, "力争2023年")]),
    ("2023年6月底前完成", [("2023-06-30", None, "2023年6月底前")]),
    ("力争2024年底建成", [("2024-12-31", None, "2024年底")]),
    ("2024年一季度投用", [("2024-03-31", None, "2024年一季度")]),
    ("2025年上半年", [("2025-06-30", None, "2025年上半年")]),
    ("到2025年，覆盖率达到90%", [("2025-12-31", None, "到2025年")]),
    ("二〇二四年底前", [("2024-12-31", None, "二〇二四年底前")]),
    ("今年底前全部完成", [("2023-12-31", None, "今年底前")]),
    ("明年上半年投产", [("2024-06-30", None, "明年上半年")]),
    ("计划6月开工", [("2023-06-30", None, "6月")]),
    ("确保年底前完成过半", [("2023-12-31", 0.5, "年底前完成过半")]),
    # full-width digits and ％, spaces between numbers and CJK
    ("３ 月 底 办结 ７０％以上", [("2023-03-31", 0.7, "3月底办结70％以上".replace("3", "３").replace("70", "７０"))]),
    ("２０２４ 年 ６ 月 底前", [("2024-06-30", None, "２０２４年６月底前")]),
])
def test_deadline_phrases(text, expected):
    assert dl(text) == expected


@pytest.mark.parametrize("text", [
    "各级安委会每月至少召开一次会议",
    "每年3月底前报送上一年度报告",
    "每季度开展一次督导",
    "每年年底前报送",
    "服务年限不少于5年",
    "对近3年发生过较大事故的县开展重点巡查",
    "实行24小时值班",
    "3个工作日内办结",
    "6个月内完成整改",
    "力争2年内形成快速内环",
    "三年内完成",
    "持续推进，加快建设，尽快落地，及时处置",
    "规划期限为2021-2035年",
    "2021年至2025年",
    "近期至2025年，远期至2035年",
    "规划期限：2020年—2035年",
    "截至2022年底，已建成",
    "去年底完成",
    "上年底",
    "比2022年增长10%",
    "较上年同期下降",
    "自3月起施行",
    "本办法自2023年3月1日起施行",
    "2023年以来",
    "关于2023年度工作的通知",
    "达到2025年水平",
    "12月4日国家宪法日",
    "2月30日前",
    "2023年全市安全生产工作要以…为指导",
    "年度执法计划",
    "力争年营业收入突破2000亿元",
    "当年投资任务",
    "开展2023年内部审计",
    "全年龄段覆盖",
    "安全生产月、消防宣传月",
    "春节前、汛期前完成排查",
    "2022年12月底前完成",
    "",
])
def test_no_deadline(text):
    assert dl(text) == []


def test_other_years():
    assert dl("年底前完成", 2024) == [("2024-12-31", None, "年底前")]
    assert dl("2月底前完成", 2024) == [("2024-02-29", None, "2月底前")]
    assert dl("上半年开工80%", 2021) == [("2021-06-30", 0.8, "上半年开工80%")]
    assert dl("力争2025年建成", 2025) == [("2025-12-31", None, "力争2025年")]
    # a printed year before the document's year is history, not a commitment
    assert dl("2023年底前完成", 2024) == []
    assert dl("年内完成", 0) == []


def test_text_order_and_duplicates():
    text = "年内开工，全年完成，3月底前启动，年内开工"
    assert dl(text) == [("2023-12-31", None, "年内"), ("2023-12-31", None, "全年"),
                        ("2023-03-31", None, "3月底前")]


def test_share_belongs_to_its_own_date():
    assert dl("6月底前完成80%，年底前全部完成") == [
        ("2023-06-30", 0.8, "6月底前完成80%"), ("2023-12-31", None, "年底前")]
    # a rate after a date is a target, not a share of the work
    assert dl("年底前覆盖率达到95%") == [("2023-12-31", None, "年底前")]


# --- property -----------------------------------------------------------------

ALPHABET = st.sampled_from(list(
    "0123456789０１２３４５６７８９年月日底末前内上下半季度第一二三四五六七八九十〇"
    "全今明去每力争到至截比起份旬中%％以上完成办结开工，、。 -—的项目"))


def _stated_years(text: str) -> set[int]:
    norm = unicodedata.normalize("NFKC", "".join(text.split()))
    years = {int(y) for y in re.findall(r"\d{4}", norm)}
    digits = dict(zip("〇零一二三四五六七八九", "0012345678 9".replace(" ", "")))
    for y in re.findall(r"[〇零一二三四五六七八九]{4}", norm):
        years.add(int("".join(digits[c] for c in y)))
    return years


@settings(max_examples=300)
@given(st.text(ALPHABET, max_size=60), st.integers(min_value=1990, max_value=2060))
def test_deadlines_are_valid_dates_of_the_year_or_a_stated_year(text, year):
    found = find_deadlines(text, year)
    squeezed = "".join(text.split())
    stated = _stated_years(text)
    for d in found:
        date = datetime.date.fromisoformat(d.date)          # valid ISO date
        assert date.year >= year
        assert date.year == year or date.year in stated or (
            date.year == year + 1 and ("明年" in squeezed or "次年" in squeezed)), (text, d)
        assert d.share is None or 0 < d.share <= 1
        assert d.text and d.text in squeezed
    assert len({(d.date, d.share, d.text) for d in found}) == len(found)
