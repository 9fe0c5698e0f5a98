"""A real browser (Playwright driving Debian's /usr/bin/chromium) against the
real server: `gongbao.web.serve` on a file database the sample was ingested
into with `ingest_paths`. Fails, saying what to install, where chromium or
playwright is missing (`make test` installs both)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from browserkit import SAMPLE, chromium, new_page, running_server, server_env

SERVER = """
import sys
from gongbao.web import ingest_paths, serve
summary = ingest_paths([sys.argv[2]])
assert not summary["failed"], summary
serve("127.0.0.1", int(sys.argv[1]))
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("kb")
    with running_server(SERVER, [str(SAMPLE)], tmp, server_env(tmp), timeout=60) as (url, _log):
        yield url


@pytest.fixture(scope="module")
def page(server):
    with chromium() as browser:
        external: list[str] = []
        pg = new_page(browser, server, external)
        pg.external_requests = external
        yield pg


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
