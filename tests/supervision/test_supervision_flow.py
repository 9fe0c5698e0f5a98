"""The loop end to end through the Django test client: report with a value and
evidence, return, fix, accept; status and score follow; exports, import,
reminders, revisions, contributions and the audit trail."""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from sv_helpers import at

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _scorecard(client, tl, unit):
    cards = client.get(f"/supervision/api/lists/{tl.pk}/scorecards").json()
    return next(c for c in cards if c["unit_id"] == unit.pk)


def test_argon2_is_the_first_password_hasher():
    import gongbao.web.settings as s

    assert s.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert "gongbao.web.supervision" in s.INSTALLED_APPS and "django.contrib.auth" in s.INSTALLED_APPS


def test_open_task_list_makes_one_assignment_per_task_and_unit(world):
    w = world
    rows = {(a.list_task.key, a.unit.name): (a.role, a.primary, a.via) for a in w.tl.assignments.all()}
    assert rows == {
        ("1", "市工业和信息化局"): ("lead", True, ""),
        ("1", "孝义市人民政府"): ("cooperate", False, ""),
        ("2", "市交通运输局"): ("lead", True, ""),
        ("2", "孝义市人民政府"): ("cooperate", False, "各县（市、区）人民政府"),    # the collective, expanded
        ("2", "汾阳市人民政府"): ("cooperate", False, "各县（市、区）人民政府"),
        ("3", "市工业和信息化局"): ("responsible", True, ""),                  # no lead: responsible units report
        ("3", "市交通运输局"): ("responsible", True, ""),
    }
    t2 = w.tl.tasks.get(key="2")
    assert [(x.date, x.share) for x in t2.milestones.all()] == [(dt.date(2023, 6, 30), 0.5), (dt.date(2023, 12, 31), None)]
    assert [(g.metric, g.value, g.unit) for g in w.tl.tasks.get(key="1").goals.all()] == [("5G基站", 2000, "座")]


