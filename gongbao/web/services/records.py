"""Records as plain dicts (the API's detail bodies) and the page queries
that gather what a document, task, unit or person page shows."""
from __future__ import annotations

from collections import OrderedDict
from typing import Optional

from django.db.models import Prefetch, Q

from ..kb import models as m
from ..kb.models.tasks import ROLE_LABELS


def source(obj, file: str) -> Optional[dict]:
    if not getattr(obj, "line_start", 0):
        return None
    return {"file": file, "line_start": obj.line_start, "line_end": obj.line_end or obj.line_start, "page": obj.page}


def _iso(value) -> Optional[str]:
    return value.isoformat() if value else None


def doc_brief(doc: m.Document) -> dict:
    return {"id": doc.pk, "doc_number": doc.doc_number or None, "issuer": doc.issuer or None, "title": doc.title,
            "doc_type": doc.doc_type or None, "signed_date": _iso(doc.signed_date), "year": doc.year,
            "url": doc.get_absolute_url()}


def responsibility(r: m.Responsibility) -> dict:
    return {"unit": r.printed, "unit_id": r.unit_id, "unit_name": r.unit.name, "role": r.role,
            "role_label": ROLE_LABELS.get(r.role, r.role)}


def task_dict(task: m.Task, file: str, with_document: bool = False) -> dict:
    out = {
        "id": task.pk, "document_id": task.document_id, "key": task.key, "heading": task.heading or None,
        "section": task.section or None, "content": task.content,
        "responsibilities": [responsibility(r) for r in task.responsibilities.all()],
        "deadlines": [{"date": d.date.isoformat(), "share": d.share, "text": d.text} for d in task.deadlines.all()],
        "targets": [{"metric": t.metric, "value": t.value, "unit": t.unit or None, "comparator": t.comparator or None,
                     "text": t.text} for t in task.targets.all()],
        "source": source(task, file), "url": task.get_absolute_url(),
    }
    if with_document:
        out["document"] = doc_brief(task.document)
    return out


TASK_PREFETCH = ("responsibilities__unit", "deadlines", "targets")


def document_page(pk: int) -> dict:
    """Everything the document page and /api/documents/{id} show."""
    doc = m.Document.objects.select_related("source_file").get(pk=pk)
    tasks = list(doc.tasks.prefetch_related(*TASK_PREFETCH).order_by("order"))
    groups = list(doc.groups.prefetch_related(Prefetch("members", queryset=m.Member.objects.select_related("person"))))
    return {
        "document": doc,
        "attachments": list(doc.attachments.all()),
        "citations": list(doc.citations.select_related("target")),
        "cited_by": list(m.Document.objects.filter(citations__target=doc).defer("raw_lines", "body").distinct()
                         .order_by("-signed_date", "pk")),
        "tasks": tasks,
        "groups": groups,
        "appointments": list(doc.appointments.all()),
        "heritage_items": list(doc.heritage_items.all()),
        "inheritors": list(doc.inheritors.all()),
        "commendations": list(doc.commendations.all()),
    }


def document_dict(page: dict) -> dict:
    doc: m.Document = page["document"]
    file = doc.source_file.name
    out = doc_brief(doc)
    out.update({
        "publication": doc.publication or None, "addressees": doc.addressees,
        "contact": {"unit": doc.contact_unit, "phone": doc.contact_phone or None} if doc.contact_unit else None,
        "body": doc.body, "signer": doc.signer or None, "cc": doc.cc, "printed_by": doc.printed_by or None,
        "printed_date": doc.printed_date or None,
        "attachments": [a.name for a in page["attachments"]],
        "citations": [{"cited_number": c.cited_number, "document_id": c.target_id,
                       "title": c.target.title if c.target_id else None} for c in page["citations"]],
        "cited_by": [doc_brief(d) for d in page["cited_by"]],
        "tasks": [task_dict(t, file) for t in page["tasks"]],
        "groups": [{"id": g.pk, "name": g.name, "office_host": g.office_host or None, "source": source(g, file),
                    "members": [{"role": x.role, "name": x.person.name, "person_id": x.person_id,
                                 "position": x.post or None} for x in g.members.all()]} for g in page["groups"]],
        "appointments": [{"action": a.action, "name": a.name, "person_id": a.person_id, "position": a.post,
                          "note": a.note or None, "source": source(a, file)} for a in page["appointments"]],
        "heritage_items": [{"list": h.list, "seq": h.seq, "code": h.code or None, "category": h.category or None,
                            "name": h.name, "region": h.region or None, "protection_unit": h.protection_unit or None,
                            "source": source(h, file)} for h in page["heritage_items"]],
        "inheritors": [{"seq": h.seq, "code": h.code or None, "category": h.category or None,
                        "project": h.project or None, "batch": h.batch or None, "name": h.name,
                        "person_id": h.person_id, "gender": h.gender or None, "county": h.county or None,
                        "protection_unit": h.protection_unit or None, "source": source(h, file)}
                       for h in page["inheritors"]],
        "commendations": [{"kind": c.kind, "name": c.name, "organization": c.organization or None,
                           "person_id": c.person_id, "source": source(c, file)} for c in page["commendations"]],
        "source": source(doc, file),
    })
    return out


UNIT_PAGE_TASKS = 200      # per role, newest documents first; the task list has them all


