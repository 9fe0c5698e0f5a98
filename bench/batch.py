"""Benchmark: a generated corpus extracted by `run_batch` on 1 and 2 Dask
workers, against sequential extraction in this process.

Prints files/s and records/s of
  sequential      extract_path on each file in turn, in this process (set up
                  as a worker is: work.warm_up, then a few files)
  sequential+out  the same plus what a worker adds per file: sha256 and the
                  JSON output line (work.process_file)
  N processes     the sequential extraction in N plain processes at once, each
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

    .venv/bin/python bench/batch.py [--copies 36] [--workers 1,2] [--repeat N] [--keep DIR]
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import shutil
import sys
import tempfile
import time
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


def _apart(paths, barrier, results) -> None:
    warm_up()
    sequential(paths[:20], with_output=False)
    barrier.wait()
    t0 = time.perf_counter()
    wall, cpu, ok, records = sequential(paths, with_output=False)
    results.put((t0, t0 + wall, cpu, ok, records))


def apart(paths, n: int) -> tuple[float, float, int, int, float]:
    """(wall seconds, CPU seconds, files extracted, records) of the sequential
    extraction run in n plain processes at once, each on every n-th file, with
    no Dask at all: what n cores give n independent extractions on this
    machine (shared caches, memory bandwidth, other load), the ceiling of
    n workers' throughput."""
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(n + 1), ctx.Queue()
    procs = [ctx.Process(target=_apart, args=(paths[i::n], barrier, results)) for i in range(n)]
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=36, help="copies of the ~57 base files (36 → 2,058 files)")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--keep", help="generate the corpus here and keep it")
    ap.add_argument("--repeat", type=int, default=1,
                    help="run each measurement N times and keep the fastest (the least disturbed on a shared machine)")
    args = ap.parse_args()

    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="gongbao-bench-"))
    try:
        corpus = tmp / "corpus"
        if not corpus.exists():
            make_corpus(corpus, copies=args.copies, broken=True, full_issues=True)
        paths = [f.path for f in walk_directory(corpus)]
        size = sum(os.path.getsize(p) for p in paths)
        print(f"corpus          {len(paths):,} files, {size / 1e6:.1f} MB ({tmp})")
        print(f"machine         {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start "
              f"(wall-clock figures need idle cores; CPU figures do not)")

        # as on a worker: the extractor imported and the heap settled (work.warm_up),
        # then a few files to warm regexes and the registry
        warm_up()
        sequential(paths[:20], with_output=True)
        seq = {}
        loads = []                  # cores kept busy by other processes, per measurement

        def timed_sequential(with_output):
            others = Others()
            wall, cpu, ok, records = sequential(paths, with_output)
            return wall, cpu, ok, records, others.cores(cpu)

        for label, with_output in (("sequential", False), ("sequential+out", True)):
            wall, cpu, ok, records, load = min((timed_sequential(with_output) for _ in range(args.repeat)),
                                               key=lambda r: r[0])
            seq[label] = (wall, cpu)
            loads.append(load)
            print(f"{label:<15} {len(paths) / wall:7.1f} files/s {records / wall:8.0f} records/s "
                  f"({wall:.1f} s wall, {cpu:.1f} s CPU; {len(paths) / cpu:.1f} files per CPU-second; "
                  f"others {load:.2f} cores)")

        ceiling = {}
        for n in [int(w) for w in args.workers.split(",") if int(w) > 1]:
            wall, cpu, ok, records, load = min((apart(paths, n) for _ in range(args.repeat)), key=lambda r: r[0])
            ceiling[n] = wall
            loads.append(load)
            print(f"{str(n) + ' processes':<15} {len(paths) / wall:7.1f} files/s {records / wall:8.0f} records/s "
                  f"({wall:.1f} s wall, {cpu:.1f} s CPU, in {n} plain processes at once, no Dask; "
                  f"others {load:.2f} cores)")

        runs = {}
        for n in [int(w) for w in args.workers.split(",")]:
            s, worker_cpu, client_cpu, load = min((batch(corpus, tmp / f"out-{n}", n) for _ in range(args.repeat)),
                                                  key=lambda r: r[0].seconds)
            assert s.complete and s.extracted + s.failed == len(paths), s
            runs[n] = (s, worker_cpu, client_cpu)
            loads.append(load)
            print(f"{'batch ' + str(n):<15} {s.files_per_second:7.1f} files/s {s.records_per_second:8.0f} records/s "
                  f"({s.seconds:.1f} s wall + {s.startup_seconds:.1f} s start; workers {worker_cpu:.1f} s CPU "
                  f"= {len(paths) / worker_cpu:.1f} files per CPU-second; client+scheduler {client_cpu:.1f} s CPU; "
                  f"others {load:.2f} cores)")

        seq_wall, seq_cpu = seq["sequential"]
        out_wall, out_cpu = seq["sequential+out"]
        print()
        print(f"output cost     {100 * (out_cpu / seq_cpu - 1):5.1f} % CPU per file (sha256 + JSON line, in the worker)")
        for n, (s, worker_cpu, client_cpu) in sorted(runs.items()):
            per_worker = s.files_per_second / n
            print(f"per worker ({n})  {per_worker:7.1f} files/s wall = {100 * per_worker * seq_wall / len(paths):5.1f} % "
                  f"of sequential; CPU per file {100 * seq_cpu / worker_cpu:5.1f} % as efficient as sequential, "
                  f"{100 * out_cpu / worker_cpu:5.1f} % as sequential+out; "
                  f"client+scheduler {100 * client_cpu / (worker_cpu + client_cpu):4.1f} % of all CPU")
            if n in ceiling:
                print(f"{'':16}ceiling: {n} plain processes reach {100 * seq_wall / ceiling[n] / n:5.1f} % of "
                      f"sequential each; the {n} workers {100 * ceiling[n] / s.seconds:5.1f} % of that")
        if 1 in runs and 2 in runs:
            print(f"speed-up 2/1    {runs[2][0].files_per_second / runs[1][0].files_per_second:.2f}× wall clock")
        print(f"machine         load average {os.getloadavg()[0]:.2f} at end; other processes kept up to "
              f"{max(loads):.2f} cores busy during a measurement"
              + (" (wall-clock figures disturbed)" if max(loads) > 0.1 else ""))
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
