"""Corpus scale: every file of a directory or list file extracted in parallel on
Dask distributed, written as committed JSON Lines partitions that a later
`--resume` continues without duplicates or losses.

    from gongbao.batch import run_batch
    summary = run_batch("corpus/", out_dir="out/", workers=4)

    gongbao batch DIR_OR_LISTFILE [--scheduler ADDRESS [--workers-write]] [--workers N] [--out DIR] [--resume]

`main(argv)` is the command; `add_arguments(parser)` and `run(args)` let the
main CLI mount it as a subcommand.
"""
from .cli import add_arguments, main, run
from .output import read_failures, read_records
from .runner import BatchError, BatchSummary, run_batch

__all__ = ["run_batch", "BatchSummary", "BatchError", "main", "run", "add_arguments",
           "read_records", "read_failures"]
