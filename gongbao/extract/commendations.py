"""表扬 / 表彰 / 通报表扬 lists: the units and individuals a document commends.

Reads: all lines of one document. Writes: `Commendation` records.

The list is read from the attachments (附件 … 名单; each 附件N with the kind
its title says) when there are any, else from the body after the sentence
that announces it (or from a labelled line `先进集体：X、Y`). Headings say what follows:
`一、先进集体（共22个）` → units, `二、先进个人（共47人）` → individuals; a
sub-heading without such a word keeps its parent's kind. Shapes handled:

* units run on in a paragraph, separated by 、，； (`临川市人民政府办公室、南山县人民` /
  `政府办公室、…`), or one per line;
* a heading with its list on the same line (`先进集体（2个）：X、Y`,
  `（一）乡镇（共2个）X、Y`);
* individuals one per line as `name organization` (a name may have an internal
  space, the organization may wrap), `organization name`, `name（organization）`
  (several per line too), `organization：name、name`, table rows with a 序号
  under a header row (`序号 姓名 工作单位 职务`, in any column order);
* part labels (`南山县：X、Y`) that divide a list, and personal notes after a
  name (`张三（女，回族）`), are dropped;
* column-garbled lists: a run of bare names followed by a run of organizations,
  paired by order; organization lines fused by the text extraction
  (`云州市发展和改革委员` / `会云州市气象局`) are rejoined and split again where
  a line-start prefix shared by the run (`云州市`) begins a new name.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from ..records import Commendation, Source
from . import patterns as P
from .groups import UNIT_TAIL, Joined, head_text, person_name, spaced_names, split_top
from .lines import Line
from .reflow import tidy

_CUE = re.compile(r"表扬|表彰|嘉奖|授予|命名|通报奖励|予以奖励|记功|记(?:个人|集体)?[一二三]等功")
_UNIT_WORDS = re.compile(r"单位|集体|组织|部门|企业|机构|团队|班组|科室|示范点|窗口|基地|家庭")
_PERSON_WORDS = re.compile(r"个人|人员|同志|工作者|标兵|能手|先进人物|模范|楷模|之星|干部|职工|教师|党员")
# An honour for places (先进县, 示范村, 文明社区): a sub-heading naming a place (（一）南山县) is no kind
_PLACE_WORDS = re.compile(r"(?:先进|优秀|示范|模范|标兵|文明|红旗|星级)[^（(]{0,8}?(?:县|乡镇|乡|镇|村|社区|街道|学校|医院|园区)$")
_COUNT = re.compile(r"共?\s*(?:计)?\s*\d+\s*(?P<unit>个|家|所|人|名|位)")
_HEADING = re.compile(rf"^(?P<num>[{P.CN_NUM}]+\s*[、.．]|[（(][{P.CN_NUM}]+[）)])\s*(?P<text>.*)$")
_LABEL = re.compile(r"^(?P<text>[^，。；、]{2,24}?)\s*(?:[（(][^）)]*[）)])?\s*[:：]$")   # 先进个人（10名）：
# 先进集体（3个）：市财政局、… — a heading with its list on the same line
_INLINE = re.compile(r"^(?P<head>[^，。；、：:]{2,24}?\s*(?:[（(][^）)]*[）)])?)\s*[:：](?P<rest>.+)$")
# 市财政局：张三、李四 — an organization with its people
_ORG_PEOPLE = re.compile(r"^(?P<org>[^，。；、：:]{2,40})[:：](?P<names>.+)$")
_ATTACH = re.compile(r"^附\s*件\s*\d*\s*[:：]?$")
_SEQ = re.compile(r"^(?:\d{1,4}\s*[.．、]?\s+|\d{1,4}\s*[.．、]\s*|[（(]\d{1,4}[）)]\s*)")
_HEADER = re.compile(r"^(?:序\s*号|姓\s*名|单\s*位|工作单位|所在单位|单位名称|职\s*务|职务|职\s*称|备\s*注|性\s*别|"
                     r"民\s*族|出生年月|政治面貌|学\s*历|及|和|\s)+$")
_PLACE_PREFIX = re.compile(r"^.{1,6}?[省市县区州盟旗]")
_BRACKET = re.compile(r"[（(][^（）()]*[）)]")
_NAME_ORG = re.compile(r"[、，,；;\s]*(?P<n>[^（）()、，,；;\s]{2,12}?)[（(](?P<o>[^（）()]+(?:[（(][^（）()]*[）)][^（）()]*)*)[）)]")


@dataclass
class _Section:
    kind: Optional[str]             # unit | individual | None (not said)
    lines: list[Line] = field(default_factory=list)


def _kind_of(text: str) -> Optional[str]:
    """unit | individual | None, from a heading's words or its count (个/人)."""
    bare = _BRACKET.sub("", text)
    person, unit = _PERSON_WORDS.search(bare), _UNIT_WORDS.search(bare)
    if person and not unit:
        return "individual"
    if unit and not person:
        return "unit"
    if person and unit:      # 先进单位和个人: the heading names both kinds
        return None
    counts = [m.group("unit") for m in _COUNT.finditer(text)]
    if counts:
        return "individual" if counts[-1] in "人名位" else "unit"
    if not person and _PLACE_WORDS.search(bare):
        return "unit"                 # 先进县（市、区）, 优秀乡镇, 示范村（社区）
    return None


