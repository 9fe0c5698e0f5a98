"""The supervision loop's records.

    TaskList ─┬─ ListTask (a copy of one kb Task: key, content) ─┬─ Milestone (deadline, share)
              │                                                  ├─ Goal (parsed target)
              │                                                  └─ Assignment (task × unit)
              │                                                        └─ ProgressReport ─┬─ ReportValue
              │                                                                           ├─ Evidence
              │                                                                           └─ Review
              └─ Revision (deadline/target change with a reason), AuditEntry (every change)

The kb records a list was opened from are referenced with SET_NULL: a
re-ingest that changes or drops a task never deletes supervision history.
"""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from ..kb.models import Document, Task, Unit

ROLE_LABELS = {"lead": "牵头", "cooperate": "配合", "implement": "落实", "responsible": "负责"}
PRIMARY_ROLES = ("lead", "responsible")


def default_cadence() -> dict:
    return {"every": "month", "due_day": 5}


class Profile(models.Model):
    """A user's place in the loop."""
    SUPERVISOR, REPORTER, LEADER = "supervisor", "reporter", "leader"
    ROLES = [(SUPERVISOR, "督查室"), (REPORTER, "单位填报员"), (LEADER, "领导")]
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supervision")
    role = models.CharField(max_length=20, choices=ROLES)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="reporters")
    display_name = models.CharField(max_length=100, blank=True, default="")

    def __str__(self) -> str:
        return f"{self.user.username} ({self.get_role_display()})"


class TaskList(models.Model):
    """A document's tasks opened for supervision for one year."""
    name = models.CharField(max_length=300)
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="task_lists")
    document_ref = models.CharField(max_length=300, blank=True, default="")   # 发文字号 or title, kept
    year = models.PositiveIntegerField()
    start_date = models.DateField()
    end_date = models.DateField()
    cadence = models.JSONField(default=default_cadence)        # {"every": "month", "due_day": 5}
    status_rules = models.JSONField(default=dict, blank=True)  # overrides of status.DEFAULT_RULES
    scoring_rules = models.JSONField(default=dict, blank=True)  # overrides of scoring.DEFAULT_RULES
    published = models.BooleanField(default=False)
    closed = models.BooleanField(default=False)
    supervisors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="supervised_lists")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("supervision:list", args=[self.pk])

    @property
    def due_day(self) -> int:
        return int((self.cadence or {}).get("due_day") or 5)


class ListTask(models.Model):
    task_list = models.ForeignKey(TaskList, on_delete=models.CASCADE, related_name="tasks")
    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    order = models.PositiveIntegerField(default=0)
    key = models.CharField(max_length=40)
    heading = models.TextField(blank=True, default="")
    content = models.TextField()

    class Meta:
        ordering = ["task_list", "order"]

    def __str__(self) -> str:
        return f"{self.key} {self.content[:30]}"

    def deadline(self) -> dt.date:
        dates = [m.date for m in self.milestones.all()]
        return max(dates) if dates else self.task_list.end_date


class Milestone(models.Model):
    """A deadline of a task: by `date`, `share` (0–1) of the work done; no share = all of it."""
    list_task = models.ForeignKey(ListTask, on_delete=models.CASCADE, related_name="milestones")
    date = models.DateField()
    share = models.FloatField(null=True, blank=True)
    text = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["list_task", "date", "id"]


class Goal(models.Model):
    """A parsed target (指标): 5G基站 2000 座."""
    list_task = models.ForeignKey(ListTask, on_delete=models.CASCADE, related_name="goals")
    order = models.PositiveIntegerField(default=0)
    metric = models.TextField()
    value = models.FloatField()
    unit = models.CharField(max_length=40, blank=True, default="")
    comparator = models.CharField(max_length=20, blank=True, default="")

    class Meta:
        ordering = ["list_task", "order", "id"]

    def __str__(self) -> str:
        return f"{self.metric} {self.value:g}{self.unit}"


class Assignment(models.Model):
    """One task × one responsible unit. Primary assignments (lead, or
    responsible where a task names no lead) report for the task; the others
    contribute to the lead's report."""
    task_list = models.ForeignKey(TaskList, on_delete=models.CASCADE, related_name="assignments")
    list_task = models.ForeignKey(ListTask, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="assignments")
    role = models.CharField(max_length=20, choices=list(ROLE_LABELS.items()))
    primary = models.BooleanField(default=True)
    via = models.CharField(max_length=300, blank=True, default="")   # the collective it was named through
    active = models.BooleanField(default=True)
    done = models.BooleanField(default=False)                         # 销号: confirmed by a supervisor
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")

    class Meta:
        ordering = ["task_list", "list_task__order", "-primary", "id"]
        constraints = [models.UniqueConstraint(fields=["list_task", "unit"], name="supervision_assignment_unique")]
        indexes = [models.Index(fields=["unit", "task_list"])]

    def __str__(self) -> str:
        return f"{self.list_task.key} {self.unit.name}"

    def get_absolute_url(self) -> str:
        return reverse("supervision:assignment", args=[self.pk])

    @property
    def role_label(self) -> str:
        return ROLE_LABELS.get(self.role, self.role)


