"""Server-rendered pages (Chinese UI). Every page is a thin layer over
gongbao.web.services: the same queries feed the API."""
from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from ...services import records as R
from ...services.export import FORMATS, export_response
from ...services.search import SearchParams, search as run_search
from ...services.tables import REGISTERS, TABLES, Table
from .. import models as m

PER_PAGE = 50


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _cached_stats() -> dict:
    """Counts for the home page, cached until the next ingest changes a source file."""
    from django.core.cache import cache
    from django.db.models import Max

    version = m.SourceFile.objects.aggregate(n=Count("id"), t=Max("updated_at"))
    key = f"kb:stats:{version['n']}:{version['t'].timestamp() if version['t'] else 0}"
    return cache.get_or_set(key, R.stats, 300)


def home(request: HttpRequest) -> HttpResponse:
    stats = _cached_stats()
    latest = m.Document.objects.select_related("source_file").defer("raw_lines", "body").order_by(
        "-signed_date", "-pk")[:10]
    top_units = m.Unit.objects.order_by("-n_tasks", "name")[:12]
    registers = [(n, TABLES[n].title, TABLES[n].model.objects.count()) for n in REGISTERS]
    return render(request, "kb/home.html", {"stats": stats, "latest": latest, "top_units": top_units,
                                            "registers": registers,
                                            "sources": m.SourceFile.objects.all()[:10]})


def table_page(request: HttpRequest, table: Table, template: str = "kb/table.html", extra: dict | None = None):
    fmt = request.GET.get("format", "")
    qs = table.queryset(request.GET)
    if fmt in FORMATS:
        return export_response(table, qs, fmt)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    rows = [[(c, c.get(o), c.link(o) if c.link else None) for c in table.columns] for o in page.object_list]
    sort = request.GET.get("sort") or table.default_sort
    filters = []
    for f in table.filters:
        value = request.GET.get(f.key, "")
        if f.choices is None and not value:
            continue                   # an id filter: shown only when set (by a link)
        choices = f.choices() if f.choices else [(value, value)]
        filters.append({"key": f.key, "label": f.label, "value": value, "choices": choices})
    ctx = {"table": table, "page": page, "rows": rows, "sort": sort, "filters": filters,
           "q": request.GET.get("q", ""), "api_url": _api_url(table), "formats": FORMATS}
    ctx.update(extra or {})
    return render(request, template, ctx)


def _api_url(table: Table) -> str:
    return f"/api/registers/{table.name}" if table.name in REGISTERS else f"/api/{table.name}"


def documents(request):
    return table_page(request, TABLES["documents"])


def tasks(request):
    return table_page(request, TABLES["tasks"])


def units(request):
    return table_page(request, TABLES["units"])


def people(request):
    return table_page(request, TABLES["people"])


def citations(request):
    missing = (m.Citation.objects.filter(target__isnull=True).values("number_norm")
               .annotate(n=Count("id")).order_by("-n", "number_norm"))
    return table_page(request, TABLES["citations"], "kb/citations.html", {"missing": missing[:200]})


def register(request, name: str):
    if name not in REGISTERS:
        raise Http404("no such register")
    return table_page(request, TABLES[name])


def registers(request):
    items = [(n, TABLES[n].title, TABLES[n].model.objects.count()) for n in REGISTERS]
    return render(request, "kb/registers.html", {"items": items})


def sources(request):
    return render(request, "kb/sources.html", {"sources": m.SourceFile.objects.annotate(n_docs=Count("documents"))})


def _highlight(value: str) -> set[int]:
    """?hl=12-20,31 → the line numbers to highlight."""
    out: set[int] = set()
    for part in (value or "").split(",")[:20]:
        a, _, b = part.partition("-")
        start, end = _int(a), _int(b or a)
        if start and end and 0 < end - start < 2000:
            out.update(range(start, end + 1))
        elif start and end == start:
            out.add(start)
    return out


def document(request, pk: int):
    try:
        page = R.document_page(pk)
    except m.Document.DoesNotExist:
        raise Http404("no such document")
    doc = page["document"]
    hl = _highlight(request.GET.get("hl", ""))
    lines = [{"no": no, "text": text, "hl": no in hl, "gap": no == 0} for no, text in doc.raw_lines]
    registers = [(key, label, page[key]) for key, label in (
        ("appointments", "人事任免"), ("heritage_items", "非遗代表性项目"), ("inheritors", "代表性传承人"),
        ("commendations", "表扬名单"))]
    return render(request, "kb/document.html", {**page, "doc": doc, "lines": lines,
                                                "registers": registers, "hl": request.GET.get("hl", "")})


def task(request, pk: int):
    try:
        obj = m.Task.objects.select_related("document__source_file").prefetch_related(*R.TASK_PREFETCH).get(pk=pk)
    except m.Task.DoesNotExist:
        raise Http404("no such task")
    siblings = list(m.Task.objects.filter(document=obj.document).order_by("order").values_list("pk", "key"))
    idx = next((i for i, (p, _) in enumerate(siblings) if p == obj.pk), 0)
    prev_task = siblings[idx - 1] if idx > 0 else None
    next_task = siblings[idx + 1] if idx + 1 < len(siblings) else None
    return render(request, "kb/task.html", {"task": obj, "doc": obj.document, "prev_task": prev_task,
                                            "next_task": next_task})


def unit(request, pk: int):
    try:
        page = R.unit_page(pk)
    except m.Unit.DoesNotExist:
        raise Http404("no such unit")
    return render(request, "kb/unit.html", page)


def person(request, pk: int):
    try:
        page = R.person_page(pk)
    except m.Person.DoesNotExist:
        raise Http404("no such person")
    return render(request, "kb/person.html", page)


def _with(params, key: str, value) -> str:
    """The query string of `params` with `key` set to `value` (None removes it) and no page."""
    q = params.copy()
    q.pop("page", None)
    q.pop(key, None)
    if value is not None:
        q[key] = value
    return "?" + q.urlencode()


def search(request):
    g = request.GET
    params = SearchParams(q=g.get("q", ""), kind=g.get("kind", ""), issuer=g.get("issuer", ""),
                          doc_type=g.get("doc_type", ""), year=_int(g.get("year")), unit=_int(g.get("unit")),
                          role=g.get("role", ""), page=_int(g.get("page"), 1) or 1)
    result = run_search(params)
    facet_titles = [("kind", "类型"), ("issuer", "发文机关"), ("doc_type", "文种"), ("year", "年份"),
                    ("unit", "责任单位"), ("role", "角色")]
    facets = []
    for key, title in facet_titles:
        values = result.facets.get(key) or []
        current = g.get(key, "")
        if values or current:
            links = [(v, _with(g, key, v.value)) for v in values]
            facets.append({"key": key, "title": title, "values": links, "current": current,
                           "clear": _with(g, key, None)})
    return render(request, "kb/search.html", {"result": result, "q": params.q, "facets": facets,
                                              "pages": range(1, min(result.pages, 50) + 1)})
