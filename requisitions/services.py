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
        target = S(to_status).label if to_status in S.values else repr(to_status)
        raise ValidationError(
            f"A requisition cannot move from {S(from_status).label} to {target}. "
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
