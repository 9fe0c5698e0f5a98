"""The audit trail: every create, change and delete of a supervision record,
with the acting user, the time and old → new values (signals.py records them).

The acting user comes from `acting(user)` (services and commands) or, in a
request, from AuditMiddleware (added to MIDDLEWARE by conf.configure).
Inside `batched()` the entries are collected and inserted with one query when
the block ends (compiled.insert_rows: its SQL built once) (the services use it inside their transaction, so a change and
its entries are still committed together).
"""
from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import decimal
from typing import Any

_user: contextvars.ContextVar = contextvars.ContextVar("supervision_user", default=None)
_batch: contextvars.ContextVar = contextvars.ContextVar("supervision_audit_batch", default=None)


def current_user():
    user = _user.get()
    if user is not None and getattr(user, "is_authenticated", False):
        return user
    return None


@contextlib.contextmanager
def acting(user):
    token = _user.set(user)
    try:
        yield
    finally:
        _user.reset(token)


@contextlib.contextmanager
def batched():
    """Collect the audit entries written in the block; bulk-insert them at its
    end (nothing is written when the block raises: its transaction rolls back)."""
    if _batch.get() is not None:          # an outer batch writes them
        yield
        return
    entries: list = []
    token = _batch.set(entries)
    try:
        yield
    finally:
        _batch.reset(token)
    if entries:
        from .compiled import insert_rows

        insert_rows(entries)


def record(entry) -> None:
    """Save an AuditEntry now, or at the end of the enclosing batched() block."""
    entries = _batch.get()
    if entries is None:
        entry.save(force_insert=True)
    else:
        entries.append(entry)


def request_user(user) -> None:
    """The acting user for the rest of this request (an API call authenticated
    by a bearer token: AuditMiddleware saw only the session's user)."""
    _user.set(user)


class AuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _user.set(getattr(request, "user", None))
        try:
            return self.get_response(request)
        finally:
            _user.reset(token)


def plain(value: Any) -> Any:
    """A JSON-safe form of a field value."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (list, dict)):
        return value
    if hasattr(value, "name") and hasattr(value, "storage"):   # a FieldFile
        return value.name or ""
    return str(value)
