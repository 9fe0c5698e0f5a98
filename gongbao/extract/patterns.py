"""Every shared pattern of Chinese official-document layout, in one place.

Structure only (GB/T 9704-2012 elements, numbering, unit-name shapes); nothing
here names a particular government.
"""
import re
from typing import Callable, Optional

CJK = r"\u3400-\u9fff\uf900-\ufaff"
# White space but the line break, as a character set's body (what str.isspace() and \s accept).
SPACE_CHARS = "\t\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"

# 发文字号: 机关代字 + 〔年份〕 + 序号 + 号, with the bracket variants offices print.
DOC_NUMBER = re.compile(
    rf"(?P<num>[{CJK}]{{1,15}}\s*[〔\[［【（(﹝〖]\s*(?:19|20|１９|２０)\d\d\s*[〕\]］】）)﹞〗]\s*第?\s*\d+\s*号)")
# A number line; an upward document (请示, 报告) prints its 签发人 on the same line.
# Gazettes may print it in brackets under the title: （X政发〔2024〕8号）.
DOC_NUMBER_LINE = re.compile(rf"^(?P<open>[（(])?{DOC_NUMBER.pattern}(?(open)[）)])(?:\s*签\s*发\s*人\s*[:：]\s*(?P<signer>[{CJK}· ]{{2,30}}))?$")
_BRACKET_YEAR = re.compile(r"[〔\[［【（(﹝〖]\s*(?:19|20|１９|２０)\d\d\s*[〕\]］】）)﹞〗]")   # the part every number has


def doc_numbers(text: str):
    """`DOC_NUMBER.finditer(text)`, searching only near a bracketed year: a
    match starts at most 15 characters (and white space) before its bracket."""
    pos = 0
    for b in _BRACKET_YEAR.finditer(text):
        q = b.start()
        if q < pos:
            continue
        j = q
        while j > pos and text[j - 1].isspace():
            j -= 1
        m = DOC_NUMBER.search(text, max(pos, j - 15))
        if m is None:
            return
        yield m
        pos = m.end()

# 文种 (GB/T 9704 / 《党政机关公文处理工作条例》), longest first for matching.
DOC_TYPES = ("决议", "决定", "命令", "公报", "公告", "通告", "意见", "通知", "通报",
             "报告", "请示", "批复", "议案", "函", "纪要", "令")
DOC_TYPE_AT_END = re.compile(r"(决议|决定|命令|公报|公告|通告|意见|通知|通报|报告|请示|批复|议案|纪要|函|令)$")

def end_test(pattern: re.Pattern, suffixes) -> Callable[[str], bool]:
    """A fast `bool(pattern.search(text))` for a pattern of the shape
    `(suffix|…)(?:[（(]…[）)])?$` whose alternatives are `suffixes`: a plain
    `endswith`, unless the text ends with a bracket or a newline (where the
    pattern itself decides)."""
    ends = tuple(suffixes)

    def test(text: str) -> bool:
        last = text[-1:]
        if not last or last in "）)\n":
            return pattern.search(text) is not None
        return text.endswith(ends)
    return test


def tail_search(pattern: re.Pattern) -> Callable[[str], Optional[re.Match]]:
    """`pattern.search` for a pattern anchored at the end (`(?:…)$`) whose matches
    are at most a few characters long: the search starts where the longest match
    (before a final newline, which `$` may skip) would, instead of trying every
    position of a long text. Look-behinds still see the text before that start."""
    try:
        from re import _parser
        widest = _parser.parse(pattern.pattern, pattern.flags).getwidth()[1]
    except Exception:                     # noqa: BLE001 - no width: search it all
        return pattern.search
    if widest > 200:
        return pattern.search

    def search(text: str) -> Optional[re.Match]:
        return pattern.search(text, max(0, len(text) - widest - 1))
    return search


# Suffixes that end the name of a body (机关、单位) — longest first.
UNIT_SUFFIXES = (
    "人民政府办公室", "人民政府办公厅", "人民政府", "政府办公室", "政府办", "政府",
    "委员会办公室", "委员会", "管理委员会", "管委会", "领导小组办公室", "领导小组",
    "办公室", "办公厅", "办", "委", "局", "厅", "部", "署", "院", "所", "庭",
    "中心", "支队", "大队", "总队", "中队", "队", "站", "处", "科", "室", "馆",
    "集团", "公司", "分公司", "分局", "支行", "中支", "银行", "社", "会", "协会",
    "学校", "学院", "大学", "医院", "园区", "开发区", "示范区", "部门", "单位", "机构",
    "联合会", "工商联", "残联", "妇联", "侨联", "文联", "科协", "团委", "团市委", "党校",
    "法院", "检察院", "海关", "调查队", "供电公司",
)
UNIT_END = re.compile("(" + "|".join(sorted(UNIT_SUFFIXES, key=len, reverse=True)) + r")(?:[（(][^（）()]{1,12}[）)])?$")
# Issuer names (发文机关): a body name standing alone on a short line.
ISSUER_SUFFIXES = ("人民政府", "政府", "办公室", "办公厅", "委员会", "管委会", "局", "厅", "部", "委", "院",
                   "领导小组", "指挥部", "总队", "支队", "中心",
                   # people's organisations, offices, agencies and state firms issue documents too
                   "会", "室", "办事处", "处", "所", "站", "队", "海关", "公司", "集团")
