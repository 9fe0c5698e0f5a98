"""JSON API of the supervision loop at /supervision/api/ (django-ninja; schema at
/supervision/api/openapi.json). Two ways to authenticate:

    Authorization: Bearer gbt_…   a token (tokens.py) from POST /token (username and
                                  password) or, logged in on the site, POST /tokens;
                                  no cookie, no CSRF header; a token that is unknown,
                                  revoked, expired or its user's password changed: 401
    the site's session cookie     as the pages; writes need the CSRF token in X-CSRFToken

The same permission rules as the pages: a record the user may not see is 404."""
from __future__ import annotations

import datetime as dt
import json
from typing import Optional

from ninja import NinjaAPI, Schema

try:
    from ninja import Status
except ImportError:                       # django-ninja < 1.6: a (status, body) tuple
    def Status(code, body):  # noqa: N802
        return code, body
from ninja.renderers import BaseRenderer
from ninja.responses import NinjaJSONEncoder
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, django_auth

from . import models as m
from . import tokens
from .audit import request_user
from .services import access, progress, workflow


class _JSON(BaseRenderer):
    media_type = "application/json"

    def render(self, request, data, *, response_status):
        return json.dumps(data, cls=NinjaJSONEncoder, ensure_ascii=False)


class BearerToken(HttpBearer):
    """Authorization: Bearer gbt_…; a bearer header decides alone (a bad token is
    401 even when a session cookie comes with it)."""

    def authenticate(self, request, token):
        found = tokens.find(token)
        if found is None:
            raise AuthenticationError
        request.user = found.user
        request.api_token = found
        request_user(found.user)
        return found.user


bearer = BearerToken()

api = NinjaAPI(renderer=_JSON(), title="gongbao 督查督办 API", version="1", urls_namespace="supervision-api",
               auth=[bearer, django_auth], docs_url=None)


class Problem(Schema):
    detail: str
    errors: dict = {}


@api.exception_handler(workflow.WorkflowError)
def _refused(request, exc: workflow.WorkflowError):
    return api.create_response(request, {"detail": str(exc), "errors": exc.errors}, status=422)


@api.exception_handler(PermissionError)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc) or "forbidden"}, status=403)


class ListOut(Schema):
    id: int
    name: str
    year: int
    document_ref: str
    start_date: dt.date
    end_date: dt.date
    due_day: int
    published: bool
    closed: bool


class GoalOut(Schema):
    id: int
    metric: str
    value: float
    unit: str
    comparator: str
    current: Optional[float] = None


class MilestoneOut(Schema):
    id: int
    date: dt.date
    share: Optional[float] = None
    text: str


class AssignmentOut(Schema):
    id: int
    task_list_id: int
    task_key: str
    content: str
    unit_id: int
    unit: str
    role: str
    primary: bool
    done: bool
    status: str
    status_label: str
    reason: str
    expected: float
    actual: float
    deadline: dt.date
    latest_report_date: Optional[dt.date] = None
    url: str


class AssignmentDetail(AssignmentOut):
    goals: list[GoalOut]
    milestones: list[MilestoneOut]


class ValueOut(Schema):
    goal_id: int
    metric: str
    value: float


class ReviewOut(Schema):
    action: str
    comment: str
    at: dt.datetime


class ReportOut(Schema):
    id: int
    assignment_id: int
    unit: str
    report_date: dt.date
    period: str
    entered_at: dt.datetime
    submitted_at: Optional[dt.datetime] = None
    text: str
    percent: float
    proposed_status: str
    state: str
    contribution: bool
    values: list[ValueOut]
    evidence: list[dict]
    reviews: list[ReviewOut]


class ReportIn(Schema):
    report_date: dt.date
    text: str
    percent: float
    proposed_status: str = "ongoing"
    values: dict[str, float] = {}
    folded: list[int] = []
    submit: bool = False


class ReviewIn(Schema):
    action: str
    comment: str = ""
    close: bool = False


def _answer(request, data: dict, status: int = 200):
    """`data` rendered as is, for the endpoints reporters call most: their dicts
    are built with the fields and types of their declared schema (the OpenAPI
    document still shows it; tests check the answers against it), so ninja's
    validating them again would only cost time."""
    return api.create_response(request, data, status=status)


