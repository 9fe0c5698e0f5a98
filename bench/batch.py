"""Benchmark: a generated corpus extracted by `run_batch` on 1 and 2 Dask
workers, against sequential extraction.

Prints files/s and records/s of
  sequential      extract_path on each file in turn, in one fresh process (set
                  up as a worker is: work.warm_up, then a few files)
  sequential+out  the same plus what a worker adds per file: sha256 and the
                  JSON output line (work.process_file)
  N processes     the sequential extraction in N fresh processes at once, each
                  on every N-th file, no Dask: the ceiling of N workers on
                  this machine (shared caches and memory, other load)
  batch N         run_batch on a LocalCluster of N workers (one thread each),
                  timed from the first task submitted to the last partition
                  committed; the cluster start is reported apart
and the speed-up of 2 workers over 1, and each worker's throughput against
the sequential in-process rate (the headline, wall clock), with its CPU per
file against sequential and the CPU share of client and scheduler. Targets
(issue 6): speed-up ≥ 1.8× on 2 workers, per-worker throughput within 10% of
the sequential rate.

A single measurement on a shared virtual machine moves by 5-10 % from one
minute to the next, and a process's rate by a few per cent with its hash seed.
So every measurement is taken in each of several rounds (in alternating order,
each in fresh processes), the ratios are computed within a round, and the
median and range over the rounds are printed.

    .venv/bin/python bench/batch.py [--copies 36] [--workers 1,2] [--rounds 3] [--keep DIR]
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gongbao.batch import run_batch  # noqa: E402
from gongbao.batch.corpus import walk_directory  # noqa: E402
from gongbao.batch.runner import connect  # noqa: E402
from gongbao.batch.work import DEFAULT_EXTRACTOR, extractor_version, process_file, resolve, warm_up  # noqa: E402
from gongbao.errors import InputError  # noqa: E402
from tests.batch.corpus import make_corpus  # noqa: E402


def cpu_seconds() -> float:
    """CPU time (user + system) of the calling process."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def busy_seconds() -> float:
    """CPU time the whole machine has spent busy (all processes, all cores)."""
    with open("/proc/stat") as fh:
        fields = fh.readline().split()[1:]
    user, nice, system, idle, iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


class Others:
    """Cores kept busy by other processes while a measurement ran: the
    machine's busy time over the span, less the CPU time of the measurement."""

    def __init__(self):
        self.busy, self.t0 = busy_seconds(), time.perf_counter()

    def cores(self, own_cpu: float) -> float:
        span = time.perf_counter() - self.t0
        return max(0.0, busy_seconds() - self.busy - own_cpu) / span if span > 0 else 0.0


def sequential(paths, with_output: bool) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds, files extracted, records) of extracting
    each file in turn in this process."""
    extract = resolve(DEFAULT_EXTRACTOR)
    version = extractor_version()
    records = ok = 0
    c0, t0 = cpu_seconds(), time.perf_counter()
    for path in paths:
        if with_output:
            outcome = process_file(path, None, extract, version)
            records += outcome.records
            ok += outcome.status == "ok"
        else:
            try:
                counts = extract(path).counts()
            except InputError:
                continue
            records += sum(counts.values())
            ok += 1
    return time.perf_counter() - t0, cpu_seconds() - c0, ok, records


def _apart(paths, with_output, barrier, results) -> None:
    warm_up()
    sequential(paths[:20], with_output)
    barrier.wait()
    t0 = time.perf_counter()
    wall, cpu, ok, records = sequential(paths, with_output)
    results.put((t0, t0 + wall, cpu, ok, records))


def apart(paths, n: int, with_output: bool = False) -> tuple[float, float, int, int, float]:
    """(wall seconds, CPU seconds, files extracted, records, cores kept busy
    by others) of the sequential extraction run in n fresh processes at once,
    each on every n-th file, with no Dask at all. n = 1 is the sequential
    in-process rate, measured in a fresh interpreter as a worker is one (the
    rate of a process depends on its hash seed by a few per cent); n > 1 is
    what n cores give n independent extractions on this machine (shared
    caches, memory bandwidth, other load), the ceiling of n workers."""
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(n + 1), ctx.Queue()
    procs = [ctx.Process(target=_apart, args=(paths[i::n], with_output, barrier, results)) for i in range(n)]
    for p in procs:
        p.start()
    barrier.wait()
    others = Others()
    got = [results.get() for _ in procs]
    cpu = sum(g[2] for g in got)
    load = others.cores(cpu)
    for p in procs:
        p.join()
    return (max(g[1] for g in got) - min(g[0] for g in got), cpu,
            sum(g[3] for g in got), sum(g[4] for g in got), load)


def batch(corpus: Path, out: Path, workers: int):
    """run_batch on a local cluster started as run_batch starts it (the start,
    imports on the workers included, is timed apart), with the CPU time of the
    workers and of this process (client, scheduler, nannies, writer)."""
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    with connect(None, workers) as client:
        client.run(warm_up)
        start = time.perf_counter() - t0
        before = sum(client.run(cpu_seconds).values())
        mine = cpu_seconds()
        others = Others()
        # the workers write the records files, as on the LocalCluster that run_batch starts
        summary = run_batch(str(corpus), out_dir=out, scheduler=client, progress=False, workers_write=True)
        worker_cpu = sum(client.run(cpu_seconds).values()) - before
        client_cpu = cpu_seconds() - mine
        load = others.cores(worker_cpu + client_cpu)
    summary.startup_seconds += start
    return summary, worker_cpu, client_cpu, load


@dataclass
class Measure:
    """One measurement: the corpus's files in `wall` seconds."""
    wall: float
    cpu: float                  # of the extracting processes (the workers)
    records: int
    load: float                 # cores kept busy by other processes meanwhile
    client_cpu: float = 0.0     # batch: client, scheduler and nannies (this process)
    start: float = 0.0          # batch: cluster start, apart from `wall`


