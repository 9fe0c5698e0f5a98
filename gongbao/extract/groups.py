"""Groups a document sets up: 领导小组, 工作专班, 委员会, 联席会议, 指挥部 …

Reads: all lines of one document. Writes: `Group` records with their members.

A group is recorded only where the document prints a roster (组成人员): lines
that start with a role label (`组 长：`, `副组长：`, `成 员：`, `主任：`,
`召集人：` …) followed by `name position` entries, one per line:

    组 长：张三 市人民政府市长
    成 员：李四 市发展和改革委员
    会主任                      ← a wrapped position continues the entry
    王 五 市财政局局长            ← a name with an internal space

Entries may also read `张三（市长）、李四`, `张三，市长`, `市长 张三`,
`副市长张三、市X局局长李四`, and the label may go without its colon
(`组　长　张三　市长`) or name the body first (`专班成员：`). A list cut at a
line end (inside a name, a bracket, or between a post and its name) is read
on until it parses. Rosters printed as tables are read too: cells one per
line (`组长` / `张三` / `市长`), or rows with the role in the last column
(`1 张三 市长 组长`). With no labelled roster, sentences that name people and
their role (`领导小组由市长张三任组长，副市长李四、王五任副组长`) are the roster;
members named by post only (`各成员单位负责同志为成员`) are not recorded.

A heading right above a roster (`一、X指挥部`) names that roster's group, so
one document can set up several; otherwise the name comes from a quoted
`成立“X领导小组”` in the body, else the title `关于成立X的通知`, else an
unquoted `成立X` in the body. A roster with no group name anywhere is not
recorded (no false positives on notices that merely mention 领导小组 or
各成员单位). The office sentence that follows a roster
(`办公室设在X，办公室主任由A副市长兼任，副主任由B、C兼任`) gives
`office_host` and the 办公室主任 / 办公室副主任 members.

The helpers for person names and joined text are used by the appointment and
commendation parsers too.
"""
from __future__ import annotations

import bisect
import re
from itertools import accumulate
from dataclasses import dataclass
from typing import Iterable, Optional

from ..records import Group, Member, Source
from . import patterns as P
from .lines import Line, find_lines, framed_text
from .reflow import tidy, tidy_many

CJK = P.CJK

# ---------------------------------------------------------------- shared helpers


@dataclass
class Joined:
    """The lines of a passage joined into one string (wraps undone, spaces next
    to Chinese removed), with the way back from a character to its line."""
    text: str
    starts: list[int]
    lines: list[Line]

    @classmethod
    def of(cls, lines: list[Line]) -> "Joined":
        parts = tidy_many([ln.text for ln in lines])
        starts = list(accumulate(map(len, parts), initial=0))
        starts.pop()                      # the end of the last line starts nothing
        return cls("".join(parts), starts, list(lines))

    @staticmethod
    def text_of(lines: list[Line]) -> str:
        """`Joined.of(lines).text`, without the way back."""
        return "".join(tidy_many([ln.text for ln in lines]))

    def line_at(self, offset: int) -> Line:
        return self.lines[max(0, bisect.bisect_right(self.starts, offset) - 1)]

    def lines_between(self, start: int, end: int) -> list[Line]:
        """The lines holding text[start:end]."""
        if not self.lines:
            return []
        a = max(0, bisect.bisect_right(self.starts, start) - 1)
        b = max(a, bisect.bisect_right(self.starts, max(start, end - 1)) - 1)
        return self.lines[a:b + 1]


# Words that end a post (职务): 局长, 主任, 书记, 调研员, 经理, 主席 …
POST_END = re.compile(
    r"(长|主任|书记|员|经理|助理|主席|常委|政委|总监|总师|师|顾问|专家|干事|秘书|董事|理事|监事|"
    r"参事|馆员|代表|指导员|检察官|法官|行长|会计|主管|负责人|负责同志|同志)$")
# 组长, 主任 … standing alone are posts, not names.
_POST_ONLY = re.compile(r"^(?:常务|第一|执行)?副?(?:[组处科局部厅院校队站所社行馆区县市镇乡村]长|主任|书记|"
                        r"主席|秘书长|召集人|委员|成员|经理|调研员|巡视员|总监|董事长|总经理|会长|指挥长)$")
# How a body's name ends (局, 委, 中心, 公司 …), for telling a unit from a name.
UNIT_TAIL = re.compile(
    r"(局|委|办|厅|室|处|科|院|部|署|所|站|队|馆|社|行|会|中心|公司|集团|政府|街道|社区|"
    r"学校|大学|学院|医院|银行|支行|分行|中支|协会|联合会|开发区|园区|示范区|单位|部门|机构)$")
