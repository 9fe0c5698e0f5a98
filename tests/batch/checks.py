"""Assertions on a batch output directory against sequential extraction."""
import hashlib
import json
from collections import Counter
from pathlib import Path

import gongbao
from gongbao.batch import read_failures, read_records


def sha256(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def first_difference(got, want, where="") -> str:
    if type(got) is not type(want):
        return f"{where}: {got!r:.80} != {want!r:.80}"
    if isinstance(got, dict):
        for key in sorted(set(got) | set(want)):
            if got.get(key) != want.get(key):
                return first_difference(got.get(key), want.get(key), f"{where}.{key}")
    elif isinstance(got, list):
        for i, (a, b) in enumerate(zip(got, want)):
            if a != b:
                return first_difference(a, b, f"{where}[{i}]")
        if len(got) != len(want):
            return f"{where}: {len(got)} items != {len(want)}"
    return f"{where}: {got!r:.80} != {want!r:.80}"


def assert_same_as_sequential(out_dir, sequential) -> None:
    """Every file settled exactly once, with the records (or the error) that
    sequential extraction gives, and its provenance."""
    records = read_records(out_dir)
    failures = read_failures(out_dir)
    counts = Counter(r["path"] for r in records) + Counter(f["path"] for f in failures)
    duplicates = [p for p, n in counts.items() if n > 1]
    assert not duplicates, f"settled more than once: {duplicates[:5]}"
    assert set(counts) == set(sequential), (
        f"missing {sorted(set(sequential) - set(counts))[:5]}, extra {sorted(set(counts) - set(sequential))[:5]}")
    for rec in records:
        status, expected = sequential[rec["path"]]
        assert status == "ok", f"{rec['path']}: extracted by the batch, failed in sequence ({expected})"
        assert rec["extraction"] == expected, f"{rec['path']}: {first_difference(rec['extraction'], expected)}"
        assert rec["sha256"] == sha256(rec["path"])
        assert rec["extractor_version"] == gongbao.__version__
        assert rec["counts"] == {k: len(expected[k]) for k in rec["counts"]}
    for fail in failures:
        status, expected = sequential[fail["path"]]
        assert status == "failed", f"{fail['path']}: failed in the batch ({fail['error']}), extracted in sequence"
        assert fail["error"] == expected
        assert fail["sha256"] == sha256(fail["path"])
        assert fail["extractor_version"] == gongbao.__version__
    manifest = [json.loads(line) for line in (Path(out_dir) / "done.jsonl").read_text().splitlines()]
    settled = [tuple(f) for entry in manifest for f in entry["files"]]
    assert len(settled) == len(set(s[0] for s in settled)) == len(sequential)
    for path, sha, status in settled:
        assert sha == sha256(path) and status == sequential[path][0]


def assert_clean(out_dir) -> None:
    """Nothing in the directory but committed partitions and the run's files."""
    out = Path(out_dir)
    manifest = [json.loads(line) for line in (out / "done.jsonl").read_text().splitlines()]
    parts = {entry["records"] for entry in manifest if entry["records"]}
    on_disk = {p.name for p in out.glob("records.part-*")}
    assert on_disk == parts
    assert not list(out.glob("*.tmp"))
    assert [entry["part"] for entry in manifest] == sorted({entry["part"] for entry in manifest})
