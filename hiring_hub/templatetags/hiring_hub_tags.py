"""Template tags every app's lists use."""

from django import template

register = template.Library()


def _query(request, **params) -> str:
    query = request.GET.copy()
    for key, value in params.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.inclusion_tag("hiring_hub/_pagination.html", takes_context=True)
def pagination(context, page, label: str = "Pages"):
    """Previous / next links of a page (hiring_hub.pagination), keeping the other query
    parameters (filters, sort, the page of another list on the same screen)."""
    request = context["request"]
    param = getattr(page, "param", "page")
    return {
        "page": page,
        "label": label,
        "previous_url": _query(request, **{param: page.previous_page_number()})
        if page.has_previous()
        else "",
        "next_url": _query(request, **{param: page.next_page_number()}) if page.has_next() else "",
    }


@register.simple_tag(takes_context=True)
def query_with(context, **params) -> str:
    """The current query string with some parameters replaced (None or "" drops one)."""
    return _query(context["request"], **params)[1:]