# A transliterated name's dot as fonts and PDF tools print it: · • ・ ‧ ･
_NAME = re.compile(rf"^[{CJK}]{{2,4}}$|^[{CJK}]{{1,6}}(?:[·•・‧･][{CJK}]{{1,8}}){{1,2}}$")
# Characters a personal name does not start with, but a post or unit does.
_NOT_NAME_START = set("市县省各全本该其有无此等原现新副总由经在为对以局委办厅处科室站队馆会心级")
# Endings of a body's name that a personal name does not have (会, 社, 行 can end names).
_NOT_NAME_END = re.compile(r"(局|委|办|厅|室|处|科|部|署|所|站|队|馆|院|中心|公司|集团|政府|街道|社区|"
                           r"支行|分行|中支|协会|单位|部门|机构|小组|专班)$")


# Characters a name has only at its start (区 is a surname), if at all.
_NOT_NAME_INSIDE = frozenset("县市省局厅区")
# Words that start a post, not a name: 常务副市长, 执行主任.
_POST_PREFIXES = ("常务", "执行", "分管", "主管", "主要", "有关", "相关", "国家")


def person_name(text: str) -> Optional[str]:
    """`高 鹏` → 高鹏; None unless `text` reads as a Chinese personal name
    (2–4 characters, or a transliterated name with ·), not a post or a unit."""
    t = "".join((text or "").split())     # (no white space left: 同志$ can only end it)
    if t.endswith("同志"):
        t = t[:-2]
    if not _NAME.match(t) or t[0] in _NOT_NAME_START:
        return None
    if _POST_ONLY.match(t) or _NOT_NAME_END.search(t) or t.startswith(_POST_PREFIXES):
        return None
    if len(t) > 2 and len(t) <= 4 and not _NOT_NAME_INSIDE.isdisjoint(t[1:]):
        return None                       # 南山县东: a place cut short, not a name
    return t


def is_post(text: str) -> bool:
    """Does `text` end like a post (职务)?"""
    return bool(POST_END.search(text))


def split_top(text: str, seps: str) -> list[str]:
    """Split on `seps` outside brackets."""
    out, depth, cur = [], 0, []
    for ch in text:
        if ch in "（(《“[【":
            depth += 1
        elif ch in "）)》”]】":
            depth = max(0, depth - 1)
        if ch in seps and depth == 0:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return [p.strip() for p in out if p.strip()]


def head_text(lines: list[Line]) -> str:
    """The title area: the lines before the 发文字号 (or the first few lines)."""
    end = min(len(lines), 6)
    for i, ln in enumerate(lines[:12]):
        if P.DOC_NUMBER_LINE.match(ln.text.strip()):
            end = i
            break
    return Joined.text_of(lines[:end])


_POSITION_START = set("副常市县区省州党主总秘中国第一二三四正巡调")
_SPACE_OR_COMRADE = re.compile(r"\s+|同志")
_NAME_BRACKET = re.compile(r"^(?P<name>[^（(]+?)\s*(?:[（(](?P<pos>[^）)]+)[）)])?$")


def split_name_position(item: str, known: Iterable[str] = ()) -> Optional[tuple[str, Optional[str]]]:
    """`油晓峰副市长` → (油晓峰, 副市长); `市能源局局长王建明` → (王建明, 市能源局局长).
    Names printed elsewhere in the document (`known`) are tried first."""
    item = _SPACE_OR_COMRADE.sub("", item).strip("，,、。；;：:")
    if not item:
        return None
    for name in sorted(set(known), key=len, reverse=True):
        if item.startswith(name):
            return name, item[len(name):] or None
        if item.endswith(name) and is_post(item[:-len(name)]):
            return name, item[:-len(name)]
    if person_name(item):
        return person_name(item), None
    for k in (3, 2):          # position first: 市财政局局长张三
        if len(item) > k + 1 and is_post(item[:-k]) and person_name(item[-k:]):
            return item[-k:], item[:-k]
    for k in (3, 2):          # name first: 张三副市长 (a name does not end in 副/市 …)
        name, rest = item[:k], item[k:]
        if person_name(name) and name[-1] not in _POSITION_START and rest[:1] in _POSITION_START and is_post(rest):
            return name, rest
    return None


# ---------------------------------------------------------------- roster lines

