"""Every list the knowledge base shows, declared once.

A `Table` names its columns (key, Chinese label, the field it sorts on, the
page a cell links to), its filters and its text search. The HTML list pages,
the API's list endpoints and the CSV / xlsx / JSON exports all read rows
through the same `Table.queryset(params)` and `Table.row(obj)`, so a filter
or a column exists everywhere or nowhere.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse

from ..kb import models as m
from ..kb.models.registers import ACTION_LABELS, KIND_LABELS, LIST_LABELS
from ..kb.models.tasks import ROLE_LABELS


MAX_INT = 2**63 - 1


@dataclass
class Column:
    key: str
    label: str
    get: Callable[[Any], Any]
    sort: Optional[str] = None                 # ORM field to order by
    link: Optional[Callable[[Any], Optional[str]]] = None


@dataclass
class Filter:
    key: str
    label: str
    field: str                                 # ORM lookup the value is compared with
    choices: Optional[Callable[[], list[tuple[str, str]]]] = None
    integer: bool = False
    boolean: bool = False
    apply: Optional[Callable[[QuerySet, Any, Any], QuerySet]] = None   # (qs, value, params) → qs


@dataclass
class Table:
    name: str
    title: str
    model: type
    columns: list[Column]
    base: Callable[[], QuerySet]
    search: list[str] = field(default_factory=list)     # fields the `q` parameter looks in
    filters: list[Filter] = field(default_factory=list)
    default_sort: str = ""
    description: str = ""

    def sort_keys(self) -> list[str]:
        return [c.key for c in self.columns if c.sort]

    def validate(self, params) -> list[str]:
        """Problems with `params` (bad integers, booleans or sort keys); [] when fine."""
        problems = []
        for f in self.filters:
            value = (params.get(f.key) or "").strip()
            if value and f.integer and not (value.isascii() and value.isdigit() and int(value) <= MAX_INT):
                problems.append(f"{f.key}: an integer from 0 to {MAX_INT} is expected, not {value!r}")
            if value and f.boolean and value not in ("true", "false"):
                problems.append(f"{f.key}: true or false is expected, not {value!r}")
        sort = (params.get("sort") or "").strip()
        if sort and sort.lstrip("-") not in self.sort_keys():
            problems.append(f"sort: one of {', '.join(self.sort_keys())} (or -key) is expected, not {sort!r}")
        return problems

    def queryset(self, params) -> QuerySet:
        """`params`: a mapping (request.GET) with q, filter keys and sort (key or -key).
        Values that do not parse match nothing (see `validate` to reject them)."""
        qs = self.base()
        q = (params.get("q") or "").strip()
        if q and self.search:
            cond = Q()
            for name in self.search:
                cond |= Q(**{f"{name}__icontains": q})
            qs = qs.filter(cond)
        for f in self.filters:
            value = (params.get(f.key) or "").strip()
            if not value:
                continue
            if f.integer:
                try:
                    value = int(value)
                except ValueError:
                    return qs.none()
                if not 0 <= value <= MAX_INT:
                    return qs.none()
            if f.boolean:
                value = value.lower() == "true"
            qs = f.apply(qs, value, params) if f.apply else qs.filter(**{f.field: value})
        sort = (params.get("sort") or self.default_sort or "").strip()
        by_key = {c.key: c.sort for c in self.columns if c.sort}
        name = sort.lstrip("-")
        if name in by_key:
            desc = sort.startswith("-")
            qs = qs.order_by(*[(f"-{s}" if desc else s) for s in by_key[name].split(",")], "pk")
        else:
            qs = qs.order_by(*(qs.query.order_by or self.model._meta.ordering or ["pk"]), "pk")
        return qs

    def row(self, obj) -> dict:
        return {c.key: c.get(obj) for c in self.columns}

    def labels(self) -> list[str]:
        return [c.label for c in self.columns]


HEAVY = ("raw_lines", "body")        # Document fields no list shows


def _heavy(path: str) -> list[str]:
    return [f"{path}__{name}" for name in HEAVY]


def _doc_link(obj) -> Optional[str]:
    doc = obj if isinstance(obj, m.Document) else getattr(obj, "document", None)
    return reverse("kb:document", args=[doc.pk]) if doc else None


def _source_link(obj) -> Optional[str]:
    doc = getattr(obj, "document", None)
    if doc is None or not obj.line_start:
        return None
    return reverse("kb:document", args=[doc.pk]) + f"?hl={obj.line_start}-{obj.line_end or obj.line_start}#L{obj.line_start}"


def _distinct(model, name: str, labels: Optional[dict] = None) -> Callable[[], list[tuple[str, str]]]:
    def choices():
        values = (model.objects.exclude(**{f"{name}__isnull": True}).values_list(name, flat=True)
                  .distinct().order_by(name)[:300])
        return [(str(v), (labels or {}).get(v, str(v))) for v in values if v != ""]
    return choices


def _labelled(labels: dict) -> Callable[[], list[tuple[str, str]]]:
    return lambda: list(labels.items())


def _doc_ref(obj) -> str:
    return obj.document.doc_number or obj.document.title


DOCUMENT_COLUMNS = [
    Column("doc_number", "发文字号", lambda d: d.doc_number, "number_norm", _doc_link),
    Column("title", "标题", lambda d: d.title, "title", _doc_link),
    Column("issuer", "发文机关", lambda d: d.issuer, "issuer"),
    Column("doc_type", "文种", lambda d: d.doc_type, "doc_type"),
    Column("signed_date", "成文日期", lambda d: d.signed_date.isoformat() if d.signed_date else "", "signed_date"),
    Column("publication", "公开方式", lambda d: d.publication),
    Column("tasks", "任务数", lambda d: d.n_tasks, "n_tasks"),
    Column("source", "来源", lambda d: f"{d.source_file.name}:{d.span}" if d.line_start else d.source_file.name,
           None, lambda d: reverse("kb:document", args=[d.pk]) + "#source"),
]

TABLES: dict[str, Table] = {}


def _register(table: Table) -> Table:
    TABLES[table.name] = table
    return table


DOCUMENTS = _register(Table(
    "documents", "文件", m.Document, DOCUMENT_COLUMNS,
    lambda: m.Document.objects.select_related("source_file").defer(*HEAVY),
    search=["title", "doc_number", "issuer"],
    filters=[Filter("issuer", "发文机关", "issuer", _distinct(m.Document, "issuer")),
             Filter("doc_type", "文种", "doc_type", _distinct(m.Document, "doc_type")),
             Filter("year", "年份", "year", _distinct(m.Document, "year"), integer=True),
             Filter("source", "来源文件", "source_file_id", None, integer=True)],        # set by links from 来源
    default_sort="-signed_date"))


def _task_unit_role(qs, value, params):
    """Tasks where one responsibility has the unit and the role asked (both optional)."""
    cond = {}
    unit, role = (params.get("unit") or "").strip(), (params.get("role") or "").strip()
    if unit:
        try:
            cond["unit_id"] = int(unit)
        except ValueError:
            return qs.none()
    if role:
        cond["role"] = role
    return qs.filter(Exists(m.Responsibility.objects.filter(task_id=OuterRef("pk"), **cond)))


def _units_of(task, role=None) -> str:
    return "、".join(r.printed for r in task.responsibilities.all() if role is None or r.role == role)


TASKS = _register(Table(
    "tasks", "任务", m.Task, [
        Column("document", "文件", _doc_ref, "document__number_norm", _doc_link),
        Column("key", "编号", lambda t: t.key, "document__number_norm,order", lambda t: reverse("kb:task", args=[t.pk])),
        Column("heading", "任务", lambda t: t.heading, "heading", lambda t: reverse("kb:task", args=[t.pk])),
        Column("content", "内容", lambda t: t.content, None, lambda t: reverse("kb:task", args=[t.pk])),
        Column("lead", "牵头单位", lambda t: _units_of(t, "lead")),
        Column("cooperate", "配合单位", lambda t: _units_of(t, "cooperate")),
        Column("other", "责任单位", lambda t: "、".join(r.printed for r in t.responsibilities.all() if r.role not in ("lead", "cooperate"))),
        Column("deadlines", "时限", lambda t: "；".join(f"{d.date.isoformat()}" + (f"（{d.share:.0%}）" if d.share else "") for d in t.deadlines.all())),
        Column("source", "原文行", lambda t: t.span, "line_start", _source_link),
    ],
    lambda: m.Task.objects.select_related("document").defer(*_heavy("document")).prefetch_related("responsibilities", "deadlines"),
    search=["content", "heading", "section"],
    filters=[Filter("document", "文件", "document_id", None, integer=True),
             Filter("unit", "单位", "responsibilities__unit_id", None, integer=True, apply=_task_unit_role),
             Filter("role", "角色", "responsibilities__role", _labelled(ROLE_LABELS), apply=_task_unit_role),
             Filter("issuer", "发文机关", "document__issuer", _distinct(m.Document, "issuer")),
             Filter("year", "年份", "document__year", _distinct(m.Document, "year"), integer=True)],
))


UNITS = _register(Table(
    "units", "单位", m.Unit, [
        Column("name", "单位", lambda u: u.name, "name", lambda u: reverse("kb:unit", args=[u.pk])),
        Column("aliases", "别名", lambda u: "、".join(a.name for a in u.aliases.all())),
        Column("lead", "牵头", lambda u: u.n_lead, "n_lead"),
        Column("cooperate", "配合", lambda u: u.n_cooperate, "n_cooperate"),
        Column("implement", "落实", lambda u: u.n_implement, "n_implement"),
        Column("responsible", "负责", lambda u: u.n_responsible, "n_responsible"),
        Column("tasks", "任务合计", lambda u: u.n_tasks, "n_tasks"),
    ],
    lambda: m.Unit.objects.prefetch_related("aliases"),
    search=["name"],
    default_sort="-tasks",
))


PEOPLE = _register(Table(
    "people", "人员", m.Person, [
        Column("name", "姓名", lambda p: p.name, "name", lambda p: reverse("kb:person", args=[p.pk])),
        Column("memberships", "机构任职", lambda p: p.n_members, "n_members"),
        Column("appointments", "任免", lambda p: p.n_appointments, "n_appointments"),
        Column("inheritors", "传承人", lambda p: p.n_inheritors, "n_inheritors"),
        Column("commendations", "表扬", lambda p: p.n_commendations, "n_commendations"),
    ],
    lambda: m.Person.objects.annotate(n_members=Count("memberships", distinct=True),
                                      n_appointments=Count("appointments", distinct=True),
                                      n_inheritors=Count("inheritor_entries", distinct=True),
                                      n_commendations=Count("commendations", distinct=True)),
    search=["name"],
    default_sort="name",
))


GROUPS = _register(Table(
    "groups", "议事协调机构", m.Group, [
        Column("name", "机构名称", lambda g: g.name, "name", lambda g: reverse("kb:document", args=[g.document_id]) + f"#group-{g.pk}"),
        Column("office_host", "办公室设在", lambda g: g.office_host, "office_host"),
        Column("members", "成员数", lambda g: g.n_members, "n_members"),
        Column("leader", "组长/主任", lambda g: "、".join(f"{x.person.name}（{x.post}）" if x.post else x.person.name
                                                      for x in g.members.all() if x.role in ("组长", "主任", "召集人", "总指挥"))),
        Column("document", "文件", _doc_ref, "document__number_norm", _doc_link),
        Column("source", "原文行", lambda g: g.span, "line_start", _source_link),
    ],
    lambda: m.Group.objects.select_related("document").defer(*_heavy("document")).prefetch_related("members__person").annotate(n_members=Count("members")),
    search=["name", "office_host"],
    filters=[Filter("document", "文件", "document_id", None, integer=True)],
))

MEMBERS = _register(Table(
    "members", "机构成员", m.Member, [
        Column("group", "机构", lambda x: x.group.name, "group__name", lambda x: reverse("kb:document", args=[x.group.document_id]) + f"#group-{x.group_id}"),
        Column("role", "职务", lambda x: x.role, "role"),
        Column("name", "姓名", lambda x: x.person.name, "person__name", lambda x: reverse("kb:person", args=[x.person_id])),
        Column("post", "现任职务", lambda x: x.post, "post"),
        Column("document", "文件", lambda x: x.group.document.doc_number or x.group.document.title, "group__document__number_norm",
               lambda x: reverse("kb:document", args=[x.group.document_id])),
    ],
    lambda: m.Member.objects.select_related("group__document", "person").defer(*_heavy("group__document")),
    search=["person__name", "post", "group__name", "role"],
    filters=[Filter("role", "职务", "role", _distinct(m.Member, "role")),
             Filter("group", "机构", "group_id", None, integer=True)],
))

APPOINTMENTS = _register(Table(
    "appointments", "人事任免", m.Appointment, [
        Column("action", "类别", lambda a: ACTION_LABELS.get(a.action, a.action), "action"),
        Column("name", "姓名", lambda a: a.name, "name", lambda a: reverse("kb:person", args=[a.person_id])),
        Column("position", "职务", lambda a: a.post, "post"),
        Column("note", "备注", lambda a: a.note, "note"),
        Column("document", "文件", _doc_ref, "document__number_norm", _doc_link),
        Column("signed_date", "日期", lambda a: a.document.signed_date.isoformat() if a.document.signed_date else "", "document__signed_date"),
        Column("source", "原文行", lambda a: a.span, "line_start", _source_link),
    ],
    lambda: m.Appointment.objects.select_related("document").defer(*_heavy("document")),
    search=["name", "post", "note"],
    filters=[Filter("action", "类别", "action", _labelled(ACTION_LABELS)),
             Filter("document", "文件", "document_id", None, integer=True)],
))

HERITAGE = _register(Table(
    "heritage-items", "非物质文化遗产代表性项目", m.HeritageItem, [
        Column("list", "名录", lambda h: LIST_LABELS.get(h.list, h.list), "list"),
        Column("seq", "序号", lambda h: h.seq, "list,seq"),
        Column("code", "编号", lambda h: h.code, "code"),
        Column("category", "类别", lambda h: h.category, "category"),
        Column("name", "项目名称", lambda h: h.name, "name"),
        Column("region", "申报地区", lambda h: h.region, "region"),
        Column("protection_unit", "保护单位", lambda h: h.protection_unit, "protection_unit"),
        Column("document", "文件", _doc_ref, "document__number_norm", _doc_link),
        Column("source", "原文行", lambda h: h.span, "line_start", _source_link),
    ],
    lambda: m.HeritageItem.objects.select_related("document").defer(*_heavy("document")),
    search=["name", "region", "protection_unit", "code"],
    filters=[Filter("list", "名录", "list", _labelled(LIST_LABELS)),
             Filter("category", "类别", "category", _distinct(m.HeritageItem, "category")),
             Filter("region", "地区", "region", _distinct(m.HeritageItem, "region"))],
    default_sort="seq",
))

INHERITORS = _register(Table(
    "inheritors", "非遗代表性传承人", m.Inheritor, [
        Column("seq", "序号", lambda h: h.seq, "seq"),
        Column("code", "项目编号", lambda h: h.code, "code"),
        Column("category", "类别", lambda h: h.category, "category"),
        Column("project", "项目名称", lambda h: h.project, "project"),
        Column("batch", "批次", lambda h: h.batch, "batch"),
        Column("name", "姓名", lambda h: h.name, "name", lambda h: reverse("kb:person", args=[h.person_id])),
        Column("gender", "性别", lambda h: h.gender, "gender"),
        Column("county", "县（市、区）", lambda h: h.county, "county"),
        Column("protection_unit", "保护单位", lambda h: h.protection_unit, "protection_unit"),
        Column("document", "文件", _doc_ref, "document__number_norm", _doc_link),
        Column("source", "原文行", lambda h: h.span, "line_start", _source_link),
    ],
    lambda: m.Inheritor.objects.select_related("document").defer(*_heavy("document")),
    search=["name", "project", "county", "protection_unit"],
    filters=[Filter("category", "类别", "category", _distinct(m.Inheritor, "category")),
             Filter("county", "县（市、区）", "county", _distinct(m.Inheritor, "county")),
             Filter("gender", "性别", "gender", _distinct(m.Inheritor, "gender"))],
    default_sort="seq",
))

COMMENDATIONS = _register(Table(
    "commendations", "表扬名单", m.Commendation, [
        Column("kind", "类别", lambda c: KIND_LABELS.get(c.kind, c.kind), "kind"),
        Column("name", "名称/姓名", lambda c: c.name, "name",
               lambda c: reverse("kb:person", args=[c.person_id]) if c.person_id else None),
        Column("organization", "单位", lambda c: c.organization, "organization"),
        Column("document", "文件", _doc_ref, "document__number_norm", _doc_link),
        Column("source", "原文行", lambda c: c.span, "line_start", _source_link),
    ],
    lambda: m.Commendation.objects.select_related("document").defer(*_heavy("document")),
    search=["name", "organization"],
    filters=[Filter("kind", "类别", "kind", _labelled(KIND_LABELS)),
             Filter("document", "文件", "document_id", None, integer=True)],
))

CITATIONS = _register(Table(
    "citations", "文件引用", m.Citation, [
        Column("document", "引用文件", _doc_ref, "document__number_norm", _doc_link),
        Column("cited_number", "被引文号", lambda c: c.cited_number, "number_norm",
               lambda c: reverse("kb:document", args=[c.target_id]) if c.target_id else None),
        Column("target", "被引文件", lambda c: c.target.title if c.target_id else "（未收录）", "target__title",
               lambda c: reverse("kb:document", args=[c.target_id]) if c.target_id else None),
        Column("status", "状态", lambda c: "已收录" if c.target_id else "未收录"),
    ],
    lambda: m.Citation.objects.select_related("document", "target").defer(*_heavy("document"), *_heavy("target")),
    search=["cited_number", "document__title"],
    filters=[Filter("missing", "状态", "target__isnull", lambda: [("false", "已收录"), ("true", "未收录")], boolean=True),
             Filter("document", "文件", "document_id", None, integer=True)],
))

REGISTERS = ["groups", "members", "appointments", "heritage-items", "inheritors", "commendations"]
