from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from ..status import STATUS_LABELS

register = template.Library()


@register.filter
def get(mapping, key):
    try:
        return mapping.get(key) if hasattr(mapping, "get") else mapping[key]
    except (KeyError, IndexError, TypeError):
        return None


@register.filter
def num(value):
    if value is None or value == "":
        return ""
    try:
        return f"{float(value):g}"
    except (TypeError, ValueError):
        return value


@register.simple_tag
def badge(code):
    return format_html('<span class="st st-{}">{}</span>', code, STATUS_LABELS.get(code, code))


@register.filter
def errs(errors, key):
    if not errors:
        return []
    return errors.get(key, []) if hasattr(errors, "get") else []


def _url_maker(name: str):
    """pk -> reverse(name, args=[pk]) with one reverse() per page instead of one per row."""
    sentinel = 2_147_480_009
    url = reverse(name, args=[sentinel])
    head, _, tail = url.rpartition(str(sentinel))
    return lambda pk: f"{head}{pk}{tail}"


@register.simple_tag
def mine_rows(snaps):
    """The rows of a reporter's task table (supervision/mine.html), built in
    Python: the page is the reporters' most visited one."""
    if not snaps:
        return mark_safe('<tr><td colspan="8" class="empty">本单位暂无督办任务</td></tr>')
    detail, report_new = _url_maker("supervision:assignment"), _url_maker("supervision:report_new")
    rows = []
    for s in snaps:
        a = s.assignment
        tl, lt = a.task_list, a.list_task
        if a.done:
            action = '<span class="muted">已销号</span>'
        elif not tl.closed:
            action = f'<a href="{escape(report_new(a.pk))}">填报</a>'
        else:
            action = ""
        latest = s.latest.report_date.strftime("%Y-%m-%d") if s.latest and s.latest.report_date else "—"
        code = s.status.code
        rows.append(
            f'<tr><td class="muted">{escape(tl.year)} {escape(tl.document_ref)}</td><td>{escape(lt.key)}</td>\n'
            f'<td><a href="{escape(detail(a.pk))}">{escape(Truncator(lt.content).chars(70))}</a></td>\n'
            f'<td>{escape(a.role_label)}{"" if a.primary else "（协办）"}</td>'
            f'<td><span class="st st-{escape(code)}">{escape(STATUS_LABELS.get(code, code))}</span></td>\n'
            f'<td class="num">{escape(num(s.status.actual))}%</td><td>{latest}</td>\n<td>{action}</td></tr>')
    return mark_safe("\n".join(rows))