ROLE_WORDS = (
    "组长", "副组长", "常务副组长", "第一组长", "执行组长", "执行副组长", "名誉组长",
    "主任", "副主任", "常务副主任", "执行主任", "执行副主任", "名誉主任", "主任委员", "副主任委员",
    "秘书长", "副秘书长", "委员", "成员", "召集人", "副召集人", "常务副召集人", "总召集人", "第一召集人",
    "总指挥", "副总指挥", "常务副总指挥", "指挥长", "副指挥长", "常务副指挥长", "主席", "副主席",
    "会长", "副会长", "顾问", "联络员", "专班长", "副专班长", "班长", "副班长",
    "办公室主任", "办公室副主任", "办公室常务副主任", "办公室成员",
)
# A label may name the body first: 专班组长, 领导小组成员, 委员会主任.
_ROLE_PREFIXES = ("领导小组", "小组", "专班", "委员会", "指挥部")
_ROLE_ALT = ("(?:" + "|".join(_ROLE_PREFIXES) + ")?(?:"
             + "|".join(r"\s*".join(w) for w in sorted(ROLE_WORDS, key=len, reverse=True)) + ")")
# `组 长：张三 市长` (colon) or `组　长　张三　市长` (spaces only).
_ROLE_FIRST = frozenset(w[0] for w in ROLE_WORDS + _ROLE_PREFIXES)   # where a ROLE_LABEL line can start
# Lines starting with one of those or with white space (for find_lines, a superset).
_ROLE_START = re.compile("\n[" + P.SPACE_CHARS + re.escape("".join(sorted(_ROLE_FIRST))) + "]")
ROLE_LABEL = re.compile(rf"^(?P<role>{_ROLE_ALT})\s*(?:[:：∶]\s*(?P<rest>.*)|\s+(?P<bare>\S.*))?$")

GROUP_KINDS = (r"(?:工作领导小组|领导小组|小组|工作专班|专班|委员会|联席会议|指挥部|"
               r"(?:工作|领导|督导|指导|推进|攻坚|专项|检查|考核)组|(?:工作|协调)机制)")
_NAME_AFTER = r"(?=组成人员|成员|及其|制度|的|”|\"|」|（|\(|，|。|$)"
_TITLE_NAME = re.compile(rf"关于(?:成立|组建|设立|建立|调整|调整充实|充实调整|重新?组建|明确)"
                         rf"(?P<name>[^，。“”]*?{GROUP_KINDS}){_NAME_AFTER}")
_QUOTED_NAME = re.compile(rf"(?:成立|组建|设立|建立|调整)[“\"「](?P<name>[^”\"」]{{2,80}}?{GROUP_KINDS})[”\"」]")
_BODY_NAME = re.compile(rf"(?:决定|研究)?(?:成立|组建|设立|建立)(?P<name>[^，。“”：:]{{2,60}}?{GROUP_KINDS}){_NAME_AFTER}")
# A group whose members are changed: 关于X领导小组成员调整的通知, 决定对X委员会组成人员进行调整
_ADJUSTED_NAME = re.compile(rf"(?:关于|对)(?P<name>[^，。“”：:对]{{2,60}}?{GROUP_KINDS})的?"
                            r"(?:组成人员|成员|人员)(?:名单)?(?:进行|作|予以)?(?:调整|充实|增补|变更|补充)")
_HEADING_NAME = re.compile(rf"^(?:[{P.CN_NUM}]+、|[（(][{P.CN_NUM}]+[）)]|\d+[.．、])?\s*"
                           rf"(?P<name>[^，。：:]{{2,60}}?{GROUP_KINDS})(?:组成人员|成员)?(?:名单)?[:：]?$")
_HEADING = re.compile(rf"^(?:[{P.CN_NUM}]+、|[（(][{P.CN_NUM}]+[）)])")
_SENTENCE = re.compile(r"[，。；！？：:]|[,;](?!\s*$)")


@dataclass
class _Entry:
    role: str
    name: str
    position: Optional[str]
    lines: list[Line]
    alone: bool = True      # the only person on its line (not from a 、 list)


_SPACED_REST = re.compile(rf"^[{CJK}]{{1,2}}(?=[（(]|$)")


def spaced_names(toks: list[str]) -> list[str]:
    """Tokens with each spaced name put together: `高 鹏` → 高鹏, also where
    the name is followed by a bracket (`孙 明（兼）`) or a post (`市长 王 明`).
    A token of one character is no name by itself, so it joins the next."""
    if len(toks) < 2:
        return toks
    out: list[str] = []
    k = 0
    while k < len(toks):
        tok = toks[k]
        if len(tok) == 1 and k + 1 < len(toks):
            m = _SPACED_REST.match(toks[k + 1])
            if m and person_name(tok + m.group()):
                out.append(tok + toks[k + 1])
                k += 2
                continue
        out.append(tok)
        k += 1
    return out


