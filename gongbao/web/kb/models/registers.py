from django.db import models

from .base import SourceSpan
from .documents import Document
from .people import Person

ACTION_LABELS = {"appoint": "任命", "dismiss": "免去", "nominate": "提名", "nominate_dismiss": "提请免去"}
LIST_LABELS = {"representative": "代表性项目", "extension": "扩展项目"}
KIND_LABELS = {"unit": "集体", "individual": "个人"}


class Group(SourceSpan):
    """A leading group, working group (专班), committee or joint meeting."""
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="groups")
    name = models.TextField()
    office_host = models.CharField(max_length=300, blank=True, default="")

    class Meta:
        ordering = ["document", "order"]


class Member(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    order = models.PositiveIntegerField(default=0)
    role = models.CharField(max_length=40)
    post = models.CharField(max_length=300, blank=True, default="")

    class Meta:
        ordering = ["group", "order"]


class Appointment(SourceSpan):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="appointments")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="appointments")
    action = models.CharField(max_length=20, db_index=True)
    name = models.CharField(max_length=100)
    post = models.TextField()
    note = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        ordering = ["document", "order"]

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)


class HeritageItem(SourceSpan):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="heritage_items")
    list = models.CharField(max_length=20, db_index=True)
    seq = models.IntegerField(default=0)
    code = models.CharField(max_length=40, blank=True, default="")
    category = models.CharField(max_length=60, blank=True, default="", db_index=True)
    name = models.TextField()
    region = models.CharField(max_length=100, blank=True, default="")
    protection_unit = models.CharField(max_length=300, blank=True, default="")

    class Meta:
        ordering = ["document", "order"]

    @property
    def list_label(self) -> str:
        return LIST_LABELS.get(self.list, self.list)


class Inheritor(SourceSpan):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="inheritors")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="inheritor_entries")
    seq = models.IntegerField(default=0)
    code = models.CharField(max_length=40, blank=True, default="")
    category = models.CharField(max_length=60, blank=True, default="", db_index=True)
    project = models.TextField(blank=True, default="")
    batch = models.CharField(max_length=60, blank=True, default="")
    name = models.CharField(max_length=100)
    gender = models.CharField(max_length=10, blank=True, default="")
    county = models.CharField(max_length=100, blank=True, default="")
    protection_unit = models.CharField(max_length=300, blank=True, default="")

    class Meta:
        ordering = ["document", "order"]


class Commendation(SourceSpan):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="commendations")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="commendations")
    kind = models.CharField(max_length=20, db_index=True)
    name = models.CharField(max_length=300)
    organization = models.CharField(max_length=300, blank=True, default="")

    class Meta:
        ordering = ["document", "order"]

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)
