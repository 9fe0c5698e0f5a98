"""Full-text search over documents and tasks, with facets and snippets.

The query is cut into words by jieba (see `segment`), and every word must
match (AND). SQLite matches them in the FTS5 table `kb_search_fts`
(tokenize='unicode61' over the space-separated words), PostgreSQL in the
`tsv` column (to_tsvector('simple', ...), GIN index). A facet filter (kind,
issuer, 文种, year, unit, role) is one more required word: every entry also
indexes words naming its facet values (`segment.facet_words`), so the index
intersects them and a filter never scans the matches.

What a search costs is bounded however large the corpus:
* the total is counted up to COUNT_LIMIT (PG_COUNT_LIMIT on PostgreSQL,
  where each counted record is a table row visited); a larger one is
  reported as the limit with `total_capped` set (shown "10000+");
* results are ordered title matches first (a document's title and number,
  a task's heading, holding every word), then the other matches, each
  newest (most recently stored) first: both are read from the index in id
  order a page at a time, nothing is scored (the title's words are also
  indexed behind a prefix, so the title matches are an index look-up);
* facets (issuer, doc type, year, kind, unit, role; the last two count
  tasks) count the records of a result of up to FACET_LIMIT records, else
  FACET_LIMIT of them (`facet_sample` says so): on SQLite the most
  recently stored, on PostgreSQL the first the index yields; choosing a
  facet value still filters the whole result;
* snippets and highlights are made for the shown page only.

When no indexed word matches (whatever the filters), a plain substring
search runs instead (`fallback` is set), so any printed string can still be
found; it stops at FALLBACK_LIMIT records, newest first (`total_capped`).
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..kb import models as m
from ..kb.models.tasks import ROLE_LABELS
from . import grams, segment

SNIPPET_CHARS = 110
VOCABULARY_AGE = 5.0        # seconds a search trusts the names it read (see segment.load_vocabulary)
COUNT_LIMIT = 10000         # a total is counted up to this; a larger one is shown as "10000+" (total_capped)
PG_COUNT_LIMIT = 1000       # the same on PostgreSQL (counting there visits a table row per record)
FALLBACK_LIMIT = 200        # a substring search stops at this many records (newest first)
GRAM_BATCH = 200            # PostgreSQL: candidates of a substring search first tested at once (then 4×, 16×, …)
RECENT_ROWS = 2000          # PostgreSQL: the newest rows a page of matches is first looked for in
RECENT_PAGE_LIMIT = 40      # … for the first pages (ending within this many matches)
SORT_VISIT = 4              # PostgreSQL: a match visited to sort the matches costs this many walked rows
FACET_LIMIT = 1000          # facets of a larger result count its most recently stored FACET_LIMIT records


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
# Both answer the same questions about a full-text query: `words` (the
# user's, all required) and the filters' facet words `tags` = (words a
# record must hold, words it must not hold). Nothing is scored: every
# answer is read from the index in id order and stops at its LIMIT.

def _fts5_phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


FACET_COLUMNS = "id, kind, issuer, doc_type, year, tags"


class SqliteBackend:
    """FTS5 over (body_seg, tags): a word is found in the body or, as its title
    form (segment.title_word), in the tags."""

    @staticmethod
    def _expr(required: list[str], excluded: list[str]) -> str:
        expr = "(" + " AND ".join(required) + ")"
        for term in excluded:
            expr = f"({expr} NOT {term})"
        return expr

    def _all(self, words, tags) -> str:
        return self._expr([f"({_fts5_phrase(w)} OR {_fts5_phrase(segment.title_word(w))})" for w in words]
                          + [_fts5_phrase(t) for t in tags[0]], [_fts5_phrase(t) for t in tags[1]])

    def _title(self, words, tags) -> str:
        return self._expr([_fts5_phrase(segment.title_word(w)) for w in words] + [_fts5_phrase(t) for t in tags[0]],
                          [_fts5_phrase(t) for t in tags[1]])

    def _ids(self, expr: str, limit: int, offset: int = 0) -> list[int]:
        with connection.cursor() as cur:
            cur.execute("SELECT rowid FROM kb_search_fts WHERE kb_search_fts MATCH %s ORDER BY rowid DESC "
                        "LIMIT %s OFFSET %s", [expr, limit, offset])
            return [row[0] for row in cur.fetchall()]

    def _count(self, expr: str, cap: int) -> int:
        with connection.cursor() as cur:
            cur.execute("SELECT count(*) FROM (SELECT rowid FROM kb_search_fts WHERE kb_search_fts MATCH %s LIMIT %s)",
                        [expr, cap])
            return cur.fetchone()[0]

    def count(self, words, tags, cap: int) -> int:
        """How many records match, counting up to `cap`."""
        return self._count(self._all(words, tags), cap)

    def newest_ids(self, words, tags, cap: int) -> list[int]:
        """The ids of up to `cap` matches, newest first (one pass over the index
        gives the count, the facet sample and a page without title matches)."""
        return self._ids(self._all(words, tags), cap)

    def rows(self, ids: list[int]) -> list[tuple]:
        """(id, kind, issuer, doc_type, year, tags) of these entries, newest first."""
        with connection.cursor() as cur:
            cur.execute(f"SELECT {FACET_COLUMNS} FROM kb_searchentry WHERE id IN (SELECT value FROM json_each(%s)) "
                        "ORDER BY id DESC", [json.dumps(ids)])
            return cur.fetchall()

    def count_titles(self, words, tags, cap: int) -> int:
        return self._count(self._title(words, tags), cap)

    def titles(self, words, tags, limit: int, offset: int) -> list[int]:
        """A page of the matches whose title holds every word, newest first."""
        return self._ids(self._title(words, tags), limit, offset)

    def others(self, words, tags, limit: int, offset: int) -> list[int]:
        """A page of the other matches, newest first."""
        return self._ids(f"({self._all(words, tags)} NOT {self._title(words, ([], []))})", limit, offset)


def _unprepared(cur, sql: str, params: list) -> None:
    """Execute a full-text statement on PostgreSQL as a one-off, never as a
    prepared statement (settings: GONGBAO_PG_PREPARE): a prepared statement
    soon runs a generic plan, made without the query's words, and a plan
    good for a rare word is a slow one for a common word (70-90 ms instead
    of 20-25 at a million records). Planning each time costs far less."""
    with connection.wrap_database_errors:
        cur.cursor.execute(sql, params, prepare=False)


class PostgresBackend:
    """The tsv column (title, body and tags); the title's words are also in the tags."""

    @staticmethod
    def _query(required: list[str], excluded: list[str]) -> tuple[str, list]:
        sql, params = "plainto_tsquery('simple', %s)", [" ".join(required)]
        if excluded:
            sql += " && !! plainto_tsquery('simple', %s)"
            params.append(" ".join(excluded))
        return f"tsv @@ ({sql})", params

    def _all(self, words, tags):
        return self._query([*words, *tags[0]], tags[1])

    def _title(self, words, tags):
        return self._query([*(segment.title_word(w) for w in words), *tags[0]], tags[1])

    def _rows(self, sql: str, params: list) -> list[tuple]:
        with connection.cursor() as cur:
            _unprepared(cur, sql, params)
            return cur.fetchall()

    def _ids(self, where: str, params: list, limit: int, offset: int) -> list[int]:
        # A page of a common word's matches is among the newest rows: look
        # there first, walking the primary key backwards. The GIN index gives
        # matches in no order, so the plain query visits every match's row to
        # sort them (the planner, taking a query's words for independent,
        # expects far fewer matches than there are) — 0.2–0.4 s at a million
        # records for a few common words. When the newest rows do not hold
        # the page, the plain query runs.
        if limit + offset <= RECENT_PAGE_LIMIT:
            ids = [r[0] for r in self._rows(
                f"SELECT id FROM (SELECT id, tsv FROM kb_searchentry ORDER BY id DESC LIMIT %s) recent "
                f"WHERE {where} ORDER BY id DESC LIMIT %s OFFSET %s", [RECENT_ROWS, *params, limit, offset])]
            if len(ids) == limit:
                return ids
        # Walking the primary key backwards (the plan PostgreSQL prefers, pricing
        # the test of each row's tsv as nearly free) visits about
        # (limit + offset) × rows / matches rows, in table order; sorting the
        # matches the GIN index gives visits each match once, in no order (about
        # SORT_VISIT times the cost of a walked row, measured at a million
        # records). Take the cheaper, by the planner's own estimate of the
        # matches (`id + 0`: not the key's order).
        order = "id + 0" if self._sparse(where, params, limit + offset) else "id"
        return [r[0] for r in self._rows(f"SELECT id FROM kb_searchentry WHERE {where} ORDER BY {order} DESC "
                                         "LIMIT %s OFFSET %s", [*params, limit, offset])]

    def _sparse(self, where: str, params: list, wanted: int) -> bool:
        """Whether the matches are too few for a walk down the newest rows to
        find `wanted` of them sooner than sorting them all."""
        plan = self._rows(f"EXPLAIN SELECT 1 FROM kb_searchentry WHERE {where}", params)[0][0]
        estimate = re.search(r"rows=(\d+)", plan)
        rows = self._rows("SELECT reltuples FROM pg_class WHERE oid = 'kb_searchentry'::regclass", [])[0][0]
        return bool(estimate) and SORT_VISIT * int(estimate.group(1)) ** 2 < wanted * max(rows, 1)

    def _count(self, where: str, params: list, cap: int) -> int:
        return self._rows(f"SELECT count(*) FROM (SELECT 1 FROM kb_searchentry WHERE {where} LIMIT %s) s",
                          [*params, cap])[0][0]

    def count(self, words, tags, cap: int) -> int:
        return self._count(*self._all(words, tags), cap)

    def sample_rows(self, words, tags, cap: int) -> list[tuple]:
        """(id, kind, issuer, doc_type, year, tags) of up to `cap` matches, in the
        order the GIN index and the table yield them (no sort: counting and the
        facet sample visit at most `cap` rows)."""
        match, params = self._all(words, tags)
        return self._rows(f"SELECT {FACET_COLUMNS} FROM kb_searchentry WHERE {match} LIMIT %s", [*params, cap])

    def count_titles(self, words, tags, cap: int) -> int:
        return self._count(*self._title(words, tags), cap)

    def titles(self, words, tags, limit: int, offset: int) -> list[int]:
        return self._ids(*self._title(words, tags), limit, offset)

    def others(self, words, tags, limit: int, offset: int) -> list[int]:
        (match, p1), (title, p2) = self._all(words, tags), self._title(words, ([], []))
        return self._ids(f"{match} AND NOT ({title})", [*p1, *p2], limit, offset)