_INTRO = re.compile(r"(?:以下|如下|名单|下列)[^。；;：:]{0,30}[:：]")


def _region(lines: list[Line]) -> tuple[list[Line], bool]:
    """Where the list is: the attachment(s), else the body after a sentence that
    announces it (`决定对以下单位予以表扬：`) up to the 成文日期. The flag says
    "in the body"."""
    starts = [i for i, ln in enumerate(lines) if _ATTACH.match(ln.text.strip())]
    if starts:
        return lines[starts[0] + 1:], False
    joined = Joined.of(lines)
    m = _INTRO.search(joined.text)
    if not m:
        # no announcing colon: the list starts at a labelled line (`先进集体：X、Y`)
        for i, ln in enumerate(lines):
            label = _INLINE.match(ln.text.strip())
            if label and _kind_of(label.group("head")) and not _CLAUSE_PUNCT.search(label.group("head")):
                return _until_date(lines[i:]), True
        return [], True
    at = joined.line_at(m.end() - 1)
    i = next(k for k, ln in enumerate(lines) if ln is at)
    rest = joined.text[m.end():joined.starts[i] + len(tidy(at.text))]
    body = [Line(rest, at.no, at.page)] if rest.strip() else []
    return body + _until_date(lines[i + 1:]), True


_SIGNATURE_ENDS = ("人民政府", "政府", "办公室", "办公厅", "委员会")


def _until_date(lines: list[Line]) -> list[Line]:
    """The lines before the 成文日期 and the signature above it."""
    out = []
    for ln in lines:
        if P.DATE_LINE.match(ln.text.strip()) or P.CN_DATE_LINE.match(ln.text.strip()):
            if out and len(out[-1].text) <= 30 and out[-1].text.strip().endswith(_SIGNATURE_ENDS) \
                    and not re.search(r"[，。；、：]", out[-1].text):
                out.pop()
            break
        out.append(ln)
    return out


def _skip_title(region: list[Line]) -> tuple[str, list[Line]]:
    """The attachment title (its lines up to the one with 名单/名录) and the
    lines after it."""
    for i, ln in enumerate(region[:4]):
        if re.search(r"名单|名录|名册|表$", ln.text):
            return Joined.text_of(region[:i + 1]), region[i + 1:]
    return "", region


