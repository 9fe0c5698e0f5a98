"""Chinese full-text search: two-character words, unit names, facets, ranking."""
from __future__ import annotations

import pytest

from gongbao.web.kb import models as m
from gongbao.web.services.search import SearchParams, highlighter, search
from gongbao.web.services.segment import query_words, segment


def _texts(hit) -> str:
    if hit.kind == "task":
        t = m.Task.objects.get(pk=hit.id)
        return t.heading + t.content + "".join(t.responsibilities.values_list("printed", flat=True)) + \
            "".join(t.responsibilities.values_list("unit__name", flat=True))
    d = m.Document.objects.get(pk=hit.id)
    return d.title + d.doc_number + d.body + "".join(d.attachments.values_list("name", flat=True))


@pytest.mark.parametrize("word", ["燃气", "应急"])
def test_two_character_words_are_found(kb, word):
    result = search(SearchParams(q=word, per_page=200))
    assert not result.fallback
    assert result.words == [word]
    expected = (m.Task.objects.filter(content__contains=word).count()
                + m.Document.objects.filter(body__contains=word).count())
    assert result.total >= 1
    # every hit really contains the word, and (nearly) every record containing it is found
    assert all(word in _texts(h) for h in result.hits)
    assert result.total >= 0.9 * expected
    shown = [h for h in result.hits if word in h.snippet.replace("<mark>", "").replace("</mark>", "")]
    assert shown and all(f"<mark>{word}</mark>" in h.snippet for h in shown)


def test_index_holds_the_short_word_inside_longer_ones():
    assert "应急" in segment("市应急管理局").split()
    assert "燃气" in segment("城镇燃气安全").split()


def test_a_unit_name_finds_its_tasks(kb):
    from django.db.models import Count

    unit = (m.Unit.objects.exclude(name__regex=r"[（(、，]").annotate(n=Count("responsibilities__task", distinct=True))
            .filter(n__gte=2).order_by("-n").first())
    assert unit is not None
    words = query_words(unit.name)
    assert words == [unit.name.lower()]                      # the unit name is one word of the dictionary
    result = search(SearchParams(q=unit.name, kind="task", per_page=200))
    assert not result.fallback
    found = {h.id for h in result.hits}
    assert set(m.Task.objects.filter(responsibilities__unit=unit).values_list("pk", flat=True)) <= found
    assert unit in result.units
    # a task found through its unit shows that unit, highlighted
    assert any("<mark>" in h.units for h in result.hits)


def test_unit_and_role_facets_filter(kb):
    result = search(SearchParams(q="应急"))
    unit_facet = result.facets["unit"][0]
    narrowed = search(SearchParams(q="应急", unit=int(unit_facet.value)))
    assert narrowed.total >= unit_facet.count
    tasks = [h for h in narrowed.hits if h.kind == "task"]
    assert tasks and all(m.Responsibility.objects.filter(task_id=h.id, unit_id=int(unit_facet.value)).exists() for h in tasks)
    role = result.facets["role"][0].value
    by_role = search(SearchParams(q="应急", kind="task", role=role, per_page=200))
    assert by_role.total == result.facets["role"][0].count
    assert all(m.Responsibility.objects.filter(task_id=h.id, role=role).exists() for h in by_role.hits)


def test_issuer_doc_type_year_facets(kb):
    result = search(SearchParams(q="应急"))
    for name in ("issuer", "doc_type", "year", "kind"):
        assert result.facets[name], name
        assert sum(f.count for f in result.facets[name]) == result.total
    year = result.facets["year"][0]
    assert search(SearchParams(q="应急", year=int(year.value))).total == year.count


def test_title_matches_rank_first(kb):
    doc = m.Document.objects.exclude(body="").order_by("pk").first()
    words = [w for w in query_words(doc.title) if len(w) >= 2]
    word = next(w for w in words if m.Task.objects.filter(content__contains=w).exists() or
                m.Document.objects.exclude(pk=doc.pk).filter(body__contains=w).exists())
    result = search(SearchParams(q=word, per_page=200))
    flags = [h.title_match for h in result.hits]
    assert flags[0] is True
    assert flags == sorted(flags, reverse=True)              # no title match after a body-only match