def backend():
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()


# --- the search -------------------------------------------------------------

def filter_words(p: SearchParams) -> tuple[list[str], list[str]]:
    """The facet words (segment.facet_word) a record must hold, and must not
    hold, to pass the filters of `p` (a task is "not a document")."""
    required, excluded = [], []
    if p.kind == "document":
        required.append(segment.facet_word("kind", "document"))
    elif p.kind == "task":
        excluded.append(segment.facet_word("kind", "document"))
    if p.issuer:
        required.append(segment.facet_word("issuer", p.issuer))
    if p.doc_type:
        required.append(segment.facet_word("doc_type", p.doc_type))
    if p.year:
        required.append(segment.facet_word("year", p.year))
    if p.unit and p.role:
        required.append(segment.facet_word("unit_role", (p.unit, p.role)))
    elif p.unit:
        required.append(segment.facet_word("unit", p.unit))
    elif p.role:
        required.append(segment.facet_word("role", p.role))
    return required, excluded


def _page(be, words: list[str], tags, limit: int, offset: int,
          newest: Optional[list[int]] = None) -> list[tuple[int, bool]]:
    """A page of (entry id, title matched): the matches whose title holds every
    word first, then the others, each newest (most recently stored) first.
    `newest`: the first ids of all the matches, newest first, when known."""
    out = [(i, True) for i in be.titles(words, tags, limit, offset)]
    if len(out) == limit:
        return out
    # the title matches end on this page (n_title = offset + len(out)), or before it
    n_title = offset + len(out) if out or offset == 0 else be.count_titles(words, tags, 1 << 62)
    start, n = max(0, offset - n_title), limit - len(out)
    if n_title == 0 and newest is not None and start + n <= len(newest):
        return [(i, False) for i in newest[start:start + n]]      # no title matches: the others are all
    return out + [(i, False) for i in be.others(words, tags, n, start)]


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


