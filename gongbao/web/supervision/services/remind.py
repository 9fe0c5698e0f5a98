"""Reminders: in-app notifications and email (Django's email backend; the file
backend by default, see conf.py).

    remind(today=None, email=True) -> dict

creates the notifications that are due today, once each (a notification's
key makes a second run add nothing), and emails every notification not yet
emailed to users who have an address (one digest per user):

    deadline   a deadline of an unfinished assignment within the list's warn_days
    missing    last month's report not submitted: from the 1st (due by the due day)
               and again once the due day has passed (overdue)
    returned   a report returned by the supervisor (also created at once on return)
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from .. import models as m
from ..status import period_of, rules_with_defaults


def unit_users(unit_id: int):
    return get_user_model().objects.filter(is_active=True, supervision__role=m.Profile.REPORTER,
                                           supervision__unit_id=unit_id)


def notify_unit(a: m.Assignment, kind: str, key: str, title: str, body: str = "", url: str = "") -> int:
    """Notify every reporter of `a`'s unit once per key; returns how many were new."""
    new = 0
    for user in unit_users(a.unit_id):
        _, created = m.Notification.objects.get_or_create(
            user=user, key=key, defaults={"kind": kind, "assignment": a, "title": title[:300], "body": body,
                                          "url": url})
        new += created
    return new


def due_notifications(today: dt.date) -> int:
    made = 0
    qs = m.Assignment.objects.filter(active=True, done=False, task_list__closed=False) \
        .select_related("task_list", "list_task", "unit").prefetch_related("list_task__milestones")
    units_with_users = set(m.Profile.objects.filter(role=m.Profile.REPORTER, user__is_active=True)
                           .values_list("unit_id", flat=True))
    last_month = period_of(today.replace(day=1) - dt.timedelta(days=1), 5)
    submitted = set(m.ProgressReport.objects.filter(period=last_month.key, submitted_at__isnull=False)
                    .values_list("assignment_id", flat=True))
    for a in qs:
        if a.unit_id not in units_with_users:
            continue
        tl = a.task_list
        if not (tl.start_date <= today):
            continue
        warn = rules_with_defaults(tl.status_rules)["warn_days"]
        lt = a.list_task
        url = a.get_absolute_url()
        dates = sorted({x.date for x in lt.milestones.all()} | ({tl.end_date} if not lt.milestones.all() else set()))
        for d in dates:
            if today <= d <= today + dt.timedelta(days=warn):
                made += notify_unit(a, "deadline", f"deadline:{a.pk}:{d.isoformat()}",
                                    f"时限临近：{lt.key} {lt.content[:40]}",
                                    f"该任务时限为 {d.isoformat()}（还有 {(d - today).days} 天），请抓紧推进并及时报送进展。",
                                    url)
        period = period_of(last_month.start, tl.due_day)
        if period.end < tl.start_date or period.start > tl.end_date or a.pk in submitted:
            continue
        if today <= period.due:
            made += notify_unit(a, "missing", f"missing:{a.pk}:{period.key}",
                                f"请报送{period.label}进展：{lt.key} {lt.content[:40]}",
                                f"{period.label}进展报告应于 {period.due.isoformat()} 前报送。", url)
        else:
            made += notify_unit(a, "missing", f"overdue:{a.pk}:{period.key}",
                                f"{period.label}进展逾期未报：{lt.key} {lt.content[:40]}",
                                f"{period.label}进展报告应于 {period.due.isoformat()} 前报送，现已逾期，请尽快补报。",
                                url)
    return made


def send_pending_email(base_url: str = "") -> int:
    """One email per user listing all of its notifications not yet emailed;
    returns how many notifications went out."""
    pending = list(m.Notification.objects.filter(emailed_at__isnull=True).exclude(user__email="")
                   .select_related("user").order_by("user_id", "id"))
    if not pending:
        return 0
    by_user: dict[int, list] = {}
    for n in pending:
        by_user.setdefault(n.user_id, []).append(n)
    prefix = base_url.rstrip("/")
    sent = 0
    with get_connection() as conn:
        for notes in by_user.values():
            user = notes[0].user
            subject = f"[督查督办] {notes[0].title}" if len(notes) == 1 else f"[督查督办] 您有 {len(notes)} 条提醒"
            body = "\n\n".join(f"{i}. {n.title}\n{n.body}" + (f"\n{prefix}{n.url}" if n.url else "")
                                 for i, n in enumerate(notes, start=1))
            EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email], connection=conn).send()
            m.Notification.objects.filter(pk__in=[n.pk for n in notes]).update(emailed_at=timezone.now())
            sent += len(notes)
    return sent


def remind(today: Optional[dt.date] = None, *, email: bool = True, base_url: str = "") -> dict:
    """Create due notifications and email the pending ones: {"created": n, "emailed": n}."""
    today = today or timezone.localdate()
    with transaction.atomic():
        created = due_notifications(today)
    emailed = send_pending_email(base_url) if email else 0
    return {"created": created, "emailed": emailed}
