"""iCalendar invites for the intake and alignment meetings (RFC 5545 via `icalendar`)."""

import datetime as dt
from urllib.parse import urlparse

from django.conf import settings
from icalendar import Calendar, Event, vCalAddress, vText

from hiring_hub.outbox import absolute_url
from requisitions.models import AlignmentMeeting, Intake

PRODID = "-//Hiring Hub//Requisitions//EN"


def _domain() -> str:
    return urlparse(settings.SITE_URL).hostname or "hiring-hub.local"


def _calendar() -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    return calendar


def _event(
    *,
    uid: str,
    summary: str,
    start: dt.datetime,
    minutes: int,
    sequence: int,
    organizer,
    attendees,
    description: str,
    url: str,
    stamp: dt.datetime,
) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    event.add("dtstart", start.astimezone(dt.UTC))
    event.add("dtend", (start + dt.timedelta(minutes=minutes)).astimezone(dt.UTC))
    event.add("sequence", sequence)
    event.add("description", description)
    event.add("url", url)
    if organizer is not None:
        address = vCalAddress(f"mailto:{organizer.email}")
        address.params["cn"] = vText(organizer.full_name)
        event["organizer"] = address
    for person in attendees:
        address = vCalAddress(f"mailto:{person.email}")
        address.params["cn"] = vText(person.full_name)
        address.params["role"] = vText("REQ-PARTICIPANT")
        address.params["partstat"] = vText("NEEDS-ACTION")
        event.add("attendee", address, encode=0)
    return event


def intake_meeting_ics(intake: Intake) -> bytes:
    """The intake meeting invite; its UID is stable so a re-download updates the event."""
    requisition = intake.requisition
    if intake.meeting_at is None:
        raise ValueError("The intake meeting has no date yet.")
    calendar = _calendar()
    calendar.add_component(
        _event(
            uid=f"requisition-{requisition.pk}-intake@{_domain()}",
            summary=f"Intake: {requisition.title} ({requisition.team})",
            start=intake.meeting_at,
            minutes=intake.meeting_duration_minutes,
            sequence=intake.meeting_sequence,
            organizer=requisition.recruiter,
            attendees=_with_owners(requisition, intake.meeting_attendees.all()),
            description=(
                "Intake for the search: what success looks like, who thrives on the team, "
                "past hires, deal makers and breakers, the talent market and the timeline."
            ),
            url=absolute_url("requisitions:intake_edit", pk=requisition.pk),
            stamp=intake.updated_at,
        )
    )
    return calendar.to_ical()


def alignment_meeting_ics(meeting: AlignmentMeeting) -> bytes:
    requisition = meeting.requisition
    calendar = _calendar()
    calendar.add_component(
        _event(
            uid=f"alignment-meeting-{meeting.pk}@{_domain()}",
            summary=f"Alignment meeting: {requisition.title} ({requisition.team})",
            start=meeting.scheduled_at,
            minutes=meeting.duration_minutes,
            sequence=meeting.sequence,
            organizer=requisition.recruiter,
            attendees=_with_owners(requisition, meeting.attendees.all()),
            description=meeting.agenda,
            url=absolute_url("requisitions:requisition_detail", pk=requisition.pk),
            stamp=meeting.created_at,
        )
    )
    return calendar.to_ical()


def _with_owners(requisition, people) -> list:
    """The recruiter and the hiring manager attend, whoever else is invited."""
    seen, result = set(), []
    for person in [requisition.recruiter, requisition.hiring_manager, *people]:
        if person.pk not in seen:
            seen.add(person.pk)
            result.append(person)
    return result
