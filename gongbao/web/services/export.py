"""Rows of a `Table` as CSV, xlsx or JSON downloads."""
from __future__ import annotations

import csv
import io
import json
from typing import Iterable

from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse

from .tables import Table

FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def rows(table: Table, qs, limit: int | None = None) -> Iterable[dict]:
    limit = limit or settings.EXPORT_LIMIT
    for obj in qs[:limit]:
        yield table.row(obj)


class _Echo:
    def write(self, value):
        return value


def _csv_stream(table: Table, qs):
    writer = csv.writer(_Echo())
    yield "\ufeff"                                   # BOM: Excel opens UTF-8 CSV correctly
    yield writer.writerow(table.labels())
    for row in rows(table, qs):
        yield writer.writerow(["" if v is None else v for v in row.values()])


def xlsx_bytes(table: Table, qs) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(table.title[:31])
    header = []
    for label in table.labels():
        cell = WriteOnlyCell(ws, value=label)
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    for row in rows(table, qs):
        ws.append([_xlsx_value(v) for v in row.values()])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _xlsx_value(value):
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value                           # never a formula from gazette text
    return value


def export_response(table: Table, qs, fmt: str) -> HttpResponse:
    name = f"gongbao-{table.name}"
    if fmt == "csv":
        resp = StreamingHttpResponse(_csv_stream(table, qs), content_type=CONTENT_TYPES["csv"])
    elif fmt == "xlsx":
        resp = HttpResponse(xlsx_bytes(table, qs), content_type=CONTENT_TYPES["xlsx"])
    else:
        body = json.dumps({"table": table.name, "columns": dict(zip([c.key for c in table.columns], table.labels())),
                           "items": list(rows(table, qs))}, ensure_ascii=False, default=str)
        resp = HttpResponse(body, content_type=CONTENT_TYPES["json"])
        return resp
    resp["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return resp
