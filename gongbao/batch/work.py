"""What a worker runs: read, hash and extract a chunk of files.

A task takes a chunk of files and returns one `ChunkResult`: the chunk's
partition. A file that fails (bad input, or a bug of ours on it) is an
outcome like any other, so one file never fails its chunk. Each extracted
file gives one output line (JSON), built here. The worker either writes the
lines itself, to a temporary file in the output directory that the client
renames when it commits the partition (the output directory is then on a file
system the workers see: a LocalCluster's always is), or returns them as one
block of bytes for the client to write. Either way the client gets the
partition's bookkeeping ready-made: the manifest's list of files (JSON),
counts, and the failures.

The extractor is named by reference (`"module:function"`, a callable of one
path returning an `Extraction`) and imported once per worker process.
"""
from __future__ import annotations

import dataclasses
import gc
import hashlib
import importlib
import json
import os
from typing import Callable, NamedTuple, Optional, Union

from ..errors import InputError

try:                      # orjson encodes dataclasses natively, several times faster than json
    import orjson
except ImportError:       # pragma: no cover - a declared dependency; json is the fallback
    orjson = None

DEFAULT_EXTRACTOR = "gongbao.extract.pipeline:extract_path"
FORMAT = "gongbao.batch/1"

OK, FAILED, UNCHANGED = "ok", "failed", "unchanged"

_cache: dict[str, Callable] = {}


class Outcome(NamedTuple):
    """What one file gave."""
    path: str
    sha256: Optional[str]     # None: the file could not be read
    status: str               # ok | failed | unchanged
    records: int              # records extracted (0 unless ok)
    payload: Union[bytes, str, None]   # ok: the JSON line (UTF-8); failed: the error line; unchanged: None
    version: str              # extractor version that produced it


def resolve(extractor: Union[str, Callable]) -> Callable:
    if callable(extractor):
        return extractor
    fn = _cache.get(extractor)
    if fn is None:
        module, _, name = extractor.partition(":")
        fn = getattr(importlib.import_module(module), name)
        _cache[extractor] = fn
    return fn


def extractor_version() -> str:
    from .. import __version__
    return __version__


def warm_up(extractor: Union[str, Callable] = DEFAULT_EXTRACTOR) -> str:
    """Import the extractor (and what it loads at import) before the first
    file, so the first chunk is not charged for it, and settle the heap.
    Returns the version."""
    resolve(extractor)
    settle_heap()
    return extractor_version()


_settled = False


def settle_heap() -> None:
    """Once per process, after the imports: move every object alive (modules,
    and in a worker Dask's own state: some 57,000 objects against 15,000 in a
    bare process) to the collector's permanent generation. Extraction makes
    and drops many objects, so full collections come often (about 35 on the
    benchmark corpus), and each one walked all of those again: a Dask worker
    spent twice the collector time of a bare process (1.4 s against 0.7 s for
    2,058 files), 0.5 s once settled. Only what exists now is frozen; what
    extraction makes later is collected as usual."""
    global _settled
    if not _settled:
        _settled = True
        gc.collect()
        gc.freeze()


def sha256_file(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def one_line(exc: BaseException, path: str) -> str:
    """An error as one line naming the file (InputError already does)."""
    if isinstance(exc, InputError):
        text = str(exc)
    else:
        text = f"{path}: internal error ({type(exc).__name__}: {exc})"
    return " ".join(text.split())


def _dumps(value, default=None) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=default)


_fields: dict[type, tuple[str, ...]] = {}


def _encode_dataclass(obj):
    """json's `default` hook: a dataclass as the dict of its fields, in
    field order (what dataclasses.asdict gives, without its deep copies).
    An instance whose __dict__ holds exactly its fields (the dataclass
    __init__ sets them in field order) is given as is."""
    names = _fields.get(type(obj))
    if names is None:
        if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
            raise TypeError(f"{type(obj).__name__} is not JSON serializable")
        names = _fields[type(obj)] = tuple(f.name for f in dataclasses.fields(obj))
    attrs = getattr(obj, "__dict__", None)
    if attrs is not None and len(attrs) == len(names):
        return attrs
    return {name: getattr(obj, name) for name in names}