def test_report_return_fix_accept(world, client):
    w = world
    a = w.asg("1", w.a)
    sup = Client()
    sup.force_login(w.supervisor)
    with time_machine.travel(at(2023, 7, 3), tick=True):
        before = _scorecard(sup, w.tl, w.a)
        assert sup.get(f"/supervision/api/assignments/{a.pk}").json()["status"] == "red"   # ~50 % due, nothing reported

        # the reporter logs in with its password
        resp = client.post("/supervision/login/", {"username": "rep_a", "password": "pw-rep_a"})
        assert resp.status_code == 302
        page = client.get(a.get_absolute_url())
        assert page.status_code == 200 and "5G基站" in page.content.decode()
        goal = a.list_task.goals.get()
        resp = client.post(f"/supervision/assignments/{a.pk}/reports/new/", {
            "report_date": "2023-06-30", "text": "已建成5G基站1200座。", "percent": "60", f"goal_{goal.pk}": "1200",
            "proposed_status": "ongoing", "action": "submit",
            "evidence": SimpleUploadedFile("验收单.pdf", PDF, content_type="application/pdf")})
        assert resp.status_code == 302, resp.content.decode()[:2000]
        r = a.reports.get()
        assert (r.state, r.report_date, r.percent, r.period) == ("submitted", dt.date(2023, 6, 30), 60, "2023-06")
        assert r.entered_at.date() == dt.date(2023, 7, 3)          # entry time kept apart from the report date
        assert r.values.get().value == 1200
        ev = r.evidence.get()
        assert ev.size == len(PDF) and ev.content_type == "application/pdf"
        from django.conf import settings
        stored = Path(settings.MEDIA_ROOT) / ev.file.name
        assert stored.read_bytes() == PDF
        got = client.get(ev.get_absolute_url())
        assert got.status_code == 200 and b"".join(got.streaming_content) == PDF

        # the supervisor returns it with a comment
        resp = sup.post(f"/supervision/reports/{r.pk}/review/", {"action": "return", "comment": "请补充验收照片"})
        assert resp.status_code == 302
        r.refresh_from_db()
        assert r.state == "returned"
        note = w.m.Notification.objects.get(user=w.rep_a, kind="returned")
        assert "请补充验收照片" in note.body
        page = client.get(r.get_absolute_url()).content.decode()
        assert "请补充验收照片" in page and "重新报送" in page
        # a returned report does not count yet
        assert sup.get(f"/supervision/api/assignments/{a.pk}").json()["actual"] == 0

        # the reporter fixes and resubmits
        resp = client.post(r.get_absolute_url(), {
            "report_date": "2023-06-30", "text": "已建成5G基站1300座，附验收照片。", "percent": "65",
            f"goal_{goal.pk}": "1300", "action": "submit",
            "evidence": SimpleUploadedFile("照片.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64, content_type="image/png")})
        assert resp.status_code == 302
        r.refresh_from_db()
        assert r.state == "submitted" and r.evidence.count() == 2 and r.values.get().value == 1300

        # the supervisor accepts
        resp = sup.post(f"/supervision/reports/{r.pk}/review/", {"action": "accept", "comment": ""})
        assert resp.status_code == 302
        r.refresh_from_db()
        assert r.state == "accepted"
        detail = sup.get(f"/supervision/api/assignments/{a.pk}").json()
        assert detail["status"] == "green" and detail["actual"] == 65
        assert detail["goals"][0]["current"] == 1300
        assert "1300 / 2000 座" in client.get(a.get_absolute_url()).content.decode()

    with time_machine.travel(at(2023, 7, 6), tick=True):   # June's report now due: it counts as on time
        after = _scorecard(sup, w.tl, w.a)
        items = after["items"]
        on_time = [i for i in items if i["rule"] == "on_time_report" and i["assignment_id"] == a.pk]
        assert [(i["period"], i["points"], i["report_id"]) for i in on_time] == [("2023-06", 2.0, r.pk)]
        returned = [i for i in items if i["rule"] == "returned_report"]
        assert [(i["report_id"], i["points"]) for i in returned] == [(r.pk, -1.0)]
        assert not [i for i in items if i["rule"] == "red_flag" and i["assignment_id"] == a.pk]
        assert any(i["rule"] == "red_flag" for i in before["items"] if i["assignment_id"] == a.pk)
        # every point has its cause, and the total is their sum
        assert all(i["cause"] for i in items)
        assert after["total"] == pytest.approx(sum(i["points"] for i in items))
        page = sup.get(f"/supervision/lists/{w.tl.pk}/units/{w.a.pk}/").content.decode()
        assert "2023-06 月报" in page and "被督查室退回" in page


def test_report_validation_and_evidence_checks(world, login):
    w = world
    a = w.asg("1", w.a)
    c = login(w.rep_a)
    with time_machine.travel(at(2023, 7, 3), tick=True):
        url = f"/supervision/assignments/{a.pk}/reports/new/"
        bad = c.post(url, {"report_date": "2023-08-01", "text": "", "percent": "120", "action": "submit"})
        assert bad.status_code == 400
        body = bad.content.decode()
        assert "不能晚于今天" in body and "请填写进展情况" in body and "0–100" in body
        fake = SimpleUploadedFile("fake.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
        resp = c.post(url, {"report_date": "2023-07-01", "text": "x", "percent": "5", "action": "submit", "evidence": fake})
        assert resp.status_code == 400 and "不符" in resp.content.decode()
        exe = SimpleUploadedFile("tool.exe", b"MZ\x90\x00", content_type="application/octet-stream")
        resp = c.post(url, {"report_date": "2023-07-01", "text": "x", "percent": "5", "action": "submit", "evidence": exe})
        assert resp.status_code == 400 and "不支持的文件类型" in resp.content.decode()
        from django.test import override_settings
        with override_settings(EVIDENCE_MAX_BYTES=10):
            big = SimpleUploadedFile("big.txt", b"x" * 11, content_type="text/plain")
            resp = c.post(url, {"report_date": "2023-07-01", "text": "x", "percent": "5", "action": "submit",
                                "evidence": big})
            assert resp.status_code == 400 and "文件过大" in resp.content.decode()
        assert not a.reports.exists()
        # a draft is saved without submitting, then submitted
        resp = c.post(url, {"report_date": "2023-07-01", "text": "草稿", "percent": "5", "action": "save"})
        r = a.reports.get()
        assert r.state == "draft" and r.submitted_at is None
        assert c.post(f"/supervision/reports/{r.pk}/submit/").status_code == 302
        r.refresh_from_db()
        assert r.state == "submitted" and r.submitted_at is not None


def test_contributions_are_folded_by_the_lead(world, login):
    w = world
    with time_machine.travel(at(2023, 5, 3), tick=True):
        coop = w.asg("1", w.xy)
        c = login(w.rep_xy)
        resp = c.post(f"/supervision/assignments/{coop.pk}/reports/new/", {
            "report_date": "2023-04-30", "text": "孝义建成基站300座", "percent": "30", "action": "submit"})
        assert resp.status_code == 302
        contribution = coop.reports.get()
        lead = w.asg("1", w.a)
        c = login(w.rep_a)
        page = c.get(lead.get_absolute_url()).content.decode()
        assert "孝义建成基站300座" in page and "配合单位材料" in page
        form = c.get(f"/supervision/assignments/{lead.pk}/reports/new/").content.decode()
        assert f'name="folded" value="{contribution.pk}"' in form
        resp = c.post(f"/supervision/assignments/{lead.pk}/reports/new/", {
            "report_date": "2023-04-30", "text": "汇总", "percent": "25", "folded": [str(contribution.pk)],
            "action": "submit"})
        assert resp.status_code == 302
        assert list(lead.reports.get().folded.all()) == [contribution]
        # another lead unit does not see it
        c = login(w.rep_b)
        assert "孝义建成基站300座" not in c.get(w.asg("2", w.b).get_absolute_url()).content.decode()


def test_revisions_need_a_reason_and_are_visible(world, login):
    w = world
    a = w.asg("2", w.b)
    ms = a.list_task.milestones.get(date=dt.date(2023, 6, 30))
    c = login(w.supervisor)
    url = f"/supervision/assignments/{a.pk}/revise/milestone/"
    c.post(url, {"id": ms.pk, "date": "2023-08-31", "share": "50", "reason": ""})
    ms.refresh_from_db()
    assert ms.date == dt.date(2023, 6, 30)
    c.post(url, {"id": ms.pk, "date": "2023-08-31", "share": "50", "reason": "汛期影响施工，经市政府同意延期"})
    ms.refresh_from_db()
    assert ms.date == dt.date(2023, 8, 31) and ms.share == 0.5
    goal_url = f"/supervision/assignments/{w.asg('1', w.a).pk}/revise/goal/"
    g = w.asg("1", w.a).list_task.goals.get()
    c.post(goal_url, {"id": g.pk, "metric": g.metric, "unit": g.unit, "comparator": g.comparator, "value": "2500",
                      "reason": "省里下达任务调增"})
    g.refresh_from_db()
    assert g.value == 2500
    page = c.get(a.get_absolute_url()).content.decode()
    assert "2023-06-30 完成50%" in page and "2023-08-31 完成50%" in page and "汛期影响施工" in page
    # reporters cannot revise
    r = login(w.rep_b)
    assert r.post(url, {"id": ms.pk, "date": "2023-12-31", "reason": "x"}).status_code == 403
    # the audit trail has old → new with the user
    audit = login(w.supervisor).get(f"/supervision/lists/{w.tl.pk}/audit/").content.decode()
    assert "2023-06-30 → 2023-08-31" in audit and "dc" in audit


def test_exports_and_atomic_import(world, login):
    from docx import Document
    from openpyxl import load_workbook

    from gongbao.web.supervision.services.workflow import review_report, save_report

    w = world
    with time_machine.travel(at(2023, 7, 8), tick=True):
        a1 = w.asg("1", w.a)
        g = a1.list_task.goals.get()
        r = save_report(a1, w.rep_a, report_date=dt.date(2023, 6, 30), text="建成1200座", percent=60,
                        values={g.pk: 1200}, submit=True)
        review_report(r, w.supervisor, "accept")
        c = login(w.supervisor)
        resp = c.get(f"/supervision/lists/{w.tl.pk}/ledger.xlsx")
        assert resp.status_code == 200
        wb = load_workbook(io.BytesIO(resp.content))
        ws = wb.active
        header = [cell.value for cell in ws[1]]
        assert header[:7] == ["编号", "任务序号", "任务内容", "责任单位", "责任类型", "完成时限", "状态"]
        assert ws.freeze_panes == "A2" and ws.column_dimensions["C"].width >= 40
        rows = {row[0]: row for row in ws.iter_rows(min_row=2, values_only=True)}
        assert set(rows) == set(w.tl.assignments.values_list("pk", flat=True))
        row = rows[a1.pk]
        assert row[3] == "市工业和信息化局" and row[6] == "绿灯" and row[8] == 60
        assert row[11] == "5G基站：2000 座" and row[12] == "5G基站：1200 座"
        assert rows[w.asg("2", w.b).pk][6] == "红灯"

        # a reporter's ledger holds only its own unit's rows
        mine = load_workbook(io.BytesIO(login(w.rep_b).get(f"/supervision/lists/{w.tl.pk}/ledger.xlsx").content)).active
        assert {row[3] for row in mine.iter_rows(min_row=2, values_only=True)} == {"市交通运输局"}

        c = login(w.supervisor)
        resp = c.get(f"/supervision/lists/{w.tl.pk}/bulletin.docx", {"period": "2023-06"})
        assert resp.status_code == 200
        doc = Document(io.BytesIO(resp.content))
        text = "\n".join(p.text for p in doc.paragraphs)
        assert "督查通报（2023年6月）" in text and "红灯" in text
        cells = [[cell.text for cell in row.cells] for t in doc.tables for row in t.rows]
        red_rows = [r for r in cells if r[0] == "2" and r[2] == "市交通运输局"]
        assert red_rows, cells
        assert any(r[1] == "市工业和信息化局" for r in cells)           # in a ranking table
        assert "市直部门" in text and "县（市、区）政府" in text

        # import: fill the 本期 columns of two rows, one of them bad → nothing imported
        a2 = w.asg("2", w.b)
        ws.cell(row=_row_of(ws, a2.pk), column=14, value="2023-07-05")
        ws.cell(row=_row_of(ws, a2.pk), column=15, value=40)
        ws.cell(row=_row_of(ws, a2.pk), column=16, value="路基完成四成")
        ws.cell(row=_row_of(ws, a1.pk), column=14, value="2023-07-05")
        ws.cell(row=_row_of(ws, a1.pk), column=15, value=150)
        ws.cell(row=_row_of(ws, a1.pk), column=16, value="进展")
        ws.cell(row=_row_of(ws, a1.pk), column=17, value="5G基站：1500\n光纤：3")
        bad_row = _row_of(ws, a1.pk)
        buf = io.BytesIO()
        wb.save(buf)
        buf.seek(0)
        resp = c.post(f"/supervision/lists/{w.tl.pk}/import/", {"file": SimpleUploadedFile("t.xlsx", buf.getvalue())})
        assert resp.status_code == 400
        body = resp.content.decode()
        assert f"第{bad_row}行" in body and "0–100" in body and "光纤" in body
        assert not a2.reports.exists() and a1.reports.count() == 1

        ws.cell(row=bad_row, column=15, value=75)
        ws.cell(row=bad_row, column=17, value="5G基站：1500")
        buf = io.BytesIO()
        wb.save(buf)
        resp = c.post(f"/supervision/lists/{w.tl.pk}/import/", {"file": SimpleUploadedFile("t.xlsx", buf.getvalue())})
        assert resp.status_code == 200, resp.content.decode()[:3000]
        assert a2.reports.get().percent == 40 and a2.reports.get().state == "submitted"
        latest = a1.reports.order_by("-report_date").first()
        assert latest.values.get().value == 1500 and latest.percent == 75

        # a reporter may import only its own unit's rows
        resp = login(w.rep_b).post(f"/supervision/lists/{w.tl.pk}/import/",
                                   {"file": SimpleUploadedFile("t.xlsx", buf.getvalue())})
        assert resp.status_code == 400 and "不是本任务清单中可填报的任务" in resp.content.decode()


def _row_of(ws, assignment_id) -> int:
    for row in ws.iter_rows(min_row=2):
        if row[0].value == assignment_id:
            return row[0].row
    raise AssertionError(assignment_id)


def test_reminders_are_sent_once(world):
    from gongbao.web.supervision.services.remind import remind
    from gongbao.web.supervision.services.workflow import save_report

    w = world
    with time_machine.travel(at(2023, 7, 2), tick=True):
        save_report(w.asg("1", w.a), w.rep_a, report_date=dt.date(2023, 6, 30), text="六月", percent=50, submit=True)
        result = remind(dt.date(2023, 7, 2))
        kinds = {(n.user.username, n.kind, n.key.split(":")[0]) for n in w.m.Notification.objects.all()}
        assert ("rep_b", "missing", "missing") in kinds            # June's report due by 5 July
        assert not w.m.Notification.objects.filter(user=w.rep_a, key=f"missing:{w.asg('1', w.a).pk}:2023-06").exists()
        assert result["emailed"] >= len(mail.outbox) > 0          # one digest per user
        assert len({tuple(msg.to) for msg in mail.outbox}) == len(mail.outbox)
        assert any("rep_b@example.invalid" in msg.to for msg in mail.outbox)
        again = remind(dt.date(2023, 7, 2))
        assert again == {"created": 0, "emailed": 0}
        later = remind(dt.date(2023, 7, 7))                         # now overdue
        assert w.m.Notification.objects.filter(user=w.rep_b, key__startswith="overdue:").exists()
        assert later["created"] > 0
        deadline = remind(dt.date(2023, 6, 20))
        assert w.m.Notification.objects.filter(user=w.rep_b, kind="deadline", key__endswith="2023-06-30").exists()
        assert deadline["created"] > 0


def test_remind_command_and_demo_refusal(world, settings, capsys):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    call_command("remind", "--date", "2023-07-02", "--no-email")
    assert "新建提醒" in capsys.readouterr().out
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("demo", "nonexistent.txt")
