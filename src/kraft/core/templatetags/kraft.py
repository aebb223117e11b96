from django import template
from django.http import QueryDict

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context: template.Context, **changes: object) -> str:
    """The current query string with some parameters replaced, for pagination and sorting links."""
    request = context.get("request")
    query: QueryDict = request.GET.copy() if request else QueryDict(mutable=True)
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = str(value)
    return query.urlencode()


@register.filter
def sek(value: object) -> str:
    """Swedish money format: 1 234 567 kr."""
    if value in (None, ""):
        return "–"
    try:
        number = round(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    return f"{number:,}".replace(",", "\u00a0") + "\u00a0kr"
