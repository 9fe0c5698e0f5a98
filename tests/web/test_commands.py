"""The management commands the CLI wires in (ingest, reindex)."""
from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from gongbao.web.kb import models as m


def test_ingest_command_reports_each_file(kb, sample_path, tmp_path):
    out = io.StringIO()
    call_command("ingest", str(sample_path), stdout=out)
    assert "1 unchanged" in out.getvalue()
    bad = tmp_path / "bad.txt"
    bad.write_text("没有公文。\n", encoding="utf-8")
    with pytest.raises(CommandError) as err:
        call_command("ingest", str(bad), stdout=io.StringIO())
    assert err.value.returncode == 2


def test_reindex_rebuilds_the_index_and_counts(kb):
    before = m.SearchEntry.objects.count()
    m.SearchEntry.objects.all().delete()
    m.Unit.objects.update(n_tasks=0)
    out = io.StringIO()
    call_command("reindex", stdout=out)
    assert m.SearchEntry.objects.count() == before
    assert m.Unit.objects.filter(n_tasks__gt=0).exists()
    from gongbao.web.services.search import SearchParams, search

    assert search(SearchParams(q="应急")).total > 0


def test_entry_points_are_importable_without_django_loaded():
    import subprocess
    import sys

    code = ("import sys, gongbao.web as w; "
            "assert callable(w.ingest_paths) and callable(w.serve) and callable(w.main); "
            "assert 'django' not in sys.modules, 'importing gongbao.web loaded Django'")
    from pathlib import Path

    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert run.returncode == 0, run.stderr
