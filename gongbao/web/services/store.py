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

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Optional

from django.db import connection
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from ..kb import models as m
from . import grams, segment
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


def _select(sql: str, *lists: list) -> list[tuple]:
    """Rows of `sql` whose {} are filled by IN lists of these values (plain
    SQL: the ORM's cost of building a query of a long IN list, paid per
    file, is more than the query's)."""
    sql = sql.format(*(", ".join(["%s"] * len(values)) for values in lists))
    with connection.cursor() as cur:
        cur.execute(sql, [v for values in lists for v in values])
        return cur.fetchall()


@dataclass
class _UnitRef:
    """What a store needs of a unit (read without building the model)."""
    pk: int
    name: str
    members: list


class _Cache:
    """Units and people by key, fetched or created once per store."""

    def __init__(self):
        self.units: dict[str, _UnitRef] = {}
        self.aliases: set[tuple[int, str]] = set()
        self.people: dict[str, m.Person] = {}

    def units_for(self, wanted: list[tuple[str, str, list]]) -> dict[str, _UnitRef]:
        """The units of (key, printed name, members) triples, by key: looked up
        in one query, the missing ones created in one insert; printed names
        other than the unit's become aliases."""
        missing = {key for key, _, _ in wanted if key not in self.units}
        if missing:
            for pk, key, name, members in _select('SELECT id, "key", name, members FROM kb_unit WHERE "key" IN ({})',
                                                  sorted(missing)):
                self.units[key] = _UnitRef(pk, name, json.loads(members) if isinstance(members, str) else members)
            members_of: dict[str, list] = {}
            for key, _, members in wanted:
                if members and not members_of.get(key):
                    members_of[key] = members
            create = [m.Unit(key=key, name=key, members=members_of.get(key) or [])
                      for key in dict.fromkeys(k for k, _, _ in wanted) if key not in self.units]
            m.Unit.objects.bulk_create(create)
            for unit in create:
                self.units[unit.key] = _UnitRef(unit.pk, unit.name, unit.members)
            for key in missing:
                unit = self.units[key]
                if members_of.get(key) and not unit.members:
                    unit.members = members_of[key]
                    m.Unit.objects.filter(pk=unit.pk).update(members=unit.members)
        aliases = {(self.units[key].pk, printed) for key, printed, _ in wanted
                   if printed and printed != self.units[key].name} - self.aliases
        if aliases:
            unit_ids, names = sorted({u for u, _ in aliases}), sorted({n for _, n in aliases})
            have = set(_select("SELECT unit_id, name FROM kb_unitalias WHERE unit_id IN ({}) AND name IN ({})",
                               unit_ids, names))
            m.UnitAlias.objects.bulk_create([m.UnitAlias(unit_id=u, name=n) for u, n in sorted(aliases - have)])
            self.aliases |= aliases
        return self.units

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
    _tune_connection()
    cache = _Cache()
    counters = UnitCounters()
    lines_by_no = lines_by_no or {}
    segment.load_vocabulary()
    segment.add_words(_names(data))

    # -- documents (one look-up and one insert for the file) -----------------
    keyed: list[tuple[str, dict, dict]] = []
    used_keys: set[str] = set()
    for order, doc in enumerate(data.get("documents") or []):
        key = natural_key(doc.get("issuer"), doc.get("doc_number"), doc.get("title") or "", doc.get("signed_date"))
        base, n = key, 1
        while key in used_keys:          # the same key twice in one file: keep both
            n += 1
            key = f"{base}#{n}"
        used_keys.add(key)
        keyed.append((key[:600], doc, _document_fields(doc, source_file, order, _raw_lines(doc, lines_by_no))))
    # the records' documents (by position in the file), so each document is written with its number of tasks
    position_by_ref: dict[str, int] = {}
    for i, (_, doc, _) in enumerate(keyed):
        ref = doc.get("doc_number") or doc.get("title") or ""
        position_by_ref.setdefault(ref, i)
        position_by_ref.setdefault(norm_number(ref), i)

    def owner_position(record: dict) -> Optional[int]:
        ref = record.get("document") or ""
        i = position_by_ref.get(ref)
        if i is None:
            i = position_by_ref.get(norm_number(ref))
        if i is None:
            result.orphans += 1
        return i

    task_owners = [(owner_position(task), task) for task in data.get("tasks") or []]
    n_tasks = [0] * len(keyed)
    for i, _ in task_owners:
        if i is not None:
            n_tasks[i] += 1
    # one look-up: the documents matched by key, and those this file held before (to delete those it no longer holds)
    keys = {k for k, _, _ in keyed}
    held = _held_documents(keys, source_file.pk)          # (id, natural key, source file id)
    found_ids = [pk for pk, key, _ in held if key in keys]
    found = {d.natural_key: d for d in m.Document.objects.filter(pk__in=found_ids)} if found_ids else {}
    objs: list[m.Document] = []
    new_docs: list[m.Document] = []
    for (key, doc, fields), n in zip(keyed, n_tasks):
        fields["n_tasks"] = n
        obj = found.get(key)
        if obj is None:
            obj = m.Document(natural_key=key, **fields)
            new_docs.append(obj)
            result.documents_added += 1
        else:
            for name, value in fields.items():
                setattr(obj, name, value)
            obj.save()
            counters.remove(m.Responsibility.objects.filter(task__document=obj))
            _clear_document(obj)
            result.documents_updated += 1
        objs.append(obj)
    m.Document.objects.bulk_create(new_docs, batch_size=500)
    kept_ids: list[int] = [obj.pk for obj in objs]
    fresh = {obj.pk for obj in new_docs}            # no tasks stored yet
    attachments, citations = [], []
    attachment_names: dict[int, list[str]] = {}         # for the search entries
    for obj, (_, doc, _) in zip(objs, keyed):
        names = attachment_names[obj.pk] = [_s(a, None) for a in doc.get("attachments") or []]
        attachments += [m.Attachment(document=obj, order=i, name=name) for i, name in enumerate(names)]
        citations += [m.Citation(document=obj, order=i, cited_number=_s(c, 200), number_norm=norm_number(c)[:200])
                      for i, c in enumerate(doc.get("cites") or [])]
    m.Attachment.objects.bulk_create(attachments, batch_size=2000)
    m.Citation.objects.bulk_create(citations, batch_size=2000)

    kept = set(kept_ids)
    gone = [pk for pk, _, source_id in held if source_id == source_file.pk and pk not in kept]
    result.documents_removed = len(gone)
    if gone:
        counters.remove(m.Responsibility.objects.filter(task__document__in=gone))
        m.Document.objects.filter(pk__in=gone).delete()

    def owner(record: dict) -> Optional[m.Document]:
        i = owner_position(record)
        return None if i is None else objs[i]

    # -- tasks (updated in place by key) ------------------------------------
    tasks_by_doc: dict[int, list[dict]] = defaultdict(list)
    for i, task in task_owners:
        if i is not None:
            tasks_by_doc[objs[i].pk].append(task)
    existing_by_doc: dict[int, dict[str, list[m.Task]]] = defaultdict(lambda: defaultdict(list))
    updated = [pk for pk in kept_ids if pk not in fresh]
    if updated:
        for t in m.Task.objects.filter(document_id__in=updated).order_by("document_id", "order"):
            existing_by_doc[t.document_id][t.key].append(t)
    stored_tasks: list[tuple[int, dict]] = []         # (task id, its record); ids of new tasks filled in below
    task_texts: list[tuple[int, str, str]] = []       # (document id, heading, content), as stored_tasks
    new, changed, stale = [], [], []
    for doc_pk in dict.fromkeys(kept_ids):
        existing = existing_by_doc.get(doc_pk, {})
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
                stored_tasks.append((obj.pk, task))
            else:
                new.append((len(stored_tasks), (doc_pk, *(values[f] for f in TASK_FIELDS[1:]))))
                stored_tasks.append((0, task))
            task_texts.append((doc_pk, values["heading"], values["content"]))
        stale += [t.pk for olds in existing.values() for t in olds]
    if stale:
        m.Task.objects.filter(pk__in=stale).delete()
    if changed:
        m.Task.objects.bulk_update(changed, ["heading", "section", "content", "order",
                                             "line_start", "line_end", "page"], batch_size=500)
    if new:
        ids = insert_rows(m.Task, TASK_FIELDS, [row for _, row in new], returning=True)
        for (i, _), pk in zip(new, ids):
            stored_tasks[i] = (pk, stored_tasks[i][1])

    printed_units = []               # (task id, order, printed, key, role, members)
    for task_id, task in stored_tasks:
        for i, r in enumerate(task.get("responsibilities") or []):
            printed = _s(r.get("unit")).strip()
            if printed:
                printed_units.append((task_id, i, printed, _s(r.get("unit_id") or printed).strip(),
                                      _s(r.get("role"), 20) or "responsible", r.get("members") or []))
    units = cache.units_for([(key, printed, members) for _, _, printed, key, _, members in printed_units])
    resps = [(task_id, units[key].pk, role, printed, i) for task_id, i, printed, key, role, _ in printed_units]
    deadlines, targets = [], []
    date_value = connection.ops.adapt_datefield_value
    for task_id, task in stored_tasks:
        for i, d in enumerate(task.get("deadlines") or []):
            date = parse_date(d.get("date"))
            if date:
                deadlines.append((task_id, i, date_value(date), d.get("share"), _s(d.get("text"), None)))
        for i, t in enumerate(task.get("targets") or []):
            try:
                value = float(t.get("value"))
            except (TypeError, ValueError):
                continue
            targets.append((task_id, i, _s(t.get("metric"), None), value, _s(t.get("unit"), 40),
                            _s(t.get("comparator"), 20), _s(t.get("text"), None)))
    insert_rows(m.Responsibility, ("task", "unit", "role", "printed", "order"), resps)
    counters.add((unit_id, role, task_id) for task_id, unit_id, role, _, _ in resps)
    counters.apply()
    insert_rows(m.Deadline, ("task", "order", "date", "share", "text"), deadlines)
    insert_rows(m.Target, ("task", "order", "metric", "value", "unit", "comparator", "text"), targets)

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

    # -- search entries (from what was just written), citations -------------
    if updated:
        m.SearchEntry.objects.filter(document_id__in=updated).delete()
    doc_tasks: dict[int, list[tuple]] = defaultdict(list)
    for (task_id, _), (doc_pk, heading, content) in zip(stored_tasks, task_texts):
        doc_tasks[doc_pk].append((task_id, heading, content))        # in their order
    unit_words, task_resps = defaultdict(list), defaultdict(list)
    for task_id, _, printed, key, role, _ in printed_units:          # by task, then their order
        unit = units[key]
        unit_words[task_id].append(printed)
        if unit.name != printed:
            unit_words[task_id].append(unit.name)
        task_resps[task_id].append((unit.pk, role))
    doc_resps = {doc_pk: [pair for task_id, _, _ in sorted(tasks) for pair in task_resps.get(task_id, [])]
                 for doc_pk, tasks in doc_tasks.items()}
    docs = sorted((obj.pk, obj.title, obj.body, obj.issuer, obj.doc_type, obj.year, obj.doc_number) for obj in objs)
    insert_entries(search_entries(docs, attachment_names, doc_tasks, unit_words, task_resps, doc_resps))
    resolve_citations(kept_ids, [obj.number_norm for obj in objs])
    segment.load_vocabulary()
    result.counts = {name: len(data.get(name) or []) for name in
                     ("documents", "tasks", "groups", "appointments", "heritage_items", "inheritors", "commendations")}
    return result


