"""Task parsers: the responsibility-bearing items a document assigns.

Three printed shapes are read:

* a task-division table (重点任务分工) linearized by the PDF tool: a header row
  (序号 … 责任单位, 序号 possibly spaced or wrapped, or no 序号 column and
  rows numbered 1. in the task cell), then per row a number, the task's short
  name, its items （1）（2）… each followed by its 责任单位 cell, wrapped in
  narrow columns; or cells of several columns (牵头领导 | 牵头单位 | 配合单位 |
  完成时限), one-line cells possibly sharing a line; section rows (一、…)
  across the table, numbering restarting under them or in a second table;
  merged cells (a 任务 cell or a number spanning rows of measures); a row
  run on over a page break (each cell's part that fits, the furniture, then
  the cut cells' rest) put back in order first;
* a numbered (or （一）-numbered) list where each item is followed by labelled
  lines (牵头单位：… / 【配合单位】… / 责任单位：… / 完成时限：…), under 一、/（一）
  section headings;
* numbered items (1. / （1） / ① / 一、 / （一）) carrying their units inline at
  the end: （X、Y负责） / （负责部门：X、Y） / （牵头单位：X；配合单位：Y） /
  （X会同Y负责） / a bare list of organs （X、Y）, or unbracketed after the last
  sentence (`责任单位：X（牵头）、Y`, `X牵头，Y配合。`), the label possibly on
  a line of its own; （1）（2） items under a numbered task without units of
  its own are that task's items N.k.

Reads: a document's lines (furniture removed). Writes: `RawTask`s — content,
heading, section, (unit, role) pairs and the lines they came from; the
pipeline turns them into `Task` records with deadlines, targets and unit ids.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations
from typing import Optional

from . import patterns as P
from .lines import Line, find_lines
from .reflow import full_width, is_full, join, width
from .segment import is_issuer_line
from .units import first_top, is_body, read_roles, split_top

# A label is printed `牵头单位：` or in brackets `【牵头单位】`
_OPEN = r"[【\[［]?"
_SEP = r"(?:\s*[:：]|[】\]］]\s*[:：]?)"
ROLE_LABEL = re.compile(
    rf"^{_OPEN}(?P<label>牵头单位|牵头部门|配合单位|配合部门|协办单位|协同单位|协同部门|责任单位|责任部门|主办单位|主责单位|"
    rf"主责部门|参与单位){_SEP}\s*(?P<rest>.*)$")
LABEL_ROLE = {"牵头单位": "lead", "牵头部门": "lead", "主办单位": "lead", "主责单位": "lead", "主责部门": "lead",
              "配合单位": "cooperate", "配合部门": "cooperate", "协办单位": "cooperate", "参与单位": "cooperate",
              "协同单位": "cooperate", "协同部门": "cooperate",
              "责任单位": "implement", "责任部门": "implement"}
# 10. / 10、 — not 1.65, but 1.4月底前… (item 1 starting with its month) or 2.2024年…
ITEM_NUM = re.compile(r"^(?P<n>\d{1,3})\s*[.．、](?:(?!\d)|(?=\d{1,2}月|(?:19|20)\d\d年))")
ROW_START = re.compile(r"^(?P<n>\d{1,3})(?:\s+(?P<rest>\S.*))?$")
# lines starting as a header, a row or a section row (一、… / （一）…) can (find_lines)
# (and 附件 labels, where a next table's title starts)
_HEADER_OR_ROW = re.compile(r"\n(?:序|\d|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|附\s*件)")
# 排在第一位的为牵头单位 / 列第一位者为牵头单位 / 排名第一… / 排在首位… / 首个部门牵头
# (written to start with a character set, so that a search skips ahead to it)
FIRST_LEADS = re.compile(r"[排列首第](?:(?<=[排列])(?:在|名|序)?(?:第一位?|首位|第一个|最前面?)|(?<=首)(?:位|个)|(?<=第)一个)"
                         r"的?(?:者|部门|单位)?(?:为|是)?牵头")
INLINE = re.compile(r"[（(【](?P<inner>[^（）()【】]*(?:[（(][^（）()]*[）)][^（）()【】]*)*)[）)】][。；;]?$")
# (also the short labels 牵头：X；配合：Y)
INLINE_ROLE_LABEL = re.compile(rf"{_OPEN}(?:(?:牵头|配合|责任|负责|主办|主责|协办|参与|协同)(?:单位|部门)"
                               rf"|牵头|配合|协办|协同|主责){_SEP}")
# A time note beside the units (完成时限：2024年6月底前): its deadlines belong to the task.
WHEN_LABEL = r"(?:完成时限|完成时间|完成期限|办结时限|时限要求|时间要求|时间节点|进度安排|时间安排|时限)"
WHEN_LINE = re.compile(rf"^{_OPEN}{WHEN_LABEL}{_SEP}\s*(?P<rest>.*)$")
WHEN_IN_NOTE = re.compile(rf"[；;，,。]?\s*{_OPEN}(?:{WHEN_LABEL}|时间){_SEP}")
# Words a time cell or a closing time sentence is made of.
TIMEISH = re.compile(r"(?:19|20)\d\d|\d{1,2}月|[上下]半年|季度|年底|年内|年末|月底|月末|底前|前完成|长期|持续|常态|即日|立即|每[年季月周]")


def cut_when(text: str) -> tuple[str, str]:
    """`X牵头；完成时限：6月底前` → (`X牵头`, `6月底前`)."""
    m = WHEN_IN_NOTE.search(text)
    if not m:
        return text, ""
    return text[:m.start()], text[m.end():].strip(" ；;，,。")


@dataclass
class RawTask:
    key: str
    content: str
    heading: Optional[str] = None
    section: Optional[str] = None
    roles: list[tuple[str, str]] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    content_lines: list[Line] = field(default_factory=list)
    when: str = ""          # a 完成时限 note or column beside the content, as printed


_ROLE_WORDS = re.compile(r"负责|牵头|配合|落实|责任单位|责任部门")


def parse_tasks(lines: list[Line], body_text: str = "", joined: Optional[str] = None) -> list[RawTask]:
    """`joined`: the lines' texts joined by line breaks, when the caller has it."""
    # (no role word contains a line break, so one search over the lines joined)
    if joined is None:
        joined = "\n".join([ln.text for ln in lines])
    if not _ROLE_WORDS.search(joined):
        return []          # no unit is given a role anywhere: no task
    tasks = parse_table(lines, joined) or parse_labelled_list(lines)
    plain = [t for t in tasks if t.roles and all(r in ("responsible", "implement") for _, r in t.roles)]
    if (plain or not tasks) and _first_leads(body_text, joined):
        # 排在第一位的为牵头单位: a plain list's first unit leads, the others cooperate
        for t in plain:
            t.roles = [(u, "lead" if k == 0 else "cooperate") for k, (u, _) in enumerate(t.roles)]
        return _unique_keys(tasks or parse_inline(lines, first_leads=True))
    return _unique_keys(tasks or parse_inline(lines))


def _first_leads(body_text: str, joined: str) -> bool:
    """Does the document say the first-listed unit leads — in its body, or in
    a note of the attachment (注：排在第一位的为牵头单位), possibly wrapped?"""
    if FIRST_LEADS.search(body_text):
        return True
    return ("第一" in joined or "首" in joined) and FIRST_LEADS.search(joined.replace("\n", "")) is not None


