"""Alignment meetings: scheduling one (its agenda generated), the notes and decisions,
and its invite."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from hiring_hub import access
from hiring_hub.models import User
from requisitions import calendar, services
from requisitions.forms import AlignmentMeetingForm, AlignmentMeetingScheduleForm
from requisitions.models import AlignmentMeeting
from requisitions.views._common import (
    ics_response,
    simple_form_page,
    submit,
    visible_requisition,
)


def _meeting_url(meeting: AlignmentMeeting) -> str:
    return reverse("requisitions:alignment_meeting_edit", args=[meeting.pk])


@login_required
def alignment_meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    requisition = visible_requisition(request.user, pk)
    access.require(access.can_edit_requisition(request.user, requisition))
    form = AlignmentMeetingScheduleForm(request.POST or None)
    write = partial(
        services.alignment_meeting_schedule, requisition=requisition, actor=request.user
    )
    message = "Alignment meeting scheduled; the agenda is ready."
    if response := submit(request, form, write, message, _meeting_url):
        return response
    lead = (
        "The agenda is generated from the intake, criteria and persona; you can edit it once "
        "the meeting is scheduled."
    )
    return simple_form_page(request, requisition, form, "Schedule an alignment meeting", lead=lead)


def _visible_meeting(user: User, pk: int) -> AlignmentMeeting:
    meeting = get_object_or_404(
        AlignmentMeeting.objects.select_related(
            "requisition__recruiter", "requisition__hiring_manager", "signed_version"
        ).filter(requisition__in=access.requisitions_visible_to(user)),
        pk=pk,
    )
    access.require(access.can_see_alignment_meeting(user, meeting))
    return meeting


@login_required
def alignment_meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _visible_meeting(request.user, pk)
    requisition = meeting.requisition
    can_edit = access.can_edit_requisition(request.user, requisition)
    initial = {
        "scheduled_at": meeting.scheduled_at,
        "duration_minutes": meeting.duration_minutes,
        "attendees": meeting.attendees.all(),
        "agenda": meeting.agenda,
        "notes": meeting.notes,
        "decisions": meeting.decisions,
    }
    form = AlignmentMeetingForm(request.POST or None, initial=initial)
    if request.method == "POST":
        access.require(can_edit)
    write = partial(services.alignment_meeting_update, meeting=meeting, actor=request.user)
    if response := submit(request, form, write, "Alignment meeting saved.", request.path):
        return response
    return render(
        request,
        "requisitions/alignment_meeting.html",
        {"requisition": requisition, "meeting": meeting, "form": form, "can_edit": can_edit},
    )


@login_required
def alignment_meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _visible_meeting(request.user, pk)
    return ics_response(
        calendar.alignment_meeting_ics(meeting), f"alignment-meeting-{meeting.pk}.ics"
    )
