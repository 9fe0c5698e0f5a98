"""Responsible units: split a printed list of bodies and read their roles.

`split_bodies("云溪县、青川县、石门县政府")` → the three 县政府; the roles of a
责任单位 cell (`X牵头，Y、Z等部门配合，各县（市、区）政府落实`) become
lead / cooperate / implement / responsible. Only shapes are used: brackets,
separators, unit-name suffixes, place-name endings and role words.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from . import patterns as P

_OPEN, _CLOSE = "（(《“‘〈[【", "）)》”’〉]】"

# Role words at the end of a list item, with what may stand between the
# units and the role word (等部门, 根据工作职能做好 …).
_FILLER = r"(?:等部门|等单位|等)?(?:根据工作职能|按照职责|按职责|根据职责|按照职能)?(?:做好|负责|共同|分别|各自)?"
ROLE_PATTERNS = [
    (re.compile(rf"{_FILLER}(?:牵头负责|牵头抓总|牵头|负总责|主责|抓总)$"), "lead"),
    (re.compile(rf"{_FILLER}(?:配合|协助|参与|协办|协同)$"), "cooperate"),
    (re.compile(rf"{_FILLER}(?:抓好落实|具体落实|组织落实|落实)$"), "implement"),
    (re.compile(rf"{_FILLER}(?:分工负责|按职责分工负责|负责)$"), "responsible"),
]
# Verbs that start a clause trailing a unit name inside a cell.
# The words every role pattern ends with (a cheap test before the patterns).
_ROLE_ENDS = ("牵头", "负责", "负总责", "主责", "抓总", "配合", "协助", "参与", "协办", "协同", "落实")
_ACTION = re.compile(r"(督促|组织|指导|会同|抓好|做好|按照|根据|结合|开展|加强)")
# Suffixes one list can share (云溪县、石县政府 → 云溪县政府、石县政府).
SHARED = ("人民政府办公室", "政府办公室", "人民政府", "政府", "管委会", "管理委员会", "党委", "党工委")
_SHARED_END = re.compile(rf"^(?P<place>.+?)(?:等)?(?P<suffix>{'|'.join(SHARED)})$")
_SHARED_TAIL = SHARED + ("\n",)      # what _SHARED_END can end with
_TRAILING_DENG = re.compile(r"(等部门|等单位|等)$")


@lru_cache(maxsize=64)
def _sep_pattern(seps: str) -> re.Pattern:
    return re.compile("[" + re.escape(seps) + "]")


@lru_cache(maxsize=64)
def _scan_pattern(seps: str) -> re.Pattern:
    """The characters `split_top` acts on: separators and brackets."""
    return re.compile("[" + re.escape(seps + _OPEN + _CLOSE) + "]")


_OPEN_RE = re.compile("[" + re.escape(_OPEN) + "]")


def _top_cuts(text: str, seps: str):
    """(start, end) of each separator outside brackets and quotes, in order.
    A closing bracket never opened is ignored."""
    depth = 0
    for m in _scan_pattern(seps).finditer(text):
        ch = m.group()
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        if depth == 0 and ch in seps:
            yield m.start(), m.end()


def split_top(text: str, seps: str) -> list[str]:
    """Split on any of `seps` outside brackets and quotes."""
    if not _OPEN_RE.search(text):      # nothing opens: every separator is at the top
        return [p for p in map(str.strip, _sep_pattern(seps).split(text)) if p]
    parts, start = [], 0
    for a, b in _top_cuts(text, seps):
        parts.append(text[start:a])
        start = b
    parts.append(text[start:])
    return [p for p in map(str.strip, parts) if p]


def first_top(text: str, seps: str) -> Optional[str]:
    """`split_top(text, seps)[0]` (None for no piece), without splitting the rest."""
    start = 0
    for a, b in _top_cuts(text, seps):
        piece = text[start:a].strip()
        if piece:
            return piece
        start = b
    return text[start:].strip() or None


_unit_end = P.end_test(P.UNIT_END, P.UNIT_SUFFIXES)
_place_end = P.end_test(P.PLACE_END, P.PLACE_SUFFIXES)


def is_body(text: str) -> bool:
    return _unit_end(text) and len(text) >= 2


_MORE_UNIT_ENDS = ("机关",)           # 公安机关, 税务机关: bodies too, in a list of units


def _is_unit(text: str) -> bool:
    """`is_body`, for a responsible unit (a few more endings than a 主送机关)."""
    return (_unit_end(text) or text.endswith(_MORE_UNIT_ENDS)) and len(text) >= 2


def is_place(text: str) -> bool:
    return _place_end(text)


def _split_conj(unit: str) -> list[str]:
    """Split on 及/和/与 where both sides are bodies; 及其 refers back."""
    if "及" not in unit and "和" not in unit and "与" not in unit:
        return [unit]
    for m in _CONJ.finditer(unit):
        left, right = unit[:m.start()], unit[m.end():]
        if m.group() == "及其" and is_body(left) and right:
            return [left] + _split_conj(left + right)
        if right in SHARED:               # 各县（市、区）党委和政府: the place is shared
            shared = _SHARED_END.match(left)
            if shared and is_place(shared.group("place")):
                return [left, shared.group("place") + right]
            continue
        if _is_unit(left) and _is_unit(right) and not is_place(left[-1:]):
            return [left] + _split_conj(right)
    return [unit]


_CONJ = re.compile(r"及其|及|和|与")


def _trim(unit: str) -> str:
    """Remove trailing 等/等部门 and an action clause after the unit name."""
    unit = unit.strip(" ，,、。；;：:")
    if not _is_unit(unit):
        for m in _ACTION.finditer(unit):
            if m.start() and _is_unit(unit[:m.start()]):
                unit = unit[:m.start()]
                break
    if "等" in unit:
        unit = _TRAILING_DENG.sub("", unit)
    return unit.strip(" ，,、。；;：:")


_LEVEL = ("省", "市", "县", "区", "乡", "镇")
_LEVEL_HEAD = re.compile(r"^[省市县区乡镇](?:[（(][^（）()]{1,12}[）)])?")


def _level_words(units: list[str]) -> list[str]:
    """`市、县（市、区）安委办`: a bare level word takes the body after the next
    item's level (→ 市安委办, 县（市、区）安委办); `市、县两级财政部门` is one body."""
    out = list(units)            # same length: a merged item leaves "" behind
    for k in range(len(out) - 2, -1, -1):
        if out[k] in _LEVEL:
            j = next((j for j in range(k + 1, len(out)) if out[j]), None)
            m = _LEVEL_HEAD.match(out[j]) if j is not None else None
            if not m or len(out[j]) == m.end():
                continue
            rest = out[j][m.end():]
            if re.match(r"^(?:[两二三四五各]级|、)", rest):
                out[k], out[j] = "", out[k] + "、" + out[j]
            else:
                out[k] = out[k] + rest
    return out


