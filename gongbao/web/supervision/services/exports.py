"""台账 (xlsx ledger), 督查通报 (docx bulletin) and progress import.

    ledger_xlsx(task_list, assignments, on) -> bytes
        a row per task × unit; the last four columns (本期…) are blank for filling in
    import_progress(task_list, fileobj, user, allowed_unit=None) -> ImportResult
        the ledger layout back: each row whose 本期 columns are filled becomes a
        submitted report of the assignment named by 编号. Atomic: any bad row
        rejects the whole file with row-numbered errors (ImportRejected).
    bulletin_docx(task_list, period_key, on) -> bytes
"""
from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import Optional

from django.db import transaction

from .. import models as m
from ..scoring import PEER_GROUPS
from ..status import STATUS_LABELS, STATUS_ORDER, period_of, periods
from . import progress
from .workflow import WorkflowError, save_report

HEADERS = [
    ("编号", 8), ("任务序号", 8), ("任务内容", 50), ("责任单位", 24), ("责任类型", 8), ("完成时限", 12),
    ("状态", 8), ("序时进度(%)", 10), ("完成进度(%)", 10), ("最新进展日期", 12), ("最新进展", 50),
    ("目标值", 28), ("当前值", 28),
    ("本期报告日期", 13), ("本期完成进度(%)", 12), ("本期进展情况", 40), ("本期指标值", 28),
]
INPUT_HEADERS = ["本期报告日期", "本期完成进度(%)", "本期进展情况", "本期指标值"]


def _num(v: float) -> str:
    return f"{v:g}"


def goal_text(goal: m.Goal, value: Optional[float] = None) -> str:
    shown = goal.value if value is None else value
    return f"{goal.metric}：{_num(shown)}{(' ' + goal.unit) if goal.unit else ''}"


def ledger_rows(snaps) -> list[list]:
    rows = []
    for s in snaps:
        a = s.assignment
        lt = a.list_task
        goals = list(lt.goals.all())
        latest = s.latest
        rows.append([
            a.pk, lt.key, lt.content, a.unit.name, a.role_label + ("" if a.primary else "（协办）"),
            progress.schedule_for(lt, a.task_list).deadline,
            STATUS_LABELS[s.status.code], s.status.expected, s.status.actual,
            latest.report_date if latest else None, latest.text if latest else "",
            "\n".join(goal_text(g) for g in goals),
            "\n".join(goal_text(g, v) for g, v in s.goals if v is not None),
            None, None, None, None,
        ])
    return rows


def ledger_xlsx(task_list: m.TaskList, assignments, on: Optional[dt.date] = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    snaps = progress.snapshots(assignments, on)
    wb = Workbook()
    ws = wb.active
    ws.title = "督查台账"
    ws.append([h for h, _ in HEADERS])
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="F2DCDB")
    inputs = PatternFill("solid", fgColor="FFF2CC")
    for i, (header, width) in enumerate(HEADERS, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font = bold
        cell.fill = inputs if header in INPUT_HEADERS else fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(i)].width = width
    colors = {"红灯": "F8CBAD", "黄灯": "FFE699", "蓝灯": "BDD7EE", "绿灯": "C6EFCE", "已销号": "D9D9D9"}
    for row in ledger_rows(snaps):
        ws.append(row)
        r = ws.max_row
        for col in (3, 11, 12, 13, 16):
            ws.cell(row=r, column=col).alignment = Alignment(wrap_text=True, vertical="top")
        for col in (6, 10, 14):
            ws.cell(row=r, column=col).number_format = "yyyy-mm-dd"
        ws.cell(row=r, column=7).fill = PatternFill("solid", fgColor=colors.get(row[6], "FFFFFF"))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{max(ws.max_row, 1)}"
    ws.row_dimensions[1].height = 30
    info = wb.create_sheet("说明")
    info.append(["任务清单", task_list.name])
    info.append(["导出日期", (on or progress.today()).isoformat()])
    info.append(["填报说明", "在“本期”四列填写后导入：报告日期 YYYY-MM-DD；完成进度 0–100；"
                             "指标值每行一项，写作“指标名：数值”（指标名同“目标值”列）。"])
    info.column_dimensions["A"].width = 12
    info.column_dimensions["B"].width = 90
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --- import -----------------------------------------------------------------------------

