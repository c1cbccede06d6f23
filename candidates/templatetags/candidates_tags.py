from django import template
from django.utils import timezone

register = template.Library()

STAGE_COLORS = {
    "sourced": "secondary",
    "screening": "info",
    "shortlisted": "primary",
    "manager_review": "warning",
    "interviewing": "primary",
    "offer": "success",
    "hired": "success",
    "rejected": "danger",
    "withdrawn": "dark",
}
RATING_COLORS = {
    "meets": "success",
    "partly": "warning",
    "does_not_meet": "danger",
    "unknown": "secondary",
}
DECISION_COLORS = {
    "pending": "secondary",
    "advance": "success",
    "decline": "danger",
    "need_info": "warning",
}


@register.filter
def stage_color(stage: str) -> str:
    return STAGE_COLORS.get(stage, "secondary")


@register.filter
def rating_color(rating: str) -> str:
    return RATING_COLORS.get(rating, "secondary")


@register.filter
def decision_color(decision: str) -> str:
    return DECISION_COLORS.get(decision, "secondary")


@register.filter
def percent(value) -> str:
    return "–" if value is None else f"{round(value * 100)}%"


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key) or {}


@register.filter
def days_in_stage(since) -> str:
    """How long an application has sat at its stage, in whole days of the viewer's zone."""
    if since is None:
        return ""
    days = (timezone.localdate() - timezone.localtime(since).date()).days
    if days <= 0:
        return "since today"
    return f"{days} day{'s' if days != 1 else ''}"
