"""`gongbao batch DIR_OR_LISTFILE [--scheduler ADDRESS [--workers-write]] [--workers N] [--out DIR] [--resume]`

Exit codes: 0 every file settled (extracted or recorded as failed), 1 the run
ended with files left (stopped), 2 bad input (corpus, output directory),
3 the run could not go on (cluster, extractor, store), 130 interrupted.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys

from ..errors import InputError


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("inputs", metavar="DIR_OR_LISTFILE",
                        help="a directory (walked recursively; hidden files skipped) or a file listing one path per line")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="address of an existing Dask scheduler (tcp://host:8786); default: a local cluster")
    parser.add_argument("--workers", type=int, metavar="N",
                        help="worker processes of the local cluster (default: one per core); "
                             "with --scheduler, wait for N workers before starting")
    parser.add_argument("--workers-write", action="store_true",
                        help="with --scheduler: --out is on a file system every worker sees at the same path, so the "
                             "workers write the records files themselves (checked before the run; the local cluster's "
                             "workers always do)")
    parser.add_argument("--out", metavar="DIR", default=None,
                        help="output directory (default: ./gongbao-batch)")
    parser.add_argument("--resume", action="store_true",
                        help="continue the run whose output is in --out: skip files done with the same content")
    parser.add_argument("--database-url", metavar="URL", default=None,
                        help="also store the records in PostgreSQL (default: $DATABASE_URL when --db is given)")
    parser.add_argument("--db", action="store_true", help="store the records in the database named by $DATABASE_URL")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar or status lines on stderr")
    return parser


def build_parser() -> argparse.ArgumentParser:
    return add_arguments(argparse.ArgumentParser(
        prog="gongbao batch", description="Extract every file of a corpus in parallel on Dask."))


def _sigterm(signum, frame):
    raise KeyboardInterrupt


def _quiet_cluster_logs() -> None:
    """Tornado and Dask log connection errors with tracebacks when a run is
    interrupted (connections to workers being shut down); the run reports
    its own outcome in one line, so those logs stay out of the terminal."""
    import logging

    import distributed  # noqa: F401 - its import configures these loggers: set them after it

    for name in ("tornado.application", "distributed.client", "distributed.comm", "distributed.core"):
        logger = logging.getLogger(name)
        logger.setLevel(logging.CRITICAL)
        logger.disabled = True          # a later setLevel (LocalCluster's silence_logs) does not undo this


def run(args) -> int:
    """Run a parsed `gongbao batch` command (for the main CLI's subcommand)."""
    from .runner import BatchError, run_batch

    if args.workers is not None and args.workers < 1:
        print("gongbao: --workers: must be at least 1", file=sys.stderr)
        return 2
    if args.workers_write and not args.scheduler:
        print("gongbao: --workers-write: only with --scheduler (the local cluster's workers write anyway)",
              file=sys.stderr)
        return 2
    database_url = args.database_url or (os.environ.get("DATABASE_URL") if args.db else None)
    _quiet_cluster_logs()
    previous = signal.signal(signal.SIGTERM, _sigterm) if hasattr(signal, "SIGTERM") else None
    try:
        summary = run_batch(args.inputs, out_dir=args.out, scheduler=args.scheduler, workers=args.workers,
                            resume=args.resume, database_url=database_url, progress=not args.no_progress,
                            workers_write=True if args.workers_write else None)
    except InputError as exc:
        print(f"gongbao: {exc}", file=sys.stderr)
        return exc.exit_code
    except BatchError as exc:
        print(f"gongbao: batch: {exc}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:       # before the run loop (listing, cluster start)
        print("gongbao: interrupted", file=sys.stderr)
        return 130
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    if not args.no_progress:
        print(summary.line(), file=sys.stderr)
    if summary.interrupted:
        print(f"gongbao: interrupted; continue with: gongbao batch {args.inputs} --out {summary.out_dir} --resume",
              file=sys.stderr)
        return 130
    return 0 if summary.complete else 1


def main(argv=None) -> int:
    return run(build_parser().parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