def _tokens(text: str) -> list[str]:
    """Space-separated tokens with a spaced name put together (`高 鹏` → 高鹏)."""
    return spaced_names(text.split())


def _bracketed(item: str) -> Optional[tuple[str, Optional[str]]]:
    """`张三（市长）` or `张三`."""
    m = _NAME_BRACKET.match(item)
    if not m:
        return None
    name = person_name(m.group("name"))
    if not name:
        return None
    pos = tidy(m.group("pos") or "")
    return name, None if pos in ("", "兼", "兼任") else pos


def _name_then_post(items: list[str]) -> Optional[list[tuple[str, Optional[str]]]]:
    """Items that alternate a name and its post, the post optional."""
    out: list[tuple[str, Optional[str]]] = []
    for item in items:
        name = person_name(item)
        if name:
            out.append((name, None))
        elif out and out[-1][1] is None and is_post(item):
            out[-1] = (out[-1][0], tidy(item))
        else:
            return None
    return out or None


def parse_entry(text: str) -> Optional[list[tuple[str, Optional[str]]]]:
    """A roster line's people: `张三 市长`, `市长 张三`, `张三（市长）、李四`,
    `张三 市长 李四 副市长`; None when the line is not such an entry."""
    text = text.strip().strip("；;。，,")
    if not text:
        return None
    toks = _tokens(text)
    parts = split_top(text, "、；;") if len(toks) >= 2 and ("、" in text or "；" in text) else []
    if len(parts) > 1:                                         # 张三 市长、李四 副市长
        pieces = [parse_entry(p) for p in parts]
        if all(p and len(p) == 1 for p in pieces):
            return [p[0] for p in pieces]
    if len(toks) >= 2:
        if len(toks) % 2 == 0 and all(is_post(t) and not person_name(t) for t in toks[0::2]) \
                and all(person_name(t) for t in toks[1::2]):      # 市长 张三 副市长 李四
            return [(person_name(n), p) for p, n in zip(toks[0::2], toks[1::2])]
        if "（" in text or "(" in text:                           # 张三（市长） 李四（副市长）
            bracketed = [_bracketed(t) for t in toks]
            if all(bracketed):
                return bracketed
        first = person_name(toks[0])
        if first and (not person_name(toks[1]) or (len(toks) == 2 and is_post(toks[1]))):
            # several `name post` pairs on one line
            if len(toks) >= 4 and len(toks) % 2 == 0 and all(person_name(t) for t in toks[0::2]) \
                    and all(is_post(t) for t in toks[1::2]):
                return [(person_name(n), p) for n, p in zip(toks[0::2], toks[1::2])]
            return [(first, tidy(" ".join(toks[1:])))]
        if person_name(toks[-1]) and is_post("".join(toks[:-1])):
            return [(person_name(toks[-1]), tidy(" ".join(toks[:-1])))]
        if all(person_name(t) for t in toks):
            return [(person_name(t), None) for t in toks]
        text = tidy(text)          # spaces inside names: 王　明、李　华 / 副市长陈　红
    items = split_top(text, "、，,；;")
    got = [_bracketed(it) for it in items]
    if got and all(got):
        return got
    paired = _name_then_post(items)                         # 张三，市长；李四，副市长
    if paired:
        return paired
    if len(items) == 1:
        pair = split_name_position(items[0])
        if pair and pair[1]:
            return [pair]
        return None
    pairs = [split_name_position(it) for it in items]       # 副市长张三、市X局局长李四
    return pairs if all(pairs) else None


def _continues(text: str, last: _Entry) -> bool:
    """Is a line without a name the wrapped rest of the last entry's position?"""
    if " " in text.strip() or _SENTENCE.search(text) or len(text) > 24 or _OFFICE_START.search(text):
        return False
    if last.position is None:            # a post under its name, maybe wrapped: 市X委员会 / 主任
        return last.alone and not person_name(text) and (is_post(text) or bool(UNIT_TAIL.search(text)))
    if not is_post(last.position):
        return True                       # 市规划和自然资源 / 局局长
    # 市发展和改革委员 / 会主任; not a body's whole name (the signature after a roster)
    return is_post(text) or (len(text) <= 3 and bool(UNIT_TAIL.search(text)))


def _post_cut_as_name(entries: list[_Entry], text: str, before: Line) -> bool:
    """Were the last two entries, bare names read from one line `name name`,
    a name and the start of a post that `text` (the next line) completes?"""
    if len(entries) < 2 or " " in text:
        return False
    a, b = entries[-2], entries[-1]
    return (a.position is None and b.position is None and a.lines == [before] and b.lines == [before]
            and (len(entries) < 3 or entries[-3].lines != [before]) and is_post(b.name + text))