def _unique_keys(tasks: list[RawTask]) -> list[RawTask]:
    """Numbering that restarts under each heading (一、 1. 2. 二、 1. 2.) gives
    keys twice: then every task is keyed by its position, N for the N-th
    numbered task (N.k for its k-th item)."""
    keys = [t.key for t in tasks]
    if len(set(keys)) == len(keys):
        return tasks
    n, last = 0, None
    for t in tasks:
        top, dot, sub = t.key.partition(".")
        if not dot or top != last or sub == "1":
            n += 1
        last = top
        t.key = f"{n}.{sub}" if dot else str(n)
    return tasks


# --- 1. the task-division table ------------------------------------------------

# 序号 starting a line (also spaced, 序 号, or wrapped, 序 / 号)
_HEADER_START = re.compile(r"序(?<![^\n]序)(?: *号|\n号)")     # (a line's start: no character but \n before)
_NUMBER_HEAD = re.compile(r"序\s*号")


def _starts_header(text: str) -> bool:
    return text[:1] == "序" and (text == "序" or text.startswith("序号") or text.replace(" ", "").startswith("序号"))


def _header_at(lines: list[Line], i: int) -> int:
    """Lines taken by a table header starting at i (0 when none)."""
    text = ""
    for k in range(i, min(i + 10, len(lines))):     # column names wrap in narrow columns
        text += lines[k].text.replace(" ", "")
        if "序号" in text and UNIT_COLUMN.search(text):
            return k - i + 1
        if len(text) > 60:
            return 0
    return 0


# Columns of a task table besides the task itself, as its header names them.
_LEAD_COLUMN = r"牵头(?:责任)?(?:单位|部门)|主办(?:单位|部门)|主责(?:单位|部门)"
_COOPERATE_COLUMN = r"配合(?:责任)?(?:单位|部门)|协办(?:单位|部门)|参与(?:单位|部门)|协同(?:单位|部门)"
_RESPONSIBLE_COLUMN = r"责任(?:单位|部门|主体|科室)|承办单位|承担单位|实施单位|落实单位"
# A header naming one of these (and 序号) is a task table's
UNIT_COLUMN = re.compile(f"{_LEAD_COLUMN}|{_COOPERATE_COLUMN}|{_RESPONSIBLE_COLUMN}")
# A header line without 序号: a task column's name first, a unit column's
# among the others, and the next line starts row 1 (1. / 1、)
_TASK_COLUMN = r"(?:重点|工作|主要)?(?:任务|工作|事项|内容|举措|措施)(?:名称|内容)?"
_BARE_HEADER = re.compile(
    rf"{_TASK_COLUMN}[ \t][^\n：:。]{{0,40}}?(?:{_LEAD_COLUMN}|{_RESPONSIBLE_COLUMN})[^\n：:。]{{0,30}}$")
_FIRST_ROW = re.compile(r"\n1\s*[.．、]")         # where the line above may be such a header
_NUMBERED_ROW = re.compile(r"^(?P<n>\d{1,3})\s*[.．、](?!\d)\s*(?P<rest>.*)$")
_COLUMN = re.compile(
    r"(?P<leader>(?:牵头|责任|分管|包联|联系|主要)(?:市|县|区|省)?(?:领导|负责人)(?:同志)?)"
    r"|(?P<skip>备注|工作成效|完成情况|工作进展|进展情况)"
    rf"|(?P<lead>{_LEAD_COLUMN})"
    rf"|(?P<cooperate>{_COOPERATE_COLUMN})"
    rf"|(?P<responsible>{_RESPONSIBLE_COLUMN})"
    r"|(?P<when>完成时限|完成时间|完成期限|办结时限|时限要求|时间要求|时间节点|进度安排|时间安排|时序进度|时间进度|时限)")
_COLUMN_NAME = re.compile(rf"^(?:{_COLUMN.pattern})$")
_UNIT_KINDS = frozenset({"lead", "cooperate", "responsible"})      # columns of units; the kind is the role


def _columns(header: str) -> tuple[int, list[str]]:
    """A header's text → (its number of task columns, the kinds of the columns
    after them: lead / cooperate / responsible / when / skip)."""
    # the task columns: the words before the first named column (as spaced)
    header = _NUMBER_HEAD.sub("序号", header)      # 序 号 (spaced or wrapped in a narrow column)
    cells = [c for c in header.replace("序号", " ").split()]
    n_task = next((k for k, c in enumerate(cells) if _COLUMN.search(c)), len(cells))
    if not n_task and cells and not _COLUMN.match(cells[0]):
        n_task = 1                    # 重点任务牵头单位…: the names printed without spaces
    # the named columns, read without spaces: a header wrapped over lines
    # may break a name (完成 / 时限)
    flat = "".join(header.split())
    kinds = [m.lastgroup for m in _COLUMN.finditer(flat)]
    while kinds and kinds[-1] in ("skip", "leader"):
        kinds.pop()                   # trailing 备注 columns are usually empty: ignore them
    return n_task, kinds


_FIGURES = re.compile(r"[0-9０-９%％]")
_LEVEL_START = re.compile(r"[省市州盟县区旗乡镇各]")
_NOT_NAMES = re.compile(r"[0-9０-９%％。；;，,：:“”]")
_TIME_START = re.compile(r"[\d〇零一二三四五六七八九十上下全本年今明每长持常即立次]")


_UNIT_LINE_BAD = re.compile(r"[、，,；;。：:0-9０-９%％]")


def _unit_per_line(cell: list[Line]) -> bool:
    """A unit cell set one name a line, without separators (市财政局 /
    市自然资源局 / 各区人民政府, line breaks in a Word cell): every line a whole
    name, each after the first opening with its level (市/县/各…) — a wrapped
    name's tail (…市委 / 组织部) does not."""
    if len(cell) < 2:
        return False
    for k, ln in enumerate(cell):
        text = ln.text.strip()
        if _UNIT_LINE_BAD.search(text) or not P.UNIT_END.search(text) or len(text) < 3:
            return False
        if k and not _LEVEL_START.match(text):
            return False
        if len(read_roles(text)) != 1:
            return False
    return True


def _cell_text(kind: str, cell: list[Line]) -> str:
    if kind in _UNIT_KINDS and _unit_per_line(cell):
        return "、".join(ln.text.strip() for ln in cell)
    return join(cell)


def _cell_score(kind: str, cell: list[Line]) -> float:
    """How well `cell` reads as a cell of a column of `kind` (0 is good)."""
    if not cell:                      # an empty cell: rare, rarest for the lead
        return {"when": -1.0, "skip": 0.0, "leader": -1.0, "lead": -3.0, "task": -20.0}.get(kind, -2.0)
    if kind in _UNIT_KINDS and _unit_per_line(cell):
        return -0.5 if not _LEVEL_START.match(cell[0].text) else 0.0
    score = 0.0
    widest = max([width(ln.text) for ln in cell])
    # a cell's lines wrap at its column's width: only the last may be short
    # (short as is_full tells it: figures set as whole ems, `2.5万亩` on a
    # line as full as the widest, whose closing mark may hang past the measure)
    score -= 3.0 * sum(1 for ln in cell[:-1] if not is_full(ln.text, widest, 1.5))
    if cell[-1].text.endswith(("、", "，", ",", "（", "(")):
        score -= 5.0                   # a list goes on below: the cell does too
    text = join(cell)
    pieces = split_top(text, "、，,；;。")     # (a sentence's end before a unit: content run in)
    # (a unit's name has no figures: `率保持100%X局` is content run into a unit)
    units = bool(pieces) and not _FIGURES.search(text) and all(read_roles(p) for p in pieces)
    if kind == "when":
        score -= 0.0 if TIMEISH.search(text) and not units else 6.0
        if not _TIME_START.match(cell[0].text):
            score -= 3.0               # a time cell starts with its time (2025年…, 6月底, 每月…)
    elif kind == "task":
        score -= 8.0 if units else 0.0
        closed = [k for k in range(len(cell) - 1) if cell[k].text.endswith("。")]
        if closed and not any(_SENTENCE_MARK.search(ln.text) for ln in cell[closed[-1] + 1:]):
            score -= 3.0               # a sentence closed, then bare lines: a unit cell run in
    elif kind == "leader":
        # people's names (陈志远、王军): no sentence, figure or unit
        score -= 6.0 if units or _NOT_NAMES.search(text) else 0.0
    elif kind != "skip":
        score -= 0.0 if units else 10.0
        if not _LEVEL_START.match(text):
            score -= 0.5               # (a tie-break: most units start with their level, 市/县/各…)
        if "。" in text:
            score -= 2.0               # a unit cell seldom closes a sentence: content run in
    elif units:
        score -= 4.0
    return score


