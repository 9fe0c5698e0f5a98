"""Plain records that the extraction produces (no framework imports).

Every record carries a `Source`: the file and the line span (1-based, inclusive)
it was read from, and the page where the reader knows it, so a user can check.
The JSON form follows shared/spec/extraction-json.md (format gongbao.extraction/1);
`source`, `targets`, `unit_id` and the like are extra keys the spec allows.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from itertools import repeat
from operator import attrgetter, is_not
from typing import Optional

_NO, _PAGE = attrgetter("no"), attrgetter("page")


@dataclass
class Source:
    file: str
    line_start: int
    line_end: int
    page: Optional[int] = None

    @classmethod
    def span(cls, file: str, lines) -> "Source":
        """The source covering `lines` (objects with .no and .page)."""
        lines = list(lines)
        if not all(map(is_not, lines, repeat(None))):
            lines = [ln for ln in lines if ln is not None]
        if not lines:
            return cls(file, 0, 0, None)
        nos = list(map(_NO, lines))
        pages = list(map(_PAGE, lines))
        if None in pages:
            pages = [p for p in pages if p is not None]
        return cls(file, min(nos), max(nos), min(pages) if pages else None)


@dataclass
class Contact:
    """The 咨询与解读 box: who answers questions about a document."""
    unit: str
    phone: Optional[str]


@dataclass
class Document:
    """One official document (公文) with its GB/T 9704-2012 elements."""
    doc_number: Optional[str]          # 发文字号
    issuer: Optional[str]              # 发文机关
    title: str                         # 标题 without the issuer prefix
    doc_type: Optional[str]            # 文种
    addressees: list[str] = field(default_factory=list)   # 主送机关
    signed_date: Optional[str] = None  # 成文日期, ISO
    publication: Optional[str] = None  # 公开方式
    attachments: list[str] = field(default_factory=list)  # 附件说明
    contact: Optional[Contact] = None  # 咨询与解读
    contact_source: Optional[Source] = None  # where the box is printed (often elsewhere)
    body: str = ""                     # 正文, reflowed
    signer: Optional[str] = None       # 签发人 (DOCX 版头)
    cc: list[str] = field(default_factory=list)           # 抄送机关 (版记)
    printed_by: Optional[str] = None   # 印发机关
    printed_date: Optional[str] = None # 印发日期
    cites: list[str] = field(default_factory=list)        # 发文字号 cited in the text
    source: Optional[Source] = None

    @property
    def ref(self) -> str:
        """How other records point at this document: its number, else its title."""
        return self.doc_number or self.title


@dataclass
class Responsibility:
    unit: str            # as printed (suffix distributed, role words removed)
    role: str            # lead | cooperate | implement | responsible
    unit_id: Optional[str] = None      # canonical unit from the registry
    members: list[str] = field(default_factory=list)     # a collective expanded


@dataclass
class Deadline:
    date: str                  # ISO
    share: Optional[float]     # 0.7 for "3月底办结70%"
    text: str                  # the printed phrase


@dataclass
class Target:
    metric: str
    value: float
    unit: Optional[str]
    comparator: Optional[str]
    text: str


@dataclass
class Task:
    document: str              # doc_number (or title) of its document
    key: str                   # "N" or "N.k"
    heading: Optional[str]
    section: Optional[str]
    content: str
    responsibilities: list[Responsibility] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    source: Optional[Source] = None


@dataclass
class Member:
    role: str                  # 组长, 副组长, 成员, 主任, 委员, 办公室主任, ...
    name: str
    position: Optional[str]


@dataclass
class Group:
    """A leading group, working group (专班), committee or joint meeting."""
    document: str
    name: str
    members: list[Member] = field(default_factory=list)
    office_host: Optional[str] = None
    source: Optional[Source] = None


@dataclass
class Appointment:
    document: str
    action: str                # appoint | dismiss | nominate | nominate_dismiss
    name: str
    position: str
    note: Optional[str] = None
    source: Optional[Source] = None


@dataclass
class HeritageItem:
    document: str
    list: str                  # representative | extension
    seq: int
    code: Optional[str]
    category: Optional[str]
    name: str
    region: Optional[str]
    protection_unit: Optional[str]
    source: Optional[Source] = None


@dataclass
class Inheritor:
    document: str
    seq: int
    code: Optional[str]
    category: Optional[str]
    project: Optional[str]
    batch: Optional[str]
    name: str
    gender: Optional[str]
    county: Optional[str]
    protection_unit: Optional[str]
    source: Optional[Source] = None


@dataclass
class Commendation:
    document: str
    kind: str                  # unit | individual
    name: str
    organization: Optional[str] = None
    source: Optional[Source] = None


@dataclass
class Extraction:
    """Everything one input establishes."""
    source: str
    gazette: Optional[dict] = None
    documents: list[Document] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    appointments: list[Appointment] = field(default_factory=list)
    heritage_items: list[HeritageItem] = field(default_factory=list)
    inheritors: list[Inheritor] = field(default_factory=list)
    commendations: list[Commendation] = field(default_factory=list)

    RECORD_TYPES = ("documents", "tasks", "groups", "appointments",
                    "heritage_items", "inheritors", "commendations")

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in self.RECORD_TYPES}

    def to_dict(self) -> dict:
        out = {"format": "gongbao.extraction/1", "source": self.source, "gazette": self.gazette}
        for name in self.RECORD_TYPES:
            out[name] = [asdict(r) for r in getattr(self, name)]
        return out