def _balanced(text: str) -> bool:
    return text.count("（") + text.count("(") == text.count("）") + text.count(")")


def _cut(text: str) -> bool:
    """Might `text`, which does not read as people, be a list cut at the line
    end (a 、 list, an open bracket)?"""
    text = text.strip()
    return bool(text) and ("、" in text or not _balanced(text) or text[-1] in "、，,"
                           or is_post(text))      # 市X局局长 / 张三、…: the name on the next line


def _joinable(text: str) -> bool:
    """Can a line go on with a list from the line before (no label, heading,
    date or office sentence)?"""
    return not (ROLE_LABEL.match(text) or _HEADING.match(text) or P.DATE_LINE.match(text)
                or _OFFICE_START.search(text) or "。" in text[:-1])


def _read_on(lines: list[Line], j: int, text: str, limit: int = 8):
    """`text`, a list cut at a line end, joined with lines j, j+1 … until it
    reads as people: (people, joined text, index of the last line taken), or
    None."""
    for k in range(j, min(len(lines), j + limit)):
        nxt = lines[k].text.strip()
        if not _joinable(nxt):
            return None
        text += nxt
        if _balanced(text):
            got = parse_entry(text)
            if got is not None:
                return got, text, k
    return None


_ONLY_NOTE = re.compile(r"^\s*[（(][^（）()]*[）)]\s*$")


def _open(text: str) -> bool:
    """Does `text` hold a 、 list that its line does not close (the next line
    may go on with it, even inside a name)?"""
    text = text.strip()
    return "、" in text and text[-1] not in "、，,；;。）)"


def _wraps_label(text: str, last: Optional[_Entry]) -> bool:
    """Is a label-like line (`主任`) the wrapped end of the last entry's
    position (`市发展和改革委员会` / `主任`) rather than the next role? A
    label after a complete post (`市长` / `副组长`) or after a bare name
    (cells one per line: `组长` / `王五` / `市长` / `副组长`) is a label."""
    return (last is not None and last.position is not None and not is_post(last.position)
            and _continues(text, last))


@dataclass
class _Block:
    entries: list[_Entry]
    start: int          # index of the first roster line
    end: int            # index after the last roster line


def _roster_blocks(lines: list[Line], framed: Optional[str] = None) -> list[_Block]:
    blocks: list[_Block] = []
    i, n = 0, len(lines)
    # where a block can start: a line whose first character can start a label
    candidates = [k for k in find_lines(lines, _ROLE_START, framed) if lines[k].text.lstrip()[:1] in _ROLE_FIRST]
    for k in candidates:
        if k < i:
            continue
        i = k
        if not ROLE_LABEL.match(lines[i].text.strip()):
            continue
        entries: list[_Entry] = []
        start, role = i, None
        # the last line of a 、 list still open at its end: (text, index of its first entry)
        open_list: Optional[tuple[str, int]] = None
        while i < n:
            text = lines[i].text.strip()
            last = entries[-1] if entries else None
            m = ROLE_LABEL.match(text)
            if m and m.group("rest") is None and m.group("bare") is None and _wraps_label(text, last):
                m = None            # a wrapped `主任` / `书记`, not a label
            if m:
                role = re.sub(r"\s+", "", m.group("role"))
                rest = m.group("rest") if m.group("rest") is not None else (m.group("bare") or "")
                rest = _ONLY_NOTE.sub("", rest)     # 委员：（按姓氏笔画排序）
                open_list = None
                if rest.strip():
                    got = parse_entry(rest)
                    used = [lines[i]]
                    if got is None and _cut(rest):        # 张三、李 / 四、王五; 张三（市X / 局局长）
                        read = _read_on(lines, i + 1, rest.strip())
                        if read:
                            got, rest, last_k = read
                            used += lines[i + 1:last_k + 1]
                            i = last_k
                    if got is None:
                        break       # `主任：` followed by prose — not a roster line
                    open_list = (rest.strip(), len(entries)) if _open(rest) else None
                    entries.extend(_Entry(role, nm, pos, list(used), len(got) == 1) for nm, pos in got)
                i += 1
                continue
            if _HEADING.match(text) or P.DATE_LINE.match(text) or P.CN_DATE_LINE.match(text):
                break
            if entries and _ONLY_NOTE.match(text):
                inner = tidy(text.strip()[1:-1])
                if last.position is None and is_post(inner) and last.alone:
                    last.position = inner       # 张三 / （副市长）: the post under the name
                    last.lines.append(lines[i])
                i += 1              # else （按姓氏笔画排序） between a label and its people
                continue
            if i + 1 < n and P.issuer_end(text) and (P.DATE_LINE.match(lines[i + 1].text.strip())
                                                     or P.CN_DATE_LINE.match(lines[i + 1].text.strip())):
                break               # the signature above the date
            pending = last is not None and last.position is not None and not is_post(last.position)
            got = None if pending else parse_entry(text)
            if last and (got is None or (len(got) == 1 and got[0][1] is None)) and _continues(text, last):
                last.position = tidy((last.position or "") + text)
                last.lines.append(lines[i])
                open_list = None
            elif got is not None:
                open_list = (text, len(entries)) if _open(text) else None
                entries.extend(_Entry(role, nm, pos, [lines[i]], len(got) == 1) for nm, pos in got)
            elif _post_cut_as_name(entries, text, lines[i - 1]):
                # `刘伟 临川军` / `分区副司令员`: the second "name" began the post
                cut = entries.pop()
                entries[-1].position = cut.name + text
                entries[-1].alone = True
                entries[-1].lines.append(lines[i])
                open_list = None
            elif open_list and (read := _read_on(lines, i, open_list[0])):
                # a name or bracket wrapped at the line end: 张三、欧阳 / 春、李四
                again, joined, last_k = read
                first = open_list[1]
                used = entries[first].lines + lines[i:last_k + 1]
                del entries[first:]
                entries.extend(_Entry(role, nm, pos, list(used), len(again) == 1) for nm, pos in again)
                open_list = (joined, first) if _open(joined) else None
                i = last_k
            elif _cut(text) and (read := _read_on(lines, i + 1, text)):
                got, joined, last_k = read          # a list starting under its label, cut
                entries.extend(_Entry(role, nm, pos, lines[i:last_k + 1], len(got) == 1) for nm, pos in got)
                open_list = (joined, len(entries) - len(got)) if _open(joined) else None
                i = last_k
            else:
                break
            i += 1
        if entries:
            blocks.append(_Block(entries, start, i))
        i = max(i, start + 1)
    return blocks


