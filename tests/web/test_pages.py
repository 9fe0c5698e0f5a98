"""Pages render, link to each other, and point at the source lines."""
from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from gongbao.web.kb import models as m

HREF = re.compile(r'href="([^"]*)"')


def _links(html: str, base: str) -> list[str]:
    out = []
    for href in HREF.findall(html):
        href = href.replace("&amp;", "&")
        url = urljoin(base, href)
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        url = parts.path + (f"?{parts.query}" if parts.query else "")
        if "format=" in url or url.startswith(("/static/", "/supervision/")):   # supervision: its own tests
            continue
        out.append(url)
    return out


def test_every_kind_of_page_is_reachable_from_home(kb, client):
    """Breadth-first from /: every page answers 200, and each kind of page is reached by clicking."""
    seen, queue, kinds, shapes = set(), ["/"], set(), {}
    patterns = {"document": r"^/documents/\d+/", "task": r"^/tasks/\d+/", "unit": r"^/units/\d+/",
                "person": r"^/people/\d+/", "search": r"^/search/\?q=", "register": r"^/registers/[a-z-]+/",
                "citations": r"^/citations/", "sources": r"^/sources/", "api": r"^/api/openapi.json"}
    while queue and len(seen) < 400:
        url = queue.pop(0)
        path = url.split("#")[0]
        shape = re.sub(r"\d+", "N", path)                # at most 3 pages of each shape
        if path in seen or shapes.get(shape, 0) >= 3:
            continue
        seen.add(path)
        shapes[shape] = shapes.get(shape, 0) + 1
        resp = client.get(path)
        assert resp.status_code == 200, path
        for kind, pattern in patterns.items():
            if re.match(pattern, path):
                kinds.add(kind)
        if resp["Content-Type"].startswith("text/html"):
            queue.extend(u for u in _links(resp.content.decode(), path) if u.split("#")[0] not in seen)
    assert kinds >= {"document", "task", "unit", "person", "register", "citations", "sources", "api"}, kinds


def test_home_shows_counts_and_latest(kb, client):
    html = client.get("/").content.decode()
    assert f"<b>{m.Document.objects.count()}</b>文件" in html
    latest = m.Document.objects.order_by("-signed_date", "-pk").first()
    assert latest.get_absolute_url() in html
    assert 'name="q"' in html


def test_document_page_shows_source_lines_and_links_records_to_them(kb, client):
    doc = m.Document.objects.filter(tasks__isnull=False).distinct().first()
    task = doc.tasks.exclude(line_start=0).first()
    html = client.get(doc.get_absolute_url()).content.decode()
    assert doc.title in html
    assert f'id="L{doc.line_start}"' in html and f'id="L{doc.line_end}"' in html
    assert f'href="?hl={task.line_start}-{task.line_end}#L{task.line_start}"' in html
    assert f'href="/tasks/{task.pk}/"' in html
    # the highlighted view marks exactly the record's lines
    html = client.get(f"{doc.get_absolute_url()}?hl={task.line_start}-{task.line_end}").content.decode()
    marked = {int(n) for n in re.findall(r'<li id="L(\d+)" data-no="\d+" class="hl"', html)}
    present = {n for n, _ in doc.raw_lines}
    assert marked == set(range(task.line_start, task.line_end + 1)) & present and marked


def test_register_pages_sort_and_filter(kb, client):
    html = client.get("/registers/inheritors/?sort=-seq").content.decode()
    seqs = [int(s) for s in re.findall(r'<td class="c-seq">(\d+)</td>', html)]
    assert seqs and seqs == sorted(seqs, reverse=True)
    item = m.Inheritor.objects.exclude(county="").first()
    html = client.get(f"/registers/inheritors/?county={item.county}").content.decode()
    counties = re.findall(r'<td class="c-county">([^<]*)</td>', html)
    assert counties and set(counties) == {item.county}
    assert client.get("/registers/nope/").status_code == 404


def test_unit_page_groups_tasks_by_role_and_document(kb, client):
    r = m.Responsibility.objects.select_related("unit", "task__document").order_by("pk").first()
    html = client.get(r.unit.get_absolute_url()).content.decode()
    assert f'id="role-{r.role}"' in html
    assert r.task.document.title in html and f'href="/tasks/{r.task_id}/"' in html


def test_unit_page_of_a_busy_unit_links_to_the_full_list(kb, client, monkeypatch):
    from gongbao.web.services import records

    unit = m.Unit.objects.order_by("-n_tasks").first()
    role = max(("lead", "cooperate", "implement", "responsible"), key=lambda r: getattr(unit, f"n_{r}"))
    n = getattr(unit, f"n_{role}")
    assert n > 2
    monkeypatch.setattr(records, "UNIT_PAGE_TASKS", 2)
    html = client.get(unit.get_absolute_url()).content.decode()
    assert f'href="/tasks/?unit={unit.pk}&amp;role={role}">全部 {n} 条' in html
    section = html.split(f'id="role-{role}"')[1].split("</section>")[0]
    assert section.count('href="/tasks/') - 1 == 2                  # two tasks shown, plus the link


def test_person_page(kb, client):
    member = m.Member.objects.select_related("person", "group").first()
    if member is not None:
        html = client.get(member.person.get_absolute_url()).content.decode()
        assert member.person.name in html and member.group.name in html
    for entry in (m.Appointment.objects.first(), m.Inheritor.objects.first()):
        if entry is not None:
            html = client.get(entry.person.get_absolute_url()).content.decode()
            assert entry.name in html and entry.document.get_absolute_url() in html
    assert m.Person.objects.exists()


def test_task_page(kb, client):
    task = m.Task.objects.filter(responsibilities__isnull=False).first()
    html = client.get(task.get_absolute_url()).content.decode()
    assert task.key in html
    for r in task.responsibilities.all():
        assert f'href="/units/{r.unit_id}/"' in html


def test_search_page_with_facets(kb, client):
    html = client.get("/search/?q=应急").content.decode()
    assert "<mark>应急</mark>" in html
    assert "发文机关" in html and "责任单位" in html
    link = re.search(r'href="(\?q=[^"]*unit=\d+)"', html.replace("&amp;", "&"))
    assert link
    assert client.get("/search/" + link.group(1)).status_code == 200


def test_citations_page_lists_missing(kb, client):
    html = client.get("/citations/").content.decode()
    for c in m.Citation.objects.filter(target__isnull=True)[:5]:
        assert c.number_norm in html
    for c in m.Citation.objects.filter(target__isnull=False)[:5]:
        assert f'href="/documents/{c.target_id}/"' in html


def test_unknown_pages_are_404(kb, client):
    for url in ("/documents/999999/", "/tasks/999999/", "/units/999999/", "/people/999999/"):
        assert client.get(url).status_code == 404


def test_static_css_is_served_locally(client):
    resp = client.get("/static/kb/style.css")
    assert resp.status_code == 200
    html = client.get("/search/").content.decode()
    assert "http://" not in html and "https://" not in html          # no CDN
