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
sets Django up, brings the schema up to date and hands the record sets to
`gongbao.web.services.ingest.ingest_record_sets(record_sets)` (an upsert on
(path, sha256), one transaction per file). Any database Django's settings
accept works (postgresql://…, or sqlite:///path for a single machine).
"""
from __future__ import annotations

import os
from typing import Callable

from ..errors import InputError

def database_store(url: str) -> Callable[[list[dict]], None]:
    where = url_for_message(url)
    if url:
        os.environ["DATABASE_URL"] = url          # read by gongbao/web/settings.py
    try:
        from ..web.manage import migrate
        migrate()
        from ..web.services.ingest import ingest_record_sets
    except Exception as exc:  # noqa: BLE001 - missing Django, bad URL, server down: one line, no traceback
        first = (str(exc).strip().splitlines() or [""])[0]
        raise InputError(where, f"the database cannot be used ({type(exc).__name__}: {first})") from None
    return ingest_record_sets


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
