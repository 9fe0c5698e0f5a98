"""The command line: a thin layer over the core.

    gongbao extract FILE [--format summary|json]
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gongbao", description="Read government gazettes and extract what they establish.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="print every document and record a gazette or document establishes")
    p.add_argument("file", help="a gazette issue or a single document (text, any Chinese encoding)")
    p.add_argument("--format", choices=("summary", "json"), default="summary")
    p.set_defaults(run=_extract)
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
