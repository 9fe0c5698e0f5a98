"""The demo: the supervision loop set up on a gazette file.

    demo(path, force=False, password=None, seed=1) -> DemoResult

ingests the file, opens every document of it that has tasks with responsible
units as a task list, creates a supervisor (督查室), a leader and one reporter
per responsible unit, and generates months of made-up monthly reports (some
late, missing or returned; finished ones confirmed done) so the dashboards,
ledgers and rankings have something to show. The made-up history is
bulk-inserted (no audit entries for it; one entry records the generation).

Demo accounts are never created under production settings (DEBUG off)
unless force=True.
"""
from __future__ import annotations

import datetime as dt
import random
import secrets
from dataclasses import dataclass, field
from typing import Optional

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ...kb import models as kb
from .. import models as m
from ..audit import acting
from ..status import Schedule, expected_percent, month_key, periods
from .workflow import documents_with_tasks, open_task_list

PHRASES = [
    "召开专题推进会，明确责任分工和时间节点", "对照年度目标细化月度计划，逐项推进落实",
    "开展实地督导检查，协调解决推进中的困难问题", "完成阶段性工作任务，相关材料已归档",
    "加强与配合单位沟通对接，形成工作合力", "组织开展专项排查，建立问题清单并限期整改",
    "项目前期手续加快办理，资金保障逐步落实", "总结经验做法，完善长效工作机制",
]


class DemoRefused(Exception):
    pass


@dataclass
class DemoResult:
    task_lists: list = field(default_factory=list)
    accounts: list = field(default_factory=list)       # (username, password, role, unit name)
    reports: int = 0

    def format(self) -> str:
        out = ["任务清单："]
        for tl in self.task_lists:
            out.append(f"  #{tl.pk} {tl.name}（{tl.assignments.count()} 项督办）  /supervision/lists/{tl.pk}/")
        out.append(f"生成进展报告 {self.reports} 份")
        out.append("账号（用户名  密码  角色  单位）：")
        for username, password, role, unit in self.accounts:
            out.append(f"  {username}  {password}  {role}  {unit}")
        out.append("登录：/supervision/login/")
        return "\n".join(out)


_HASHES: dict[str, str] = {}


def _account(username: str, password: str, role: str, unit: Optional[kb.Unit], name: str):
    from django.contrib.auth.hashers import make_password

    User = get_user_model()
    user, _ = User.objects.get_or_create(username=username)
    if password not in _HASHES:            # one (argon2) hash per distinct demo password
        _HASHES[password] = make_password(password)
    user.password = _HASHES[password]
    user.email = f"{username}@example.invalid"
    user.is_active = True
    user.save()
    m.Profile.objects.update_or_create(user=user, defaults={"role": role, "unit": unit, "display_name": name})
    return user


def demo(path, *, force: bool = False, password: Optional[str] = None, seed: int = 1,
         today: Optional[dt.date] = None) -> DemoResult:
    if not settings.DEBUG and not force:
        raise DemoRefused("生产配置（DEBUG 关闭）下不创建演示账号；确需创建请加 --force")
    from ...services.ingest import ingest

    today = today or timezone.localdate()
    result = ingest(path)
    docs = list(documents_with_tasks().filter(source_file_id=result.source_file_id).order_by("signed_date", "id"))
    out = DemoResult()
    with transaction.atomic():
        sup_pw = password or secrets.token_urlsafe(9)
        supervisor = _account("supervisor", sup_pw, m.Profile.SUPERVISOR, None, "督查室")
        leader_pw = password or secrets.token_urlsafe(9)
        _account("leader", leader_pw, m.Profile.LEADER, None, "领导")
        out.accounts += [("supervisor", sup_pw, "督查室", ""), ("leader", leader_pw, "领导", "")]
        for doc in docs:
            year = doc.year or (doc.signed_date.year if doc.signed_date else today.year)
            tl = m.TaskList.objects.filter(document=doc, year=year).first()
            if tl is None:
                tl = open_task_list(doc, user=supervisor, year=year, published=True)
                out.reports += _history(tl, supervisor, random.Random(seed * 1000 + tl.pk), today)
            elif not tl.supervisors.filter(pk=supervisor.pk).exists():
                tl.supervisors.add(supervisor)
            out.task_lists.append(tl)
        rep_pw = password or secrets.token_urlsafe(9)
        units = kb.Unit.objects.filter(assignments__task_list__in=out.task_lists).distinct().order_by("name")
        for unit in units:
            username = f"unit{unit.pk}"
            _account(username, rep_pw, m.Profile.REPORTER, unit, unit.name)
            out.accounts.append((username, rep_pw, "单位填报员", unit.name))
    return out


