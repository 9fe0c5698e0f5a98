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

from django.conf import settings
from django.db import connection
from django.db.models import F, Prefetch, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from ...kb.models import Unit
from .. import models as m
from .. import scoring, status
from ..compiled import Compiled, prefetched

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


def assignments_for_status(qs, values: bool = True, latest_on: Optional[dt.date] = None,
                           units: Iterable = ()) -> list[m.Assignment]:
    """The assignments of `qs` with what snapshot() needs prefetched: every
    counted report (with its values unless values=False), or, with
    `latest_on`, only the latest counted report as of that day (enough for the
    status on that day: one row per assignment instead of its whole history;
    `units` already read are not read again)."""
    if isinstance(qs, list):
        return qs
    if latest_on is not None:
        # the task lists and units are few: read once each and shared, not joined into every row
        items = list(qs.select_related(None).select_related("list_task"))
        lists = m.TaskList.objects.in_bulk({a.task_list_id for a in items})
        known = {u.pk: u for u in units}
        known.update(Unit.objects.in_bulk({a.unit_id for a in items} - set(known)) if items else {})
        for a in items:
            a.task_list, a.unit = lists[a.task_list_id], known[a.unit_id]
        _attach_schedules(items)
        _attach_latest(items, latest_on)
        return items
    qs = qs.select_related("unit", "list_task", "task_list").prefetch_related("list_task__milestones",
                                                                             "list_task__goals")
    counted = m.ProgressReport.objects.filter(state__in=COUNTED).order_by("-report_date", "-id")
    items = list(qs.prefetch_related(Prefetch("reports", queryset=counted, to_attr="counted")))
    if values:
        _attach_values(items)
    return items


def with_status_data(a: m.Assignment, values: bool = True, on: Optional[dt.date] = None) -> m.Assignment:
    """`a` (read with its task list, task and unit) with what snapshot(a, on)
    needs, without reading the assignment again: its milestones and goals, its
    latest counted report as of `on` (default today) and, with values, the
    current value of each goal (not its whole history)."""
    on = on or today()
    lt = a.list_task
    prefetched(lt, "milestones", _MILESTONES.all(lt.pk))
    prefetched(lt, "goals", _GOALS.all(lt.pk))
    a.counted, a._latest_on = [], on
    day_end = _day_end(on)
    latest = _LATEST.first(a.pk, on, day_end)
    if latest is not None:
        latest.assignment = a
        a.counted = [latest]
    if values:
        current: dict = {}
        if latest is not None and a.list_task.goals.all():
            rows = _VALUES.all(a.pk, on, day_end)
            for gid, value, rid in rows:          # newest first: the first value seen per goal is current
                current.setdefault(gid, (value, rid))
            reports = {latest.pk: latest}
            missing = {rid for _, rid in current.values()} - set(reports)
            if missing:
                reports.update(m.ProgressReport.objects.in_bulk(missing))
            current = {gid: (value, reports[rid]) for gid, (value, rid) in current.items()}
        a._current_values = (on, current)
    return a


# the look-ups of with_status_data, compiled once (compiled.py); the samples are placeholders
_ID, _DAY, _MOMENT = -7_340_033, dt.date(1901, 2, 3), dt.datetime(1901, 2, 3, 4, 5, 6, tzinfo=dt.timezone.utc)


def _counted_on(prefix: str, on, day_end) -> Q:
    """Reports counted at the end of day `on` (field names under `prefix`)."""
    return Q(**{f"{prefix}state__in": COUNTED, f"{prefix}report_date__lte": on}) \
        & (Q(**{f"{prefix}submitted_at__isnull": True}) | Q(**{f"{prefix}submitted_at__lt": day_end}))


# one task's milestones and goals in their models' order (Meta.ordering, without the join to the task)
_MILESTONES = Compiled(lambda lt: m.Milestone.objects.filter(list_task_id=lt).order_by("date", "id"), _ID)
_GOALS = Compiled(lambda lt: m.Goal.objects.filter(list_task_id=lt).order_by("order", "id"), _ID)
_LATEST = Compiled(lambda a, on, day_end: m.ProgressReport.objects.filter(_counted_on("", on, day_end), assignment_id=a)
                   .order_by("-report_date", "-id")[:1], _ID, _DAY, _MOMENT)
_VALUES = Compiled(lambda a, on, day_end: m.ReportValue.objects.filter(_counted_on("report__", on, day_end),
                                                                       report__assignment_id=a)
                   .order_by("-report__report_date", "-report_id").values_list("goal_id", "value", "report_id"),
                   _ID, _DAY, _MOMENT)


def _attach_values(items: list[m.Assignment]) -> None:
    """The values of the counted reports of each assignment whose task has
    goals, in one query (a._report_values: report id -> [ReportValue])."""
    ids = [r.pk for a in items if a.list_task.goals.all() for r in a.counted]
    found: dict[int, list] = {}
    if ids:
        for v in m.ReportValue.objects.filter(report_id__in=ids).order_by("id"):
            found.setdefault(v.report_id, []).append(v)
    for a in items:
        a._report_values = found


def _day_end(on: dt.date):
    """The first moment after day `on` (local time), comparable with submitted_at."""
    moment = dt.datetime.combine(on + dt.timedelta(days=1), dt.time.min)
    return timezone.make_aware(moment) if settings.USE_TZ else moment


