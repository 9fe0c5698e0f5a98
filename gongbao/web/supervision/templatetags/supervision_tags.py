from django import template
from django.utils.html import format_html

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
