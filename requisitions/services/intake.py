"""The intake: what the recruiter and the hiring manager write down before sourcing, with
every change kept as a revision, and the intake meeting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction

from hiring_hub import access
from requisitions.models import Intake, IntakeRevision, Requisition, RequisitionEvent
from requisitions.services.events import require, requisition_event_record
from requisitions.services.status import requisition_require_writable, requisition_transition

if TYPE_CHECKING:
    from hiring_hub.models import User

S = Requisition.Status
UNSET = object()


def _intake_for(requisition: Requisition) -> Intake:
    intake, _ = Intake.objects.get_or_create(requisition=requisition)
    return intake


@transaction.atomic
def intake_update(
    *,
    requisition: Requisition,
    actor: User,
    meeting_at: dt.datetime | None | object = UNSET,
    meeting_duration_minutes: int | None = None,
    meeting_attendees: Iterable[User] | None = None,
    **content: str,
) -> IntakeRevision | None:
    """The recruiter or the hiring manager edits the intake. Every change is kept as a
    revision with its author, time and the before/after of each changed field; a save
    that changes nothing records nothing. A moved meeting bumps the invite's sequence."""
    require(access.can_edit_intake(actor, requisition), "You cannot edit this intake.")
    unknown = set(content) - set(Intake.CONTENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown intake fields: {', '.join(sorted(unknown))}")
    requisition = Requisition.objects.select_for_update().get(pk=requisition.pk)
    requisition_require_writable(requisition)
    intake = _intake_for(requisition)
    intake = Intake.objects.select_for_update().get(pk=intake.pk)
    changes: dict[str, dict] = {}
    for name, value in content.items():
        value = (value or "").strip()
        if getattr(intake, name) != value:
            changes[name] = {"before": getattr(intake, name), "after": value}
            setattr(intake, name, value)
    meeting_changed = False
    if meeting_at is not UNSET and meeting_at != intake.meeting_at:
        changes["meeting_at"] = {
            "before": intake.meeting_at.isoformat() if intake.meeting_at else "",
            "after": meeting_at.isoformat() if meeting_at else "",
        }
        intake.meeting_at = meeting_at
        meeting_changed = True
    if meeting_duration_minutes is not None and (
        meeting_duration_minutes != intake.meeting_duration_minutes
    ):
        changes["meeting_duration_minutes"] = {
            "before": str(intake.meeting_duration_minutes),
            "after": str(meeting_duration_minutes),
        }
        intake.meeting_duration_minutes = meeting_duration_minutes
        meeting_changed = True
    if meeting_attendees is not None:
        attendees = list(meeting_attendees)
        before = list(intake.meeting_attendees.order_by("full_name"))
        if {u.pk for u in before} != {u.pk for u in attendees}:
            changes["meeting_attendees"] = {
                "before": ", ".join(str(u) for u in before),
                "after": ", ".join(str(u) for u in sorted(attendees, key=lambda u: u.full_name)),
            }
            intake.meeting_attendees.set(attendees)
            meeting_changed = True
    if not changes:
        return None
    if meeting_changed and intake.meeting_at is not None:
        intake.meeting_sequence += 1
    intake.updated_by = actor
    intake.full_clean()
    intake.save()
    revision = IntakeRevision.objects.create(intake=intake, author=actor, changes=changes)
    labels = [Intake.field_label(n) for n in changes]
    requisition_event_record(
        requisition=requisition,
        actor=actor,
        kind=RequisitionEvent.Kind.INTAKE,
        message=f"Intake updated: {', '.join(labels)}",
        data={"revision": revision.pk, "fields": list(changes)},
    )
    if requisition.status == S.DRAFT:
        requisition_transition(
            requisition=requisition, to_status=S.INTAKE, actor=actor, reason="intake started"
        )
    return revision
