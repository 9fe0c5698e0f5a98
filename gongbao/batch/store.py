"""Where record sets go besides the JSON Lines files: the PostgreSQL hook.

`run_batch(store=...)` accepts any callable `store(record_sets: list[dict])`.
The client calls it once per partition, with the partition's record sets (the
objects of records.part-NNNNN.jsonl: path, sha256, extractor_version, counts,
extraction — the extraction being `Extraction.to_dict()`), *before* the
partition is committed to the done manifest. A crash between the two delivers
the same record sets again on --resume, so a store must be idempotent on
(path, sha256) — an upsert. If it raises, the run stops and nothing of that
partition is committed; --resume redoes it.

`database_store(url)` builds the store that `--database-url URL` (or `--db`
with DATABASE_URL set) selects: it points the web app's settings at `url`,
sets Django up and hands the record sets to
`gongbao.web.services.ingest.ingest_record_sets(record_sets)`. Until the
ingest service has that function, asking for PostgreSQL output is refused
with one clear line rather than extracting a corpus into nowhere.
"""
from __future__ import annotations

import os
from typing import Callable

from ..errors import InputError

HOOK = "ingest_record_sets"


def database_store(url: str) -> Callable[[list[dict]], None]:
    where = url_for_message(url)
    if url:
        os.environ["DATABASE_URL"] = url          # read by gongbao/web/settings.py
    try:
        from ..web import setup
        setup()
        from ..web.services import ingest
    except Exception as exc:  # noqa: BLE001 - missing Django, bad URL, ...: one line, no traceback
        raise InputError(where, f"PostgreSQL output is not available "
                                f"(the web app's ingest service cannot be loaded: {type(exc).__name__}: {exc})") from None
    hook = getattr(ingest, HOOK, None)
    if hook is None:
        raise InputError(where, f"PostgreSQL output is not available in this build yet "
                                f"(gongbao.web.services.ingest has no {HOOK}(record_sets))")
    return hook


def url_for_message(url: str) -> str:
    """The URL without its password, fit for an error line."""
    from urllib.parse import urlsplit, urlunsplit
    try:
        parts = urlsplit(url)
        if parts.password:
            parts = parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@"))
        return urlunsplit(parts)
    except ValueError:
        return "DATABASE_URL"
