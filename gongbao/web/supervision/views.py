"""Pages of the supervision loop (server-rendered; forms post with CSRF).

A record the user may not see answers 404 (its existence is not revealed);
an action the user's role may not take on a record it sees answers 403.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..kb import models as kb
from . import models as m
from .compiled import Compiled
from .services import access, exports, progress, workflow
from .status import STATUS_LABELS, STATUS_MEANING, STATUS_ORDER, month_key
from .scoring import PEER_GROUPS, RULE_LABELS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class LoginView(auth_views.LoginView):
    template_name = "supervision/login.html"
    redirect_authenticated_user = True


def _ctx(request, **kw):
    kw.setdefault("role", access.role(request.user))
    if kw.get("unread") is None:          # a view that knows the count passes it
        kw["unread"] = m.Notification.objects.filter(user=request.user, read_at__isnull=True).count() \
            if request.user.is_authenticated else 0
    kw["status_labels"] = STATUS_LABELS
    return kw


def _need_supervisor(request, tl):
    if not access.is_supervisor(request.user, tl):
        raise PermissionDenied


# --- home, lists ---------------------------------------------------------------------

@login_required
def home(request):
    lists = access.visible_lists(request.user)
    if access.role(request.user) == m.Profile.REPORTER:
        return redirect("supervision:mine")
    rows = []
    for tl in lists:
        snaps = progress.snapshots(tl.assignments.filter(active=True), values=False)
        counts = {c: 0 for c in STATUS_ORDER}
        for s in snaps:
            counts[s.status.code] += 1
        rows.append((tl, counts, len(snaps)))
    return render(request, "supervision/home.html", _ctx(request, rows=rows, status_order=STATUS_ORDER,
                                                         can_open=access.is_supervisor(request.user)))


_UNREAD = Compiled(lambda user: m.Notification.objects.filter(user_id=user, read_at__isnull=True)[:10], -7_340_033)


@login_required
def mine(request):
    uid = access.unit_id(request.user)
    if not uid:
        return redirect("supervision:home")
    p = access.profile(request.user)
    unit = p.unit if p is not None and p.unit_id == uid else kb.Unit.objects.get(pk=uid)
    if request.user.is_superuser:       # sees every assignment (access.visible_assignments)
        snaps = progress.snapshots(access.visible_assignments(request.user).filter(active=True), values=False,
                                   units=[unit])
    else:                               # a reporter: its unit's, with the compiled look-ups
        snaps = progress.unit_snapshots(unit)
    notes = _UNREAD.all(request.user.pk)
    return render(request, "supervision/mine.html", _ctx(
        request, snaps=snaps, notes=notes, unit=unit,
        unread=len(notes) if len(notes) < 10 else None))       # fewer than 10 unread: that is the count


@login_required
def open_list(request):
    if not access.is_supervisor(request.user):
        raise PermissionDenied
    docs = workflow.documents_with_tasks().annotate(n=Count("tasks", distinct=True))
    errors = {}
    if request.method == "POST":
        doc = get_object_or_404(kb.Document, pk=request.POST.get("document"))
        try:
            rules = json.loads(request.POST.get("status_rules") or "{}")
            scoring_rules = json.loads(request.POST.get("scoring_rules") or "{}")
            if not isinstance(rules, dict) or not isinstance(scoring_rules, dict):
                raise ValueError
        except ValueError:
            errors["rules"] = ["规则应为 JSON 对象"]
        else:
            try:
                tl = workflow.open_task_list(
                    doc, user=request.user, year=int(request.POST.get("year") or 0) or None,
                    name=request.POST.get("name", "").strip(), due_day=int(request.POST.get("due_day") or 5),
                    status_rules=rules, scoring_rules=scoring_rules,
                    expand_collectives=bool(request.POST.get("expand")),
                    published=bool(request.POST.get("published")))
                messages.success(request, f"已建立任务清单：{tl.name}（{tl.assignments.count()} 项督办）")
                return redirect(tl)
            except (workflow.WorkflowError, ValueError) as exc:
                errors = getattr(exc, "errors", {"": [str(exc)]})
    return render(request, "supervision/open.html", _ctx(request, docs=docs, errors=errors,
                                                         year=timezone.localdate().year))


@login_required
def task_list(request, pk):
    tl = access.task_list_or_404(request.user, pk)
    qs = access.visible_assignments(request.user, tl).filter(active=True)
    unit = request.GET.get("unit")
    if unit and unit.isdigit():
        qs = qs.filter(unit_id=int(unit))
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(list_task__content__icontains=q) | Q(unit__name__icontains=q) | Q(list_task__key=q))
    snaps = progress.snapshots(qs, values=False)
    counts = {c: 0 for c in STATUS_ORDER}
    for s in snaps:
        counts[s.status.code] += 1
    code = request.GET.get("status")
    if code in STATUS_LABELS:
        snaps = [s for s in snaps if s.status.code == code]
    units = kb.Unit.objects.filter(assignments__task_list=tl).distinct().order_by("name") \
        if access.can_see_whole_list(request.user, tl) else []
    pending = m.ProgressReport.objects.filter(assignment__task_list=tl, state=m.ProgressReport.SUBMITTED) \
        .count() if access.is_supervisor(request.user, tl) else 0
    return render(request, "supervision/list.html", _ctx(
        request, tl=tl, snaps=snaps, counts=counts, status_order=STATUS_ORDER, units=units, q=q,
        current_status=code or "", current_unit=unit or "", pending=pending,
        whole=access.can_see_whole_list(request.user, tl), supervisor=access.is_supervisor(request.user, tl),
        periods=exports.period_choices(tl), meaning=STATUS_MEANING))


@login_required
def pending_reviews(request, pk):
    tl = access.task_list_or_404(request.user, pk)
    _need_supervisor(request, tl)
    reports = m.ProgressReport.objects.filter(assignment__task_list=tl, state=m.ProgressReport.SUBMITTED) \
        .select_related("assignment__unit", "assignment__list_task").order_by("submitted_at")
    return render(request, "supervision/pending.html", _ctx(request, tl=tl, reports=reports))


@login_required
def list_settings(request, pk):
    tl = access.task_list_or_404(request.user, pk)
    _need_supervisor(request, tl)
    errors = {}
    if request.method == "POST":
        try:
            status_rules = json.loads(request.POST.get("status_rules") or "{}")
            scoring_rules = json.loads(request.POST.get("scoring_rules") or "{}")
            if not isinstance(status_rules, dict) or not isinstance(scoring_rules, dict):
                raise ValueError
            due_day = int(request.POST.get("due_day") or tl.due_day)
            if not 1 <= due_day <= 28:
                raise ValueError
        except ValueError:
            errors["rules"] = ["规则应为 JSON 对象，报送日应为 1–28"]
        else:
            from .audit import acting

            with acting(request.user):
                tl.status_rules, tl.scoring_rules = status_rules, scoring_rules
                tl.cadence = {**(tl.cadence or {}), "due_day": due_day}
                tl.published = bool(request.POST.get("published"))
                tl.closed = bool(request.POST.get("closed"))
                tl.save()
            messages.success(request, "已保存")
            return redirect("supervision:settings", pk=tl.pk)
    from . import scoring, status

    return render(request, "supervision/settings.html", _ctx(
        request, tl=tl, errors=errors,
        status_json=json.dumps(status.rules_with_defaults(tl.status_rules), ensure_ascii=False, indent=1),
        scoring_json=json.dumps(scoring.rules_with_defaults(tl.scoring_rules), ensure_ascii=False, indent=1)))


# --- assignments and reports -----------------------------------------------------------

@login_required
def assignment(request, pk):
    a = access.assignment_or_404(request.user, pk)
    snap = progress.snapshot(progress.with_status_data(a))
    reports = access.visible_reports(request.user, a).prefetch_related("values__goal", "evidence", "reviews")
    contributions = access.contributions(request.user, a).prefetch_related("values__goal")
    siblings = a.list_task.assignments.select_related("unit") if access.can_see_whole_list(request.user, a.task_list) \
        else []
    return render(request, "supervision/assignment.html", _ctx(
        request, a=a, snap=snap, reports=reports, contributions=contributions, siblings=siblings,
        can_report=access.can_report(request.user, a), supervisor=access.is_supervisor(request.user, a.task_list),
        revisions=a.list_task.revisions.select_related("user"), today=timezone.localdate(),
        milestones=a.list_task.milestones.all(), goals=a.list_task.goals.all()))


def _report_form_data(request):
    values = {k.split("_", 1)[1]: v for k, v in request.POST.items() if k.startswith("goal_")}
    return dict(report_date=request.POST.get("report_date", ""), text=request.POST.get("text", ""),
                percent=request.POST.get("percent", ""), proposed_status=request.POST.get("proposed_status", "ongoing"),
                values=values, files=request.FILES.getlist("evidence"), folded=request.POST.getlist("folded"),
                submit=request.POST.get("action") == "submit")


@login_required
def report_new(request, pk):
    a = access.assignment_or_404(request.user, pk)
    if not access.can_report(request.user, a):
        raise PermissionDenied
    errors, data = {}, {}
    if request.method == "POST":
        data = _report_form_data(request)
        try:
            r = workflow.save_report(a, request.user, **data)
            messages.success(request, "已报送" if r.state == m.ProgressReport.SUBMITTED else "草稿已保存")
            return redirect(r)
        except workflow.WorkflowError as exc:
            errors = exc.errors
    return render(request, "supervision/report_form.html", _ctx(
        request, a=a, report=None, errors=errors, data=data, goals=a.list_task.goals.all(),
        contributions=access.contributions(request.user, a), today=timezone.localdate(),
        initial_text="", initial_percent="", initial_values={}, initial_proposal="", folded_ids=set()),
        status=400 if errors else 200)


@login_required
def report(request, pk):
    r = access.report_or_404(request.user, pk)
    a = r.assignment
    editable = access.can_edit_report(request.user, r)
    errors, data = {}, {}
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        data = _report_form_data(request)
        try:
            workflow.save_report(a, request.user, report=r, **data)
            messages.success(request, "已重新报送" if data["submit"] else "已保存")
            return redirect(r)
        except workflow.WorkflowError as exc:
            errors = exc.errors
    show_evidence = [ev for ev in r.evidence.all() if access.can_view_evidence(request.user, ev)]
    return render(request, "supervision/report.html", _ctx(
        request, r=r, a=a, editable=editable, errors=errors, data=data, goals=a.list_task.goals.all(),
        values={v.goal_id: v.value for v in r.values.all()}, evidence=show_evidence,
        reviews=r.reviews.select_related("reviewer"), folded=r.folded.select_related("assignment__unit"),
        can_review=access.can_review(request.user, r) and r.state == m.ProgressReport.SUBMITTED,
        contributions=access.contributions(request.user, a), today=timezone.localdate(),
        folded_ids=set(r.folded.values_list("pk", flat=True))),
        status=400 if errors else 200)


@login_required
@require_POST
def report_submit(request, pk):
    r = access.report_or_404(request.user, pk)
    if not access.can_edit_report(request.user, r):
        raise PermissionDenied
    try:
        workflow.submit_report(r, request.user)
        messages.success(request, "已报送")
    except workflow.WorkflowError as exc:
        messages.error(request, str(exc))
    return redirect(r)


@login_required
@require_POST
def report_delete(request, pk):
    r = access.report_or_404(request.user, pk)
    if not access.can_edit_report(request.user, r) or r.state != m.ProgressReport.DRAFT:
        raise PermissionDenied
    a = r.assignment
    workflow.delete_draft(r, request.user)
    messages.success(request, "草稿已删除")
    return redirect(a)


@login_required
@require_POST
def report_review(request, pk):
    r = access.report_or_404(request.user, pk)
    if not access.can_review(request.user, r):
        raise PermissionDenied
    try:
        workflow.review_report(r, request.user, request.POST.get("action", ""), request.POST.get("comment", ""),
                               close=bool(request.POST.get("close")))
        messages.success(request, "已退回" if request.POST.get("action") == "return" else "已审核通过")
    except workflow.WorkflowError as exc:
        messages.error(request, str(exc))
    return redirect(r)


@login_required
def evidence(request, pk):
    ev = get_object_or_404(m.Evidence.objects.select_related("report__assignment__task_list"), pk=pk)
    if not access.can_view_evidence(request.user, ev):
        raise Http404
    try:
        fh = ev.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    resp = FileResponse(fh, as_attachment=True, filename=ev.name, content_type=ev.content_type)
    resp["X-Content-Type-Options"] = "nosniff"
    resp["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return resp


@login_required
@require_POST
def assignment_close(request, pk):
    a = access.assignment_or_404(request.user, pk)
    _need_supervisor(request, a.task_list)
    try:
        if request.POST.get("reopen"):
            workflow.reopen_assignment(a, request.user)
            messages.success(request, "已撤销销号")
        else:
            workflow.close_assignment(a, request.user)
            messages.success(request, "已销号")
    except workflow.WorkflowError as exc:
        messages.error(request, str(exc))
    return redirect(a)


@login_required
@require_POST
def revise(request, pk, kind):
    a = access.assignment_or_404(request.user, pk)
    _need_supervisor(request, a.task_list)
    lt = a.list_task
    post = request.POST
    try:
        if kind == "milestone":
            ms = get_object_or_404(m.Milestone, pk=post["id"], list_task=lt) if post.get("id") else None
            workflow.revise_milestone(lt, request.user, post.get("reason", ""), milestone=ms, date=post.get("date"),
                                      share=post.get("share"), text=post.get("text", ""),
                                      delete=bool(post.get("delete")))
        elif kind == "goal":
            g = get_object_or_404(m.Goal, pk=post["id"], list_task=lt) if post.get("id") else None
            workflow.revise_goal(lt, request.user, post.get("reason", ""), goal=g, metric=post.get("metric", ""),
                                 value=post.get("value"), unit=post.get("unit", ""),
                                 comparator=post.get("comparator", ""), delete=bool(post.get("delete")))
        else:
            raise Http404
        messages.success(request, "已调整并记录理由")
    except workflow.WorkflowError as exc:
        messages.error(request, str(exc))
    return redirect(a)


# --- dashboards, scorecards ---------------------------------------------------------------

@login_required
def dashboard(request, pk):
    tl = access.task_list_or_404(request.user, pk)
    if not access.can_see_whole_list(request.user, tl):
        uid = access.unit_id(request.user)
        return redirect("supervision:unit", pk=tl.pk, unit=uid)
    return render(request, "supervision/dashboard.html", _ctx(request, tl=tl,
                                                              data_url=reverse("supervision:dashboard_data",
                                                                               args=[tl.pk])))


def dashboard_payload(tl: m.TaskList, qs, on=None) -> dict:
    items = progress.assignments_for_status(qs, values=False)
    snaps = progress.snapshots(items, on, values=False)
    counts = {c: 0 for c in STATUS_ORDER}
    per_unit: dict[int, dict] = {}
    for s in snaps:
        counts[s.status.code] += 1
        u = per_unit.setdefault(s.assignment.unit_id, {"unit": s.assignment.unit.name, "unit_id": s.assignment.unit_id,
                                                        "counts": {c: 0 for c in STATUS_ORDER}, "percents": []})
        u["counts"][s.status.code] += 1
        u["percents"].append(s.status.actual)
    units = []
    for u in per_unit.values():
        pc = u.pop("percents")
        u["mean_percent"] = round(sum(pc) / len(pc), 1) if pc else 0.0
        u["assignments"] = len(pc)
        units.append(u)
    units.sort(key=lambda u: (-u["assignments"], u["unit"]))
    return {"task_list": {"id": tl.pk, "name": tl.name}, "counts": counts,
            "labels": {c: STATUS_LABELS[c] for c in STATUS_ORDER},
            "history": progress.history(items, tl, on), "units": units, "total": len(snaps)}


@login_required
def dashboard_data(request, pk):
    tl = access.task_list_or_404(request.user, pk)
    qs = access.visible_assignments(request.user, tl).filter(active=True)
    return JsonResponse(dashboard_payload(tl, qs), json_dumps_params={"ensure_ascii": False})


@login_required
def unit_page(request, pk, unit):
    tl = access.task_list_or_404(request.user, pk)
    if not access.can_see_whole_list(request.user, tl) and access.unit_id(request.user) != unit:
        raise Http404
    u = get_object_or_404(kb.Unit, pk=unit)
    qs = tl.assignments.filter(active=True, unit=u)
    if not qs.exists():
        raise Http404
    snaps = progress.snapshots(qs)
    cards = progress.scorecards(tl, qs=qs)
    card = cards[0] if cards else None
    series = []
    for s in snaps:
        reps = sorted(s.assignment.counted, key=lambda r: (r.report_date, r.pk))
        series.append({"name": s.assignment.list_task.key, "data": [[r.report_date.isoformat(), r.percent] for r in reps]})
    return render(request, "supervision/unit.html", _ctx(
        request, tl=tl, unit=u, snaps=snaps, card=card, group=PEER_GROUPS.get(card.group) if card else "",
        series_json=json.dumps(series, ensure_ascii=False), rule_labels=RULE_LABELS,
        whole=access.can_see_whole_list(request.user, tl)))


@login_required
def ranking(request, pk):
    tl = access.task_list_or_404(request.user, pk)
    if not access.can_see_whole_list(request.user, tl):
        raise PermissionDenied
    ranks = progress.rankings(tl)
    return render(request, "supervision/ranking.html", _ctx(request, tl=tl, ranks=[(PEER_GROUPS[g], rows) for g, rows in ranks.items()]))


@login_required
def audit(request, pk):
    tl = access.task_list_or_404(request.user, pk)
    _need_supervisor(request, tl)
    entries = m.AuditEntry.objects.filter(task_list=tl)
    model = request.GET.get("model")
    if model:
        entries = entries.filter(model=model)
    return render(request, "supervision/audit.html", _ctx(request, tl=tl, entries=entries[:500], model=model or ""))


# --- exports and import ----------------------------------------------------------------------

def _stamp() -> str:
    return timezone.localdate().strftime("%Y%m%d")


@login_required
def ledger(request, pk):
    tl = access.task_list_or_404(request.user, pk)
    qs = access.visible_assignments(request.user, tl).filter(active=True)
    data = exports.ledger_xlsx(tl, qs)
    resp = HttpResponse(data, content_type=XLSX)
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''ledger-{tl.pk}-{_stamp()}.xlsx"
    return resp


@login_required
def bulletin(request, pk):
    tl = access.task_list_or_404(request.user, pk)
    if not access.can_see_whole_list(request.user, tl):
        raise PermissionDenied
    period = request.GET.get("period") or month_key(timezone.localdate().replace(day=1) - dt.timedelta(days=1))
    try:
        y, mth = (int(x) for x in period.split("-"))
        dt.date(y, mth, 1)
    except ValueError:
        return HttpResponse("period 应为 YYYY-MM", status=400)
    data = exports.bulletin_docx(tl, period)
    resp = HttpResponse(data, content_type=DOCX)
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''bulletin-{tl.pk}-{period}.docx"
    return resp


@login_required
def import_view(request, pk):
    tl = access.task_list_or_404(request.user, pk)
    supervisor = access.is_supervisor(request.user, tl)
    uid = access.unit_id(request.user)
    if not supervisor and not uid:
        raise PermissionDenied
    errors, result = [], None
    if request.method == "POST":
        f = request.FILES.get("file")
        if f is None:
            errors = ["请选择 xlsx 文件"]
        else:
            try:
                result = exports.import_progress(tl, f, request.user, allowed_unit=None if supervisor else uid)
                messages.success(request, f"已导入 {len(result.created)} 条进展")
            except exports.ImportRejected as exc:
                errors = exc.errors
    return render(request, "supervision/import.html", _ctx(request, tl=tl, errors=errors, result=result),
                  status=400 if errors else 200)


# --- notifications, public -------------------------------------------------------------------

@login_required
def notifications(request):
    qs = m.Notification.objects.filter(user=request.user)
    if request.method == "POST":
        qs.filter(read_at__isnull=True).update(read_at=timezone.now())
        return redirect("supervision:notifications")
    return render(request, "supervision/notifications.html", _ctx(request, notes=qs[:200]))


def public_list(request, pk):
    tl = get_object_or_404(m.TaskList, pk=pk, published=True)
    snaps = progress.snapshots(tl.assignments.filter(active=True), values=False)
    counts = {c: 0 for c in STATUS_ORDER}
    for s in snaps:
        counts[s.status.code] += 1
    return render(request, "supervision/public.html", {"tl": tl, "snaps": snaps, "counts": counts,
                                                       "status_order": STATUS_ORDER, "status_labels": STATUS_LABELS,
                                                       "role": access.role(request.user)})


def public_index(request):
    return render(request, "supervision/public_index.html", {"lists": m.TaskList.objects.filter(published=True),
                                                             "role": access.role(request.user)})
