"""Models of the knowledge base, one small module per record family.

Every record read from a gazette keeps its source span (`line_start`,
`line_end`, `page`) so a page can point at the printed lines.
"""
from .base import SourceFile, SourceSpan
from .documents import Attachment, Citation, Document
from .units import Unit, UnitAlias
from .tasks import Deadline, Responsibility, Target, Task
from .people import Person
from .registers import Appointment, Commendation, Group, HeritageItem, Inheritor, Member
from .search import SearchEntry

__all__ = [
    "SourceFile", "SourceSpan", "Document", "Attachment", "Citation", "Unit", "UnitAlias",
    "Task", "Responsibility", "Deadline", "Target", "Person", "Group", "Member",
    "Appointment", "HeritageItem", "Inheritor", "Commendation", "SearchEntry",
]
