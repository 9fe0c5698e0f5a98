"""The requests reporters make most (their task page, an assignment, a new
report) read little and write once: the cheaper paths give the same answers
as the full ones, keep the permission rules and the audit trail, and their
query counts stay bounded (counts, not timings)."""
from __future__ import annotations

import datetime as dt

import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sv_helpers import at


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def _report(w, a, user, day, percent, values=None, submit=True):
    from gongbao.web.supervision.services import workflow

    return workflow.save_report(a, user, report_date=day, text=f"进展 {percent}", percent=percent,
                                values=values or {}, submit=submit, today=day)


def _history(w):
    """A few reports of unit A's task 1 (with its goal) and task 3: submitted
    on different days, one draft, one returned, one dated later than the next."""
    from gongbao.web.supervision.services import workflow

    a1, a3 = w.asg("1", w.a), w.asg("3", w.a)
    goal = a1.list_task.goals.get()
    with time_machine.travel(at(2023, 3, 3), tick=False):
        _report(w, a1, w.rep_a, dt.date(2023, 2, 28), 10, {goal.pk: 100})
        _report(w, a3, w.rep_a, dt.date(2023, 2, 27), 20)
    with time_machine.travel(at(2023, 4, 3), tick=False):
        r = _report(w, a1, w.rep_a, dt.date(2023, 3, 31), 25, {goal.pk: 400})
        workflow.review_report(r, w.supervisor, "return", "补充材料")
        _report(w, a1, w.rep_a, dt.date(2023, 3, 30), 22)                      # no value: 100 stays current
        _report(w, a3, w.rep_a, dt.date(2023, 4, 1), 90, submit=False)          # a draft never counts
    with time_machine.travel(at(2023, 5, 3), tick=False):
        _report(w, a3, w.rep_a, dt.date(2023, 4, 28), 40)
    return a1, a3, goal


def test_latest_only_status_rows_match_the_full_history(world):
    from gongbao.web.supervision import models as m
    from gongbao.web.supervision.services import progress

    w = world
    _history(w)
    for day in (dt.date(2023, 3, 2), dt.date(2023, 3, 3), dt.date(2023, 4, 2), dt.date(2023, 5, 2),
                dt.date(2023, 5, 3), dt.date(2023, 8, 1)):
        qs = m.Assignment.objects.filter(task_list=w.tl).order_by("pk")
        rows = progress.snapshots(qs, day, values=False)
        full = [progress.snapshot(a, day, values=False) for a in progress.assignments_for_status(qs, values=False)]
        assert [(s.assignment.pk, s.status, s.latest.pk if s.latest else None) for s in rows] == \
               [(s.assignment.pk, s.status, s.latest.pk if s.latest else None) for s in full], day
        # an assignment prefetched for one day still answers for another (its history is read then)
        other = day + dt.timedelta(days=40)
        assert [progress.snapshot(s.assignment, other, values=False).status for s in rows] == \
               [progress.snapshot(a, other, values=False).status
                for a in progress.assignments_for_status(qs, values=False)]


def test_assignment_detail_values_match_the_full_history(world):
    from gongbao.web.supervision import models as m
    from gongbao.web.supervision.services import progress

    w = world
    a1, a3, goal = _history(w)
    for day in (dt.date(2023, 3, 2), dt.date(2023, 3, 3), dt.date(2023, 4, 3), dt.date(2023, 6, 1)):
        for a in (a1, a3):
            fresh = m.Assignment.objects.select_related("task_list", "list_task", "unit").get(pk=a.pk)
            fast = progress.snapshot(progress.with_status_data(fresh, on=day), day)
            full = progress.snapshot(progress.assignments_for_status(m.Assignment.objects.filter(pk=a.pk))[0], day)
            assert fast.status == full.status
            assert (fast.latest.pk if fast.latest else None) == (full.latest.pk if full.latest else None)
            assert {g: (v, r.pk) for g, (v, r) in fast.values.items()} == \
                   {g: (v, r.pk) for g, (v, r) in full.values.items()}
    with time_machine.travel(at(2023, 6, 1), tick=False):
        out = _client(w.rep_a).get(f"/supervision/api/assignments/{a1.pk}").json()
    assert [g["current"] for g in out["goals"]] == [100.0]      # the returned report's 400 does not count
    assert out["latest_report_date"] == "2023-03-30"


