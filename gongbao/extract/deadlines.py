"""Deadlines: the explicit time commitments in a task's text.

`find_deadlines("力争前期手续3月底办结70%以上，计划开工项目上半年开工75%", 2023)`
→ `[Deadline("2023-03-31", 0.7, "3月底办结70%以上"),
    Deadline("2023-06-30", 0.75, "上半年开工75%")]`.

What counts (resolved against the document's year unless a year is printed):

| printed | date |
|---|---|
| 上半年 / 下半年 | 06-30 / 12-31 |
| 一季度, 第一季度, 前三季度, 二季度末 … | end of that quarter |
| 年底, 年底前, 年末, 年内, 年度内, 全年 | 12-31 |
| 3月底, 3月末, 3月份, 3月前, 3月下旬 | end of March (上旬 → 10th, 中旬 → 20th) |
| 10月15日前 | that day |
| 3月至5月, 3-5月 | end of the range (05-31) |
| 2024年底, 2024年内, 2023年6月底前, 2024年一季度 | in the printed year |
| 力争2023年, 到2025年, 至2025年 (a cue word before a bare year) | that year's 12-31 |
| 今年底 / 明年底 | the document's year / the next |

What does not: recurring duties (每年3月底前, 每月, 每季度), relative spans
(2年内, 近3年, 3个月内, 24小时), durations (服务年限不少于5年), ranges of plan
years (2021-2035年, 2021年至2025年) and planning horizons (规划期限…近期至2025年,
远期至2035年: the span a plan covers, not a commitment), a
bare year without a cue word (2023年全市… is scope, not a date), bare months and
days without 底/末/份/前 or a cue word (12月4日 is an event), start points
(3月起, 2023年以来), past statements (截至2022年底, 去年底, 比2022年) and dates
before the document's year. Nothing ever gets a default date.

A share goes with the date it follows when a completion verb stands between
them (`3月底办结70%以上`, `上半年开工75%`, `10月底完成全年任务的85%`); the
deadline's text then runs to the end of the share.

The text is matched after NFKC (full-width digits and ％) with white space
removed; `Deadline.text` is the printed phrase with white space removed.
Entries repeating the same (date, share, text) are given once.
"""
from __future__ import annotations

import calendar
import re
from functools import lru_cache
import unicodedata
from typing import Callable, Optional, Sequence

from ..records import Deadline
from . import patterns as P

# 中文数字 → 整数（月、日、年份用到的范围）
_CN_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_int(text: str) -> Optional[int]:
    """'12' / '十二' / '二十一' / '二〇二三' → int; None when unreadable."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = _CN_DIGIT.get(tens, None) if tens else 1
        o = _CN_DIGIT.get(ones, None) if ones else 0
        return None if t is None or o is None else t * 10 + o
    digits = [_CN_DIGIT.get(ch) for ch in text]
    if not digits or None in digits:
        return None
    value = 0
    for d in digits:
        value = value * 10 + d
    return value


_M = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_D = r"(?:3[01]|[12][0-9]|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
_BEFORE = r"(?:之前|以前|前)"
_NO_NUM_BEFORE = r"(?<![\d.〇零一二三四五六七八九十])"

# 可选的提示词 + 可选的年份 + 时段
_PATTERN = re.compile(rf"""
 (?=[力争确计预截到至于在\d〇零一二三四五六七八九十今本当明次去上前下第年底末内全])   # 快速跳过
 (?P<cue>力争|争取|确保|力求|计划|预计|截至|截止到|截止|到|至|于|在)?
 (?:(?P<y>(?:19|20)\d\d|[〇零一二三四五六七八九]{{4}})年度?
   |(?P<rel>今年|本年度?|当年|明年|次年|去年|上年|前年))?
 (?P<period>
   (?P<half>上半年|下半年)(?:末|底)?(?:{_BEFORE})?
  |(?P<qpre>前)?第?(?P<q>[一二三四1-4])季度(?:末|底)?(?:{_BEFORE})?
  |{_NO_NUM_BEFORE}(?:(?P<m0>{_M})(?:月份?(?:初|上旬|中旬|下旬|底|末)?)?(?:-|—|–|~|至|到))?
     (?P<m>{_M})月(?:(?P<d>{_D})[日号]|(?P<xun>上旬|中旬|下旬)|(?P<eom>份底|底|末|份))?
     (?P<mb>{_BEFORE}|为止|止)?
  |(?P<ye>年底|年末)(?:{_BEFORE})?
  |(?P<yin>年内|年度内)
  |(?P<full>全年)
  |(?P<tail>底|末|内)(?:{_BEFORE})?
 )?
