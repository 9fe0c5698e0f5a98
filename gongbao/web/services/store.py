"""Store one extraction (the `gongbao.extraction/1` dict) in the database.

`store_extraction` is called inside one transaction by `ingest`; it never
commits by itself. Documents are matched by their natural key (issuer +
发文字号, else issuer + title + 成文日期) and updated in place, keeping their
ids; their tasks are matched by key and keep theirs too. Everything a
document owns besides tasks (registers, attachments, citations, units'
responsibilities, search entries) is replaced. Documents the source file
held before and no longer holds are deleted.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Optional

from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce

from ..kb import models as m
from . import segment
from .text import natural_key, norm_number, parse_date, year_of

LIST_FIELDS_LIMIT = 300     # CharField lengths are generous; clip pathological values


@dataclass
class StoreResult:
    documents_added: int = 0
    documents_updated: int = 0
    documents_removed: int = 0
    orphans: int = 0                      # records whose document is not in the extraction
    counts: dict = field(default_factory=dict)


def _s(value, limit: Optional[int] = LIST_FIELDS_LIMIT) -> str:
    text = "" if value is None else str(value)
    return text[:limit] if limit else text


def _span(record: dict) -> dict:
    src = record.get("source") or {}
    return {"line_start": src.get("line_start") or 0, "line_end": src.get("line_end") or 0,
            "page": src.get("page")}


class _Cache:
    """Units and people by key, fetched or created once per store."""

    def __init__(self):
        self.units: dict[str, m.Unit] = {}
        self.aliases: set[tuple[int, str]] = set()
        self.people: dict[str, m.Person] = {}

    def unit(self, key: str, printed: str, members: list) -> m.Unit:
        unit = self.units.get(key)
        if unit is None:
            unit = m.Unit.objects.filter(key=key).first()
            if unit is None:
                unit = m.Unit.objects.create(key=key, name=key, members=members or [])
            elif members and not unit.members:
                unit.members = members
                unit.save(update_fields=["members"])
            self.units[key] = unit
        if printed and printed != unit.name and (unit.pk, printed) not in self.aliases:
            m.UnitAlias.objects.get_or_create(unit=unit, name=printed)
            self.aliases.add((unit.pk, printed))
        return unit

    def person(self, name: str) -> m.Person:
        name = _s(name, 100).strip()
        person = self.people.get(name)
        if person is None:
            person, _ = m.Person.objects.get_or_create(name=name)
            self.people[name] = person
        return person


def _document_fields(doc: dict, source_file: m.SourceFile, order: int, raw_lines: list) -> dict:
    signed = parse_date(doc.get("signed_date"))
    contact = doc.get("contact") or {}
    contact_src = doc.get("contact_source") or {}
    number = _s(doc.get("doc_number"), 200)
    return dict(
        source_file=source_file, order=order, **_span(doc),
        doc_number=number, number_norm=norm_number(number)[:200],
        issuer=_s(doc.get("issuer")), title=_s(doc.get("title"), None) or "（无标题）",
        doc_type=_s(doc.get("doc_type"), 20), signed_date=signed,
        year=year_of(signed, number), publication=_s(doc.get("publication"), 200),
        addressees=list(doc.get("addressees") or []),
        contact_unit=_s(contact.get("unit")), contact_phone=_s(contact.get("phone"), 100),
        contact_line_start=contact_src.get("line_start"), contact_line_end=contact_src.get("line_end"),
        body=_s(doc.get("body"), None), signer=_s(doc.get("signer"), 100), cc=list(doc.get("cc") or []),
        printed_by=_s(doc.get("printed_by")), printed_date=_s(doc.get("printed_date"), 40),
        raw_lines=raw_lines,
    )


def _raw_lines(doc: dict, lines_by_no: dict[int, str]) -> list:
    """The printed lines of a document's span (blank lines are not stored), then
    [0, "…"] and its contact box when the box is printed outside the span."""
    if not lines_by_no:
        return []
    src = doc.get("source") or {}
    start, end = src.get("line_start") or 0, src.get("line_end") or 0
    numbers = [n for n in range(start, end + 1) if n in lines_by_no] if start else []
    out = [[n, lines_by_no[n]] for n in numbers]
    box = doc.get("contact_source") or {}
    b0, b1 = box.get("line_start") or 0, box.get("line_end") or 0
    if b0 and not (start <= b0 and b1 <= end):
        out.append([0, "…"])                     # the box is printed elsewhere: a visible break
        out += [[n, lines_by_no[n]] for n in range(b0, b1 + 1) if n in lines_by_no]
    return out


def store_extraction(data: dict, source_file: m.SourceFile, lines_by_no: dict[int, str] | None = None) -> StoreResult:
    """Write `data` (Extraction.to_dict()) as the content of `source_file`."""
    result = StoreResult()
    cache = _Cache()
    counters = UnitCounters()
    lines_by_no = lines_by_no or {}
    segment.load_vocabulary()
    segment.add_words(_names(data))

    # -- documents ----------------------------------------------------------
    docs_by_ref: dict[str, m.Document] = {}
    kept_ids: list[int] = []
    used_keys: set[str] = set()
    for order, doc in enumerate(data.get("documents") or []):
        key = natural_key(doc.get("issuer"), doc.get("doc_number"), doc.get("title") or "", doc.get("signed_date"))
        base, n = key, 1
        while key in used_keys:          # the same key twice in one file: keep both
            n += 1
            key = f"{base}#{n}"
        used_keys.add(key)
        key = key[:600]
        fields = _document_fields(doc, source_file, order, _raw_lines(doc, lines_by_no))
        obj = m.Document.objects.filter(natural_key=key).first()
        if obj is None:
            obj = m.Document.objects.create(natural_key=key, **fields)
            result.documents_added += 1
        else:
            for name, value in fields.items():
                setattr(obj, name, value)
            obj.save()
            counters.remove(m.Responsibility.objects.filter(task__document=obj))
            _clear_document(obj)
            result.documents_updated += 1
        kept_ids.append(obj.pk)
        ref = doc.get("doc_number") or doc.get("title") or ""
        docs_by_ref.setdefault(ref, obj)
        docs_by_ref.setdefault(norm_number(ref), obj)
        m.Attachment.objects.bulk_create(
            m.Attachment(document=obj, order=i, name=_s(a, None)) for i, a in enumerate(doc.get("attachments") or []))
        m.Citation.objects.bulk_create(
            m.Citation(document=obj, order=i, cited_number=_s(c, 200), number_norm=norm_number(c)[:200])
            for i, c in enumerate(doc.get("cites") or []))

    gone = m.Document.objects.filter(source_file=source_file).exclude(pk__in=kept_ids)
    result.documents_removed = gone.count()
    if result.documents_removed:
        counters.remove(m.Responsibility.objects.filter(task__document__in=gone))
        gone.delete()

    def owner(record: dict) -> Optional[m.Document]:
        ref = record.get("document") or ""
        doc = docs_by_ref.get(ref) or docs_by_ref.get(norm_number(ref))
        if doc is None:
            result.orphans += 1
        return doc

    # -- tasks (updated in place by key) ------------------------------------
    tasks_by_doc: dict[int, list[dict]] = defaultdict(list)
    for task in data.get("tasks") or []:
        doc = owner(task)
        if doc is not None:
            tasks_by_doc[doc.pk].append(task)
    stored_tasks: list[tuple[m.Task, dict]] = []
    for doc_pk in kept_ids:
        existing: dict[str, list[m.Task]] = defaultdict(list)
        for t in m.Task.objects.filter(document_id=doc_pk).order_by("order"):
            existing[t.key].append(t)
        new, changed = [], []
        for order, task in enumerate(tasks_by_doc.get(doc_pk, [])):
            values = dict(key=_s(task.get("key"), 40), heading=_s(task.get("heading"), None),
                          section=_s(task.get("section"), None), content=_s(task.get("content"), None),
                          order=order, **_span(task))
            olds = existing.get(values["key"])
            if olds:
                obj = olds.pop(0)
                for name, value in values.items():
                    setattr(obj, name, value)
                changed.append(obj)
            else:
                obj = m.Task(document_id=doc_pk, **values)
                new.append(obj)
            stored_tasks.append((obj, task))
        stale = [t.pk for olds in existing.values() for t in olds]
        if stale:
            m.Task.objects.filter(pk__in=stale).delete()
        if changed:
            m.Task.objects.bulk_update(changed, ["heading", "section", "content", "order",
                                                 "line_start", "line_end", "page"])
        if new:
            m.Task.objects.bulk_create(new)
        m.Document.objects.filter(pk=doc_pk).update(n_tasks=len(changed) + len(new))

    resps, deadlines, targets = [], [], []
    for obj, task in stored_tasks:
        for i, r in enumerate(task.get("responsibilities") or []):
            printed = _s(r.get("unit")).strip()
            if not printed:
                continue
            key = _s(r.get("unit_id") or printed).strip()
            unit = cache.unit(key, printed, r.get("members") or [])
            resps.append(m.Responsibility(task=obj, unit=unit, role=_s(r.get("role"), 20) or "responsible",
                                          printed=printed, order=i))
        for i, d in enumerate(task.get("deadlines") or []):
            date = parse_date(d.get("date"))
            if date:
                deadlines.append(m.Deadline(task=obj, order=i, date=date, share=d.get("share"),
                                            text=_s(d.get("text"), None)))
        for i, t in enumerate(task.get("targets") or []):
            try:
                value = float(t.get("value"))
            except (TypeError, ValueError):
                continue
            targets.append(m.Target(task=obj, order=i, metric=_s(t.get("metric"), None), value=value,
                                    unit=_s(t.get("unit"), 40), comparator=_s(t.get("comparator"), 20),
                                    text=_s(t.get("text"), None)))
    m.Responsibility.objects.bulk_create(resps, batch_size=2000)
    counters.add((r.unit_id, r.role, r.task_id) for r in resps)
    counters.apply()
    m.Deadline.objects.bulk_create(deadlines, batch_size=2000)
    m.Target.objects.bulk_create(targets, batch_size=2000)

    # -- registers (replaced) ----------------------------------------------
    for order, g in enumerate(data.get("groups") or []):
        doc = owner(g)
        if doc is None:
            continue
        group = m.Group.objects.create(document=doc, order=order, name=_s(g.get("name"), None),
                                       office_host=_s(g.get("office_host")), **_span(g))
        m.Member.objects.bulk_create(
            m.Member(group=group, person=cache.person(mb.get("name")), order=i, role=_s(mb.get("role"), 40),
                     post=_s(mb.get("position")))
            for i, mb in enumerate(g.get("members") or []) if (mb.get("name") or "").strip())
    rows = []
    for order, a in enumerate(data.get("appointments") or []):
        doc = owner(a)
        if doc is not None and (a.get("name") or "").strip():
            rows.append(m.Appointment(document=doc, order=order, person=cache.person(a["name"]),
                                      action=_s(a.get("action"), 20), name=_s(a.get("name"), 100),
                                      post=_s(a.get("position"), None), note=_s(a.get("note"), 200), **_span(a)))
    m.Appointment.objects.bulk_create(rows)
    rows = []
    for order, h in enumerate(data.get("heritage_items") or []):
        doc = owner(h)
        if doc is not None:
            rows.append(m.HeritageItem(document=doc, order=order, list=_s(h.get("list"), 20), seq=h.get("seq") or 0,
                                       code=_s(h.get("code"), 40), category=_s(h.get("category"), 60),
                                       name=_s(h.get("name"), None), region=_s(h.get("region"), 100),
                                       protection_unit=_s(h.get("protection_unit")), **_span(h)))
    m.HeritageItem.objects.bulk_create(rows)
    rows = []
    for order, h in enumerate(data.get("inheritors") or []):
        doc = owner(h)
        if doc is not None and (h.get("name") or "").strip():
            rows.append(m.Inheritor(document=doc, order=order, person=cache.person(h["name"]), seq=h.get("seq") or 0,
                                    code=_s(h.get("code"), 40), category=_s(h.get("category"), 60),
                                    project=_s(h.get("project"), None), batch=_s(h.get("batch"), 60),
                                    name=_s(h.get("name"), 100), gender=_s(h.get("gender"), 10),
                                    county=_s(h.get("county"), 100), protection_unit=_s(h.get("protection_unit")),
                                    **_span(h)))
    m.Inheritor.objects.bulk_create(rows)
    rows = []
    for order, c in enumerate(data.get("commendations") or []):
        doc = owner(c)
        if doc is not None and (c.get("name") or "").strip():
            person = cache.person(c["name"]) if c.get("kind") == "individual" else None
            rows.append(m.Commendation(document=doc, order=order, person=person, kind=_s(c.get("kind"), 20),
                                       name=_s(c.get("name")), organization=_s(c.get("organization")), **_span(c)))
    m.Commendation.objects.bulk_create(rows)

    # -- search entries, citations -----------------------------------------
    index_documents(kept_ids)
    resolve_citations(kept_ids)
    segment.load_vocabulary()
    result.counts = {name: len(data.get(name) or []) for name in
                     ("documents", "tasks", "groups", "appointments", "heritage_items", "inheritors", "commendations")}
    return result


def _names(data: dict) -> set[str]:
    """Unit and person names an extraction prints (added to the segmenter's dictionary)."""
    names: set[str] = set()
    for task in data.get("tasks") or []:
        for r in task.get("responsibilities") or []:
            names.add(r.get("unit") or "")
            names.add(r.get("unit_id") or "")
    for g in data.get("groups") or []:
        names.update(mb.get("name") or "" for mb in g.get("members") or [])
    for key in ("appointments", "inheritors"):
        names.update(r.get("name") or "" for r in data.get(key) or [])
    names.discard("")
    return names


class UnitCounters:
    """Changes to the units' task counts (Unit.n_tasks, n_lead, ...) from the
    responsibilities one store removes and adds, applied as increments, so a
    store costs the same however large the knowledge base is."""

    def __init__(self):
        self.delta: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def _count(self, rows, sign: int) -> None:
        seen = set()
        for unit_id, role, task_id in rows:
            self.delta[unit_id][f"n_{role}" if role in ROLE_FIELDS else "n_responsible"] += sign
            if (unit_id, task_id) not in seen:
                seen.add((unit_id, task_id))
                self.delta[unit_id]["n_tasks"] += sign

    def add(self, rows) -> None:
        self._count(rows, +1)

    def remove(self, responsibilities) -> None:
        self._count(responsibilities.values_list("unit_id", "role", "task_id"), -1)

    def apply(self) -> None:
        for unit_id, changes in self.delta.items():
            changes = {name: n for name, n in changes.items() if n}
            if changes:
                m.Unit.objects.filter(pk=unit_id).update(**{name: F(name) + n for name, n in changes.items()})
        self.delta.clear()


ROLE_FIELDS = ("lead", "cooperate", "implement", "responsible")


def recount_units() -> None:
    """Recompute every unit's counts from the responsibilities (reindex does this)."""
    m.Unit.objects.update(n_tasks=0, n_lead=0, n_cooperate=0, n_implement=0, n_responsible=0)
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for unit_id, role, n in m.Responsibility.objects.values_list("unit_id", "role").annotate(n=Count("id")):
        field_name = f"n_{role}" if role in ROLE_FIELDS else "n_responsible"
        counts[unit_id][field_name] = counts[unit_id].get(field_name, 0) + n
    for unit_id, n in m.Responsibility.objects.values_list("unit_id").annotate(n=Count("task_id", distinct=True)):
        counts[unit_id]["n_tasks"] = n
    for unit_id, fields in counts.items():
        m.Unit.objects.filter(pk=unit_id).update(**fields)
    m.Document.objects.update(n_tasks=Coalesce(Subquery(
        m.Task.objects.filter(document_id=OuterRef("pk")).order_by().values("document_id")
        .annotate(n=Count("id")).values("n")[:1]), 0))


def _clear_document(doc: m.Document) -> None:
    """Delete what a document owns and is rebuilt on every store (tasks stay)."""
    m.Attachment.objects.filter(document=doc).delete()
    m.Citation.objects.filter(document=doc).delete()
    m.Responsibility.objects.filter(task__document=doc).delete()
    m.Deadline.objects.filter(task__document=doc).delete()
    m.Target.objects.filter(task__document=doc).delete()
    m.Member.objects.filter(group__document=doc).delete()
    for model in (m.Group, m.Appointment, m.HeritageItem, m.Inheritor, m.Commendation):
        model.objects.filter(document=doc).delete()


def index_documents(doc_ids: list[int]) -> int:
    """(Re)build the search entries of these documents and their tasks."""
    m.SearchEntry.objects.filter(document_id__in=doc_ids).delete()
    entries = []
    docs = m.Document.objects.filter(pk__in=doc_ids).only("pk", "title", "body", "issuer", "doc_type", "year",
                                                          "doc_number")
    for doc in docs.iterator():
        facets = dict(issuer=doc.issuer, doc_type=doc.doc_type, year=doc.year)
        attachments = " ".join(m.Attachment.objects.filter(document_id=doc.pk).values_list("name", flat=True))
        entries.append(m.SearchEntry(kind="document", document_id=doc.pk,
                                     title_seg=segment.segment(f"{doc.title} {doc.doc_number}"),
                                     body_seg=segment.segment(f"{doc.body}\n{attachments}"), **facets))
        tasks = m.Task.objects.filter(document_id=doc.pk).only("pk", "heading", "content", "section")
        units = defaultdict(list)
        for task_id, printed, name in m.Responsibility.objects.filter(task__document_id=doc.pk).values_list(
                "task_id", "printed", "unit__name"):
            units[task_id].append(printed)
            if name != printed:
                units[task_id].append(name)
        for task in tasks:
            body = "\n".join([task.content, " ".join(units.get(task.pk, []))])
            entries.append(m.SearchEntry(kind="task", document_id=doc.pk, task_id=task.pk,
                                         title_seg=segment.segment(task.heading or ""),
                                         body_seg=segment.segment(body), **facets))
    m.SearchEntry.objects.bulk_create(entries, batch_size=2000)
    return len(entries)


def resolve_citations(doc_ids: list[int]) -> None:
    """Point citations at the documents they cite, where held: those of the
    documents just stored, and any citing one of them."""
    numbers = list(m.Document.objects.filter(pk__in=doc_ids).exclude(number_norm="")
                   .values_list("number_norm", flat=True))
    match = m.Document.objects.filter(number_norm=OuterRef("number_norm")).exclude(number_norm="").order_by("pk")
    affected = m.Citation.objects.filter(document_id__in=doc_ids) | m.Citation.objects.filter(number_norm__in=numbers)
    affected.update(target=Subquery(match.values("pk")[:1]))
