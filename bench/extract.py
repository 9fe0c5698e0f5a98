"""Benchmark: in-process extraction of the sample gazette.

Prints the median time per issue, the throughput in MB/s and the peak memory
(Python allocations during one extraction, via tracemalloc, and the process's
peak RSS). Targets (issue 2): ≤ 30 ms per issue (≥ 4 MB/s), ≤ 60 MB peak.

    .venv/bin/python bench/extract.py [FILE] [--runs N]
"""
from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gongbao.extract.pipeline import clear_caches, extract_text  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("file", nargs="?", default=str(ROOT / "examples" / "lvliang-gazette-2023-02.txt"))
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    data = Path(args.file).read_bytes()
    text = data.decode("utf-8")
    mb = len(data) / 1e6

    extract_text(text, args.file)            # warm up: imports, regex compilation, registry
    times, cpu = [], []
    for _ in range(args.runs):
        clear_caches()                        # each run cold, as for a new issue
        t0, c0 = time.perf_counter(), time.process_time()
        result = extract_text(text, args.file)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    median = statistics.median(times)

    tracemalloc.start()
    extract_text(text, args.file)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    counts = result.counts()
    print(f"file            {Path(args.file).name} ({len(data):,} bytes, {sum(counts.values())} records)")
    print(f"median          {median * 1000:.1f} ms per issue over {args.runs} runs "
          f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f})")
    print(f"CPU time        {statistics.median(cpu) * 1000:.1f} ms per issue (median; less disturbed by other load)")
    print(f"throughput      {mb / median:.2f} MB/s")
    print(f"peak traced     {peak / 1e6:.1f} MB (Python allocations during one extraction)")
    print(f"peak RSS        {rss_mb:.1f} MB (whole process, interpreter and libraries included)")


if __name__ == "__main__":
    main()
