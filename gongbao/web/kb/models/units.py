from django.db import models
from django.urls import reverse


class Unit(models.Model):
    """A responsible body. `key` is the canonical id the core's registry gives
    (or the printed name when it gives none); aliases are other printed names."""
    key = models.CharField(max_length=300, unique=True)
    name = models.CharField(max_length=300, db_index=True)
    members = models.JSONField(default=list)   # a collective's members, as the corpus names them
    # kept by the store (services/store.py) so lists can sort by them on a large corpus
    n_tasks = models.IntegerField(default=0, db_index=True)
    n_lead = models.IntegerField(default=0)
    n_cooperate = models.IntegerField(default=0)
    n_implement = models.IntegerField(default=0)
    n_responsible = models.IntegerField(default=0)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("kb:unit", args=[self.pk])


class UnitAlias(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300, db_index=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="kb_unitalias_unique")]

    def __str__(self) -> str:
        return self.name