def test_substring_fallback(kb):
    task = m.Task.objects.exclude(content="").order_by("pk").first()
    piece = task.content[1:4]
    result = search(SearchParams(q=piece, per_page=200))
    assert result.total >= 1
    assert any(h.kind == "task" and h.id == task.pk for h in result.hits) or not result.fallback


def test_empty_and_nonsense_queries(kb):
    assert search(SearchParams(q="")).total == 0
    result = search(SearchParams(q="ZZZ不存在的词QQQ"))
    assert result.total == 0 and result.hits == []


def test_highlighter_escapes_html():
    mark, snippet = highlighter(["燃气"])
    assert str(mark("<b>燃气</b>")) == "&lt;b&gt;<mark>燃气</mark>&lt;/b&gt;"
    long = "甲" * 300 + "燃气" + "乙" * 300
    s = str(snippet(long))
    assert "<mark>燃气</mark>" in s and s.startswith("…") and s.endswith("…") and len(s) < 160


@pytest.mark.parametrize("filters", [{}, {"kind": "task"}])
def test_large_result_paths(kb, monkeypatch, filters):
    """Title matches first, then the others, each newest first; above
    FACET_LIMIT: facets count a sample. Pages never overlap and cover everything."""
    from gongbao.web.services import search as search_mod

    full = search(SearchParams(q="应急", per_page=200, **filters))
    assert full.total > 10
    monkeypatch.setattr(search_mod, "FACET_LIMIT", 4)
    seen = []
    for page in range(1, 100):
        result = search(SearchParams(q="应急", per_page=7, page=page, **filters))
        assert result.total == full.total
        if not result.hits:
            break
        seen.extend((h.kind, h.id, h.title_match) for h in result.hits)
    assert result.facet_sample == 4 and sum(f.count for f in result.facets["kind"]) == 4
    assert len(seen) == len(set(seen)) == full.total
    assert {(k, i) for k, i, _ in seen} == {(h.kind, h.id) for h in full.hits}
    flags = [t for _, _, t in seen]
    assert flags == sorted(flags, reverse=True)
    def entry(k, i):
        return search_mod.m.SearchEntry.objects.get(**({"task_id": i} if k == "task" else {"document_id": i, "kind": "document"})).pk

    titled = [entry(k, i) for k, i, t in seen if t]
    body_only = [entry(k, i) for k, i, t in seen if not t]
    assert titled and body_only
    assert titled == sorted(titled, reverse=True) and body_only == sorted(body_only, reverse=True)    # newest first


def test_substring_search_stops_at_its_limit(kb, monkeypatch):
    from gongbao.web.services import search as search_mod

    task = m.Task.objects.exclude(content="").order_by("pk").first()
    piece = task.content[1:3]
    monkeypatch.setattr(search_mod, "FALLBACK_LIMIT", 2)
    monkeypatch.setattr(search_mod.segment, "query_words", lambda q: [])      # force the substring path
    result = search(SearchParams(q=piece))
    assert result.fallback and result.total <= 2
    assert result.total_capped == (result.total == 2)


def test_large_totals_are_capped(kb, monkeypatch):
    """Above COUNT_LIMIT the total is reported as COUNT_LIMIT and flagged; the
    pages and facets still work."""
    from gongbao.web.services import search as search_mod

    full = search(SearchParams(q="应急"))
    assert not full.total_capped and full.total > 6
    monkeypatch.setattr(search_mod, "COUNT_LIMIT", 5)
    capped = search(SearchParams(q="应急", per_page=3))
    assert capped.total == 5 and capped.total_capped and capped.pages == 2
    assert [h.id for h in capped.hits] and capped.facets["kind"]
    later = search(SearchParams(q="应急", per_page=3, page=4))        # past the counted records: still served
    assert later.hits


