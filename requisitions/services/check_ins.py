"""Weekly check-ins: the weekly status report of a requisition: the recruiter's note for the
week, the figures compiled when the check-in email goes out (kept as a snapshot), the hiring
manager's acknowledgement and agenda points. Compiled by the weekly check-in sweep
(requisitions.notifications)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from hiring_hub import access
from requisitions import selectors
from requisitions.models import CheckIn, Requisition
from requisitions.services.events import require

if TYPE_CHECKING:
    from hiring_hub.models import User


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@transaction.atomic
def check_in_note_save(
    *, requisition: Requisition, week_start: dt.date, note: str, actor: User
) -> CheckIn:
    """The owning recruiter writes the week's note before the check-in goes out; once the
    report is compiled (sent) its note is part of the record and no longer editable."""
    require(
        access.can_write_check_in_note(actor, requisition),
        "Only the owning recruiter writes the week's note.",
    )
    week_start = _monday(week_start)
    check_in, _ = CheckIn.objects.select_for_update().get_or_create(
        requisition=requisition, week_start=week_start
    )
    if check_in.compiled_at is not None:
        raise ValidationError(
            "This week's check-in has already gone out; write your note for next week."
        )
    check_in.recruiter_note = note.strip()
    check_in.full_clean()
    check_in.save(update_fields=["recruiter_note"])
    return check_in


@transaction.atomic
def check_in_compile(*, requisition: Requisition, week_start: dt.date, now: dt.datetime) -> CheckIn:
    """Freeze the week's figures into the check-in, once: the first check-in email of the
    week compiles it and every later reader (the other recipient, the page) sees the same
    snapshot. The change since last week is taken against last week's snapshot."""
    week_start = _monday(week_start)
    try:
        with transaction.atomic():
            CheckIn.objects.get_or_create(requisition=requisition, week_start=week_start)
    except IntegrityError:
        pass  # created concurrently by another sweep
    check_in = CheckIn.objects.select_for_update().get(
        requisition=requisition, week_start=week_start
    )
    if check_in.compiled_at is not None:
        return check_in
    previous = (
        CheckIn.objects.filter(
            requisition=requisition, week_start__lt=week_start, compiled_at__isnull=False
        )
        .order_by("-week_start")
        .first()
    )
    check_in.snapshot = selectors.check_in_figures(
        requisition, now=now, previous=previous.snapshot if previous else None
    )
    check_in.compiled_at = now
    check_in.full_clean()
    check_in.save(update_fields=["snapshot", "compiled_at"])
    return check_in


@transaction.atomic
def check_in_acknowledge(*, check_in: CheckIn, actor: User, agenda: str = "") -> CheckIn:
    """The hiring manager acknowledges a sent check-in and may add agenda points for their
    next conversation with the recruiter (editable later; the first acknowledgement stays)."""
    require(
        access.can_acknowledge_check_in(actor, check_in.requisition),
        "Only the hiring manager acknowledges the check-in.",
    )
    check_in = CheckIn.objects.select_for_update().get(pk=check_in.pk)
    if check_in.compiled_at is None:
        raise ValidationError("This check-in has not gone out yet.")
    if check_in.acknowledged_at is None:
        check_in.acknowledged_at = timezone.now()
        check_in.acknowledged_by = actor
    check_in.manager_agenda = agenda.strip()
    check_in.full_clean()
    check_in.save(update_fields=["acknowledged_at", "acknowledged_by", "manager_agenda"])
    return check_in