# A table row with the role in its last column: `1 张三 市长 组长`.
_ROW_END = re.compile(" (?:" + "|".join(sorted(ROLE_WORDS, key=len, reverse=True)) + ")\n")
_ROLE_SET = frozenset(ROLE_WORDS)


def _table_row(text: str) -> Optional[_Entry]:
    """`[序号] 姓名 [单位及职务] 职务` → an entry with the role from the last column."""
    toks = spaced_names(text.split())
    if toks and toks[0].isdigit():
        toks = toks[1:]
    if len(toks) < 2 or toks[-1] not in _ROLE_SET:
        return None
    name = person_name(toks[0])
    if not name or any(t in _ROLE_SET for t in toks[1:-1]):
        return None
    post = tidy(" ".join(toks[1:-1])) or None
    return _Entry(toks[-1], name, post, [])


def _table_blocks(lines: list[Line], framed: Optional[str] = None) -> list[_Block]:
    """Rosters printed as tables whose last column is the role in the group
    (`序号 姓名 单位及职务 领导小组职务`), one row a line."""
    blocks: list[_Block] = []
    for k in find_lines(lines, _ROW_END, framed):
        entry = _table_row(lines[k].text)
        if entry is None:
            continue
        entry.lines = [lines[k]]
        if blocks and blocks[-1].end == k:
            blocks[-1].entries.append(entry)
            blocks[-1].end = k + 1
        else:
            blocks.append(_Block([entry], k, k + 1))
    return blocks


# A roster told in a sentence: `领导小组由市长张三任组长，副市长李四、王五任副组长`,
# `联席会议由X担任召集人`. The office's roles are read by _office.
_PROSE_ROLES = "|".join(sorted((w for w in ROLE_WORDS if not w.startswith("办公室")), key=len, reverse=True))
# (three patterns, each starting with a literal: the engine skips ahead to it)
_PROSE_CUES = tuple(re.compile(p) for p in (
    rf"任(?:{'|'.join(_ROLE_PREFIXES)}|联席会议)?(?:{_PROSE_ROLES})[，。；,;]",
    rf"为(?:{'|'.join(_ROLE_PREFIXES)}|联席会议)?(?:{_PROSE_ROLES})[，。；,;]",
    r"由[^，。；,;由]{1,40}?(?:担任|兼任)[，。；,;]"))
