"""Every endpoint: a reporter of unit A gets 403/404 on unit B's assignments,
drafts, reports and evidence files, and changes nothing; B itself (or the
supervisor) is allowed the same requests, so the refusals are not accidents of
a wrong URL."""
from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from sv_helpers import at

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def b_records(world):
    from gongbao.web.supervision.services.workflow import save_report

    w = world
    with time_machine.travel(at(2023, 7, 3), tick=True):
        a = w.asg("2", w.b)
        w.b_assignment = a
        w.b_draft = save_report(a, w.rep_b, report_date=dt.date(2023, 7, 1), text="B的草稿-秘密", percent=20,
                                files=[SimpleUploadedFile("draft.pdf", PDF)])
        w.b_sent = save_report(a, w.rep_b, report_date=dt.date(2023, 6, 30), text="B已报送", percent=40,
                               files=[SimpleUploadedFile("sent.pdf", PDF)], submit=True)
        w.b_draft_ev = w.b_draft.evidence.get()
        w.b_sent_ev = w.b_sent.evidence.get()
        w.b_milestone = a.list_task.milestones.first()
    return w


REPORT = {"report_date": "2023-07-02", "text": "篡改", "percent": "99", "action": "submit"}

# (method, url, form data, who may do it: "owner" = unit B's reporter, "supervisor")
CASES = [
    ("get", "/supervision/assignments/{a}/", None, "owner"),
    ("get", "/supervision/assignments/{a}/reports/new/", None, "owner"),
    ("post", "/supervision/assignments/{a}/reports/new/", REPORT, "owner"),
    ("post", "/supervision/assignments/{a}/close/", {}, "supervisor"),
    ("post", "/supervision/assignments/{a}/revise/milestone/", {"id": "{ms}", "date": "2023-09-30", "reason": "x"}, "supervisor"),
    ("post", "/supervision/assignments/{a}/revise/goal/", {"metric": "新指标", "value": "1", "reason": "x"}, "supervisor"),
    ("get", "/supervision/reports/{draft}/", None, "owner"),
    ("post", "/supervision/reports/{draft}/", REPORT, "owner"),
    ("post", "/supervision/reports/{draft}/submit/", {}, "owner"),
    ("post", "/supervision/reports/{draft}/delete/", {}, "owner"),
    ("get", "/supervision/reports/{sent}/", None, "owner"),
    ("post", "/supervision/reports/{sent}/", REPORT, None),             # submitted: nobody edits it
    ("post", "/supervision/reports/{sent}/review/", {"action": "accept"}, "supervisor"),
    ("get", "/supervision/evidence/{draft_ev}/", None, "owner"),
    ("get", "/supervision/evidence/{sent_ev}/", None, "owner"),
    ("get", "/supervision/lists/{tl}/units/{unit}/", None, "owner"),
    ("get", "/supervision/lists/{tl}/ranking/", None, "supervisor"),
    ("get", "/supervision/lists/{tl}/bulletin.docx?period=2023-06", None, "supervisor"),
    ("get", "/supervision/lists/{tl}/audit/", None, "supervisor"),
    ("get", "/supervision/lists/{tl}/settings/", None, "supervisor"),
    ("get", "/supervision/lists/{tl}/pending/", None, "supervisor"),
    ("get", "/supervision/api/assignments/{a}", None, "owner"),
    ("get", "/supervision/api/assignments/{a}/reports", None, "owner"),
    ("post", "/supervision/api/assignments/{a}/reports", {"report_date": "2023-07-02", "text": "x", "percent": 1}, "owner"),
    ("get", "/supervision/api/reports/{draft}", None, "owner"),
    ("post", "/supervision/api/reports/{draft}/submit", {}, "owner"),
    ("get", "/supervision/api/reports/{sent}", None, "owner"),
    ("post", "/supervision/api/reports/{sent}/review", {"action": "accept"}, "supervisor"),
]


def _url(w, template: str) -> str:
    return template.format(a=w.b_assignment.pk, draft=w.b_draft.pk, sent=w.b_sent.pk, draft_ev=w.b_draft_ev.pk,
                           sent_ev=w.b_sent_ev.pk, tl=w.tl.pk, unit=w.b.pk, ms=w.b_milestone.pk)


