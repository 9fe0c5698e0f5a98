"""A real browser (Playwright driving Debian's /usr/bin/chromium) against a real
server on loopback, set up by the demo: a reporter logs in and submits a
report with evidence; the supervisor's dashboard draws its charts with the
vendored ECharts. Skipped, saying why, where chromium or playwright is missing
(apt-get install -y chromium fonts-noto-cjk; pip install playwright)."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "lvliang-gazette-2023-02.txt"
PASSWORD = "browser-demo-pw"

pytestmark = [pytest.mark.skipif(not CHROMIUM.exists(),
                                 reason="/usr/bin/chromium is not installed (apt-get install -y chromium fonts-noto-cjk)")]
playwright_sync = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

SERVER = """
import sys
from gongbao.web import serve
from gongbao.web.manage import migrate
migrate()
from gongbao.web.supervision.services.demo import demo
print(demo(sys.argv[1], force=True, password=sys.argv[3]).format(), flush=True)
serve("127.0.0.1", int(sys.argv[2]))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("supervision")
    port = _free_port()
    env = {**os.environ, "GONGBAO_DB": str(tmp / "db.sqlite3"), "GONGBAO_MEDIA_ROOT": str(tmp / "media"),
           "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}
    for name in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "GONGBAO_SECRET_KEY", "GONGBAO_VAR"):
        env.pop(name, None)
    log_path = tmp / "server.log"
    log = open(log_path, "w+")
    proc = subprocess.Popen([sys.executable, "-c", SERVER, str(SAMPLE), str(port), PASSWORD], cwd=tmp, env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 90
    while time.time() < deadline:
        if proc.poll() is not None:
            pytest.fail("server exited: " + log_path.read_text()[-3000:])
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("server did not start within 90 s: " + log_path.read_text()[-3000:])
    yield {"url": f"http://127.0.0.1:{port}", "log": log_path.read_text(), "tmp": tmp}
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def browser():
    with playwright_sync.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=[
            "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"])
        yield b
        b.close()


def _page(browser, external):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    page.on("request", lambda req: None if req.url.startswith(("http://127.0.0.1", "data:", "blob:"))
            else external.append(req.url))
    return page


def _login(page, base, username):
    page.goto(base + "/supervision/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")


def test_reporter_logs_in_and_submits_a_report(server, browser):
    line = re.search(r"^\s+(unit\d+)\s+" + PASSWORD + r"\s+单位填报员\s+(市工业和信息化局)$", server["log"], re.M)
    assert line, server["log"][:2000]
    username, unit = line.groups()
    external: list[str] = []
    page = _page(browser, external)
    _login(page, server["url"], username)
    page.wait_for_url("**/supervision/mine/")
    assert unit in page.inner_text("h1")
    page.locator("#assignments a", has_text="填报").first.click()
    page.wait_for_selector("#report-form")
    page.fill("#report_date", "2023-11-30")
    page.fill("#text", "浏览器填报：本月完成既定任务")
    for goal in page.locator("input[id^=goal_]").all():
        goal.fill("12")
    page.fill("#percent", "88")
    page.set_input_files("#evidence", files=[{"name": "佐证.txt", "mimeType": "text/plain",
                                               "buffer": "现场照片说明".encode()}])
    page.click("#submit-report")
    page.wait_for_selector("#report-state")
    assert page.inner_text("#report-state") == "已报送"
    assert "浏览器填报：本月完成既定任务" in page.inner_text("#report-text")
    assert page.locator("a", has_text="佐证.txt").count() == 1
    assert not external, external

    # the report is stored with its evidence under the configured media root
    files = list((server["tmp"] / "media" / "evidence").rglob("*.txt"))
    assert [f.read_text() for f in files] == ["现场照片说明"]


def test_supervisor_dashboard_draws_charts(server, browser):
    external: list[str] = []
    page = _page(browser, external)
    _login(page, server["url"], "supervisor")
    page.wait_for_url("**/supervision/")
    page.locator("a", has_text="看板").first.click()
    page.wait_for_selector("body[data-dashboard=ready]", timeout=30_000)
    assert page.locator("#chart-status canvas").count() == 1
    assert page.locator("#chart-history canvas").count() == 1
    assert page.locator("#counts .st").count() == 5
    page.screenshot(path=str(server["tmp"] / "dashboard.png"), full_page=True)
    assert not external, external
