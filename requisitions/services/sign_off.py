"""Sign-off: the hiring manager signs off the draft criteria (and the partnership
agreement with them), or asks for changes instead."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hiring_hub import access
from hiring_hub.audit import audit_fields, audit_record
from requisitions import notifications, partnership, selectors
from requisitions.models import (
    AlignmentMeeting,
    CriteriaVersion,
    Criterion,
    Requisition,
    RequisitionEvent,
)
from requisitions.services.events import require, requisition_email, requisition_event_record
from requisitions.services.status import requisition_align, requisition_require_writable

if TYPE_CHECKING:
    from hiring_hub.models import User

SIGN_OFF_FIELDS = ("status", "signed_at", "signed_by", "persona")


def _audit_criteria(criteria: list[Criterion]) -> list[dict]:
    """What was signed off, as the audit trail keeps it."""
    return [{"name": c.name, "kind": c.kind, "definition": c.definition} for c in criteria]


@transaction.atomic
def criteria_sign_off(
    *, requisition: Requisition, actor: User, meeting: AlignmentMeeting | None = None
) -> CriteriaVersion:
    """The hiring manager signs off the draft criteria, and with them the partnership
    agreement (the defaults if none was proposed): the version is frozen (numbered,
    immutable), re-alignment is cleared, the latest alignment meeting records it, and a
    requisition still in intake becomes aligned. At least one criterion is required,
    and every must-have must have its definition."""
    require(access.can_sign_off(actor, requisition), "Only the hiring manager signs off.")
    requisition = Requisition.objects.select_for_update().get(pk=requisition.pk)
    requisition_require_writable(requisition)
    draft = (
        CriteriaVersion.objects.select_for_update()
        .filter(requisition=requisition, status=CriteriaVersion.Status.DRAFT)
        .first()
    )
    if draft is None:
        raise ValidationError("There is no draft of the criteria waiting for sign-off.")
    criteria = list(draft.criteria.all())
    if not criteria:
        raise ValidationError("Add at least one criterion before signing off.")
    undefined = [c.name for c in criteria if c.needs_definition]
    if undefined:
        raise ValidationError(f"These must-haves have no definition yet: {', '.join(undefined)}.")
    now = timezone.now()
    before = audit_fields(draft, SIGN_OFF_FIELDS)
    draft.status = CriteriaVersion.Status.SIGNED
    draft.signed_at = now
    draft.signed_by = actor
    draft.full_clean()
    draft.save()
    audit_record(
        actor=actor,
        action="criteria.sign_off",
        target=draft,
        before=before,
        after={**audit_fields(draft, SIGN_OFF_FIELDS), "criteria": _audit_criteria(criteria)},
    )
    requisition.realignment_needed = False
    requisition.save(update_fields=["realignment_needed", "updated_at"])
    if meeting is None:
        meeting = (
            requisition.alignment_meetings.filter(signed_version__isnull=True)
            .order_by("-scheduled_at")
            .first()
        )
    if meeting is not None:
        if meeting.requisition_id != requisition.pk:
            raise ValidationError("This meeting belongs to another requisition.")
        meeting.signed_version = draft
        meeting.save(update_fields=["signed_version"])
    requisition_event_record(
        requisition=requisition,
        actor=actor,
        kind=RequisitionEvent.Kind.SIGN_OFF,
        message=f"{actor} signed off criteria v{draft.number}",
        data={"version": draft.number},
    )
    partnership.agreement_sign(requisition=requisition, actor=actor, version=draft)
    requisition = requisition_align(
        requisition=requisition, actor=actor, reason=f"criteria v{draft.number} signed off"
    )
    requisition_email(
        requisition=requisition,
        kind=notifications.CRITERIA_SIGNED_OFF,
        to=requisition.recruiter,
        subject=f"Criteria v{draft.number} signed off for {requisition.title}",
        template="requisition_criteria_signed_off",
        context={"version": draft},
    )
    return draft


@transaction.atomic
def criteria_changes_request(*, requisition: Requisition, actor: User, comment: str) -> None:
    """Instead of signing off, the hiring manager asks for changes to the draft: the
    request and its comment land on the timeline and the recruiter is emailed. The draft
    stays a draft (the recruiter edits it, then asks again)."""
    require(access.can_sign_off(actor, requisition), "Only the hiring manager signs off.")
    requisition = Requisition.objects.select_for_update().get(pk=requisition.pk)
    requisition_require_writable(requisition)
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": "Say what should change before you sign off."})
    draft = selectors.draft_version(requisition)
    if draft is None:
        raise ValidationError("There is no draft of the criteria waiting for sign-off.")
    requisition_event_record(
        requisition=requisition,
        actor=actor,
        kind=RequisitionEvent.Kind.SIGN_OFF_CHANGES,
        message=f"{actor} asked for changes to criteria v{draft.number}: {comment}",
        data={"version": draft.number},
    )
    requisition_email(
        requisition=requisition,
        kind=notifications.CRITERIA_CHANGES_REQUESTED,
        to=requisition.recruiter,
        subject=f"{actor} asks for changes to criteria v{draft.number} of {requisition.title}",
        template="requisition_criteria_changes_requested",
        context={"version": draft, "manager": actor, "comment": comment},
        reply_to=actor,
    )