def _partition(tail: list[Line], kinds: list[str]) -> Optional[list[list[Line]]]:
    """Split the lines after a task's content into the cells of the columns
    `kinds`, in order: the best-scoring split (dynamic programming over where
    each cell ends)."""
    n, m = len(tail), len(kinds)
    if n > 40:
        return None
    NEG = float("-inf")
    best = [[NEG] * (n + 1) for _ in range(m + 1)]
    back = [[0] * (n + 1) for _ in range(m + 1)]
    best[0][0] = 0.0
    for c in range(1, m + 1):
        for j in range(n + 1):
            for i in range(j + 1):
                if best[c - 1][i] == NEG:
                    continue
                score = best[c - 1][i] + _cell_score(kinds[c - 1], tail[i:j])
                if score > best[c][j]:
                    best[c][j], back[c][j] = score, i
    cells, j = [], n
    for c in range(m, 0, -1):
        i = back[c][j]
        cells.append(tail[i:j])
        j = i
    return cells[::-1]


def _split_score(kinds: list[str], cells: list[list[Line]]) -> float:
    return sum(_cell_score(k, c) for k, c in zip(kinds, cells))


def _cells_to_roles(kinds: list[str], cells: list[list[Line]]) -> tuple[list[tuple[str, str]], str]:
    roles: list[tuple[str, str]] = []
    when = ""
    for kind, cell in zip(kinds, cells):
        text = _cell_text(kind, cell)
        if kind == "when":
            when = join([when, text]) if when else text
        elif kind in _UNIT_KINDS and text:
            role = kind
            if role == "responsible" and "lead" in kinds:
                role = "implement"     # 责任单位 beside 牵头单位, as in the labelled lists
            roles.extend(_marked_lead(read_roles(text, default=role)))
    seen: set = set()
    return [r for r in roles if not (r in seen or seen.add(r))], when


def _heading_cell(rest: str, lines: list[Line], measure: float) -> tuple[Optional[str], int]:
    """The 任务 cell: the number line's rest and the short lines after it,
    before the first item or long content line → (heading, lines taken)."""
    parts = [rest] if rest else []
    k = 0
    while k < len(lines) and not P.ITEM_PAREN.match(lines[k].text) and width(lines[k].text) <= measure * 0.45:
        parts.append(lines[k].text)
        k += 1
    return join(parts) or None, k


_SENTENCE_MARK = re.compile(r"[，。；;]")     # a task's short name has none


def _split_row(lines: list[Line], n_task: int, kinds: list[str]):
    """A whole row (or item) split into its task columns (a short 任务 cell
    when there are two, then the content) and the cells of `kinds` →
    (heading, content lines, cells), or None when it is too long to try."""
    task_cols = ["task"] * max(1, min(n_task, 2))
    split = _partition(lines, task_cols + kinds)
    if split is None:
        return None
    t = len(task_cols)
    if t == 2 and split[0] and split[1] and _SENTENCE_MARK.search(join(split[0])):
        # a 任务 cell that is part of a sentence: the row has none (the cell
        # above spans it), and its content is all the task text
        split1 = _partition(lines, task_cols[1:] + kinds)
        if split1 is not None:
            return None, split1[0], split1[1:]
    heading = join(split[0]) if t == 2 and split[0] and split[1] else None
    return heading, split[t - 1], split[t:]


def _row_in_one_line(number: int, rest: str, first: Line, n_task: int, kinds: list[str]) -> Optional[RawTask]:
    """A row printed on one line, cells apart by spaces (序号 任务 牵头单位 …)."""
    fields = rest.split()
    if n_task == 1 and len(kinds) > 1 and len(fields) == len(kinds):
        # one cell left empty (no 牵头单位 or no 配合单位 printed): the empty
        # column is the one whose absence reads best
        given = [[Line(f, first.no, first.page)] for f in fields[1:]]
        options = [given[:k] + [[]] + given[k:] for k in range(len(kinds))]
        cells = max(options, key=lambda cs: _split_score(kinds, cs))
        if _split_score(kinds, cells) < -4:
            return None
        roles, when = _cells_to_roles(kinds, cells)
        return RawTask(str(number), fields[0], None, None, roles, [first], when=when)
    if len(fields) != n_task + len(kinds) or not n_task:
        return None
    cells = [[Line(f, first.no, first.page)] for f in fields[n_task:]]
    if sum(_cell_score(k, c) for k, c in zip(kinds, cells)) < -5:
        return None
    roles, when = _cells_to_roles(kinds, cells)
    heading = join(fields[:n_task - 1]) or None
    return RawTask(str(number), fields[n_task - 1], heading, None, roles, [first], when=when)


