"""The demo on the sample gazette: task lists picked by having tasks, accounts
for every responsible unit, months of reports; refused under production
settings unless forced."""
from __future__ import annotations

import pytest

from sv_helpers import SAMPLE


def test_demo_refuses_production_settings(db, settings):
    from gongbao.web.supervision.services.demo import DemoRefused, demo

    settings.DEBUG = False
    with pytest.raises(DemoRefused):
        demo(SAMPLE)
    from django.contrib.auth import get_user_model
    assert not get_user_model().objects.exists()


def test_demo_sets_up_the_loop(db, settings, client):
    from django.contrib.auth import get_user_model

    from gongbao.web.kb import models as kb
    from gongbao.web.supervision import models as m
    from gongbao.web.supervision.services.demo import demo

    settings.DEBUG = True
    result = demo(SAMPLE, password="demo-pw", seed=3)
    with_tasks = {d.pk for d in kb.Document.objects.filter(tasks__responsibilities__isnull=False)}
    assert len(with_tasks) == 2
    assert {tl.document_id for tl in result.task_lists} == with_tasks
    units = set(m.Assignment.objects.values_list("unit_id", flat=True))
    reporters = m.Profile.objects.filter(role="reporter")
    assert set(reporters.values_list("unit_id", flat=True)) == units
    assert m.Profile.objects.filter(role="supervisor").count() == 1 and m.Profile.objects.filter(role="leader").count() == 1
    text = result.format()
    assert "supervisor  demo-pw  督查室" in text and f"unit{reporters.first().unit_id}  demo-pw" in text
    # lead units report for their tasks; the collectives the registry lists members of are expanded
    assert m.Assignment.objects.filter(role="lead", primary=True).exists()
    assert m.Assignment.objects.exclude(via="").exists()
    assert result.reports == m.ProgressReport.objects.count() > 1000
    assert m.Assignment.objects.filter(done=True).exists() and m.Review.objects.filter(action="return").exists()
    # a second run adds no list and keeps the reports
    again = demo(SAMPLE, password="demo-pw", seed=3)
    assert [tl.pk for tl in again.task_lists] == [tl.pk for tl in result.task_lists] and again.reports == 0
    # the dashboards have something to show
    assert client.login(username="supervisor", password="demo-pw")
    tl = result.task_lists[0]
    data = client.get(f"/supervision/lists/{tl.pk}/dashboard.json").json()
    assert data["total"] == tl.assignments.count()
    assert len(data["history"]) >= 9 and data["history"][-1]["mean_percent"] > data["history"][0]["mean_percent"]
    assert sum(1 for v in data["counts"].values() if v) >= 2
    user = get_user_model().objects.get(username="unit%d" % reporters.first().unit_id)
    assert user.check_password("demo-pw")
