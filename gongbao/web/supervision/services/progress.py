"""Where assignments stand: latest progress, current values, status, and the
records scoring works on. Reads the database; the rules are status.py and
scoring.py.

Reports that count are the submitted and accepted ones (drafts are private,
returned ones wait for their fix); the current percent and each current
value are the latest by report date.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Optional

from django.db.models import Prefetch
from django.utils import timezone

from .. import models as m
from .. import scoring, status

COUNTED = (m.ProgressReport.SUBMITTED, m.ProgressReport.ACCEPTED)


def today() -> dt.date:
    return timezone.localdate()


def local_date(moment: Optional[dt.datetime]) -> Optional[dt.date]:
    if moment is None:
        return None
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def schedule_for(list_task: m.ListTask, task_list: m.TaskList) -> status.Schedule:
    ms = list(list_task.milestones.all())
    deadline = max((x.date for x in ms), default=task_list.end_date)
    return status.Schedule(task_list.start_date, deadline, tuple((x.date, x.share) for x in ms))


@dataclass
class Snapshot:
    assignment: m.Assignment
    status: status.Status
    latest: Optional[m.ProgressReport] = None
    values: dict = field(default_factory=dict)      # goal id -> (value, report)

    @property
    def goals(self) -> list:
        """[(goal, current value or None)] for the ledger and pages."""
        return [(g, self.values.get(g.pk, (None, None))[0]) for g in self.assignment.list_task.goals.all()]


def assignments_for_status(qs, values: bool = True) -> list[m.Assignment]:
    if isinstance(qs, list):
        return qs
    counted = m.ProgressReport.objects.filter(state__in=COUNTED).order_by("-report_date", "-id")
    if values:
        counted = counted.prefetch_related("values")
    return list(qs.select_related("unit", "list_task", "task_list").prefetch_related(
        "list_task__milestones", "list_task__goals", Prefetch("reports", queryset=counted, to_attr="counted")))


def _rows(a: m.Assignment) -> list:
    """(report date, local date first submitted, report) of `a`'s counted reports, newest first (cached)."""
    rows = getattr(a, "_progress_rows", None)
    if rows is None:
        reports = getattr(a, "counted", None)
        if reports is None:
            reports = list(a.reports.filter(state__in=COUNTED).prefetch_related("values")
                           .order_by("-report_date", "-id"))
        rows = a._progress_rows = [(r.report_date, local_date(r.submitted_at), r) for r in reports]
    return rows


def snapshot(a: m.Assignment, on: Optional[dt.date] = None, *, values: bool = True) -> Snapshot:
    """Where `a` stood at the end of day `on` (default today); `a` should come
    from assignments_for_status (its reports prefetched)."""
    on = on or today()
    reports = [r for d, sub, r in _rows(a) if d <= on and (sub is None or sub <= on)]
    latest = reports[0] if reports else None
    current: dict = {}
    if values:
        for r in reports:                      # newest first: the first value seen per goal is current
            for v in r.values.all():
                current.setdefault(v.goal_id, (v.value, r))
    sched = getattr(a, "_schedule", None)
    if sched is None:
        sched = a._schedule = schedule_for(a.list_task, a.task_list)
    done = a.done and (a.done_at is None or local_date(a.done_at) <= on)
    data = status.AssignmentData(sched, latest.percent if latest else None, done)
    return Snapshot(a, status.assess(data, on, a.task_list.status_rules), latest, current)


def snapshots(qs, on: Optional[dt.date] = None, values: bool = True) -> list[Snapshot]:
    return [snapshot(a, on, values=values) for a in assignments_for_status(qs, values)]


def history(qs, task_list: m.TaskList, on: Optional[dt.date] = None) -> list[dict]:
    """Status counts and mean percent at each month end from the list's start to `on`."""
    on = on or today()
    items = assignments_for_status(qs, values=False)
    out = []
    for p in status.periods(task_list.start_date, min(task_list.end_date, on), task_list.due_day):
        day = min(p.end, on)
        snaps = [snapshot(a, day, values=False) for a in items]
        counts = status.count_by_status(s.status for s in snaps)
        mean = round(sum(s.status.actual for s in snaps) / len(snaps), 1) if snaps else 0.0
        out.append({"period": p.key, "date": day.isoformat(), "counts": counts, "mean_percent": mean})
    return out


# --- scoring inputs ------------------------------------------------------------

def scoring_records(qs, on: Optional[dt.date] = None) -> list[scoring.AssignmentRecord]:
    on = on or today()
    items = assignments_for_status(qs, values=False)
    ids = [a.pk for a in items]
    firsts: dict[tuple[int, str], tuple[dt.date, int]] = {}
    for r in m.ProgressReport.objects.filter(assignment_id__in=ids, submitted_at__isnull=False) \
            .order_by("submitted_at").only("id", "assignment_id", "period", "submitted_at"):
        firsts.setdefault((r.assignment_id, r.period), (local_date(r.submitted_at), r.pk))
    returns: dict[int, list[tuple[int, str]]] = {}
    for rv in m.Review.objects.filter(report__assignment_id__in=ids, action=m.Review.RETURN) \
            .select_related("report").order_by("at"):
        if local_date(rv.at) <= on:
            returns.setdefault(rv.report.assignment_id, []).append((rv.report_id, local_date(rv.at).isoformat()))
    out = []
    for a in items:
        snap = snapshot(a, on, values=False)
        tl = a.task_list
        end = tl.end_date
        if a.done and a.done_at:
            end = min(end, local_date(a.done_at))
        recs = []
        for p in status.periods(tl.start_date, end, tl.due_day, on):
            got = firsts.get((a.pk, p.key))
            recs.append(scoring.PeriodRecord(p.key, p.due, got[0] if got else None, got[1] if got else None))
        out.append(scoring.AssignmentRecord(a.pk, a.unit_id, a.unit.name, a.list_task.key, a.role, tuple(recs),
                                            tuple(returns.get(a.pk, [])), snap.status.code, snap.status.code == "done"))
    return out


def scorecards(task_list: m.TaskList, on: Optional[dt.date] = None, qs=None) -> list[scoring.Scorecard]:
    qs = qs if qs is not None else task_list.assignments.filter(active=True)
    return scoring.scorecards(scoring_records(qs, on), task_list.scoring_rules)


def rankings(task_list: m.TaskList, on: Optional[dt.date] = None):
    return scoring.rankings(scorecards(task_list, on), task_list.scoring_rules)
