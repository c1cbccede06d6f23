"""What the home's row tags (hiring_hub/templatetags/home_panels.py) print per row, as the
template language prints it: escaped values, `|timesince`, `|date`, `{% url %}`, the
requisition status badge."""

import html

from django.utils import timezone
from django.utils.timesince import TIME_STRINGS, timesince, timeuntil
from django.utils.translation import get_language

from hiring_hub.templatetags.hiring_hub_dates import date as _date
from hiring_hub.templatetags.hiring_hub_tags import STATUS_CLASSES
from hiring_hub.url_shapes import reverse_ids


class _Words:
    """One of timesince's unit strings ("%(num)d day"/"days"), its translation looked up
    once per language and number rather than at every use (the home prints some fifty
    durations): `timesince(..., time_strings=...)` writes the same words."""

    def __init__(self, lazy) -> None:
        self.lazy = lazy
        self.done: dict = {}

    def __mod__(self, params: dict) -> str:
        key = (get_language(), params["num"])
        words = self.done.get(key)
        if words is None:
            words = self.done[key] = self.lazy % params
        return words


_TIME_STRINGS = {unit: _Words(words) for unit, words in TIME_STRINGS.items()}


ITEM = "list-group-item list-group-item-action"
SPLIT = f"{ITEM} d-flex justify-content-between align-items-start gap-2"
SPLIT_CENTER = f"{ITEM} d-flex justify-content-between align-items-center gap-2"


def e(value) -> str:
    """Autoescaped as `{{ value }}` prints it (None prints "None", as there)."""
    return html.escape(str(value))


def since(value) -> str:
    """`{{ value|timesince }}`."""
    if not value:
        return ""
    try:
        return timesince(value, time_strings=_TIME_STRINGS)
    except (ValueError, TypeError):
        return ""


def until(value) -> str:
    """`{{ value|timeuntil }}`."""
    if not value:
        return ""
    try:
        return timeuntil(value, time_strings=_TIME_STRINGS)
    except (ValueError, TypeError):
        return ""


def when(value, fmt: str) -> str:
    """`{{ value|date:fmt }}` of a datetime (in the viewer's time zone) or a date."""
    if value is None:
        return ""
    if hasattr(value, "hour") and timezone.is_aware(value):
        value = timezone.localtime(value)
    return e(_date(value, fmt))


def plural(count) -> str:
    return "" if count == 1 else "s"


def url(name: str, *ids) -> str:
    return e(reverse_ids(name, list(ids)))


def status_badge(requisition) -> str:
    """templates/requisitions/_status_badge.html."""
    status = requisition.status
    badge = (
        f'<span class="badge {e(STATUS_CLASSES.values.get(status, STATUS_CLASSES.default))}">'
        f"{e(requisition.get_status_display())}</span>"
    )
    if requisition.realignment_needed:
        badge += (
            ' <span class="badge text-bg-warning" title="Criteria changed after sign-off">'
            '<i class="bi bi-arrow-repeat"></i> Re-alignment needed</span>'
        )
    return badge