def _attach_schedules(items: list[m.Assignment], milestone_rows=None) -> None:
    """Set a._schedule for every assignment from one query of the milestones
    (cheaper than prefetch_related for a page of status rows; or from
    `milestone_rows` already read: (task id, date, share) in date order)."""
    by_task: dict[int, list] = {a.list_task_id: [] for a in items}
    if by_task:
        rows = milestone_rows if milestone_rows is not None else \
            m.Milestone.objects.filter(list_task_id__in=list(by_task)).order_by("date", "id") \
            .values_list("list_task_id", "date", "share")
        for x in rows:
            by_task[x[0]].append((x[1], x[2]))
    for a in items:
        ms = by_task[a.list_task_id]
        a._schedule = status.Schedule(a.task_list.start_date, max((d for d, _ in ms), default=a.task_list.end_date),
                                      tuple(ms))


def _attach_latest(items: list[m.Assignment], on: dt.date, latest=None) -> None:
    """Set a.counted to [the latest report of `a` counted on day `on`] (or [])
    for every assignment, in one query (DISTINCT ON or a window function; the
    fields status rows show: other fields of these reports are read on access),
    or from `latest` already read (those reports of these assignments)."""
    by_id = {a.pk: a for a in items}
    for a in items:
        a.counted, a._latest_on = [], on
    if not by_id:
        return
    if latest is None:
        latest = _latest_of(m.ProgressReport.objects.filter(assignment_id__in=list(by_id)), on, _day_end(on))
    for r in latest:
        by_id[r.assignment_id].counted = [r]


def _latest_of(reports, on: dt.date, day_end):
    """The latest of `reports` counted on day `on`, one per assignment."""
    counted = reports.filter(_counted_on("", on, day_end))
    if connection.features.can_distinct_on_fields:      # PostgreSQL: DISTINCT ON, the cheaper query
        latest = counted.order_by("assignment_id", "-report_date", "-id").distinct("assignment_id")
    else:
        latest = counted.annotate(_rank=Window(RowNumber(), partition_by=[F("assignment_id")],
                                               order_by=[F("report_date").desc(), F("id").desc()])) \
            .filter(_rank=1).order_by()
    return latest.only("id", "assignment_id", "report_date", "submitted_at", "percent", "state")


# a unit's task page (a reporter's most visited): its look-ups keyed by the unit, compiled once
_UNIT_ASSIGNMENTS = Compiled(lambda u: m.Assignment.objects.filter(unit_id=u, active=True).select_related("list_task"),
                             _ID)
_UNIT_LISTS = Compiled(lambda u: m.TaskList.objects.filter(assignments__unit_id=u, assignments__active=True)
                       .distinct().order_by(), _ID)
_UNIT_MILESTONES = Compiled(lambda u: m.Milestone.objects.filter(list_task__assignments__unit_id=u,
                                                                 list_task__assignments__active=True)
                            .order_by("date", "id").values_list("list_task_id", "date", "share"), _ID)
_UNIT_LATEST = Compiled(lambda u, on, day_end: _latest_of(m.ProgressReport.objects.filter(
    assignment__unit_id=u, assignment__active=True), on, day_end), _ID, _DAY, _MOMENT)


def unit_snapshots(unit, on: Optional[dt.date] = None) -> list[Snapshot]:
    """snapshots(unit's active assignments, on, values=False), in their usual
    order: the same rows, read with four compiled queries keyed by the unit."""
    on = on or today()
    items = _UNIT_ASSIGNMENTS.all(unit.pk)
    lists = {tl.pk: tl for tl in _UNIT_LISTS.all(unit.pk)}
    for a in items:
        a.task_list, a.unit = lists[a.task_list_id], unit
    _attach_schedules(items, _UNIT_MILESTONES.rows(unit.pk) if items else [])
    _attach_latest(items, on, _UNIT_LATEST.all(unit.pk, on, _day_end(on)) if items else [])
    return [snapshot(a, on, values=False) for a in items]


def _rows(a: m.Assignment, on: Optional[dt.date] = None, full: bool = False) -> list:
    """(report date, local date first submitted, report) of `a`'s counted reports, newest first (cached).
    An assignment prefetched with only its latest report (assignments_for_status(latest_on=…))
    has its full history read here when asked for another day or for values (`full`)."""
    latest_on = getattr(a, "_latest_on", None)
    if latest_on is not None and (full or latest_on != on):
        a.counted = list(a.reports.filter(state__in=COUNTED).prefetch_related("values")
                         .order_by("-report_date", "-id"))
        a._latest_on = a._progress_rows = None
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
    known = getattr(a, "_current_values", None)
    known = known[1] if known is not None and known[0] == on else None     # with_status_data(a, on=on)
    reports = [r for d, sub, r in _rows(a, on, full=values and known is None)
               if d <= on and (sub is None or sub <= on)]
    latest = reports[0] if reports else None
    current: dict = {}
    if values and known is not None:
        current = dict(known)
    elif values:
        found = getattr(a, "_report_values", None)
        for r in reports:                      # newest first: the first value seen per goal is current
            for v in (found.get(r.pk, ()) if found is not None else r.values.all()):
                current.setdefault(v.goal_id, (v.value, r))
    sched = getattr(a, "_schedule", None)
    if sched is None:
        sched = a._schedule = schedule_for(a.list_task, a.task_list)
    done = a.done and (a.done_at is None or local_date(a.done_at) <= on)
    data = status.AssignmentData(sched, latest.percent if latest else None, done)
    return Snapshot(a, status.assess(data, on, a.task_list.status_rules), latest, current)


def snapshots(qs, on: Optional[dt.date] = None, values: bool = True, units: Iterable = ()) -> list[Snapshot]:
    """Snapshots of the assignments of `qs` on day `on` (default today). Without
    values only each assignment's latest counted report is read."""
    if values:
        return [snapshot(a, on, values=True) for a in assignments_for_status(qs, True)]
    on = on or today()
    return [snapshot(a, on, values=False) for a in assignments_for_status(qs, False, latest_on=on, units=units)]


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
