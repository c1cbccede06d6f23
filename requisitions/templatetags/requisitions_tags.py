from django import template

from hiring_hub.templatetags.hiring_hub_tags import query_with

register = template.Library()

STATUS_CLASSES = {
    "draft": "text-bg-secondary",
    "intake": "text-bg-info",
    "aligned": "text-bg-primary",
    "sourcing": "text-bg-success",
    "interviewing": "text-bg-success",
    "offer": "text-bg-warning",
    "filled": "text-bg-dark",
    "on_hold": "text-bg-light border",
    "cancelled": "text-bg-danger",
}

KIND_CLASSES = {
    "must_have": "text-bg-primary",
    "nice_to_have": "text-bg-light border",
    "deal_breaker": "text-bg-danger",
}


@register.filter
def status_class(status: str) -> str:
    return STATUS_CLASSES.get(status, "text-bg-secondary")


@register.filter
def kind_class(kind: str) -> str:
    return KIND_CLASSES.get(kind, "text-bg-secondary")


# Kept under this library too: requisition templates load it from here.
register.simple_tag(query_with, takes_context=True)


@register.filter
def money(value) -> str:
    """85000 -> "85,000" (amounts in the salary band)."""
    if value in (None, ""):
        return "?"
    return f"{int(value):,}"


@register.filter
def partnership_term(name: str) -> str:
    """The words of an agreement term ("shortlists reviewed within (business days)")."""
    from requisitions.partnership import TERM_FIELDS, term_label

    return term_label(name) if name in TERM_FIELDS else name