def _request(client, w, method, template, data):
    url = _url(w, template)
    if method == "get":
        return client.get(url)
    if data is not None:
        data = {k: _url(w, v) if isinstance(v, str) else v for k, v in data.items()}
    if "/api/" in url:
        return client.post(url, json.dumps(data or {}), content_type="application/json")
    return client.post(url, data or {})


def _state(w):
    from gongbao.web.supervision import models as m

    return (sorted(m.ProgressReport.objects.values_list("pk", "state", "text", "percent")),
            sorted(m.Assignment.objects.values_list("pk", "done")),
            sorted(m.Milestone.objects.values_list("pk", "date")), m.Goal.objects.count(),
            m.Review.objects.count())


@pytest.mark.parametrize("method, template, data, allowed", CASES, ids=[f"{c[0]} {c[1]}" for c in CASES])
def test_reporter_of_a_cannot_reach_unit_b(b_records, method, template, data, allowed):
    w = b_records
    before = _state(w)
    with time_machine.travel(at(2023, 7, 4), tick=True):
        intruder = Client(enforce_csrf_checks=False)
        intruder.force_login(w.rep_a)
        resp = _request(intruder, w, method, template, data)
        assert resp.status_code in (403, 404), (resp.status_code, _url(w, template))
        body = resp.content if not resp.streaming else b"".join(resp.streaming_content)
        assert "B的草稿-秘密".encode() not in body and PDF not in body
        assert _state(w) == before
        # the same request by who may make it is not refused
        if allowed:
            who = w.rep_b if allowed == "owner" else w.supervisor
            ok = Client()
            ok.force_login(who)
            resp = _request(ok, w, method, template, data)
            assert resp.status_code in (200, 201, 302), (resp.status_code, _url(w, template), who)


API_CASES = [c for c in CASES if "/api/" in c[1]]


def _bearer(user):
    from gongbao.web.supervision import tokens

    return Client(HTTP_AUTHORIZATION="Bearer " + tokens.issue(user)[0])


@pytest.mark.parametrize("method, template, data, allowed", API_CASES, ids=[f"{c[0]} {c[1]}" for c in API_CASES])
def test_token_of_a_cannot_reach_unit_b(b_records, method, template, data, allowed):
    """The same refusals for a bearer token of unit A (no session, no CSRF header)."""
    w = b_records
    before = _state(w)
    with time_machine.travel(at(2023, 7, 4), tick=True):
        resp = _request(_bearer(w.rep_a), w, method, template, data)
        assert resp.status_code in (403, 404), (resp.status_code, _url(w, template))
        assert "B的草稿-秘密".encode() not in resp.content and PDF not in resp.content
        assert _state(w) == before
        if allowed:
            who = w.rep_b if allowed == "owner" else w.supervisor
            resp = _request(_bearer(who), w, method, template, data)
            assert resp.status_code in (200, 201), (resp.status_code, _url(w, template), who)


def test_tokens_of_another_user_are_out_of_reach(b_records):
    """A reporter cannot list or revoke unit B's tokens; a token cannot mint or
    list tokens (only a logged-in session can); a bad token is 401 even with a
    valid session beside it."""
    from gongbao.web.supervision import models as m, tokens

    w = b_records
    raw_b, token_b = tokens.issue(w.rep_b, name="B的令牌")
    a = Client()
    a.force_login(w.rep_a)
    assert token_b.prefix not in a.get("/supervision/api/tokens").content.decode()
    assert a.delete(f"/supervision/api/tokens/{token_b.pk}").status_code == 404
    token_b.refresh_from_db()
    assert token_b.revoked_at is None
    bearer_a = _bearer(w.rep_a)
    assert bearer_a.post("/supervision/api/tokens", "{}", content_type="application/json").status_code == 401
    assert bearer_a.get("/supervision/api/tokens").status_code == 401
    assert bearer_a.delete(f"/supervision/api/tokens/{token_b.pk}").status_code == 401
    # a bearer header decides alone: a forged token next to B's session is refused
    b = Client(HTTP_AUTHORIZATION="Bearer gbt_forged")
    b.force_login(w.rep_b)
    assert b.get(f"/supervision/api/assignments/{w.b_assignment.pk}").status_code == 401
    assert m.ApiToken.objects.filter(user=w.rep_b, revoked_at__isnull=True).count() == 1


