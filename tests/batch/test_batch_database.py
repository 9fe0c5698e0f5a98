"""`gongbao batch --database-url URL`: Dask workers extract, the client stores
every partition in the knowledge base's database (PostgreSQL when the suite
runs with DATABASE_URL, as scripts/test-postgres does; an SQLite file
otherwise). The store holds what the JSON Lines output holds, with
provenance, and a second run adds nothing."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gongbao.batch import read_records
from tests.batch.corpus import make_corpus

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def database_url(tmp_path):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{tmp_path / 'batch.sqlite3'}"
    import psycopg

    # a database of its own on the same server, so the count is this run's
    base, _, _name = url.rpartition("/")
    name = "gongbao_batch_test"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return f"{base}/{name}"


COUNT = """
import json, sys
from gongbao.web.manage import setup
setup()
from gongbao.web.kb import models as m
print(json.dumps({"files": m.SourceFile.objects.count(), "documents": m.Document.objects.count(),
                  "tasks": m.Task.objects.count(),
                  "versions": sorted(set(m.SourceFile.objects.values_list("extractor_version", flat=True))),
                  "paths": sorted(m.SourceFile.objects.values_list("path", flat=True))}))
"""


def _env(url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "GONGBAO_DB")}
    env["DATABASE_URL"] = url
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    return env


def _batch(corpus: Path, out: Path, url: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gongbao.cli", "batch", str(corpus), "--out", str(out),
                           "--workers", "1", "--database-url", url, "--no-progress"],
                          capture_output=True, text=True, env=_env(url), timeout=600)


def test_batch_stores_every_extracted_file_once(tmp_path, database_url):
    corpus = tmp_path / "corpus"
    made = make_corpus(corpus, copies=1, full_issues=False)
    first = _batch(corpus, tmp_path / "out1", database_url)
    assert first.returncode in (0, 1), first.stderr[-2000:]     # 1: some (broken) files failed
    record_sets = read_records(tmp_path / "out1")
    assert len(record_sets) + len(made["broken"]) >= len(made["files"]) - 1
    stored = json.loads(subprocess.run([sys.executable, "-c", COUNT], capture_output=True, text=True,
                                       env=_env(database_url), check=True).stdout)
    expected_paths = sorted(str(Path(s["path"]).resolve()) for s in record_sets)
    assert stored["paths"] == expected_paths
    assert stored["files"] == len(record_sets)
    assert stored["versions"] == [f"gongbao {record_sets[0]['extractor_version']}"]
    # documents are keyed by issuer + number, so copies of one document share a row: at most the sum
    n_docs = sum(len(s["extraction"]["documents"]) for s in record_sets)
    assert 0 < stored["documents"] <= n_docs
    assert stored["tasks"] > 0

    # a fresh run over the same corpus into another output directory: the store adds nothing
    second = _batch(corpus, tmp_path / "out2", database_url)
    assert second.returncode in (0, 1), second.stderr[-2000:]
    again = json.loads(subprocess.run([sys.executable, "-c", COUNT], capture_output=True, text=True,
                                      env=_env(database_url), check=True).stdout)
    assert again == stored


def test_unreachable_database_is_one_line(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("云溪县人民政府\n关于测试的通知\n云政发〔2024〕1号\n各乡镇：\n内容。\n", encoding="utf-8")
    url = "postgresql://nobody:secret@127.0.0.1:9/none"
    done = _batch(corpus, tmp_path / "out", url)
    assert done.returncode != 0
    lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, done.stderr
    assert "the database cannot be used" in lines[0] and "secret" not in lines[0] and "Traceback" not in done.stderr
