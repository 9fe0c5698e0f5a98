"""Load test of the supervision loop: N simulated unit reporters against
gunicorn on loopback.

    .venv/bin/python bench/load.py [--reporters 200] [--duration 20] [--rate 300] [--mix reporter]
                                   [--auth token] [--workers 2] [--threads 2] [--worker-class gthread]
                                   [--max-requests 100000] [--keep]

Setup: a throwaway SQLite database (or PostgreSQL when DATABASE_URL is set:
scripts/pg-start prints one for a throwaway server; the reports a run adds stay
there, so give each run an empty database — createdb — for figures that compare)
gets the demo (the sample gazette ingested, its task lists opened, accounts,
months of made-up reports), then gunicorn (gthread workers, HTTP/1.1 keep-alive) serves
gongbao.web.wsgi on 127.0.0.1 at a free port.

The client is one asyncio event loop (this process; its CPU time is
reported, as it shares the machine with the server). Each simulated reporter
has its own keep-alive connection. Before the measured window each reporter
account signs in once (argon2; at most two at a time; reporters beyond the
number of accounts share an account's credentials) and reads its task lists
through the JSON API; then every reporter waits until all are ready.

    --auth token     (default) JSON API calls carry `Authorization: Bearer` (a token from
                     POST /supervision/api/token with the password; with --mix reporter the
                     account logs in through the login form for the page and gets its token
                     from POST /supervision/api/tokens with that session): no CSRF header
    --auth session   everything on the session cookie of the login form; API writes send
                     the CSRF token in X-CSRFToken (what the site's own pages do)

Then, for the duration, it sends requests:

    --mix reporter   round after round: its task list page (/supervision/mine/),
                     one of its assignments (JSON API), and every third round a
                     new submitted report (JSON API)
    --mix submit     only report submissions (POST …/reports, submit=true); a reporter
                     whose account has nothing open to report on takes the credentials
                     of an account that has

--rate R spreads R requests/s over the reporters as Poisson arrivals (each
reporter 1/(R/N) s apart on average, like people clicking); a request's latency
runs from the moment it was due, so a server that falls behind is charged for
the queueing (no coordinated omission). --rate 0 is a closed loop: every
reporter sends its next request as soon as the previous one is answered
(the most the server takes; latency is then mostly queueing: N in flight).

Prints req/s, p50/p99 latency overall and per kind, and where the CPU went
during the window (client, gunicorn, PostgreSQL when it can be found, the rest
of the machine). Requests go to loopback only; the run stops by itself.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import resource
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "lvliang-gazette-2023-02.txt"
PASSWORD = "load-test-pw"
TICK = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


# --- CPU accounting (Linux /proc) -----------------------------------------------------------

def _stat(pid: int):
    """(ppid, utime + stime in seconds) of a process, or None."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2:].split()
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK


def _all_procs() -> dict[int, tuple[int, float]]:
    out = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            st = _stat(int(name))
            if st is not None:
                out[int(name)] = st
    return out


def _tree_cpu(procs: dict, root: int) -> tuple[float, set]:
    """CPU seconds of `root` and its descendants (living ones), and their pids."""
    kids: dict[int, list[int]] = {}
    for pid, (ppid, _) in procs.items():
        kids.setdefault(ppid, []).append(pid)
    seen, todo = set(), [root]
    while todo:
        pid = todo.pop()
        if pid in seen or pid not in procs:
            continue
        seen.add(pid)
        todo += kids.get(pid, [])
    return sum(procs[p][1] for p in seen), seen


def _postmaster(port: int):
    """The pid of the PostgreSQL server listening on `port` (its command line says -p PORT)."""
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            args = Path(f"/proc/{name}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if args and args[0].endswith(b"postgres") and b"-p" in args:
            i = args.index(b"-p")
            if i + 1 < len(args) and args[i + 1] == str(port).encode():
                return int(name)
    return None


def _machine_cpu() -> float:
    """Busy CPU seconds of the whole machine since boot (all cores)."""
    parts = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    ticks = [int(x) for x in parts]
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)
    return (sum(ticks[:8]) - idle) / TICK


class CpuMeter:
    def __init__(self, server_pid: int, pg_pid):
        self.server_pid, self.pg_pid = server_pid, pg_pid

    def read(self) -> dict:
        procs = _all_procs()
        me = resource.getrusage(resource.RUSAGE_SELF)
        out = {"client": me.ru_utime + me.ru_stime, "machine": _machine_cpu(), "wall": time.perf_counter()}
        out["gunicorn"], pids = _tree_cpu(procs, self.server_pid)
        out["workers"] = {pid: procs[pid][1] for pid in pids if pid != self.server_pid}
        if self.pg_pid:
            out["postgresql"], _ = _tree_cpu(procs, self.pg_pid)
        return out