""", re.X)

# 提示词里只有这些能单独撑起一个光年份（力争2023年）
_YEAR_CUES = {"力争", "争取", "确保", "力求", "计划", "预计", "到", "至"}
_PAST_CUES = {"截至", "截止到", "截止"}
# 时间短语前面出现这些：周期性、过去、基准、起点 → 不是期限
_BAD_BEFORE = re.compile(
    r"(?:每个?(?:年度?|月|季度|季|半年|周|旬)|截至|截止到?|同比|相比|比|较|自|从|去年|上年|前年|近|过去)$")
# 规划期限的说法（近期至2025年、规划期至2035年）：规划的时间范围，不是承诺
_HORIZON_BEFORE = re.compile(r"(?:近期|中期|远期|规划期|期限|年限)(?:为|是)?[:：]?$")
# 提示词其实是别的词的一半：关于、达到、存在、甚至 …
_CUE_IN_WORD = re.compile(r"(?:[达受得做提遇感看收想]到|[关高低等大小由属对基鉴处位用]于|[存所现实正]在|[乃甚]至)$")
_RANGE_BEFORE = re.compile(r"(?:(?:19|20)\d\d|[〇零一二三四五六七八九]{4})年?(?:-|—|–|~|至|到)$")
_RANGE_AFTER = re.compile(r"(?:-|—|–|~|至|到)")     # the start of a range (2024年6月—…)
# 光年份后紧跟完成动词：2025年全面完成、2025年建成
_DONE_AFTER = re.compile(r"(?:前|底前)?(?:全面|基本|全部|如期|按期)?(?:完成|建成|完工|竣工|投用|投产|办结|实现全覆盖)")
_BAD_AFTER = re.compile(r"^(?:起|开始|以来|至今|以后|之后|后|前后)")
_SPAN_BEFORE = re.compile(r"[\d〇零一二三四五六七八九十两个几数多近]$")
_YIN_NOT = re.compile(r"^(?:部|容|涵)")
_FULL_NOT = re.compile(r"^(?:龄|候)")

# 期限后面跟着的完成比例：办结70%以上、开工75%、完成全年任务的85%、完成过半
_SHARE = re.compile(r"""
 (?P<gap>[^\d%,;:。!?、()]{0,6}?)
 (?:完成|办结|开工|建成|竣工|完工|投产|到位|签约|落地|拨付|支出|整改|办理|复工)
 (?:(?:全年|年度)?(?:目标|任务|计划|投资){0,2}(?:总量|总数)?的?|[\u4e00-\u9fff]{1,8}?的)   # 总工程量的
 (?:(?P<num>\d+(?:\.\d+)?)%(?P<bound>及以上|以上|左右)?|(?P<half>过半))
""", re.X)

# The look-backs above are anchored at the end: search only the tail of the text.
_cue_in_word, _horizon_before, _bad_before, _range_before, _span_before = (
    P.tail_search(p) for p in (_CUE_IN_WORD, _HORIZON_BEFORE, _BAD_BEFORE, _RANGE_BEFORE, _SPAN_BEFORE))

_QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


class _NfkcMap(dict):
    """Code point → its NFKC form with white space removed, filled as met (for
    `str.translate`). Characters that do not map to exactly one go to `_UNEVEN`."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch.isascii():
            value = "" if ch.isspace() else ch
        else:
            value = "".join(c for c in unicodedata.normalize("NFKC", ch) if not c.isspace())
        self[code] = value
        if len(value) != 1:
            _UNEVEN.add(ch)
        return value


_UNEVEN: set[str] = set()
_NFKC = _NfkcMap()
_uneven_search: Optional[Callable] = None   # a search for any character of _UNEVEN
_uneven_size = 0                            # len(_UNEVEN) when it was compiled


def _holds_uneven(text: str) -> bool:
    """`not _UNEVEN.isdisjoint(text)`, by one search (the set only grows, rarely)."""
    global _uneven_search, _uneven_size
    if len(_UNEVEN) != _uneven_size:
        _uneven_size = len(_UNEVEN)
        _uneven_search = re.compile("[" + "".join(map(re.escape, sorted(_UNEVEN))) + "]").search
    return _uneven_search is not None and _uneven_search(text) is not None


# Text of characters NFKC leaves alone (ASCII but white space, · — ‘ ’ “ ”, CJK
# punctuation, ideographs) and full-width forms of ASCII (，（）：；％ …), which
# NFKC maps to ASCII: the usual Chinese text, mapped without a look-up per character.
_PLAIN_OR_FULL_WIDTH = re.compile(
    "[\x21-\x7e\u00b7\u2014\u2018\u2019\u201c\u201d\u3001-\u3029\u3030-\u3035\u3037\u303b-\u303f"
    "\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff5e]*")
