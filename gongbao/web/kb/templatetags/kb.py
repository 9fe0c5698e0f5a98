from django import template

from ..models.tasks import ROLE_LABELS

register = template.Library()


@register.filter
def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role)


@register.filter
def lines_href(obj) -> str:
    """The document-page link that highlights a record's source lines."""
    start = getattr(obj, "line_start", 0)
    if not start:
        return ""
    end = getattr(obj, "line_end", 0) or start
    return f"?hl={start}-{end}#L{start}"


@register.filter
def get(mapping, key):
    try:
        return mapping.get(key)
    except AttributeError:
        return None
