from django.db import models
from django.urls import reverse

from .base import SourceSpan
from .documents import Document
from .units import Unit

ROLE_LABELS = {"lead": "牵头", "cooperate": "配合", "implement": "落实", "responsible": "负责"}


class Task(SourceSpan):
    """A responsibility-bearing item of a document (key "N" or "N.k")."""
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="tasks")
    key = models.CharField(max_length=40)
    heading = models.TextField(blank=True, default="")
    section = models.TextField(blank=True, default="")
    content = models.TextField()

    class Meta:
        ordering = ["document", "order"]
        indexes = [models.Index(fields=["document", "order"])]

    def __str__(self) -> str:
        return f"{self.document.ref} {self.key}"

    def get_absolute_url(self) -> str:
        return reverse("kb:task", args=[self.pk])


class Responsibility(models.Model):
    ROLES = [(k, v) for k, v in ROLE_LABELS.items()]
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="responsibilities")
    # no index of its own: the (unit, role, task) index below serves a look-up by unit, and each
    # more index of a unit's rows is hundreds more pages a store rewrites (its rows go to many units)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="responsibilities", db_index=False)
    role = models.CharField(max_length=20, choices=ROLES)
    printed = models.CharField(max_length=300)   # the unit as printed in this task
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["task", "order"]
        # covering indexes for the unit / role filters of lists and search
        indexes = [models.Index(fields=["unit", "role", "task"]), models.Index(fields=["role", "task"])]

    @property
    def role_label(self) -> str:
        return ROLE_LABELS.get(self.role, self.role)


class Deadline(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="deadlines")
    order = models.PositiveIntegerField(default=0)
    date = models.DateField(db_index=True)
    share = models.FloatField(null=True, blank=True)
    text = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["task", "order"]


class Target(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="targets")
    order = models.PositiveIntegerField(default=0)
    metric = models.TextField()
    value = models.FloatField()
    unit = models.CharField(max_length=40, blank=True, default="")
    comparator = models.CharField(max_length=20, blank=True, default="")
    text = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["task", "order"]