class ImportRejected(Exception):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("; ".join(errors))


@dataclass
class ImportResult:
    created: list[int] = field(default_factory=list)
    skipped: int = 0


_VALUE_LINE = re.compile(r"^\s*(.+?)\s*[：:]\s*([-+]?\d+(?:\.\d+)?)\s*(\S*)\s*$")


def _parse_date(v) -> Optional[dt.date]:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    text = str(v).strip().replace("/", "-").replace(".", "-")
    return dt.date.fromisoformat(text)


def import_progress(task_list: m.TaskList, fileobj, user, *, allowed_unit: Optional[int] = None,
                    today: Optional[dt.date] = None) -> ImportResult:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(fileobj, read_only=True, data_only=True)
    except Exception as exc:
        raise ImportRejected([f"无法读取 xlsx 文件（{type(exc).__name__}）"]) from None
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(rows, [])]
    col = {h: i for i, h in enumerate(header)}
    missing = [h for h in ["编号", *INPUT_HEADERS] if h not in col]
    if missing:
        raise ImportRejected([f"第1行：缺少列 {'、'.join(missing)}（请使用导出的台账作模板）"])
    assignments = {a.pk: a for a in task_list.assignments.select_related("list_task", "task_list", "unit")
                   .prefetch_related("list_task__goals")}
    errors: list[str] = []
    planned: list[tuple[int, m.Assignment, dict]] = []
    skipped = 0
    seen: set[int] = set()
    for n, row in enumerate(rows, start=2):
        row = list(row) + [None] * (len(header) - len(row))
        cell = lambda h: row[col[h]]  # noqa: E731
        filled = [cell(h) for h in INPUT_HEADERS]
        if all(v in (None, "") for v in filled):
            skipped += 1
            continue
        problems = []
        try:
            aid = int(cell("编号"))
        except (TypeError, ValueError):
            errors.append(f"第{n}行：编号“{cell('编号')}”不是数字")
            continue
        a = assignments.get(aid)
        if a is None or (allowed_unit is not None and a.unit_id != allowed_unit):
            errors.append(f"第{n}行：编号 {aid} 不是本任务清单中可填报的任务")
            continue
        if aid in seen:
            errors.append(f"第{n}行：编号 {aid} 重复")
            continue
        seen.add(aid)
        if a.done or not a.active:
            problems.append("该任务已销号或停止督办")
        try:
            report_date = _parse_date(cell("本期报告日期"))
        except (TypeError, ValueError):
            problems.append(f"本期报告日期“{cell('本期报告日期')}”应为 YYYY-MM-DD")
            report_date = None
        goals = {g.metric: g for g in a.list_task.goals.all()}
        values = {}
        for line in str(cell("本期指标值") or "").splitlines():
            if not line.strip():
                continue
            mt = _VALUE_LINE.match(line)
            if not mt:
                problems.append(f"指标值“{line.strip()}”应写作“指标名：数值”")
            elif mt.group(1) not in goals:
                problems.append(f"指标“{mt.group(1)}”不是该任务的指标")
            else:
                values[goals[mt.group(1)].pk] = float(mt.group(2))
        data = {"report_date": report_date, "percent": cell("本期完成进度(%)"),
                "text": str(cell("本期进展情况") or ""), "values": values}
        from .workflow import _clean

        try:
            _clean(a, report_date, data["text"], data["percent"], values, today or progress.today())
        except WorkflowError as exc:
            problems.extend(msg for key, msgs in exc.errors.items() for msg in msgs
                            if not (key == "report_date" and report_date is None))
        if problems:
            errors.append(f"第{n}行（编号 {aid}）：" + "；".join(problems))
        else:
            planned.append((n, a, data))
    if errors:
        raise ImportRejected(errors)
    result = ImportResult(skipped=skipped)
    with transaction.atomic():
        for n, a, data in planned:
            r = save_report(a, user, submit=True, today=today, **data)
            result.created.append(r.pk)
    return result