def _attachments(region: list[Line]) -> list[tuple[str, list[Line]]]:
    """The attachments (附件1, 附件2 …) of a region, each as (title, lines):
    one may list the units, another the individuals, as their titles say."""
    cuts = [i for i, ln in enumerate(region) if _ATTACH.match(ln.text.strip())]
    bounds = zip([0] + [c + 1 for c in cuts], cuts + [len(region)])
    return [_skip_title(region[a:b]) for a, b in bounds if b > a]


def _heading(lines: list[Line], i: int) -> Optional[tuple[str, int, Optional[Line]]]:
    """A heading starting at line i, with its wrapped rest: (text, next index,
    the list text printed after it on its last line, if any)."""
    text = lines[i].text.strip()
    m = _HEADING.match(text)
    if not m and not _LABEL.match(text):
        return None
    if m and re.search(r"[、，；]", m.group("text")) and not _COUNT.search(text) and _kind_of(m.group("text")) is None:
        return None           # （一）临川市X、南山县Y… is a list, not a heading
    k = i + 1
    while text.count("（") + text.count("(") > text.count("）") + text.count(")") and k < len(lines) and k < i + 3:
        text += lines[k].text.strip()
        k += 1
    # `（一）有关县（市、区）（共6个）临川市人民政府办公室、…`: the list starts after the count
    count = _COUNT_GROUP.search(text)
    rest = text[count.end():].strip(" :：") if count else ""
    if rest:
        last = lines[k - 1]
        return tidy(text[:count.end()]), k, Line(rest, last.no, last.page)
    return tidy(text), k, None


# The label of a part of a list: `南山县：…`, `市直单位：…`
_GROUP_LABEL = re.compile(r"^(?P<label>[^、，,；;：:（()）。]{1,12})[:：](?P<rest>.+)$")
# A person's sex or nation after the name: （女）, （回族）, （女，回族）; （追授）, （已故）
_PERSONAL = re.compile(r"[（(](?:[男女](?:[，,、][^（）()，,、]{1,6}族)?|[^（）()，,、]{1,6}族(?:[，,、][男女])?"
                       r"|追授|追记|已故|牺牲|已退休|退休)[）)]")

_COUNT_GROUP = re.compile(r"[（(][^（）()]*?\d+\s*(?:个|家|所|人|名|位)\s*[）)]")


def _org_with_count(head: str) -> bool:
    """`市公安局（3人）`: an organization and how many of its people follow
    (`市公安局（3人）：张三、李四、王五`), not a heading naming a kind."""
    bare = _BRACKET.sub("", head).strip()
    return (_kind_of(head) == "individual" and bool(_COUNT.search(head)) and _complete(bare)
            and not _UNIT_WORDS.search(bare) and not _PERSON_WORDS.search(bare))


def _sections(lines: list[Line], default: Optional[str]) -> list[_Section]:
    out: list[_Section] = []
    parent = default
    i = 0
    while i < len(lines):
        m = _INLINE.match(lines[i].text.strip())
        if m and _org_with_count(m.group("head")):
            if not out or out[-1].kind != "individual":
                out.append(_Section("individual"))
            out[-1].lines.append(lines[i])      # 市公安局（3人）：张三、李四、王五
            i += 1
            continue
        if m and _kind_of(m.group("head")):
            kind = _kind_of(m.group("head"))
            if not re.match(r"^[（(]", m.group("head")):
                parent = kind
            out.append(_Section(kind, [Line(m.group("rest").strip(), lines[i].no, lines[i].page)]))
            i += 1
            continue
        h = _heading(lines, i)
        if h:
            text, i, rest = h
            kind = _kind_of(text)
            # a bare label without a kind (`南山县：`) only names a part of the list
            top = not text.startswith(("（", "(")) and (kind is not None or _HEADING.match(text) is not None)
            if top:
                parent = kind or default
            out.append(_Section(kind or parent, [rest] if rest else []))
            continue
        if not out:
            out.append(_Section(default))
        out[-1].lines.append(lines[i])
        i += 1
    return [s for s in out if s.lines]


# ---------------------------------------------------------------- units