def parse_table(lines: list[Line], joined: Optional[str] = None) -> list[RawTask]:
    """`joined`: the lines' texts joined with line breaks, when the caller has it."""
    if joined is None:
        joined = "\n".join([ln.text for ln in lines])
    row_start = ROW_START
    if not _HEADER_START.search(joined):
        # a table without a 序号 column: a header of column names, rows numbered 1. 2. …
        at = next((a for r in _FIRST_ROW.finditer(joined)
                   if _BARE_HEADER.match(joined, a := joined.rfind("\n", 0, r.start()) + 1, r.start())), None)
        if at is None:
            return []                     # no line starts a header
        start, h = joined.count("\n", 0, at), 1
        row_start = _NUMBERED_ROW
        marked = [start] + [k for k in find_lines(lines, _HEADER_OR_ROW, "\n" + joined + "\n") if k > start]
    else:
        # the lines that can start a header or a row; the others continue a row
        marked = find_lines(lines, _HEADER_OR_ROW, "\n" + joined + "\n")
        start, h = next(((i, h) for i in marked
                         if _starts_header(lines[i].text) and (h := _header_at(lines, i))), (None, 0))
    if start is None:
        return []
    while start + h < len(lines) and _COLUMN_NAME.match(lines[start + h].text):
        h += 1                        # a header printed a column name per line
    n_task, kinds = _columns(" ".join(ln.text for ln in lines[start:start + h]))
    rows: list[tuple[int, str, list[Line]]] = []   # (number, first rest, lines)
    firsts: list[Line] = []
    # section rows across the table (一、稳定工业增长 / （一）…): the path above
    # each row, by row; numbering may restart under each
    path: list[tuple[int, str]] = []
    row_sections: dict[int, Optional[str]] = {}
    in_section = False                # lines after a section row, before a row, wrap it
    restart = False                   # after a section row or a repeated header: numbering may restart
    outside = False                   # after 附件2 …: a next table's title, no row's lines
    i, expected, printed = start, 1, 0
    for k in [k for k in marked if k >= start] + [len(lines)]:
        if k < i:
            continue                  # inside a header passed over
        if in_section and k > i:
            lv, t = path[-1]
            path[-1] = (lv, join([t] + lines[i:k]))
        elif rows and not outside:
            rows[-1][2].extend(lines[i:k])
        if k == len(lines):
            break
        text = lines[k].text
        h = _header_at(lines, k) if _starts_header(text) else 0
        if h:
            i = k + h
            restart, outside = True, False
            continue
        if text[:1] == "附" and (P.ATTACHMENT_LABEL.match(text) or (rows and P.ATTACHMENT_LINE.match(text))):
            # the next attachment: its title, then its table; or a note of
            # attachments after the table (附件：X.xlsx, a web page's file link)
            outside, path = True, []
            i = k + 1
            continue
        m = row_start.match(text)
        level = 0 if m else _heading_level(text)
        n = int(m.group("n")) if m else 0
        if m and (n == printed + 1 or ((in_section or restart) and n == 1 and rows)):
            rows.append((expected, m.group("rest") or "", []))
            firsts.append(lines[k])
            row_sections[expected] = _sections([t for _, t in path])
            expected += 1
            printed = n
            in_section = restart = outside = False
        elif level and (rows or not path or in_section) and not _ends_list(text):
            path = [(lv, t) for lv, t in path if lv < level] + [(level, text)]
            in_section = restart = True
        elif rows and not outside:
            rows[-1][2].append(lines[k])
        i = k + 1
    if not rows:
        return []
    rows = [(n, rest, _rejoin_page(ls, first, kinds, rest)) if ls and ls[-1].page != first.page else (n, rest, ls)
            for (n, rest, ls), first in zip(rows, firsts)]
    if any(row_sections.values()):
        tasks = _parse_rows(rows, firsts, n_task, kinds)
        for t in tasks:
            t.section = row_sections.get(int(t.key.split(".")[0]))
        return tasks
    return _parse_rows(rows, firsts, n_task, kinds)


def _rejoin_page(lines: list[Line], first: Line, kinds: list[str], rest: str = "") -> list[Line]:
    """A row run on over a page break, as a PDF reader prints it: the part of
    each cell that fits on the first page, then the rest of the cells cut.
    The commonest shape — the long content cut, the narrow cells after it
    (units, time) whole on the first page, so that the next page holds only
    the content's last lines — is given back in the row's order: the lines
    after the break go after the content's last line on the first page.

    Read by structure: the content is the widest column, so on the first
    page its lines are the row's full ones (all full: the cell was cut), and
    narrower cells follow them; the lines after the break are full but for
    the last, and do not read as a cell of units or of time. A 任务, unit or
    time cell cut too, or a content whole beside a taller cell cut, is put
    back by _rejoin and _rejoin_cut_cells. Anything else is left as printed.
    `rest`: the number line's text after the number (the row's first line of
    its first cell), which counts among the row's lines on the first page."""
    b = next((k for k, ln in enumerate(lines) if ln.page != first.page), len(lines))
    if b == 0 or b == len(lines) or P.ITEM_PAREN.match(lines[b].text):
        return lines
    if rest:
        out = _rejoin(([Line(rest, first.no, first.page)] + lines), b + 1, kinds)
        return out[1:] if out is not None else lines
    out = _rejoin(lines, b, kinds)
    return out if out is not None else lines


def _rejoin(lines: list[Line], b: int, kinds: list[str]) -> Optional[list[Line]]:
    """_rejoin_page for a row's lines, the first page's before b; None: as printed."""
    measure = max([width(ln.text) for ln in lines])
    # the content is the widest column, its lines full but for its last
    full = [is_full(ln.text, measure, slack=1.5) for ln in lines]
    # the content's last line on the first page: the last full one (cut
    # mid-cell), with narrower cells after it
    j = next((k for k in range(b - 1, -1, -1) if full[k]), None)
    if j is None or j == b - 1:
        return None
    a = j
    while a > 0 and full[a - 1]:
        a -= 1
    # a narrow 任务 cell before the content, cut too (as tall as the content
    # on the first page): its tail is the next page's first narrow lines
    h = next((k for k in range(b, len(lines)) if full[k]), len(lines)) - b
    if h and a == j - a + 1 and b + h < len(lines):
        return _rejoin(lines[:a] + lines[b:b + h] + lines[a:b] + lines[b + h:], b + h, kinds)
    if lines[j].text.endswith(("。", "；", ";")) or lines[j + 1].text.endswith(("。", "；", ";")):
        # the content's sentence closed on the first page: not the content
        # was cut but a taller cell after it, whose tail the next page holds
        e = j + 1 if lines[j + 1].text.endswith(("。", "；", ";")) else j
        return _rejoin_cut_cells(lines, e, b, full, kinds, whole_content=True) if e < b - 1 else None
    text = join(lines[b:])
    # (a line closing a sentence, then a narrow one: a cell's tail after the content's end)
    closed = any(lines[k].text.endswith(("。", "；", ";")) and not full[k + 1] for k in range(b, len(lines) - 1))
    if all(full[b:-1]) and not closed and (text.endswith(("。", "；", ";")) or not (
            _all_cell_units(text) or _ORGAN_END.search(text)
            or (TIMEISH.search(text) and (_TIME_START.match(text) or len(text) <= 12)))):
        return lines[:j + 1] + lines[b:] + lines[j + 1:b]
    # else the tail of a unit or time cell (县生态环境 / 分局, 2024年10月 / 底前) follows
    return _rejoin_cut_cells(lines, j, b, full, kinds)


def _rejoin_cut_cells(lines: list[Line], j: int, b: int, full: list[bool], kinds: list[str],
                      whole_content: bool = False) -> Optional[list[Line]]:
    """A row cut by a page break where narrow cells are cut too: cells are
    top-aligned, so every cut cell prints as many lines on the first page as
    the content does (L, its full lines there), and the next page prints the
    content's tail (full lines, maybe a short last one), then the tails of
    the cut cells in column order. With `whole_content` the content ends at
    line j on the first page (its sentence closed there) and the next page
    holds the cut cells' tails only, the cells as tall as any L from the
    content's height. The best-reading such placement (cell scores) → the
    row's lines in order; None when none reads well."""
    if not kinds or kinds[0] in ("skip", "leader") or len(kinds) > 4:
        return None
    a = j if full[j] or j == 0 else j - 1      # (a whole content's short last line)
    while a > 0 and full[a - 1]:
        a -= 1
    size, short, rest = j - a + 1, lines[j + 1:b], lines[b:]
    if whole_content:
        heights = range(size, len(short) + 1)
        starts: tuple = (0,)
    else:
        heights = range(size, size + 1)
        w0 = next((k for k, w in enumerate(full[b:]) if not w), len(rest))
        # (a line closing a sentence is the content's last: cells seldom close one)
        ends = w0 < len(rest) and rest[w0].text.endswith(("。", "；", ";"))
        starts = (w0 + 1,) if ends else (w0, w0 + 1)
    if len(short) > max(heights, default=0) * len(kinds) or len(short) > 24 or len(rest) > 24:
        return None
    best, best_score = None, -4.0
    budget = 4000                     # placements tried at most (a long row of narrow cells)
    for c in starts:
        tails = rest[c:]
        if not tails or len(tails) > 8 or any(full[b + c:]):
            continue
        for height in heights:
            for sizes in _cell_sizes(len(short), len(kinds), height):
                budget -= 1
                cells, at = [], 0
                for n in sizes:
                    cells.append(short[at:at + n])
                    at += n
                # cut: as tall as L; with a whole content, a 任务 cell before
                # it as tall (its lines before the content's) is cut too
                heads = whole_content and a == height and a > 0
                open_cells = [k for k, n in enumerate(sizes) if n == height]
                for taken, cuts in _tail_splits(len(tails), ([-1] if heads else []) + open_cells):
                    budget -= 1
                    if budget < 0:
                        return None
                    whole = [list(cell) for cell in cells]
                    head = []
                    for k, (x, y) in zip(taken, cuts):
                        if k < 0:
                            head = tails[x:y]
                        else:
                            whole[k] += tails[x:y]
                    score = sum(_cell_score(kind, cell) + _joined_wrong(kind, cell)
                                for kind, cell in zip(kinds, whole))
                    if head:
                        score += _cell_score("task", lines[:a] + head)
                    if score > best_score:
                        best_score = score
                        best = lines[:a] + head + lines[a:j + 1] + rest[:c] + [ln for cell in whole for ln in cell]
    return best