def _held_documents(keys: set[str], source_file_id: int) -> list[tuple[int, str, int]]:
    """(id, natural key, source file id) of the documents with these keys or
    from this source file: one plain query (a new file's documents are
    usually none of them)."""
    if not keys:
        return _select("SELECT id, natural_key, source_file_id FROM kb_document WHERE source_file_id = {}",
                       [source_file_id])
    return _select("SELECT id, natural_key, source_file_id FROM kb_document WHERE natural_key IN ({}) "
                   "OR source_file_id = {}", sorted(keys), [source_file_id])


SQLITE_CACHE_KIB = 128 * 1024
SQLITE_CHECKPOINT_PAGES = 10000


def _tune_connection() -> None:
    """On SQLite, for this connection (once): a larger page cache (a store
    updates many indexes of a large database, and the default 2 MB cache
    sends most of those page visits to the operating system), and the
    write-ahead log copied into the database every 40 MB instead of 4 MB
    (the pages every store writes again, an index's upper pages, the
    full-text index's structure, are copied once per checkpoint: ten
    times less often)."""
    if connection.vendor != "sqlite" or getattr(connection, "_gongbao_tuned", None) is connection.connection:
        return
    with connection.cursor() as cur:
        cur.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
        cur.execute(f"PRAGMA wal_autocheckpoint = {SQLITE_CHECKPOINT_PAGES}")
    connection._gongbao_tuned = connection.connection


