"""iCalendar invites for the intake and alignment meetings (RFC 5545 via `icalendar`)."""

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlparse

from django.conf import settings
from icalendar import Calendar, Event, vCalAddress, vText

from hiring_hub.models import User
from hiring_hub.outbox import absolute_url
from requisitions.models import AlignmentMeeting, Intake, Requisition

PRODID = "-//Hiring Hub//Requisitions//EN"


def _domain() -> str:
    return urlparse(settings.SITE_URL).hostname or "hiring-hub.local"


def _meeting_ics(
    requisition: Requisition,
    *,
    uid: str,
    title: str,
    start: dt.datetime,
    minutes: int,
    sequence: int,
    attendees: Iterable[User],
    description: str,
    url: str,
    stamp: dt.datetime,
) -> bytes:
    """One meeting about a requisition as an invite: the recruiter organises it, and the
    recruiter and the hiring manager attend whoever else is invited."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"{uid}@{_domain()}")
    event.add("summary", f"{title}: {requisition.title} ({requisition.team})")
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    event.add("dtstart", start.astimezone(dt.UTC))
    event.add("dtend", (start + dt.timedelta(minutes=minutes)).astimezone(dt.UTC))
    event.add("sequence", sequence)
    event.add("description", description)
    event.add("url", url)
    organizer = vCalAddress(f"mailto:{requisition.recruiter.email}")
    organizer.params["cn"] = vText(requisition.recruiter.full_name)
    event["organizer"] = organizer
    for person in _with_owners(requisition, attendees):
        address = vCalAddress(f"mailto:{person.email}")
        address.params["cn"] = vText(person.full_name)
        address.params["role"] = vText("REQ-PARTICIPANT")
        address.params["partstat"] = vText("NEEDS-ACTION")
        event.add("attendee", address, encode=0)
    calendar.add_component(event)
    return calendar.to_ical()


def intake_meeting_ics(intake: Intake) -> bytes:
    """The intake meeting invite; its UID is stable so a re-download updates the event."""
    requisition = intake.requisition
    if intake.meeting_at is None:
        raise ValueError("The intake meeting has no date yet.")
    return _meeting_ics(
        requisition,
        uid=f"requisition-{requisition.pk}-intake",
        title="Intake",
        start=intake.meeting_at,
        minutes=intake.meeting_duration_minutes,
        sequence=intake.meeting_sequence,
        attendees=intake.meeting_attendees.all(),
        description="Intake for the search: "
        + "; ".join(title.lower() for title, _ in Intake.SECTIONS)
        + ".",
        url=absolute_url("requisitions:intake_edit", pk=requisition.pk),
        stamp=intake.updated_at,
    )


def alignment_meeting_ics(meeting: AlignmentMeeting) -> bytes:
    """The alignment meeting invite, with its agenda; moving it bumps its sequence."""
    requisition = meeting.requisition
    return _meeting_ics(
        requisition,
        uid=f"alignment-meeting-{meeting.pk}",
        title="Alignment meeting",
        start=meeting.scheduled_at,
        minutes=meeting.duration_minutes,
        sequence=meeting.sequence,
        attendees=meeting.attendees.all(),
        description=meeting.agenda,
        url=absolute_url("requisitions:requisition_detail", pk=requisition.pk),
        stamp=meeting.created_at,
    )


def _with_owners(requisition: Requisition, people: Iterable[User]) -> list[User]:
    """The recruiter and the hiring manager attend, whoever else is invited."""
    seen, result = set(), []
    for person in [requisition.recruiter, requisition.hiring_manager, *people]:
        if person.pk not in seen:
            seen.add(person.pk)
            result.append(person)
    return result
