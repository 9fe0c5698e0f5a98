"""Full-text search over documents and tasks, with facets and snippets.

The query is cut into words by jieba (see `segment`), and every word must
match (AND). SQLite matches them in the FTS5 table `kb_search_fts`
(tokenize='unicode61' over the space-separated words), PostgreSQL in the
`tsv` column (to_tsvector('simple', ...), GIN index). Records whose title
(a document's title and number, a task's heading) matches come first, then
by relevance (bm25 / ts_rank_cd); a result of more than RANK_LIMIT records
orders its non-title matches newest (most recently stored) first instead:
scoring them all would take seconds on a million records. When no indexed word matches, a plain
substring search runs instead (`fallback` is set), so any printed string
can still be found; it stops at FALLBACK_LIMIT records, newest first
(`total_capped`).

Facets: issuer, doc type, year, kind, unit and role (the last two from
the tasks' responsibilities); each counts the records of the current result,
or, when it holds more than FACET_LIMIT records, its FACET_LIMIT most
recently stored ones (`facet_sample` says so): the counts stay fast on a
large corpus and choosing a facet value still filters the whole result.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Optional

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..kb import models as m
from ..kb.models.tasks import ROLE_LABELS
from . import segment

SNIPPET_CHARS = 110
RANK_LIMIT = 20000          # larger results: title matches by relevance, then newest first
FALLBACK_LIMIT = 1000       # a substring search stops at this many records (newest first)
FACET_LIMIT = 5000          # facets of a larger result count its most recently stored FACET_LIMIT records
TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0


@dataclass
class SearchParams:
    q: str = ""
    kind: str = ""            # document | task | "" (both)
    issuer: str = ""
    doc_type: str = ""
    year: Optional[int] = None
    unit: Optional[int] = None
    role: str = ""
    page: int = 1
    per_page: int = 20

    def filters(self) -> dict:
        return {k: v for k, v in (("kind", self.kind), ("issuer", self.issuer), ("doc_type", self.doc_type),
                                  ("year", self.year), ("unit", self.unit), ("role", self.role)) if v}


@dataclass
class Hit:
    kind: str
    id: int                    # the document's or the task's id
    document_id: int
    title: SafeString          # highlighted
    snippet: SafeString        # highlighted
    doc_number: str
    issuer: str
    doc_type: str
    year: Optional[int]
    task_key: str = ""
    title_match: bool = False
    url: str = ""
    units: SafeString = mark_safe("")      # a task's units and roles, highlighted

    def to_dict(self) -> dict:
        return {"kind": self.kind, "id": self.id, "document_id": self.document_id, "title": str(self.title),
                "snippet": str(self.snippet), "doc_number": self.doc_number, "issuer": self.issuer,
                "doc_type": self.doc_type, "year": self.year, "task_key": self.task_key,
                "title_match": self.title_match, "url": self.url, "units": str(self.units)}


@dataclass
class Facet:
    value: str
    label: str
    count: int


@dataclass
class SearchResult:
    params: SearchParams
    words: list[str] = field(default_factory=list)
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[Facet]] = field(default_factory=dict)
    units: list = field(default_factory=list)       # units whose name or alias contains the query
    people: list = field(default_factory=list)
    fallback: bool = False
    facet_sample: Optional[int] = None      # set when the facets count only this many (newest) records
    total_capped: bool = False              # a substring search found at least `total` records

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.params.per_page))


# --- backends ---------------------------------------------------------------

def _fts5_phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


class SqliteBackend:
    def match(self, words: list[str]) -> RawSQL:
        expr = " AND ".join(_fts5_phrase(w) for w in words)
        return RawSQL("SELECT rowid FROM kb_search_fts WHERE kb_search_fts MATCH %s", [expr])

    def count(self, words: list[str]) -> int:
        with connection.cursor() as cur:
            cur.execute("SELECT count(*) FROM kb_search_fts WHERE kb_search_fts MATCH %s",
                        [" AND ".join(_fts5_phrase(w) for w in words)])
            return cur.fetchone()[0]

    def hit_ids(self, words: list[str], p: "SearchParams") -> list[int]:
        """Every match that passes the facet filters of `p`, newest first.

        The filters are checked on each match (joined by rowid), so a broad
        filter (a role, a kind) costs no more than the matches; a unit that
        holds fewer tasks than there are matches is looked up the other way,
        its tasks first."""
        expr = " AND ".join(_fts5_phrase(w) for w in words)
        where, params = [], [expr]
        columns = {name: getattr(p, name) for name in ("kind", "issuer", "doc_type", "year") if getattr(p, name)}
        for name, value in columns.items():
            where.append(f"s.{name} = %s")
            params.append(value)
        n_hits = None
        selective = {k: v for k, v in columns.items() if k != "kind"}
        if selective:
            # a narrow filter (a year, an issuer) is read from its index first, then probed per match
            n_hits = self.count(words)
            if m.SearchEntry.objects.filter(**selective).count() * 4 < n_hits:
                cols = " AND ".join(f"{name} = %s" for name in selective)
                where.append(f"+f.rowid IN (SELECT id FROM kb_searchentry WHERE {cols})")
                params += list(selective.values())
        if p.unit or p.role:
            cond, cond_params = [], []
            if p.unit:
                cond.append("r.unit_id = %s")
                cond_params.append(p.unit)
            if p.role:
                cond.append("r.role = %s")
                cond_params.append(p.role)
            cond_sql = " AND ".join(cond)
            few = False
            if p.unit:
                unit = m.Unit.objects.filter(pk=p.unit).values_list("n_tasks", flat=True).first() or 0
                few = unit < (n_hits if n_hits is not None else self.count(words))
            if few:      # the unit's tasks first, probed for each match
                tasks = f"SELECT r.task_id FROM kb_responsibility r WHERE {cond_sql}"
                where.append(f"((s.kind = 'task' AND s.task_id IN ({tasks})) OR (s.kind = 'document' AND "
                             f"s.document_id IN (SELECT t.document_id FROM kb_task t WHERE t.id IN ({tasks}))))")
                params += cond_params * 2
            else:        # checked on each match
                where.append(
                    f"((s.kind = 'task' AND EXISTS (SELECT 1 FROM kb_responsibility r WHERE r.task_id = s.task_id "
                    f"AND {cond_sql})) OR (s.kind = 'document' AND EXISTS (SELECT 1 FROM kb_task t JOIN "
                    f"kb_responsibility r ON r.task_id = t.id WHERE t.document_id = s.document_id AND {cond_sql})))")
                params += cond_params * 2
        sql = ("SELECT f.rowid FROM kb_search_fts f JOIN kb_searchentry s ON s.id = f.rowid "
               "WHERE kb_search_fts MATCH %s" + "".join(" AND " + w for w in where) + " ORDER BY f.rowid DESC")
        with connection.cursor() as cur:
            cur.execute(sql, params)
            return [row[0] for row in cur.fetchall()]

    def rank_among(self, words: list[str], ids: list[int], limit: int, offset: int) -> list[tuple[int, bool]]:
        """A page of `ids` (newest first) ranked as `ranked_ids` ranks."""
        if not ids:
            return []
        expr = " AND ".join(_fts5_phrase(w) for w in words)
        title_expr = "{title_seg} : (" + expr + ")"
        bm25 = f"bm25(kb_search_fts, {TITLE_WEIGHT}, {BODY_WEIGHT})"
        among = " AND +rowid IN (SELECT value FROM json_each(%s))"
        with connection.cursor() as cur:
            if len(ids) <= RANK_LIMIT:
                cur.execute(
                    "SELECT rowid, rowid IN (SELECT rowid FROM kb_search_fts WHERE kb_search_fts MATCH %s) AS t "
                    "FROM kb_search_fts WHERE kb_search_fts MATCH %s" + among +
                    f" ORDER BY t DESC, {bm25}, rowid LIMIT %s OFFSET %s",
                    [title_expr, expr, json.dumps(ids), limit, offset])
                return [(row[0], bool(row[1])) for row in cur.fetchall()]
            cur.execute("SELECT rowid FROM kb_search_fts WHERE kb_search_fts MATCH %s" + among + f" ORDER BY {bm25}",
                        [title_expr, json.dumps(ids)])
            titled = [row[0] for row in cur.fetchall()]
        seen = set(titled)
        ordered = titled + [i for i in ids if i not in seen]
        return [(i, i in seen) for i in ordered[offset:offset + limit]]

    def newest(self, words: list[str], filters, limit: int) -> RawSQL:
        """The `limit` most recently stored matches (the facet sample of a large result)."""
        expr = " AND ".join(_fts5_phrase(w) for w in words)
        where, params = "", []
        if filters is not None:
            inner, params = filters.values("id").query.sql_with_params()
            where = " AND +rowid IN (" + inner + ")"
        return RawSQL("SELECT rowid FROM kb_search_fts WHERE kb_search_fts MATCH %s" + where +
                      " ORDER BY rowid DESC LIMIT %s", [expr, *params, limit])

    def ranked_ids(self, words: list[str], filters, limit: int, offset: int, total: int) -> list[tuple[int, bool]]:
        """A page of (entry id, title matched). `filters`: a SearchEntry queryset of
        the facet filters alone (no match), or None. Up to RANK_LIMIT matches are
        ordered title matches first, then by bm25; beyond that, scoring every
        match costs too much: title matches by bm25, then the rest newest first."""
        expr = " AND ".join(_fts5_phrase(w) for w in words)
        title_expr = "{title_seg} : (" + expr + ")"
        where, params = "", []
        if filters is not None:
            inner, params = filters.values("id").query.sql_with_params()
            where = " AND +rowid IN (" + inner + ")"     # +: filter the hits, do not look rowids up in FTS
        bm25 = f"bm25(kb_search_fts, {TITLE_WEIGHT}, {BODY_WEIGHT})"
        with connection.cursor() as cur:
            if total <= RANK_LIMIT:
                cur.execute(
                    "SELECT rowid, rowid IN (SELECT rowid FROM kb_search_fts WHERE kb_search_fts MATCH %s) AS t "
                    "FROM kb_search_fts WHERE kb_search_fts MATCH %s" + where +
                    f" ORDER BY t DESC, {bm25}, rowid LIMIT %s OFFSET %s", [title_expr, expr, *params, limit, offset])
                return [(row[0], bool(row[1])) for row in cur.fetchall()]
            cur.execute("SELECT count(*) FROM kb_search_fts WHERE kb_search_fts MATCH %s" + where,
                        [title_expr, *params])
            n_title = cur.fetchone()[0]
            out: list[tuple[int, bool]] = []
            if offset < n_title:
                cur.execute("SELECT rowid FROM kb_search_fts WHERE kb_search_fts MATCH %s" + where +
                            f" ORDER BY {bm25}, rowid LIMIT %s OFFSET %s", [title_expr, *params, limit, offset])
                out = [(row[0], True) for row in cur.fetchall()]
            if len(out) < limit:
                cur.execute("SELECT rowid FROM kb_search_fts WHERE kb_search_fts MATCH %s" + where +
                            " AND rowid NOT IN (SELECT rowid FROM kb_search_fts WHERE kb_search_fts MATCH %s)"
                            " ORDER BY rowid DESC LIMIT %s OFFSET %s",
                            [expr, *params, title_expr, limit - len(out), max(0, offset - n_title)])
                out += [(row[0], False) for row in cur.fetchall()]
            return out


class PostgresBackend:
    def match(self, words: list[str]) -> RawSQL:
        return RawSQL("SELECT id FROM kb_searchentry WHERE tsv @@ plainto_tsquery('simple', %s)", [" ".join(words)])

    def count(self, words: list[str]) -> int:
        return m.SearchEntry.objects.filter(id__in=self.match(words)).count()

    def newest(self, words: list[str], filters, limit: int):
        base = filters if filters is not None else m.SearchEntry.objects.all()
        return base.filter(id__in=self.match(words)).order_by("-id").values("id")[:limit]

    def ranked_ids(self, words: list[str], filters, limit: int, offset: int, total: int) -> list[tuple[int, bool]]:
        """As SqliteBackend.ranked_ids, with ts_rank_cd for bm25."""
        q = " ".join(words)
        base = (filters if filters is not None else m.SearchEntry.objects.all()).filter(id__in=self.match(words))
        title = RawSQL("to_tsvector('simple', kb_searchentry.title_seg) @@ plainto_tsquery('simple', %s)", [q])
        rank = RawSQL("ts_rank_cd(kb_searchentry.tsv, plainto_tsquery('simple', %s))", [q])
        if total <= RANK_LIMIT:
            rows = base.annotate(t=title, r=rank).order_by("-t", "-r", "id").values_list("id", "t")
            return [(i, bool(t)) for i, t in rows[offset:offset + limit]]
        titled = base.annotate(t=title).filter(t=True)
        n_title = titled.count()
        out: list[tuple[int, bool]] = []
        if offset < n_title:
            out = [(i, True) for i in titled.annotate(r=rank).order_by("-r", "id")
                   .values_list("id", flat=True)[offset:offset + limit]]
        if len(out) < limit:
            start = max(0, offset - n_title)
            rest = base.annotate(t=title).filter(t=False).order_by("-id").values_list("id", flat=True)
            out += [(i, False) for i in rest[start:start + limit - len(out)]]
        return out


def backend():
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()


# --- the search -------------------------------------------------------------

def _apply_filters(qs, p: SearchParams):
    if p.kind in ("document", "task"):
        qs = qs.filter(kind=p.kind)
    if p.issuer:
        qs = qs.filter(issuer=p.issuer)
    if p.doc_type:
        qs = qs.filter(doc_type=p.doc_type)
    if p.year:
        qs = qs.filter(year=p.year)
    if p.unit or p.role:
        # non-correlated subqueries: computed once, then probed (a correlated
        # EXISTS would scan the role index once per candidate row)
        resp = m.Responsibility.objects.all()
        if p.unit:
            resp = resp.filter(unit_id=p.unit)
        if p.role:
            resp = resp.filter(role=p.role)
        on_task = Q(kind="task", task_id__in=resp.values("task_id"))
        on_doc = Q(kind="document", document_id__in=m.Task.objects.filter(id__in=resp.values("task_id"))
                   .values("document_id"))
        if p.kind == "task":
            qs = qs.filter(on_task)
        elif p.kind == "document":
            qs = qs.filter(on_doc)
        else:
            qs = qs.filter(on_task | on_doc)
    return qs


def _substring(qs, q: str):
    # `contains` (LIKE): Chinese has no case, and PostgreSQL's trigram indexes serve LIKE
    return qs.filter(
        (Q(kind="document") & (Q(document__title__contains=q) | Q(document__body__contains=q)
                               | Q(document__doc_number__contains=q)))
        | (Q(kind="task") & (Q(task__content__contains=q) | Q(task__heading__contains=q)
                             | Exists(m.Responsibility.objects.filter(task_id=OuterRef("task_id"),
                                                                     printed__contains=q)))))


def _facets(qs) -> dict[str, list[Facet]]:
    """Counts per value of each facet over the result `qs` (three queries)."""
    totals: dict[str, dict] = {name: {} for name in ("kind", "issuer", "doc_type", "year")}
    for kind, issuer, doc_type, year, n in (qs.order_by().values_list("kind", "issuer", "doc_type", "year")
                                            .annotate(n=Count("id"))):
        for name, value in (("kind", kind), ("issuer", issuer), ("doc_type", doc_type), ("year", year)):
            if value not in ("", None):
                totals[name][value] = totals[name].get(value, 0) + n
    out: dict[str, list[Facet]] = {}
    kinds = dict(m.SearchEntry.KINDS)
    for name, counts in totals.items():
        ordered = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[:20]
        out[name] = [Facet(str(v), kinds.get(v, str(v)) if name == "kind" else str(v), n) for v, n in ordered]
    resp = m.Responsibility.objects.filter(task_id__in=qs.filter(kind="task").order_by().values("task_id")).order_by()
    rows = resp.values_list("unit_id", "unit__name").annotate(n=Count("task_id", distinct=True)).order_by("-n", "unit__name")[:20]
    out["unit"] = [Facet(str(uid), name, n) for uid, name, n in rows]
    rows = resp.values_list("role").annotate(n=Count("task_id", distinct=True)).order_by("-n")
    out["role"] = [Facet(role, ROLE_LABELS.get(role, role), n) for role, n in rows]
    return out


def highlighter(words: list[str]):
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.I) if words else None

    def mark(text: str) -> SafeString:
        if not pattern or not text:
            return escape(text or "")
        out, pos = [], 0
        for match in pattern.finditer(text):
            out.append(escape(text[pos:match.start()]))
            out.append(f"<mark>{escape(match.group())}</mark>")
            pos = match.end()
        out.append(escape(text[pos:]))
        return mark_safe("".join(out))

    def snippet(text: str) -> SafeString:
        text = re.sub(r"\s+", " ", text or "").strip()
        if len(text) <= SNIPPET_CHARS:
            return mark(text)
        first = pattern.search(text) if pattern else None
        start = max(0, (first.start() if first else 0) - SNIPPET_CHARS // 3)
        piece = text[start:start + SNIPPET_CHARS]
        return mark_safe(("…" if start else "") + mark(piece) + ("…" if start + SNIPPET_CHARS < len(text) else ""))

    return mark, snippet


def _hits(ranked: list[tuple[int, bool]], words: list[str]) -> list[Hit]:
    """The result rows, highlighted (`words` begins with the whole query, so
    where it is printed as typed it is marked as one piece)."""
    ids = [i for i, _ in ranked]
    entries = {e.pk: e for e in m.SearchEntry.objects.filter(pk__in=ids).select_related("document", "task")
               .defer("title_seg", "body_seg", "document__raw_lines")}
    units: dict[int, list] = {}
    task_ids = [e.task_id for e in entries.values() if e.task_id]
    for r in m.Responsibility.objects.filter(task_id__in=task_ids).order_by("task_id", "order"):
        units.setdefault(r.task_id, []).append(r)
    mark, snippet = highlighter(words)
    hits = []
    for entry_id, title_match in ranked:
        e = entries.get(entry_id)
        if e is None:
            continue
        doc = e.document
        if e.kind == "task" and e.task is not None:
            task = e.task
            if task.heading:
                title, body = mark(task.heading), snippet(task.content)
            else:               # no heading: the content is the title, shown once
                title = snippet(task.content) if len(task.content) <= 60 else mark(task.content[:60] + "…")
                body = snippet(task.content) if len(task.content) > 60 else mark_safe("")
            resp = mark_safe("、".join(mark(r.printed) + mark_safe(f"<small>{ROLE_LABELS.get(r.role, r.role)}</small>")
                                      for r in units.get(task.pk, [])))
            hits.append(Hit("task", task.pk, doc.pk, title, body, doc.doc_number, doc.issuer, doc.doc_type,
                            doc.year, task.key, title_match, task.get_absolute_url(), resp))
        else:
            hits.append(Hit("document", doc.pk, doc.pk, mark(doc.title), snippet(doc.body), doc.doc_number,
                            doc.issuer, doc.doc_type, doc.year, "", title_match, doc.get_absolute_url()))
    return hits


def _id_list(ids: list[int]):
    """`ids` as the right side of an `id__in` (one JSON parameter on SQLite, however many)."""
    if connection.vendor == "sqlite":
        return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])
    return ids


def search(p: SearchParams) -> SearchResult:
    result = SearchResult(params=p)
    q = (p.q or "").strip()[:200]
    if not q:
        return result
    segment.load_vocabulary()
    words = segment.query_words(q)
    result.words = words or [q]
    p.page = max(1, p.page)
    p.per_page = max(1, min(p.per_page, 200))
    offset = (p.page - 1) * p.per_page
    be = backend()
    filters = _apply_filters(m.SearchEntry.objects.all(), p) if p.filters() else None
    ranked: list[tuple[int, bool]] = []
    facet_ids: Optional[list[int]] = None        # the records the facets count, when not `qs`
    qs = m.SearchEntry.objects.none()

    if words:
        qs = (filters if filters is not None else m.SearchEntry.objects.all()).filter(id__in=be.match(words))
        if filters is not None and hasattr(be, "hit_ids"):
            # the filter is evaluated once; count, ranking and facets read the ids
            hit_ids = be.hit_ids(words, p)
            result.total = len(hit_ids)
            ranked = be.rank_among(words, hit_ids, p.per_page, offset)
            facet_ids = hit_ids[:FACET_LIMIT]
        else:
            result.total = qs.count() if filters is not None else be.count(words)
            if result.total:
                ranked = be.ranked_ids(words, filters, p.per_page, offset, result.total)
            if result.total > FACET_LIMIT:
                facet_ids = list(m.SearchEntry.objects.filter(id__in=be.newest(words, filters, FACET_LIMIT))
                                 .values_list("id", flat=True))

    if result.total == 0:
        # no indexed word matches: look for the string as printed, newest first, up to FALLBACK_LIMIT
        result.fallback = True
        result.words = [q]
        qs = _apply_filters(_substring(m.SearchEntry.objects.all(), q), p)
        ids = list(qs.order_by("-id").values_list("id", flat=True)[:FALLBACK_LIMIT])
        result.total = len(ids)
        result.total_capped = result.total >= FALLBACK_LIMIT
        titled = set(m.SearchEntry.objects.filter(id__in=_id_list(ids)).filter(
            Q(kind="document", document__title__contains=q) | Q(kind="task", task__heading__contains=q))
            .values_list("id", flat=True)) if ids else set()
        ordered = sorted(ids, key=lambda i: (i not in titled, -i))
        ranked = [(i, i in titled) for i in ordered[offset:offset + p.per_page]]
        facet_ids = ids

    result.hits = _hits(ranked, [q, *[w for w in result.words if w != q]])
    if result.total:
        if facet_ids is not None:
            if result.total > len(facet_ids):
                result.facet_sample = len(facet_ids)
            facet_qs = m.SearchEntry.objects.filter(id__in=_id_list(facet_ids))
        else:
            facet_qs = qs
        result.facets = _facets(facet_qs)
    result.units = list(m.Unit.objects.filter(Q(name__icontains=q) | Q(aliases__name__icontains=q)).distinct()
                        .order_by("-n_tasks", "name")[:12])
    result.people = list(m.Person.objects.filter(name__icontains=q).order_by("name")[:12])
    return result
