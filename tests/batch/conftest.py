import json

import pytest

from tests.batch.corpus import make_corpus


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """≥ 200 files: sample variants, cut-out documents, broken files."""
    root = tmp_path_factory.mktemp("corpus")
    made = make_corpus(root, copies=4, full_issues=False)
    assert len(made["files"]) >= 200
    made["root"] = str(root)
    return made


@pytest.fixture(scope="session")
def sequential(corpus):
    """What extracting each file in turn, in this process, gives:
    path -> ("ok", extraction dict) or ("failed", error line)."""
    from gongbao.errors import InputError
    from gongbao.extract.pipeline import extract_path

    expected = {}
    for path in corpus["files"]:
        try:
            expected[path] = ("ok", json.loads(json.dumps(extract_path(path).to_dict(), ensure_ascii=False)))
        except InputError as exc:
            expected[path] = ("failed", str(exc))
    return expected