def _units(section: list[Line], in_body: bool = False) -> list[tuple[str, list[Line]]]:
    """Units of a section: split at 、，； or one per line. In the body the
    list is the first sentence (it ends with 。). A line may start with the
    label of a part of the list (`南山县：X、Y`), which goes."""
    section = [Line("；" + m.group("rest"), ln.no, ln.page, ln.indent)
               if (m := _GROUP_LABEL.match(ln.text.strip())) else ln for ln in section]
    joined = Joined.of(section)
    text = joined.text
    if in_body and "。" in text:
        text = text[:text.index("。") + 1]
    out = []
    if re.search(r"[、，；;。]", text):
        pos = 0
        for piece in re.split(r"(?<=[、，,；;。])", text):
            name = _SEQ.sub("", piece).strip("、，,；;。 ")
            if name:
                out.append((name, joined.lines_between(pos, pos + len(piece))))
            pos += len(piece)
        # a bracket split by 、 (各县（市、区）) is rejoined
        return _rejoin_brackets(out)
    for org, used in _org_lines(section):
        out.append((org, used))
    return out


def _rejoin_brackets(items: list[tuple[str, list[Line]]]) -> list[tuple[str, list[Line]]]:
    out: list[tuple[str, list[Line]]] = []
    for name, used in items:
        if out and out[-1][0].count("（") > out[-1][0].count("）"):
            out[-1] = (out[-1][0] + "、" + name, out[-1][1] + used)
        else:
            out.append((name, used))
    return out


# A unit's name ends like a body (局, 中心 …) or a place, village, team, shop …
_UNIT_END = re.compile(r"(村|镇|乡|县|市|区|旗|组|店|厂|场|矿|校|园|团|连|班|段|股|营|部|站|所|室|处|科|庭|车间|"
                       r"监狱|法庭|工区|项目部|服务区|合作社|委员会|联合会|商会|工会)$")


def _complete(org: str) -> bool:
    """Does `org` end like a unit's name?"""
    org = _BRACKET.sub("", org)
    return bool(UNIT_TAIL.search(org) or _UNIT_END.search(org))


def _org_lines(lines: list[Line]) -> list[tuple[str, list[Line]]]:
    """Organizations one per line; a line that does not end a name joins the next.
    In a numbered list (1. / 1、) a line without a number continues the item."""
    numbered = sum(bool(_SEQ.match(ln.text.strip())) for ln in lines) * 2 > len(lines)
    out: list[tuple[str, list[Line]]] = []
    for ln in lines:
        raw = ln.text.strip()
        if _HEADER.match(raw):
            continue
        t = _SEQ.sub("", tidy(raw))
        # a piece of two characters (员会) is no unit's name: it ends the one before
        joins = not _SEQ.match(raw) if numbered else (not _complete(out[-1][0]) or len(t) <= 2) if out else False
        if out and joins:
            out[-1] = (out[-1][0] + t, out[-1][1] + [ln])
        else:
            out.append((t, [ln]))
    return out


# ---------------------------------------------------------------- individuals


@dataclass
class _Person:
    name: str
    org: Optional[str]
    lines: list[Line]


def _tokens(text: str) -> list[str]:
    """Space-separated tokens, each spaced name (`李 华`) put together."""
    return spaced_names(text.split())


