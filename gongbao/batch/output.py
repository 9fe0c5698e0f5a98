"""The output directory of a batch run, written so that a run killed at any
instant can be resumed without duplicates or losses.

    records.part-NNNNN.jsonl   one JSON object per extracted file (path, sha256,
                               extractor_version, counts, extraction)
    failures.jsonl             one JSON object per failed file (path, sha256,
                               error, extractor_version, part)
    done.jsonl                 the manifest: one line per committed partition,
                               listing every file it settled (path, sha256, status)

A partition is what one task settled (up to a few hundred files). It is
committed in this order:

1. its records file is made whole under a temporary name, fsync'ed and renamed
   (then the directory is fsync'ed): it exists whole or not at all. A worker
   writes the temporary file itself (`records.run-….tmp`, when the workers see
   the output directory, as a LocalCluster's do) and the client fsyncs and
   renames it; otherwise the client writes the lines the worker sent;
2. its failures are appended to failures.jsonl, each tagged with the
   partition number, and fsync'ed;
3. one line naming the partition and all of its files is appended to
   done.jsonl and fsync'ed.

The manifest line is the commit point. On `--resume`, a torn last manifest line
is cut off, records files and failure lines of partitions the manifest does not
name (a crash between the steps) are removed, and temporary files (a worker's
uncommitted ones too) are deleted; the files of uncommitted partitions are then
simply extracted again.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Iterable, Optional, Union

from ..errors import InputError
from .work import json_bytes

MANIFEST = "done.jsonl"
FAILURES = "failures.jsonl"
PART_RE = re.compile(r"^records\.part-(\d{5,})\.jsonl$")
TMP_SUFFIX = ".tmp"


def part_name(n: int) -> str:
    return f"records.part-{n:05d}.jsonl"


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _append(path: Path, data: Union[bytes, str]) -> None:
    with open(path, "ab") as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        fh.flush()
        os.fsync(fh.fileno())


def atomic_write(path: Path, data: Union[bytes, str, Iterable[bytes]]) -> None:
    """Write `data` (bytes, text, or pieces of bytes written one after the
    other) to `path` whole or not at all."""
    tmp = path.with_name(path.name + TMP_SUFFIX)
    with open(tmp, "wb") as fh:
        if isinstance(data, (bytes, str)):
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        else:
            fh.writelines(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


class OutDir:
    """The state of one output directory: what is done, and how to commit more."""

    def __init__(self, path, resume: bool = False):
        self.path = Path(path)
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(self.path, f"cannot be created ({exc.strerror or exc})") from None
        if not self.path.is_dir():
            raise InputError(self.path, "is not a directory")
        self.manifest = self.path / MANIFEST
        self.failures = self.path / FAILURES
        # path -> sha256 ("" when the file could not be read) of every file that
        # earlier runs settled (what this run commits is not added: memory stays flat)
        self.done: dict[str, str] = {}
        self.done_failed = 0
        self.versions: set[str] = set()      # extractor versions of the committed partitions
        self.committed: set[int] = set()
        self.next_part = 0
        has_state = self.manifest.exists() or any(self.path.glob("records.part-*"))
        if has_state and not resume:
            raise InputError(self.path, "holds the output of an earlier run; pass --resume to continue it, "
                                        "or choose another --out")
        if has_state:
            self._load()
            self._repair()

    # -- resume -------------------------------------------------------------

    def _load(self) -> None:
        if not self.manifest.exists():
            return
        data = self.manifest.read_bytes()
        good = 0
        for raw in data.splitlines(keepends=True):
            if not raw.endswith(b"\n"):
                break                       # torn last line: that partition never committed
            try:
                entry = json.loads(raw)
                part = int(entry["part"])
                files = entry["files"]
            except (ValueError, KeyError, TypeError):
                break
            self.committed.add(part)
            if entry.get("extractor_version"):
                self.versions.add(entry["extractor_version"])
            for path, sha, status in files:
                self.done[path] = sha or ""
                if status == "failed":
                    self.done_failed += 1
            good += len(raw)
        if good < len(data):
            with open(self.manifest, "r+b") as fh:
                fh.truncate(good)
                fh.flush()
                os.fsync(fh.fileno())
        self.next_part = max(self.committed) + 1 if self.committed else 0

    def _repair(self) -> None:
        for entry in self.path.iterdir():
            if entry.name.endswith(TMP_SUFFIX):
                entry.unlink()
                continue
            m = PART_RE.match(entry.name)
            if m and int(m.group(1)) not in self.committed:
                entry.unlink()
                self.next_part = max(self.next_part, int(m.group(1)) + 1)
        if self.failures.exists():
            kept, seen, changed = [], set(), False
            with open(self.failures, encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    try:
                        item = json.loads(line)
                        key = (item["path"], item.get("sha256"), item["part"])
                        keep = line.endswith("\n") and item["part"] in self.committed and key not in seen
                    except (ValueError, KeyError, TypeError):
                        keep = False
                    if keep:
                        seen.add(key)
                        kept.append(line)
                    else:
                        changed = True
            if changed:
                atomic_write(self.failures, "".join(kept))

    # -- writing ------------------------------------------------------------

    def commit(self, records: Union[bytes, str, os.PathLike, None], failures: list[dict],
               files: Union[bytes, list], version: Optional[str] = None) -> Optional[str]:
        """Commit one partition. `records`: its records' JSON lines (bytes,
        written here), or the path of a file in this directory holding them
        (a worker's temporary file: fsync'ed and renamed here), or None when
        it has none. `failures`: the failure objects. `files`: every
        (path, sha256, status) it settles, as a list or as that list's JSON
        (bytes). Returns the records file's name (None when it has no records)."""
        if isinstance(files, (bytes, bytearray)):
            files_json = bytes(files)
        else:
            files_json = json_bytes([list(f) for f in files])
        if files_json.strip() in (b"", b"[]"):
            return None
        n = self.next_part
        name = part_name(n) if records is not None else None
        if isinstance(records, (bytes, bytearray)):
            atomic_write(self.path / name, records)
        elif records is not None:
            fd = os.open(records, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(records, self.path / name)
            _fsync_dir(self.path)
        if failures:
            _append(self.failures, b"".join(json_bytes({**f, "part": n}) + b"\n" for f in failures))
        head = json_bytes({"part": n, "records": name, "extractor_version": version})
        _append(self.manifest, b"".join((head[:-1], b',"files":', files_json, b"}\n")))
        self.committed.add(n)
        self.next_part = n + 1
        return name

    def write_summary(self, summary: dict) -> None:
        atomic_write(self.path / "summary.json", json.dumps(summary, ensure_ascii=False, indent=1) + "\n")


def read_records(out_dir) -> list[dict]:
    """Every record set of an output directory (committed partitions only)."""
    out = Path(out_dir)
    committed = set()
    manifest = out / MANIFEST
    if manifest.exists():
        for line in manifest.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                break
            if entry.get("records"):
                committed.add(entry["records"])
    result = []
    for name in sorted(committed):
        with open(out / name, encoding="utf-8") as fh:
            result.extend(json.loads(line) for line in fh if line.strip())
    return result


def read_failures(out_dir) -> list[dict]:
    path = Path(out_dir) / FAILURES
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
