"""Settings the supervision app needs, applied to gongbao/web/settings.py by
its last line ``from .supervision.conf import configure; configure(globals())``.

Environment:
    GONGBAO_MEDIA_ROOT          where evidence files are stored (default ./var/media,
                                beside the SQLite file when GONGBAO_DB is set)
    GONGBAO_EVIDENCE_MAX_MB     largest evidence file accepted (default 20)
    GONGBAO_EMAIL_BACKEND       Django email backend (default the file backend)
    GONGBAO_EMAIL_DIR           where the file backend writes mail (default ./var/mail)
    GONGBAO_EMAIL_FROM          sender of reminders (default 督查室 <noreply@localhost>)
    GONGBAO_API_TOKEN_DAYS      lifetime of a JSON API bearer token (default 30; tokens.py)
    GONGBAO_SECRET_KEY          when unset, a key is kept in var/secret.key so that
                                logins survive restarts and several server processes
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

APP = "gongbao.web.supervision"
CONTRIB = ["django.contrib.auth", "django.contrib.sessions", "django.contrib.messages"]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "gongbao.web.supervision.audit.AuditMiddleware",
]
CONTEXT = ["django.contrib.auth.context_processors.auth", "django.contrib.messages.context_processors.messages"]
# ModelBackend that reads the profile with the user (supervision/auth.py); sessions
# made under django.contrib.auth.backends.ModelBackend need one new login
BACKENDS = ["gongbao.web.supervision.auth.Backend"]
HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]


def _var_dir(g: dict) -> Path:
    if os.environ.get("GONGBAO_VAR"):
        return Path(os.environ["GONGBAO_VAR"])
    sqlite_path = g.get("sqlite_path")
    if callable(sqlite_path):
        return Path(sqlite_path()).parent
    return Path.cwd() / "var"


def _stable_secret(var: Path) -> str | None:
    """A signing key kept in var/secret.key (created once, mode 600)."""
    path = var / "secret.key"
    try:
        if path.exists():
            value = path.read_text().strip()
            if value:
                return value
        var.mkdir(parents=True, exist_ok=True)
        value = secrets.token_urlsafe(50)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(value)
        return value
    except FileExistsError:          # another process made it first
        return path.read_text().strip() or None
    except OSError:
        return None


def configure(g: dict) -> None:
    """Add this app and what it needs to a settings module's globals."""
    apps = list(g.get("INSTALLED_APPS", []))
    for name in CONTRIB:
        if name not in apps:
            pos = apps.index("django.contrib.contenttypes") + 1 if "django.contrib.contenttypes" in apps else 0
            apps.insert(pos, name)
    if APP not in apps:
        apps.append(APP)
    g["INSTALLED_APPS"] = apps

    middleware = list(g.get("MIDDLEWARE", []))
    after = middleware.index("django.middleware.security.SecurityMiddleware") + 1 \
        if "django.middleware.security.SecurityMiddleware" in middleware else 0
    for name in MIDDLEWARE:
        if name not in middleware:
            middleware.insert(after, name)
        after = middleware.index(name) + 1
    g["MIDDLEWARE"] = middleware

    for template in g.get("TEMPLATES", []):
        processors = template.setdefault("OPTIONS", {}).setdefault("context_processors", [])
        for name in CONTEXT:
            if name not in processors:
                processors.append(name)

    g.setdefault("AUTHENTICATION_BACKENDS", BACKENDS)
    g.setdefault("SESSION_ENGINE", "gongbao.web.supervision.sessions")   # database sessions, plain lookup
    g.setdefault("PASSWORD_HASHERS", HASHERS)
    if g["PASSWORD_HASHERS"][0] != HASHERS[0]:
        g["PASSWORD_HASHERS"] = [HASHERS[0]] + [h for h in g["PASSWORD_HASHERS"] if h != HASHERS[0]]

    var = _var_dir(g)
    if not os.environ.get("GONGBAO_SECRET_KEY"):
        g["SECRET_KEY"] = _stable_secret(var) or g.get("SECRET_KEY")
    g["MEDIA_ROOT"] = Path(os.environ.get("GONGBAO_MEDIA_ROOT") or var / "media")
    g["MEDIA_URL"] = "/supervision/media/"          # never served statically: see views.evidence
    g["EVIDENCE_MAX_BYTES"] = int(float(os.environ.get("GONGBAO_EVIDENCE_MAX_MB") or 20) * 1024 * 1024)
    g["DATA_UPLOAD_MAX_MEMORY_SIZE"] = max(g.get("DATA_UPLOAD_MAX_MEMORY_SIZE") or 0, 5 * 1024 * 1024)
    g["EMAIL_BACKEND"] = os.environ.get("GONGBAO_EMAIL_BACKEND") or "django.core.mail.backends.filebased.EmailBackend"
    g["EMAIL_FILE_PATH"] = os.environ.get("GONGBAO_EMAIL_DIR") or str(var / "mail")
    g["DEFAULT_FROM_EMAIL"] = os.environ.get("GONGBAO_EMAIL_FROM") or "督查室 <noreply@localhost>"
    g["LOGIN_URL"] = "supervision:login"
    g["LOGIN_REDIRECT_URL"] = "supervision:home"
    g["SESSION_COOKIE_HTTPONLY"] = True
    g["SESSION_COOKIE_SAMESITE"] = "Lax"
    g.setdefault("SUPERVISION_API_TOKEN_DAYS", float(os.environ.get("GONGBAO_API_TOKEN_DAYS") or 30))
    g["CSRF_COOKIE_SAMESITE"] = "Lax"
    if not g.get("DEBUG"):
        g.setdefault("SESSION_COOKIE_SECURE", os.environ.get("GONGBAO_SECURE_COOKIES", "") in ("1", "true"))
