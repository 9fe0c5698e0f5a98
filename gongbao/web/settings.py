"""Django settings for the gongbao knowledge base, read from the environment.

    DATABASE_URL            postgres://user:pass@host:5432/name → PostgreSQL (psycopg 3);
                            unset → SQLite at GONGBAO_DB (default ./var/gongbao.sqlite3), WAL mode
    GONGBAO_PG_PREPARE      PostgreSQL: run a query text seen this many times on a connection as a
                            prepared statement (server-side binding; default 2); 0 → client-side
                            binding, no prepared statements (for a transaction-mode pooler)
    GONGBAO_DB              the SQLite file when DATABASE_URL is unset
    GONGBAO_DEBUG           1 → Django debug pages (default 0)
    GONGBAO_SECRET_KEY      signing key (no sessions or logins are used; a random one otherwise)
    GONGBAO_ALLOWED_HOSTS   comma-separated host names (default *: a read-only knowledge base)
    GONGBAO_EXPORT_LIMIT    most rows one CSV/xlsx/JSON export returns (default 100000)
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def sqlite_path() -> Path:
    return Path(os.environ.get("GONGBAO_DB") or Path.cwd() / "var" / "gongbao.sqlite3")


def database_config() -> dict:
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        import dj_database_url

        config = dj_database_url.parse(url, conn_max_age=60)
        if config["ENGINE"] == "django.db.backends.sqlite3":
            config.setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
        elif "postgresql" in config["ENGINE"] and env_int("GONGBAO_PG_PREPARE", 2) > 0:
            # parameters bound by the server, repeated queries prepared: the server parses and
            # plans a request's look-ups once per connection instead of every time
            config.setdefault("OPTIONS", {}).update(server_side_binding=True,
                                                    prepare_threshold=env_int("GONGBAO_PG_PREPARE", 2))
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(sqlite_path()),
        "OPTIONS": dict(SQLITE_OPTIONS),
    }


# WAL lets readers (the web pages) run while a writer ingests; IMMEDIATE takes
# the write lock at BEGIN so two writers queue instead of failing mid-transaction.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
    "transaction_mode": "IMMEDIATE",
}

DEBUG = env_bool("GONGBAO_DEBUG")
SECRET_KEY = os.environ.get("GONGBAO_SECRET_KEY") or secrets.token_urlsafe(50)
ALLOWED_HOSTS = env_list("GONGBAO_ALLOWED_HOSTS", ["*"])
EXPORT_LIMIT = env_int("GONGBAO_EXPORT_LIMIT", 100_000)

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.humanize",
    "django.contrib.staticfiles",
    "ninja",
    "gongbao.web.kb",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "gongbao.web.urls"
WSGI_APPLICATION = "gongbao.web.wsgi.application"

TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
}]

DATABASES = {"default": database_config()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = os.environ.get("GONGBAO_STATIC_ROOT") or str(Path.cwd() / "var" / "static")   # collectstatic, for a proxy
# gongbao.web.urls serves every app's static/ directory itself (finders), so no collectstatic step is needed

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django": {"handlers": ["console"], "level": os.environ.get("GONGBAO_LOG_LEVEL", "WARNING")}},
}

from .supervision.conf import configure; configure(globals())  # noqa: E402,E702  (auth, sessions, argon2, media, email)
