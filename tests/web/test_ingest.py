"""Ingest: idempotent, atomic, updates in place."""
from __future__ import annotations

import shutil

import pytest

from gongbao.errors import InputError
from gongbao.web.kb import models as m
from gongbao.web.services import ingest as ingest_mod
from gongbao.web.services.ingest import ingest, ingest_paths


def test_sample_is_stored_with_sources(kb, django_db_setup):
    result = django_db_setup
    assert result.counts["documents"] == m.Document.objects.count() >= 5
    assert result.counts["tasks"] == m.Task.objects.count() >= 100
    source = m.SourceFile.objects.get()
    assert len(source.sha256) == 64 and source.extractor_version.startswith("gongbao ")
    for doc in m.Document.objects.all():
        assert doc.line_start > 0 and doc.line_end >= doc.line_start
        assert doc.raw_lines and doc.raw_lines[0][0] == doc.line_start
    task = m.Task.objects.exclude(line_start=0).first()
    assert task.document.line_start <= task.line_start <= task.document.line_end
    assert m.Responsibility.objects.exists() and m.Unit.objects.exists()
    assert m.SearchEntry.objects.count() == m.Document.objects.count() + m.Task.objects.count()


def test_same_file_again_adds_nothing(kb, sample_path, counts):
    before = counts()
    result = ingest(sample_path)
    assert result.status == "unchanged"
    assert counts() == before


def test_same_bytes_under_another_name_add_nothing(kb, sample_path, tmp_path, counts):
    copy = tmp_path / "copy.txt"
    shutil.copy(sample_path, copy)
    before = counts()
    assert ingest(copy).status == "unchanged"
    assert counts() == before


def test_bad_file_raises_input_error_and_writes_nothing(kb, tmp_path, counts):
    bad = tmp_path / "prose.txt"
    bad.write_text("今天天气很好，我们去公园散步。\n没有任何公文。\n", encoding="utf-8")
    before = counts()
    with pytest.raises(InputError) as err:
        ingest(bad)
    assert str(bad) in str(err.value)
    assert counts() == before


def test_missing_file_is_an_input_error(kb, tmp_path):
    with pytest.raises(InputError):
        ingest(tmp_path / "nope.txt")


def test_failure_while_storing_rolls_the_whole_file_back(kb, sample_path, tmp_path, monkeypatch, counts):
    changed = tmp_path / "changed.txt"
    changed.write_bytes(sample_path.read_bytes() + "\n".encode())     # new bytes: really stored
    before = counts()
    titles = dict(m.Document.objects.values_list("pk", "updated_at"))

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    # fails after documents, tasks and units were written in the transaction
    monkeypatch.setattr(ingest_mod, "store_extraction",
                        lambda data, source, lines: (_store_then_fail(data, source, lines)))
    with pytest.raises(RuntimeError, match="disk full"):
        ingest(changed)
    assert counts() == before
    assert dict(m.Document.objects.values_list("pk", "updated_at")) == titles
    assert not m.SourceFile.objects.filter(name="changed.txt").exists()


def _store_then_fail(data, source, lines):
    from gongbao.web.services.store import store_extraction

    store_extraction(data, source, lines)
    assert m.SourceFile.objects.filter(name="changed.txt").exists()     # it did write, inside the transaction
    raise RuntimeError("disk full")


def test_changed_source_updates_in_place(kb, sample_path, tmp_path, counts):
    path = tmp_path / "issue.txt"
    text = sample_path.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    first = ingest(path, force=True)                 # same bytes as the sample: force a store under this path
    assert first.status == "added"
    # the sample's documents were matched by issuer + 发文字号 and moved, not duplicated
    assert first.documents_added == 0 and first.documents_updated == m.Document.objects.count()
    before = counts()
    ids = sorted(m.Document.objects.values_list("pk", flat=True))
    task_ids = sorted(m.Task.objects.values_list("pk", flat=True))

    task = m.Task.objects.exclude(content="").order_by("pk").first()
    needle = task.content[:6]
    assert needle in text
    path.write_text(text.replace(needle, needle + "（修订）", 1), encoding="utf-8")
    second = ingest(path)
    assert second.status == "updated"
    assert second.documents_added == 0 and second.documents_removed == 0
    assert counts() == before
    assert sorted(m.Document.objects.values_list("pk", flat=True)) == ids
    assert sorted(m.Task.objects.values_list("pk", flat=True)) == task_ids
    assert m.Task.objects.filter(content__contains="（修订）").exists() or \
        m.Document.objects.filter(body__contains="（修订）").exists()


def test_documents_gone_from_a_source_are_removed(kb, sample_path, tmp_path):
    path = tmp_path / "issue.txt"
    text = sample_path.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    ingest(path, force=True)
    n = m.Document.objects.count()
    last = m.Document.objects.order_by("-order").first()
    lines = text.split("\n")
    path.write_text("\n".join(lines[:last.line_start - 1]), encoding="utf-8")
    result = ingest(path)
    assert result.documents_removed >= 1
    assert m.Document.objects.count() == n - result.documents_removed
    assert not m.Document.objects.filter(pk=last.pk).exists()


