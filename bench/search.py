"""Benchmark: knowledge-base ingest rate and search latency on a large corpus (SQLite, and PostgreSQL).

    .venv/bin/python bench/search.py [--records N] [--db PATH] [--runs R] [--keep]
                                     [--postgres] [--pg-records N] [--database-url URL]

SQLite runs first (a temporary file, or --db). With --postgres a throwaway
PostgreSQL server is started on loopback (scripts/pg-start; set
GONGBAO_PG_PORT to keep it off a port in use) and the same corpus recipe is
built there, --pg-records records (default 200,000: building a million
takes a long while there; the report says what ran), then it is stopped.
--database-url runs against a PostgreSQL server of your own instead of
SQLite (its database must be empty unless --search-only).

How the corpus is built. The sample gazette is extracted once; its records
are the pools. Each synthetic document takes an issuer, 文种 and 发文字号
prefix from a random sample document, a random year (2010-2025) and date, a
serial number (so every 发文字号 is new), a title made of a random sample
title, and a body of 4-10 sentences drawn at random from all sample bodies.
Each gets as many tasks as the sample's documents have on average; a task's
content is 1-3 sentences drawn from all sample task contents, its heading,
section and 1-4 (unit, role) pairs drawn from the sample's, its deadlines
moved into the document's year. One document in 25 also cites an earlier
synthetic number (resolved) or a number nobody issued (missing). Documents
are grouped ten to a "file" and stored through the same service the
`ingest` command uses (store_extraction: one transaction per file, jieba
segmentation, FTS5 index, citations), so the rate counts everything but
the text extraction, which bench/extract.py measures.

`--records` counts documents + tasks (default 1,000,000). The ingest rate
counts the time spent storing (not making up the synthetic records); it is
given by the wall clock and by this process's CPU time (on SQLite all the
work is in this process; on a shared machine the CPU figure is the steadier
one). The report says what ran.

Search: 20 fixed queries (two-character words, longer words, several
words, unit names taken from the corpus, a 发文字号, queries with facet
filters, a substring with no indexed word), each run --runs times after one
warm-up; the full search (count, ranked page of 20 with snippets, facets)
is timed. p50 and p95 are over all timed runs, by the wall clock (and, on
SQLite, by this process's CPU time too). A result larger than the search's
COUNT_LIMIT is counted as "N+" (the hits column shows it).
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SAMPLE = ROOT / "examples" / "lvliang-gazette-2023-02.txt"

QUERIES = [
    ("燃气", {}), ("应急", {}), ("安全", {}), ("教育", {}), ("消防", {}), ("污染", {}),
    ("安全生产", {}), ("非物质文化遗产", {}), ("应急 演练", {}), ("隐患 排查 治理", {}),
    ("@unit0", {}), ("@unit1", {}), ("@unit2", {}), ("@number", {}),
    ("应急", {"kind": "task", "role": "lead"}), ("安全", {"year": 2020}),
    ("@unit0", {"kind": "task"}), ("燃气", {"doc_type": "@doctype"}), ("@issuer", {}),
    ("患排", {}),
]


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, default=1_000_000, help="documents + tasks to build (default 1,000,000)")
    ap.add_argument("--db", help="SQLite file (default: a new temporary file)")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per query (default 5)")
    ap.add_argument("--docs-per-file", type=int, default=10)
    ap.add_argument("--seed", type=int, default=20230228)
    ap.add_argument("--keep", action="store_true", help="keep the database file")
    ap.add_argument("--search-only", action="store_true",
                    help="only time the queries, on the corpus already in --db (built by an earlier --keep run)")
    ap.add_argument("--postgres", action="store_true",
                    help="after SQLite, also build and time a corpus on a throwaway PostgreSQL server")
    ap.add_argument("--pg-records", type=int, default=200_000,
                    help="documents + tasks to build on PostgreSQL (default 200,000)")
    ap.add_argument("--pg-only", action="store_true", help="with --postgres: skip the SQLite run")
    ap.add_argument("--database-url", help="run on this PostgreSQL database instead of SQLite")
    return ap.parse_args()


def postgres(args) -> None:
    """Start a throwaway server, run this script against it in a child process, stop it."""
    start = subprocess.run([str(ROOT / "scripts" / "pg-start")], capture_output=True, text=True)
    if start.returncode:
        sys.exit(f"scripts/pg-start failed: {start.stderr.strip()[-500:]}")
    url, pgdir = start.stdout.strip().splitlines()[-1], start.stderr.strip().splitlines()[-1]
    print(f"\nPostgreSQL      {url} (throwaway server, {pgdir})", flush=True)
    try:
        cmd = [sys.executable, __file__, "--database-url", url, "--records", str(args.pg_records),
               "--runs", str(args.runs), "--docs-per-file", str(args.docs_per_file), "--seed", str(args.seed)]
        subprocess.run(cmd, check=True)
    finally:
        subprocess.run([str(ROOT / "scripts" / "pg-stop"), pgdir])


def sentences(text: str) -> list[str]:
    return [s + "。" for s in re.split(r"[。\n]", text or "") if len(s.strip()) >= 8]


def pools(data: dict) -> dict:
    docs = data["documents"]
    tasks = data["tasks"]
    return {
        "docs": docs,
        "body": [s for d in docs for s in sentences(d.get("body"))] or ["正文。"],
        "task": [s for t in tasks for s in sentences(t.get("content"))] or ["任务。"],
        "tasks": tasks,
        "resps": [r for t in tasks for r in t.get("responsibilities") or []],
        "deadlines": [d for t in tasks for d in t.get("deadlines") or []],
        "per_doc": max(1, round(len(tasks) / max(1, len(docs)))),
    }


def synth_file(p: dict, rng: random.Random, serial: int, n_docs: int, year_numbers: list) -> dict:
    out = {"documents": [], "tasks": []}
    for _ in range(n_docs):
        serial += 1
        base = rng.choice(p["docs"])
        year = rng.randint(2010, 2025)
        prefix = re.split(r"[〔\[［(（]", base.get("doc_number") or "")[0] or "综"
        number = f"{prefix}〔{year}〕{serial}号"
        cites = []
        if serial % 25 == 0:
            cites = [rng.choice(year_numbers)] if year_numbers and rng.random() < 0.6 else [f"{prefix}〔1999〕{serial}号"]
        year_numbers.append(number)
        doc = {
            "doc_number": number, "issuer": base.get("issuer"), "title": base.get("title"),
            "doc_type": base.get("doc_type"), "addressees": base.get("addressees") or [],
            "signed_date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "publication": base.get("publication"), "attachments": base.get("attachments") or [],
            "body": "".join(rng.choices(p["body"], k=rng.randint(4, 10))), "cites": cites,
            "source": {"file": "synthetic", "line_start": 1, "line_end": 1, "page": 1},
        }
        out["documents"].append(doc)
        for k in range(p["per_doc"]):
            t = rng.choice(p["tasks"])
            deadlines = [dict(d, date=f"{year}{d['date'][4:]}") for d in rng.sample(p["deadlines"], k=min(len(p["deadlines"]), rng.choice((0, 0, 1))))]
            out["tasks"].append({
                "document": number, "key": f"{k // 3 + 1}.{k % 3 + 1}", "heading": t.get("heading"),
                "section": t.get("section"), "content": "".join(rng.choices(p["task"], k=rng.randint(1, 3))),
                "responsibilities": rng.sample(p["resps"], k=min(len(p["resps"]), rng.randint(1, 4))),
                "deadlines": deadlines, "targets": [],
                "source": {"file": "synthetic", "line_start": 1, "line_end": 1, "page": 1},
            })
    return out


def main() -> None:
    args = parse_args()
    if args.postgres and not args.database_url:
        if not args.pg_only:
            run(args)
        postgres(args)
        return
    run(args)


def run(args) -> None:
    pg = bool(args.database_url)
    tmpdir = None
    if pg:
        db = None
    elif args.db:
        db = Path(args.db)
    else:
        tmpdir = tempfile.mkdtemp(prefix="gongbao-bench-")
        db = Path(tmpdir) / "bench.sqlite3"
    if args.search_only and not pg and not (args.db and db.exists()):
        sys.exit("--search-only needs --db with a corpus built before")
    if pg:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        if not args.search_only:
            for suffix in ("", "-wal", "-shm"):
                Path(str(db) + suffix).unlink(missing_ok=True)
        os.environ.pop("DATABASE_URL", None)
        os.environ["GONGBAO_DB"] = str(db)
    os.environ.setdefault("GONGBAO_SECRET_KEY", "bench-only")

    from gongbao.web.manage import migrate

    migrate()
    from django.db import connection, transaction

    from gongbao.web.kb import models as m
    from gongbao.web.services.ingest import ingest
    from gongbao.web.services import search as search_mod
    from gongbao.web.services.search import SearchParams, search
    from gongbao.web.services.store import store_extraction

    # the real thing once: extraction + store of the sample (jieba's dictionary built first, ~0.6 s once per process)
    from gongbao.web.services import segment

    segment.tokenizer()
    real_s = real_n = 0
    if not args.search_only:
        t0 = time.perf_counter()
        real = ingest(SAMPLE)
        real_s = time.perf_counter() - t0
        real_n = real.counts.get("documents", 0) + real.counts.get("tasks", 0)
    from gongbao.extract.pipeline import extract_path

    p = pools(extract_path(SAMPLE).to_dict())

    rng = random.Random(args.seed)
    target = 0 if args.search_only else max(0, args.records - real_n)
    per_file = args.docs_per_file * (1 + p["per_doc"])
    n_files = max(1, -(-target // per_file)) if target else 0
    where = "PostgreSQL" if pg else db
    if n_files:
        print(f"corpus          building {n_files:,} files of {args.docs_per_file} documents × (1 + {p['per_doc']} tasks) "
              f"→ ~{n_files * per_file + real_n:,} document+task records in {where}", flush=True)
    serial, numbers, stored = 0, [], 0
    ingest_s = ingest_cpu = 0.0
    last = time.perf_counter()
    for i in range(n_files):
        data = synth_file(p, rng, serial, args.docs_per_file, numbers)
        serial += args.docs_per_file
        t, c = time.perf_counter(), time.process_time()
        with transaction.atomic():
            source = m.SourceFile.objects.create(path=f"synthetic/{i:07d}.txt", name=f"{i:07d}.txt",
                                                 sha256=f"{i:064d}", extractor_version="bench")
            store_extraction(data, source, {})
        now = time.perf_counter()
        ingest_s += now - t
        ingest_cpu += time.process_time() - c
        stored += len(data["documents"]) + len(data["tasks"])
        if now - last > 30:
            print(f"  … {stored:,} records, {stored / ingest_s:,.0f}/s ({stored / ingest_cpu:,.0f} per CPU second)",
                  flush=True)
            last = now
    with connection.cursor() as cur:
        if pg:
            cur.execute("VACUUM ANALYZE")
        else:
            cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            cur.execute("PRAGMA optimize")
    total_docs, total_tasks = m.Document.objects.count(), m.Task.objects.count()

    # the queries: fixed words, plus unit names, an issuer, a doc type and a number from the corpus
    from django.db.models import Count

    units = list(m.Unit.objects.exclude(name__regex=r"[（(、，]").annotate(n=Count("responsibilities"))
                 .order_by("-n").values_list("name", flat=True)[:3])
    subst = {f"@unit{i}": u for i, u in enumerate(units)}
    subst["@number"] = m.Document.objects.order_by("?").values_list("doc_number", flat=True).first() or "号"
    subst["@issuer"] = m.Document.objects.values_list("issuer", flat=True).first() or "政府"
    subst["@doctype"] = m.Document.objects.values_list("doc_type", flat=True).first() or "通知"
    timings, cpu_timings, rows = [], [], []
    for q, filters in QUERIES:
        q = subst.get(q, q)
        filters = {k: subst.get(v, v) for k, v in filters.items()}
        params = lambda: SearchParams(q=q, **filters)  # noqa: E731
        result = search(params())                      # warm-up
        runs = []
        for _ in range(args.runs):
            t, c = time.perf_counter(), time.process_time()
            search(params())
            runs.append(time.perf_counter() - t)
            cpu_timings.append(time.process_time() - c)
        timings.extend(runs)
        rows.append((q, filters, result, statistics.median(runs)))

    if pg:
        with connection.cursor() as cur:
            cur.execute("SELECT pg_database_size(current_database())")
            size = f"PostgreSQL {cur.fetchone()[0] / 1e6:,.0f} MB"
    else:
        size = f"SQLite {sum(Path(str(db) + s).stat().st_size for s in ('', '-wal') if Path(str(db) + s).exists()) / 1e6:,.0f} MB"
    print()
    ran = "--search-only" if args.search_only else f"--records {args.records:,}"
    print(f"ran             {ran}: {total_docs:,} documents + {total_tasks:,} tasks "
          f"= {total_docs + total_tasks:,} records; {size}; segmentation by {segment.engine()}")
    if real_n:
        print(f"ingest (real)   sample via ingest(): {real_n} records in {real_s:.2f} s "
              f"= {real_n / real_s:,.0f} records/s (extraction + store + index)")
    if stored:
        index = "tsvector + GIN" if pg else "FTS5"
        print(f"ingest (bulk)   {stored:,} records in {ingest_s:,.1f} s = {stored / ingest_s:,.0f} records/s "
              f"(store + segmentation + {index}, one transaction per {args.docs_per_file}-document file); "
              f"this process's CPU: {ingest_cpu:,.1f} s = {stored / ingest_cpu:,.0f} records per CPU second"
              + (" (the server's CPU not counted)" if pg else ""))

    def pct(values, q):
        values = sorted(values)
        return values[min(len(values) - 1, int(round(q * (len(values) - 1))))] * 1000

    print(f"search          p50 {pct(timings, 0.5):.1f} ms, p95 {pct(timings, 0.95):.1f} ms "
          f"over {len(QUERIES)} queries × {args.runs} runs"
          + ("" if pg else f" (CPU time: p50 {pct(cpu_timings, 0.5):.1f} ms, p95 {pct(cpu_timings, 0.95):.1f} ms)"))
    cap = min(search_mod.COUNT_LIMIT, search_mod.PG_COUNT_LIMIT) if pg else search_mod.COUNT_LIMIT
    print(f"                counts exact up to {cap:,} (then N+), facets over {'' if pg else 'the newest '}"
          f"{search_mod.FACET_LIMIT:,} matches of a larger result, substring search up to {search_mod.FALLBACK_LIMIT:,}")
    for q, filters, result, med in rows:
        extra = " ".join(f"{k}={v}" for k, v in filters.items())
        total = f"{result.total:,}{'+' if result.total_capped else ''}"
        print(f"  {med * 1000:8.1f} ms  {total:>9} hits{' (substring)' if result.fallback else ''}  {q} {extra}")
    if tmpdir and not args.keep:
        shutil.rmtree(tmpdir, ignore_errors=True)
    elif not pg and (args.keep or args.db):
        print(f"kept            {db}")


if __name__ == "__main__":
    main()
