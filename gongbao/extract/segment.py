"""Stage 5, segmentation: split an issue into its official documents.

Reads: cleaned `Line`s of a whole input. Writes: `DocumentBlock`s, each with
the lines of one document and where its head elements are. A document starts
with its head: the issuer (发文机关) on its own line or in front of the title,
the title (标题, ending with a 文种), then the number (发文字号) and/or the
addressee line (主送机关, ending with a colon). The full GB/T 9704 版头 order
(masthead or issuer name, number, title) is recognised too, as are the shapes
other governments print: joint issuers (stacked, or apart on one line, or
before 关于), a 签发人 beside or around the number, a number in brackets or a
题注 under the title, 令/公告/通告 over their 第N号, and a 公告/通告 with the
title alone (which must then be dated under its signature). Entries of a
table of contents that read as heads are dropped.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Optional

from . import patterns as P
from .lines import Line, find_lines, framed_text
from .reflow import join

MAX_TITLE_LINES = 6
MAX_ADDRESSEE_LINES = 6
_MASTHEAD = re.compile(r"^(?:.{2,30}(文件|公报|令)|文件)$")     # 文件 alone: beside stacked names
_MASTHEAD_ENDS = ("文件", "公报", "令", "\n")     # where a _MASTHEAD match can end
_HEAD_ENDS = _MASTHEAD_ENDS + P.ISSUER_SUFFIXES + ("公告", "通告")
_HEAD_LAST = frozenset(end[-1] for end in _HEAD_ENDS)
# Lines that may start a head (supersets, for find_lines): ending with a last
# character of _HEAD_ENDS, or holding 关于 (or 印发, or 令/告 before 第N号).
_HEAD_LAST_AT_END = re.compile("\n(?<=[" + re.escape("".join(sorted(_HEAD_LAST | {"关"}))) + "]\n)")   # (关: 关于 broken)
_ABOUT = re.compile("关于")
_ISSUES = re.compile("印发")
_NUMBER_SIGN = re.compile("号")
# XX令 第3号 on one line: a 第 right after 令 or 告 (a literal first, for speed)
_NUMBERED_AFTER_KIND = re.compile(r"[令告] ?[（(]?第 ?\d")       # (searched only in lines holding 号)
_DECREE_NUMBER = re.compile(r"^[（(]?(?:[〔\[［【（(﹝]\s*(?:19|20|１９|２０)\d\d\s*[〕\]］】）)﹞]|(?:19|20|１９|２０)\d\d\s*年)?\s*第\s*\d{1,4}\s*号[）)]?$")
_SIGNER_LINE = re.compile(r"^签\s*发\s*人\s*[:：]\s*(?P<signer>[\u4e00-\u9fff· ]{2,30})$")
_NUMBERED_KINDS = ("令", "公告", "通告")       # `XX人民政府公告` over `第3号`, as a 令
_RELAY = re.compile("转发|批转|转报|印发")
# `XX人民政府令 第3号` on one line (a web page's 令 or 公告).
_DECREE_ONE_LINE = re.compile(r"^(?P<kind>\S{3,40}?(?:令|公告|通告)) ?(?P<num>" + _DECREE_NUMBER.pattern[1:-1] + ")$")
# A 发文字号 in brackets at a title's end, as web pages and contents print it.
_NUMBER_AFTER_TITLE = re.compile(r"[（(]" + P.DOC_NUMBER.pattern + r"[）)]$")
_LETTER_SPACED_START = re.compile(" (?<=\n[\u4e00-\u9fff] )[\u4e00-\u9fff] ")   # (a space first, for speed)
_LETTER_SPACED = re.compile(r"^[\u4e00-\u9fff](?: [\u4e00-\u9fff]){3,29}$")
_PUNCT = re.compile(r"[，。；：:！？、“”《》]")
_DOC_TYPE_LAST = frozenset(t[-1] for t in P.DOC_TYPES)     # how P.DOC_TYPE_AT_END's matches end


@dataclass
class DocumentBlock:
    lines: list[Line]                       # every line of the document
    issuer: Optional[str] = None            # as printed above/in front of the title
    title_lines: list[Line] = field(default_factory=list)
    number_line: Optional[Line] = None
    addressee_lines: list[Line] = field(default_factory=list)
    head_end: int = 0                       # index in `lines` where the body starts
    decree: bool = False                    # a 令: `XX人民政府令` over `第18号`
    note_line: Optional[Line] = None        # a 题注 under the title: （2024年3月5日…）
    bare: bool = False                      # no number, 题注 or 主送机关: the title alone
    signer_line: Optional[Line] = None      # 签发人：… on a line of its own

    @property
    def title(self) -> str:
        text = join(self.title_lines)
        if self.issuer and not self.decree:
            issuer = "".join(self.issuer.split())     # joint issuers are printed apart
            if text.startswith(issuer):
                text = text[len(issuer):]
            elif self.title_lines and (names := issuer_prefix(self.title_lines[0].text)):
                text = text[len(join([names])):]      # the joint issuers in front of 关于
        return text

    @property
    def signer(self) -> Optional[str]:
        """签发人 printed on the number line or a line of its own (an upward document's)."""
        if self.signer_line is not None:
            return "".join(_SIGNER_LINE.match(self.signer_line.text).group("signer").split())
        m = P.DOC_NUMBER_LINE.match(self.number_line.text) if self.number_line and not self.decree else None
        return "".join(m.group("signer").split()) if m and m.group("signer") else None

    @property
    def doc_number(self) -> Optional[str]:
        if self.number_line is None:
            return None
        if self.decree and not P.DOC_NUMBER.search(self.number_line.text):
            # 令号, as other documents cite it: XX人民政府令第18号
            return join(self.title_lines) + "".join(self.number_line.text.split())
        m = P.DOC_NUMBER.search(self.number_line.text)
        return "".join(m.group("num").split()) if m else None


def is_issuer_line(text: str) -> bool:
    return (P.issuer_end(text) and 3 <= len(text) <= 30 and " " not in text and "关于" not in text
            and not _PUNCT.search(text) and not (("转" in text or "印发" in text) and _RELAY.search(text)))


_NAME_SEP = re.compile(r"[ 、]+")


def issuer_names(text: str) -> Optional[list[str]]:
    """The bodies of a joint 发文机关 or 署名 printed on one line, apart
    (`临川市财政局　临川市教育局`, `临川市财政局、临川市教育局`): two or more
    issuer-like names; else None."""
    if len(text) > 80 or not P.issuer_end(text):
        return None
    names = [n for n in _NAME_SEP.split(text) if n]
    if len(names) < 2 or not all(is_issuer_line(n) for n in names):
        return None
    return names


def issuer_prefix(text: str) -> Optional[str]:
    """The joint issuers printed in front of 关于 on a title's first line
    (`临川市财政局 临川市教育局关于…`), as printed; else None."""
    at = text.find("关于")
    if at < 6:
        return None
    prefix = text[:at].strip()
    return prefix if issuer_names(prefix) else None


def is_signature_line(text: str) -> bool:
    """A 署名: one issuer's name, or several set apart on one line."""
    return is_issuer_line(text) or issuer_names(text) is not None


def _title_from(lines: list[Line], i: int) -> Optional[int]:
    """If a title starts at i, the index of its last line."""
    for k in range(i, min(i + MAX_TITLE_LINES, len(lines))):
        text = lines[k].text
        if (P.DATE_LINE.match(text) or P.PUBLICATION.match(text) or P.DOC_NUMBER_LINE.match(text)
                or text.endswith(("：", ":")) or (k > i and is_issuer_line(text))):
            return None
        last = text.rstrip()[-1:]
        if last in "）)" and (m := _NUMBER_AFTER_TITLE.search(text)):
            joined = join([*lines[i:k], text[:m.start()]])
            if P.DOC_TYPE_AT_END.search(joined) and len(joined) >= 4:
                return k                    # …的通知（临政发〔2024〕5号）
        if last and last not in _DOC_TYPE_LAST:
            continue                        # the lines joined end as this one: with no 文种
        joined = join(lines[i:k + 1])
        if joined.count("《") > joined.count("》"):
            continue                        # inside a quoted title: 印发《…工作报告 / 重点任务分工》的通知
        if P.DOC_TYPE_AT_END.search(joined) and len(joined) >= 4:
            # the 文种 of a relayed document may end a line: …工作的通知 / 的通知
            nxt = lines[k + 1].text if k + 1 < len(lines) else ""
            if nxt.startswith("的") and len(nxt) <= 30 and P.DOC_TYPE_AT_END.search(nxt) and "关于" in joined:
                return k + 1
            if not _head_follows(lines, k + 1):
                # a 文种 word inside the title may end a line (关于印发2024年政府工作报告 /
                # 重点工作任务分工的通知): the title goes on if a later line ends it
                for j in range(k + 1, min(k + 3, i + MAX_TITLE_LINES, len(lines))):
                    t = lines[j].text
                    if t.endswith(("：", ":")) or P.DOC_NUMBER_LINE.match(t) or is_issuer_line(t):
                        break
                    if t[-1:] in _DOC_TYPE_LAST and P.DOC_TYPE_AT_END.search(t) and _head_follows(lines, j + 1):
                        return j
            return k
    return None


def _head_follows(lines: list[Line], k: int) -> bool:
    """Does line k continue a head after its title: a number, a 题注, 主送机关?"""
    if k >= len(lines):
        return False
    text = lines[k].text
    return bool(P.DOC_NUMBER_LINE.match(text) or (text[:1] in "（(" and _head_note(lines, k))
                or _addressees_from(lines, k) > k)


def _addressees_from(lines: list[Line], i: int) -> int:
    """Index after the 主送机关 lines starting at i (i itself when none)."""
    for k in range(i, min(i + MAX_ADDRESSEE_LINES, len(lines))):
        text = lines[k].text
        if P.DOC_NUMBER_LINE.match(text) or starts_structure(text) or "关于" in text \
                or ("号" in text and P.DOC_NUMBER.search(text)):
            return i                        # a title or a number: no 主送机关 runs over it
        if text.endswith(("：", ":")):
            return k + 1 if _names_bodies(join(lines[i:k + 1])) else i
    return i


def _names_bodies(text: str) -> bool:
    """Does a text ending with a colon name bodies (主送机关), not end a
    sentence? Its last name ends as a body or a place does, or is a
    collective (各…, 有关…)."""
    if _SENTENCE_END.search(text):
        return False
    last = _LAST_NAME.split(_END_BRACKET.sub("", text.rstrip("：:")))[-1]
    return bool(P.UNIT_END.search(last) or P.PLACE_END.search(last) or last.startswith(("各", "有关")))


_END_BRACKET = re.compile(r"[（(][^（）()]*[）)]$")
_LAST_NAME = re.compile(r"[，、；,;]")


# How a body sentence, not a list of bodies, ends before its colon (现通告如下：, 经研究决定：),
# and a salutation of persons in a speech or report (各位代表：, 秘书长、各位委员：).
_SENTENCE_END = re.compile(r"(?:如下|决定|研究|同意|要求|规定|公告|通告|通知|委员|代表|同志|朋友|们)\s*[:：]$")


def starts_structure(text: str) -> bool:
    return bool(P.HEADING_1.match(text) or P.HEADING_2.match(text) or P.ITEM_NUM.match(text))


MAX_ISSUER_LINES = 5                        # a joint document's issuers, one a line


def _head_at(lines: list[Line], i: int) -> Optional[DocumentBlock]:
    text = lines[i].text
    about = text.find("关于", 0, 60)
    if about < 0 and (wrapped := _wrapped_prefix(lines, i)):
        # the issuers' names run on to the line with 关于
        return _single_head(lines, i) if _issuer_before(wrapped) or issuer_names(wrapped) else None
    if about < 0:
        about = text.find("印发", 0, 40)
    # (a title's own punctuation, 《》 or 、, may come soon after 关于 or 印发)
    if (len(text) > 60 or _PUNCT.search(text, 0, 12 if about < 0 else min(about, 12))) \
            and not (len(text) <= 120 and (issuer_prefix(text) or issuer_names(text))):
        return None
    single = is_issuer_line(text)
    if single and i + 1 < len(lines) and (is_issuer_line(lines[i + 1].text) or _masthead_name(lines[i + 1].text)):
        # 联合发文: the issuers stacked one a line, the head proper starting at
        # the last of them (one name over another is no head otherwise)
        if not _opens_names(lines, i):
            return None
        j = i + 1
        while j < min(i + MAX_ISSUER_LINES, len(lines)) and is_issuer_line(lines[j].text) \
                and lines[j].text[0] not in _SUFFIX_FIRST:
            j += 1
        names = [ln.text for ln in lines[i:j]]
        if j < len(lines) and (last := _masthead_name(lines[j].text)) and lines[j].text[0] not in _SUFFIX_FIRST:
            names.append(last)              # the last name with 文件 beside it (B 文件), as a PDF reads a
            j += 1                          # masthead whose 文件 stands beside the stacked names
        head = _head_at(lines, j - 1) if j > i + 1 else None
        if head is not None and head.issuer is not None and head.issuer.strip() == names[-1]:
            head.issuer = " ".join(names)
        return head
    if not single and (" " in text or "、" in text) and issuer_names(text) and _opens_names(lines, i):
        return _joint_head(lines, i)       # the issuers apart on one line
    return _single_head(lines, i)


# Last characters of the body words names end with: a line starting so
# continues a name wrapped from the line above (…委员 / 会临川市气象局, …资源 / 局…).
_SUFFIX_FIRST = frozenset(end[-1] for end in P.UNIT_SUFFIXES)


def _masthead_name(text: str) -> Optional[str]:
    """The issuer of a masthead line `X文件` / `X 文件` when X is a name; else None."""
    if text.endswith("文件") and is_issuer_line(name := text[:-2].rstrip()):
        return name
    return None


def _opens_names(lines: list[Line], i: int) -> bool:
    """Can line i be the first of a joint document's issuers? Not when it
    continues a wrapped name, is a short form (市政府办公室: a section label
    of a gazette) or a column of names runs on above it."""
    if lines[i].text[0] in _SUFFIX_FIRST or lines[i].text[0] in "省市县区州盟旗":
        return False
    return i == 0 or not (is_issuer_line(above := lines[i - 1].text) or P.UNIT_END.search(above))


def _joint_head(lines: list[Line], i: int) -> Optional[DocumentBlock]:
    """A head whose issuers stand apart on one line: read as if it were one name."""
    if i + 1 >= len(lines):
        return None
    text = lines[i].text
    probe = Line("".join(text.split()).replace("、", ""), lines[i].no, lines[i].page, lines[i].indent)
    head = _single_head([*lines[:i], probe, *lines[i + 1:]], i)
    if head is not None and head.issuer == probe.text:
        head.issuer = text
        if head.title_lines and head.title_lines[0] is probe:
            head.title_lines = [lines[i], *head.title_lines[1:]]
    return head


def _issuer_before(prefix: str) -> Optional[str]:
    """The issuer in the part of a title before 关于: the whole part, or
    (X转发Y关于…) the part before the relay verb."""
    if is_issuer_line(prefix):
        return prefix
    relay = _RELAY.search(prefix)
    if relay and is_issuer_line(prefix[:relay.start()]):
        return prefix[:relay.start()]     # X issues, Y wrote what it relays
    return None


def _wrapped_prefix(lines: list[Line], i: int) -> Optional[str]:
    """A title's part before 关于 when it wraps (`中共青禾县委办公室、青禾县人民`
    / `政府办公室关于…`, `X转发市财政局` / `关于…`): the line and the next
    line's start, if line i holds no 关于 and the next one has it near its start."""
    text = lines[i].text
    if i + 1 >= len(lines) or "关于" in text or len(text) > 40:
        return None
    below = lines[i + 1].text
    if text[-1:] == "关" and below[:1] == "于" and len(text) > 3:
        return text[:-1]                    # 关于 itself broken: …临川市财政局关 / 于…
    j = below.find("关于", 0, 25)
    if j < 0 or (j == 0 and not _RELAY.search(text)):
        return None
    return text + below[:j]


def _head_note(lines: list[Line], k: int) -> Optional[tuple[Line, int]]:
    """A 题注 starting at line k, wrapped over up to three lines: (the note
    as one line, the index after it)."""
    text = lines[k].text
    if text[:1] not in "（(":
        return None
    for end in range(k, min(k + 3, len(lines))):
        if lines[end].text.endswith(("）", ")")):
            joined = text if end == k else join(lines[k:end + 1])
            if not P.HEAD_NOTE.match(joined):
                return None
            ln = lines[k]
            return (ln if end == k else Line(joined, ln.no, ln.page, ln.indent)), end + 1
    return None


def _single_head(lines: list[Line], i: int) -> Optional[DocumentBlock]:
    text = lines[i].text
    # 命令（令）: `XX市人民政府令` over its 令号 `第18号`; no title, no addressees
    if text.endswith(_NUMBERED_KINDS) and i + 1 < len(lines) \
            and (_DECREE_NUMBER.match(lines[i + 1].text) or P.DOC_NUMBER_LINE.match(lines[i + 1].text)) \
            and is_issuer_line(issuer := text[:-1] if text.endswith("令") else text[:-2]):
        head = DocumentBlock([], issuer=issuer, title_lines=[lines[i]], number_line=lines[i + 1], decree=True)
        head.head_end = i + 2
        return head
    if text[-1:] == "号" and (m := _DECREE_ONE_LINE.match(text)):
        kind = m.group("kind")
        issuer = kind[:-1] if kind.endswith("令") else kind[:-2]
        if is_issuer_line(issuer):
            ln = lines[i]
            head = DocumentBlock([], issuer=issuer, title_lines=[Line(kind, ln.no, ln.page, ln.indent)],
                                 number_line=Line(m.group("num"), ln.no, ln.page, ln.indent), decree=True)
            head.head_end = i + 1
            return head
    # GB/T 9704 版头: masthead (…文件, or the issuer's name alone), number, then title.
    masthead = text.endswith(_MASTHEAD_ENDS) and _MASTHEAD.match(text)
    at = i + 1                              # the number; an upward document's 签发人 line may come first
    signer_line = lines[at] if at + 1 < len(lines) and _SIGNER_LINE.match(lines[at].text) else None
    at += signer_line is not None
    if at < len(lines) and ((masthead and P.DOC_NUMBER.search(lines[at].text))
                            or (not masthead and is_issuer_line(text) and P.DOC_NUMBER_LINE.match(lines[at].text))):
        t_start, own = at + 1, None
        if signer_line is None and t_start < len(lines) and _SIGNER_LINE.match(lines[t_start].text):
            signer_line, t_start = lines[t_start], t_start + 1      # or after it
        if t_start + 1 < len(lines) and lines[t_start + 1].text.startswith("关于") \
                and is_signature_line(lines[t_start].text):
            own, t_start = lines[t_start].text, t_start + 1   # the issuers on a line over 关于…
        t_end = _title_from(lines, t_start)
        if t_end is not None:
            issuer = own or (text if not masthead else text[:-2].rstrip() if text.endswith("文件") else None) or None
            head = DocumentBlock([], issuer=issuer, title_lines=lines[t_start:t_end + 1],
                                 number_line=lines[at], signer_line=signer_line)
            a_end = _addressees_from(lines, t_end + 1)
            head.addressee_lines = lines[t_end + 1:a_end]
            head.head_end = a_end
            return head
    issuer = None
    t_start = i
    if is_issuer_line(text) and i + 1 < len(lines):
        issuer, t_start = text, i + 1
    elif "关于" in text[:30] and (named := _issuer_before(text[:text.index("关于")].rstrip())):
        issuer = named
    elif "关于" in text[:60] and (joint := issuer_prefix(text)):
        issuer = joint
    elif (wrapped := _wrapped_prefix(lines, i)) and (named := _issuer_before(wrapped) or issuer_names(wrapped) and wrapped):
        issuer = named                      # the title's issuer part wrapped before 关于
    elif (at := text.find("印发", 3, 40)) > 0 and "关于" not in text[:at] and is_issuer_line(text[:at]):
        issuer = text[:at]                  # X印发《…》的通知, without 关于
    elif text.startswith("关于") and (i == 0 or (i == 1 and P.DOC_NUMBER_LINE.match(lines[0].text))):
        issuer = ""                         # a lone document opening with its title (or number)
    else:
        return None
    first = lines[t_start].text
    if t_start != i and is_issuer_line(first):
        return None
    confirm = t_start != i and not (first.startswith("关于") or first.startswith(issuer))
    if confirm and not any("号" in ln.text for ln in lines[t_start + 1:t_start + MAX_TITLE_LINES + 1]):
        return None                         # (no number below: a name in a list)
    t_end = _title_from(lines, t_start)
    if confirm:
        # a title without 关于 must be confirmed by a number below it
        if t_end is None or t_end + 1 >= len(lines) or not P.DOC_NUMBER_LINE.match(lines[t_end + 1].text):
            return None
    if t_end is None:
        return None
    head = DocumentBlock([], issuer=issuer, title_lines=lines[t_start:t_end + 1])
    last = lines[t_end]
    if last.text[-1:] in "）)" and (m := _NUMBER_AFTER_TITLE.search(last.text)):
        # the number printed after the title, in brackets: split them
        head.title_lines[-1] = Line(last.text[:m.start()], last.no, last.page, last.indent)
        head.number_line = Line(m.group("num"), last.no, last.page, last.indent)
    k = t_end + 1
    if i == 1 and P.DOC_NUMBER_LINE.match(lines[0].text):
        head.number_line = lines[0]         # the number opening the text, the masthead left out
    for _ in range(2):                      # the number and a 题注, in either order
        if k < len(lines) and head.number_line is None and P.DOC_NUMBER_LINE.match(lines[k].text):
            head.number_line = lines[k]
            k += 1
        elif k < len(lines) and head.note_line is None and (taken := _head_note(lines, k)):
            head.note_line, k = taken
    a_end = _addressees_from(lines, k)
    if head.number_line is None and head.note_line is None and a_end == k \
            and not (k < len(lines) and (i == 0 or (t_start != i and first.startswith("关于")))):
        # neither a number nor addressees (a title quoted in text), unless the
        # input opens with the title or the issuer stands alone above 关于…
        # (a 公告 or 通告 has no 主送机关, and may have no number)
        return None
    head.issuer = head.issuer or None
    head.bare = head.number_line is None and head.note_line is None and a_end == k
    head.addressee_lines = lines[k:a_end]
    head.head_end = a_end
    return head


def split_documents(lines: list[Line]) -> list[DocumentBlock]:
    heads: list[tuple[int, DocumentBlock]] = []
    # a head starts with a masthead, an issuer line or an issuer before 关于
    framed = framed_text(lines)
    spaced = [k for k in find_lines(lines, _LETTER_SPACED_START, framed)
              if _LETTER_SPACED.match(t := lines[k].text)
              and ((u := t.replace(" ", "")).endswith(_MASTHEAD_ENDS) and _MASTHEAD.match(u) or is_issuer_line(u))]
    if spaced:
        # a masthead or name set letter-spaced (临 川 市 人 民 政 府 文 件), as PDF text of
        # wide type gives it, read as printed without the spaces
        lines = list(lines)
        for k in spaced:
            ln = lines[k]
            lines[k] = Line(ln.text.replace(" ", ""), ln.no, ln.page, ln.indent)
        framed = framed_text(lines)
    about = find_lines(lines, _ABOUT, framed)             # lines holding 关于
    ending = find_lines(lines, _HEAD_LAST_AT_END, framed, at_end=True)
    broken = [k for k in ending if lines[k].text[-1:] == "关" and _wrapped_prefix(lines, k)]
    numbered = find_lines(lines, _NUMBER_SIGN, framed)     # lines holding 号
    candidates = [k for k in sorted({*ending,
                                     *about, *find_lines(lines, _ISSUES, framed),
                                     *[k for k in numbered if _NUMBERED_AFTER_KIND.search(lines[k].text)]})
                  if ((t := lines[k].text)[-1:] in _HEAD_LAST and t.endswith(_HEAD_ENDS)) or "关于" in t[:60]
                  or t[-1:] == "号" or "印发" in t[3:40]]
    # a title whose issuer part wraps before 关于 starts the line above (or, 关于 broken, this one)
    above = [k - 1 for k in about if k > 0 and _wrapped_prefix(lines, k - 1)] + broken
    if above:
        candidates = sorted({*candidates, *above})
    n_numbered, reach = len(numbered), MAX_TITLE_LINES + 1
    i = 0                                   # lines before i belong to a head found
    for k in candidates:
        if k < i:
            continue
        text = lines[k].text
        if "关于" not in text and text[-1:] != "号":
            # a name, a masthead: a head needs a title with 关于 or the name,
            # a number, or (joint issuers) another name below
            if k + 1 >= len(lines):
                continue
            q = bisect_right(numbered, k)
            if not (q < n_numbered and numbered[q] <= k + reach):
                below = lines[k + 1].text
                if not (below.startswith("关于") or below.startswith(text[:4]) or is_issuer_line(below)):
                    continue
        head = _head_at(lines, k)
        if head is not None:
            heads.append((k, head))
            i = head.head_end
    blocks = []
    for n, (start, head) in enumerate(heads):
        end = heads[n + 1][0] if n + 1 < len(heads) else len(lines)
        head.lines = lines[start:end]
        # head_end was an index into the whole input; make it relative
        head.head_end = head.head_end - start
        if blocks and ((head.bare and not _stands_alone(head, lines[start - 1], blocks[-1]))
                       or P.ATTACHMENT_LABEL.match(lines[start - 1].text)):
            # a titled part of the document above, or a document attached to it (附件 / its head)
            blocks[-1].lines = blocks[-1].lines + head.lines
            continue
        blocks.append(head)
    return _without_contents_entries(blocks)


def _stands_alone(head: DocumentBlock, above: Line, before: DocumentBlock) -> bool:
    """Is a head with the title alone a document of its own (a 公告, 通告)
    rather than an attachment, a titled part of the document above or a
    title quoted across a line break (…落实市人民政府 / 关于…的通知 / 精神)?
    Not under an attachment label (附件, 附件2); the document above has
    ended (dated) and this one is dated under its signature."""
    if P.ATTACHMENT_LABEL.match(above.text):
        return False
    return ((before.note_line is not None or _dated(before.lines[before.head_end:]))
            and _dated(head.lines[head.head_end:]))


def _dated(lines: list[Line]) -> bool:
    """Does a date line (成文日期) stand among the lines?"""
    return any(t.endswith("日") and (P.DATE_LINE.match(t) or P.CN_DATE_LINE.match(t.replace(" ", "")))
               for t in (ln.text.rstrip() for ln in lines))


def _without_contents_entries(blocks: list[DocumentBlock]) -> list[DocumentBlock]:
    """Drop the entries of a table of contents (目录) that read as heads: a
    head with next to nothing after it (a section heading of the contents:
    【市政府文件】) whose title and number a later head repeats."""
    if len(blocks) < 2:
        return blocks
    later: set[tuple] = set()
    kept: list[DocumentBlock] = []
    for block in reversed(blocks):
        key = (block.title, block.doc_number)
        if not (len(block.lines) - block.head_end <= 2 and key in later):
            kept.append(block)
        later.add(key)
    kept.reverse()
    return kept
