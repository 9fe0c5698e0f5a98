"""The JSON API (django-ninja) at /api/, OpenAPI document at /api/openapi.json.

Every list takes the filters and `sort` of its table (see services/tables.py),
`limit`/`offset`, and `format=json|csv|xlsx`: csv and xlsx download the whole
filtered list (up to GONGBAO_EXPORT_LIMIT rows), json returns one page.
"""
from __future__ import annotations

import json
from typing import Any, Literal, Optional, Union

from django.http import Http404, HttpRequest
from ninja import Field, NinjaAPI, Query, Schema
from ninja.renderers import BaseRenderer
from ninja.responses import NinjaJSONEncoder
from pydantic import create_model

from .kb import models as m
from .services import records as R
from .services.export import CONTENT_TYPES, export_response
from .services.search import (COUNT_LIMIT, FALLBACK_LIMIT, PG_COUNT_LIMIT, SearchParams,
                              search as run_search)
from .services.tables import MAX_INT, REGISTERS, TABLES, Table

class JSONRenderer(BaseRenderer):
    """JSON with Chinese as printed (not \\u escapes)."""
    media_type = "application/json"

    def render(self, request, data, *, response_status):
        return json.dumps(data, cls=NinjaJSONEncoder, ensure_ascii=False)


api = NinjaAPI(
    renderer=JSONRenderer(),
    title="gongbao 公报知识库 API",
    version="1",
    description="Documents, tasks, units, people and registers extracted from government gazettes (政府公报). "
                "Lists accept format=csv|xlsx for a download of the whole filtered list.",
    urls_namespace="api",
    docs_url=None,          # the interactive docs page loads assets from a CDN; the schema is at /api/openapi.json
)

Format = Literal["json", "csv", "xlsx"]
Cell = Optional[Union[int, float, str]]
MAX_LIMIT = 10_000


class SourceOut(Schema):
    file: str
    line_start: int
    line_end: int
    page: Optional[int] = None


class DocBrief(Schema):
    id: int
    doc_number: Optional[str] = None
    issuer: Optional[str] = None
    title: str
    doc_type: Optional[str] = None
    signed_date: Optional[str] = None
    year: Optional[int] = None
    url: str


class ResponsibilityOut(Schema):
    unit: str
    unit_id: int
    unit_name: str
    role: str
    role_label: str


class DeadlineOut(Schema):
    date: str
    share: Optional[float] = None
    text: str


class TargetOut(Schema):
    metric: str
    value: float
    unit: Optional[str] = None
    comparator: Optional[str] = None
    text: str


class TaskOut(Schema):
    id: int
    document_id: int
    key: str
    heading: Optional[str] = None
    section: Optional[str] = None
    content: str
    responsibilities: list[ResponsibilityOut]
    deadlines: list[DeadlineOut]
    targets: list[TargetOut]
    source: Optional[SourceOut] = None
    url: str


class TaskDetail(TaskOut):
    document: DocBrief


class CitationOut(Schema):
    cited_number: str
    document_id: Optional[int] = None
    title: Optional[str] = None


class MemberOut(Schema):
    role: str
    name: str
    person_id: int
    position: Optional[str] = None


class GroupOut(Schema):
    id: int
    name: str
    office_host: Optional[str] = None
    members: list[MemberOut]
    source: Optional[SourceOut] = None


class AppointmentOut(Schema):
    action: str
    name: str
    person_id: int
    position: str
    note: Optional[str] = None
    source: Optional[SourceOut] = None


class HeritageItemOut(Schema):
    list: str
    seq: int
    code: Optional[str] = None
    category: Optional[str] = None
    name: str
    region: Optional[str] = None
    protection_unit: Optional[str] = None
    source: Optional[SourceOut] = None


class InheritorOut(Schema):
    seq: int
    code: Optional[str] = None
    category: Optional[str] = None
    project: Optional[str] = None
    batch: Optional[str] = None
    name: str
    person_id: int
    gender: Optional[str] = None
    county: Optional[str] = None
    protection_unit: Optional[str] = None
    source: Optional[SourceOut] = None


class CommendationOut(Schema):
    kind: str
    name: str
    organization: Optional[str] = None
    person_id: Optional[int] = None
    source: Optional[SourceOut] = None


class ContactOut(Schema):
    unit: str
    phone: Optional[str] = None


class DocumentDetail(DocBrief):
    publication: Optional[str] = None
    addressees: list[str]
    contact: Optional[ContactOut] = None
    body: str
    signer: Optional[str] = None
    cc: list[str]
    printed_by: Optional[str] = None
    printed_date: Optional[str] = None
    attachments: list[str]
    citations: list[CitationOut]
    cited_by: list[DocBrief]
    tasks: list[TaskOut]
    groups: list[GroupOut]
    appointments: list[AppointmentOut]
    heritage_items: list[HeritageItemOut]
    inheritors: list[InheritorOut]
    commendations: list[CommendationOut]
    source: Optional[SourceOut] = None


