"""Ingest gazette files into the knowledge base.

    ingest(path) -> IngestResult          one file, one transaction
    ingest_paths(paths) -> dict            many files; a bad one is reported, the others go on
    ingest_record_sets(sets) -> dict       extractions made elsewhere (gongbao batch's workers)

* Idempotent: a file whose bytes (sha256) were already stored by the same
  extractor version adds nothing (status "unchanged").
* A changed source updates in place: documents are keyed by issuer + 发文字号
  (issuer + title + 成文日期 when there is no number), so their ids and URLs stay.
* Atomic: the extraction runs first; a bad file raises the core's InputError
  before anything is written, and any failure while storing rolls the whole
  file back.
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from django.db import transaction

from ...errors import InputError
from ...records import Extraction
from ..kb import models as m
from .store import store_extraction

RECORD_TYPES = Extraction.RECORD_TYPES


def extractor_version() -> str:
    from ... import __version__

    return f"gongbao {__version__}"


@dataclass
class IngestResult:
    path: str
    status: str                      # added | updated | unchanged
    source_file_id: Optional[int] = None
    documents_added: int = 0
    documents_updated: int = 0
    documents_removed: int = 0
    counts: dict = field(default_factory=dict)
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None


def _source_lines(path: Path) -> dict[int, str]:
    """The file's printed lines by number, as the core's reader numbers them."""
    try:
        from ...readers import read_path

        return {ln.no: ln.text for ln in read_path(path)}
    except Exception:      # the extraction succeeded; the source view is a bonus
        return {}


def ingest(path, *, force: bool = False) -> IngestResult:
    """Extract one file and store it (see the module docstring)."""
    from ...extract.pipeline import extract_path

    started = time.perf_counter()
    path = Path(path)
    data = _read_bytes(path)
    digest = _sha256(data)
    version = extractor_version()
    key = str(path.resolve())
    same = m.SourceFile.objects.filter(sha256=digest, extractor_version=version).first()
    if same is not None and not force:
        return IngestResult(str(path), "unchanged", same.pk, counts=same.counts,
                            seconds=time.perf_counter() - started)

    extraction = extract_path(path)          # raises InputError on a bad file: nothing written yet
    payload = extraction.to_dict()
    result = _store_file(key, path.name, digest, len(data), version, payload, _source_lines(path), started)
    result.path = str(path)                  # as the user named it
    return result


def _store_file(key: str, name: str, digest: str, size: int, version: str, payload: dict,
                lines: dict[int, str], started: float) -> IngestResult:
    """Write one file's extraction in one transaction: the SourceFile row
    (keyed by path) and its records, updating in place what it stored before."""
    with transaction.atomic():
        source = m.SourceFile.objects.filter(path=key).first()
        status = "updated" if source is not None else "added"
        if source is None:
            source = m.SourceFile(path=key)
        gazette = payload.get("gazette") or {}
        source.name = name[:300]
        source.sha256 = digest
        source.size = size
        source.extractor_version = version
        source.gazette_title = str(gazette.get("title") or "")[:300]
        source.gazette_issue = str(gazette.get("issue") or "")[:100]
        source.counts = {k: len(payload.get(k) or []) for k in RECORD_TYPES}
        source.save()
        stored = store_extraction(payload, source, lines)
    return IngestResult(key, status, source.pk, stored.documents_added, stored.documents_updated,
                        stored.documents_removed, stored.counts, time.perf_counter() - started)


def ingest_record_sets(record_sets: Iterable[dict]) -> dict:
    """Store extractions made elsewhere — the record sets `gongbao batch`
    writes per partition ({"path", "sha256", "extractor_version", "counts",
    "extraction"}), so Dask workers extract and this process only writes.

    Idempotent on (path, sha256): a set whose path already holds that content
    from the same extractor version is skipped, so a partition delivered twice
    (a resumed run) adds nothing. Each file is its own transaction. Source
    lines are read back for the source view when the file is reachable from
    here (on a cluster it may not be; the records keep their line spans)."""
    summary = {"added": 0, "updated": 0, "unchanged": 0, "records": {}}
    for record_set in record_sets:
        started = time.perf_counter()
        path = Path(record_set["path"])
        key = str(path.resolve())
        digest = record_set["sha256"]
        version = _version_label(record_set.get("extractor_version"))
        if m.SourceFile.objects.filter(path=key, sha256=digest, extractor_version=version).exists():
            summary["unchanged"] += 1
            continue
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        lines = _source_lines(path) if size else {}
        result = _store_file(key, path.name, digest, size, version, record_set["extraction"], lines, started)
        summary[result.status] += 1
        for name, n in result.counts.items():
            summary["records"][name] = summary["records"].get(name, 0) + n
    return summary


def _version_label(version) -> str:
    """`gongbao batch` records the bare package version; the store keeps the
    label `ingest` writes, so both paths see the same file as unchanged."""
    version = str(version or "")
    return version if version.startswith("gongbao") else f"gongbao {version}".strip()


def ingest_paths(paths: Iterable, *, force: bool = False) -> dict:
    """Ingest each file; returns a summary the CLI prints:

        {"files": [IngestResult dicts], "failed": [{"path", "error"}],
         "added": n, "updated": n, "unchanged": n, "records": {type: n}, "seconds": s}
    """
    started = time.perf_counter()
    summary = {"files": [], "failed": [], "added": 0, "updated": 0, "unchanged": 0, "records": {}}
    for path in paths:
        try:
            result = ingest(path, force=force)
        except InputError as exc:
            summary["failed"].append({"path": str(path), "error": str(exc)})
            continue
        summary["files"].append(result.to_dict())
        summary[result.status] += 1
        if result.status != "unchanged":
            for name, n in result.counts.items():
                summary["records"][name] = summary["records"].get(name, 0) + n
    summary["seconds"] = round(time.perf_counter() - started, 3)
    return summary


STATUS_LABELS = {"added": "新增", "updated": "更新", "unchanged": "未变"}


def format_summary(summary: dict) -> str:
    """The summary as lines for a terminal."""
    out = []
    for f in summary["files"]:
        counts = "  ".join(f"{k} {v}" for k, v in f["counts"].items() if v)
        out.append(f"{STATUS_LABELS.get(f['status'], f['status'])}  {f['path']}  {counts}")
    for f in summary["failed"]:
        out.append(f"失败  {f['error']}")
    out.append(f"{summary['added']} added, {summary['updated']} updated, {summary['unchanged']} unchanged, "
               f"{len(summary['failed'])} failed in {summary['seconds']:.2f} s")
    return "\n".join(out)
