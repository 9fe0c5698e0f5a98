"""Fixtures of the knowledge-base tests (pytest-django).

Django is configured here when pytest's configuration has not done it
(DJANGO_SETTINGS_MODULE = "gongbao.web.settings" in [tool.pytest.ini_options]
does the same for the whole run). The test database is SQLite in memory (or
PostgreSQL's test database when DATABASE_URL is set); the sample gazette is
ingested into it once per session, and every test runs in a transaction
that is rolled back.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "lvliang-gazette-2023-02.txt"

# Never touch the developer's ./var (database, keys), even if a test forgets its db fixture.
os.environ.setdefault("GONGBAO_DB", str(Path(tempfile.gettempdir()) / f"gongbao-test-{os.getpid()}" / "kb.sqlite3"))
os.environ.setdefault("GONGBAO_SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongbao.web.settings")


def pytest_configure(config):
    """Set Django up when this conftest is loaded after pytest-django's own
    configure hook ran without settings (the usual case without ini options)."""
    import django
    from django.apps import apps
    from django.conf import settings

    settings.INSTALLED_APPS  # noqa: B018  (loads the settings module)
    if not apps.ready:
        django.setup()
    try:
        from pytest_django.plugin import blocking_manager_key
        manager = config.stash[blocking_manager_key]
        if not manager.is_active:
            manager.block()        # database access only through the db fixtures
    except (ImportError, KeyError, AttributeError):
        pass


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with the sample gazette ingested once."""
    from gongbao.web.services import segment
    from gongbao.web.services.ingest import ingest

    with django_db_blocker.unblock():
        segment.forget_vocabulary()
        result = ingest(SAMPLE)
    assert result.status == "added", result
    return result


@pytest.fixture
def kb(db):
    """The database with the sample in it (alias of `db`, for readability)."""
    from gongbao.web.kb import models as m

    assert m.Document.objects.exists()
    return m


@pytest.fixture
def client(db):
    from django.test import Client

    return Client()


@pytest.fixture
def counts():
    """counts() → rows per model: what an ingest added or changed."""
    from django.apps import apps

    def count() -> dict:
        return {model._meta.model_name: model.objects.count() for model in apps.get_app_config("kb").get_models()}
    return count
