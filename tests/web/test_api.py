"""The JSON API: endpoints answer 200 with JSON that matches the data; exports."""
from __future__ import annotations

import csv
import io
import json

import pytest

from gongbao.web.kb import models as m

LISTS = ["/api/documents", "/api/tasks", "/api/units", "/api/people", "/api/citations",
         "/api/registers/groups", "/api/registers/members", "/api/registers/appointments",
         "/api/registers/heritage-items", "/api/registers/inheritors", "/api/registers/commendations"]


def get_json(client, url, status=200):
    resp = client.get(url)
    assert resp.status_code == status, (url, resp.content[:300])
    assert resp["Content-Type"].startswith("application/json")
    return json.loads(resp.content)


def test_openapi_document(client):
    schema = get_json(client, "/api/openapi.json")
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    for url in LISTS + ["/api/search", "/api/documents/{doc_id}", "/api/tasks/{task_id}", "/api/units/{unit_id}"]:
        assert url in paths, url
    params = {p["name"] for p in paths["/api/tasks"]["get"]["parameters"]}
    assert {"limit", "offset", "format", "unit", "role", "q", "sort"} <= params
    assert "text/csv" in paths["/api/documents"]["get"]["responses"]["200"]["content"]


@pytest.mark.parametrize("url", LISTS)
def test_lists(kb, client, url):
    data = get_json(client, url + "?limit=5")
    assert data["limit"] == 5 and data["offset"] == 0
    assert len(data["items"]) == min(5, data["count"])


def test_list_counts_match_the_database(kb, client):
    assert get_json(client, "/api/documents")["count"] == m.Document.objects.count()
    assert get_json(client, "/api/tasks?limit=1")["count"] == m.Task.objects.count()
    assert get_json(client, "/api/registers/inheritors?limit=1")["count"] == m.Inheritor.objects.count()


def test_list_filters_and_sort(kb, client):
    r = m.Responsibility.objects.select_related("unit").order_by("pk").first()
    data = get_json(client, f"/api/tasks?unit={r.unit_id}&role={r.role}&limit=1000")
    expected = m.Task.objects.filter(responsibilities__unit=r.unit, responsibilities__role=r.role).distinct().count()
    assert data["count"] == expected >= 1
    docs = get_json(client, "/api/documents?sort=signed_date")["items"]
    dates = [d["signed_date"] for d in docs if d["signed_date"]]
    assert dates == sorted(dates)
    docs = get_json(client, "/api/documents?sort=-signed_date")["items"]
    assert [d["signed_date"] for d in docs if d["signed_date"]] == sorted(dates, reverse=True)


def test_document_detail(kb, client):
    doc = m.Document.objects.filter(tasks__isnull=False).distinct().first()
    data = get_json(client, f"/api/documents/{doc.pk}")
    assert data["id"] == doc.pk and data["title"] == doc.title
    assert len(data["tasks"]) == doc.tasks.count()
    assert data["source"]["line_start"] == doc.line_start
    first = data["tasks"][0]
    assert first["responsibilities"] is not None and first["url"] == f"/tasks/{first['id']}/"


def test_task_unit_person_details(kb, client):
    task = m.Task.objects.filter(responsibilities__isnull=False).first()
    data = get_json(client, f"/api/tasks/{task.pk}")
    assert data["key"] == task.key and data["document"]["id"] == task.document_id
    unit_id = data["responsibilities"][0]["unit_id"]
    unit = get_json(client, f"/api/units/{unit_id}")
    role = data["responsibilities"][0]["role"]
    assert any(t["id"] == task.pk for d in unit["roles"][role] for t in d["tasks"])
    person = m.Person.objects.first()
    assert get_json(client, f"/api/people/{person.pk}")["name"] == person.name


def test_missing_records_are_404(kb, client):
    for url in ("/api/documents/999999", "/api/tasks/999999", "/api/units/999999", "/api/people/999999"):
        get_json(client, url, status=404)


def test_search_endpoint(kb, client):
    data = get_json(client, "/api/search?q=燃气")
    assert data["total"] >= 1 and data["hits"]
    assert all("燃气" in h["snippet"] + h["title"] for h in data["hits"])
    assert {"issuer", "doc_type", "year", "unit", "role"} <= set(data["facets"])
    assert client.get("/api/search").status_code == 422          # q is required


def test_registers_index_and_stats(kb, client):
    names = [r["name"] for r in get_json(client, "/api/registers")]
    assert "heritage-items" in names and "appointments" in names
    stats = get_json(client, "/api/stats")
    assert stats["documents"] == m.Document.objects.count() and stats["tasks"] == m.Task.objects.count()


def _body(resp) -> bytes:
    return b"".join(resp.streaming_content) if resp.streaming else resp.content


@pytest.mark.parametrize("url,model", [("/api/tasks", m.Task), ("/api/registers/heritage-items", m.HeritageItem),
                                       ("/api/documents", m.Document)])
def test_csv_export(kb, client, url, model):
    resp = client.get(url + "?format=csv&limit=1")          # exports ignore paging: the whole list
    assert resp.status_code == 200 and resp["Content-Type"].startswith("text/csv")
    assert "attachment" in resp["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(_body(resp).decode("utf-8-sig"))))
    assert len(rows) == model.objects.count() + 1
    assert all(len(r) == len(rows[0]) for r in rows)


def test_xlsx_export(kb, client):
    from openpyxl import load_workbook

    resp = client.get("/api/registers/inheritors?format=xlsx")
    assert resp.status_code == 200
    assert resp["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ws = load_workbook(io.BytesIO(_body(resp)), read_only=True).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][5] == "姓名"
    assert len(rows) == m.Inheritor.objects.count() + 1
    names = {r[5] for r in rows[1:]}
    assert names == set(m.Inheritor.objects.values_list("name", flat=True))


def test_filtered_export_follows_filters(kb, client):
    r = m.Responsibility.objects.order_by("pk").first()
    resp = client.get(f"/api/tasks?format=csv&unit={r.unit_id}")
    rows = list(csv.reader(io.StringIO(_body(resp).decode("utf-8-sig"))))
    assert len(rows) - 1 == m.Task.objects.filter(responsibilities__unit_id=r.unit_id).distinct().count()


def test_html_lists_export_too(kb, client):
    resp = client.get("/registers/appointments/?format=csv")
    rows = list(csv.reader(io.StringIO(_body(resp).decode("utf-8-sig"))))
    assert len(rows) == m.Appointment.objects.count() + 1
    data = json.loads(client.get("/registers/appointments/?format=json").content)
    assert len(data["items"]) == m.Appointment.objects.count()