def test_lists_and_exports_show_a_reporter_only_its_own_unit(b_records):
    w = b_records
    c = Client()
    c.force_login(w.rep_a)
    page = c.get(f"/supervision/lists/{w.tl.pk}/").content.decode()
    assert "市工业和信息化局" in page and "市交通运输局" not in page
    rows = c.get(f"/supervision/api/lists/{w.tl.pk}/assignments").json()
    assert rows and {r["unit"] for r in rows} == {"市工业和信息化局"}
    dash = c.get(f"/supervision/lists/{w.tl.pk}/dashboard.json").json()
    assert {u["unit"] for u in dash["units"]} == {"市工业和信息化局"}
    cards = c.get(f"/supervision/api/lists/{w.tl.pk}/scorecards").json()
    assert {x["unit"] for x in cards} == {"市工业和信息化局"}
    # the dashboard sends a reporter to its own unit's page
    resp = c.get(f"/supervision/lists/{w.tl.pk}/dashboard/")
    assert resp.status_code == 302 and resp["Location"].endswith(f"/units/{w.a.pk}/")


def test_drafts_are_private_even_from_supervisors_and_leaders(b_records):
    w = b_records
    for user in (w.supervisor, w.leader):
        c = Client()
        c.force_login(user)
        assert c.get(f"/supervision/reports/{w.b_draft.pk}/").status_code == 404
        assert c.get(f"/supervision/evidence/{w.b_draft_ev.pk}/").status_code == 404
        assert c.get(f"/supervision/reports/{w.b_sent.pk}/").status_code == 200
        assert c.get(f"/supervision/evidence/{w.b_sent_ev.pk}/").status_code == 200


def test_leader_is_read_only_and_other_supervisors_see_nothing(b_records):
    w = b_records
    leader = Client()
    leader.force_login(w.leader)
    assert leader.get(f"/supervision/lists/{w.tl.pk}/dashboard/").status_code == 200
    assert leader.get(f"/supervision/lists/{w.tl.pk}/ranking/").status_code == 200
    assert leader.post(f"/supervision/reports/{w.b_sent.pk}/review/", {"action": "accept"}).status_code == 403
    assert leader.post(f"/supervision/assignments/{w.b_assignment.pk}/close/").status_code == 403
    assert leader.post(f"/supervision/assignments/{w.b_assignment.pk}/reports/new/", REPORT).status_code == 403
    stranger = Client()
    stranger.force_login(w.other_supervisor)
    assert stranger.get(f"/supervision/lists/{w.tl.pk}/").status_code == 404
    assert stranger.get(f"/supervision/assignments/{w.b_assignment.pk}/").status_code == 404
    assert stranger.get(f"/supervision/evidence/{w.b_sent_ev.pk}/").status_code == 404


def test_anonymous_users_are_sent_to_login_and_public_lists_need_publishing(b_records):
    w = b_records
    anon = Client()
    resp = anon.get(f"/supervision/assignments/{w.b_assignment.pk}/")
    assert resp.status_code == 302 and "/supervision/login/" in resp["Location"]
    assert anon.get(f"/supervision/evidence/{w.b_sent_ev.pk}/").status_code == 302
    assert anon.get("/supervision/api/lists").status_code == 401
    assert anon.get(f"/supervision/public/{w.tl.pk}/").status_code == 404
    w.tl.published = True
    w.tl.save()
    page = anon.get(f"/supervision/public/{w.tl.pk}/").content.decode()
    assert "市交通运输局" in page and "B的草稿-秘密" not in page and "B已报送" not in page


def test_csrf_is_enforced_on_forms_and_api(b_records):
    w = b_records
    c = Client(enforce_csrf_checks=True)
    c.force_login(w.rep_b)
    assert c.post(f"/supervision/reports/{w.b_draft.pk}/submit/").status_code == 403
    resp = c.post(f"/supervision/api/reports/{w.b_draft.pk}/submit", "{}", content_type="application/json")
    assert resp.status_code == 403
    w.b_draft.refresh_from_db()
    assert w.b_draft.state == "draft"