def test_ingest_paths_reports_each_file(kb, sample_path, tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    summary = ingest_paths([sample_path, bad])
    assert summary["unchanged"] == 1 and summary["added"] == 0
    assert len(summary["failed"]) == 1 and "empty.txt" in summary["failed"][0]["error"]
    from gongbao.web.services.ingest import format_summary

    text = format_summary(summary)
    assert "1 unchanged" in text and "1 failed" in text


def test_citations_resolve_to_held_documents(kb):
    cited = m.Citation.objects.filter(target__isnull=False).select_related("target")
    for c in cited:
        assert c.target.number_norm == c.number_norm
    held = set(m.Document.objects.exclude(number_norm="").values_list("number_norm", flat=True))
    for c in m.Citation.objects.filter(target__isnull=True):
        assert c.number_norm not in held


def _unit_counts():
    from django.db.models import Count, Q

    expected = {u.pk: (u.n_tasks, u.n_lead, u.n_cooperate, u.n_implement, u.n_responsible) for u in m.Unit.objects.all()}
    actual = {u.pk: (u.t, u.l, u.c, u.i, u.r) for u in m.Unit.objects.annotate(
        t=Count("responsibilities__task", distinct=True),
        l=Count("responsibilities", filter=Q(responsibilities__role="lead")),
        c=Count("responsibilities", filter=Q(responsibilities__role="cooperate")),
        i=Count("responsibilities", filter=Q(responsibilities__role="implement")),
        r=Count("responsibilities", filter=Q(responsibilities__role="responsible")))}
    return expected, actual


def test_kept_counts_match_the_records(kb, sample_path, tmp_path):
    expected, actual = _unit_counts()
    assert expected == actual and any(v[0] for v in expected.values())
    for doc in m.Document.objects.all():
        assert doc.n_tasks == doc.tasks.count()
    # still true after an update in place and after documents were removed
    path = tmp_path / "issue.txt"
    text = sample_path.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    ingest(path, force=True)
    last = m.Document.objects.filter(tasks__isnull=False).order_by("-order").first()
    path.write_text("\n".join(text.split("\n")[:last.line_start - 1]), encoding="utf-8")
    ingest(path)
    expected, actual = _unit_counts()
    assert expected == actual
    from gongbao.web.services.store import recount_units

    recount_units()
    assert _unit_counts()[0] == expected


def _record_set(path, text: str) -> dict:
    """What a `gongbao batch` worker writes for one file."""
    import hashlib

    from gongbao import __version__
    from gongbao.extract.pipeline import extract_text

    path.write_text(text, encoding="utf-8")
    extraction = extract_text(text, str(path)).to_dict()
    return {"path": str(path), "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "extractor_version": __version__, "counts": {}, "extraction": extraction}


def test_record_sets_from_batch_workers_upsert_on_path_and_content(kb, tmp_path, counts):
    from gongbao.web.services.ingest import ingest_record_sets

    text = tmp_path / "doc.txt"
    body = ("云溪县人民政府办公室\n关于做好春季森林防火工作的通知\n云政办发〔2024〕7号\n各乡镇人民政府，县直各单位：\n"
            "为做好春季森林防火工作，现通知如下。\n一、加强巡查。落实网格化巡护，3月底前完成。（县林业局牵头，县应急管理局配合）\n"
            "云溪县人民政府办公室\n2024年2月1日\n")
    first = _record_set(text, body)
    assert first["extraction"]["documents"] and first["extraction"]["tasks"]
    before = counts()
    summary = ingest_record_sets([first])
    assert (summary["added"], summary["updated"], summary["unchanged"]) == (1, 0, 0)
    after = counts()
    assert after["document"] == before["document"] + 1 and after["task"] > before["task"]
    doc = m.Document.objects.get(doc_number="云政办发〔2024〕7号")
    assert doc.source_file.extractor_version == f"gongbao {__import__('gongbao').__version__}"
    assert list(m.Responsibility.objects.filter(task__document=doc).order_by("role")
                .values_list("printed", "role")) == [("县应急管理局", "cooperate"), ("县林业局", "lead")]

    # the same partition delivered again (a resumed run): nothing changes
    assert ingest_record_sets([first])["unchanged"] == 1
    assert counts() == after
    # the file changed: the same document is updated in place, keyed by its number
    changed = _record_set(text, body.replace("3月底前完成", "4月底前完成"))
    summary = ingest_record_sets([changed])
    assert summary["updated"] == 1
    assert counts() == after
    again = m.Document.objects.get(doc_number="云政办发〔2024〕7号")
    assert again.pk == doc.pk
    assert [str(d.date) for d in m.Deadline.objects.filter(task__document=again)] == ["2024-04-30"]
