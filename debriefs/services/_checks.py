"""Checks shared by the debrief services: when work that reports on an interview may happen."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from debriefs.models import Interview


def when(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local:%a} {local.day} {local:%b, %H:%M}"


def require_started(interview: Interview, what: str) -> None:
    """Work that reports on an interview cannot be done before it has started."""
    if interview.starts_at > timezone.now():
        raise ValidationError(
            f"The interview starts {when(interview.starts_at)}: {what} once it has started."
        )


def require_not_cancelled(interview: Interview, message: str) -> None:
    if interview.is_cancelled:
        raise ValidationError(message)