def _person_line(text: str, columns: Optional[list[str]]) -> Optional[list[tuple[str, Optional[str]]]]:
    """People on one line, or None if the line holds none."""
    text = _SEQ.sub("", text.strip()).strip("；;。，,")
    if not text:
        return None
    if "（" in text or "(" in text:
        text = _PERSONAL.sub("", text)                      # 张三（女） → 张三
    if "（" in text or "(" in text:                         # 张三（市财政局）、李四（…）
        flat = tidy(text)
        label = _GROUP_LABEL.match(flat)                    # 市直：张三（市财政局）
        if label:
            flat = label.group("rest")
        got = [(person_name(m.group("n")), tidy(m.group("o"))) for m in _NAME_ORG.finditer(flat)]
        if got and all(n for n, _ in got) and not _NAME_ORG.sub("", flat).strip("、，,；;。 "):
            return got
    m = _ORG_PEOPLE.match(tidy(text))
    if m and _complete(m.group("org")):
        names = [person_name(t) for t in split_top(m.group("names"), "、，,；; ")]
        if names and all(names):
            org = _COUNT_GROUP.sub("", m.group("org")).strip()      # 市公安局（3人）
            return [(n, org) for n in names]
    toks = _tokens(text)
    if not columns and len(toks) >= 3 and toks[1] in ("男", "女") and person_name(toks[0]):
        toks = toks[:1] + toks[2:]                          # 张三 女 X县统计局: sex goes
    if columns and len(toks) == len(columns) and "name" in columns:
        name = person_name(toks[columns.index("name")])
        org = toks[columns.index("org")] if "org" in columns else None
        if name:
            return [(name, org)]
    if len(toks) >= 4 and len(toks) % 2 == 0 and all(person_name(t) for t in toks[0::2]) \
            and not any(person_name(t) for t in toks[1::2]):
        return [(person_name(n), o) for n, o in zip(toks[0::2], toks[1::2])]   # two columns
    if len(toks) == 1:
        items = split_top(toks[0], "、，,")
        names = [person_name(t) for t in items]
        if all(names):
            return [(n, None) for n in names]
        if len(items) == 2 and names[0] and not names[1] and "，" in toks[0]:
            return [(names[0], tidy(items[1]))]            # 张三，X县统计局局长；
        return None
    first, last = person_name(toks[0]), person_name(toks[-1])
    if first and not person_name(toks[1]):
        return [(first, tidy(" ".join(toks[1:2] if columns else toks[1:])))]
    if last and _complete(tidy(" ".join(toks[:-1]))):
        return [(last, tidy(" ".join(toks[:-1])))]
    if all(person_name(t) for t in toks):                   # 张三 李四 王五
        return [(person_name(t), None) for t in toks]
    return None


def _columns(text: str) -> Optional[list[str]]:
    """A header row `序号 姓名 工作单位 职务` → [name, org, other]."""
    if not _HEADER.match(text) or "姓" not in text:
        return None
    words: list[str] = []
    for tok in text.split():                    # `姓 名` spaced out → 姓名
        if words and len(tok) == 1 and len(words[-1]) == 1:
            words[-1] += tok
        else:
            words.append(tok)
    return ["name" if w.startswith("姓") else "org" if "单位" in w else "other"
            for w in words if w not in ("序号", "序")]


_CLAUSE_PUNCT = re.compile(r"[，。；：:]")
_ORG_TAIL_WORD = re.compile(r"(办公室|中心|支行|分行|分公司|分局|大队|中队|支队|街道|社区|委员会|服务站)$")


def _balanced(text: str) -> bool:
    return text.count("（") + text.count("(") == text.count("）") + text.count(")")


def _cut(text: str) -> bool:
    """Might a line that holds no person be a list of people cut at its end?"""
    return not _balanced(text) or text.endswith(("、", "，")) or ("、" in text and ("（" in text or "(" in text))


# A post or occupation that a wrapped line may hold though it could read as a name.
_OCCUPATION = re.compile(r"^(?:.{1,6}(?:员|长|师|警|士)|.*(?:主任|书记|经理|干部|医生|村民|农民|牧民|居民|职工|工人))$")


