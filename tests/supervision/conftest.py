"""Fixtures of the supervision tests (pytest-django).

Django is configured here when pytest's configuration has not done it (as in
tests/web). Each test builds what it needs in its own transaction (rolled
back): a small document of three tasks with units, deadlines and targets, and
users of every role. Nothing here ingests into the shared test database.
"""
from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import pytest


os.environ.setdefault("GONGBAO_DB", str(Path(tempfile.gettempdir()) / f"gongbao-test-{os.getpid()}.sqlite3"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongbao.web.settings")


def pytest_configure(config):
    import django
    from django.apps import apps
    from django.conf import settings

    settings.INSTALLED_APPS  # noqa: B018
    if not apps.ready:
        django.setup()
    try:
        from pytest_django.plugin import blocking_manager_key
        manager = config.stash[blocking_manager_key]
        if not manager.is_active:
            manager.block()
    except (ImportError, KeyError, AttributeError):
        pass


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # fast hashing in tests that set passwords; argon2 stays first in production settings
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class World:
    """The records a test works on: units, a document, a task list, users."""


@pytest.fixture
def world(db):
    from django.contrib.auth import get_user_model

    from gongbao.web.kb import models as kb
    from gongbao.web.supervision import models as m
    from gongbao.web.supervision.services.workflow import open_task_list

    w = World()
    def unit(name, members=()):
        # update_or_create: the sample ingested by tests/web may already hold these units
        return kb.Unit.objects.update_or_create(key=name, defaults={"name": name, "members": list(members)})[0]
    w.a = unit("市工业和信息化局")
    w.b = unit("市交通运输局")
    w.xy = unit("孝义市人民政府")
    w.fy = unit("汾阳市人民政府")
    w.counties = unit("各县（市、区）人民政府", ["孝义市人民政府", "汾阳市人民政府"])
    src = kb.SourceFile.objects.create(path="/tmp/supervision-test.txt", name="supervision-test.txt", sha256="0" * 64,
                                       extractor_version="test")
    w.doc = kb.Document.objects.create(source_file=src, natural_key="test-doc", doc_number="测政办〔2023〕1号",
                                       issuer="测试市人民政府办公室", title="关于印发2023年重点工作任务分工的通知",
                                       signed_date=dt.date(2023, 1, 1), year=2023)
    w.other_doc = kb.Document.objects.create(source_file=src, natural_key="no-tasks", title="无任务的通知",
                                             signed_date=dt.date(2023, 1, 5), year=2023)

    def task(key, content, resps, deadlines=(), targets=()):
        t = kb.Task.objects.create(document=w.doc, key=key, content=content, order=int(key))
        for i, (u, role) in enumerate(resps):
            kb.Responsibility.objects.create(task=t, unit=u, role=role, printed=u.name, order=i)
        for i, (d, share) in enumerate(deadlines):
            kb.Deadline.objects.create(task=t, order=i, date=d, share=share, text="")
        for i, (metric, value, u) in enumerate(targets):
            kb.Target.objects.create(task=t, order=i, metric=metric, value=value, unit=u, comparator="新建")
        return t

    task("1", "新建5G基站2000座，实现全域5G网络全覆盖。", [(w.a, "lead"), (w.xy, "cooperate")],
         [(dt.date(2023, 12, 31), None)], [("5G基站", 2000, "座")])
    task("2", "改造农村公路，上半年完成一半。", [(w.b, "lead"), (w.counties, "cooperate")],
         [(dt.date(2023, 6, 30), 0.5), (dt.date(2023, 12, 31), None)])
    task("3", "落实安全生产责任。", [(w.a, "responsible"), (w.b, "responsible")])

    User = get_user_model()

    def user(name, role, unit=None):
        u = User.objects.create_user(name, f"{name}@example.invalid", "pw-" + name)
        m.Profile.objects.create(user=u, role=role, unit=unit, display_name=name)
        return u

    w.supervisor = user("dc", m.Profile.SUPERVISOR)
    w.other_supervisor = user("dc2", m.Profile.SUPERVISOR)
    w.leader = user("boss", m.Profile.LEADER)
    w.rep_a = user("rep_a", m.Profile.REPORTER, w.a)
    w.rep_b = user("rep_b", m.Profile.REPORTER, w.b)
    w.rep_xy = user("rep_xy", m.Profile.REPORTER, w.xy)
    w.tl = open_task_list(w.doc, user=w.supervisor, year=2023, start=dt.date(2023, 1, 1))
    w.asg = lambda task_key, u: m.Assignment.objects.get(task_list=w.tl, list_task__key=task_key, unit=u)  # noqa: E731
    w.m = m
    return w


@pytest.fixture
def login(client):
    def do(user):
        client.force_login(user)
        return client
    return do