# --- a small HTTP/1.1 keep-alive client -------------------------------------------------------

class Closed(Exception):
    pass


class Connection:
    """One keep-alive HTTP/1.1 connection with a cookie jar (name → value)."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader = self.writer = None
        self.cookies: dict[str, str] = {}

    async def _open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def request(self, method: str, path: str, body: bytes = b"", headers: dict | None = None):
        """(status, body) of one request; reconnects once when a kept-alive
        connection turns out closed before any answer (the server may drop idle ones)."""
        for attempt in (0, 1):
            fresh = self.writer is None
            if fresh:
                await self._open()
            try:
                return await self._exchange(method, path, body, headers or {})
            except (Closed, ConnectionError, asyncio.IncompleteReadError) as exc:
                self.close()
                if fresh or attempt or (isinstance(exc, asyncio.IncompleteReadError) and exc.partial):
                    raise
        raise AssertionError("unreachable")

    async def _exchange(self, method, path, body, headers):
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if body or method == "POST":
            lines.append(f"Content-Length: {len(body)}")
        lines += [f"{k}: {v}" for k, v in headers.items()]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        head = await self.reader.readuntil(b"\r\n\r\n")
        if not head:
            raise Closed
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split(" ", 2)[1])
        length, chunked, close = None, False, status_line.startswith("HTTP/1.0")
        for line in header_lines:
            if not line:
                continue
            name, _, value = line.partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding" and "chunked" in value.lower():
                chunked = True
            elif name == "connection" and value.lower() == "close":
                close = True
            elif name == "set-cookie":
                cookie, _, attrs = value.partition(";")
                k, _, v = cookie.partition("=")
                if "max-age=0" in attrs.lower().replace(" ", ""):
                    self.cookies.pop(k.strip(), None)
                else:
                    self.cookies[k.strip()] = v.strip().strip('"')
        if chunked:
            data = bytearray()
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                chunk = await self.reader.readexactly(size + 2)
                if size == 0:
                    break
                data += chunk[:-2]
            payload = bytes(data)
        elif length is not None:
            payload = await self.reader.readexactly(length)
        else:
            payload = await self.reader.read()
            close = True
        if close:
            self.close()
        return status, payload


# --- simulated reporters -------------------------------------------------------------------------

class Reporter:
    def __init__(self, host: str, port: int, username: str, seed: int, auth: str = "token"):
        self.http = Connection(host, port)
        self.username = username
        self.auth = auth
        self.token = ""                 # the bearer token (--auth token)
        self.rng = random.Random(seed)
        self.samples: list[tuple[str, float, int, float]] = []   # (kind, seconds, status, finished at)
        self.setup_errors: list[str] = []
        self.open_ids: list[int] = []
        self.rounds = 0
        self.plan: list[str] = []

    async def call(self, method: str, path: str, *, form: dict | None = None, json_body=None):
        headers, body = {}, b""
        if self.token and "/api/" in path:
            headers["Authorization"] = "Bearer " + self.token
        if json_body is not None:
            body = json.dumps(json_body, ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json"
            if not self.token:
                headers["X-CSRFToken"] = self.http.cookies.get("csrftoken", "")
        elif form is not None:
            body = urllib.parse.urlencode(form).encode()
            headers = {"Content-Type": "application/x-www-form-urlencoded"}
        try:
            return await self.http.request(method, path, body, headers)
        except (OSError, asyncio.IncompleteReadError, Closed, ValueError):
            self.http.close()
            return 0, b""

    async def login(self, mix: str) -> bool:
        if self.auth == "token" and mix == "submit":          # no page to show: the password buys a token
            status, payload = await self.call("POST", "/supervision/api/token", json_body={
                "username": self.username, "password": PASSWORD, "name": "bench/load.py"})
            if status != 201:
                self.setup_errors.append(f"token {self.username}: {status}")
                return False
            self.token = json.loads(payload)["token"]
            return True
        await self.call("GET", "/supervision/login/")
        status, _ = await self.call("POST", "/supervision/login/", form={
            "username": self.username, "password": PASSWORD,
            "csrfmiddlewaretoken": self.http.cookies.get("csrftoken", "")})
        if status != 302 or "sessionid" not in self.http.cookies:
            self.setup_errors.append(f"login {self.username}: {status}")
            return False
        if self.auth == "token":                                # the page keeps the session; the API a token
            status, payload = await self.call("POST", "/supervision/api/tokens", json_body={"name": "bench/load.py"})
            if status != 201:
                self.setup_errors.append(f"tokens {self.username}: {status}")
                return False
            self.token = json.loads(payload)["token"]
        return True

    async def discover(self) -> None:
        status, payload = await self.call("GET", "/supervision/api/lists")
        if status != 200:
            self.setup_errors.append(f"lists: {status}")
            return
        for tl in json.loads(payload):
            status, payload = await self.call("GET", f"/supervision/api/lists/{tl['id']}/assignments")
            if status == 200:
                self.open_ids += [a["id"] for a in json.loads(payload) if not a["done"]]

    def next_request(self, mix: str):
        """(kind, method, path, json body) of the reporter's next request."""
        if not self.plan:
            self.rounds += 1
            if mix == "submit":
                self.plan = ["api-report"]
            else:
                self.plan = ["page-mine", "api-assignment"] + (["api-report"] if self.rounds % 3 == 0 else [])
            if not self.open_ids:
                self.plan = ["page-mine"]
        kind = self.plan.pop(0)
        if kind == "page-mine":
            return kind, "GET", "/supervision/mine/", None
        aid = self.rng.choice(self.open_ids)
        if kind == "api-assignment":
            return kind, "GET", f"/supervision/api/assignments/{aid}", None
        return kind, "POST", f"/supervision/api/assignments/{aid}/reports", {
            "report_date": time.strftime("%Y-%m-%d"), "text": f"压测报告 {self.rng.randrange(10 ** 6)}",
            "percent": self.rng.randint(0, 100), "submit": True}

    async def run(self, start: float, stop: float, interval: float, mix: str, budget: "Budget") -> None:
        due = start + (self.rng.expovariate(1 / interval) if interval else 0.0)
        while True:
            if interval:
                delay = due - time.perf_counter()
                if due >= stop:
                    return
                if delay > 0:
                    await asyncio.sleep(delay)
            elif time.perf_counter() >= stop:
                return
            if not budget.take():
                return
            kind, method, path, body = self.next_request(mix)
            sent = time.perf_counter()
            t0 = due if interval else sent
            status, _ = await self.call(method, path, json_body=body)
            done = time.perf_counter()
            self.samples.append((kind, done - t0, status, done))
            if interval:
                due += self.rng.expovariate(1 / interval)


