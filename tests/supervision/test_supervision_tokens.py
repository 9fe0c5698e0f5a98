"""Bearer tokens for the JSON API: how they are issued and revoked, when they
stop working (401), that they act with exactly their user's permissions and
leave the same audit trail; the compiled look-ups give what the ORM gives,
and the answers rendered without validation match their declared schema."""
from __future__ import annotations

import datetime as dt
import json

import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sv_helpers import at

REPORT = {"report_date": "2023-03-01", "text": "令牌报送", "percent": 30, "submit": True}


def _bearer(raw):
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def _token_reporter(w, value):
    """rep_a's token client, an assignment of unit A, and a report body giving
    `value` for the assignment's goal."""
    from gongbao.web.supervision import tokens

    a = w.asg("1", w.a)
    goal = a.list_task.goals.get()
    return _bearer(tokens.issue(w.rep_a)[0]), a, {**REPORT, "values": {str(goal.pk): value}}


def _login(username, password, name=""):
    return Client().post("/supervision/api/token", json.dumps({"username": username, "password": password,
                                                               "name": name}), content_type="application/json")


def test_password_buys_a_token_that_works_without_cookie_or_csrf(world):
    from gongbao.web.supervision import models as m

    w = world
    resp = _login("rep_a", "pw-rep_a", "手机")
    assert resp.status_code == 201, resp.content
    body = resp.json()
    assert body["token"].startswith("gbt_") and body["username"] == "rep_a" and body["role"] == "reporter"
    assert body["unit_id"] == w.a.pk and body["name"] == "手机" and body["prefix"] == body["token"][:12]
    t = m.ApiToken.objects.get(pk=body["id"])
    assert body["token"] not in (t.digest, t.prefix) and len(t.digest) == 64     # only its digest is kept
    api = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {body['token']}")
    assert api.get("/supervision/api/lists").status_code == 200
    a = w.asg("1", w.a)
    with time_machine.travel(at(2023, 3, 3), tick=True):
        resp = api.post(f"/supervision/api/assignments/{a.pk}/reports", REPORT, content_type="application/json")
    assert resp.status_code == 201, resp.content
    # issuing is in the audit trail, without the digest
    entry = m.AuditEntry.objects.get(model="apitoken", object_id=str(t.pk))
    assert (entry.action, entry.username) == ("create", "rep_a")
    assert "digest" not in entry.changes and "auth_hash" not in entry.changes
    assert body["token"] not in json.dumps(entry.changes)


def test_wrong_password_or_inactive_user_gets_no_token(world):
    w = world
    assert _login("rep_a", "wrong").status_code == 401
    assert _login("nobody", "pw-nobody").status_code == 401
    w.rep_b.is_active = False
    w.rep_b.save()
    assert _login("rep_b", "pw-rep_b").status_code == 401


def test_invalid_revoked_expired_and_stale_tokens_are_401(world):
    from gongbao.web.supervision import tokens

    w = world
    a = w.asg("1", w.a)
    url = f"/supervision/api/assignments/{a.pk}"
    for header in ("Bearer", "Bearer ", "Bearer gbt_", "Bearer gbt_" + "x" * 43, "Bearer " + "x" * 5000,
                   "bearer gbt_nope", "Bearer  gbt_nope"):
        assert Client(HTTP_AUTHORIZATION=header).get(url).status_code == 401, header
    # revoked by itself
    raw, _ = tokens.issue(w.rep_a)
    c = _bearer(raw)
    assert c.get(url).status_code == 200
    assert c.delete("/supervision/api/token").status_code == 204
    assert c.get(url).status_code == 401
    assert c.delete("/supervision/api/token").status_code == 401
    # expired
    with time_machine.travel(at(2023, 3, 1), tick=False):
        raw, _ = tokens.issue(w.rep_a)
        assert _bearer(raw).get(url).status_code == 200
    with time_machine.travel(at(2023, 3, 1) + tokens.lifetime() + dt.timedelta(seconds=1), tick=False):
        assert _bearer(raw).get(url).status_code == 401
    # the user's password changed, or the user was deactivated
    raw, _ = tokens.issue(w.rep_a)
    w.rep_a.set_password("new-pw")
    w.rep_a.save()
    assert _bearer(raw).get(url).status_code == 401
    raw, _ = tokens.issue(w.rep_a)
    assert _bearer(raw).get(url).status_code == 200
    w.rep_a.is_active = False
    w.rep_a.save()
    assert _bearer(raw).get(url).status_code == 401


def test_session_users_manage_their_tokens_with_csrf(world):
    from gongbao.web.supervision import models as m

    w = world
    c = Client(enforce_csrf_checks=True)
    c.force_login(w.rep_a)
    c.get("/supervision/mine/")                       # the page sets the CSRF cookie
    assert c.post("/supervision/api/tokens", "{}", content_type="application/json").status_code == 403
    csrf = {"HTTP_X_CSRFTOKEN": c.cookies["csrftoken"].value}
    resp = c.post("/supervision/api/tokens", json.dumps({"name": "脚本"}), content_type="application/json", **csrf)
    assert resp.status_code == 201
    raw, pk = resp.json()["token"], resp.json()["id"]
    listed = c.get("/supervision/api/tokens").json()
    assert [(t["id"], t["name"], t["revoked_at"]) for t in listed] == [(pk, "脚本", None)]
    assert "token" not in listed[0]
    assert _bearer(raw).get("/supervision/api/lists").status_code == 200
    assert c.delete(f"/supervision/api/tokens/{pk}").status_code == 403          # CSRF again
    assert c.delete(f"/supervision/api/tokens/{pk}", **csrf).status_code == 204
    assert _bearer(raw).get("/supervision/api/lists").status_code == 401
    change = m.AuditEntry.objects.get(model="apitoken", object_id=str(pk), action="change")
    assert change.username == "rep_a" and list(change.changes) == ["revoked_at"]


