"""任免 and 提名 notices: who is appointed to, removed from or nominated for what.

Reads: all lines of one document. Writes: `Appointment` records.

The body is joined into one text and cut at the action words (决定任命：,
决定免去：, 决定提名：, 决定提名免去：, 聘任, 解聘, 免去其 …). Each action runs
until the next one; its sentences (split at ；。) hold entries:

    appoint / nominate:  张三为市教育局副局长（挂职一年）       → note 挂职一年
                         张三、李四为市X局副局长人选            → two records, 人选 dropped
    dismiss:             张三的云州职业技术学院院长助理职务    (的 optional)
                         免去其市X局局长职务                   → the name before

A clause after an entry that is not an entry itself (`退休，退休待遇从…执行`)
is that entry's note. A clause whose verb follows the name (`张三同志任X`,
`张三同志不再担任X职务`, `张三同志挂职任X` → note 挂职) has that action
whatever came before. Lists under an action word, one `name post` a line
(`刘　伟　市X局副局长`, the post maybe wrapped), are read as entries; so are
numbered action headings (`一、任命`), `提请市人大常委会任命：` (nominations)
and a list printed in the attachment after the signature. Only documents
that are appointment notices are read: the title speaks of
任免/任命/免去/提名/聘任/解聘 (or X同志挂职), or the body says 决定任命 ….
"""
from __future__ import annotations

import re
from typing import Optional

from ..records import Appointment, Source
from . import patterns as P
from .groups import Joined, head_text, is_post, person_name, spaced_names, split_name_position, split_top
from .lines import Line

_TITLE_CUE = re.compile(r"任免|任命|免去|免职|提名|聘任|解聘|聘用|任职|同志挂职|同志的?职务")
_BODY_CUE = re.compile(r"决定(?:提名|提请)?(?:任命|免去|聘任|解聘|聘用|免职)"
                       r"|同意(?:提名|提请)?(?:任命|免去|聘任|解聘|聘用|免职)|决定提名")

# Action words, longest first; 提名免去 before 提名 and 免去.
_ACTIONS = (("提名免去", "nominate_dismiss"), ("提请免去", "nominate_dismiss"),
            ("提名任命", "nominate"), ("提请任命", "nominate"), ("提名", "nominate"),
            ("任命", "appoint"), ("聘任", "appoint"), ("聘用", "appoint"),
            ("免去", "dismiss"), ("解聘", "dismiss"), ("免职", "dismiss"))
_ACTION_RE = re.compile(
    r"(?:经[^，。；]{0,40}研究[，,]?)?(?:决定|同意)?"
    r"(?:(?P<via>提请|提名)[^，。；：:、为的]{1,12}?(?=任命|免去|免职|聘任))?(?P<act>"
    + "|".join(a for a, _ in _ACTIONS) + r")(?:[:：∶])?")
_ACTION_OF = dict(_ACTIONS)


def _action_of(m: re.Match) -> str:
    """The action a mark names; `提请市人大常委会任命` nominates, `…免去` too."""
    action = _ACTION_OF[m.group("act")]
    if m.group("via") and not action.startswith("nominate"):
        return "nominate" if action == "appoint" else "nominate_dismiss"
    return action

_DISMISS_TAIL = re.compile(r"^(?P<pos>.+?)(?:职务|职)(?P<note>[（(][^（）()]+[）)])?$")
_NOTE_BRACKET = re.compile(r"[（(](?P<note>[^（）()]+)[）)]$")
_POS_START = set("市县区省州中国山河副党正常第")
_ATTACHMENT_LABEL = re.compile(r"^附\s*件\s*\d*\s*[:：]?$")
_END = re.compile(r"^(?:附件|抄送|（此件|\(此件)")


def is_appointment_notice(lines: list[Line]) -> bool:
    head = head_text(lines)
    if _TITLE_CUE.search(head):
        return True
    # The cue is Chinese characters only, so it is found in the joined lines
    # with every space removed exactly where it is found in them tidied (only
    # spaces next to Chinese go), unless other white space is about.
    text = "".join([ln.text for ln in lines])
    text = text.replace(" ", "") if text.isprintable() else Joined.text_of(lines)
    # every _BODY_CUE match starts with 决定 or 同意: try it where they stand
    match = _BODY_CUE.match
    for word in ("决定", "同意"):
        k = text.find(word)
        while k >= 0:
            if match(text, k):
                return True
            k = text.find(word, k + 2)
    return False