class Budget:
    def __init__(self, n: int):
        self.left = n

    def take(self) -> bool:
        if self.left <= 0:
            return False
        self.left -= 1
        return True


async def drive(args, port: int, users: list[str], meter: CpuMeter) -> dict:
    reporters = [Reporter("127.0.0.1", port, users[i % len(users)], i, args.auth) for i in range(args.reporters)]
    gate = asyncio.Semaphore(2)             # argon2 logins: two at a time on a 2-core machine

    async def ready(r: Reporter) -> None:
        async with gate:
            ok = await r.login(args.mix)
        if ok:
            await r.discover()

    # one login per account; reporters sharing an account (more reporters than
    # accounts) share its session and task list, each on its own connection
    first: dict[str, Reporter] = {}
    for r in reporters:
        first.setdefault(r.username, r)
    t0 = time.perf_counter()
    await asyncio.gather(*(ready(r) for r in first.values()))
    busy = [r for r in first.values() if r.open_ids and not r.setup_errors]
    for i, r in enumerate(reporters):
        lead = first[r.username]
        if args.mix == "submit" and not lead.open_ids and not lead.setup_errors and busy:
            lead = busy[i % len(busy)]          # nothing to report on: stand in for an account that has
        if r is not lead:
            r.username, r.token, r.http.cookies = lead.username, lead.token, dict(lead.http.cookies)
            r.open_ids, r.setup_errors = list(lead.open_ids), list(lead.setup_errors)
    setup = time.perf_counter() - t0
    interval = args.reporters / args.rate if args.rate > 0 else 0.0
    budget = Budget(args.max_requests)
    before = meter.read()
    start = time.perf_counter()
    stop = start + args.duration
    await asyncio.gather(*(r.run(start, stop, interval, args.mix, budget) for r in reporters
                           if not r.setup_errors))
    end = max([s[3] for r in reporters for s in r.samples], default=time.perf_counter())
    after = meter.read()
    for r in reporters:
        r.http.close()
    return {"reporters": reporters, "setup": setup, "wall": end - start, "cpu_before": before, "cpu_after": after}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reporters", type=int, default=200)
    ap.add_argument("--duration", type=float, default=20.0, help="seconds of load (at most 300)")
    ap.add_argument("--rate", type=float, default=300.0,
                    help="requests/s offered by all reporters together (Poisson); 0: closed loop")
    ap.add_argument("--mix", choices=("reporter", "submit"), default="reporter")
    ap.add_argument("--auth", choices=("token", "session"), default="token",
                    help="JSON API calls with a bearer token, or on the session cookie with the CSRF header")
    ap.add_argument("--max-requests", type=int, default=100000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--worker-class", default="gthread", choices=("gthread", "sync"),
                    help="sync workers close the connection after each request (no keep-alive)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = ap.parse_args()
    args.duration = max(1.0, min(args.duration, 300.0))

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

    pg_pid = None
    if env.get("DATABASE_URL"):
        pg_port = urllib.parse.urlsplit(env["DATABASE_URL"]).port or 5432
        pg_pid = _postmaster(pg_port)

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "gongbao.web.wsgi:application",
                               "-b", f"127.0.0.1:{port}", "-w", str(args.workers), "--threads", str(args.threads),
                               "-k", args.worker_class, "--keep-alive", "120", "--backlog", "1024",
                               "--log-level", "warning", "--timeout", "60"],
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
        result = asyncio.run(drive(args, port, users, CpuMeter(server.pid, pg_pid)))
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()

    reporters, wall = result["reporters"], result["wall"]
    samples = [s for r in reporters for s in r.samples]
    setup_errors = [e for r in reporters for e in r.setup_errors]
    ok = [s for s in samples if 200 <= s[2] < 400]
    bad = len(samples) - len(ok)
    rate = f"{args.rate:g} req/s offered (Poisson)" if args.rate > 0 else "closed loop"
    print(f"\n{args.reporters} reporters ({rate}, mix {args.mix}), gunicorn {args.workers} workers × "
          f"{args.threads} threads ({args.worker_class}{', keep-alive' if args.worker_class == 'gthread' else ''}), "
          f"{database}, API auth {args.auth}")
    print(f"setup ({len(set(users[:args.reporters]))} sign-ins ({args.auth}): argon2, two at a time; task lists read): "
          f"{result['setup']:.1f} s; "
          f"setup errors {len(setup_errors)}{': ' + '; '.join(setup_errors[:3]) if setup_errors else ''}")
    print(f"requests: {len(samples)} in {wall:.1f} s → {len(samples) / wall:.1f} req/s; errors {bad}")
    lat = [s[1] for s in samples]
    print(f"latency: p50 {pct(lat, 50) * 1000:.0f} ms, p99 {pct(lat, 99) * 1000:.0f} ms, "
          f"max {max(lat, default=0) * 1000:.0f} ms")
    for kind in sorted({s[0] for s in samples}):
        k = [s[1] for s in samples if s[0] == kind]
        codes = sorted({s[2] for s in samples if s[0] == kind})
        print(f"  {kind:15s} n={len(k):6d} {len(k) / wall:7.1f}/s  p50 {pct(k, 50) * 1000:6.0f} ms  "
              f"p99 {pct(k, 99) * 1000:6.0f} ms  status {codes}")
    b, a = result["cpu_before"], result["cpu_after"]
    span = a["wall"] - b["wall"]
    used = {k: a[k] - b[k] for k in ("client", "gunicorn", "postgresql", "machine") if k in a and k in b}
    other = used["machine"] - sum(v for k, v in used.items() if k != "machine")
    parts = [f"{k} {used[k] / span * 100:.0f} %" for k in ("client", "gunicorn", "postgresql") if k in used]
    print(f"CPU during the window (100 % = one core; {os.cpu_count()} cores): " + ", ".join(parts)
          + f", everything else {max(other, 0) / span * 100:.0f} %; machine {used['machine'] / span * 100:.0f} %")
    split = sorted(((a["workers"][p] - b["workers"].get(p, 0.0)) / span * 100 for p in a["workers"]), reverse=True)
    print("gunicorn workers: " + ", ".join(f"{x:.0f} %" for x in split))
    if samples:
        per = {k: used[k] / len(samples) * 1000 for k in ("client", "gunicorn", "postgresql") if k in used}
        print("CPU per request: " + ", ".join(f"{k} {v:.2f} ms" for k, v in per.items()))
    if args.keep:
        print(f"kept {tmp}")
    else:
        import shutil
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if bad or setup_errors else 0


if __name__ == "__main__":
    sys.exit(main())
