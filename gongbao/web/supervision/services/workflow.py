"""Opening task lists, reporting, reviewing, closing, revising deadlines and
targets. Every function takes the acting user and records it in the audit
trail; permission checks are the caller's (views, api) except where noted.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import PurePath
from typing import Iterable, Optional

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ...kb import models as kb
from .. import models as m
from ..audit import acting, batched
from ..status import month_key

ROLE_STRENGTH = {"lead": 4, "responsible": 3, "implement": 2, "cooperate": 1}


class WorkflowError(Exception):
    """A request the rules refuse; `errors` maps a field (or "") to messages."""

    def __init__(self, errors):
        if isinstance(errors, str):
            errors = {"": [errors]}
        self.errors = errors
        super().__init__("; ".join(f"{k}: {' '.join(v)}" if k else " ".join(v) for k, v in errors.items()))


# --- opening a task list -----------------------------------------------------------

def documents_with_tasks():
    return kb.Document.objects.filter(tasks__responsibilities__isnull=False).distinct()


def _member_units(unit: kb.Unit) -> list[kb.Unit]:
    names = [n for n in (unit.members or []) if isinstance(n, str)]
    if not names:
        return []
    found = {u.key: u for u in kb.Unit.objects.filter(key__in=names)}
    found.update({u.name: u for u in kb.Unit.objects.filter(name__in=names) if u.name not in found})
    return [found[n] for n in names if n in found]


def open_task_list(document: kb.Document, *, user=None, year: Optional[int] = None, name: str = "",
                   due_day: int = 5, status_rules: Optional[dict] = None, scoring_rules: Optional[dict] = None,
                   expand_collectives: bool = True, start: Optional[dt.date] = None,
                   end: Optional[dt.date] = None, published: bool = False) -> m.TaskList:
    """Open `document`'s tasks for supervision: one ListTask per task (its
    deadlines as milestones, its targets as goals) and one Assignment per task ×
    unit. A collective the registry lists members of (各县（市、区）人民政府) is
    expanded into its member units unless expand_collectives is False. The
    lead units of a task report for it; where a task names no lead, its
    responsible units do; the other units contribute."""
    tasks = list(document.tasks.prefetch_related("responsibilities__unit", "deadlines", "targets"))
    if not any(t.responsibilities.all() for t in tasks):
        raise WorkflowError("该文件没有可督办的任务（没有责任单位）")
    year = year or document.year or (document.signed_date.year if document.signed_date else timezone.localdate().year)
    start = start or max(dt.date(year, 1, 1), document.signed_date or dt.date(year, 1, 1))
    end = end or dt.date(year, 12, 31)
    if end <= start:
        raise WorkflowError({"end": ["结束日期须晚于开始日期"]})
    with transaction.atomic(), acting(user), batched():
        tl = m.TaskList.objects.create(
            name=name or f"{year}年 {document.ref} {document.title}"[:300], document=document,
            document_ref=document.ref[:300], year=year, start_date=start, end_date=end,
            cadence={"every": "month", "due_day": int(due_day)}, status_rules=status_rules or {},
            scoring_rules=scoring_rules or {}, published=published, created_by=user)
        if user is not None:
            tl.supervisors.add(user)
        for order, t in enumerate(tasks):
            resps = list(t.responsibilities.all())
            if not resps:
                continue
            lt = m.ListTask.objects.create(task_list=tl, task=t, order=order, key=t.key, heading=t.heading,
                                           content=t.content)
            for d in t.deadlines.all():
                if not lt.milestones.filter(date=d.date, share=d.share).exists():
                    m.Milestone.objects.create(list_task=lt, date=d.date, share=d.share, text=d.text)
            for i, g in enumerate(t.targets.all()):
                m.Goal.objects.create(list_task=lt, order=i, metric=g.metric, value=g.value, unit=g.unit,
                                      comparator=g.comparator)
            chosen: dict[int, tuple[kb.Unit, str, str]] = {}
            for r in resps:
                members = _member_units(r.unit) if expand_collectives else []
                for unit, via in ([(u, r.unit.name) for u in members] or [(r.unit, "")]):
                    old = chosen.get(unit.pk)
                    if old is None or (ROLE_STRENGTH.get(r.role, 0), not via) > (ROLE_STRENGTH.get(old[1], 0), not old[2]):
                        chosen[unit.pk] = (unit, r.role, via)
            roles = {role for _, role, _ in chosen.values()}
            primary_role = "lead" if "lead" in roles else ("responsible" if "responsible" in roles else None)
            for unit, role, via in chosen.values():
                m.Assignment.objects.create(task_list=tl, list_task=lt, unit=unit, role=role, via=via,
                                            primary=primary_role is None or role == primary_role)
    return tl


# --- evidence files ----------------------------------------------------------------

EVIDENCE_TYPES = {
    ".pdf": ("application/pdf", [b"%PDF"]),
    ".png": ("image/png", [b"\x89PNG\r\n\x1a\n"]),
    ".jpg": ("image/jpeg", [b"\xff\xd8\xff"]),
    ".jpeg": ("image/jpeg", [b"\xff\xd8\xff"]),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [b"PK\x03\x04"]),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [b"PK\x03\x04"]),
    ".doc": ("application/msword", [b"\xd0\xcf\x11\xe0"]),
    ".xls": ("application/vnd.ms-excel", [b"\xd0\xcf\x11\xe0"]),
    ".ofd": ("application/ofd", [b"PK\x03\x04"]),
    ".txt": ("text/plain; charset=utf-8", []),
}


def check_evidence(upload) -> str:
    """The content type of an acceptable evidence file; WorkflowError otherwise
    (type by extension and leading bytes, size against EVIDENCE_MAX_BYTES)."""
    name = upload.name or ""
    suffix = PurePath(name).suffix.lower()
    limit = getattr(settings, "EVIDENCE_MAX_BYTES", 20 * 1024 * 1024)
    if suffix not in EVIDENCE_TYPES:
        raise WorkflowError({"evidence": [f"{name}: 不支持的文件类型（可上传 {'、'.join(sorted(EVIDENCE_TYPES))}）"]})
    if upload.size > limit:
        raise WorkflowError({"evidence": [f"{name}: 文件过大（{upload.size // 1024} KB，上限 {limit // 1024 // 1024} MB）"]})
    if upload.size == 0:
        raise WorkflowError({"evidence": [f"{name}: 空文件"]})
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    content_type, magics = EVIDENCE_TYPES[suffix]
    if magics and not any(head.startswith(x) for x in magics):
        raise WorkflowError({"evidence": [f"{name}: 文件内容与扩展名 {suffix} 不符"]})
    if suffix == ".txt":
        try:
            upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise WorkflowError({"evidence": [f"{name}: 文本文件须为 UTF-8 编码"]}) from None
        finally:
            upload.seek(0)
    return content_type


def _store_evidence(report: m.ProgressReport, upload, user, content_type: str) -> m.Evidence:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    ev = m.Evidence(report=report, name=PurePath(upload.name).name[:255], content_type=content_type,
                    size=upload.size, sha256=digest.hexdigest(), uploaded_by=user)
    ev.file.save(upload.name, upload, save=False)
    ev.save()
    return ev


# --- reports -------------------------------------------------------------------------

def _clean(assignment: m.Assignment, report_date, text: str, percent, values: dict, today: dt.date) -> tuple:
    errors: dict[str, list[str]] = {}
    if isinstance(report_date, str):
        try:
            report_date = dt.date.fromisoformat(report_date)
        except ValueError:
            errors.setdefault("report_date", []).append("日期格式应为 YYYY-MM-DD")
    if isinstance(report_date, dt.date):
        if report_date > today:
            errors.setdefault("report_date", []).append("报告日期不能晚于今天")
        if report_date < assignment.task_list.start_date - dt.timedelta(days=31):
            errors.setdefault("report_date", []).append("报告日期早于任务清单开始日期")
    elif "report_date" not in errors:
        errors.setdefault("report_date", []).append("请填写报告日期")
    text = (text or "").strip()
    if not text:
        errors.setdefault("text", []).append("请填写进展情况")
    try:
        percent = float(percent)
        if not 0 <= percent <= 100:
            raise ValueError
    except (TypeError, ValueError):
        errors.setdefault("percent", []).append("完成百分比应为 0–100 的数")
    goals = {g.pk: g for g in assignment.list_task.goals.all()} if values else {}
    clean_values = {}
    for gid, raw in (values or {}).items():
        if raw in (None, ""):
            continue
        try:
            gid = int(gid)
        except (TypeError, ValueError):
            errors.setdefault("values", []).append(f"未知指标 {gid}")
            continue
        if gid not in goals:
            errors.setdefault("values", []).append(f"指标 {gid} 不属于该任务")
            continue
        try:
            value = float(raw)
            if value != value or value in (float("inf"), float("-inf")):
                raise ValueError
        except (TypeError, ValueError):
            errors.setdefault("values", []).append(f"{goals[gid].metric}: 应为数值")
            continue
        clean_values[gid] = value
    if errors:
        raise WorkflowError(errors)
    return report_date, text, percent, {gid: (goals[gid], value) for gid, value in clean_values.items()}


def save_report(assignment: m.Assignment, user, *, report: Optional[m.ProgressReport] = None, report_date,
                text: str, percent, proposed_status: str = "ongoing", values: Optional[dict] = None,
                files: Iterable = (), folded: Iterable[int] = (), submit: bool = False,
                today: Optional[dt.date] = None) -> m.ProgressReport:
    """Create a report (or edit a draft or returned one) of `assignment`; with
    submit=True it is submitted (a returned report goes back to the supervisor)."""
    today = today or timezone.localdate()
    if report is not None and report.state not in (m.ProgressReport.DRAFT, m.ProgressReport.RETURNED):
        raise WorkflowError("已报送或已审核的报告不能修改")
    if assignment.done or assignment.task_list.closed or not assignment.active:
        raise WorkflowError("该任务已销号或已停止督办，不能再报送")
    report_date, text, percent, values = _clean(assignment, report_date, text, percent, values or {}, today)
    files, folded = list(files), list(folded)
    types = [check_evidence(f) for f in files]
    if proposed_status not in dict(m.ProgressReport.PROPOSALS):
        proposed_status = "ongoing"
    with transaction.atomic(), acting(user), batched():
        new = report is None
        if new:
            report = m.ProgressReport(assignment=assignment, author=user)
        report.report_date = report_date
        report.period = month_key(report_date)
        report.text = text
        report.percent = percent
        report.proposed_status = proposed_status
        if new and submit:            # a new report submitted at once: one insert, one audit entry
            _mark_submitted(report)
        report.save()
        existing = {} if new else {v.goal_id: v for v in report.values.all()}
        saved_values = []
        for gid, (goal, value) in values.items():
            v = existing.pop(gid, None)
            if v is None:
                v = m.ReportValue.objects.create(report=report, goal=goal, value=value)
            elif v.value != value:
                v.value = value
                v.save()
            saved_values.append(v)
        for v in existing.values():
            v.delete()
        if assignment.primary and (folded or not new):
            allowed = set(m.ProgressReport.objects.filter(
                assignment__list_task=assignment.list_task, assignment__primary=False,
                state__in=(m.ProgressReport.SUBMITTED, m.ProgressReport.ACCEPTED)).values_list("pk", flat=True))
            report.folded.set([int(x) for x in folded if int(x) in allowed])
        saved_evidence = [_store_evidence(report, f, user, ct) for f, ct in zip(files, types)]
        if submit and not new:
            _submit(report)
    if new:
        # what the report now has, for the caller's response without reading it back
        report.saved = {"values": saved_values, "evidence": saved_evidence, "reviews": []}
    return report


def _mark_submitted(report: m.ProgressReport) -> None:
    report.state = m.ProgressReport.SUBMITTED
    if report.submitted_at is None:
        report.submitted_at = timezone.now()


def _submit(report: m.ProgressReport) -> None:
    if report.state not in (m.ProgressReport.DRAFT, m.ProgressReport.RETURNED):
        raise WorkflowError("该报告已报送")
    _mark_submitted(report)
    report.save()


def submit_report(report: m.ProgressReport, user) -> m.ProgressReport:
    with transaction.atomic(), acting(user), batched():
        _submit(report)
    return report


def delete_draft(report: m.ProgressReport, user) -> None:
    if report.state != m.ProgressReport.DRAFT:
        raise WorkflowError("只能删除草稿")
    with transaction.atomic(), acting(user), batched():
        for ev in report.evidence.all():
            ev.file.delete(save=False)
        report.delete()


def review_report(report: m.ProgressReport, user, action: str, comment: str = "",
                  close: bool = False) -> m.Review:
    """Return (comment required) or accept a submitted report; accept with
    close=True also confirms the assignment done (销号)."""
    if report.state != m.ProgressReport.SUBMITTED:
        raise WorkflowError("只能审核已报送的报告")
    if action not in (m.Review.RETURN, m.Review.ACCEPT):
        raise WorkflowError({"action": ["未知操作"]})
    comment = (comment or "").strip()
    if action == m.Review.RETURN and not comment:
        raise WorkflowError({"comment": ["退回须写明意见"]})
    with transaction.atomic(), acting(user), batched():
        review = m.Review.objects.create(report=report, reviewer=user, action=action, comment=comment)
        report.state = m.ProgressReport.RETURNED if action == m.Review.RETURN else m.ProgressReport.ACCEPTED
        report.save()
        a = report.assignment
        if action == m.Review.RETURN:
            from .remind import notify_unit

            notify_unit(a, "returned", f"returned:{report.pk}:{review.pk}",
                        f"报告被退回：{a.list_task.key} {a.list_task.content[:40]}",
                        f"督查室意见：{comment}", report.get_absolute_url())
        elif close:
            _close(a, user)
    return review


def _close(a: m.Assignment, user) -> None:
    a.done = True
    a.done_at = timezone.now()
    a.done_by = user
    a.save()


def close_assignment(a: m.Assignment, user) -> None:
    """销号: a supervisor confirms the assignment done."""
    if a.done:
        raise WorkflowError("该任务已销号")
    with transaction.atomic(), acting(user), batched():
        _close(a, user)


def reopen_assignment(a: m.Assignment, user) -> None:
    with transaction.atomic(), acting(user), batched():
        a.done, a.done_at, a.done_by = False, None, None
        a.save()


def close_task_list(tl: m.TaskList, user, closed: bool = True) -> None:
    with transaction.atomic(), acting(user), batched():
        tl.closed = closed
        tl.save()


# --- revisions of deadlines and targets ----------------------------------------------

def _describe_milestone(x: Optional[m.Milestone]) -> str:
    if x is None:
        return ""
    share = f" 完成{x.share * 100:g}%" if x.share is not None else ""
    return f"{x.date.isoformat()}{share} {x.text}".strip()


def _describe_goal(g: Optional[m.Goal]) -> str:
    if g is None:
        return ""
    return f"{g.metric} {g.comparator} {g.value:g}{g.unit}".strip()


def revise_milestone(list_task: m.ListTask, user, reason: str, *, milestone: Optional[m.Milestone] = None,
                     date=None, share=None, text: str = "", delete: bool = False) -> m.Revision:
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError({"reason": ["调整时限须说明理由"]})
    errors: dict = {}
    if not delete:
        try:
            date = dt.date.fromisoformat(date) if isinstance(date, str) else date
            if not isinstance(date, dt.date):
                raise ValueError
        except ValueError:
            errors["date"] = ["日期格式应为 YYYY-MM-DD"]
        if share in ("", None):
            share = None
        else:
            try:
                share = float(share)
                share = share / 100 if share > 1 else share
                if not 0 < share <= 1:
                    raise ValueError
            except (TypeError, ValueError):
                errors["share"] = ["完成比例应为 0–100"]
    if errors:
        raise WorkflowError(errors)

    def apply(x):
        x = x or m.Milestone(list_task=list_task)
        x.date, x.share, x.text = date, share, (text or "").strip() or x.text
        return x

    return _revise(list_task, user, reason, "milestone", milestone, _describe_milestone, apply,
                   delete, "没有要删除的时限")


def revise_goal(list_task: m.ListTask, user, reason: str, *, goal: Optional[m.Goal] = None, metric: str = "",
                value=None, unit: str = "", comparator: str = "", delete: bool = False) -> m.Revision:
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError({"reason": ["调整指标须说明理由"]})
    if not delete:
        errors: dict = {}
        metric = (metric or (goal.metric if goal else "")).strip()
        if not metric:
            errors["metric"] = ["请填写指标名称"]
        try:
            value = float(value)
        except (TypeError, ValueError):
            errors["value"] = ["目标值应为数值"]
        if errors:
            raise WorkflowError(errors)

    def apply(x):
        x = x or m.Goal(list_task=list_task, order=list_task.goals.count())
        x.metric, x.value = metric, value
        x.unit = (unit if unit is not None else x.unit or "").strip()
        x.comparator = (comparator if comparator is not None else x.comparator or "").strip()
        return x

    return _revise(list_task, user, reason, "goal", goal, _describe_goal, apply, delete, "没有要删除的指标")


def _revise(list_task, user, reason, kind, obj, describe, apply, delete, missing) -> m.Revision:
    """Change, add or delete a milestone or goal, recorded as a Revision
    (old → new, with the reason) in the same transaction as the change."""
    with transaction.atomic(), acting(user), batched():
        old = describe(obj)
        if delete:
            if obj is None:
                raise WorkflowError(missing)
            oid = obj.pk
            obj.delete()
            new = ""
        else:
            obj = apply(obj)
            obj.save()
            oid, new = obj.pk, describe(obj)
        return m.Revision.objects.create(task_list=list_task.task_list, list_task=list_task, kind=kind,
                                         object_id=oid, old=old, new=new, reason=reason, user=user)
