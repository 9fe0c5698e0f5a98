"""Bearer tokens for the JSON API.

A reporter (or any account) gets a token from POST /supervision/api/token with
its username and password, or, logged in on the site, from POST
/supervision/api/tokens; API calls then send ``Authorization: Bearer gbt_…``
and need neither the session cookie nor the CSRF header (a token is never
sent by the browser on its own, so there is no cross-site request to forge).

Only the token's SHA-256 digest is stored. A token acts as its user, with the
user's role and unit (the same permission checks as a session); it stops
working when revoked (DELETE /supervision/api/token, or DELETE
/supervision/api/tokens/{id} from the site), when it expires
(SUPERVISION_API_TOKEN_DAYS, GONGBAO_API_TOKEN_DAYS, default 30 days), when
its user is deactivated, and when the user's password changes. Issuing and
revoking are recorded in the audit trail (without the digest).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from . import models as m
from .audit import acting, batched
from .compiled import Compiled

PREFIX = "gbt_"

_BY_DIGEST = Compiled(lambda digest: m.ApiToken.objects.select_related("user__supervision__unit")
                      .filter(digest=digest).order_by(), "~compiled sample digest~")


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def lifetime() -> dt.timedelta:
    return dt.timedelta(days=float(getattr(settings, "SUPERVISION_API_TOKEN_DAYS", 30)))


def issue(user, *, name: str = "") -> tuple[str, m.ApiToken]:
    """A new token of `user`: (the token, to hand out once; its record)."""
    raw = PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic(), acting(user), batched():
        token = m.ApiToken.objects.create(
            user=user, digest=digest(raw), prefix=raw[:12], auth_hash=user.get_session_auth_hash(),
            name=(name or "").strip()[:100], expires_at=timezone.now() + lifetime())
    return raw, token


def find(raw: str):
    """The token record of `raw` when it is valid now (its user read with the
    user's profile and unit, one query), else None."""
    if not raw or not raw.startswith(PREFIX) or len(raw) > 200:
        return None
    token = _BY_DIGEST.first(digest(raw))
    if token is None or token.revoked_at is not None or token.expires_at <= timezone.now():
        return None
    user = token.user
    if not getattr(user, "is_active", True):
        return None
    if not constant_time_compare(token.auth_hash, user.get_session_auth_hash()):
        return None                                   # the password changed since
    return token


def revoke(token: m.ApiToken, user) -> None:
    if token.revoked_at is not None:
        return
    with transaction.atomic(), acting(user), batched():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def tokens_of(user):
    return m.ApiToken.objects.filter(user=user)

