"""gongbao.web — the knowledge base: a Django 5.2 site and JSON API over what
the extraction core (gongbao.extract) reads from gazettes. The web layer
imports the core; the core never imports it. Importing this package does not
load Django; the functions below do, on first call.

Entry points for the CLI (`gongbao ingest FILE...`, `gongbao serve`):

    from gongbao.web import ingest_paths, format_summary, serve, main

    summary = ingest_paths(["a.txt", "b.txt"])   # migrates, ingests each file in its own transaction
    print(format_summary(summary))                # one line per file + totals
    exit_code = 2 if summary["failed"] else 0     # a bad file is reported, the others still go in
    serve("127.0.0.1", 8000)                      # migrates, serves pages, /api/ and /static/ until Ctrl-C
    main(["migrate"]); main(["reindex"])          # any Django management command

    ingest_paths(paths, force=False) -> {"files": [{"path", "status": added|updated|unchanged,
        "documents_added", "documents_updated", "documents_removed", "counts", "seconds", ...}],
        "failed": [{"path", "error"}], "added": n, "updated": n, "unchanged": n,
        "records": {type: n}, "seconds": s}

Management commands (via main([...]) or python -m gongbao.web.manage ...):
    ingest FILE... [--force]   extract and store files (exit 2 when one failed)
    reindex                    rebuild the search index and the kept task counts
    migrate, runserver, ...    Django's own

Configuration is read from the environment (see gongbao/web/settings.py):
    DATABASE_URL   postgres://... → PostgreSQL (psycopg 3); unset → SQLite at
                   GONGBAO_DB or ./var/gongbao.sqlite3 (WAL mode)
    GONGBAO_DEBUG, GONGBAO_SECRET_KEY, GONGBAO_ALLOWED_HOSTS, GONGBAO_EXPORT_LIMIT

Layout: settings.py, urls.py, wsgi.py, api.py (django-ninja, /api/, schema at
/api/openapi.json), kb/ (models, migrations, views, templates, static,
management commands), services/ (ingest, store, search, segment, tables,
export, records: the one layer pages, API and commands share).
"""
from __future__ import annotations


def setup() -> None:
    from .manage import setup as _setup

    _setup()


def main(argv=None) -> int:
    from .manage import main as _main

    return _main(argv)


def ingest_paths(paths, *, force: bool = False) -> dict:
    from .manage import ingest_paths as _ingest_paths

    return _ingest_paths(paths, force=force)


def format_summary(summary: dict) -> str:
    from .manage import format_summary as _format

    return _format(summary)


def serve(host: str = "127.0.0.1", port: int = 8000) -> None:
    from .manage import serve as _serve

    _serve(host, port)


__all__ = ["setup", "main", "ingest_paths", "format_summary", "serve"]