def _body(lines: list[Line]) -> list[Line]:
    """The lines after the 发文字号 (or the title) up to the 成文日期."""
    start = 0
    for i, ln in enumerate(lines[:12]):
        if P.DOC_NUMBER_LINE.match(ln.text.strip()):
            start = i + 1
            break
    out = []
    k = start
    for k in range(start, len(lines)):
        t = lines[k].text.strip()
        if P.DATE_LINE.match(t) or P.CN_DATE_LINE.match(t) or _END.match(t):
            break
        out.append(lines[k])
    # a list in the attachment (附件 / 任免人员名单 / …) after the signature
    for j in range(k + 1, len(lines)):
        if _ATTACHMENT_LABEL.match(lines[j].text.strip()):
            out.extend(ln for ln in lines[j + 1:] if not _END.match(ln.text.strip()))
            break
    return out


_ENTRY_START = re.compile(r"^(?P<name>[^，。；为的（(]{2,5}?|[^，。；为的（(]{1,6}(?:[·•・‧･][^，。；为的（(]{1,8}){1,2}?)(?:同志)?(?:为|的)")


def _mark_line_ends(lines: list[Line]) -> list[Line]:
    """Entries printed one per line without a closing ；: put one where a line
    ends a post (or 职务, or a bracket) and the next line starts `name为`."""
    out = []
    for ln, nxt in zip(lines, lines[1:] + [None]):
        text = ln.text.rstrip()
        if nxt is not None and not re.search(r"[，。；;,：:、]$", text) \
                and (is_post(text) or re.search(r"(?:职务|人选|[）)])$", text)):
            m = _ENTRY_START.match(re.sub(r"\s+", "", nxt.text))
            if m and person_name(m.group("name")):
                ln = Line(text + "；", ln.no, ln.page, ln.indent)
        out.append(ln)
    return out


# `一、任命` / `（二）免去：` / `1.张三任X` / `（一）任命张三为X`: the numbering goes
# where an action word or an entry (…任/为/的/免/聘) follows
_NUMBERED_ACTION = re.compile(rf"^(?:[{P.CN_NUM}]+\s*、|[（(][{P.CN_NUM}]+[）)]|\d{{1,3}}\s*[.．、](?!\d)|[（(]\d{{1,3}}[）)])\s*"
                              r"(?=[^，。；;：:]{0,12}?(?:任|为|的|免|聘|提名|提请|不再))")
_ITEM_NUMBER = re.compile(r"^(?:\d{1,3}\s*[.．、](?!\d)|[（(]\d{1,3}[）)]|\d{1,3}\s)\s*")   # 1. / （1） / 1 (a table's 序号)
# A table's header row: 序号 姓名 职务 / 姓名 拟任职务 …
_HEADER_ROW = re.compile(r"^(?:序\s*号|姓\s*名|拟?任\s*职\s*务?|拟?免\s*职\s*务?|现?任?职\s*务|原\s*职\s*务|备\s*注|单位|\s)+$")
_NOTES_AT_END = re.compile(r"(?:[（(][^（）()]*[）)])+$")
_NOT_IN_ITEM = re.compile(r"[为的，,。；;：:、]")


def _post_item(text: str) -> bool:
    """Does `text` read as a post, with its 职务 and bracketed notes?"""
    text = re.sub(r"(?:职务|人选)$", "", _NOTES_AT_END.sub("", text))
    return bool(text) and is_post(text)


def _list_entry(item: str, listing: bool) -> Optional[tuple[str, str]]:
    """`刘　伟　市X局副局长` → (刘伟, 市X局副局长); also without the space
    when the line is in a list (`listing`)."""
    if " " in item:
        toks = spaced_names(item.split())
        if len(toks) >= 2 and person_name(toks[0]) and _post_item("".join(toks[1:])):
            return person_name(toks[0]), "".join(toks[1:])
    elif listing:
        notes = _NOTES_AT_END.search(item)
        bare = item[:notes.start()] if notes else item
        if bare and not _NOT_IN_ITEM.search(bare):
            pair = split_name_position(bare)
            if pair and pair[1] and _post_item(pair[1]):
                return pair[0], pair[1] + (notes.group() if notes else "")
    return None


