"""The store layer on hand-made extractions: natural keys, citations, units."""
from __future__ import annotations

import pytest
from django.db import transaction

from gongbao.web.kb import models as m
from gongbao.web.services.store import store_extraction
from gongbao.web.services.text import natural_key, norm_number


def _doc(number, title, cites=(), issuer="某市人民政府", date="2024-03-01"):
    return {"doc_number": number, "issuer": issuer, "title": title, "doc_type": "通知", "signed_date": date,
            "body": f"{title}正文。", "cites": list(cites), "attachments": ["附件一"],
            "source": {"file": "x.txt", "line_start": 1, "line_end": 3, "page": 1}}


def _store(data, name="x.txt"):
    source, _ = m.SourceFile.objects.get_or_create(path=f"/tmp/{name}", defaults=dict(
        name=name, sha256=name, extractor_version="test"))
    with transaction.atomic():
        return store_extraction(data, source, {1: "一", 2: "二", 3: "三"})


def test_number_normalisation():
    assert norm_number("某政发[2024] 3 号") == norm_number("某政发〔2024〕3号") == "某政发〔2024〕3号"
    assert natural_key("某市人民政府", None, "关于 某事的通知", "2024-01-02") == "某市人民政府|关于某事的通知|2024-01-02"


def test_citation_resolves_when_the_cited_document_arrives_later(db):
    _store({"documents": [_doc("某政发〔2024〕2号", "关于甲的通知", cites=["某政发[2024]1号"])]}, "a.txt")
    citation = m.Citation.objects.get(document__doc_number="某政发〔2024〕2号")
    assert citation.target is None
    _store({"documents": [_doc("某政发〔2024〕1号", "关于乙的通知")]}, "b.txt")
    citation.refresh_from_db()
    assert citation.target == m.Document.objects.get(doc_number="某政发〔2024〕1号")


def test_document_without_number_is_keyed_by_title_and_date(db):
    _store({"documents": [_doc(None, "关于丙的通知")]}, "c.txt")
    _store({"documents": [_doc(None, "关于丙的通知")]}, "c.txt")
    assert m.Document.objects.filter(title="关于丙的通知").count() == 1
    _store({"documents": [_doc(None, "关于丙的通知", date="2024-05-01")]}, "d.txt")
    assert m.Document.objects.filter(title="关于丙的通知").count() == 2


def test_units_aliases_and_people(db):
    data = {"documents": [_doc("某政办发〔2024〕9号", "关于丁的通知")],
            "tasks": [{"document": "某政办发〔2024〕9号", "key": "1", "heading": "甲", "section": None,
                       "content": "推进燃气管网改造。",
                       "responsibilities": [{"unit": "市住建局", "role": "lead", "unit_id": "某市住房和城乡建设局"},
                                            {"unit": "某市住房和城乡建设局", "role": "cooperate",
                                             "unit_id": "某市住房和城乡建设局"}],
                       "deadlines": [{"date": "2024-06-30", "share": None, "text": "6月底前"},
                                     {"date": "not a date", "share": None, "text": "?"}],
                       "targets": [{"metric": "改造", "value": "12", "unit": "公里", "comparator": ">=", "text": "12公里"}]}],
            "appointments": [{"document": "某政办发〔2024〕9号", "action": "appoint", "name": "王某某",
                              "position": "某局局长", "note": None}]}
    _store(data, "e.txt")
    unit = m.Unit.objects.get(key="某市住房和城乡建设局")
    assert [a.name for a in unit.aliases.all()] == ["市住建局"]
    task = m.Task.objects.get(document__doc_number="某政办发〔2024〕9号")
    assert [r.role for r in task.responsibilities.order_by("order")] == ["lead", "cooperate"]
    assert [str(d.date) for d in task.deadlines.all()] == ["2024-06-30"]          # the bad date is skipped
    assert task.targets.get().value == 12.0
    assert m.Person.objects.get(name="王某某").appointments.get().post == "某局局长"


def test_records_of_an_unknown_document_are_counted_not_stored(db):
    result = _store({"documents": [_doc("某政发〔2024〕7号", "关于戊的通知")],
                     "tasks": [{"document": "别处〔2024〕1号", "key": "1", "content": "无主任务", "responsibilities": []}]},
                    "f.txt")
    assert result.orphans == 1
    assert not m.Task.objects.filter(content="无主任务").exists()


@pytest.mark.parametrize("value", ["", None])
def test_empty_titles_are_stored_with_a_placeholder(db, value):
    _store({"documents": [_doc("某政发〔2024〕8号", value)]}, "g.txt")
    assert m.Document.objects.get(doc_number="某政发〔2024〕8号").title == "（无标题）"
