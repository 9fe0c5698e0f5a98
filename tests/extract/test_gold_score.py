"""The issue's acceptance check: the sample's extraction against the gold."""
import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SAMPLE, SHARED

SCORER = SHARED / "eval" / "score.py"
GOLD = sorted((SHARED / "eval" / "gold").glob("*.json")) if SCORER.exists() else []


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval is absent here (CI always has it)")
def test_cli_extraction_scores_against_gold(tmp_path):
    out = tmp_path / "out.json"
    with out.open("w", encoding="utf-8") as fh:
        run = subprocess.run([sys.executable, "-m", "gongbao", "extract", str(SAMPLE), "--format", "json"],
                             stdout=fh, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    scored = subprocess.run([sys.executable, str(SCORER), str(out), *map(str, GOLD), "--json"],
                            capture_output=True, text=True, check=True)
    report = json.loads(scored.stdout)
    assert report["overall"] >= 0.97, report["headline"]
    for record_type, f1 in report["headline"].items():
        assert f1 >= 0.95, (record_type, f1)
