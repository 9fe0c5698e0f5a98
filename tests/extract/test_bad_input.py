"""Bad input: one line naming the file and the problem, exit 2, no traceback."""
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "gongbao", *args], capture_output=True, text=True, cwd=ROOT)


@pytest.mark.parametrize("name,content,problem", [
    ("empty.txt", b"", "is empty"),
    ("blank.txt", b"\n\n   \n", "is empty"),
    ("binary.bin", bytes(range(256)) * 20, "binary"),
    ("prose.txt", "今天天气很好，我们去公园散步。\n没有任何公文。\n".encode("utf-8"), "no official document found"),
])
def test_bad_files(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    run = run_cli("extract", str(path))
    assert run.returncode == 2
    assert run.stdout == ""
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and problem in lines[0]
    assert "Traceback" not in run.stderr


def test_missing_path(tmp_path):
    run = run_cli("extract", str(tmp_path / "nope.txt"))
    assert run.returncode == 2
    assert run.stderr.strip() == f"gongbao: {tmp_path / 'nope.txt'}: no such file"


def test_directory(tmp_path):
    run = run_cli("extract", str(tmp_path))
    assert run.returncode == 2 and "is a directory" in run.stderr