class UnitTaskOut(Schema):
    id: int
    key: str
    heading: Optional[str] = None
    content: str
    url: str


class UnitDocTasks(Schema):
    document: DocBrief
    tasks: list[UnitTaskOut]


class OfficeOut(Schema):
    id: int
    name: str
    document: DocBrief


class UnitRef(Schema):
    id: int
    name: str


class UnitDetail(Schema):
    id: int
    key: str
    name: str
    aliases: list[str]
    members: list[str]
    url: str
    roles: dict[str, list[UnitDocTasks]]     # per role, the newest documents' tasks (up to 200; /api/tasks?unit= has all)
    office_of: list[OfficeOut]
    member_of: list[UnitRef]
    task_counts: dict[str, int]


class PersonMembership(Schema):
    group: str
    group_id: int
    role: str
    position: Optional[str] = None
    document: DocBrief


class PersonAppointment(Schema):
    action: str
    position: str
    note: Optional[str] = None
    document: DocBrief


class PersonInheritor(Schema):
    project: str
    category: Optional[str] = None
    batch: Optional[str] = None
    county: Optional[str] = None
    document: DocBrief


class PersonCommendation(Schema):
    kind: str
    organization: Optional[str] = None
    document: DocBrief


class PersonDetail(Schema):
    id: int
    name: str
    posts: list[str]
    url: str
    memberships: list[PersonMembership]
    appointments: list[PersonAppointment]
    inheritor_entries: list[PersonInheritor]
    commendations: list[PersonCommendation]


class Stats(Schema):
    source_files: int
    documents: int
    tasks: int
    units: int
    people: int
    groups: int
    appointments: int
    heritage_items: int
    inheritors: int
    commendations: int
    citations: int
    citations_missing: int


class FacetOut(Schema):
    value: str
    label: str
    count: int


class HitOut(Schema):
    kind: str
    id: int
    document_id: int
    title: str
    snippet: str
    doc_number: str
    issuer: str
    doc_type: str
    year: Optional[int] = None
    task_key: str
    title_match: bool
    url: str
    units: str = ""


class SearchOut(Schema):
    q: str
    words: list[str]
    total: int = Field(description="records found; when total_capped, at least this many")
    page: int
    per_page: int
    fallback: bool = Field(description="no indexed word matched: a substring search ran instead")
    facet_sample: Optional[int] = Field(None, description="set when the facets count only this many records of "
                                                          "the result (on SQLite the most recently stored)")
    total_capped: bool = Field(False, description="counting stopped at `total` (a full-text result is counted "
                                                  f"up to {COUNT_LIMIT:,} records, {PG_COUNT_LIMIT:,} on "
                                                  f"PostgreSQL; a substring search up to {FALLBACK_LIMIT:,})")
    hits: list[HitOut]
    facets: dict[str, list[FacetOut]]


class Message(Schema):
    detail: str


class Invalid(Schema):
    detail: list[dict[str, Any]]


def answers(schema) -> dict:
    """200 with `schema`, 404 when the record is missing, 422 for a parameter that does not parse."""
    return {200: schema, 404: Message, 422: Invalid}


class RegisterInfo(Schema):
    name: str
    title: str
    columns: dict[str, str]
    url: str


# --- list endpoints, one per table -----------------------------------------

def _row_schema(table: Table):
    fields: dict[str, Any] = {c.key: (Cell, None) for c in table.columns}
    return create_model(f"{table.name.title().replace('-', '')}Row", **fields)


def _page_schema(table: Table):
    row = _row_schema(table)
    return create_model(f"{table.name.title().replace('-', '')}Page", count=(int, ...), limit=(int, ...),
                        offset=(int, ...), items=(list[row], ...))


_EXPORT_DOC = {"responses": {
    200: {"description": "One page as JSON, or the whole filtered list as CSV or xlsx",
          "content": {CONTENT_TYPES["csv"].split(";")[0]: {"schema": {"type": "string"}},
                      CONTENT_TYPES["xlsx"]: {"schema": {"type": "string", "format": "binary"}}}},
    422: {"description": "A filter or sort value that does not parse",
          "content": {"application/json": {"schema": {"type": "object", "properties": {"detail": {"type": "array"}}}}}}}}


def _filter_params(table: Table) -> list[dict]:
    out = [{"name": "q", "in": "query", "required": False, "schema": {"type": "string"},
            "description": "text contained in " + ", ".join(table.search) if table.search else "ignored"},
           {"name": "sort", "in": "query", "required": False,
            "schema": {"type": "string", "enum": ["", *[p + k for k in table.sort_keys() for p in ("", "-")]]},
            "description": "column key, - for descending; empty: the default order"}]
    for f in table.filters:
        schema = {"type": "integer", "minimum": 0, "maximum": MAX_INT} if f.integer else {"type": "string"}
        if f.boolean:
            schema = {"type": "string", "enum": ["true", "false"]}
        out.append({"name": f.key, "in": "query", "required": False, "schema": schema, "description": f.label})
    return out