def unit_page(pk: int, per_role: Optional[int] = None) -> dict:
    """A unit, its aliases and its tasks grouped by role, then by document
    (newest documents first, at most `per_role` tasks shown per role)."""
    per_role = per_role or UNIT_PAGE_TASKS
    unit = m.Unit.objects.prefetch_related("aliases").get(pk=pk)
    roles = []
    for role, label in ROLE_LABELS.items():
        count = {"lead": unit.n_lead, "cooperate": unit.n_cooperate, "implement": unit.n_implement,
                 "responsible": unit.n_responsible}[role]
        if not count:
            continue
        resps = (m.Responsibility.objects.filter(unit=unit, role=role)
                 .select_related("task__document").defer("task__document__raw_lines", "task__document__body")
                 .prefetch_related("task__deadlines")
                 .order_by("-task__document__signed_date", "-task__document_id", "task__order")[:per_role])
        docs: "OrderedDict[int, dict]" = OrderedDict()
        for r in resps:
            entry = docs.setdefault(r.task.document_id, {"document": r.task.document, "tasks": []})
            if r.task not in entry["tasks"]:
                entry["tasks"].append(r.task)
        shown = sum(len(d["tasks"]) for d in docs.values())
        roles.append({"role": role, "label": label, "documents": list(docs.values()), "count": count,
                      "shown": shown, "more": count > shown})
    groups = (m.Group.objects.filter(Q(office_host=unit.name) | Q(office_host__in=[a.name for a in unit.aliases.all()]))
              .select_related("document").defer(*_HEAVY_DOC))
    members = {u.key: u for u in m.Unit.objects.filter(key__in=unit.members or [])}
    collectives = [u for u in m.Unit.objects.exclude(pk=unit.pk).exclude(members=[]).only("pk", "key", "name", "members")
                   if unit.key in (u.members or [])]
    return {"unit": unit, "roles": roles, "aliases": list(unit.aliases.all()), "office_of": list(groups),
            "member_units": [(name, members.get(name)) for name in unit.members or []],
            "collectives": collectives}


def unit_dict(page: dict) -> dict:
    unit: m.Unit = page["unit"]
    return {
        "id": unit.pk, "key": unit.key, "name": unit.name, "aliases": [a.name for a in page["aliases"]],
        "members": unit.members, "url": unit.get_absolute_url(),
        "roles": {r["role"]: [{"document": doc_brief(d["document"]),
                               "tasks": [{"id": t.pk, "key": t.key, "heading": t.heading or None, "content": t.content,
                                          "url": t.get_absolute_url()} for t in d["tasks"]]}
                              for d in r["documents"]] for r in page["roles"]},
        "office_of": [{"id": g.pk, "name": g.name, "document": doc_brief(g.document)} for g in page["office_of"]],
        "member_of": [{"id": u.pk, "name": u.name} for u in page["collectives"]],
        "task_counts": {"all": unit.n_tasks, "lead": unit.n_lead, "cooperate": unit.n_cooperate,
                        "implement": unit.n_implement, "responsible": unit.n_responsible},
    }


_HEAVY_DOC = ("document__raw_lines", "document__body")
_HEAVY_GROUP = ("group__document__raw_lines", "group__document__body")


def person_page(pk: int) -> dict:
    person = m.Person.objects.get(pk=pk)
    memberships = list(person.memberships.select_related("group__document").defer(*_HEAVY_GROUP)
                       .order_by("group__document__signed_date"))
    appointments = list(person.appointments.select_related("document").defer(*_HEAVY_DOC)
                        .order_by("document__signed_date", "order"))
    posts = []
    for x in memberships:
        if x.post and x.post not in posts:
            posts.append(x.post)
    for a in appointments:
        if a.action in ("appoint", "nominate") and a.post not in posts:
            posts.append(a.post)
    return {"person": person, "posts": posts, "memberships": memberships, "appointments": appointments,
            "inheritor_entries": list(person.inheritor_entries.select_related("document").defer(*_HEAVY_DOC)),
            "commendations": list(person.commendations.select_related("document").defer(*_HEAVY_DOC))}


def person_dict(page: dict) -> dict:
    p: m.Person = page["person"]
    return {
        "id": p.pk, "name": p.name, "posts": page["posts"], "url": p.get_absolute_url(),
        "memberships": [{"group": x.group.name, "group_id": x.group_id, "role": x.role, "position": x.post or None,
                         "document": doc_brief(x.group.document)} for x in page["memberships"]],
        "appointments": [{"action": a.action, "position": a.post, "note": a.note or None,
                          "document": doc_brief(a.document)} for a in page["appointments"]],
        "inheritor_entries": [{"project": h.project, "category": h.category or None, "batch": h.batch or None,
                               "county": h.county or None, "document": doc_brief(h.document)}
                              for h in page["inheritor_entries"]],
        "commendations": [{"kind": c.kind, "organization": c.organization or None, "document": doc_brief(c.document)}
                          for c in page["commendations"]],
    }


def stats() -> dict:
    return {
        "source_files": m.SourceFile.objects.count(),
        "documents": m.Document.objects.count(),
        "tasks": m.Task.objects.count(),
        "units": m.Unit.objects.count(),
        "people": m.Person.objects.count(),
        "groups": m.Group.objects.count(),
        "appointments": m.Appointment.objects.count(),
        "heritage_items": m.HeritageItem.objects.count(),
        "inheritors": m.Inheritor.objects.count(),
        "commendations": m.Commendation.objects.count(),
        "citations": m.Citation.objects.count(),
        "citations_missing": m.Citation.objects.filter(target__isnull=True).count(),
    }