# two organs' names run together, no separator between (…水利局临川市…政府):
# a cell joined to another's tail
_TWO_ORGANS = re.compile(r"(?:局|委|办|中心|政府)[^、，,；;]{3,}(?:局|委|办|中心|政府)$")
_ORGAN_WORD = re.compile(r"局|委员会|办公室|中心|政府")


def _joined_wrong(kind: str, cell: list[Line]) -> float:
    """A penalty for a cell that a rejoining made of two cells' parts."""
    if not cell:
        return 0.0
    text = join(cell)
    if kind == "when":
        return -6.0 if _ORGAN_WORD.search(text) else 0.0      # a unit's tail in a time cell
    if kind in _UNIT_KINDS:
        return -6.0 * sum(1 for p in split_top(text, "、，,；;") if _TWO_ORGANS.search(p))
    return 0.0


def _cell_sizes(n: int, m: int, most: int):
    """The ways to cut n lines into m cells of at most `most` lines each."""
    if m == 1:
        if n <= most:
            yield (n,)
        return
    for k in range(min(n, most) + 1):
        for others in _cell_sizes(n - k, m - 1, most):
            yield (k,) + others


def _tail_splits(n: int, open_cells: list[int]):
    """The ways to give n tail lines, in order, to some of `open_cells` (each
    taking a nonempty run) → (cells taken, (start, end) per cell)."""
    for k in range(1, min(n, len(open_cells)) + 1):
        for taken in combinations(open_cells, k):
            for inner in combinations(range(1, n), k - 1):
                bounds = (0,) + inner + (n,)
                yield taken, list(zip(bounds, bounds[1:]))


def _parse_rows(rows, firsts: list[Line], n_task: int, kinds: list[str]) -> list[RawTask]:
    if len(kinds) >= 2:
        return _parse_columns(rows, firsts, n_task, kinds)
    item_lines = [ln for _, _, ls in rows for ln in ls if P.ITEM_PAREN.match(ln.text)]
    # (with one task column, content starts on the number line: its rest counts)
    rests = [Line(rest, 0) for _, rest, _ in rows if rest] if n_task < 2 else []
    measure = full_width(item_lines or [ln for _, _, ls in rows for ln in ls] + rests)
    split_items = bool(item_lines)
    tasks: list[RawTask] = []
    for (number, rest, row_lines), first in zip(rows, firsts):
        if not row_lines and kinds:
            one = _row_in_one_line(number, rest, first, n_task, kinds)
            if one is not None:            # a row of short cells printed on one line
                if split_items:
                    one.key += ".1"
                tasks.append(one)
                continue
        if n_task >= 2 or not rest:
            heading, k = _heading_cell(rest, row_lines, measure)
        else:                          # one task column: the number line's rest starts the content
            heading, k = None, 0
            row_lines = [Line(rest, first.no, first.page, first.indent)] + row_lines
        items = _items(row_lines[k:])
        for n, item in enumerate(items, start=1):
            content_lines, unit_lines = _split_item(item, measure)
            content = join(content_lines)
            content = P.ITEM_PAREN.sub("", content, count=1).strip()
            key = f"{number}.{n}" if split_items else str(number)
            tasks.append(RawTask(key, content, heading, None,
                                 read_roles(join(unit_lines)), item))
        _share_row_cells(tasks[len(tasks) - len(items):])
    return tasks


def _share_row_cells(items: list[RawTask]) -> None:
    """A row's items where only the last has units (one 责任单位 cell spanning
    the row's items): every item takes them, and the time cell with them."""
    if len(items) > 1 and items[-1].roles and not any(t.roles or t.when for t in items[:-1]):
        for t in items[:-1]:
            t.roles, t.when = list(items[-1].roles), items[-1].when


# 王军、李华 / 王军（副市长） / 副市长王军: people in charge, one line
_NAMES = re.compile(r"^[\u4e00-\u9fff]{2,8}(?:[（(][\u4e00-\u9fff]{2,8}[）)])?"
                    r"(?:、[\u4e00-\u9fff]{2,8}(?:[（(][\u4e00-\u9fff]{2,8}[）)])?)*$")


def _reads_as_cell(text: str, names: bool) -> bool:
    """Does a space-separated field read as a whole cell of units, of time or
    (with `names`) of people's names?"""
    if _TIME_START.match(text) and TIMEISH.search(text):
        return True
    if names and _NAMES.match(text):
        return True
    pieces = split_top(text, "、，,；;。")
    return bool(pieces) and not _FIGURES.search(text) and all(read_roles(p) for p in pieces)


def _cells_apart(lines: list[Line], names: bool = False) -> list[Line]:
    """A PDF reader prints the one-line cells of a row that sit on one
    baseline as one line, a space between them (`市交通运输局 各区人民政府
    2025年10月底前`, or a one-line content first): such a line, every
    field after the first reading as a cell, is given back as a line per
    cell, for the column split to place."""
    out: list[Line] = []
    for ln in lines:
        fields = ln.text.split(" ") if " " in ln.text else ()
        # (the first field may be a one-line content: the cells after it decide)
        if len(fields) > 1 and all(_reads_as_cell(f, names) for f in fields[1:]):
            out.extend(Line(f, ln.no, ln.page) for f in fields)
        else:
            out.append(ln)
    return out