def _assignment_out(snap) -> dict:
    a = snap.assignment
    return {"id": a.pk, "task_list_id": a.task_list_id, "task_key": a.list_task.key, "content": a.list_task.content,
            "unit_id": a.unit_id, "unit": a.unit.name, "role": a.role, "primary": a.primary, "done": a.done,
            "status": snap.status.code, "status_label": snap.status.label, "reason": snap.status.reason,
            "expected": snap.status.expected, "actual": snap.status.actual,
            "deadline": progress.schedule_for(a.list_task, a.task_list).deadline,
            "latest_report_date": snap.latest.report_date if snap.latest else None, "url": a.get_absolute_url()}


def _report_out(user, r: m.ProgressReport) -> dict:
    saved = getattr(r, "saved", None)          # a report save_report just created: nothing to read back
    if saved is not None:
        values, evidence, reviews = saved["values"], saved["evidence"], saved["reviews"]
    else:
        values = r.values.select_related("goal")
        evidence, reviews = r.evidence.all(), r.reviews.all()
    return {"id": r.pk, "assignment_id": r.assignment_id, "unit": r.assignment.unit.name,
            "report_date": r.report_date, "period": r.period, "entered_at": r.entered_at,
            "submitted_at": r.submitted_at, "text": r.text, "percent": r.percent,
            "proposed_status": r.proposed_status, "state": r.state, "contribution": not r.assignment.primary,
            "values": [{"goal_id": v.goal_id, "metric": v.goal.metric, "value": v.value} for v in values],
            "evidence": [{"id": ev.pk, "name": ev.name, "size": ev.size, "content_type": ev.content_type,
                          "url": ev.get_absolute_url()}
                         for ev in evidence if access.can_view_evidence(user, ev)],
            "reviews": [{"action": x.action, "comment": x.comment, "at": x.at} for x in reviews]}


@api.get("/lists", response=list[ListOut], summary="任务清单")
def lists(request):
    return [{**{f: getattr(tl, f) for f in ("id", "name", "year", "document_ref", "start_date", "end_date",
                                            "published", "closed")}, "due_day": tl.due_day}
            for tl in access.visible_lists(request.user)]


@api.get("/lists/{pk}/assignments", response=list[AssignmentOut], summary="督办事项（任务×单位）")
def list_assignments(request, pk: int, status: Optional[str] = None):
    tl = access.task_list_or_404(request.user, pk)
    snaps = progress.snapshots(access.visible_assignments(request.user, tl).filter(active=True), values=False)
    return [_assignment_out(s) for s in snaps if status is None or s.status.code == status]


@api.get("/lists/{pk}/dashboard", summary="看板数据")
def list_dashboard(request, pk: int):
    from .views import dashboard_payload

    tl = access.task_list_or_404(request.user, pk)
    return dashboard_payload(tl, access.visible_assignments(request.user, tl).filter(active=True))


@api.get("/lists/{pk}/scorecards", summary="单位得分（每一分注明原因）")
def list_scorecards(request, pk: int):
    tl = access.task_list_or_404(request.user, pk)
    qs = access.visible_assignments(request.user, tl).filter(active=True)
    return [{"unit_id": c.unit_id, "unit": c.unit_name, "group": c.group, "group_label": c.group_label,
             "total": c.total, "average": c.average, "assignments": c.assignments,
             "items": [{"rule": i.rule, "label": i.label, "points": i.points, "cause": i.cause,
                        "assignment_id": i.assignment_id, "period": i.period, "report_id": i.report_id}
                       for i in c.items]}
            for c in progress.scorecards(tl, qs=qs)]


@api.get("/assignments/{pk}", response=AssignmentDetail, summary="督办事项详情")
def assignment_detail(request, pk: int):
    a = access.assignment_or_404(request.user, pk)
    snap = progress.snapshot(progress.with_status_data(a))
    out = _assignment_out(snap)
    out["goals"] = [{"id": g.pk, "metric": g.metric, "value": g.value, "unit": g.unit, "comparator": g.comparator,
                     "current": v} for g, v in snap.goals]
    out["milestones"] = [{"id": x.pk, "date": x.date, "share": x.share, "text": x.text}
                         for x in a.list_task.milestones.all()]
    return _answer(request, out)


@api.get("/assignments/{pk}/reports", response=list[ReportOut], summary="进展报告")
def assignment_reports(request, pk: int):
    a = access.assignment_or_404(request.user, pk)
    return [_report_out(request.user, r) for r in access.visible_reports(request.user, a)]