def spread(values, fmt="{:.1f}") -> str:
    """The median and, over several rounds, the range."""
    text = fmt.format(statistics.median(values))
    if len(values) > 1:
        text += " (" + fmt.format(min(values)) + "–" + fmt.format(max(values)) + ")"
    return text


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=36, help="copies of the ~57 base files (36 → 2,058 files)")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--keep", help="generate the corpus here and keep it")
    ap.add_argument("--rounds", type=int, default=3,
                    help="rounds of every measurement, in alternating order; figures are the median of the rounds")
    args = ap.parse_args()

    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="gongbao-bench-"))
    try:
        corpus = tmp / "corpus"
        if not corpus.exists():
            make_corpus(corpus, copies=args.copies, broken=True, full_issues=True)
        paths = [f.path for f in walk_directory(corpus)]
        files = len(paths)
        size = sum(os.path.getsize(p) for p in paths)
        print(f"corpus          {files:,} files, {size / 1e6:.1f} MB ({tmp})")
        print(f"machine         {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start "
              f"(wall-clock figures need idle cores; CPU figures do not)")

        def fresh(n, with_output):
            wall, cpu, ok, records, load = apart(paths, n, with_output)
            return Measure(wall, cpu, records, load)

        def on_dask(n):
            s, worker_cpu, client_cpu, load = batch(corpus, tmp / f"out-{n}", n)
            assert s.complete and s.extracted + s.failed == files, s
            return Measure(s.seconds, worker_cpu, s.records, load, client_cpu, s.startup_seconds)

        counts = [int(w) for w in args.workers.split(",")]
        plan = [("sequential", lambda: fresh(1, False)), ("sequential+out", lambda: fresh(1, True))]
        plan += [(f"{n} processes", lambda n=n: fresh(n, False)) for n in counts if n > 1]
        plan += [(f"batch {n}", lambda n=n: on_dask(n)) for n in counts]

        def show(label, m):
            line = (f"{label:<15} {files / m.wall:7.1f} files/s {m.records / m.wall:8.0f} records/s "
                    f"({m.wall:.1f} s wall, {m.cpu:.1f} s CPU = {files / m.cpu:.1f} files per CPU-second")
            if label.startswith("batch"):
                line += f"; + {m.start:.1f} s start; client+scheduler {m.client_cpu:.2f} s CPU"
            print(line + f"; others {m.load:.2f} cores)", flush=True)

        rounds: list[dict[str, Measure]] = []
        for r in range(args.rounds):
            # alternate the order, so that a drift of the machine's speed during
            # a round does not favour whatever is measured first
            print(f"round {r + 1}")
            row = {}
            for label, run in (plan if r % 2 == 0 else plan[::-1]):
                row[label] = m = run()
                show(label, m)
            rounds.append(row)

        def per_round(fn):
            return [fn(row) for row in rounds]

        def rate(label):
            return per_round(lambda row: files / row[label].wall)

        print()
        print(f"over {len(rounds)} round(s): median (range)")
        for label, _ in plan:
            print(f"{label:<15} {spread(rate(label))} files/s")
        out_cost = per_round(lambda row: 100 * (row["sequential+out"].cpu / row["sequential"].cpu - 1))
        print(f"output cost     {spread(out_cost)} % CPU per file (sha256 + JSON line, in the worker)")
        for n in counts:
            b = f"batch {n}"
            wall = per_round(lambda row: 100 * row["sequential"].wall / row[b].wall / n)
            cpu = per_round(lambda row: 100 * row["sequential"].cpu / row[b].cpu)
            cpu_out = per_round(lambda row: 100 * row["sequential+out"].cpu / row[b].cpu)
            share = per_round(lambda row: 100 * row[b].client_cpu / (row[b].cpu + row[b].client_cpu))
            print(f"per worker ({n})  {spread(wall)} % of the sequential rate (wall clock); "
                  f"CPU per file {spread(cpu)} % as efficient as sequential, {spread(cpu_out)} % as "
                  f"sequential+out; client+scheduler {spread(share)} % of all CPU")
            if n > 1:
                ceiling = per_round(lambda row: 100 * row["sequential"].wall / row[f"{n} processes"].wall / n)
                reach = per_round(lambda row: 100 * row[f"{n} processes"].wall / row[b].wall)
                print(f"{'':16}ceiling: {n} plain processes reach {spread(ceiling)} % of sequential each; "
                      f"the {n} workers {spread(reach)} % of that")
        if 1 in counts and 2 in counts:
            print(f"speed-up 2/1    {spread(per_round(lambda row: row['batch 1'].wall / row['batch 2'].wall), '{:.2f}')}× "
                  f"wall clock")
        loads = [m.load for row in rounds for m in row.values()]
        print(f"machine         load average {os.getloadavg()[0]:.2f} at end; other processes kept up to "
              f"{max(loads):.2f} cores busy during a measurement"
              + (" (wall-clock figures disturbed)" if max(loads) > 0.1 else ""))
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
