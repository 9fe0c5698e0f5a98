"""Load test of the supervision loop: N simulated unit reporters against
gunicorn on loopback.

    .venv/bin/python bench/load.py [--reporters 20] [--duration 20] [--max-requests 20000]
                                   [--workers 2] [--threads 4] [--keep]

Setup: a throwaway SQLite database (or PostgreSQL when DATABASE_URL is set:
scripts/pg-start prints one for a throwaway server) gets the demo (the
sample gazette ingested, its task lists opened, accounts, months of made-up
reports), then gunicorn (gthread workers) serves gongbao.web.wsgi on
127.0.0.1 at a free port.

Each simulated reporter is a thread with its own session: it logs in through
the login form (argon2: timed apart), then loops until the time or request
budget is spent: its task list page (/supervision/mine/), one of its
assignments through the JSON API, and every third round a new submitted
report through the API (CSRF header). Requests go to loopback only; the run
stops by itself. Prints req/s and p50/p99 latency overall and per kind.
"""
from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "lvliang-gazette-2023-02.txt"
PASSWORD = "load-test-pw"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


class Reporter(threading.Thread):
    def __init__(self, base: str, username: str, duration: float, budget: "Budget", seed: int):
        super().__init__(daemon=True)
        self.base, self.username, self.duration, self.budget = base, username, duration, budget
        self.window = (0.0, 0.0)
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.samples: list[tuple[str, float, int]] = []   # (kind, seconds, status)
        self.login_seconds = 0.0
        self.rng = random.Random(seed)

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def call(self, kind: str, method: str, path: str, data=None, json_body=None, timed=True):
        headers = {}
        body = None
        if json_body is not None:
            body = json.dumps(json_body).encode()
            headers = {"Content-Type": "application/json", "X-CSRFToken": self.csrf()}
        elif data is not None:
            body = urllib.parse.urlencode(data).encode()
            headers = {"Content-Type": "application/x-www-form-urlencoded", "Referer": self.base + path}
        req = urllib.request.Request(self.base + path, data=body, method=method, headers=headers)
        started = time.perf_counter()
        try:
            with self.opener.open(req, timeout=30) as resp:
                payload, status = resp.read(), resp.status
        except urllib.error.HTTPError as exc:
            payload, status = exc.read(), exc.code
        except OSError:
            payload, status = b"", 0
        elapsed = time.perf_counter() - started
        if timed:
            self.samples.append((kind, elapsed, status))
        return status, payload

    def run(self) -> None:
        started = time.perf_counter()
        self.call("login", "GET", "/supervision/login/", timed=False)
        status, _ = self.call("login", "POST", "/supervision/login/",
                              data={"username": self.username, "password": PASSWORD,
                                    "csrfmiddlewaretoken": self.csrf()}, timed=False)
        self.login_seconds = time.perf_counter() - started
        window_start = time.perf_counter()
        self.stop_at = time.time() + self.duration
        try:
            self._loop()
        finally:
            self.window = (window_start, time.perf_counter())

    def _loop(self) -> None:
        status, payload = self.call("api-lists", "GET", "/supervision/api/lists")
        if status != 200:
            return
        open_ids: list[int] = []
        for tl in json.loads(payload):
            status, payload = self.call("api-list", "GET", f"/supervision/api/lists/{tl['id']}/assignments")
            if status == 200:
                open_ids += [a["id"] for a in json.loads(payload) if not a["done"]]
        rounds = 0
        while time.time() < self.stop_at and self.budget.take(3):
            rounds += 1
            self.call("page-mine", "GET", "/supervision/mine/")
            if not open_ids:
                continue
            aid = self.rng.choice(open_ids)
            self.call("api-assignment", "GET", f"/supervision/api/assignments/{aid}")
            if rounds % 3 == 0:
                self.call("api-report", "POST", f"/supervision/api/assignments/{aid}/reports", json_body={
                    "report_date": time.strftime("%Y-%m-%d"), "text": f"压测报告 {rounds}",
                    "percent": self.rng.randint(0, 100), "submit": True})