def test_a_report_by_token_keeps_the_audit_trail_and_few_queries(world):
    from gongbao.web.supervision import models as m

    w = world
    c, a, body = _token_reporter(w, 7)
    with time_machine.travel(at(2023, 3, 3), tick=True):
        with CaptureQueriesContext(connection) as q:
            resp = c.post(f"/supervision/api/assignments/{a.pk}/reports", body, content_type="application/json")
    assert resp.status_code == 201, resp.content
    rid = resp.json()["id"]
    entries = m.AuditEntry.objects.filter(task_list=w.tl, model__in=("progressreport", "reportvalue")) \
        .order_by("id").values_list("model", "action", "username", "user_id")
    assert list(entries) == [("progressreport", "create", "rep_a", w.rep_a.pk),
                             ("reportvalue", "create", "rep_a", w.rep_a.pk)]
    assert m.ProgressReport.objects.get(pk=rid).author_id == w.rep_a.pk
    assert len([x for x in q.captured_queries if x["sql"].startswith("INSERT")]) == 3
    assert len(q.captured_queries) <= 9       # token, assignment, (savepoint,) 3 inserts, (release)


def test_compiled_lookups_give_what_the_orm_gives(world):
    from django.contrib.auth import get_user_model

    from gongbao.web.supervision import models as m
    from gongbao.web.supervision.auth import USER
    from gongbao.web.supervision.services import access, progress, workflow

    w = world
    a = w.asg("2", w.b)
    with time_machine.travel(at(2023, 7, 3), tick=True):
        r = workflow.save_report(a, w.rep_b, report_date=dt.date(2023, 6, 30), text="x", percent=40, submit=True)

    def fields(obj):
        return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}

    fast = access.assignment_or_404(w.rep_b, a.pk)
    orm = m.Assignment.objects.select_related("task_list", "list_task", "unit").get(pk=a.pk)
    for x, y in ((fast, orm), (fast.task_list, orm.task_list), (fast.list_task, orm.list_task), (fast.unit, orm.unit)):
        assert fields(x) == fields(y)
    fast_r = access.report_or_404(w.rep_b, r.pk)
    assert fields(fast_r) == fields(m.ProgressReport.objects.get(pk=r.pk))
    assert fields(fast_r.assignment.task_list) == fields(orm.task_list)
    u = USER.first(w.rep_b.pk)
    orm_u = get_user_model().objects.select_related("supervision__unit").get(pk=w.rep_b.pk)
    assert fields(u) == fields(orm_u) and fields(u.supervision) == fields(orm_u.supervision)
    assert fields(u.supervision.unit) == fields(orm_u.supervision.unit)
    with CaptureQueriesContext(connection) as q:
        assert u.supervision.unit.name == w.b.name    # read with the user, no further query
    assert not q.captured_queries
    assert USER.first(10 ** 9) is None
    for pk in (0, -1, 2 ** 63, "x"):
        try:
            access.assignment_or_404(w.rep_b, pk)
        except Exception as exc:                  # noqa: BLE001
            assert type(exc).__name__ == "Http404"
        else:
            raise AssertionError(pk)
    # the milestones and goals with_status_data reads are the task's own, in their order
    with time_machine.travel(at(2023, 7, 4), tick=True):
        snap = progress.snapshot(progress.with_status_data(access.assignment_or_404(w.rep_b, a.pk)))
    assert [x.pk for x in snap.assignment.list_task.milestones.all()] == \
           list(a.list_task.milestones.order_by("date", "id").values_list("pk", flat=True))
    assert snap.latest.pk == r.pk


def test_fast_answers_match_their_declared_schema(world):
    from gongbao.web.supervision.api import AssignmentDetail, ReportOut, api

    w = world
    c, a, body = _token_reporter(w, 650)
    with time_machine.travel(at(2023, 3, 3), tick=True):
        created = c.post(f"/supervision/api/assignments/{a.pk}/reports", body, content_type="application/json")
        detail = c.get(f"/supervision/api/assignments/{a.pk}")
    for resp, schema in ((created, ReportOut), (detail, AssignmentDetail)):
        checked = schema.model_validate(resp.json()).model_dump()
        assert resp.content.decode() == api.renderer.render(None, checked, response_status=resp.status_code)


def test_openapi_document_of_the_supervision_api(world, login):
    """Served at /supervision/api/openapi.json and linked from every page."""
    answer = Client().get("/supervision/api/openapi.json")
    assert answer.status_code == 200
    paths = json.loads(answer.content)["paths"]
    assert "/supervision/api/token" in paths
    assert any(p.startswith("/supervision/api/assignments/") for p in paths)
    page = login(world.supervisor).get("/supervision/")
    assert b'href="/supervision/api/openapi.json"' in page.content