def test_new_report_through_the_api_one_insert_and_its_audit_entry(world):
    from gongbao.web.supervision import models as m

    w = world
    a = w.asg("1", w.a)
    goal = a.list_task.goals.get()
    c = _client(w.rep_a)
    c.get("/supervision/mine/")
    with time_machine.travel(at(2023, 3, 3), tick=True):
        with CaptureQueriesContext(connection) as q:
            resp = c.post(f"/supervision/api/assignments/{a.pk}/reports",
                          {"report_date": "2023-03-01", "text": "推进中", "percent": 30, "submit": True,
                           "values": {str(goal.pk): 650}},
                          content_type="application/json")
    assert resp.status_code == 201, resp.content
    body = resp.json()
    assert body["state"] == "submitted" and body["submitted_at"] and body["reviews"] == [] and body["evidence"] == []
    assert body["values"] == [{"goal_id": goal.pk, "metric": "5G基站", "value": 650.0}]
    r = m.ProgressReport.objects.get(pk=body["id"])
    assert (r.state, r.percent, r.author_id) == ("submitted", 30.0, w.rep_a.pk)
    assert r.values.get().value == 650
    entries = m.AuditEntry.objects.filter(model__in=("progressreport", "reportvalue"), object_id__in=(
        str(r.pk), str(r.values.get().pk))).order_by("id")
    assert [(e.model, e.action, e.username, e.task_list_id) for e in entries] == [
        ("progressreport", "create", "rep_a", w.tl.pk), ("reportvalue", "create", "rep_a", w.tl.pk)]
    assert entries[0].changes["state"] == [None, "submitted"]
    inserts = [x["sql"] for x in q.captured_queries if x["sql"].startswith("INSERT")]
    assert len(inserts) == 3        # the report, its value, and both audit entries in one statement
    assert len(q.captured_queries) <= 12


def test_a_draft_then_submitted_keeps_both_audit_entries(world):
    from gongbao.web.supervision import models as m

    w = world
    a = w.asg("3", w.b)
    c = _client(w.rep_b)
    with time_machine.travel(at(2023, 3, 3), tick=True):
        rid = c.post(f"/supervision/api/assignments/{a.pk}/reports",
                     {"report_date": "2023-03-01", "text": "草稿", "percent": 5}, content_type="application/json"
                     ).json()["id"]
        c.get("/supervision/mine/")
        assert c.post(f"/supervision/api/reports/{rid}/submit", HTTP_X_CSRFTOKEN=c.cookies["csrftoken"].value
                      ).json()["state"] == "submitted"
    actions = list(m.AuditEntry.objects.filter(model="progressreport", object_id=str(rid)).order_by("id")
                   .values_list("action", "changes"))
    assert [x[0] for x in actions] == ["create", "change"]
    assert actions[1][1]["state"] == ["draft", "submitted"]


def test_hot_paths_never_cross_units_and_stay_bounded(world):
    w = world
    mine_a, other = w.asg("1", w.a), w.asg("2", w.b)
    c = _client(w.rep_a)
    with time_machine.travel(at(2023, 3, 3), tick=True):
        with CaptureQueriesContext(connection) as q:
            page = c.get("/supervision/mine/").content.decode()
        assert len(q.captured_queries) <= 8
        assert f"/supervision/assignments/{mine_a.pk}/" in page and f"/supervision/assignments/{other.pk}/" not in page
        with CaptureQueriesContext(connection) as q:
            assert c.get(f"/supervision/api/assignments/{mine_a.pk}").status_code == 200
        assert len(q.captured_queries) <= 8
        assert c.get(f"/supervision/api/assignments/{other.pk}").status_code == 404
        resp = c.post(f"/supervision/api/assignments/{other.pk}/reports",
                      {"report_date": "2023-03-01", "text": "越权", "percent": 10, "submit": True},
                      content_type="application/json")
        assert resp.status_code == 404
    assert not other.reports.exists()


def test_sessions_end_at_logout(world):
    w = world
    c = Client()
    assert c.post("/supervision/login/", {"username": "rep_a", "password": "pw-rep_a"}).status_code == 302
    assert c.get("/supervision/api/notifications").status_code == 200
    stolen = c.cookies["sessionid"].value
    c.post("/supervision/logout/")
    replay = Client()
    replay.cookies["sessionid"] = stolen
    assert replay.get("/supervision/api/notifications").status_code == 401


def test_a_units_task_page_rows_match_the_generic_ones(world):
    """The reporters' task page reads its rows with look-ups keyed by the unit:
    the same assignments, order, statuses and latest reports as the generic path
    (an assignment no longer supervised stays out)."""
    from gongbao.web.supervision import models as m
    from gongbao.web.supervision.services import progress

    w = world
    _history(w)
    m.Assignment.objects.filter(pk=w.asg("3", w.b).pk).update(active=False)
    for unit in (w.a, w.b, w.xy, w.fy):
        for day in (dt.date(2023, 3, 2), dt.date(2023, 4, 2), dt.date(2023, 5, 3), dt.date(2023, 8, 1)):
            fast = progress.unit_snapshots(unit, day)
            slow = progress.snapshots(m.Assignment.objects.filter(unit=unit, active=True), day, values=False)
            assert [(s.assignment.pk, s.status, s.latest.pk if s.latest else None, s.assignment.task_list.pk)
                    for s in fast] == \
                   [(s.assignment.pk, s.status, s.latest.pk if s.latest else None, s.assignment.task_list.pk)
                    for s in slow], (unit.name, day)
            assert all(s.assignment.unit is unit for s in fast)
    from gongbao.web.kb.models import Unit

    assert progress.unit_snapshots(Unit.objects.create(key="无任务单位", name="无任务单位")) == []