class InvalidParams(Exception):
    def __init__(self, problems: list[str]):
        self.problems = problems


@api.exception_handler(InvalidParams)
def _invalid(request, exc: InvalidParams):
    return api.create_response(request, {"detail": [{"msg": p, "type": "value_error"} for p in exc.problems]},
                               status=422)


def _list(request: HttpRequest, table: Table, limit: int, offset: int, format: str):
    problems = table.validate(request.GET)
    if problems:
        raise InvalidParams(problems)
    qs = table.queryset(request.GET)
    if format in ("csv", "xlsx"):
        return export_response(table, qs, format)
    return {"count": qs.count(), "limit": limit, "offset": offset,
            "items": [table.row(o) for o in qs[offset:offset + limit]]}


def _add_list_endpoint(path: str, table: Table, summary: str, tag: str) -> None:
    extra = {**_EXPORT_DOC, "parameters": _filter_params(table)}

    def endpoint(request, limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0),
                 format: Format = "json"):
        return _list(request, table, limit, offset, format)

    endpoint.__name__ = f"list_{table.name.replace('-', '_')}"
    api.get(path, response=_page_schema(table), summary=summary, tags=[tag], openapi_extra=extra)(endpoint)


_add_list_endpoint("/documents", TABLES["documents"], "文件列表 documents", "documents")
_add_list_endpoint("/tasks", TABLES["tasks"], "任务列表 tasks", "tasks")
_add_list_endpoint("/units", TABLES["units"], "单位列表 units", "units")
_add_list_endpoint("/people", TABLES["people"], "人员列表 people", "people")
_add_list_endpoint("/citations", TABLES["citations"], "文件引用 citations", "documents")
for _name in REGISTERS:
    _add_list_endpoint(f"/registers/{_name}", TABLES[_name], f"{TABLES[_name].title} {_name}", "registers")


def _get(model, pk: int):
    if not model.objects.filter(pk=pk).exists():
        raise Http404(f"no {model._meta.model_name} {pk}")


@api.get("/documents/{doc_id}", response=answers(DocumentDetail), tags=["documents"], summary="文件详情 document")
def document_detail(request, doc_id: int):
    _get(m.Document, doc_id)
    return R.document_dict(R.document_page(doc_id))


@api.get("/tasks/{task_id}", response=answers(TaskDetail), tags=["tasks"], summary="任务详情 task")
def task_detail(request, task_id: int):
    _get(m.Task, task_id)
    task = m.Task.objects.select_related("document__source_file").prefetch_related(*R.TASK_PREFETCH).get(pk=task_id)
    return R.task_dict(task, task.document.source_file.name, with_document=True)


@api.get("/units/{unit_id}", response=answers(UnitDetail), tags=["units"], summary="单位详情 unit")
def unit_detail(request, unit_id: int):
    _get(m.Unit, unit_id)
    return R.unit_dict(R.unit_page(unit_id))


@api.get("/people/{person_id}", response=answers(PersonDetail), tags=["people"], summary="人员详情 person")
def person_detail(request, person_id: int):
    _get(m.Person, person_id)
    return R.person_dict(R.person_page(person_id))


@api.get("/search", response=answers(SearchOut), tags=["search"], summary="全文检索 search documents and tasks")
def search(request, q: str = Query(..., max_length=200, description="words; 2-character words and unit names work"),
           kind: Literal["", "document", "task"] = "", issuer: str = "", doc_type: str = "",
           year: Optional[int] = Query(None, ge=0, le=9999), unit: Optional[int] = Query(None, ge=0),
           role: str = "", page: int = Query(1, ge=1, le=10_000), per_page: int = Query(20, ge=1, le=200)):
    params = SearchParams(q=q, kind=kind, issuer=issuer, doc_type=doc_type, year=year, unit=unit, role=role,
                          page=page, per_page=per_page)
    res = run_search(params)
    return {"q": q, "words": res.words, "total": res.total, "page": params.page, "per_page": params.per_page,
            "fallback": res.fallback, "facet_sample": res.facet_sample,
            "total_capped": res.total_capped, "hits": [h.to_dict() for h in res.hits],
            "facets": {k: [vars(f) for f in v] for k, v in res.facets.items()}}


@api.get("/registers", response=list[RegisterInfo], tags=["registers"], summary="名册列表 registers")
def registers(request):
    return [{"name": n, "title": TABLES[n].title, "columns": {c.key: c.label for c in TABLES[n].columns},
             "url": f"/api/registers/{n}"} for n in REGISTERS]


@api.get("/stats", response=Stats, tags=["documents"], summary="记录数 counts")
def stats(request):
    return R.stats()
