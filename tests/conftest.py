from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "lvliang-gazette-2023-02.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_result(sample_text):
    from gongbao.extract.pipeline import extract_text

    return extract_text(sample_text, SAMPLE.name)