def distribute_suffix(units: list[str]) -> list[str]:
    """Give bare place names before a `…县政府` the shared suffix, and a bare
    suffix after a `…乡镇党委` the place (各乡镇党委、政府 → 各乡镇政府)."""
    if len(units) < 2:
        return list(units)                # nothing to share with
    out = _level_words(units)
    for k in range(1, len(out)):
        if out[k] in SHARED and out[k - 1]:
            shared = _SHARED_END.match(out[k - 1])
            if shared and is_place(shared.group("place")):
                out[k] = shared.group("place") + out[k]
    for end in range(len(out) - 1, 0, -1):
        m = _SHARED_END.match(out[end]) if out[end].endswith(_SHARED_TAIL) else None
        if not m or not is_place(m.group("place")):
            continue
        suffix = m.group("suffix")
        out[end] = m.group("place") + suffix
        k = end - 1
        while k >= 0 and _is_bare_place(out[k]):
            out[k] = out[k] + suffix
            k -= 1
    return out


_ZONE_END = re.compile(r"(开发区|园区|示范区|新区)(?:[（(][^（）()]{1,12}[）)])?$")


def _is_bare_place(text: str) -> bool:
    """A place name still waiting for its body word (县, 开发区 — not 县政府)."""
    return is_place(text) and (not is_body(text) or bool(_ZONE_END.search(text)))


_SHARED_DENG = re.compile(rf"等({'|'.join(SHARED)})$")


def _shared_places(units: list[str]) -> list[str]:
    """`X等政府` is read as X政府 even when alone."""
    return [_SHARED_DENG.sub(r"\1", u) if "等" in u else u for u in units]


def split_bodies(text: str) -> list[str]:
    """主送机关 and the like: split a list of bodies at the top level.

    ， always separates; 、 separates only where every piece but the last is a
    body or a place name (so 市人民政府各委、办、局 and 市直企、事业单位 stay whole).
    """
    text = "".join(text.split()).rstrip("：:")
    out: list[str] = []
    for part in split_top(text, "，,；;"):
        pieces = split_top(part, "、")
        if len(pieces) > 1 and all((is_body(p) or is_place(p)) and len(p) >= 2 for p in pieces[:-1]):
            out.extend(u for u in distribute_suffix(_shared_places(pieces)) if u)
        else:
            out.append(part)
    return out


def read_roles(text: str, default: str = "responsible", strict: bool = True) -> list[tuple[str, str]]:
    return list(_read_roles(text, default, strict))