def _wraps(text: str, last: _Person) -> bool:
    """Is a line without a name and organization of its own the wrapped rest of
    the last organization (人力资源和社会保 / 障局, 交警支队 / 民警, 市 / 第一人民医院
    护士长)? Not a name (of a run of bare names) after a whole organization, nor
    an organization of its own, nor anything after an item closed by ；。 or a
    bracket."""
    if text.endswith("。") and len(text) > 8:
        return False                  # a sentence after the list
    text = text.rstrip("；;。，,")
    if last.org is None or " " in text or len(text) > 20 or _CLAUSE_PUNCT.search(text) \
            or "、" in text or _SEQ.match(text) or last.lines[-1].text.endswith(("；", ";", "。")) \
            or last.lines[-1].text.rstrip("，,、").endswith(("）", ")")):
        return False                  # (an item closed by ；。 or a bracket takes no more)
    if "（" in text or "(" in text:
        return not _NAME_ORG.match(text)
    if person_name(text):         # a name (of a run of bare names), unless the organization
        return not _complete(last.org) or bool(_OCCUPATION.match(text))   # was cut or it is a post
    if _complete(last.org) and _complete(text) and len(text) > 3 and not _ORG_TAIL_WORD.search(text):
        return False              # an organization of its own (of a run of organizations)
    return True


def _individuals(section: list[Line], in_body: bool = False) -> list[_Person]:
    """People of a section, one line at a time (see the module doc); in the
    body the list ends at the first line that holds no person."""
    people: list[_Person] = []
    columns = None
    orgs_only: list[Line] = []
    k = 0
    while k < len(section):
        ln = section[k]
        k += 1
        text = ln.text.strip()
        cols = _columns(text)
        if cols:
            columns = cols
            continue
        last = people[-1] if people else None
        if last and _wraps(text, last):
            last.org = tidy(last.org + text.rstrip("；;。，,"))
            last.lines.append(ln)
            continue
        got = _person_line(text, columns)
        if not got and _cut(text):     # 张三（X县应急 / 管理局）、李四（…）: a list cut at the line end
            joined, used = text, [ln]
            for nxt in section[k:k + 6]:
                joined += nxt.text.strip()
                used.append(nxt)
                got = _person_line(joined, columns) if _balanced(joined) else None
                if got:
                    people.extend(_Person(n, o, list(used)) for n, o in got)
                    k += len(used) - 1
                    break
            if got:
                continue
        if in_body and not got:
            break
        if got and not orgs_only:
            people.extend(_Person(n, o, [ln]) for n, o in got)
        elif not got and tidy(text) and (orgs_only or (people and people[-1].org is None)):
            orgs_only.append(ln)        # a run of organizations after a run of bare names
        elif got:
            people.extend(_Person(n, o, [ln]) for n, o in got)
    if orgs_only:
        _pair_runs(people, orgs_only)
    return people


def _pair_runs(people: list[_Person], org_lines: list[Line]) -> None:
    """Give the trailing run of bare names the run of organizations, by order."""
    bare = []
    for p in reversed(people):
        if p.org is not None:
            break
        bare.append(p)
    bare.reverse()
    orgs = _split_fused(_org_lines(org_lines), len(bare))
    if len(orgs) != len(bare):
        return                      # cannot pair safely; names stay without organization
    for p, (org, used) in zip(bare, orgs):
        p.org = org
        p.lines = p.lines + used


def _split_fused(orgs: list[tuple[str, list[Line]]], want: int) -> list[tuple[str, list[Line]]]:
    """Split organizations that the extraction fused (`…委员会云州市气象局`) at a
    prefix the run's lines start with, until there are `want` of them; joined
    (wrapped) entries are split first."""
    if len(orgs) >= want:
        return orgs
    starts = Counter(m.group() for org, _ in orgs for line in [org] if (m := _PLACE_PREFIX.match(line)))
    prefixes = [p for p, n in starts.items() if n >= 2]
    candidates = []
    for idx, (org, used) in enumerate(orgs):
        for pre in prefixes:
            for m in re.finditer(re.escape(pre), org):
                if m.start() >= 2 and _complete(org[:m.start()]) and _complete(org[m.start():]):
                    candidates.append((len(used) == 1, idx, m.start()))
    candidates.sort()
    need = want - len(orgs)
    if len(candidates) < need:
        return orgs
    cuts: dict[int, list[int]] = {}
    for _, idx, at in candidates[:need]:
        cuts.setdefault(idx, []).append(at)
    out = []
    for idx, (org, used) in enumerate(orgs):
        prev = 0
        for at in sorted(cuts.get(idx, [])) + [len(org)]:
            out.append((org[prev:at], used))
            prev = at
    return out


