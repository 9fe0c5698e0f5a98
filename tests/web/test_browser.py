"""A real browser (Playwright driving Debian's /usr/bin/chromium) against the
real server: `gongbao.web.serve` on a file database the sample was ingested
into with `ingest_paths`. Skipped, saying why, where chromium or playwright
is missing (CI: apt-get install -y chromium fonts-noto-cjk)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed (apt-get install -y chromium fonts-noto-cjk)"),
]
playwright_sync = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

SERVER = """
import sys
from gongbao.web import ingest_paths, serve
summary = ingest_paths([sys.argv[1]])
assert not summary["failed"], summary
serve("127.0.0.1", int(sys.argv[2]))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("kb")
    port = _free_port()
    env = {**os.environ, "GONGBAO_DB": str(tmp / "kb.sqlite3"),
           "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    log = open(tmp / "server.log", "w+")
    proc = subprocess.Popen([sys.executable, "-c", SERVER, str(ROOT / "examples" / "lvliang-gazette-2023-02.txt"),
                             str(port)], cwd=tmp, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            log.seek(0)
            pytest.fail("server exited: " + log.read()[-2000:])
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("server did not start within 60 s")
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def page(server):
    with playwright_sync.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=[
            "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"])
        context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
        pg = context.new_page()
        external = []
        pg.on("request", lambda req: external.append(req.url) if not req.url.startswith(server) else None)
        pg.external_requests = external
        yield pg
        browser.close()


def test_search_from_home_then_open_a_task_and_its_source(server, page):
    page.goto(server + "/")
    assert page.title().startswith("公报知识库")
    page.fill("section.hero input[name=q]", "燃气")
    page.press("section.hero input[name=q]", "Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.locator("ol.hits li").count() >= 1
    assert "燃气" in page.locator("ol.hits li mark").first.inner_text()
    page.locator("ol.hits li a.title").first.click()
    page.wait_for_load_state()
    assert "/tasks/" in page.url or "/documents/" in page.url
    if "/tasks/" in page.url:
        page.locator("dl.meta a[href*='#L']").first.click()
        page.wait_for_load_state()
    # the source panel shows the highlighted lines, scrolled into view
    hl = page.locator("ol.lines li.hl")
    assert hl.count() >= 1
    assert hl.first.is_visible()
    assert page.external_requests == []                      # no CDN, no outside requests


def test_clicking_a_record_highlights_its_lines_without_reload(server, page):
    page.goto(server + "/documents/")
    page.locator("td.c-title a").first.click()
    page.wait_for_load_state()
    link = page.locator("a.src[data-lines]").nth(1)
    lines = link.get_attribute("data-lines")
    start, _, end = lines.partition("-")
    page.evaluate("window.__marker = 1")
    link.click()
    assert page.evaluate("window.__marker") == 1            # same page: highlighted by script
    numbers = [int(n) for n in page.locator("ol.lines li.hl").evaluate_all("els => els.map(e => e.dataset.no)")]
    assert numbers and min(numbers) >= int(start) and max(numbers) <= int(end or start)
    assert f"#L{numbers[0]}" in page.url


def test_register_sort_and_unit_page(server, page):
    page.goto(server + "/registers/")
    page.locator("a[href='/registers/inheritors/']").click()
    page.locator("th a", has_text="序号").click()
    page.wait_for_load_state()
    first = int(page.locator("td.c-seq").first.inner_text())
    page.locator("th a", has_text="序号").click()
    page.wait_for_load_state()
    assert int(page.locator("td.c-seq").first.inner_text()) != first
    page.goto(server + "/units/")
    page.locator("td.c-name a").first.click()
    page.wait_for_load_state()
    assert page.locator("section[id^=role-]").count() >= 1
    page.screenshot(path=str(Path(os.environ.get("GONGBAO_SCREENSHOTS", "/tmp")) / "gongbao-unit.png"), full_page=False)