_ROLE_MARK = re.compile(r"[（(](牵头|配合|协办|主责|负责)[）)]$")
_MARK_ROLE = {"牵头": "lead", "主责": "lead", "配合": "cooperate", "协办": "cooperate", "负责": "responsible"}


@lru_cache(maxsize=8192)
def _read_token(token: str, strict: bool) -> tuple[tuple[str, ...], Optional[str]]:
    """One 、-separated item of a cell → (its units, the role word it ends with).
    Cached: the same items recur across the cells of a document."""
    role = None
    marked = _ROLE_MARK.search(token)      # X（牵头） / X(配合): a role in brackets after the unit
    if marked and marked.start() > 0:
        token, role = token[:marked.start()], _MARK_ROLE[marked.group(1)]
    for pattern, name in (ROLE_PATTERNS if role is None and token.endswith(_ROLE_ENDS) else ()):
        m = pattern.search(token)
        if m and m.start() > 0 and (_is_unit(token[:m.start()]) or is_place(token[:m.start()])):
            token, role = token[:m.start()], name
            break
    token = _trim(token)
    if token and (not strict or _is_unit(token) or is_place(token) or token in _LEVEL
                  or token.endswith("成员单位")):
        return tuple(_split_conj(token)), role
    return (), role


# Labels inside a cell: 牵头：X；配合：Y / 牵头单位：X 配合单位：Y / 责任领导：Z (a person).
_CELL_LABEL = re.compile(r"(?:(?P<lead>牵头|主办|主责)|(?P<cooperate>配合|协办|协同|协助|参与)"
                         r"|(?P<own>责任|负责|实施|落实))(?:单位|部门)?[:：]"
                         r"|(?P<person>(?:责任|分管|牵头|包联|联系|主要)(?:市|县|区|省)?(?:领导|负责人))[:：]")


def _labelled(text: str, default: str, strict: bool) -> Optional[tuple[tuple[str, str], ...]]:
    """A cell of labelled lists → its (unit, role) pairs; None without labels."""
    marks = list(_CELL_LABEL.finditer(text))
    if not marks:
        return None
    out: list[tuple[str, str]] = []
    if marks[0].start():
        out += _read_roles(text[:marks[0].start()].strip("。；;，,"), default, strict)
    for k, m in enumerate(marks):
        kind = m.lastgroup
        if kind == "person":
            continue
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        role = kind
        if kind == "own":             # 责任单位 beside a lead carries out, else the cell's role
            role = "implement" if default == "lead" or any(r == "lead" for _, r in out) else default
        out += _read_roles(text[m.end():end].strip("。；;，,"), role, strict)
    seen: set = set()
    return tuple([pair for pair in out if not (pair in seen or seen.add(pair))])


_TOGETHER = re.compile(r"会同")


def _together(clause: str, strict: bool) -> list[tuple[str, str]]:
    """`X会同Y、Z负责`: X leads, Y and Z cooperate (a role word after Y、Z
    is the pair's together); [] when a side is no list of bodies."""
    m = _TOGETHER.search(clause)
    left, right = clause[:m.start()], clause[m.end():]
    lead = _read_roles(left, "lead", strict)
    right = re.sub(r"(?:共同|一起)?(?:负责|落实|推进|实施|抓好落实)$", "", right)
    coop = _read_roles(right, "cooperate", strict)
    if not lead or not coop or not is_body(left.split("、")[-1]):
        return []
    return list(lead) + list(coop)


@lru_cache(maxsize=4096)
def _read_roles(text: str, default: str, strict: bool) -> tuple[tuple[str, str], ...]:
    """A 责任单位 cell → [(unit, role)], units in printed order. With `strict`
    a piece that does not look like a body is dropped (a trailing clause);
    after a label such as 牵头单位： every piece is taken as a unit."""
    text = "".join(text.split()).strip("。；;，,")
    if "：" in text or ":" in text:
        labelled = _labelled(text, default, strict)
        if labelled is not None:
            return labelled
    result: list[tuple[str, str]] = []
    for clause in split_top(text, "，,；;。"):
        if "会同" in clause:
            together = _together(clause, strict)
            if together:
                result += together
                continue
        units: list[str] = []                 # the clause's units, and the roles read so far
        roles: list[str] = []
        # (split_top of a clause, itself a stripped piece, without 、 is the clause)
        for token in (split_top(clause, "、") if "、" in clause else (clause,)):
            found, role = _read_token(token, strict)
            units += found
            if role:                          # the role of every unit since the last role word
                roles += [role] * (len(units) - len(roles))
        roles += [default] * (len(units) - len(roles))
        if units:
            result += zip(distribute_suffix(_shared_places(units)), roles)
    seen: set = set()
    return tuple([pair for pair in result if pair[0] and not (pair in seen or seen.add(pair))])
