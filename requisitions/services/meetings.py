"""Alignment meetings: scheduled with an agenda drawn from the intake and the criteria;
their notes and decisions recorded afterwards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction

from hiring_hub import access
from requisitions import selectors
from requisitions.models import AlignmentMeeting, Requisition, RequisitionEvent
from requisitions.services.events import require, requisition_event_record
from requisitions.services.status import requisition_require_writable

if TYPE_CHECKING:
    from hiring_hub.models import User


@transaction.atomic
def alignment_meeting_schedule(
    *,
    requisition: Requisition,
    actor: User,
    scheduled_at: dt.datetime,
    duration_minutes: int = 45,
    attendees: Iterable[User] = (),
) -> AlignmentMeeting:
    """The recruiter schedules an alignment meeting; its agenda is generated from the
    intake, the criteria and the persona as they stand, and can be edited afterwards.
    The hiring manager and the recruiter always attend."""
    require(access.can_edit_requisition(actor, requisition), "Only the owning recruiter edits.")
    requisition_require_writable(requisition)
    meeting = AlignmentMeeting(
        requisition=requisition,
        scheduled_at=scheduled_at,
        duration_minutes=duration_minutes,
        agenda=selectors.alignment_agenda(requisition),
        created_by=actor,
    )
    meeting.full_clean()
    meeting.save()
    people = {requisition.recruiter, requisition.hiring_manager, *attendees}
    meeting.attendees.set(people)
    requisition_event_record(
        requisition=requisition,
        actor=actor,
        kind=RequisitionEvent.Kind.ALIGNMENT,
        message="Alignment meeting scheduled",
        data={"meeting": meeting.pk, "scheduled_at": scheduled_at.isoformat()},
    )
    return meeting


@transaction.atomic
def alignment_meeting_update(
    *,
    meeting: AlignmentMeeting,
    actor: User,
    scheduled_at: dt.datetime,
    duration_minutes: int,
    attendees: Iterable[User],
    agenda: str,
    notes: str,
    decisions: str,
) -> AlignmentMeeting:
    """Record notes and decisions, or move the meeting (which bumps its invite
    sequence so calendars update the event in place)."""
    requisition = meeting.requisition
    require(access.can_edit_requisition(actor, requisition), "Only the owning recruiter edits.")
    meeting = AlignmentMeeting.objects.select_for_update().get(pk=meeting.pk)
    attendees = list(attendees)
    moved = (
        meeting.scheduled_at != scheduled_at
        or meeting.duration_minutes != duration_minutes
        or set(meeting.attendees.values_list("pk", flat=True)) != {u.pk for u in attendees}
    )
    meeting.scheduled_at = scheduled_at
    meeting.duration_minutes = duration_minutes
    meeting.agenda = agenda.strip()
    meeting.notes = notes.strip()
    meeting.decisions = decisions.strip()
    if moved:
        meeting.sequence += 1
    meeting.full_clean()
    meeting.save()
    meeting.attendees.set(attendees)
    requisition_event_record(
        requisition=requisition,
        actor=actor,
        kind=RequisitionEvent.Kind.ALIGNMENT,
        message="Alignment meeting " + ("rescheduled" if moved else "notes and decisions updated"),
        data={"meeting": meeting.pk},
    )
    return meeting
