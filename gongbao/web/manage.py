"""Entry points the `gongbao` CLI calls (and `python -m gongbao.web.manage`).

    main(argv)            Django's manage.py: main(["migrate"]), main(["ingest", "a.txt"]), ...
    setup()               configure Django (settings from the environment) and create ./var
    migrate()             bring the database schema up to date (quietly)
    ingest_paths(paths)   migrate, ingest each file, return the summary dict
    serve(host, port)     migrate, then serve the site with a threaded WSGI server
"""
from __future__ import annotations

import os
import sys
from typing import Iterable, Optional

SETTINGS = "gongbao.web.settings"


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    import django
    from django.conf import settings

    if not os.environ.get("DATABASE_URL"):
        from .settings import sqlite_path

        sqlite_path().parent.mkdir(parents=True, exist_ok=True)
    if not settings.configured or not _apps_ready():
        django.setup()


def _apps_ready() -> bool:
    from django.apps import apps

    return apps.ready


def migrate(verbosity: int = 0) -> None:
    setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=verbosity, interactive=False)


def main(argv: Optional[list[str]] = None) -> int:
    """Run a Django management command: main(["migrate"]), main(["ingest", "FILE"])."""
    setup()
    from django.core.management import execute_from_command_line

    argv = list(sys.argv[1:] if argv is None else argv)
    execute_from_command_line(["gongbao-web", *argv])
    return 0


def ingest_paths(paths: Iterable, *, force: bool = False) -> dict:
    """Ingest files (see gongbao.web.services.ingest.ingest_paths for the summary)."""
    migrate()
    from .services.ingest import ingest_paths as run

    return run(paths, force=force)


def format_summary(summary: dict) -> str:
    from .services.ingest import format_summary as fmt

    return fmt(summary)


def serve(host: str = "127.0.0.1", port: int = 8000, *, threads: bool = True) -> None:
    """Serve the knowledge base until interrupted (Django's threaded WSGI server,
    static files included; put a reverse proxy in front for public use)."""
    migrate()
    from django.core.servers.basehttp import run
    from django.core.wsgi import get_wsgi_application

    shown = f"[{host}]" if ":" in host else host

    def announce(bound_port: int) -> None:
        print(f"gongbao: serving http://{shown}:{bound_port}/ (Ctrl-C to stop)", file=sys.stderr, flush=True)

    run(host, int(port), get_wsgi_application(), ipv6=":" in host, threading=threads, on_bind=announce)


if __name__ == "__main__":
    sys.exit(main())
