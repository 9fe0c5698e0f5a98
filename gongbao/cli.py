"""The command line: a thin layer over the core and the web application.

    gongbao extract FILE [--format summary|json]    read one gazette or document
    gongbao ingest FILE...                           store extractions in the knowledge base
    gongbao serve [--host H] [--port P]              the web application and API
    gongbao batch DIR_OR_LISTFILE [...]              a whole corpus on Dask
    gongbao remind                                   send due supervision reminders (cron)
    gongbao demo                                     a ready-to-try supervision loop on the sample
    gongbao manage ARGS...                           any Django management command
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import InputError

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "lvliang-gazette-2023-02.txt"


def _extract(args) -> int:
    from .extract.pipeline import extract_path
    from .output import summary, to_json

    result = extract_path(args.file)
    text = to_json(result) if args.format == "json" else summary(result)
    sys.stdout.write(text + "\n")
    return 0


def _ingest(args) -> int:
    from .web import format_summary, ingest_paths

    summary = ingest_paths(args.files, force=args.force)
    print(format_summary(summary))
    for failure in summary["failed"]:
        print(f"gongbao: {failure['error']}", file=sys.stderr)
    return 2 if summary["failed"] else 0


def _serve(args) -> int:
    from .web import serve

    serve(args.host, args.port)
    return 0


def _batch(args) -> int:
    from .batch import run

    return run(args) or 0


def _remind(args) -> int:
    import datetime

    from .web.supervision import remind

    today = datetime.date.fromisoformat(args.date) if args.date else None
    done = remind(today, email=not args.no_email, base_url=args.base_url)
    print(f"reminders: {done.get('created', 0)} created, {done.get('emailed', 0)} e-mailed")
    return 0


def _demo(args) -> int:
    from .web import setup
    from .web.supervision import demo

    setup()                      # Django first: the demo service imports models
    from .web.supervision.services.demo import DemoRefused

    try:
        print(demo(args.file, force=args.force, password=args.password))
    except DemoRefused as exc:
        print(f"gongbao: demo: {exc}", file=sys.stderr)
        return 2
    return 0


def _manage(command: str):
    def run(args) -> int:
        from .web import main

        return main([command, *getattr(args, "rest", [])]) or 0
    return run


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gongbao", description="Read government gazettes and extract what they establish.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="print every document and record a gazette or document establishes")
    p.add_argument("file", help="a gazette issue or a single document (text, any Chinese encoding)")
    p.add_argument("--format", choices=("summary", "json"), default="summary")
    p.set_defaults(run=_extract)

    p = sub.add_parser("ingest", help="store the extraction of each FILE in the knowledge base (idempotent)")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--force", action="store_true", help="re-extract even when a file is unchanged")
    p.set_defaults(run=_ingest)

    p = sub.add_parser("serve", help="serve the web application and the API (http://127.0.0.1:8000)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(run=_serve)

    p = sub.add_parser("batch", help="extract a whole corpus in parallel on Dask")
    try:
        from .batch import add_arguments
    except ImportError:  # batch extras not installed
        add_arguments = None
    if add_arguments is not None:
        add_arguments(p)
    p.set_defaults(run=_batch)

    p = sub.add_parser("remind", help="send the supervision reminders that are due (run it from cron)")
    p.add_argument("--date", help="act as if today were DATE (YYYY-MM-DD)")
    p.add_argument("--no-email", action="store_true", help="in-app notifications only")
    p.add_argument("--base-url", default="", help="site address used in e-mailed links")
    p.set_defaults(run=_remind)

    p = sub.add_parser("demo", help="set up a ready-to-try supervision loop on the sample gazette")
    p.add_argument("file", nargs="?", default=str(SAMPLE), help="gazette to open for supervision (default: the sample)")
    p.add_argument("--password", help="one password for every demo account (default: random, printed)")
    p.add_argument("--force", action="store_true", help="also under production settings (DEBUG off)")
    p.set_defaults(run=_demo)

    p = sub.add_parser("manage", help="run a Django management command of the web application")
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(run=lambda args: _manage(args.rest[0] if args.rest else "help")(
        argparse.Namespace(rest=args.rest[1:])))
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except InputError as exc:
        print(f"gongbao: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("gongbao: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug of ours: still one line, never a traceback
        where = getattr(args, "file", None) or args.command
        print(f"gongbao: {where}: internal error ({type(exc).__name__}: {exc}); "
              f"please report it with this file", file=sys.stderr)
        return 70


if __name__ == "__main__":
    sys.exit(main())
