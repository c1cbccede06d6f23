"""Scheduling, rescheduling and cancelling interviews, with their invites, draft scorecards
and thank-you note draft."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Required, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from candidates.models import Application
from candidates.services import application_follow_up_record, application_move
from debriefs import notifications
from debriefs.calendar import interview_ics
from debriefs.models import CriterionRating, Interview, Scorecard, ThankYouNote
from debriefs.selectors import stage_criteria
from debriefs.services.scorecards import scorecard_is_blank
from hiring_hub import access, outbox
from hiring_hub.models import User
from requisitions.models import InterviewStage, Requisition, RequisitionEvent
from requisitions.services import (
    requisition_advance,
    requisition_event_record,
    requisition_require_aligned,
)

St = Application.Stage


class InterviewDetails(TypedDict, total=False):
    """What scheduling sets on an interview (InterviewForm.service_kwargs gives it).
    Interviewers default to the stage's; the other fields left out are blank."""

    starts_at: Required[dt.datetime]
    ends_at: Required[dt.datetime]
    interviewers: Iterable[User] | None
    location: str
    video_link: str
    next_steps_promised_by: dt.date | None
    next_steps_message: str


_BLANK_DETAILS = {
    "location": "",
    "video_link": "",
    "next_steps_promised_by": None,
    "next_steps_message": "",
}


def _set_details(interview: Interview, details: InterviewDetails) -> list[User]:
    """Put the details on the interview and validate it; returns its interviewers."""
    details = {**_BLANK_DETAILS, **details}
    chosen = details.pop("interviewers", None)
    for field, value in details.items():
        setattr(interview, field, value)
    people = list(chosen) if chosen else list(interview.stage.interviewers.all())
    if interview.stage.requisition_id != interview.application.requisition_id:
        raise ValidationError("The stage must belong to the requisition's interview plan.")
    if not people:
        raise ValidationError(
            "Choose at least one interviewer (the stage has no default interviewers)."
        )
    if interview.starts_at and interview.ends_at and interview.ends_at <= interview.starts_at:
        raise ValidationError("The interview must end after it starts.")
    interview.full_clean()
    return people


def _thank_you_draft(interview: Interview, interviewers: list[User]) -> ThankYouNote:
    candidate = interview.application.candidate
    context = {
        "candidate": candidate,
        "first_name": candidate.full_name.split(" ")[0],
        "interview": interview,
        "requisition": interview.application.requisition,
        "interviewers": [person.full_name for person in interviewers],
    }
    note = ThankYouNote(
        interview=interview,
        requisition_id=interview.application.requisition_id,
        subject=(
            f"Thank you for meeting us about the {interview.application.requisition.title} role"
        ),
        body=render_to_string("debriefs/thank_you_draft.txt", context).strip() + "\n",
        due_at=ThankYouNote.due_at_for(interview),
    )
    note.full_clean()
    note.save()
    return note


def _sync_scorecards(interview: Interview, interviewers: list[User]) -> None:
    """One draft scorecard per interviewer, built from the stage's criteria. Untouched drafts
    of people no longer on the interview are removed; written ones are kept."""
    criteria = stage_criteria(interview.stage)
    version_id = criteria[0].version_id if criteria else None
    wanted = {person.pk for person in interviewers}
    for scorecard in interview.scorecards.exclude(interviewer_id__in=wanted):
        if scorecard.status == Scorecard.Status.DRAFT and scorecard_is_blank(scorecard):
            scorecard.delete()
    existing = set(interview.scorecards.values_list("interviewer_id", flat=True))
    for person in interviewers:
        if person.pk in existing:
            continue
        scorecard = Scorecard(
            interview=interview, interviewer=person, criteria_version_id=version_id
        )
        scorecard.full_clean()
        scorecard.save()
        CriterionRating.objects.bulk_create(
            CriterionRating(scorecard=scorecard, criterion=criterion) for criterion in criteria
        )


def _enqueue_invites(interview: Interview, removed_ids: Iterable[int] = ()) -> None:
    """Write each interviewer's invite (in their own time zone) into the outbox; people taken
    off the interview get the cancellation, so the event leaves their calendar."""
    interview = Interview.objects.select_related(
        "application__candidate", "application__requisition", "stage"
    ).get(pk=interview.pk)
    link = outbox.absolute_url("debriefs:interview_detail", pk=interview.pk)
    recipients = [(person, interview.is_cancelled) for person in interview.interviewers.all()]
    recipients += [(person, True) for person in User.objects.filter(pk__in=list(removed_ids))]
    for person, cancelled in recipients:
        method = "CANCEL" if cancelled else "REQUEST"
        with timezone.override(person.tzinfo):
            ics = interview_ics(interview, cancelled=cancelled).decode()
        outbox.message_enqueue(
            kind=notifications.INTERVIEW_INVITE,
            to=person,
            about=f"interview:{interview.pk}",
            subject=(
                f"{'Cancelled: ' if cancelled else ''}Interview with "
                f"{interview.application.candidate.full_name} ({interview.stage.name})"
            ),
            template="interview_invite",
            context={"interview": interview, "cancelled": cancelled, "link": link},
            attachments=[("invite.ics", ics, f"text/calendar; method={method}")],
        )


