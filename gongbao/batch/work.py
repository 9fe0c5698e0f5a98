"""What a worker runs: read, hash and extract a chunk of files.

A task takes a chunk of files and returns one `Outcome` per file. A file that
fails (bad input, or a bug of ours on it) is an outcome like any other, so one
file never fails its chunk. Every successful outcome carries its output line
ready-made (JSON, one line), so the client only writes bytes.

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


def extract_chunk(chunk: list[tuple[str, Optional[str]]], extractor: Union[str, Callable] = DEFAULT_EXTRACTOR) -> list[Outcome]:
    """The task: `chunk` is a list of (path, known_sha256). A known hash is
    the one the done manifest holds for the path (resume): when the file still
    has it, the file is reported unchanged and not extracted again. The empty
    string stands for a file done while unreadable."""
    extract = resolve(extractor)
    if not _settled:             # a worker that joined after the run's warm-up (restarted by its nanny)
        settle_heap()
    version = extractor_version()
    return [process_file(path, known, extract, version) for path, known in chunk]


def worker_pid() -> int:
    return os.getpid()