_PROSE_CLAUSE = re.compile(rf"(?:^|由)(?P<list>[^，。；;,由]+?)(?:同志)?(?:担任|兼任|任|为)"
                           rf"(?:{'|'.join(_ROLE_PREFIXES)}|联席会议)?(?P<role>{_PROSE_ROLES})$")
# the role first: `委员会主任由市长张三担任`, `副主任由李四、王五担任` (not the office's: 办公室主任由…)
_PROSE_ROLE_FIRST = re.compile(rf"^(?:{'|'.join(_ROLE_PREFIXES)}|联席会议)?(?P<role>{_PROSE_ROLES})由"
                               r"(?P<list>[^，。；;,由]+?)(?:同志)?(?:担任|兼任)$")


def _people(text: str, known: Iterable[str] = ()) -> list[tuple[str, Optional[str]]]:
    """The people of a list in a sentence (`副市长张三、市X局局长李四`, `张三和李四`):
    split at 、 and commas, and at 和/及 only where both sides read as people
    (not inside `市人力资源和社会保障局局长王五`)."""
    out = []
    for item in split_top(text, "、，,"):
        for m in re.finditer("[和及]", item):
            left = split_name_position(item[:m.start()], known)
            right = split_name_position(item[m.end():], known)
            if left and right:
                out += [left, right]
                break
        else:
            pair = split_name_position(item, known)
            if pair:
                out.append(pair)
    return out


def _prose_roster(lines: list[Line], framed: Optional[str] = None) -> list[_Block]:
    """A roster in sentences (see _PROSE_CLAUSE): each clause names people
    (`副市长李四、王五`) and the role they take. Members without a name
    (`各成员单位负责同志为成员`) are not recorded."""
    if framed is None:
        framed = framed_text(lines)
    if not any(cue.search(framed) for cue in _PROSE_CUES):
        return []
    joined = Joined.of(lines)
    text = joined.text
    entries: list[_Entry] = []
    pos = 0
    for clause in re.split(r"(?<=[，。；,;])", text):
        bare = clause.rstrip("，。；,;")
        m = _PROSE_CLAUSE.search(bare) or _PROSE_ROLE_FIRST.match(bare)
        if m:
            src = joined.lines_between(pos + m.start(), pos + m.end())
            for name, position in _people(m.group("list")):
                entries.append(_Entry(m.group("role"), name, position, src))
        pos += len(clause)
    if not entries:
        return []
    first = lines.index(entries[0].lines[0])
    last = lines.index(entries[-1].lines[-1])
    return [_Block(entries, first, last)]       # the office sentence may share the last line


# ---------------------------------------------------------------- names and offices


def _clean_name(name: str) -> str:
    """As printed, without the 制度 of `建立X联席会议制度` and without who
    leads it (`由市长任组长的X领导小组`, `以市长为组长的X`)."""
    return re.sub(r"制度$", "", re.sub(r"^(?:由|以)[^，。]*的", "", name.strip()))


def _document_name(lines: list[Line]) -> Optional[str]:
    body = Joined.text_of(lines)
    head = head_text(lines)
    for pattern, text in ((_QUOTED_NAME, body), (_TITLE_NAME, head), (_ADJUSTED_NAME, head),
                          (_BODY_NAME, body), (_ADJUSTED_NAME, body)):
        m = pattern.search(text)
        if m:
            return _clean_name(m.group("name"))
    return None


def _local_name(lines: list[Line], start: int) -> Optional[str]:
    """A heading just above a roster (`一、市X领导小组`, `X委员会组成人员名单`)."""
    for k in range(start - 1, max(-1, start - 4), -1):
        text = tidy(lines[k].text)
        if k and _HEADING.match(lines[k - 1].text) and not _HEADING.match(text) and not _SENTENCE.search(text):
            text = tidy(lines[k - 1].text) + text    # a heading wrapped: （一）临川市X委员 / 会
        m = _HEADING_NAME.match(text)
        if m:
            name = _SETS_UP.sub("", _HEADING.sub("", m.group("name")))
            if not _BARE_KIND.match(name):          # `三、成立工作专班` names no group by itself
                return _clean_name(name)
        m = _BODY_NAME.search(text) if "，" in text or "：" in text else None
        if m:                                      # `成立X工作专班，组成人员如下：`
            return _clean_name(m.group("name"))
    return None


_OFFICE_HEADING = re.compile(rf"^(?:[{P.CN_NUM}]+、|[（(][{P.CN_NUM}]+[）)])?\s*[^，。：:；]{{0,40}}?"
                             r"(?:小组|专班|委员会|指挥部|联席会议|组|机制)办公室(?:组成人员|成员|人员)?(?:名单)?[:：]?$")