class ProgressReport(models.Model):
    DRAFT, SUBMITTED, RETURNED, ACCEPTED = "draft", "submitted", "returned", "accepted"
    STATES = [(DRAFT, "草稿"), (SUBMITTED, "已报送"), (RETURNED, "已退回"), (ACCEPTED, "已审核")]
    PROPOSALS = [("ongoing", "推进中"), ("done", "申请销号")]
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="reports")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    report_date = models.DateField()                  # the date the report speaks for (backdatable)
    period = models.CharField(max_length=7)           # YYYY-MM of report_date
    entered_at = models.DateTimeField(default=timezone.now, editable=False)   # when it was typed in
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)   # first submission
    text = models.TextField()
    percent = models.FloatField(default=0)
    proposed_status = models.CharField(max_length=20, choices=PROPOSALS, default="ongoing")
    state = models.CharField(max_length=20, choices=STATES, default=DRAFT, db_index=True)
    folded = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="folded_into")

    class Meta:
        ordering = ["assignment", "-report_date", "-id"]
        indexes = [models.Index(fields=["assignment", "state", "report_date"])]

    def __str__(self) -> str:
        return f"{self.assignment} {self.report_date}"

    def get_absolute_url(self) -> str:
        return reverse("supervision:report", args=[self.pk])

    @property
    def is_contribution(self) -> bool:
        return not self.assignment.primary


class ReportValue(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="values")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="values")
    value = models.FloatField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "goal"], name="supervision_value_unique")]


def evidence_path(instance: "Evidence", filename: str) -> str:
    import uuid
    from pathlib import PurePath

    suffix = PurePath(filename).suffix.lower()[:10]
    a = instance.report.assignment
    return f"evidence/{a.task_list_id}/{a.unit_id}/{uuid.uuid4().hex}{suffix}"


class Evidence(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=evidence_path, max_length=300)
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "id"]

    def get_absolute_url(self) -> str:
        return reverse("supervision:evidence", args=[self.pk])


class Review(models.Model):
    RETURN, ACCEPT = "return", "accept"
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=10, choices=[(RETURN, "退回"), (ACCEPT, "审核通过")])
    comment = models.TextField(blank=True, default="")
    at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["report", "at", "id"]


class Revision(models.Model):
    """A supervisor's change of a deadline or target, with its reason."""
    task_list = models.ForeignKey(TaskList, on_delete=models.CASCADE, related_name="revisions")
    list_task = models.ForeignKey(ListTask, on_delete=models.CASCADE, related_name="revisions")
    kind = models.CharField(max_length=20, choices=[("milestone", "时限"), ("goal", "指标")])
    object_id = models.BigIntegerField(null=True, blank=True)
    old = models.TextField(blank=True, default="")
    new = models.TextField(blank=True, default="")
    reason = models.TextField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]


class AuditEntry(models.Model):
    """Every create, change and delete of a supervision record: who, when, old → new."""
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    username = models.CharField(max_length=150, blank=True, default="")
    action = models.CharField(max_length=10)          # create | change | delete
    model = models.CharField(max_length=50, db_index=True)
    object_id = models.CharField(max_length=40)
    object_repr = models.CharField(max_length=300, blank=True, default="")
    changes = models.JSONField(default=dict)          # {field: [old, new]}
    task_list = models.ForeignKey(TaskList, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-at", "-id"]


class ApiToken(models.Model):
    """A bearer token for the JSON API (Authorization: Bearer gbt_…), issued to
    one user: only its SHA-256 digest is kept. It stops working when revoked,
    when it expires, when its user is deactivated or changes password."""
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)          # sha256 of the token, hex
    prefix = models.CharField(max_length=12)                       # its first characters, to tell tokens apart
    auth_hash = models.CharField(max_length=128)                   # the user's session auth hash at issue
    name = models.CharField(max_length=100, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user.get_username()})"


class Notification(models.Model):
    """An in-app message (and, once emailed, `emailed_at`). `key` makes reminders idempotent."""
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20)            # deadline | missing | returned | accepted
    key = models.CharField(max_length=200)
    assignment = models.ForeignKey(Assignment, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True, default="")
    url = models.CharField(max_length=300, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="supervision_notification_once")]