@api.post("/assignments/{pk}/reports", response={201: ReportOut}, summary="填报进展（submit=true 直接报送）")
def create_report(request, pk: int, body: ReportIn):
    a = access.assignment_or_404(request.user, pk)
    if not access.can_report(request.user, a):
        raise PermissionError("只有本单位填报员可以填报该任务")
    r = workflow.save_report(a, request.user, report_date=body.report_date, text=body.text, percent=body.percent,
                             proposed_status=body.proposed_status, values=body.values, folded=body.folded,
                             submit=body.submit)
    return _answer(request, _report_out(request.user, r), 201)


@api.get("/reports/{pk}", response=ReportOut, summary="进展报告详情")
def report_detail(request, pk: int):
    return _report_out(request.user, access.report_or_404(request.user, pk))


@api.post("/reports/{pk}/submit", response=ReportOut, summary="报送草稿或退回的报告")
def report_submit(request, pk: int):
    r = access.report_or_404(request.user, pk)
    if not access.can_edit_report(request.user, r):
        raise PermissionError("不能报送该报告")
    workflow.submit_report(r, request.user)
    return _report_out(request.user, r)


@api.post("/reports/{pk}/review", response=ReportOut, summary="督查室退回或审核通过")
def report_review(request, pk: int, body: ReviewIn):
    r = access.report_or_404(request.user, pk)
    if not access.can_review(request.user, r):
        raise PermissionError("只有督查室可以审核")
    workflow.review_report(r, request.user, body.action, body.comment, close=body.close)
    r.refresh_from_db()
    return _report_out(request.user, r)


@api.get("/notifications", summary="我的提醒")
def my_notifications(request):
    return [{"id": n.pk, "kind": n.kind, "title": n.title, "body": n.body, "url": n.url,
             "created_at": n.created_at, "read": n.read_at is not None}
            for n in m.Notification.objects.filter(user=request.user)[:200]]


# --- API tokens ------------------------------------------------------------------------

class TokenIn(Schema):
    username: str
    password: str
    name: str = ""


class NewTokenIn(Schema):
    name: str = ""


class TokenInfo(Schema):
    id: int
    prefix: str
    name: str
    created_at: dt.datetime
    expires_at: dt.datetime
    revoked_at: Optional[dt.datetime] = None


class TokenOut(TokenInfo):
    token: str
    username: str
    role: str
    unit_id: Optional[int] = None


def _token_out(raw: str, t: m.ApiToken) -> dict:
    return {"token": raw, "id": t.pk, "prefix": t.prefix, "name": t.name, "created_at": t.created_at,
            "expires_at": t.expires_at, "revoked_at": t.revoked_at, "username": t.user.get_username(),
            "role": access.role(t.user), "unit_id": access.unit_id(t.user)}


@api.post("/token", auth=None, response={201: TokenOut, 401: Problem}, summary="用户名和密码换取 API 令牌")
def token_login(request, body: TokenIn):
    from django.contrib.auth import authenticate

    user = authenticate(request, username=body.username, password=body.password)
    if user is None:
        return Status(401, {"detail": "用户名或密码错误"})
    raw, t = tokens.issue(user, name=body.name)
    return Status(201, _token_out(raw, t))


@api.delete("/token", auth=bearer, response={204: None}, summary="作废本次请求所用的令牌")
def token_logout(request):
    tokens.revoke(request.api_token, request.user)
    return Status(204, None)


@api.post("/tokens", auth=django_auth, response={201: TokenOut}, summary="已登录用户新建 API 令牌")
def token_new(request, body: NewTokenIn):
    raw, t = tokens.issue(request.user, name=body.name)
    return Status(201, _token_out(raw, t))


@api.get("/tokens", auth=django_auth, response=list[TokenInfo], summary="我的 API 令牌")
def token_list(request):
    return list(tokens.tokens_of(request.user))


@api.delete("/tokens/{pk}", auth=django_auth, response={204: None}, summary="作废我的一个令牌")
def token_revoke(request, pk: int):
    from django.shortcuts import get_object_or_404

    tokens.revoke(get_object_or_404(tokens.tokens_of(request.user), pk=pk), request.user)
    return Status(204, None)