def _office_heading(lines: list[Line], start: int, floor: int) -> bool:
    """Is the roster at `start` the group office's own (a heading `二、领导小组
    办公室组成人员` just above it, after the roster before)?"""
    for k in range(start - 1, max(floor - 1, start - 4), -1):
        if _OFFICE_HEADING.match(tidy(lines[k].text)):
            return True
    return False


_SETS_UP = re.compile(r"^(?:决定|研究)?(?:成立|组建|设立|建立)")
_BARE_KIND = re.compile(rf"^{GROUP_KINDS}$")


_OFFICE_START = re.compile(r"(?:下设|设立|设)办公室|办公室(?:设在|设于)")
_HOST = re.compile(r"办公室[，,（(]?(?:设在|设于)(?P<host>[^，。；,;（()）]+)")   # also 下设办公室（设在X）
_OFFICE_BY = re.compile(r"(?P<pre>办公室)?(?P<rank>常务副|副)?(?P<what>主任|成员)由(?P<list>[^，。；;]+?)(?:同志)?(?:兼任|担任|负责|组成)")
_OFFICE_TAKES = re.compile(r"(?:由)?(?P<list>[^，。；;由]+?)(?:同志)?(?:兼任|担任|任)办公室(?P<rank>常务副|副)?主任")


def _office(lines: list[Line], known: set[str]) -> tuple[Optional[str], list[_Entry], list[Line]]:
    """office_host and the office's named members from the text after a roster."""
    joined = Joined.of(lines)
    text = joined.text
    m = _OFFICE_START.search(text)
    if not m:
        return None, [], []
    # the office clause: its sentence and the next, if it still speaks of the office
    ends = [k for k, ch in enumerate(text) if ch == "。" and k > m.start()]
    stop = ends[0] + 1 if ends else len(text)
    if len(ends) > 1 and re.match(r"(?:办公室(?:常务)?副?主任|(?:常务)?副?主任由|办公室成员)", text[stop:]):
        stop = ends[1] + 1
    clause_start = m.start()
    clause = text[clause_start:stop]
    host_m = _HOST.search(clause)
    host = host_m.group("host").strip() if host_m else None
    entries: list[_Entry] = []
    hits = [(h.start(), "办公室" + (h.group("rank") or "") + h.group("what"), h) for h in _OFFICE_BY.finditer(clause)]
    hits += [(h.start(), "办公室" + (h.group("rank") or "") + "主任", h) for h in _OFFICE_TAKES.finditer(clause)]
    for _, role, h in sorted(hits, key=lambda x: x[0]):
        src = joined.lines_between(clause_start + h.start(), clause_start + h.end())
        for name, position in _people(h.group("list"), known):
            entries.append(_Entry(role, name, position, src))
    used = joined.lines_between(clause_start, stop) if host or entries else []
    return host, entries, used


def parse_groups(lines: list[Line], document: str, file: str, framed: Optional[str] = None) -> list[Group]:
    """The groups the document sets up, each with its roster; [] if it has none."""
    blocks = _roster_blocks(lines, framed)
    rows = _table_blocks(lines, framed)
    if rows:
        taken = {k for b in blocks for k in range(b.start, b.end)}
        blocks = sorted(blocks + [b for b in rows if b.start not in taken], key=lambda b: b.start)
    if not blocks:
        blocks = _prose_roster(lines, framed)
    if not blocks:
        return []
    doc_name = _document_name(lines)
    groups: list[tuple[Group, list[Line]]] = []
    for k, block in enumerate(blocks):
        if _office_heading(lines, block.start, blocks[k - 1].end if k else 0):
            for e in block.entries:       # the office's own roster: 主任 → 办公室主任
                if not e.role.startswith("办公室"):
                    e.role = "办公室" + e.role
            name = groups[-1][0].name if groups else doc_name
        else:
            name = _local_name(lines, block.start) or doc_name
        if not name:
            continue
        if groups and groups[-1][0].name == name:
            group, used = groups[-1]
        else:
            group, used = Group(document, name), []
            groups.append((group, used))
        for e in block.entries:
            group.members.append(Member(e.role, e.name, e.position))
            used.extend(e.lines)
        after_end = blocks[k + 1].start if k + 1 < len(blocks) else len(lines)
        known = {e.name for e in block.entries}
        host, office, office_lines = _office(lines[block.end:after_end], known)
        used.extend(office_lines)
        if host and not group.office_host:
            group.office_host = host
        for e in office:
            group.members.append(Member(e.role, e.name, e.position))
            used.extend(e.lines)
    out = []
    for group, used in groups:
        group.source = Source.span(file, used)
        out.append(group)
    return out