class Budget:
    def __init__(self, n: int):
        self.left = n
        self.lock = threading.Lock()

    def take(self, n: int) -> bool:
        with self.lock:
            if self.left < n:
                return False
            self.left -= n
            return True


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reporters", type=int, default=20)
    ap.add_argument("--duration", type=float, default=20.0, help="seconds of load (at most 300)")
    ap.add_argument("--max-requests", type=int, default=20000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = ap.parse_args()
    duration = max(1.0, min(args.duration, 300.0))

    tmp = Path(tempfile.mkdtemp(prefix="gongbao-load-"))
    env = {**os.environ, "GONGBAO_DB": str(tmp / "db.sqlite3"), "GONGBAO_MEDIA_ROOT": str(tmp / "media"),
           "GONGBAO_VAR": str(tmp), "GONGBAO_DEBUG": "0", "GONGBAO_LOG_LEVEL": "ERROR",
           "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    database = "PostgreSQL" if env.get("DATABASE_URL") else "SQLite (WAL)"
    print(f"database: {database}; setting up the demo …", flush=True)
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "gongbao.web.manage", "demo", str(SAMPLE), "--force",
                          "--password", PASSWORD], env=env, cwd=tmp, capture_output=True, text=True)
    if out.returncode:
        print(out.stdout[-2000:], out.stderr[-4000:], file=sys.stderr)
        return 1
    users = re.findall(r"^\s+(unit\d+)\s+" + re.escape(PASSWORD) + r"\s+单位填报员", out.stdout, re.M)
    print(f"demo ready in {time.perf_counter() - t0:.1f} s: {len(users)} reporter accounts", flush=True)

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "gongbao.web.wsgi:application",
                               "-b", f"127.0.0.1:{port}", "-w", str(args.workers), "--threads", str(args.threads),
                               "-k", "gthread", "--log-level", "warning", "--timeout", "60"],
                              env=env, cwd=tmp, stdout=open(tmp / "gunicorn.log", "w"), stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    print((tmp / "gunicorn.log").read_text()[-3000:], file=sys.stderr)
                    return 1
                time.sleep(0.1)
        base = f"http://127.0.0.1:{port}"
        budget = Budget(args.max_requests)
        reporters = [Reporter(base, users[i % len(users)], duration, budget, i) for i in range(args.reporters)]
        for r in reporters:
            r.start()
        for r in reporters:
            r.join(timeout=duration + 120)
        # the load window: from the first reporter logged in to the last one done
        wall = max(r.window[1] for r in reporters) - min(r.window[0] for r in reporters if r.window[0])
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()

    samples = [s for r in reporters for s in r.samples]
    logins = [r.login_seconds for r in reporters]
    ok = [s for s in samples if 200 <= s[2] < 400]
    bad = len(samples) - len(ok)
    print(f"\n{args.reporters} reporters, gunicorn {args.workers} workers × {args.threads} threads, {database}")
    print(f"logins: p50 {pct(logins, 50) * 1000:.0f} ms, max {max(logins) * 1000:.0f} ms (argon2, concurrent)")
    print(f"requests: {len(samples)} in {wall:.1f} s → {len(samples) / wall:.1f} req/s; errors {bad}")
    lat = [s[1] for s in samples]
    print(f"latency: p50 {pct(lat, 50) * 1000:.0f} ms, p99 {pct(lat, 99) * 1000:.0f} ms")
    kinds = sorted({s[0] for s in samples})
    for kind in kinds:
        k = [s[1] for s in samples if s[0] == kind]
        codes = sorted({s[2] for s in samples if s[0] == kind})
        print(f"  {kind:15s} n={len(k):6d}  p50 {pct(k, 50) * 1000:6.0f} ms  p99 {pct(k, 99) * 1000:6.0f} ms  "
              f"status {codes}")
    if args.keep:
        print(f"kept {tmp}")
    else:
        import shutil
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
