"""The search entries a store writes, and the full-text index that follows them.

A store builds a file's search entries from what it writes (not by reading
it back) and inserts them, and every other row, in a few multi-row
statements; these tests hold that to what a reindex builds from the
database, and the full-text index to the entries, through updates in place
and removals.
"""
from __future__ import annotations

import pytest
from django.db import connection, transaction

from gongbao.web.kb import models as m
from gongbao.web.services import store as store_mod
from gongbao.web.services.ingest import ingest
from gongbao.web.services.search import SearchParams, search
from gongbao.web.services.store import index_documents, store_extraction

ENTRY_FIELDS = ("kind", "document_id", "task_id", "title_seg", "body_seg", "tags", "issuer", "doc_type", "year")


def _entries() -> list[tuple]:
    rows = m.SearchEntry.objects.values_list(*ENTRY_FIELDS)
    return sorted(rows, key=lambda r: (r[1], r[2] or 0, r[0]))


def _rebuilt() -> list[tuple]:
    """The entries `reindex` builds from the database, for every document."""
    index_documents(list(m.Document.objects.order_by("pk").values_list("pk", flat=True)))
    return _entries()


def _fts_consistent() -> None:
    """SQLite: FTS5's own check that the index holds exactly the entries' words
    (it raises on an index entry without its row, or a row missing from the index)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cur:
            cur.execute("INSERT INTO kb_search_fts(kb_search_fts, rank) VALUES ('integrity-check', 1)")


def _found(q: str) -> int:
    result = search(SearchParams(q=q))
    return 0 if result.fallback else result.total


def _changed_copy(sample_path, tmp_path, text: str):
    path = tmp_path / "issue.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("max_params", [store_mod.MAX_PARAMS, 40])
def test_store_writes_the_entries_a_reindex_builds(kb, sample_path, tmp_path, monkeypatch, max_params):
    # 40 parameters: every multi-row insert is cut into many statements (ids still in row order)
    monkeypatch.setattr(store_mod, "MAX_PARAMS", max_params)
    text = sample_path.read_text(encoding="utf-8")
    path = _changed_copy(sample_path, tmp_path, text)
    ingest(path, force=True)                              # the sample's documents, updated in place
    stored = _entries()
    assert len(stored) == m.Document.objects.count() + m.Task.objects.count()
    assert stored == _rebuilt()

    # a task's text changed and the last document with tasks gone: entries follow, and match a rebuild
    task = m.Task.objects.exclude(content="").order_by("pk").first()
    needle = task.content[:6]
    last = m.Document.objects.filter(tasks__isnull=False).order_by("-order").first()
    lines = text.replace(needle, needle + "修订版本", 1).split("\n")
    path.write_text("\n".join(lines[:last.line_start - 1]), encoding="utf-8")
    result = ingest(path)
    assert result.status == "updated" and result.documents_removed >= 1
    stored = _entries()
    assert not m.SearchEntry.objects.filter(document_id=last.pk).exists()
    assert len(stored) == m.Document.objects.count() + m.Task.objects.count()
    assert stored == _rebuilt()
    _fts_consistent()


def test_reingest_of_a_changed_file_leaves_no_stale_index_words(kb, sample_path, tmp_path):
    text = sample_path.read_text(encoding="utf-8")
    task = m.Task.objects.exclude(content="").order_by("pk").first()
    needle = task.content[:6]
    path = _changed_copy(sample_path, tmp_path, text.replace(needle, needle + " qzxoldword ", 1))
    ingest(path)
    assert _found("qzxoldword") >= 1
    path.write_text(text.replace(needle, needle + " qzxnewword ", 1), encoding="utf-8")
    assert ingest(path).status == "updated"
    assert _found("qzxoldword") == 0                          # gone from the index, not just from the rows
    assert _found("qzxnewword") >= 1
    assert _found("应急") >= 1 and _found("安全") >= 1           # two-character words still found
    _fts_consistent()


def test_index_follows_entries_deleted_with_their_document(kb):
    doc = m.Document.objects.filter(tasks__isnull=False).order_by("pk").first()
    n = m.SearchEntry.objects.count()
    removed = m.SearchEntry.objects.filter(document_id=doc.pk).count()
    doc.delete()
    assert m.SearchEntry.objects.count() == n - removed
    _fts_consistent()


def test_a_file_of_many_records_is_stored_in_parts(db, monkeypatch):
    """More rows than one statement binds: the inserts are cut, ids and entries stay in order."""
    monkeypatch.setattr(store_mod, "MAX_PARAMS", 30)
    number = "某政发〔2024〕99号"
    data = {"documents": [{"doc_number": number, "issuer": "某市人民政府", "title": "关于分批写入的通知",
                           "doc_type": "通知", "signed_date": "2024-03-01", "body": "正文。",
                           "source": {"line_start": 1, "line_end": 1}}],
            "tasks": [{"document": number, "key": str(i), "heading": "",
                       "content": f"第{i}项任务 推进燃气管网改造。",
                       "responsibilities": [{"unit": "某市住建局", "role": "lead"}],
                       "deadlines": [{"date": "2024-06-30", "text": "6月底前"}]} for i in range(25)]}
    source = m.SourceFile.objects.create(path="/tmp/many.txt", name="many.txt", sha256="many", extractor_version="t")
    with transaction.atomic():
        store_extraction(data, source, {})
    doc = m.Document.objects.get(doc_number=number)
    tasks = list(doc.tasks.order_by("order"))
    assert [t.key for t in tasks] == [str(i) for i in range(25)] and doc.n_tasks == 25
    assert [t.pk for t in tasks] == sorted(t.pk for t in tasks)
    assert all(t.responsibilities.count() == 1 and t.deadlines.count() == 1 for t in tasks)
    entries = list(m.SearchEntry.objects.filter(document=doc).order_by("pk").values_list("kind", "task_id"))
    assert entries == [("document", None)] + [("task", t.pk) for t in tasks]
    assert _found("燃气") >= 25
    _fts_consistent()


def test_index_settings(db):
    """Migrations 0004 (SQLite: FTS5 merges at 8 segments) and 0005 (both
    databases: the index on kb_responsibility.unit_id alone is gone)."""
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("SELECT k, v FROM kb_search_fts_config WHERE k IN ('automerge', 'crisismerge')")
            assert dict(cur.fetchall()) == {"automerge": 8, "crisismerge": 32}
            cur.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'kb_responsibility'")
        else:
            cur.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'kb_responsibility'")
        names = {row[0] for row in cur.fetchall()}
    assert "kb_responsibility_unit_id_ab3510c0" not in names
    assert any("unit" in name for name in names)            # the (unit, role, task) index stays