ISSUER_END = re.compile("(" + "|".join(ISSUER_SUFFIXES) + ")$")
issuer_end = end_test(ISSUER_END, ISSUER_SUFFIXES)

# Place names that take a shared suffix (云溪县、青川县、石门县政府).
PLACE_SUFFIXES = ("县", "市", "区", "旗", "镇", "乡", "街道", "开发区", "园区", "示范区", "新区")
PLACE_END = re.compile("(" + "|".join(PLACE_SUFFIXES) + r")(?:[（(][^（）()]{1,12}[）)])?$")

# 成文日期; and a 题注 under a title giving it: （2024年3月5日）, （2024年3月5日市政府第5次常务会议通过）.
HEAD_NOTE = re.compile(r"^[（(]\s*(?P<date>(?:19|20|１９|２０)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|"
                       r"[〇零一二三四五六七八九○Ｏ]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)[^（）()]{0,60}[）)]$")
DATE_LINE = re.compile(r"^(?P<y>(?:19|20|１９|２０)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日$")
CN_DATE_LINE = re.compile(r"^(?P<y>[〇零一二三四五六七八九○Ｏ]{4})年(?P<m>[一二三四五六七八九十]{1,3})月(?P<d>[一二三四五六七八九十]{1,3})日$")

# 公开方式.
# In brackets (（此件公开发布）), or alone on its line without them (此件主动公开).
PUBLICATION = re.compile(r"^(?:[（(]\s*(?P<text>此件[^（）()]*?)\s*[)）]|(?P<bare>此件[^（）()，。；,;：:\s]{2,12}))$")


def publication(text: str) -> Optional[str]:
    """The 公开方式 note when `text` is its line (此件公开发布), else None."""
    m = PUBLICATION.match(text)
    return (m.group("text") or m.group("bare")) if m else None

# 附件说明.
# 附件：…, each item labelled (附件1：…, 附件2：…), or the short 附：….
ATTACHMENT_LINE = re.compile(r"^附\s*(?:件\s*(?:\d{1,2}\s*)?)?[:：]\s*(?P<rest>.*)$")
ATTACHMENT_LABEL = re.compile(r"^附\s*件\s*\d*$")

# Numbering of headings and items.
CN_NUM = "一二三四五六七八九十百零〇"
HEADING_1 = re.compile(rf"^[{CN_NUM}]+、")                 # 一、
HEADING_2 = re.compile(rf"^[（(][{CN_NUM}]+[）)]")          # （一）
ITEM_NUM = re.compile(r"^(?P<n>\d{1,3})\s*[.．、](?!\d)")      # 10. / 10、 (not 1.65)
ITEM_PAREN = re.compile(r"^[（(](?P<n>\d{1,3})[）)]")          # （1）
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# 咨询与解读 box lines.
_PHONE_LABEL = r"(?:咨询|解读|联系|服务)?(?:电话|热线)"
# The unit line; two-column boxes print the phone on it too (咨询单位：X　咨询电话：Y).
CONTACT_UNIT = re.compile(r"^(?:咨询|解读|联系)(?:单位|部门|机关)\s*[:：]\s*(?P<unit>.+?)"
                          r"(?:\s*(?:联系人|咨询人|解读人)\s*[:：]\s*\S+?)?"       # a person between them
                          rf"(?:\s*{_PHONE_LABEL}\s*[:：]\s*(?P<phone>[\d\-－—（）() ]{{5,}}?)\s*(?P<tail>\D.*)?)?$")
CONTACT_PHONE = re.compile(rf"^{_PHONE_LABEL}\s*[:：]\s*(?P<phone>[\d\-－—（）() ]{{5,}})(?P<rest>.*)$")
CONTACT_PERSON = re.compile(r"^(?:联系人|咨询人|解读人)\s*[:：]")
CONTACT_TITLE = re.compile(r"^(咨\s*询\s*与\s*解\s*读|政\s*策\s*(?:解\s*读|咨\s*询)|咨\s*询\s*解\s*读|扫\s*码\s*咨\s*询)$")

# Page furniture.
PAGE_NUMBER = re.compile(r"^(?:[—–―\-－－]+\s*\d{1,4}\s*[—–―\-－]+|[·•・]\s*\d{1,4}\s*[·•・]|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|\d{1,4}\s*/\s*\d{1,4})$")
# A number alone (12, （12）): a page number only where running headers say so.
BARE_PAGE_NUMBER = re.compile(r"^(?:\d{1,4}|[（(]\d{1,4}[）)])$")
GAZETTE_TITLE = re.compile(r"(?P<title>[^\s（(]{2,20}[公政]报)")
GAZETTE_ISSUE = re.compile(r"(?P<issue>(?:19|20|１９|２０)\d\d\s*[·.．]\s*\d{1,3}|(?:19|20|１９|２０)\d\d\s*年\s*第\s*\d{1,3}\s*期|第\s*\d{1,3}\s*期)")
