"""The requisition's status: moves along the one status machine (Requisition.Status), and
the guards other services use to refuse work on a read-only or not yet aligned search."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from requisitions import retrospectives, selectors
from requisitions.models import Requisition, RequisitionEvent
from requisitions.services.events import requisition_event_record

if TYPE_CHECKING:
    from hiring_hub.models import User

S = Requisition.Status


def allowed_transitions(requisition: Requisition) -> list[str]:
    """The statuses the requisition may move to now (Requisition.allowed_transitions)."""
    return requisition.allowed_transitions()


@transaction.atomic
def requisition_transition(
    *, requisition: Requisition, to_status: str, actor: User | None, reason: str = ""
) -> Requisition:
    """Move a requisition along draft → intake → aligned → sourcing → interviewing → offer →
    filled (on hold / cancelled from any open state). Any other move is refused with a
    message naming the allowed ones."""
    requisition = Requisition.objects.select_for_update().get(pk=requisition.pk)
    from_status = requisition.status
    if to_status not in requisition.allowed_transitions():
        allowed = ", ".join(S(s).label for s in requisition.allowed_transitions()) or "none"
        # (a conversion like !r inside the f-string would apply to the whole conditional)
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
    if to_status == S.ALIGNED and selectors.current_signed_version(requisition) is None:
        raise ValidationError(
            "A requisition is aligned once the hiring manager has signed off the criteria; "
            "no version is signed off yet."
        )
    requisition.status = to_status
    requisition.full_clean()
    requisition.save()
    message = f"Status changed from {S(from_status).label} to {S(to_status).label}"
    requisition_event_record(
        requisition=requisition,
        actor=actor,
        kind=RequisitionEvent.Kind.STATUS,
        message=f"{message}: {reason}" if reason else message,
        data={"from": from_status, "to": to_status},
    )
    if to_status == S.FILLED:
        retrospectives.retrospective_invite(requisition=requisition, now=now)
    return requisition


def requisition_require_writable(requisition: Requisition) -> None:
    """Filled, cancelled and on-hold requisitions are read-only (Status.read_only_values)."""
    if requisition.is_read_only:
        raise ValidationError(requisition.read_only_message())


def requisition_require_aligned(requisition: Requisition, *, work: str) -> None:
    """Shortlists, interviews and offers come after alignment (and not on a read-only
    requisition); `work` names what was refused, e.g. "Shortlists"."""
    requisition_require_writable(requisition)
    if requisition.is_before_alignment:
        raise ValidationError(requisition.before_alignment_message(work))


def _step_along(
    requisition: Requisition, *, path: list[str], to_status: str, actor: User | None, reason: str
) -> Requisition:
    """Step forward along `path` to `to_status`, one transition (and timeline line) at a
    time. A requisition off the path, already there or further stays where it is."""
    if requisition.status not in path:
        return requisition
    start, target = path.index(requisition.status), path.index(to_status)
    for status in path[start + 1 : target + 1]:
        requisition = requisition_transition(
            requisition=requisition, to_status=status, actor=actor, reason=reason
        )
    return requisition


@transaction.atomic
def requisition_advance(
    *, requisition: Requisition, to_status: str, actor: User | None, reason: str
) -> Requisition:
    """The status follows the work: move an aligned requisition forward to `to_status`
    (aligned → sourcing → interviewing → offer → filled), one step at a time, each with
    its timeline entry. A requisition already there or further, not aligned yet, or
    read-only stays where it is; the recruiter can still move it by hand."""
    requisition = Requisition.objects.select_for_update().get(pk=requisition.pk)
    return _step_along(
        requisition, path=S.forward_path(), to_status=to_status, actor=actor, reason=reason
    )


@transaction.atomic
def requisition_align(*, requisition: Requisition, actor: User, reason: str) -> Requisition:
    """Criteria were signed off: a requisition still in draft or intake becomes aligned
    (stepping through intake), and one whose candidates were sourced before alignment moves
    on to sourcing. A requisition already aligned or further stays where it is."""
    requisition = Requisition.objects.select_for_update().get(pk=requisition.pk)
    if not requisition.is_before_alignment:
        return requisition
    requisition = _step_along(
        requisition, path=S.steps(), to_status=S.ALIGNED, actor=actor, reason=reason
    )
    if requisition.applications.exists():
        requisition = requisition_advance(
            requisition=requisition,
            to_status=S.SOURCING,
            actor=actor,
            reason="candidates were sourced before alignment",
        )
    return requisition