def _parse_columns(rows, firsts: list[Line], n_task: int, kinds: list[str]) -> list[RawTask]:
    """A table whose units sit in more than one column (牵头单位 | 配合单位 |
    完成时限 …): each row's (or item's) lines after its content are split into
    those columns' cells."""
    all_lines = [ln for _, _, ls in rows for ln in ls]
    item_lines = [ln for ln in all_lines if P.ITEM_PAREN.match(ln.text)]
    split_items = bool(item_lines)
    tasks: list[RawTask] = []
    sub_rows = False                  # a numbered row holding rows of its own
    row_widest = sorted(max([width(ln.text) for ln in ls], default=0.0) for _, _, ls in rows)
    table_measure = row_widest[len(row_widest) // 2] if row_widest else 0.0
    for (number, rest, row_lines), first in zip(rows, firsts):
        if not row_lines:
            one = _row_in_one_line(number, rest, first, n_task, kinds)
            if one is not None:
                tasks.append(one)
            continue
        heading = None
        body = _cells_apart(row_lines, "leader" in kinds)
        if not rest or len(rest.split()) > 1 or n_task >= 2:
            subs = _sub_rows([Line(f, first.no, first.page) for f in rest.split()] + body, kinds) \
                if not item_lines else []
            if len(subs) > 1:
                # the number (and 任务 cell) spans several rows of measures: items
                sub_rows = True
                for k, sub in enumerate(subs, start=1):
                    split = _split_row(sub, n_task if k == 1 else 1, kinds)
                    if split is None:
                        continue
                    heading = split[0] if k == 1 else heading
                    roles, when = _cells_to_roles(kinds, split[2])
                    tasks.append(RawTask(f"{number}.{k}", join(split[1]), heading, None, roles,
                                         [first] + sub if k == 1 else sub, when=when))
                continue
        if (len(rest.split()) > 1 or (not rest and n_task >= 2)) \
                and not any(P.ITEM_PAREN.match(ln.text) for ln in body):
            # the row's first cells on its number line (short), the rest wrapped
            # below; or the number alone, every cell wrapped below it
            cells_in = [Line(f, first.no, first.page) for f in rest.split()] + body
            split = _split_row(cells_in, n_task, kinds)
            if split and split[1]:
                roles, when = _cells_to_roles(kinds, split[2])
                heading = split[0]
                if heading is None and n_task >= 2 and tasks and not rest:
                    heading = tasks[-1].heading     # the 任务 cell above spans this row too
                tasks.append(RawTask(str(number), join(split[1]), heading, None, roles,
                                     [first] + body, when=when))
                continue
        if rest and n_task >= 2:       # the short 任务 cell, then the content
            heading, k = _heading_cell(rest, body, full_width(body))
            body = body[k:]
        elif rest:
            body = [Line(rest, first.no, first.page, first.indent)] + body
        elif n_task >= 2 and any(P.ITEM_PAREN.match(ln.text) for ln in body):
            heading, k = _heading_cell("", body, full_width(body))   # the number alone, the name below
            body = body[k:]
        row_start = len(tasks)
        # the task column is the widest: its lines are the full ones (a row
        # whose content is one short line is measured by the table's rows)
        measure = max(max([width(ln.text) for ln in body], default=0.0), table_measure)
        for n, item in enumerate(_items(body), start=1):
            if kinds[0] in ("skip", "leader"):
                # a column of leaders' names first: the content ends where the
                # best split of the whole item into all its cells says
                split = _split_row(item, 1, kinds)
                content_lines, cells = (split[1], split[2]) if split else (item, None)
            else:
                content_lines, tail = _split_item(item, measure)
                cells = _partition(tail, kinds) if tail else None
                if cells and len(item) > 1:
                    # a unit column nearly as wide as the content's last line
                    # hides where the narrow cells start: the best split of
                    # the whole item wins when it reads clearly better
                    split = _split_row(item, 1, kinds)
                    if split and split[1] and _split_score(["task"] + kinds, [split[1]] + split[2]) \
                            > _split_score(["task"] + kinds, [content_lines] + cells) + 2.5:
                        content_lines, cells = split[1], split[2]
                if not tail and heading is None and len(item) > 1:
                    # columns of about one width (a Word table's default): no
                    # narrow unit column to find, so split the whole row
                    split = _split_row(item, n_task, kinds)
                    if split:
                        heading, content_lines, cells = split
            roles, when = _cells_to_roles(kinds, cells) if cells else ([], "")
            content = P.ITEM_PAREN.sub("", join(content_lines), count=1).strip()
            key = f"{number}.{n}" if split_items else str(number)
            tasks.append(RawTask(key, content, heading, None, roles, [first] + item if n == 1 else item,
                                 when=when))
        _share_row_cells(tasks[row_start:])
    if sub_rows and not split_items:
        for t in tasks:               # a table of items: every row is keyed N.k
            if "." not in t.key:
                t.key += ".1"
    return tasks


def _sub_rows(lines: list[Line], kinds: list[str]) -> list[list[Line]]:
    """A row's lines cut where a new row of cells starts under one number:
    a wide content line after a time cell (the last column) of narrow lines.
    One piece when there is no such place."""
    if len(lines) < 6 or kinds[-1] != "when":
        return [lines]
    widths = [width(ln.text) for ln in lines]
    measure = max(widths)
    wide = [w >= 0.7 * measure for w in widths]
    cuts, seen_content, seen_time = [0], False, False
    for i, ln in enumerate(lines):
        if wide[i]:
            # (not where a page breaks: a row run on over it prints its cells
            # again on the next page, the content first)
            if seen_time and i and not wide[i - 1] and ln.page == lines[i - 1].page:
                cuts.append(i)
                seen_time = False
            seen_content = True
        elif seen_content and _TIME_START.match(ln.text) and TIMEISH.search(ln.text) \
                and not _all_cell_units(ln.text):
            seen_time = True
    if len(cuts) == 1:
        return [lines]
    return [lines[a:b] for a, b in zip(cuts, cuts[1:] + [len(lines)])]


def _items(lines: list[Line]) -> list[list[Line]]:
    items: list[list[Line]] = []
    for ln in lines:
        if P.ITEM_PAREN.match(ln.text) or not items:
            items.append([ln])
        else:
            items[-1].append(ln)
    return items


def _starts_with_unit(text: str) -> bool:
    """Does `text` open with a unit name (the first list item reads as a body)?"""
    if not text or text[0] in "的和及与等、，":
        return False
    first = first_top(text, "、，,；;。")
    return first is not None and bool(read_roles(first))


def _ends_paragraph(ln: Line, measure: float, w: Optional[float] = None) -> bool:
    """`w`: width(ln.text), when the caller has it."""
    text = ln.text
    if w is None:
        return not is_full(text, measure, slack=2.5) or text.endswith(("。", "；", ";"))
    # is_full(text, measure, slack=2.5) with the width known
    full = w >= measure - 2.5 or len(text.replace(" ", "")) >= measure - 2.5
    return not full or text.endswith(("。", "；", ";"))


def _all_cell_units(text: str) -> bool:
    """Does `text` read wholly as a cell of units (labels and role words allowed)?"""
    pieces = split_top(text, "、，,；;。")
    return bool(pieces) and not _FIGURES.search(text) and all(read_roles(p) for p in pieces)


def _split_item(item: list[Line], measure: float) -> tuple[list[Line], list[Line]]:
    """An item's lines → (content lines, 责任单位 cell lines).

    The cell is a run of narrow lines at the end of the item that reads as a
    list of units. The earliest such run after a line that ends a paragraph
    (short, or closing a sentence) wins; else the earliest run at all; else
    the content ends at its first paragraph-ending line."""
    widths = [width(ln.text) for ln in item]
    narrow = [w <= measure * 0.55 for w in widths]
    # fullness is judged against this item's own widest line: columns keep
    # their width within an item even where a table's rows were set apart
    measure = min(measure, max(widths))
    # a unit cell as wide as the content's lines, or a content as narrow as
    # the cell: after a closed sentence, the rest reads wholly as units
    # (only after the last line ending with 。: the rest after an earlier one
    # holds content; a unit list may end a line with ；)
    split = next((j for j in range(len(item) - 1, 0, -1) if item[j - 1].text.endswith("。")), 0)
    if split and _all_cell_units(join(item[split:])):
        return item[:split], item[split:]
    k = len(item) - 1
    while k > 0 and narrow[k]:
        k -= 1
    first_run = None                      # the earliest split where a unit list starts
    for split in range(k + 1, len(item)):
        ends = _ends_paragraph(item[split - 1], measure, widths[split - 1])
        if (ends or first_run is None) and _starts_with_unit(join(item[split:])):
            if ends:
                return item[:split], item[split:]
            first_run = split
    if first_run is not None:
        return item[:first_run], item[first_run:]
    for k, ln in enumerate(item):
        if (k + 1 >= len(item) or narrow[k + 1]) and _ends_paragraph(ln, measure, widths[k]):
            return item[:k + 1], item[k + 1:]
    return item, []


# --- 2. numbered items with 牵头单位：/配合单位： lines ---------------------------

_LABEL_FIRST = frozenset([label[0] for label in LABEL_ROLE] + ["【", "[", "［"])     # ROLE_LABEL's labels
_LABEL_START = re.compile("\n[" + "".join(map(re.escape, sorted(_LABEL_FIRST))) + "]")   # lines starting so (find_lines)
_CN_NUM_FIRST = frozenset(P.CN_NUM)
_HEADING_FIRST = _CN_NUM_FIRST | {"（", "("}                 # where _heading_level's headings start
_WHEN_FIRST = frozenset("完办时进【[［")                          # WHEN_LABEL's first characters
LEADER_LINE = re.compile(r"^(?:责任|分管|牵头|包联|联系|主要)(?:市|县|区|省)?(?:领导|负责人)\s*[:：]")
_LEADER_FIRST = frozenset("责分牵包联主")
_END_FIRST = frozenset("附（(12〇○二")                       # where _ends_list's lines start


def _ends_list(text: str) -> bool:
    """附件：… / 附件 / a 成文日期 / （此件公开发布）: the end of a document's text."""
    return bool(P.ATTACHMENT_LINE.match(text) or P.ATTACHMENT_LABEL.match(text) or P.DATE_LINE.match(text)
                or P.CN_DATE_LINE.match(text.replace(" ", "")) or P.PUBLICATION.match(text))


def _heading_level(text: str) -> int:
    """1 for 一、, 2 for （一）, else 0 (P.HEADING_1 / P.HEADING_2)."""
    first = text[:1]
    if first in _CN_NUM_FIRST:
        return 1 if P.HEADING_1.match(text) else 0
    if first == "（" or first == "(":
        return 2 if P.HEADING_2.match(text) else 0
    return 0


def _sections(section: list[str]) -> Optional[str]:
    return " / ".join(section) if section else None


def parse_labelled_list(lines: list[Line]) -> list[RawTask]:
    if sum(1 for k in find_lines(lines, _LABEL_START) if ROLE_LABEL.match(lines[k].text)) < 2:
        return []
    tasks: list[RawTask] = []
    path: list[tuple[int, str]] = []     # (level, heading text)
    heading_open: Optional[int] = None   # index into path of a heading still wrapping
    current: Optional[RawTask] = None
    labels: list[tuple[str, list[Line]]] = []
    expected = None
    heading_lines: list[Line] = []       # the lines of the heading still open

    def close():
        nonlocal current, labels
        if current is not None:
            for label, label_lines in labels:
                current.lines.extend(label_lines)
                if label == "-":                # 责任领导：… (a person, not a unit)
                    continue
                m = ROLE_LABEL.match(label_lines[0].text) if label else WHEN_LINE.match(label_lines[0].text)
                text = join([m.group("rest")] + [ln.text for ln in label_lines[1:]])
                if not label:                   # 完成时限：…
                    current.when = join([current.when, text]) if current.when else text
                    continue
                text, when = cut_when(text)
                if when:
                    current.when = join([current.when, when]) if current.when else when
                # 责任单位：X（牵头）、Y: the unmarked units cooperate, as in notes and cells
                found = read_roles(text, default=LABEL_ROLE[label], strict=False)
                current.roles.extend(_marked_lead(found) if LABEL_ROLE[label] == "implement" else found)
            content = join(current.content_lines)
            label = ITEM_NUM if content[:1].isdecimal() else P.HEADING_2
            current.content = label.sub("", content, count=1).strip()
            if not labels:              # the units noted at the item's end instead (…。牵头单位：X)
                found = _inline_units(current.content, False)
                if found:
                    current.content, current.roles, current.when = found
            tasks.append(current)
        current, labels = None, []

    for ln in lines:
        text = ln.text
        first = text[:1]
        m_item = ITEM_NUM.match(text) if first.isdecimal() else None
        if m_item and (expected is None or int(m_item.group("n")) == expected
                       or (int(m_item.group("n")) == 1 and heading_open is not None)):
            close()                     # (numbering may restart under each heading)
            heading_open = None
            n = int(m_item.group("n"))
            expected = n + 1
            current = RawTask(str(n), "", None, _sections([t for _, t in path]), [], [ln], [ln])
            continue
        level = _heading_level(text) if first in _HEADING_FIRST else 0
        if level:
            close()
            path = [(lv, t) for lv, t in path if lv < level] + [(level, text)]
            heading_open = len(path) - 1
            heading_lines = [ln]
            continue
        m_label = ROLE_LABEL.match(text) if first in _LABEL_FIRST else None
        if m_label and current is None and heading_open == len(path) - 1 and path[-1][0] == 2:
            # （一）… followed by its labels: the numbered paragraph is the item
            path.pop()
            current = RawTask(str(len(tasks) + 1), "", None, _sections([t for _, t in path]), [],
                              list(heading_lines), list(heading_lines))
            heading_open = None
        if m_label and current is not None:
            labels.append((m_label.group("label"), [ln]))
            continue
        if current is not None and first in _WHEN_FIRST and WHEN_LINE.match(text):
            labels.append(("", [ln]))       # a time line among the labels
            continue
        if current is not None and first in _LEADER_FIRST and LEADER_LINE.match(text):
            labels.append(("-", [ln]))      # the leader in charge: kept out of content and units
            continue
        if current is not None and first in _END_FIRST and _ends_list(text):
            # 附件说明, 成文日期 or 公开方式 below the last item: the list is over
            # (and a signature line just above a date was no unit)
            if labels and len(labels[-1][1]) > 1 and is_issuer_line(labels[-1][1][-1].text) \
                    and not text.startswith(("附", "（", "(")):
                labels[-1][1].pop()
            close()
            heading_open = None
            continue
        if labels:
            labels[-1][1].append(ln)        # a wrapped role line
        elif current is not None:
            current.lines.append(ln)
            current.content_lines.append(ln)
        elif heading_open is not None:
            lv, t = path[heading_open]
            path[heading_open] = (lv, join([t, text]))
            heading_lines.append(ln)
    close()
    return [t for t in tasks if t.roles] if any(t.roles for t in tasks) else []


# --- 3. numbered items with their units inline ----------------------------------

# A role label closing an item without brackets: `…完成。责任单位：X、Y`
# (on the item's last line or on a line of its own below it).
TRAILING_LABEL = re.compile(
    rf"(?<=[。；;])\s*(?P<inner>{_OPEN}(?:牵头|配合|责任|负责|主办|主责|协办|协同|参与)(?:单位|部门){_SEP}[^。]*)"
    r"(?:。(?P<when>[^。]{2,30}))?。?$")    # possibly a closing time sentence (2024年底前完成。)
# A closing clause of units with role words: `…。X牵头，Y配合。`
TRAILING_CLAUSE = re.compile(r"(?:^|(?<=[。；;]))(?P<inner>[^。；;]{2,120}?(?:牵头|配合|负责|落实))[。；;]?$")


def _label_roles(inner: str) -> tuple[list[tuple[str, str]], str]:
    """`牵头单位：X；配合单位：Y` / `责任单位：X（牵头）、Y` → (unit, role) pairs,
    and the text of a time note among them (`完成时限：6月底前`)."""
    roles: list[tuple[str, str]] = []
    inner, when = cut_when(inner)
    marks = list(_NOTE_LABEL.finditer(inner))
    for k, lm in enumerate(marks):
        # a label's units run to the next label, whatever separates them (；，or a space)
        end = marks[k + 1].start() if k + 1 < len(marks) else len(inner)
        units = inner[lm.end():end].strip(" ，,；;。")
        label = lm.group("label")
        role = "lead" if "牵头" in label else "cooperate" if label.startswith(("配合", "协办", "参与", "协同")) else \
            "lead" if label.startswith(("主办", "主责")) else \
            "implement" if label.startswith("责任") else "responsible"
        roles.extend(_marked_lead(read_roles(units, default=role)))
    return roles, when


_NOTE_LABEL = re.compile(rf"{_OPEN}(?P<label>(?:牵头|配合|责任|负责|主办|主责|协办|参与|协同)(?:单位|部门)"
                         rf"|牵头|配合|协办|协同|主责){_SEP}")


def _marked_lead(roles: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """In a list where one unit is marked `（牵头）`, the unmarked ones cooperate."""
    if any(r == "lead" for _, r in roles) and len({r for _, r in roles}) == 2:
        other = next(r for _, r in roles if r != "lead")
        if other in ("responsible", "implement"):
            return [(u, "lead" if r == "lead" else "cooperate") for u, r in roles]
    return roles


def _all_units(inner: str) -> bool:
    """Is every piece of a clause a unit (with its role word)? Guards against
    taking a sentence such as `明确专人负责` for a unit note."""
    pieces = [p for p in split_top("".join(inner.split()), "，,、") if p]
    return bool(pieces) and all(read_roles(p) for p in pieces)


# Words that make a bracketed note a remark about a body, not a list of
# bodies: （办公室设在市商务局）, （含高新区）, （以下简称市数据局）.
_NOT_A_LIST = re.compile(r"设在|设于|由|为|是|含|包括|简称|以下|指|即|如|详见|见附件|名单")


def _bare_units(inner: str) -> bool:
    """Is a bracketed note a plain list of bodies with no role word
    (`（市财政局、市审计局）`), every piece a body's name?"""
    inner = "".join(inner.split())
    if not inner or len(inner) > 80 or _NOT_A_LIST.search(inner):
        return False
    pieces = split_top(inner, "、，,；;")
    if len(pieces) == 1 and not _ORGAN_END.search(inner):
        return False                  # （县级医院）: one name needs an organ's ending
    return bool(pieces) and all(len(p) <= 24 and is_body(p) and "级" not in p and read_roles(p)
                                for p in pieces)


# The endings of a government organ's name (市财政局, 县政府办, 市委编办, 市消防救援支队)
_ORGAN_END = re.compile(r"(?:局|委|办|厅|政府|管委会|中心|支队|大队|部|署|办公室|委员会|分局|党组)$")


_TIME_CLAUSE = re.compile(r"[，,；;](?P<when>[^，,；;]{2,30})$")


def _inline_units(text: str, first_leads: bool) -> Optional[tuple[str, list[tuple[str, str]], str]]:
    """An item's text → (content, (unit, role) pairs, time note) when it ends
    with a note of its units; None when it does not."""
    m = INLINE.search(text)
    when = ""
    if m:
        inner, start, tail = m.group("inner"), m.start(), m.group(0)
    else:
        m = TRAILING_LABEL.search(text) or TRAILING_CLAUSE.search(text)
        if not m:
            return None
        inner, start, tail = m.group("inner"), m.start("inner"), ""
        if m.re is TRAILING_CLAUSE and (start == 0 or not _all_units(inner)):
            return None
        if m.re is TRAILING_LABEL and m.group("when"):
            when = m.group("when")
            if not TIMEISH.search(when):
                return None             # a sentence after the label that is not its time
    roles: list[tuple[str, str]] = []
    if INLINE_ROLE_LABEL.search(inner):
        roles, note = _label_roles(inner)
        when = note or when
    else:
        # `（X、Y负责，2024年底前完成）`: a closing time clause after the units
        mt = _TIME_CLAUSE.search(inner)
        if mt and TIMEISH.search(mt.group("when")):
            inner, when = inner[:mt.start()], mt.group("when")
        if re.search(r"(负责|牵头|配合|落实)$", inner) or (tail and _bare_units(inner)):
            roles = read_roles(inner)
            if first_leads and roles and all(r == "responsible" for _, r in roles):
                roles = [(u, "lead" if k == 0 else "cooperate") for k, (u, _) in enumerate(roles)]
    if not roles:
        return None
    return text[:start].rstrip() + ("。" if tail.endswith("。") else ""), roles, when


_FIRST_SENTENCE = re.compile(r"[^。；;：:]*")


def parse_inline(lines: list[Line], first_leads: bool = False) -> list[RawTask]:
    """Numbered items ending with their units in brackets. An item runs from
    its number to the line that closes the bracketed units."""
    tasks: list[RawTask] = []
    path: list[tuple[int, str]] = []
    item: list[Line] = []
    measure = None                       # full_width(lines), when a line needs it
    # a numbered task without units whose （1）（2） items carry them: its number,
    # short name, and the count of its items so far
    parent: list = []

    def close():
        if not item:
            return
        text = join(item)
        found = _inline_units(text, first_leads)
        m_num = ITEM_NUM.match(text)
        m_item = m_num or P.ITEM_PAREN.match(text)
        if m_num:
            # (its short name: the first sentence, 深化“一网通办”改革。…)
            parent[:] = [m_num.group("n"), _FIRST_SENTENCE.match(text[m_num.end():].strip()).group() or None, 0] \
                if not found else []
        if found:
            content, roles, when = found
            if m_item and not m_num and parent:     # （k） of task N: item N.k, named by N
                parent[2] += 1
                tasks.append(RawTask(f"{parent[0]}.{parent[2]}", content[m_item.end():].strip(), parent[1],
                                     _sections([t for _, t in path]), roles, list(item), when=when))
                item.clear()
                return
            if m_item:
                key, content = m_item.group("n"), content[m_item.end():].strip()
            elif text[:1] in P.CIRCLED:     # ① items
                key, content = str(P.CIRCLED.index(text[0]) + 1), content[1:].strip()
            else:                           # a （一） or 一、 paragraph: its label goes
                key = str(len(tasks) + 1)
                content = (P.HEADING_1 if P.HEADING_1.match(content) else P.HEADING_2).sub("", content, count=1).strip()
            above = path if m_item or text[:1] in P.CIRCLED else path[:-1]   # a （一） item is not its own section
            tasks.append(RawTask(key, content, None, _sections([t for _, t in above]), roles, list(item),
                                 when=when))
        item.clear()

    for ln in lines:
        text = ln.text
        first = text[:1]
        level = _heading_level(text) if first in _HEADING_FIRST else 0
        if level or (first.isdecimal() and ITEM_NUM.match(text)) \
                or (first in "（(" and P.ITEM_PAREN.match(text)) or first in P.CIRCLED:
            close()
            if level:
                path = [(lv, t) for lv, t in path if lv < level] + [(level, text)]
                parent.clear()
            item.append(ln)
        elif item:
            item.append(ln)
        if item and text.rstrip("。；;").endswith(("）", ")", "】")) and _inline_units(join(item), first_leads):
            close()
        elif item and ("单位" in text or "部门" in text) \
                and not is_full(text, measure if measure is not None else (measure := full_width(lines))) \
                and _inline_units(join(item), first_leads):
            close()                  # an unbracketed label (or bracketed note) line ends the item
    close()
    return tasks