# --- bulletin -----------------------------------------------------------------------------

def bulletin_docx(task_list: m.TaskList, period_key: str, on: Optional[dt.date] = None) -> bytes:
    """督查通报 for one month: status counts at its end, reporting in it, red
    and yellow lists, and the ranking within peer groups as of its due day."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    year, month = (int(x) for x in period_key.split("-"))
    p = period_of(dt.date(year, month, 1), task_list.due_day)
    today = on or progress.today()
    at = min(p.end, today)
    qs = task_list.assignments.filter(active=True)
    snaps = progress.snapshots(qs, at, values=False)
    counts = {code: 0 for code in STATUS_ORDER}
    for s in snaps:
        counts[s.status.code] += 1
    score_on = min(p.due, today)
    records = progress.scoring_records(qs, score_on)
    got = [pr for rec in records for pr in rec.periods if pr.key == p.key]
    on_time = sum(1 for pr in got if pr.submitted and pr.submitted <= pr.due)
    late = sum(1 for pr in got if pr.submitted and pr.submitted > pr.due)
    missing = sum(1 for pr in got if pr.submitted is None)
    from ..scoring import rankings, scorecards

    ranks = rankings(scorecards(records, task_list.scoring_rules), task_list.scoring_rules)

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "宋体"
    style.font.size = Pt(11)
    title = doc.add_heading(f"督查通报（{p.label}）", level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(f"任务清单：{task_list.name}")
    doc.add_paragraph(f"统计截至 {at.isoformat()}；报送情况统计截至 {score_on.isoformat()}。")
    doc.add_heading("一、总体情况", level=1)
    doc.add_paragraph(
        f"纳入督办 {len(snaps)} 项（任务×责任单位），其中已销号 {counts['done']} 项、绿灯 {counts['green']} 项、"
        f"蓝灯 {counts['blue']} 项、黄灯 {counts['yellow']} 项、红灯 {counts['red']} 项。"
        f"{p.label}进展应报 {len(got)} 项，按时报送 {on_time} 项，逾期报送 {late} 项，未报送 {missing} 项。")
    for heading, code in (("二、红灯任务（严重滞后或逾期）", "red"), ("三、黄灯任务（进度滞后）", "yellow")):
        doc.add_heading(heading, level=1)
        rows = [s for s in snaps if s.status.code == code]
        if not rows:
            doc.add_paragraph("无。")
            continue
        table = doc.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ["任务序号", "任务内容", "责任单位", "完成进度", "原因"]):
            cell.text = text
        for s in rows:
            cells = table.add_row().cells
            cells[0].text = s.assignment.list_task.key
            cells[1].text = s.assignment.list_task.content[:120]
            cells[2].text = s.assignment.unit.name
            cells[3].text = f"{s.status.actual:g}%（序时 {s.status.expected:g}%）"
            cells[4].text = s.status.reason
    doc.add_heading("四、得分排名", level=1)
    for group, rows in ranks.items():
        doc.add_paragraph(PEER_GROUPS[group], style="Heading 2")
        table = doc.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ["名次", "单位", "得分", "任务数", "扣分项"]):
            cell.text = text
        for row in rows:
            cells = table.add_row().cells
            cells[0].text = str(row.rank)
            cells[1].text = row.card.unit_name
            cells[2].text = f"{row.score:g}"
            cells[3].text = str(row.card.assignments)
            cells[4].text = str(sum(1 for i in row.card.items if i.points < 0))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def period_choices(task_list: m.TaskList, today: Optional[dt.date] = None) -> list:
    today = today or progress.today()
    return [p for p in periods(task_list.start_date, task_list.end_date, task_list.due_day)
            if p.start <= today]
