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

from .errors import InputError


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

    for command, text in (("remind", "send the supervision reminders that are due (run it from cron)"),
                          ("demo", "set up a ready-to-try supervision loop on the sample gazette")):
        p = sub.add_parser(command, help=text)
        p.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
        p.set_defaults(run=_manage(command))

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
