"""Status rules (红黄绿蓝灯) as pure functions of (assignment data, today).

    expected_percent(schedule, today) -> float     序时进度: the pro-rata share due by today
    assess(data, today, rules) -> Status           done | red | yellow | blue | green
    periods(start, end, due_day, today) -> [Period] the reporting periods due by today

Rules (a task list's `status_rules` override DEFAULT_RULES key by key):

    yellow_gap   points behind schedule from which a task is yellow (default 10)
    red_gap      points behind schedule beyond which it is red (default 30)
    warn_days    a deadline within this many days turns an unfinished task blue (default 15)

Order: done (销号, only once a supervisor confirmed) > red (past the final
deadline unfinished, or more than red_gap behind) > yellow (yellow_gap…red_gap
behind) > blue (a deadline within warn_days) > green.

The schedule runs from the list's start (0 %) through each milestone that
states a share (3月底办结70% → 70 % on 31 March) to the final deadline
(100 %), linearly in between. Nothing here touches the database or the clock.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Optional

DEFAULT_RULES = {"yellow_gap": 10.0, "red_gap": 30.0, "warn_days": 15}

STATUS_LABELS = {"done": "已销号", "red": "红灯", "yellow": "黄灯", "blue": "蓝灯", "green": "绿灯"}
STATUS_MEANING = {"done": "督查室确认完成", "red": "严重滞后或逾期未完成", "yellow": "进度滞后",
                  "blue": "时限临近", "green": "按序时推进"}
STATUS_ORDER = ["red", "yellow", "blue", "green", "done"]


def rules_with_defaults(overrides: Optional[dict]) -> dict:
    rules = dict(DEFAULT_RULES)
    for k, v in (overrides or {}).items():
        if k in DEFAULT_RULES and v is not None:
            rules[k] = type(DEFAULT_RULES[k])(v)
    return rules


@dataclass(frozen=True)
class Schedule:
    start: dt.date
    deadline: dt.date                                   # the final deadline
    milestones: tuple[tuple[dt.date, Optional[float]], ...] = ()   # (date, share 0–1 or None)

    def points(self) -> list[tuple[dt.date, float]]:
        """(date, expected percent) knots of the pro-rata line, increasing in both."""
        pts = [(self.start, 0.0)]
        for date, share in sorted(m for m in self.milestones if m[1] is not None):
            pct = max(0.0, min(100.0, share * 100))
            if self.start < date < self.deadline and pct >= pts[-1][1]:
                if date == pts[-1][0]:
                    pts[-1] = (date, pct)
                else:
                    pts.append((date, pct))
        if self.deadline > self.start:
            pts.append((self.deadline, 100.0))
        return pts

    def dates(self) -> list[dt.date]:
        return sorted({d for d, _ in self.milestones} | {self.deadline})


@dataclass(frozen=True)
class AssignmentData:
    schedule: Schedule
    percent: Optional[float] = None       # latest reported percent complete (by report date)
    done: bool = False                    # a supervisor confirmed it (销号)


@dataclass(frozen=True)
class Status:
    code: str
    expected: float
    actual: float
    gap: float
    reason: str
    next_deadline: Optional[dt.date] = None
    days_left: Optional[int] = None

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.code]


def expected_percent(schedule: Schedule, today: dt.date) -> float:
    if today >= schedule.deadline:
        return 100.0
    if today <= schedule.start:
        return 0.0
    pts = schedule.points()
    for (d0, p0), (d1, p1) in zip(pts, pts[1:]):
        if d0 <= today <= d1:
            span = (d1 - d0).days
            return p0 + (p1 - p0) * ((today - d0).days / span if span else 1.0)
    return 100.0     # pragma: no cover


def next_deadline(schedule: Schedule, today: dt.date) -> Optional[dt.date]:
    upcoming = [d for d in schedule.dates() if d >= today]
    return upcoming[0] if upcoming else None


def assess(data: AssignmentData, today: dt.date, rules: Optional[dict] = None) -> Status:
    r = rules_with_defaults(rules)
    s = data.schedule
    actual = max(0.0, min(100.0, float(data.percent or 0.0)))
    expected = round(expected_percent(s, today), 1)
    gap = round(expected - actual, 1)
    nxt = next_deadline(s, today)
    days = (nxt - today).days if nxt else None
    if data.done:
        return Status("done", expected, actual, gap, "督查室已确认销号", nxt, days)
    if today > s.deadline and actual < 100:
        return Status("red", expected, actual, gap, f"已过完成时限（{s.deadline.isoformat()}）仍未完成", nxt, days)
    if gap > r["red_gap"]:
        return Status("red", expected, actual, gap, f"落后序时进度 {gap:g} 个百分点（超过 {r['red_gap']:g}）", nxt, days)
    if gap >= r["yellow_gap"]:
        return Status("yellow", expected, actual, gap, f"落后序时进度 {gap:g} 个百分点", nxt, days)
    if actual < 100 and nxt is not None and days is not None and days <= r["warn_days"]:
        return Status("blue", expected, actual, gap, f"距时限（{nxt.isoformat()}）还有 {days} 天", nxt, days)
    reason = "已完成，待督查室确认销号" if actual >= 100 else "按序时推进"
    return Status("green", expected, actual, gap, reason, nxt, days)


# --- reporting periods ------------------------------------------------------

@dataclass(frozen=True)
class Period:
    key: str             # YYYY-MM
    start: dt.date
    end: dt.date
    due: dt.date         # the report for the month is due by this day of the next month

    @property
    def label(self) -> str:
        return f"{self.start.year}年{self.start.month}月"


def month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def period_of(day: dt.date, due_day: int = 5) -> Period:
    last = calendar.monthrange(day.year, day.month)[1]
    start, end = day.replace(day=1), day.replace(day=last)
    ny, nm = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    due = dt.date(ny, nm, min(max(1, due_day), calendar.monthrange(ny, nm)[1]))
    return Period(month_key(day), start, end, due)


def periods(start: dt.date, end: dt.date, due_day: int = 5, today: Optional[dt.date] = None) -> list[Period]:
    """Monthly periods from start's month to end's month; with `today`, only
    those whose report is already due (due date < today)."""
    out: list[Period] = []
    cur = start.replace(day=1)
    while cur <= end:
        p = period_of(cur, due_day)
        if today is None or p.due < today:
            out.append(p)
        cur = p.end + dt.timedelta(days=1)
    return out


def count_by_status(statuses: Iterable[Status]) -> dict[str, int]:
    counts = {code: 0 for code in STATUS_ORDER}
    for s in statuses:
        counts[s.code] += 1
    return counts
