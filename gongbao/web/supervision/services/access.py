"""Who sees and does what.

    supervisor (督查室)   everything in the task lists it supervises (superusers: all lists);
                          reviews, returns, accepts, closes, edits deadlines and targets
    reporter (单位填报员)  bound to one unit: sees and reports only that unit's assignments;
                          a lead unit also sees the submitted contributions of its tasks'
                          cooperating units (never their drafts or evidence files)
    leader (领导)          read-only: task lists, dashboards, ledgers, submitted reports
    anyone                 the public page of a published task list

Drafts are the unit's own: nobody else sees them. Another unit's evidence is
never served to a reporter.
"""
from __future__ import annotations

from django.db.models import Q, QuerySet

from .. import models as m
from ..compiled import Compiled


def profile(user):
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.supervision
    except m.Profile.DoesNotExist:
        return None


def role(user) -> str:
    if not getattr(user, "is_authenticated", False):
        return "anonymous"
    if user.is_superuser:
        return m.Profile.SUPERVISOR
    p = profile(user)
    return p.role if p else "none"


def unit_id(user):
    p = profile(user)
    return p.unit_id if p and p.role == m.Profile.REPORTER else None


def is_supervisor(user, task_list=None) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    if role(user) != m.Profile.SUPERVISOR:
        return False
    if task_list is None:
        return True
    return task_list.supervisors.filter(pk=user.pk).exists()


def is_leader(user) -> bool:
    return role(user) == m.Profile.LEADER


def can_view_list(user, task_list) -> bool:
    if is_supervisor(user, task_list) or is_leader(user):
        return True
    uid = unit_id(user)
    return bool(uid) and task_list.assignments.filter(unit_id=uid).exists()


def can_see_whole_list(user, task_list) -> bool:
    """Supervisors and leaders see every unit's rows, dashboards and exports."""
    return is_supervisor(user, task_list) or is_leader(user)


def visible_lists(user) -> QuerySet:
    qs = m.TaskList.objects.all()
    r = role(user)
    if getattr(user, "is_superuser", False) or r == m.Profile.LEADER:
        return qs
    if r == m.Profile.SUPERVISOR:
        return qs.filter(supervisors=user)
    uid = unit_id(user)
    if uid:
        return qs.filter(assignments__unit_id=uid).distinct()
    return qs.none()


def visible_assignments(user, task_list=None) -> QuerySet:
    qs = m.Assignment.objects.select_related("unit", "list_task", "task_list")
    if task_list is not None:
        qs = qs.filter(task_list=task_list)
    r = role(user)
    if getattr(user, "is_superuser", False) or r == m.Profile.LEADER:
        return qs
    if r == m.Profile.SUPERVISOR:
        return qs.filter(task_list__supervisors=user)
    uid = unit_id(user)
    if uid:
        return qs.filter(unit_id=uid)
    return qs.none()


def can_view_assignment(user, a) -> bool:
    if is_supervisor(user, a.task_list) or is_leader(user):
        return True
    return unit_id(user) == a.unit_id


def can_report(user, a) -> bool:
    return (unit_id(user) == a.unit_id and a.active and not a.done and not a.task_list.closed)


def visible_reports(user, a) -> QuerySet:
    """The reports of assignment `a` this user may see (drafts only for its own unit)."""
    qs = a.reports.all()
    if unit_id(user) == a.unit_id:
        return qs
    if can_view_assignment(user, a):
        return qs.exclude(state=m.ProgressReport.DRAFT)
    return qs.none()


def contributions(user, a) -> QuerySet:
    """Submitted contributions of the cooperating units of `a`'s task, for its
    lead unit, its supervisors and leaders."""
    qs = m.ProgressReport.objects.filter(assignment__list_task=a.list_task, assignment__primary=False) \
        .exclude(state=m.ProgressReport.DRAFT).select_related("assignment__unit")
    if not a.primary:
        return qs.none()
    if unit_id(user) == a.unit_id or is_supervisor(user, a.task_list) or is_leader(user):
        return qs
    return qs.none()


def can_view_report(user, r) -> bool:
    a = r.assignment
    if unit_id(user) == a.unit_id:
        return True
    if r.state == m.ProgressReport.DRAFT:
        return False
    if is_supervisor(user, a.task_list) or is_leader(user):
        return True
    uid = unit_id(user)
    if uid and not a.primary:     # a contribution: its task's lead units read it
        return m.Assignment.objects.filter(list_task=a.list_task, unit_id=uid, primary=True).exists()
    return False


def can_view_evidence(user, ev) -> bool:
    r = ev.report
    a = r.assignment
    if unit_id(user) == a.unit_id:
        return True
    if r.state == m.ProgressReport.DRAFT:
        return False
    return is_supervisor(user, a.task_list) or is_leader(user)


def can_edit_report(user, r) -> bool:
    return (unit_id(user) == r.assignment.unit_id
            and r.state in (m.ProgressReport.DRAFT, m.ProgressReport.RETURNED)
            and not r.assignment.task_list.closed)


def can_review(user, r) -> bool:
    return is_supervisor(user, r.assignment.task_list)


def filter_public(qs: QuerySet) -> QuerySet:
    return qs.filter(published=True)


__all__ = [name for name in dir() if not name.startswith("_") and name not in ("Q", "QuerySet", "m", "Compiled")]


# -- lookups the pages and the API share: 404 for what the user may not see ------

_ASSIGNMENT = Compiled(lambda pk: m.Assignment.objects.select_related("task_list", "list_task", "unit")
                       .filter(pk=pk).order_by(), -7_340_033)
_REPORT = Compiled(lambda pk: m.ProgressReport.objects.select_related(
    "assignment__task_list", "assignment__list_task", "assignment__unit").filter(pk=pk).order_by(), -7_340_033)


def _pk(pk) -> int:
    """A primary key from a URL (404 for anything that is not one)."""
    from django.http import Http404

    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < pk < 2 ** 63:
        raise Http404
    return pk


def task_list_or_404(user, pk) -> m.TaskList:
    from django.http import Http404
    from django.shortcuts import get_object_or_404

    tl = get_object_or_404(m.TaskList, pk=pk)
    if not can_view_list(user, tl):
        raise Http404
    return tl


def assignment_or_404(user, pk) -> m.Assignment:
    from django.http import Http404

    a = _ASSIGNMENT.first(_pk(pk))
    if a is None or not can_view_assignment(user, a):
        raise Http404
    return a


def report_or_404(user, pk) -> m.ProgressReport:
    from django.http import Http404

    r = _REPORT.first(_pk(pk))
    if r is None or not can_view_report(user, r):
        raise Http404
    return r
