"""Targets: the quantities a task's text commits to.

`find_targets("地区生产总值增长6.5%左右")` →
`[Target("地区生产总值", 6.5, "%", "增长…左右", "地区生产总值增长6.5%左右")]`.

Representation (one field, `comparator`, holds the whole relation):

* the relation or action word printed before the number, as printed:
  增长, 下降, 提高, 达到, 达, 突破, 超过, 控制在, 稳定在, 不少于, 不低于,
  不超过, 新建, 新增, 培育, 引进, 完成 …; a word of degree printed with it stays
  (再提高, 完成不少于);
* a bound printed after the quantity joins it behind "…", the place of the
  number: 以上, 以内, 以下, 左右, 上下, 余, 多 — so `增长6.5%左右` gives
  `增长…左右`, `控制在5.5%以内` gives `控制在…以内`, `新建10座以上` gives
  `新建…以上`, and a bound alone gives `…以上`;
* None when nothing relates the quantity (`城镇新增就业4万人`: the verb is
  inside the metric).

`value` is the printed number (a range `3-5个` gives its lower end) and `unit`
the printed unit with its magnitude (亿元, 万吨, 亿立方米, 个百分点, %, 座).
`metric` is what is counted or measured: the noun before a relation word
(`产量突破35亿立方米` → 产量), the object after an action word
(`新建5G基站2000座` → 5G基站; `启动8个新建接续煤矿项目` → 新建接续煤矿项目), or
the noun printed after the quantity. Items of an enumeration share the verb
(`新增贷款300亿元、各类融资1000亿元以上`).

Not a target: years, dates and deadline shares (deadlines.py has them), ranks
(后50位, 第3), grades (5A级, 500亿级), serials (G20, 国道209, 12345), numbers
without a unit, quantities listed as examples (`临川金达10万吨LNG等…`),
and a measured size printed before a named thing — the scale of a project, not
a commitment (`推进晋能300万千瓦太阳能高效组件`) — unless a verb of result
stands before it (`完成94万亩水土流失治理`, `形成400万吨…生产规模`).
Chinese numerals are not read (一批, 九大中心, 两个).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Optional

from ..records import Target
from . import patterns as P
from .deadlines import deadline_spans, may_hold_digit, normalize

_MAG = r"(?:万亿|亿|万|千|百)"
# 计数的量词：后面跟着的名词就是指标
_COUNT = ("个|座|处|家|所|条|项|名|位|户|人次|人|件|台|套|辆|架|艘|部|张|床|间|栋|幢|场|"
          "次|批|只|头|棵|株|根|口|眼|对|宗|笔|本|册|种|类|支|期")
# 度量单位：后面跟着名词时多是项目规模
_MEASURE = ("个百分点|百分点|%|‰|微克/立方米|毫克/立方米|平方公里|平方千米|平方米|立方米|"
            "公里|千米|米|公顷|亩|吨标准煤|吨|千克|公斤|斤|千瓦时|千瓦|瓦|度电|美元|元|"
            "标准箱|箱|个工作日|个月|年|天|小时|倍|MW|GW|kW|KW|km")
_UNIT = rf"(?:{_MAG}?(?:{_MEASURE}|{_COUNT})(?:/(?:年|日|天|小时))?|{_MAG})"
# The digit comes first so that the regex engine can skip ahead to digits;
# the look-behind then checks the character before it.
_QUANTITY = re.compile(rf"""
 (?P<num>\d(?<![A-Za-z\d.×·+/\-]\d)\d*(?:\.\d+)?)(?:(?:-|~|至|到)\d+(?:\.\d+)?)?
 (?P<approx>余|多)?
 (?P<unit>{_UNIT})
 (?P<bound>及以上|以上|以下|以内|之内|左右|上下)?
 (?![A-Za-z\d·])
""", re.X)
_COUNT_UNIT = re.compile(rf"^{_MAG}?(?:{_COUNT})$")

# 关系词：指标在前（产量突破…、失业率控制在…）
_RELATION = re.compile(r"""
 (?:再|同比|年均|分别|累计|均)?
 (?:完成|新增)?
 (?:(?:压缩|缩短|压减|减少|降低|下降)(?:至|到)|增长|增速|下降|降低|减少|提高到|提高至|提高|提升到|提升至|提升|增加到|增加|增至|(?<!新)增|
    降至|降到|达到|(?<!到)达|突破|超过|超|控制在|保持在|稳定在|保持|不少于|不低于|不超过|
    不高于|不多于|至少|低于|高于|约为|约|为)$
