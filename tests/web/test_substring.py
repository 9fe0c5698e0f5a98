"""The substring search (a string no indexed word holds): the same records as
testing every record's printed text, newest first, on both databases; on
PostgreSQL the character-pair side table follows every write."""
from __future__ import annotations

import re

import pytest
from django.db import connection

from gongbao.web.kb import models as m
from gongbao.web.services import grams
from gongbao.web.services import search as search_mod
from gongbao.web.services.search import SearchParams, search


def test_pairs_are_adjacent_word_characters():
    assert sorted(grams.pairs(["隐患排查。治理", "", "5G基站"])) == sorted(
        ["隐患", "患排", "排查", "治理", "5G", "G基", "基站"])
    assert grams.pairs(["一", "。，"]) == []
    assert grams.tsquery("患排") == "'患排'"
    assert grams.tsquery("a'b\\c") == ""                       # no two word characters side by side
    assert grams.tsquery("ab'cd") == "'ab' & 'cd'"
    assert grams.tsquery("x") == ""


def _printed(entry) -> list[str]:
    if entry.kind == "task":
        t = entry.task
        return [t.content, t.heading, *t.responsibilities.values_list("printed", flat=True)]
    d = entry.document
    return [d.title, d.body, d.doc_number]


def _expected(q: str, kind: str = "") -> list[int]:
    entries = m.SearchEntry.objects.select_related("document", "task").order_by("-id")
    if kind:
        entries = entries.filter(kind=kind)
    return [e.pk for e in entries if any(q in (text or "") for text in _printed(e))]


def _pieces() -> list[str]:
    """Strings across word boundaries, of 2 to 5 characters, from the sample's
    task contents and a document body; one with punctuation, one character."""
    task = m.Task.objects.exclude(content="").order_by("pk")[3]
    doc = m.Document.objects.exclude(body="").order_by("-pk").first()
    run = re.findall(r"[\u4e00-\u9fff]{6,}", task.content)[0]
    body_run = re.findall(r"[\u4e00-\u9fff]{6,}", doc.body)[-1]
    mark = re.search(r"\w[，、。]\w", doc.body).group()
    return [run[1:3], run[2:5], body_run[-5:], mark, run[0]]


@pytest.mark.parametrize("kind", ["", "task"])
def test_substring_search_finds_what_a_scan_finds(kb, monkeypatch, kind):
    monkeypatch.setattr(search_mod.segment, "query_words", lambda q: [])      # the substring path
    monkeypatch.setattr(search_mod, "GRAM_BATCH", 3)                        # several candidate batches
    found_some = 0
    for piece in _pieces():
        expected = _expected(piece, kind)
        found_some += bool(expected)
        result = search(SearchParams(q=piece, kind=kind, per_page=200))
        assert result.fallback, piece
        found = [h.id for h in result.hits]
        entry_of = {(e.kind, e.task_id if e.kind == "task" else e.document_id): e.pk
                    for e in m.SearchEntry.objects.all()}
        got = sorted((entry_of[(h.kind, h.id)] for h in result.hits), reverse=True)
        assert got == expected[:search_mod.FALLBACK_LIMIT], piece
        assert result.total == min(len(expected), search_mod.FALLBACK_LIMIT) == len(found)
    assert found_some >= 3


def test_substring_search_limit_over_batches(kb, monkeypatch):
    monkeypatch.setattr(search_mod.segment, "query_words", lambda q: [])
    monkeypatch.setattr(search_mod, "GRAM_BATCH", 2)
    monkeypatch.setattr(search_mod, "FALLBACK_LIMIT", 3)
    piece = _pieces()[0]
    result = search(SearchParams(q=piece, per_page=50))
    assert result.total == min(3, len(_expected(piece))) and result.total_capped == (result.total == 3)


def _gram_rows() -> dict[int, set[str]]:
    with connection.cursor() as cur:
        cur.execute("SELECT entry_id, tsvector_to_array(grams) FROM kb_searchgrams")
        return {entry_id: set(pairs) for entry_id, pairs in cur.fetchall()}


def _table_exists() -> bool:
    return "kb_searchgrams" in connection.introspection.table_names()


def test_pairs_follow_the_entries(kb, sample_path, tmp_path):
    """PostgreSQL keeps one row of pairs per entry, its printed text's, through
    an update in place and a removal; SQLite has no such table."""
    from gongbao.web.services.ingest import ingest

    if connection.vendor != "postgresql":
        assert not _table_exists()
        return
    def check():
        rows = _gram_rows()
        entries = m.SearchEntry.objects.select_related("document", "task")
        assert set(rows) == {e.pk for e in entries}
        for e in entries:
            assert rows[e.pk] >= set(grams.pairs(_printed(e))), e.pk        # (and the units' names)

    check()
    text = sample_path.read_text(encoding="utf-8")
    changed = tmp_path / sample_path.name
    changed.write_text(text.replace("燃气", "天然气"), encoding="utf-8")
    assert ingest(changed).status in ("updated", "added")
    check()
    m.Document.objects.filter(pk=m.Document.objects.order_by("pk").first().pk).delete()
    check()


def test_migration_fills_the_pairs_of_stored_entries(kb, monkeypatch):
    """Migration 0006 computes the pairs of entries stored before it: the same
    rows as the store writes (PostgreSQL; on SQLite it does nothing)."""
    from importlib import import_module
    from types import SimpleNamespace

    migration = import_module("gongbao.web.kb.migrations.0006_search_grams")
    if connection.vendor != "postgresql":
        migration.fill(None, SimpleNamespace(connection=connection))
        assert not _table_exists()
        return
    monkeypatch.setattr(migration, "CHUNK", 7)                   # several chunks
    stored = _gram_rows()
    with connection.cursor() as cur:
        cur.execute("DELETE FROM kb_searchgrams")
    migration.fill(None, SimpleNamespace(connection=connection))
    filled = _gram_rows()
    assert set(filled) == set(stored) and len(filled) == m.SearchEntry.objects.count()
    for entry_id, pairs in filled.items():
        assert pairs <= stored[entry_id] and pairs, entry_id    # the store also adds the units' names