# ---------------------------------------------------------------- entry point


def parse_commendations(lines: list[Line], document: str, file: str) -> list[Commendation]:
    """The units and individuals a commendation lists; [] for other documents."""
    if not lines:
        return []
    head = head_text(lines)
    if not _CUE.search(head):
        return []
    region, in_body = _region(lines)
    default = _kind_of(re.sub(r".*?(?:对|给予|授予)", "", head)) if not re.search(r"和|及|与", head) else None
    parts = [(region, default)] if in_body else [
        (part, _kind_of(title) or default) for title, part in _attachments(region)]
    out: list[Commendation] = []
    sections = [s for part, kind in parts for s in _sections(part, kind)]
    for section in sections:
        if section.kind == "unit":
            for name, used in _units(section.lines, in_body):
                if _complete(name) and len(name) <= 40:
                    out.append(Commendation(document, "unit", name, None, Source.span(file, used)))
                elif in_body:
                    break               # the list has ended; prose follows
        elif section.kind == "individual":
            for p in _individuals(section.lines, in_body):
                out.append(Commendation(document, "individual", p.name, p.org, Source.span(file, p.lines)))
    return out or _in_sentence(lines, document, file)


# `决定对A、B、C等5个单位予以通报表扬` / `授予张三、李四同志“…”称号`: the list
# inside the sentence that commends, when no list stands apart
_SENTENCE_LIST = re.compile(
    r"(?:对|授予|给予)(?P<list>[^。；;：:“”\n]{2,800}?)(?P<etc>等)?\s*(?P<count>\d+|[一二三四五六七八九十百]+)?\s*"
    r"(?:个|家|所|名|位)?(?P<what>单位|集体|同志|个人)?"
    r"(?=(?:予以|给予)?(?:通报)?(?:表扬|表彰|嘉奖|记功|奖励)|“|记(?:个人|集体)?[一二三]等功)")


_KIND_WORD_END = re.compile(r"(?:单位|集体|个人|人员)$")


def _in_sentence(lines: list[Line], document: str, file: str) -> list[Commendation]:
    joined = Joined.of(lines)
    out: list[Commendation] = []
    seen: set[tuple[str, str]] = set()
    text, pos = joined.text, 0
    while (m := _SENTENCE_LIST.search(text, pos)) is not None:
        # a match that is no list is passed over by one character only: a list
        # may start inside it (给予嘉奖，对A、B等2名同志记三等功)
        pos = m.start() + 1
        if m.group("what") in ("单位", "集体", "个人") and not (m.group("etc") or m.group("count")):
            continue                      # 对先进单位和先进个人予以表扬: kinds, not a list
        pieces = [re.sub(r"同志$", "", p) for p in split_top(m.group("list"), "、，,和")]
        if any(_KIND_WORD_END.search(p) for p in pieces):
            continue
        kinds = []
        for piece in pieces:
            if _complete(piece) and UNIT_TAIL.search(piece) and len(piece) <= 40:
                kinds.append("unit")
            elif person_name(piece):
                kinds.append("individual")
            else:
                break
        if not pieces or len(kinds) != len(pieces):
            continue                      # not a list of units or people: prose
        pos = m.end()
        used = joined.lines_between(m.start("list"), m.end("list"))
        for piece, kind in zip(pieces, kinds):
            name = piece if kind == "unit" else person_name(piece)
            if (kind, name) in seen:
                continue                  # named in the title and again in the body
            seen.add((kind, name))
            out.append(Commendation(document, kind, name, None, Source.span(file, used)))
    return out