class _Serializer:
    """`Extraction.to_dict()` as JSON, about four times faster: its layout is
    read once from the to_dict() of an empty result of the same class (keys
    that are fields take the result's values, the others are constants such
    as the format name), and the records are encoded straight from the
    dataclasses. On the first result of each process the fast form is checked
    against to_dict(); if they differ, to_dict() is used from then on."""

    def __init__(self):
        self.layouts: dict[type, Optional[list[tuple[str, bool, object]]]] = {}
        self.checked: set[type] = set()

    def _layout(self, cls):
        if cls not in self.layouts:
            layout = None
            try:
                if dataclasses.is_dataclass(cls):
                    fields = [f for f in dataclasses.fields(cls) if f.init]
                    required = {f.name: "" for f in fields
                                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
                    names = {f.name for f in fields}
                    template = cls(**required).to_dict()
                    layout = [(key, key in names, value) for key, value in template.items()]
            except Exception:  # noqa: BLE001 - no fast form for this class
                layout = None
            self.layouts[cls] = layout
        return self.layouts[cls]

    def __call__(self, result) -> bytes:
        """The result as JSON, UTF-8 encoded (a lone surrogate in its text is
        escaped, as JSON allows)."""
        cls = type(result)
        layout = self._layout(cls)
        if layout is None:
            return _utf8(_dumps(result.to_dict()))
        payload = {key: getattr(result, key) if is_field else constant for key, is_field, constant in layout}
        fast = None
        if orjson is not None:
            try:
                fast = orjson.dumps(payload, default=_encode_dataclass)
            except (TypeError, UnicodeError):      # e.g. a lone surrogate: json below escapes it
                fast = None
        if fast is None:
            fast = _utf8(_dumps(payload, default=_encode_dataclass))
        if cls not in self.checked:
            slow = _utf8(_dumps(result.to_dict()))
            self.checked.add(cls)
            if fast != slow:
                self.layouts[cls] = None
                return slow
        return fast


def _utf8(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:   # a lone surrogate in the text: escape it, as JSON allows
        return json.dumps(json.loads(text), ensure_ascii=True, separators=(",", ":")).encode("ascii")


serialize = _Serializer()


def record_line(path: str, sha: str, version: str, result) -> tuple[bytes, int]:
    """The output line of one file, UTF-8 encoded here on the worker (the
    client only joins and writes bytes): provenance first, then the extraction."""
    counts = result.counts()
    head = _utf8(_dumps({"format": FORMAT, "path": path, "sha256": sha,
                         "extractor_version": version, "counts": counts}))
    return b"".join((head[:-1], b',"extraction":', serialize(result), b"}")), sum(counts.values())


def process_file(path: str, known_sha: Optional[str], extract: Callable, version: str) -> Outcome:
    try:
        sha = sha256_file(path)
    except OSError:
        sha = None           # the extractor gives the error line users know
    if known_sha is not None and sha == known_sha:
        return Outcome(path, sha, UNCHANGED, 0, None, version)
    if known_sha == "" and sha is None:
        return Outcome(path, sha, UNCHANGED, 0, None, version)   # was unreadable, still is
    try:
        result = extract(path)
        if sha is None:       # readable for the extractor after all
            sha = sha256_file(path)
        line, n = record_line(path, sha, version, result)
    except Exception as exc:  # noqa: BLE001 - any failure is this file's, recorded, and the run goes on
        return Outcome(path, sha, FAILED, 0, one_line(exc, path), version)
    return Outcome(path, sha, OK, n, line, version)


class ChunkResult(NamedTuple):
    """What a task gives the client: one partition, ready to commit."""
    records: Union[str, bytes, None]   # the temporary file holding the records' lines (written by the worker,
                                       # a path in the output directory), or the lines themselves (bytes),
                                       # or None: no file of the chunk was extracted
    files: bytes                       # JSON array of [path, sha256, status] of every file settled
                                       # (the done manifest's "files"): all but the unchanged ones
    extracted: int
    failed: int
    unchanged: int                     # done before (resume), same content: not settled again
    changed: int                       # done before, but with another content: settled again
    records_n: int                     # records extracted
    failures: tuple                    # dicts: path, sha256, error, extractor_version

    @property
    def settled(self) -> int:
        return self.extracted + self.failed


def extract_chunk(chunk: list[tuple[str, Optional[str]]], extractor: Union[str, Callable] = DEFAULT_EXTRACTOR,
                  write_to: Optional[tuple[str, str, bool]] = None) -> ChunkResult:
    """The task: `chunk` is a list of (path, known_sha256). A known hash is
    the one the done manifest holds for the path (resume): when the file still
    has it, the file is reported unchanged and not extracted again. The empty
    string stands for a file done while unreadable.

    `write_to` = (output directory, name stem, fsync): the records' lines are
    written to `<directory>/<stem>.<unique>.tmp`, whose path is returned (a
    retry or a duplicate run of the task writes a file of its own), fsync'ed
    when asked (on a shared file system; locally the client's fsync before
    the rename does it). None: the lines are returned as bytes."""
    extract = resolve(extractor)
    if not _settled:             # a worker that joined after the run's warm-up (restarted by its nanny)
        settle_heap()
    version = extractor_version()
    settled: list[tuple[str, Optional[str], str]] = []
    failures: list[dict] = []
    extracted = failed = unchanged = changed = records_n = 0
    lines: list[bytes] = []
    fh = tmp = None
    try:
        for path, known in chunk:
            o = process_file(path, known, extract, version)
            if o.status == UNCHANGED:
                unchanged += 1
                continue
            if known is not None:
                changed += 1
            settled.append((path, o.sha256, o.status))
            if o.status == OK:
                extracted += 1
                records_n += o.records
                if write_to is None:
                    lines.append(o.payload)
                    lines.append(b"\n")
                else:
                    if fh is None:
                        tmp = os.path.join(write_to[0], f"{write_to[1]}.{os.getpid()}-{os.urandom(4).hex()}.tmp")
                        fh = open(tmp, "wb")
                    fh.write(o.payload)
                    fh.write(b"\n")
            else:
                failed += 1
                failures.append({"path": path, "sha256": o.sha256, "error": o.payload, "extractor_version": version})
        if fh is not None:
            fh.flush()
            if write_to[2]:
                os.fsync(fh.fileno())
            fh.close()
            fh = None
    except BaseException:
        if fh is not None:
            fh.close()
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        raise
    records = tmp if write_to is not None else (b"".join(lines) if lines else None)
    return ChunkResult(records, json_bytes(settled), extracted, failed, unchanged, changed, records_n,
                       tuple(failures))


def failed_file(path: str, sha: Optional[str], error: str, version: str) -> ChunkResult:
    """A partition of one file that failed without a worker's word (the client's verdict)."""
    return ChunkResult(None, json_bytes([(path, sha, FAILED)]), 0, 1, 0, 0, 0,
                       ({"path": path, "sha256": sha, "error": error, "extractor_version": version},))


def json_bytes(value) -> bytes:
    """`value` as compact JSON, UTF-8 (a lone surrogate, as in a path that is
    not UTF-8, escaped)."""
    return _utf8(_dumps(value))


def sees(directory: str, name: str, content: str) -> bool:
    """Runs on each worker: does it see the client's probe file in the output directory?"""
    try:
        with open(os.path.join(directory, name), encoding="utf-8") as fh:
            return fh.read() == content
    except OSError:
        return False


def worker_pid() -> int:
    return os.getpid()