def _substring_ids(qs, q: str, limit: int) -> list[int]:
    """The ids of up to `limit` entries of `qs` (the substring test), newest
    first. On PostgreSQL the entries holding every character pair of `q`
    (services/grams) are the candidates, read newest first (GRAM_BATCH, then
    four times as many each round) and tested; elsewhere, or for a string
    without a pair, the entries are tested newest first."""
    query = grams.tsquery(q) if connection.vendor == "postgresql" else ""
    if not query:
        return list(qs.order_by("-id").values_list("id", flat=True)[:limit])
    out: list[int] = []
    below, batch = None, GRAM_BATCH
    with connection.cursor() as cur:
        while len(out) < limit:
            # the entries' primary key walked backwards, each tested against the
            # pairs: cheaper than sorting every candidate a common pair has
            _unprepared(cur, "SELECT entry_id FROM kb_searchgrams WHERE grams @@ %s::tsquery"
                        + (" AND entry_id < %s" if below else "") + " ORDER BY entry_id DESC LIMIT %s",
                        [query, *([below] if below else []), batch])
            candidates = [row[0] for row in cur.fetchall()]
            if not candidates:
                break
            out += qs.filter(id__in=candidates).order_by("-id").values_list("id", flat=True)[:limit - len(out)]
            if len(candidates) < batch:
                break
            below, batch = candidates[-1], batch * 4
    return out


