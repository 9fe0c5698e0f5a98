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
is that entry's note. Only documents that are appointment notices are read:
the title speaks of 任免/任命/免去/提名/聘任/解聘, or the body says 决定任命 ….
"""
from __future__ import annotations

import re
from typing import Optional

from ..records import Appointment, Source
from . import patterns as P
from .groups import Joined, head_text, is_post, person_name, split_top
from .lines import Line

_TITLE_CUE = re.compile(r"任免|任命|免去|免职|提名|聘任|解聘|聘用|任职")
_BODY_CUE = re.compile(r"决定(?:提名|提请)?(?:任命|免去|聘任|解聘|聘用|免职)"
                       r"|同意(?:提名|提请)?(?:任命|免去|聘任|解聘|聘用|免职)|决定提名")

# Action words, longest first; 提名免去 before 提名 and 免去.
_ACTIONS = (("提名免去", "nominate_dismiss"), ("提请免去", "nominate_dismiss"),
            ("提名任命", "nominate"), ("提请任命", "nominate"), ("提名", "nominate"),
            ("任命", "appoint"), ("聘任", "appoint"), ("聘用", "appoint"),
            ("免去", "dismiss"), ("解聘", "dismiss"), ("免职", "dismiss"))
_ACTION_RE = re.compile(
    r"(?:经[^，。；]{0,40}研究[，,]?)?(?:决定|同意)?(?P<act>"
    + "|".join(a for a, _ in _ACTIONS) + r")(?:[:：])?")
_ACTION_OF = dict(_ACTIONS)

_DISMISS_TAIL = re.compile(r"^(?P<pos>.+?)(?:职务|职)(?P<note>[（(][^（）()]+[）)])?$")
_NOTE_BRACKET = re.compile(r"[（(](?P<note>[^（）()]+)[）)]$")
_POS_START = set("市县区省州中国山河副党正常第")
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
    for ln in lines[start:]:
        t = ln.text.strip()
        if P.DATE_LINE.match(t) or P.CN_DATE_LINE.match(t) or _END.match(t):
            break
        out.append(ln)
    return out


_ENTRY_START = re.compile(r"^(?P<name>[^，。；为的（(]{2,5}?)(?:同志)?(?:为|的)")


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


def _split_at(clause: str, words: tuple[str, ...], previous: list[str]) -> Optional[tuple[list[str], str]]:
    """The first split `names WORD rest` whose left side reads as names."""
    for m in re.finditer("|".join(words), clause):
        left = re.sub(r"同志$", "", clause[:m.start()])
        names = _names(left, previous) if left else []
        if names:
            return names, clause[m.end():]
        if m.start() > 12:
            break
    return None


def _entry(clause: str, action: str, previous: list[str]) -> Optional[tuple[list[str], str, Optional[str]]]:
    """One clause → (names, position, note), or None if it is no entry."""
    if action in ("appoint", "nominate"):
        got = _split_at(clause, ("为", "担任", "任"), previous)
    else:
        tail = _DISMISS_TAIL.match(clause)
        if not tail:
            return None
        got = _split_at(tail.group("pos"), ("的",), previous)
        if not got:          # no 的: 其市X局局长职务, 王吉市财政局局长职务
            body = tail.group("pos")
            for k in (1, 3, 2):
                if k == 1 and body[:1] != "其":
                    continue
                names = _names(body[:k], previous)
                if names and (k != 3 or body[2] not in _POS_START):
                    got = names, body[k:]
                    break
        if got:
            got = got[0], got[1] + (tail.group("note") or "")
    if not got:
        return None
    names, rest = got
    pos, note = _position(rest)
    if not pos:
        return None
    return names, pos, note


def parse_appointments(lines: list[Line], document: str, file: str) -> list[Appointment]:
    """The appointments, dismissals and nominations a notice makes; [] otherwise."""
    if not lines or not is_appointment_notice(lines):
        return []
    joined = Joined.of(_mark_line_ends(_body(lines)))
    text = joined.text
    line_starts = set(joined.starts)
    # an action word opens a clause: after punctuation or at the start of a line
    marks = [m for m in _ACTION_RE.finditer(text)
             if m.start() == 0 or m.start() in line_starts or text[m.start() - 1] in "，。；：:,;"]
    out: list[Appointment] = []
    previous: list[str] = []
    # (action, start, end); before the first action word, `张三同志任…` appoints
    segments = [("appoint", 0, marks[0].start() if marks else len(text))]
    segments += [(_ACTION_OF[m.group("act")], m.end(), marks[k + 1].start() if k + 1 < len(marks) else len(text))
                 for k, m in enumerate(marks)]
    for action, seg_start, seg_end in segments:
        pos = seg_start
        for sentence in re.split(r"(?<=[；;。])", text[seg_start:seg_end]):
            made: list[Appointment] = []
            offset = pos
            for clause in re.split(r"(?<=[，,])", sentence):
                c_start, c_text = offset, clause.strip("，,；;。 ")
                offset += len(clause)
                if not c_text:
                    continue
                got = _entry(c_text, action, previous)
                src = joined.lines_between(c_start, offset)
                if got:
                    names, position, note = got
                    previous = names
                    for name in names:
                        rec = Appointment(document, action, name, position, note, Source.span(file, src))
                        made.append(rec)
                elif made:                       # 退休，退休待遇从…执行 → note
                    for rec in made[-len(previous):]:
                        rec.note = f"{rec.note}，{c_text}" if rec.note else c_text
                        rec.source = Source(file, rec.source.line_start, max(rec.source.line_end, src[-1].no),
                                            rec.source.page)
            out.extend(made)
            pos += len(sentence)
    return out
