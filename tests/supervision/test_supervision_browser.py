"""A real browser (Playwright driving Debian's /usr/bin/chromium) against a real
server on loopback, set up by the demo: a reporter logs in and submits a
report with evidence; the supervisor's dashboard draws its charts with the
vendored ECharts. Fails, saying what to install, where chromium or playwright
is missing (`make test` installs both)."""
from __future__ import annotations

import re

import pytest

from browserkit import SAMPLE, chromium, new_page, running_server, server_env

PASSWORD = "browser-demo-pw"

SERVER = """
import sys
from gongbao.web import serve
from gongbao.web.manage import migrate
migrate()
from gongbao.web.supervision.services.demo import demo
print(demo(sys.argv[2], force=True, password=sys.argv[3]).format(), flush=True)
serve("127.0.0.1", int(sys.argv[1]))
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("supervision")
    env = server_env(tmp, GONGBAO_MEDIA_ROOT=str(tmp / "media"))
    with running_server(SERVER, [str(SAMPLE), PASSWORD], tmp, env) as (url, log):
        yield {"url": url, "log": log.read_text(), "tmp": tmp}


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def _page(browser, external, base="http://127.0.0.1"):
    return new_page(browser, base, external, height=1000)


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
