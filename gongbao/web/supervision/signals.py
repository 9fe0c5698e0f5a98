"""Record every create/change/delete of this app's models in AuditEntry."""
from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from . import models as m
from .audit import current_user, plain, record

AUDITED = (m.TaskList, m.ListTask, m.Milestone, m.Goal, m.Assignment, m.ProgressReport, m.ReportValue,
           m.Evidence, m.Review, m.Revision, m.Profile, m.ApiToken)
SKIP_FIELDS = {"updated_at", "entered_at", "created_at", "uploaded_at", "at",
               "digest", "auth_hash"}          # an API token's digest and its user's auth hash stay out of the trail


def _fields(obj) -> dict:
    out = {}
    for f in obj._meta.concrete_fields:
        if f.name in SKIP_FIELDS or f.primary_key:
            continue
        out[f.name] = plain(getattr(obj, f.attname))
    return out


def _task_list_id(obj):
    for attr in ("task_list_id",):
        if hasattr(obj, attr):
            return getattr(obj, attr)
    if isinstance(obj, m.TaskList):
        return obj.pk
    for path in ("list_task", "assignment", "report"):
        parent = getattr(obj, path, None) if hasattr(obj, path + "_id") else None
        if parent is not None:
            return _task_list_id(parent)
    return None


def _write(obj, action: str, changes: dict, link: bool = True) -> None:
    user = current_user()
    try:
        text = str(obj)[:300]
    except Exception:
        text = ""
    record(m.AuditEntry(
        user=user, username=user.get_username() if user else "", action=action,
        model=obj._meta.model_name, object_id=str(obj.pk), object_repr=text, changes=changes,
        task_list_id=_task_list_id(obj) if link else None))


@receiver(pre_save)
def _remember(sender, instance, raw=False, **kwargs):
    if raw or sender not in AUDITED or instance.pk is None:
        return
    old = sender.objects.filter(pk=instance.pk).first()
    instance._audit_old = _fields(old) if old is not None else None


@receiver(post_save)
def _saved(sender, instance, created, raw=False, **kwargs):
    if raw or sender not in AUDITED:
        return
    if created:
        created_entry(instance)
        return
    new = _fields(instance)
    old = getattr(instance, "_audit_old", None) or {}
    changes = {k: [old.get(k), v] for k, v in new.items() if old.get(k) != v}
    if changes:
        _write(instance, "change", changes)
    instance._audit_old = new


def created_entry(instance) -> None:
    """The audit entry of a new record (also for rows made with bulk_create, which sends no signals)."""
    _write(instance, "create", {k: [None, v] for k, v in _fields(instance).items() if v not in (None, "", [], {})})


@receiver(post_delete)
def _deleted(sender, instance, **kwargs):
    if sender not in AUDITED:
        return
    # no link to the task list: it may be the very row being deleted
    _write(instance, "delete", {k: [v, None] for k, v in _fields(instance).items() if v not in (None, "")},
           link=False)