def _list_lines(lines: list[Line]) -> list[Line]:
    """Entries printed as a list under an action word, one per line, `name
    post` (`刘　伟　市X局副局长`, `孙明市Y局局长职务（退休）`): written
    `name：post；` so that the clause reader finds where the name ends. A post
    wrapped onto the next lines (`王　明　X公司副总` / `经理`) is taken with
    them. Heading numbers before an action word (`一、任命`) go."""
    out = []
    listing = False                  # the line before opened a list or was an entry
    k = 0
    while k < len(lines):
        ln = lines[k]
        text = _NUMBERED_ACTION.sub("", ln.text)
        item = _ITEM_NUMBER.sub("", text)
        tails: list[Line] = []       # short lines after it that may end its post
        if " " in item or listing:
            while k + 1 + len(tails) < len(lines) and len(tails) < 4 and _tail(lines[k + 1 + len(tails)].text):
                tails.append(lines[k + 1 + len(tails)])
        entry, taken = None, 0
        for m in range(len(tails), -1, -1):
            rest = "".join(t.text for t in tails[:m])
            entry = _list_entry(item + rest, listing)
            if entry and entry[1].endswith(rest):
                taken = m
                break
            entry = None
        if entry and taken:              # the name and the post's start here, its end there
            rest = "".join(t.text for t in tails[:taken])
            out.append(Line(f"{entry[0]}：{entry[1][:len(entry[1]) - len(rest)]}", ln.no, ln.page, ln.indent))
            out += tails[:taken - 1]
            last = tails[taken - 1]
            out.append(Line(last.text + "；", last.no, last.page, last.indent))
            listing = True
            k += taken + 1
            continue
        if entry:
            text = f"{entry[0]}：{entry[1]}；"
        elif listing and _HEADER_ROW.match(text):
            k += 1                           # the header row of a list printed as a table
            continue
        listing = bool(entry) or text.rstrip().endswith(("：", ":"))
        out.append(ln if text == ln.text else Line(text, ln.no, ln.page, ln.indent))
        k += 1
    return out


def _tail(text: str) -> bool:
    """Can a line be the wrapped end of a post in a list (`会副主任`, `理职务`),
    not an entry, an action word or a sentence of its own?"""
    if " " in text or len(text) > 14 or _NOT_IN_ITEM.search(_NOTES_AT_END.sub("", text)) \
            or _ACTION_START.match(text):
        return False
    bare = re.sub(r"[（(][^）)]*$", "", _NOTES_AT_END.sub("", text))     # notes, closed or cut
    pair = split_name_position(bare)
    return not (pair and pair[1])


_ACTION_START = re.compile(r"^(?:[{0}]+、|[（(][{0}]+[）)])?(?:决定|同意|提请|提名)?(?:任命|免去|聘任|解聘|聘用|免职)".format(P.CN_NUM))


def _names(text: str, previous: list[str]) -> list[str]:
    """`张三、李四` → both; `其` → the names of the entry before; [] if not names."""
    text = re.sub(r"^(?:研究)?(?:决定|同意)[:：]?", "", text)      # 决定：张三任…
    text = re.sub(r"^(?:任命|免去|提名|聘任|解聘)", "", text)
    if text in ("其", "其同志", "上述同志"):
        return list(previous)
    parts = split_top(text, "、，,和")
    names = [person_name(re.sub(r"[（(][^）)]*[）)]$", "", p)) for p in parts]
    return names if names and all(names) else []


def _position(pos: str) -> tuple[str, Optional[str]]:
    """Split a bracketed note off a post: `副院长（挂职一年）` → (副院长, 挂职一年)."""
    note = None
    pos = pos.strip()
    m = _NOTE_BRACKET.search(pos)
    if m and m.start() > 0:
        note, pos = m.group("note").strip(), pos[:m.start()]
    pos = re.sub(r"(?:人选|职务)$", "", pos.strip())
    return pos, note


def _split_at(clause: str, words: tuple[str, ...], previous: list[str]) -> Optional[tuple[list[str], str, str]]:
    """The first split `names WORD rest` whose left side reads as names:
    (names, rest, WORD)."""
    for m in re.finditer("|".join(words), clause):
        left = re.sub(r"同志$", "", clause[:m.start()])
        names = _names(left, previous) if left else []
        if names:
            return names, clause[m.end():], m.group()
        if m.start() > 12:
            break
    return None


def _entry(clause: str, action: str, previous: list[str]) -> Optional[tuple[list[str], str, Optional[str], bool]]:
    """One clause → (names, position, note, whether the note is only the verb's
    挂职), or None if it is no entry."""
    got, word = None, ""
    if action in ("appoint", "nominate"):
        split = _split_at(clause, ("：", "挂职担任", "挂职任", "为", "担任", "任"), previous)
        if split:
            got, word = split[:2], split[2]
    elif "：" in clause and (split := _split_at(clause, ("：",), previous)):
        got = split[:2]                  # `name：post` from a list (_list_lines); 职务 optional
    else:
        tail = _DISMISS_TAIL.match(clause)
        if not tail:
            return None
        split = _split_at(tail.group("pos"), ("的", "不再担任"), previous)
        got = split[:2] if split else None
        if not got:          # no 的: 其市X局局长职务, 王吉市财政局局长职务, 张三同志市X局局长职务
            body = tail.group("pos")
            comrade = _COMRADE.match(body)
            names = _names(comrade.group("name"), previous) if comrade else []
            if names:
                got = names, body[comrade.end():]
            for k in (1, 3, 2):
                if got:
                    break
                if k == 1 and body[:1] != "其":
                    continue
                names = _names(body[:k], previous)
                if names and (k != 3 or body[2] not in _POS_START):
                    got = names, body[k:]
        if got:
            got = got[0], got[1] + (tail.group("note") or "")
    if not got:
        return None
    names, rest = got
    pos, note = _position(rest)
    if not pos:
        return None
    implied = note is None and word.startswith("挂职")
    return names, pos, "挂职" if implied else note, implied      # 张三同志挂职任X


