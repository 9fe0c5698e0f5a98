"""Reader fixtures: the committed small files and the sample gazette printed
as a PDF at test time (tests/fixtures/readers/make_fixtures.py makes both)."""
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "readers"
SAMPLE = ROOT / "examples" / "lvliang-gazette-2023-02.txt"


def _load_maker():
    spec = importlib.util.spec_from_file_location("make_reader_fixtures", FIXTURES / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def maker():
    return _load_maker()


@pytest.fixture(scope="session")
def sample_pdf(tmp_path_factory, maker) -> Path:
    out = tmp_path_factory.mktemp("sample-pdf") / "lvliang-gazette-2023-02.pdf"
    return maker.sample_pdf(out)


@pytest.fixture(scope="session")
def text_extraction():
    from gongbao.extract.pipeline import extract_path

    return extract_path(SAMPLE)


@pytest.fixture(scope="session")
def pdf_extraction(sample_pdf):
    from gongbao.extract.pipeline import extract_path

    return extract_path(sample_pdf)