_UNIT, _ROLE = segment.FACET_PREFIX + "u", segment.FACET_PREFIX + "r"
_UNIT_WORD = re.compile(_UNIT + r"(\d+)$")


def _facets(rows: list[tuple]) -> dict[str, list[Facet]]:
    """Counts per value of each facet over `rows` ((id, kind, issuer, doc_type,
    year, tags) of the records counted); unit and role count tasks, from the
    facet words in their tags."""
    totals = {name: Counter(row[i] for row in rows if row[i] not in ("", None))
              for i, name in ((1, "kind"), (2, "issuer"), (3, "doc_type"), (4, "year"))}
    # a task's tags name each of its units and roles once: count the words, then read the few distinct ones
    units, roles = Counter(), Counter()
    for word, n in Counter(" ".join(row[5] for row in rows if row[1] == "task").split()).items():
        if word.startswith(_UNIT):
            mo = _UNIT_WORD.match(word)
            if mo:
                units[int(mo.group(1))] += n
        elif word.startswith(_ROLE):
            roles[word[len(_ROLE):]] += n
    out: dict[str, list[Facet]] = {}
    kinds = dict(m.SearchEntry.KINDS)
    for name, counts in totals.items():
        ordered = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[:20]
        out[name] = [Facet(str(v), kinds.get(v, str(v)) if name == "kind" else str(v), n) for v, n in ordered]
    names = dict(m.Unit.objects.filter(pk__in=list(units)).values_list("pk", "name")) if units else {}
    ordered = sorted(((uid, n) for uid, n in units.items() if uid in names), key=lambda kv: (-kv[1], names[kv[0]]))
    out["unit"] = [Facet(str(uid), names[uid], n) for uid, n in ordered[:20]]
    role_of = _role_values(list(roles))
    out["role"] = [Facet(role_of[w], ROLE_LABELS.get(role_of[w], role_of[w]), n)
                   for w, n in sorted(roles.items(), key=lambda kv: (-kv[1], kv[0])) if w in role_of]
    return out