@transaction.atomic
def interview_schedule(
    *,
    application: Application,
    stage: InterviewStage,
    actor: User,
    send_invites: bool = True,
    **details: Unpack[InterviewDetails],
) -> Interview:
    """Schedule an interview for an open application at a stage of its requisition's plan.
    Interviewers default to the stage's interviewers. The application moves to interviewing
    if it is not there yet; each interviewer gets a draft scorecard built from the stage's
    criteria, the candidate a thank-you note draft due 24 hours after the interview ends,
    and the next-steps promise becomes the application's promised follow-up date."""
    application = Application.objects.select_related("candidate", "requisition").get(
        pk=application.pk
    )
    access.require(access.can_schedule_interview(actor, application))
    if application.stage in St.closed_values():
        raise ValidationError(
            f"The application is {St(application.stage).label.lower()}; re-open it first."
        )
    requisition_require_aligned(application.requisition, work="Interviews")
    interview = Interview(application=application, stage=stage, created_by=actor)
    people = _set_details(interview, details)
    if application.stage not in (St.INTERVIEWING, St.OFFER):
        application = application_move(
            application=application, to_stage=St.INTERVIEWING, actor=actor
        )
        interview.application = application
    interview.save()
    interview.interviewers.set(people)
    _sync_scorecards(interview, people)
    _thank_you_draft(interview, people)
    application_follow_up_record(
        application_id=application.pk, promised_by=interview.next_steps_promised_by
    )
    scheduled = f"{stage.name} interview scheduled with {application.candidate.full_name}"
    requisition_event_record(
        requisition=application.requisition,
        actor=actor,
        kind=RequisitionEvent.Kind.INTERVIEW,
        message=scheduled,
        data={"interview": interview.pk},
    )
    requisition_advance(
        requisition=application.requisition,
        to_status=Requisition.Status.INTERVIEWING,
        actor=actor,
        reason=scheduled,
    )
    if send_invites:
        _enqueue_invites(interview)
    return interview


@transaction.atomic
def interview_reschedule(
    *, interview: Interview, actor: User, **details: Unpack[InterviewDetails]
) -> Interview:
    """Change a scheduled interview. The calendar SEQUENCE goes up so invites update in
    place (people taken off it get a cancellation); a thank-you note still in draft stays
    due 24 hours after the new end."""
    interview = (
        Interview.objects.select_for_update(of=("self",))
        .select_related("application__requisition")
        .get(pk=interview.pk)
    )
    access.require(access.can_schedule_interview(actor, interview.application))
    if interview.is_cancelled:
        raise ValidationError("A cancelled interview cannot be rescheduled; schedule a new one.")
    interview.sequence += 1
    people = _set_details(interview, details)
    interview.save()
    before = set(interview.interviewers.values_list("pk", flat=True))
    interview.interviewers.set(people)
    removed = before - {person.pk for person in people}
    _sync_scorecards(interview, people)
    ThankYouNote.objects.filter(interview=interview, status=ThankYouNote.Status.DRAFT).update(
        due_at=ThankYouNote.due_at_for(interview)
    )
    application_follow_up_record(
        application_id=interview.application_id, promised_by=interview.next_steps_promised_by
    )
    _enqueue_invites(interview, removed_ids=removed)
    return interview


@transaction.atomic
def interview_cancel(*, interview: Interview, actor: User, reason: str = "") -> Interview:
    """Cancel an interview: its invite is withdrawn (SEQUENCE up, STATUS:CANCELLED); its
    scorecards and thank-you draft stay for the record but are no longer due."""
    interview = (
        Interview.objects.select_for_update(of=("self",))
        .select_related("application__candidate", "application__requisition", "stage")
        .get(pk=interview.pk)
    )
    access.require(access.can_schedule_interview(actor, interview.application))
    if interview.is_cancelled:
        raise ValidationError("The interview is already cancelled.")
    interview.status = Interview.Status.CANCELLED
    interview.sequence += 1
    interview.full_clean()
    interview.save()
    message = (
        f"{interview.stage.name} interview with "
        f"{interview.application.candidate.full_name} cancelled"
    )
    requisition_event_record(
        requisition=interview.application.requisition,
        actor=actor,
        kind=RequisitionEvent.Kind.INTERVIEW,
        message=f"{message}: {reason}" if reason else message,
        data={"interview": interview.pk},
    )
    _enqueue_invites(interview)
    return interview