""", re.X)
# 动作词：指标在后（新建5G基站、启动8个…项目）
_ACTION_WORDS = (r"(?:改扩建|改建|扩建|改造|建设|建成|建|开工|培育|认定|引进|招引|招商|签约|打造|"
           r"创建|实施|启动|完成|培训|治理|整治|修复|关停|淘汰|退出|安置|吸纳|带动|推广|发放|扶持|"
           r"上马|建立|组织|开展|举办|形成|消纳|投产|竣工|推进|争取|引育|筹集|化解|处置|开通|"
           r"铺开|抓好|落实|促进|帮扶|救助|选派|转移|储备|种植|营造|造林|回收|利用|提供|实现|"
           r"投资|严守|守住|评选|争创|选育|打通|贯通|改善|提质|配备|配置|设立|举行|服务|到位)")
# 新增|新?(?:…)好?, spelt so that every alternative starts with a character (the
# regex engine then skips ahead to those characters; same matches, same order).
_ACTION = rf"(?:新增|新{_ACTION_WORDS}|{_ACTION_WORDS[3:-1]})好?"
_ACTION_END = re.compile(rf"(?:{_ACTION})$")
_ACTION_START = re.compile(rf"^(?:累计)?(?:{_ACTION})")
_ACTION_ANY = re.compile(_ACTION)
# 度量 + 名词时，只有这些结果动词让它成为目标（完成94万亩水土流失治理）
_RESULT = re.compile(r"(?:完成|形成|实现|新增|消纳|培训|签约|发放|筹集|节约|减少|削减|压减|化解|"
                     r"处置|营造|造林|种植|推广|流转|储备|回收|利用|投资|吸纳|带动|保供|供应|销售|"
                     r"出口|开采|治理|整治|修复|实施|严守|守住|新增)$")
# Anchored at the end: search only the tail of the text.
_relation, _action_end, _result = (P.tail_search(p) for p in (_RELATION, _ACTION_END, _RESULT))

# 句首的虚词、时间词、范围词，及分项的序号（(2)、①）
_FILLER = re.compile(r"^(?:\(\d{1,3}\)|\([一二三四五六七八九十]{1,3}\)|[①-⑳]|力争|确保|努力|全力|坚决|力求|着力|大力|积极|切实|扎实|重点|全面|进一步|"
                     r"继续|持续|同时|其中|并且|并|且|而|以及|全市|全县|全区|全省|全国|年内|全年|今年|"
                     r"当年|上半年|下半年|年底前|年底|计划|预计|再|要|将)")
# 名词短语在这些词前结束（…光伏项目全容量并网）
_NP_CUT = re.compile(r"(?:建成|投运|投产|投用|并网|开工|竣工|落地|进驻|全部|全面|全容量|部分|稳定|"
                     r"达到|实现|入选|尽快|加快|的)")
_PRED_VERB = re.compile(r"(?:建成|投运|投产|投用|并网|开工|竣工|落地|进驻|完工|通车)")
_CLAUSE_END = ",;。!?:：;\n"
_SEG_END = _CLAUSE_END + "、"
_CLAUSE_MARK = re.compile("[" + re.escape(_CLAUSE_END) + "]")
_SEG_MARK = re.compile("[" + re.escape(_SEG_END) + "]")
_QUOTES = "“”‘’\"'《》「」"


def _strip_fillers(text: str) -> tuple[str, int]:
    """Remove leading filler words; returns the rest and how many chars went."""
    cut = 0
    while True:
        m = _FILLER.match(text, cut)
        if not m or m.end() == cut:
            return text[cut:], cut
        cut = m.end()


def _strip_quotes(text: str) -> str:
    if len(text) >= 2 and text[0] in _QUOTES and text[-1] in _QUOTES and \
            not any(q in text[1:-1] for q in _QUOTES):
        return text[1:-1]
    return text


def _noun_after(post: str) -> tuple[str, int]:
    """The noun phrase printed right after a quantity, and its length in `post`."""
    if not post or post[0] in "(（":
        return "", 0
    m = _NP_CUT.search(post)
    np_ = post[:m.start()] if m else post
    paren = min((np_.find(c) for c in "(（" if c in np_), default=-1)
    if paren > 0:
        np_ = np_[:paren]
    return np_, len(np_)


def _predicate(rest: str) -> str:
    """What a noun printed after its quantity is committed to (建成投运, 全容量并网)."""
    rest = rest.rstrip("。")
    return rest if 0 < len(rest) <= 6 and _PRED_VERB.search(rest) else ""


def _comparator(verb: Optional[str], approx: Optional[str], bound: Optional[str]) -> Optional[str]:
    tail = bound or approx
    if tail:
        return f"{verb or ''}…{tail}"
    return verb or None


_DIGIT = re.compile(r"\d")
_NFKC_CIRCLED = {ch: normalize(ch)[0] for ch in P.CIRCLED}      # ① → 1, ⑪ → 11


def _masked(norm: str) -> list[tuple[int, int]]:
    """Spans of dates and deadline shares, where numbers are not targets."""
    return [(s, e) for s, e, *_ in deadline_spans(norm, 2000)]


def find_targets(content: str) -> list[Target]:
    """The quantities `content` commits to, in text order."""
    if not content or not may_hold_digit(content):
        return []
    norm, where = normalize(content)
    if not _DIGIT.search(norm):
        return []                         # every quantity has a number
    masks = _masked(norm)
    found: list[Target] = []
    prev_end = 0
    clause_verb: Optional[str] = None   # 并列项共用的动词（新增贷款…、各类融资…）
    clause_metric: Optional[str] = None
    quantities = list(_QUANTITY.finditer(norm))
    clause_marks = [m.start() for m in _CLAUSE_MARK.finditer(norm)]
    seg_marks = [m.start() for m in _SEG_MARK.finditer(norm)]
    for k, q in enumerate(quantities):
        start, end = q.start(), q.end()
        at = bisect_left(clause_marks, start)          # the last clause mark before start
        clause_start = clause_marks[at - 1] + 1 if at else 0
        if clause_start > prev_end:       # a new clause: forget what the last one shared
            clause_verb = clause_metric = None
        seg_start = max(clause_start, norm.rfind("、", 0, start) + 1, prev_end)
        enumerated = seg_start > clause_start
        prev_end = end
        if any(s <= start < e for s, e in masks):
            continue
        value = float(q.group("num"))
        unit = q.group("unit")
        if unit == "年" and 1900 <= value <= 2100:
            continue
        before = norm[max(0, start - 1):start]
        after = norm[end:end + 1]
        if before in ("第", "近", "后", "前", "每") or after in ("级", "号", "届", "期", "版", "代"):
            continue
        at = bisect_left(seg_marks, end)               # the first segment mark from end
        seg_end = seg_marks[at] if at < len(seg_marks) else len(norm)
        nxt = quantities[k + 1] if k + 1 < len(quantities) else None   # = _QUANTITY.search(norm, end)
        if nxt and nxt.start() < seg_end:
            seg_end = nxt.start()
        post = norm[end:seg_end]
        if "等" in post:                  # 列举的例子：临川金达10万吨LNG等化产项目
            continue
        for s, e in masks:               # a deadline before the quantity is no part of its metric
            if seg_start <= s and e <= start:
                seg_start = e
        raw_pre = norm[seg_start:start]
        pre, cut = _strip_fillers(raw_pre)
        if pre and content[where[seg_start + cut]] in P.CIRCLED:     # ① (NFKC made it 1)
            pre, more = _strip_fillers(pre[len(_NFKC_CIRCLED[content[where[seg_start + cut]]]):])
            cut = len(raw_pre) - len(pre)
        pre_at = seg_start + cut
        noun, noun_len = _noun_after(post)
        noun = _strip_quotes(noun)
        # 计数（8个项目）还是规模（300万千瓦组件、30万台重卡项目）
        scale = not _COUNT_UNIT.match(unit) or unit[0] in "万亿千百"

        metric: Optional[str] = None
        verb: Optional[str] = None
        rel = _relation(pre)
        if rel and rel.group():
            verb = rel.group()
            metric = _strip_fillers(pre[:rel.start()])[0]
            if (not metric or _ACTION_END.fullmatch(metric)) and noun:
                verb, metric = (metric or "") + verb, noun
            elif not metric:
                metric = noun or clause_metric
        elif noun:
            if post.startswith(noun + "的") and scale:
                continue                  # 40万吨二氧化碳的…项目：项目的规模
            act = _action_end(pre)
            if act:
                verb = pre if len(pre) <= 6 else act.group()
            elif enumerated and clause_verb:
                verb = clause_verb
            else:
                found_verbs = list(_ACTION_ANY.finditer(norm, clause_start, start))
                verb = found_verbs[-1].group() if found_verbs else clause_verb
            if scale and not (verb and _result(verb.rstrip("好"))):
                continue                  # 规模：推进晋能300万千瓦太阳能高效组件、30万台…项目
            if not verb:                  # 谓语在名词后：5个光伏项目全容量并网
                verb = _predicate(post[noun_len:]) or None
            metric = noun
        else:
            act = _ACTION_START.match(pre)
            if act and act.end() < len(pre):
                verb, metric = act.group(), _strip_quotes(pre[act.end():])
            elif pre:
                metric = _strip_quotes(pre)
                verb = clause_verb if enumerated and not _ACTION_ANY.search(pre) else None
            else:
                metric, verb = clause_metric, clause_verb
        if not metric:
            continue
        clause_verb = verb if verb and _ACTION_ANY.search(verb) else clause_verb
        clause_metric = metric
        if noun and metric == noun and not _action_end(pre):
            text_start = start           # 名词在后且前面没有动词：从数量起
        else:
            text_start = pre_at if pre else start
        text_end = end + (noun_len if noun and not (rel and rel.group() and metric != noun) else 0)
        text = "".join(content[where[text_start]:where[text_end - 1] + 1].split())
        found.append(Target(metric, value, unit,
                            _comparator(verb, q.group("approx"), q.group("bound")), text))
    return found