TASK_FIELDS = ("document", "key", "heading", "section", "content", "order", "line_start", "line_end", "page")


def insert_rows(model, fields, rows: list, returning: bool = False) -> list[int]:
    """INSERT `rows` (tuples of `fields`' database values) into `model`'s
    table without building model instances: multi-row INSERTs of as many
    rows as one statement may bind (with `returning`, ... RETURNING id: the
    ids in row order, as Django's bulk_create takes them).

    Few statements, not one per row: on SQLite a statement that fires a
    trigger writing the FTS5 index (kb_searchentry's) opens a statement
    savepoint, and FTS5 writes its pending words out as a new index segment
    at each savepoint. A statement per row wrote a segment per row (and
    merged all those small segments again); a statement per file writes one."""
    if not rows:
        return []
    meta, qn = model._meta, connection.ops.quote_name
    cols = ", ".join(qn(meta.get_field(f).column) for f in fields)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    sql = f"INSERT INTO {qn(meta.db_table)} ({cols}) VALUES "
    end = f" RETURNING {qn(meta.pk.column)}" if returning else ""
    per = max(1, _max_params() // len(fields))
    ids: list[int] = []
    with connection.cursor() as cur:
        for i in range(0, len(rows), per):
            chunk = rows[i:i + per]
            cur.execute(sql + ", ".join([one] * len(chunk)) + end, [v for row in chunk for v in row])
            if returning:
                ids += [row[0] for row in cur.fetchall()]
    return ids


MAX_PARAMS = 30000      # parameters bound by one statement (SQLite allows 32,766 since 3.32, PostgreSQL 65,535)


def _max_params() -> int:
    if connection.vendor == "sqlite":
        import sqlite3

        connection.ensure_connection()
        return min(MAX_PARAMS, connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
    return MAX_PARAMS


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
        names = ["n_tasks", *(f"n_{role}" for role in ROLE_FIELDS)]
        rows = [[changes.get(name, 0) for name in names] + [unit_id]
                for unit_id, changes in self.delta.items() if any(changes.values())]
        if rows:
            sets = ", ".join(f"{name} = {name} + %s" for name in names)
            with connection.cursor() as cur:
                cur.executemany(f"UPDATE {m.Unit._meta.db_table} SET {sets} WHERE id = %s", rows)
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
    """(Re)build the search entries of these documents and their tasks from
    what the database holds (a few queries for them all, one insert);
    `reindex` uses it. A store builds the same entries from what it writes."""
    m.SearchEntry.objects.filter(document_id__in=doc_ids).delete()
    attachments = defaultdict(list)
    for doc_id, name in m.Attachment.objects.filter(document_id__in=doc_ids).order_by("document_id", "order") \
            .values_list("document_id", "name"):
        attachments[doc_id].append(name)
    tasks = defaultdict(list)
    for row in m.Task.objects.filter(document_id__in=doc_ids).order_by("document_id", "order", "pk") \
            .values_list("document_id", "pk", "heading", "content"):
        tasks[row[0]].append(row[1:])
    units, resps, doc_resps = defaultdict(list), defaultdict(list), defaultdict(list)
    for task_id, doc_id, printed, name, unit_id, role in m.Responsibility.objects.filter(
            task__document_id__in=doc_ids).order_by("task_id", "order", "pk").values_list(
            "task_id", "task__document_id", "printed", "unit__name", "unit_id", "role"):
        units[task_id].append(printed)
        if name != printed:
            units[task_id].append(name)
        resps[task_id].append((unit_id, role))
        doc_resps[doc_id].append((unit_id, role))
    docs = m.Document.objects.filter(pk__in=doc_ids).order_by("pk").values_list(
        "pk", "title", "body", "issuer", "doc_type", "year", "doc_number")
    return insert_entries(search_entries(docs, attachments, tasks, units, resps, doc_resps))


def search_entries(docs, attachments: dict, tasks: dict, units: dict, resps: dict, doc_resps: dict) -> list[tuple]:
    """The search entries (rows of SEARCH_FIELDS) of documents and their tasks.

    docs: (id, title, body, issuer, doc_type, year, doc_number) by id;
    attachments: document id -> names in order; tasks: document id ->
    (task id, heading, content) in their order; units: task id -> the
    printed names of its units, each followed by the unit's name where that
    differs; resps: task id -> (unit id, role) in order; doc_resps: document
    id -> the (unit id, role) of its tasks, by task id then order. Each row
    ends with the entry's printed texts, for its character pairs (grams)."""
    cut = segment.segment
    entries = []
    for doc_id, title, body, issuer, doc_type, year, doc_number in docs:
        title_seg = cut(f"{title} {doc_number}")
        entries.append(("document", doc_id, None, title_seg, cut(f"{body}\n{' '.join(attachments.get(doc_id, []))}"),
                        segment.facet_words("document", year, issuer, doc_type, doc_resps.get(doc_id, []), title_seg),
                        issuer, doc_type, year, (title, doc_number, body)))
        for task_id, heading, content in tasks.get(doc_id, []):
            text = "\n".join([content, " ".join(units.get(task_id, []))])
            title_seg = cut(heading or "")
            entries.append(("task", doc_id, task_id, title_seg, cut(text),
                            segment.facet_words("task", year, issuer, doc_type, resps.get(task_id, []), title_seg),
                            issuer, doc_type, year, (content, heading, *units.get(task_id, []))))
    return entries


SEARCH_FIELDS = ("kind", "document", "task", "title_seg", "body_seg", "tags", "issuer", "doc_type", "year")


def insert_entries(entries: list[tuple]) -> int:
    """Insert search entries (rows of search_entries: on SQLite the FTS5 index
    follows by trigger, insert_rows keeps that to a statement per file, not
    per row); on PostgreSQL their character pairs too (services/grams)."""
    if connection.vendor != "postgresql":
        insert_rows(m.SearchEntry, SEARCH_FIELDS, [e[:-1] for e in entries])
        return len(entries)
    ids = insert_rows(m.SearchEntry, SEARCH_FIELDS, [e[:-1] for e in entries], returning=True)
    with connection.cursor() as cur:
        grams.insert(cur, [(entry_id, grams.pairs(e[-1])) for entry_id, e in zip(ids, entries)])
    return len(entries)


def resolve_citations(doc_ids: list[int], numbers: Optional[list[str]] = None) -> None:
    """Point citations at the documents they cite, where held: those of the
    documents just stored, and any citing one of them (`numbers`: their
    normalised numbers, when known)."""
    if numbers is None:
        numbers = list(m.Document.objects.filter(pk__in=doc_ids).values_list("number_norm", flat=True))
    numbers = sorted({n for n in numbers if n})
    if not doc_ids and not numbers:
        return
    where = []
    if doc_ids:
        where.append(f"document_id IN ({', '.join(['%s'] * len(doc_ids))})")
    if numbers:
        where.append(f"number_norm IN ({', '.join(['%s'] * len(numbers))})")
    with connection.cursor() as cur:
        # each citation's target: the first document (by id) with the cited number
        cur.execute("UPDATE kb_citation SET target_id = (SELECT d.id FROM kb_document d "
                    "WHERE d.number_norm = kb_citation.number_norm AND d.number_norm <> '' ORDER BY d.id LIMIT 1) "
                    f"WHERE {' OR '.join(where)}", [*doc_ids, *numbers])
