"""Writes on requisitions. Every function is keyword-only and runs in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from requisitions.models import Requisition, RequisitionEvent

S = Requisition.Status

# The search moves forward one step at a time; interviewing and offer may step back
# (more sourcing needed, an offer declined). On hold and cancelled are reachable from any
# open state; resuming from hold returns to where the search was.
TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.INTAKE},
    S.INTAKE: {S.ALIGNED},
    S.ALIGNED: {S.SOURCING},
    S.SOURCING: {S.INTERVIEWING},
    S.INTERVIEWING: {S.OFFER, S.SOURCING},
    S.OFFER: {S.FILLED, S.INTERVIEWING},
    S.FILLED: set(),
    S.CANCELLED: set(),
    S.ON_HOLD: set(),  # resumes to status_before_hold, see allowed_transitions()
}


def allowed_transitions(requisition: Requisition) -> list[str]:
    if requisition.status == S.ON_HOLD:
        targets = {requisition.status_before_hold or S.DRAFT, S.CANCELLED}
    else:
        targets = set(TRANSITIONS[requisition.status])
        if requisition.status in S.open_values():
            targets |= {S.ON_HOLD, S.CANCELLED}
    return [s for s in S.values if s in targets]


def requisition_event_record(
    *, requisition: Requisition, actor, kind: str, message: str, data: dict | None = None
) -> RequisitionEvent:
    """Add a line to the requisition's timeline."""
    return RequisitionEvent.objects.create(
        requisition=requisition, actor=actor, kind=kind, message=message, data=data or {}
    )


@transaction.atomic
def requisition_transition(
    *, requisition: Requisition, to_status: str, actor, reason: str = ""
) -> Requisition:
    """Move a requisition along draft → intake → aligned → sourcing → interviewing → offer →
    filled (on hold / cancelled from any open state). Any other move is refused with a
    message naming the allowed ones."""
    requisition = Requisition.objects.select_for_update().get(pk=requisition.pk)
    from_status = requisition.status
    if to_status not in allowed_transitions(requisition):
        allowed = ", ".join(S(s).label for s in allowed_transitions(requisition)) or "none"
        raise ValidationError(
            f"A requisition cannot move from {S(from_status).label} to "
            f"{S(to_status).label if to_status in S.values else to_status!r}. "
            f"Allowed next steps: {allowed}."
        )
    now = timezone.now()
    if to_status == S.ON_HOLD:
        requisition.status_before_hold = from_status
    elif from_status == S.ON_HOLD:
        requisition.status_before_hold = ""
    if to_status == S.SOURCING and requisition.opened_at is None:
        requisition.opened_at = now
    if to_status == S.FILLED:
        requisition.filled_at = now
    requisition.status = to_status
    requisition.full_clean()
    requisition.save()
    message = f"Status changed from {S(from_status).label} to {S(to_status).label}"
    requisition_event_record(
        requisition=requisition,
        actor=actor,
        kind="status",
        message=f"{message}: {reason}" if reason else message,
        data={"from": from_status, "to": to_status},
    )
    return requisition


# === Weekly check-ins (jobs helper) =======================================================
# The weekly status report of a requisition: the recruiter's note for the week, the figures
# compiled when the check-in email goes out (kept as a snapshot), the hiring manager's
# acknowledgement and agenda points. Compiled by hiring_hub.notifications' weekly sweep.
import datetime as _dt  # noqa: E402

from django.core.exceptions import PermissionDenied as _PermissionDenied  # noqa: E402
from django.db import IntegrityError  # noqa: E402

from requisitions.models import CheckIn  # noqa: E402


def _monday(day: _dt.date) -> _dt.date:
    return day - _dt.timedelta(days=day.weekday())


@transaction.atomic
def check_in_note_save(
    *, requisition: Requisition, week_start: _dt.date, note: str, actor
) -> CheckIn:
    """The owning recruiter writes the week's note before the check-in goes out; once the
    report is compiled (sent) its note is part of the record and no longer editable."""
    from hiring_hub import access

    if not access.can_write_check_in_note(actor, requisition):
        raise _PermissionDenied
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
def check_in_compile(*, requisition: Requisition, week_start: _dt.date, now) -> CheckIn:
    """Freeze the week's figures into the check-in, once: the first check-in email of the
    week compiles it and every later reader (the other recipient, the page) sees the same
    snapshot. The change since last week is taken against last week's snapshot."""
    from requisitions import selectors

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
def check_in_acknowledge(*, check_in: CheckIn, actor, agenda: str = "") -> CheckIn:
    """The hiring manager acknowledges a sent check-in and may add agenda points for their
    next conversation with the recruiter (editable later; the first acknowledgement stays)."""
    from hiring_hub import access

    if not access.can_acknowledge_check_in(actor, check_in.requisition):
        raise _PermissionDenied
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


# === end weekly check-ins ==================================================================