def _history(tl: m.TaskList, supervisor, rng: random.Random, today: dt.date) -> int:
    """Made-up monthly reports for every assignment of `tl` up to `today`."""
    tz = timezone.get_current_timezone()

    def at(day: dt.date, hour: int) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, rng.randint(0, 59)), tzinfo=tz)

    assignments = list(tl.assignments.select_related("list_task").prefetch_related(
        "list_task__milestones", "list_task__goals"))
    plans = []
    for a in assignments:
        ms = list(a.list_task.milestones.all())
        sched = Schedule(tl.start_date, max((x.date for x in ms), default=tl.end_date),
                         tuple((x.date, x.share) for x in ms))
        pace = rng.choices([1.25, 1.0, 0.8, 0.55, 0.3], weights=[3, 5, 3, 2, 1])[0]
        plans.append((a, sched, pace, list(a.list_task.goals.all())))
    reports, meta = [], []
    for p in periods(tl.start_date, tl.end_date, tl.due_day, today):
        for a, sched, pace, goals in plans:
            if getattr(a, "_demo_done", False):
                continue
            if not a.primary and rng.random() < 0.4:      # contributions are sparser
                continue
            roll = rng.random()
            if roll < 0.07:
                continue                                    # missing this month
            late = roll > 0.85
            pct = min(100.0, round(expected_percent(sched, p.end) * pace + rng.uniform(-5, 5)))
            pct = max(getattr(a, "_demo_pct", 0.0), pct, 0.0)
            if a.primary and pct >= 95 and expected_percent(sched, p.end) >= 90:
                pct = 100.0
            a._demo_pct = pct
            report_date = p.end - dt.timedelta(days=rng.randint(0, 4))
            sub_day = p.due + dt.timedelta(days=rng.randint(2, 12)) if late else p.due - dt.timedelta(days=rng.randint(0, 4))
            sub_day = min(sub_day, today)
            returned = rng.random() < 0.1
            r = m.ProgressReport(assignment=a, author=None, report_date=report_date, period=month_key(report_date),
                                 text=f"{rng.choice(PHRASES)}；{rng.choice(PHRASES)}。累计完成约 {pct:g}%。",
                                 percent=pct, proposed_status="done" if pct >= 100 else "ongoing",
                                 state=m.ProgressReport.ACCEPTED if sub_day + dt.timedelta(days=3) <= today
                                 else m.ProgressReport.SUBMITTED,
                                 submitted_at=at(sub_day, rng.randint(8, 17)))
            r.entered_at = r.submitted_at - dt.timedelta(hours=1)
            reports.append(r)
            meta.append((r, a, goals, pct, sub_day, returned))
            if a.primary and pct >= 100 and sub_day + dt.timedelta(days=5) <= today:
                a._demo_done = True
                a.done, a.done_by = True, supervisor
                a.done_at = at(sub_day + dt.timedelta(days=5), 10)
    m.ProgressReport.objects.bulk_create(reports, batch_size=1000)
    values, reviews = [], []
    for r, a, goals, pct, sub_day, returned in meta:
        for g in goals:
            values.append(m.ReportValue(report=r, goal=g, value=round(g.value * pct / 100, 2)))
        if returned:
            reviews.append(m.Review(report=r, reviewer=supervisor, action=m.Review.RETURN,
                                    comment="佐证材料不全，请补充后重新报送",
                                    at=at(min(sub_day + dt.timedelta(days=1), today), 15)))
        if r.state == m.ProgressReport.ACCEPTED:
            reviews.append(m.Review(report=r, reviewer=supervisor, action=m.Review.ACCEPT,
                                    at=at(min(sub_day + dt.timedelta(days=3), today), 16)))
    m.ReportValue.objects.bulk_create(values, batch_size=2000)
    m.Review.objects.bulk_create(reviews, batch_size=2000)
    for a, *_ in plans:
        if a.done:
            m.Assignment.objects.filter(pk=a.pk).update(done=True, done_at=a.done_at, done_by=a.done_by)
    with acting(supervisor):
        m.AuditEntry.objects.create(user=supervisor, username=supervisor.username, action="create",
                                    model="demo", object_id=str(tl.pk), object_repr="演示数据",
                                    changes={"reports": [None, len(reports)]}, task_list=tl)
    return len(reports)