def test_facet_filters_match_the_database(kb):
    """Each filter (a facet word in the index) selects exactly the records the data says."""
    r = m.Responsibility.objects.select_related("task__document").order_by("pk").first()
    doc = r.task.document
    word = "应急"
    base = search(SearchParams(q=word, per_page=200))
    assert base.total == len(base.hits)
    ids = {(h.kind, h.id) for h in base.hits}

    def expect(kind=None, unit=None, role=None, year=None, issuer=None):
        out = set()
        for k, i in ids:
            task_ids = [i] if k == "task" else list(m.Task.objects.filter(document_id=i).values_list("pk", flat=True))
            d = m.Task.objects.get(pk=i).document if k == "task" else m.Document.objects.get(pk=i)
            resps = m.Responsibility.objects.filter(task_id__in=task_ids)
            if unit:
                resps = resps.filter(unit_id=unit)
            if role:
                resps = resps.filter(role=role)
            if (kind and k != kind) or (year and d.year != year) or (issuer and d.issuer != issuer):
                continue
            if (unit or role) and not resps.exists():
                continue
            out.add((k, i))
        return out

    for filters in ({"unit": r.unit_id}, {"role": r.role}, {"unit": r.unit_id, "role": r.role},
                    {"kind": "document", "unit": r.unit_id}, {"kind": "task", "role": r.role},
                    {"year": doc.year}, {"issuer": doc.issuer}):
        result = search(SearchParams(q=word, per_page=200, **filters))
        assert {(h.kind, h.id) for h in result.hits} == expect(**filters), filters
        assert result.total == len(result.hits) and not result.fallback


def test_a_filter_that_excludes_every_match_does_not_fall_back(kb):
    result = search(SearchParams(q="应急", year=1900))
    assert result.total == 0 and not result.fallback and result.hits == []


@pytest.mark.parametrize("window", [1, 3, 10_000])
def test_pages_are_the_same_whether_the_newest_rows_hold_them_or_not(kb, monkeypatch, window):
    """PostgreSQL looks for a first page among the newest RECENT_ROWS rows, and
    runs the plain query when they do not hold it: every window gives the
    pages of the plain query (on SQLite the setting is not used)."""
    from gongbao.web.services import search as search_mod

    def pages():
        return [[(h.kind, h.id, h.title_match) for h in search(SearchParams(q=q, per_page=5, page=n)).hits]
                for q in ("应急", "燃气", "安全 生产") for n in (1, 2, 3, 9)]

    monkeypatch.setattr(search_mod, "RECENT_PAGE_LIMIT", 0)
    plain = pages()                          # the recent-rows path off
    assert any(plain) and sum(len(p) == 5 for p in plain) >= 6
    monkeypatch.setattr(search_mod, "RECENT_PAGE_LIMIT", 40)
    monkeypatch.setattr(search_mod, "RECENT_ROWS", window)
    assert pages() == plain


@pytest.mark.parametrize("sparse", [True, False])
def test_pages_are_the_same_whichever_way_the_matches_are_ordered(kb, monkeypatch, sparse):
    """PostgreSQL either walks the newest rows or sorts the matches, by the
    planner's estimate of how many there are: both give the same pages (on
    SQLite neither is used)."""
    from gongbao.web.services import search as search_mod

    def pages():
        return [[(h.kind, h.id, h.title_match) for h in search(SearchParams(q=q, per_page=4, page=n, **f)).hits]
                for q, f in (("应急", {}), ("燃气", {"kind": "task"}), ("安全 生产", {})) for n in (1, 2, 5)]

    monkeypatch.setattr(search_mod, "RECENT_PAGE_LIMIT", 0)
    chosen = pages()
    assert any(chosen) and sum(len(p) == 4 for p in chosen) >= 5
    monkeypatch.setattr(search_mod.PostgresBackend, "_sparse", lambda self, where, params, wanted: sparse)
    assert pages() == chosen


def test_sparse_reads_the_planner_estimate(kb):
    """The planner's estimate is read (PostgreSQL): a word no record holds is
    sparse; a word most records hold is not, for a first page."""
    from django.db import connection
    from django.db.models import Count

    from gongbao.web.services import segment as seg
    from gongbao.web.services.search import PostgresBackend, backend

    if connection.vendor != "postgresql":
        assert not isinstance(backend(), PostgresBackend)
        return
    with connection.cursor() as cur:
        cur.execute("ANALYZE kb_searchentry")               # the statistics the estimate is made from
    be = PostgresBackend()
    assert be._sparse(*be._all(["无此词语"], ([], [])), 20)
    year = m.SearchEntry.objects.values("year").annotate(n=Count("id")).order_by("-n")[0]["year"]
    assert not be._sparse(*be._query([seg.facet_word("year", year)], []), 1)
