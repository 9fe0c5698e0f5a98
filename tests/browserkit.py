"""What the browser tests share: a real server started in a subprocess on a
free loopback port, and Debian's Chromium driven by Playwright.

The browser tests never skip: `make test` installs chromium and
fonts-noto-cjk (scripts/apt-install) and playwright (the test extra), so a
missing piece is a failure that says what to install.
"""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "lvliang-gazette-2023-02.txt"
# Flags that keep Chromium off the (closed) network and quiet at start.
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


def require_browser():
    """The playwright sync API, or a test failure naming what is missing."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/apt-install chromium fonts-noto-cjk")
    try:
        from playwright import sync_api
    except ImportError:
        pytest.fail("the playwright package is missing: pip install -e '.[test]'")
    return sync_api


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(tmp: Path, **extra: str) -> dict:
    """The environment of a server subprocess: its own SQLite file under tmp,
    or, when the suite runs against PostgreSQL (DATABASE_URL set), that
    server's main database (the tests' own database is test_<name>)."""
    env = {**os.environ, "GONGBAO_DB": str(tmp / "db.sqlite3"),
           "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}
    for name in ("DJANGO_SETTINGS_MODULE", "GONGBAO_SECRET_KEY", "GONGBAO_VAR"):
        env.pop(name, None)
    env.update(extra)
    return env


@contextlib.contextmanager
def running_server(script: str, args: list[str], tmp: Path, env: dict, timeout: float = 90):
    """Run `python -c script port *args` and yield (base URL, log path) once
    the port accepts connections; the server is stopped afterwards."""
    port = free_port()
    log_path = tmp / "server.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen([sys.executable, "-c", script, str(port), *args], cwd=tmp, env=env,
                                stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.time() + timeout
            while True:
                if proc.poll() is not None:
                    pytest.fail("server exited: " + log_path.read_text()[-3000:])
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                        break
                except OSError:
                    if time.time() > deadline:
                        pytest.fail(f"server did not start within {timeout:.0f} s: " + log_path.read_text()[-3000:])
                    time.sleep(0.2)
            yield f"http://127.0.0.1:{port}", log_path
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


@contextlib.contextmanager
def chromium():
    """A headless Debian Chromium under Playwright."""
    sync_api = require_browser()
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser, base: str, external: list[str], height: int = 900):
    """A Chinese-locale page that records every request leaving `base`
    (the pages must load nothing from outside: no CDN)."""
    context = browser.new_context(viewport={"width": 1400, "height": height}, locale="zh-CN")
    page = context.new_page()
    page.on("request", lambda req: None if req.url.startswith((base, "data:", "blob:")) else external.append(req.url))
    return page