def _after_preamble(clause: str, previous: list[str]) -> str:
    """The clause without what comes before its entry and a colon
    (`市直各有关单位：经市人民政府研究决定：张三任X` → `张三任X`); a
    `name：post` entry keeps its name."""
    while "：" in clause:
        head, rest = clause.split("：", 1)
        if not rest or _names(head, previous):
            break
        clause = rest
    return clause


_ASCII_COLON = re.compile(rf"(?<=[{P.CJK}]):")
_SELF_APPOINT = re.compile(r"^(?P<name>[^，。；、：:]{2,14}?)(?:同志)?(?:挂职)?(?:担任|任)(?![命免职])")
_SUBJECT = re.compile(r"^(?P<name>[^，。；、：:]{2,14}?)同志")


def _clause_action(clause: str, action: str) -> str:
    """The clause's own action where its verb follows the name: `张三同志任X`
    appoints and `张三同志不再担任X职务` dismisses, whatever action word came
    before."""
    if "不再担任" in clause:
        return "nominate_dismiss" if action.startswith("nominate") else "dismiss"
    if action in ("dismiss", "nominate_dismiss"):
        m = _SELF_APPOINT.match(clause)
        if m and person_name(re.sub(r"同志$", "", m.group("name"))) and _post_item(clause[m.end():]):
            return "appoint" if action == "dismiss" else "nominate"
    return action


_COMRADE = re.compile(r"^(?P<name>[^，。；、]{2,14}?)同志")


def parse_appointments(lines: list[Line], document: str, file: str) -> list[Appointment]:
    """The appointments, dismissals and nominations a notice makes; [] otherwise."""
    if not lines or not is_appointment_notice(lines):
        return []
    joined = Joined.of(_mark_line_ends(_list_lines(_body(lines))))
    text = _ASCII_COLON.sub("：", joined.text)       # 决定: as 决定：(same length: offsets hold)
    line_starts = set(joined.starts)
    # an action word opens a clause: after punctuation or at the start of a line
    marks = [m for m in _ACTION_RE.finditer(text)
             if m.start() == 0 or m.start() in line_starts or text[m.start() - 1] in "，。；：:,;"]
    out: list[Appointment] = []
    previous: list[str] = []
    # (action, start, end); before the first action word, `张三同志任…` appoints
    segments = [("appoint", 0, marks[0].start() if marks else len(text))]
    segments += [(_action_of(m), m.end(), marks[k + 1].start() if k + 1 < len(marks) else len(text))
                 for k, m in enumerate(marks)]
    for action, seg_start, seg_end in segments:
        pos = seg_start
        for sentence in re.split(r"(?<=[；;。])", text[seg_start:seg_end]):
            made: list[Appointment] = []
            implied: set[int] = set()        # records whose note is the verb's 挂职 only
            offset = pos
            for clause in re.split(r"(?<=[，,])", sentence):
                c_start, c_text = offset, clause.strip("，,；;。 ")
                offset += len(clause)
                if not c_text:
                    continue
                c_text = _after_preamble(c_text, previous)
                act = _clause_action(c_text, action)
                got = _entry(c_text, act, previous)
                src = joined.lines_between(c_start, offset)
                if got:
                    names, position, note, by_verb = got
                    previous = names
                    for name in names:
                        rec = Appointment(document, act, name, position, note, Source.span(file, src))
                        made.append(rec)
                        if by_verb:
                            implied.add(id(rec))
                elif (subject := _SUBJECT.match(c_text)) and person_name(subject.group("name")):
                    previous = [person_name(subject.group("name"))]   # 张三同志因到龄退休，免去其…
                elif made:                       # 退休，退休待遇从…执行 → note
                    for rec in made[-len(previous):]:
                        # a clause that says more of 挂职 (挂职时间一年) replaces the verb's note
                        restates = id(rec) in implied and rec.note in c_text
                        rec.note = f"{rec.note}，{c_text}" if rec.note and not restates else c_text
                        implied.discard(id(rec))
                        rec.source = Source(file, rec.source.line_start, max(rec.source.line_end, src[-1].no),
                                            rec.source.page)
            out.extend(made)
            pos += len(sentence)
    return out