def _role_values(words: list[str]) -> dict[str, str]:
    """Role words (segment.role_word) back to roles: most are the role itself."""
    out = {w: w for w in words if segment.role_word(w) == w}
    if len(out) < len(words):
        for role in m.Responsibility.objects.order_by().values_list("role", flat=True).distinct():
            out.setdefault(segment.role_word(role), role)
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


def _rows_of(ids: list[int]) -> list[tuple]:
    return list(m.SearchEntry.objects.filter(id__in=_id_list(ids)).values_list(*FACET_COLUMNS.split(", ")))


def search(p: SearchParams) -> SearchResult:
    result = SearchResult(params=p)
    q = (p.q or "").strip()[:200]
    if not q:
        return result
    segment.load_vocabulary(max_age=VOCABULARY_AGE)
    words = segment.query_words(q)
    result.words = words or [q]
    p.page = max(1, p.page)
    p.per_page = max(1, min(p.per_page, 200))
    offset = (p.page - 1) * p.per_page
    be = backend()
    tags = filter_words(p)
    ranked: list[tuple[int, bool]] = []
    facet_rows: list[tuple] = []

    if words:
        newest = None
        if isinstance(be, PostgresBackend):
            # PostgreSQL visits a table row for each record it counts: one pass, of fewer
            cap = min(COUNT_LIMIT, PG_COUNT_LIMIT)
            facet_rows = be.sample_rows(words, tags, cap + 1)
            n = len(facet_rows)
            facet_rows = facet_rows[:FACET_LIMIT]
        else:
            cap = COUNT_LIMIT
            newest = be.newest_ids(words, tags, cap + 1)
            n = len(newest)
            facet_rows = be.rows(newest[:FACET_LIMIT]) if newest else []
        result.total, result.total_capped = min(n, cap), n > cap
        if result.total:
            ranked = _page(be, words, tags, p.per_page, offset, newest)

    # no indexed word matches (whatever the filters): look for the string as
    # printed, newest first, up to FALLBACK_LIMIT records
    if result.total == 0 and not (words and (tags[0] or tags[1]) and be.count(words, ([], []), 1)):
        result.fallback = True
        result.words = [q]
        ids = _substring_ids(_apply_filters(_substring(m.SearchEntry.objects.all(), q), p), q, FALLBACK_LIMIT)
        result.total = len(ids)
        result.total_capped = result.total >= FALLBACK_LIMIT
        titled = set(m.SearchEntry.objects.filter(id__in=_id_list(ids)).filter(
            Q(kind="document", document__title__contains=q) | Q(kind="task", task__heading__contains=q))
            .values_list("id", flat=True)) if ids else set()
        ordered = sorted(ids, key=lambda i: (i not in titled, -i))
        ranked = [(i, i in titled) for i in ordered[offset:offset + p.per_page]]
        facet_rows = _rows_of(ids) if ids else []

    result.hits = _hits(ranked, [q, *[w for w in result.words if w != q]])
    if result.total:
        if result.total_capped or result.total > len(facet_rows):
            result.facet_sample = len(facet_rows)
        result.facets = _facets(facet_rows)
    result.units = list(m.Unit.objects.filter(Q(name__icontains=q) | Q(aliases__name__icontains=q)).distinct()
                        .order_by("-n_tasks", "name")[:12])
    result.people = list(m.Person.objects.filter(name__icontains=q).order_by("name")[:12])
    return result
