from django.db import models
from django.urls import reverse


class Person(models.Model):
    """A named person: group members, appointees, inheritors, individuals
    commended. People are keyed by name, so namesakes share a page."""
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("kb:person", args=[self.pk])