_FULL_WIDTH = re.compile("[\uff01-\uff5e]")


@lru_cache(maxsize=4096)
def normalize(text: str) -> tuple[str, Sequence[int]]:
    """NFKC with white space removed, and for each output char its index in `text`.
    Cached: the task stage asks for the same content for deadlines and targets."""
    if unicodedata.is_normalized("NFKC", text):
        norm = "".join(text.split())
        if len(norm) == len(text):
            return norm, range(len(text))
        return norm, tuple(i for i, ch in enumerate(text) if not ch.isspace())
    if _PLAIN_OR_FULL_WIDTH.fullmatch(text):
        norm = text
        for ch in set(_FULL_WIDTH.findall(text)):
            norm = norm.replace(ch, chr(ord(ch) - 0xFEE0))
        return norm, range(len(text))
    norm = text.translate(_NFKC)         # char by char, as the index map needs
    if not _holds_uneven(text):
        return norm, range(len(text))
    where: list[int] = []
    for i, ch in enumerate(text):
        n = len(_NFKC[ord(ch)])
        if n:
            where.extend([i] * n)
    return norm, tuple(where)


def _month_end(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _resolve(m: re.Match, year: int) -> Optional[tuple[int, int, int]]:
    """The (year, month, day) a matched period names, or None."""
    if m.group("y"):
        year = cn_int(m.group("y"))
    elif m.group("rel") in ("明年", "次年"):
        year += 1
    if year is None:
        return None
    if m.group("period") is None:
        return year, 12, 31              # 力争2023年
    if m.group("half"):
        return (year, 6, 30) if m.group("half") == "上半年" else (year, 12, 31)
    if m.group("q"):
        month, day = _QUARTER_END[cn_int(m.group("q"))]
        return year, month, day
    if m.group("m"):
        month = cn_int(m.group("m"))
        if not month or month > 12:
            return None
        if m.group("d"):
            day = cn_int(m.group("d"))
        elif m.group("xun") == "上旬":
            day = 10
        elif m.group("xun") == "中旬":
            day = 20
        else:
            day = _month_end(year, month)
        if not day or day > _month_end(year, month):
            return None
        return year, month, day
    return year, 12, 31                  # 年底、年内、全年、2024年底


def _accepted(m: re.Match, norm: str, core: int, cell: bool = False) -> bool:
    """Whether a match is a commitment (see the module doc for what is not).
    `cell`: the text is a time note (a 完成时限 cell or label), where a bare
    year, month or day is the date to finish by and a range ends at its end."""
    cue, period = m.group("cue"), m.group("period")
    has_year = bool(m.group("y") or m.group("rel"))
    if not has_year and not period:
        return False
    if cue in _PAST_CUES or m.group("rel") in ("去年", "上年", "前年"):
        return False
    before, after = norm[:m.start()], norm[m.end():]
    core_before = norm[:core]
    if cue and _cue_in_word(norm[:core]):
        return False
    if m.group("y") and _horizon_before(before):
        return False
    if _bad_before(before) or _BAD_AFTER.search(after):
        return False
    if cell and _RANGE_AFTER.match(after):
        return False                     # 完成时限：2024年6月—…: where a range starts
    if not cell and m.group("y") and (_range_before(core_before)
                                      or (cue in ("至", "到") and _range_before(before + cue))):
        return False
    if period is None:                   # 光年份：只认提示词（完成时限里的光年份也算），或紧跟完成动词（2025年全面完成）
        return cell or cue in _YEAR_CUES or _DONE_AFTER.match(after) is not None
    if m.group("tail") and not has_year:
        return False
    if m.group("yin") and not has_year and _span_before(core_before):
        return False                     # 2年内、三年内：相对期限
    if period.endswith("内") and _YIN_NOT.search(after):
        return False                     # 年内部审计
    if m.group("full") and _FULL_NOT.search(after):
        return False
    if m.group("m") and not (m.group("eom") or m.group("xun") or m.group("m0") or m.group("mb")):
        return cell or (bool(cue) and cue not in _PAST_CUES)   # 光月份/日期：要有提示词
    return True


def _share(norm: str, end: int) -> tuple[Optional[float], int]:
    """A share right after a date phrase ending at `end`: (share, new end)."""
    s = _SHARE.match(norm, end)
    if not s:
        return None, end
    if s.group("half"):
        return 0.5, s.end()
    value = float(s.group("num"))
    if not 0 < value <= 100:
        return None, end
    return round(value / 100, 4), s.end()


# Characters whose NFKC form holds neither a key character nor a digit (checked
# over every character of these ranges): CJK ideographs, ASCII, common CJK
# punctuation. Full-width forms (，（）％ …) map to ASCII.
_PLAIN = (r"\u4e00-\u9fff\x00-\x7f\u3001-\u3003\u3008-\u3011\u3014-\u301b"
          r"\u2018\u2019\u201c\u201d\u2014\u00b7\u2026")
_NOT_PLAIN_KEY = re.compile(rf"[^{_PLAIN}\uff01-\uff5e]")


def may_hold_key(text: str) -> bool:
    """False when `text` has no key character after normalize(): no deadline."""
    return _KEY_CHAR.search(text) is not None or _NOT_PLAIN_KEY.search(text) is not None


_ASCII_DIGIT = re.compile("[0-9]")
_NOT_PLAIN_DIGIT = re.compile(rf"[^{_PLAIN}\uff01-\uff0f\uff1a-\uff5e]")


def may_hold_digit(text: str) -> bool:
    """False when `text` has no digit after normalize() (full-width digits are ０-９)."""
    return _ASCII_DIGIT.search(text) is not None or _NOT_PLAIN_DIGIT.search(text) is not None


# Every accepted match holds one of these: a year or relative year (…年), a
# quarter (季度), a month (月), or an end word (底, 末, 内).
_KEY_CHAR = re.compile("[年季月底末内]")


@lru_cache(maxsize=4096)
def _candidates(norm: str, cell: bool = False) -> tuple[tuple[int, re.Match, int, Optional[float], int], ...]:
    """The accepted matches in `norm`, whatever the year: (match start, match,
    span start, share, span end). Cached: deadlines and targets both ask."""
    out = []
    if not _KEY_CHAR.search(norm):
        return ()
    for m in _PATTERN.finditer(norm):
        if m.end() == m.start():
            continue
        # 核心短语的起点：光年份带上提示词（力争2023年），其余不带
        core = m.start("cue") + len(m.group("cue")) if m.group("cue") else m.start()
        if not _accepted(m, norm, core, cell):
            continue
        start = m.start() if m.group("period") is None else core
        share, end = _share(norm, m.end())
        out.append((m.start(), m, start, share, end))
    return tuple(out)


def deadline_spans(norm: str, year: int, cell: bool = False) -> list[tuple[int, int, tuple[int, int, int], Optional[float], int]]:
    """Accepted deadlines in normalized text: (start, end, (y, m, d), share, match end).

    `start` includes the cue of a bare year (力争2023年); `end` runs to the end of
    the share when there is one. Dates before `year` are kept here; callers drop them.
    """
    spans = []
    pos = 0
    for m_start, m, start, share, end in _candidates(norm, cell):
        if m_start < pos:
            continue
        ymd = _resolve(m, year)
        if ymd is None:
            continue
        pos = end
        spans.append((start, end, ymd, share, m.end()))
    return spans


# A date printed with dots in a time cell: 2024.6, 2024.06.30, 2024/6/30
# (a range 2024.3-2024.6 ends at its end).
_DOTTED = re.compile(r"(?<![\d.])((?:19|20)\d\d)[./](1[0-2]|0?[1-9])(?:[./](3[01]|[12]\d|0?[1-9]))?(?![\d.]|月)"
                     r"(?!\s*(?:-|—|–|~|至|到))")


def _dotted(norm: str, spans: list) -> list:
    out = []
    for m in _DOTTED.finditer(norm):
        if any(s < m.end() and m.start() < e for s, e, *_ in spans):
            continue
        y, mo = int(m.group(1)), int(m.group(2))
        d = int(m.group(3)) if m.group(3) else _month_end(y, mo)
        if d <= _month_end(y, mo):
            out.append((m.start(), m.end(), (y, mo, d), None, m.end()))
    return out


def find_deadlines(content: str, year: int, cell: bool = False) -> list[Deadline]:
    """Explicit deadlines in `content`, in text order, for a document of `year`.
    `cell`: `content` is a time note beside a task (a 完成时限 column or label),
    where a bare date (2024年6月, 2025年) or the end of a range (2024—2025年)
    is the date to finish by."""
    if not content or not year or not (may_hold_key(content) or (cell and may_hold_digit(content))):
        return []
    norm, where = normalize(content)
    found: list[Deadline] = []
    seen: set[tuple] = set()
    spans = deadline_spans(norm, year, cell)
    if cell and ("." in norm or "/" in norm):
        spans = sorted(spans + _dotted(norm, spans))
    for start, end, ymd, share, _ in spans:
        if ymd[0] < year:
            continue
        text = "".join(content[where[start]:where[end - 1] + 1].split())
        item = (f"{ymd[0]:04d}-{ymd[1]:02d}-{ymd[2]:02d}", share, text)
        if item not in seen:
            seen.add(item)
            found.append(Deadline(*item))
    return found
