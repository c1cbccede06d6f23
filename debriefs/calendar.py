"""The iCalendar invite of an interview, for the interviewers' calendars."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from icalendar import Calendar, Event, vCalAddress, vText

from debriefs.models import Interview
from hiring_hub.outbox import absolute_url


def interview_uid(interview: Interview) -> str:
    """Stable for the life of the interview, so a reschedule updates the same event."""
    host = urlsplit(settings.SITE_URL).hostname or "hiring-hub"
    return f"interview-{interview.pk}@{host}"


def interview_ics(interview: Interview, *, cancelled: bool | None = None) -> bytes:
    """One VEVENT per interview. Rescheduling raises SEQUENCE; a cancelled interview (or
    `cancelled=True`, for someone taken off it) is sent as METHOD:CANCEL with
    STATUS:CANCELLED (RFC 5546), which calendars remove."""
    if cancelled is None:
        cancelled = interview.status == Interview.Status.CANCELLED
    candidate = interview.application.candidate
    requisition = interview.application.requisition
    link = absolute_url("debriefs:interview_detail", pk=interview.pk)

    calendar = Calendar()
    calendar.add("prodid", "-//Hiring Hub//Interviews//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")

    event = Event()
    event.add("uid", interview_uid(interview))
    event.add("sequence", interview.sequence)
    event.add("dtstamp", interview.updated_at)
    event.add("dtstart", interview.starts_at)
    event.add("dtend", interview.ends_at)
    event.add("summary", f"Interview: {candidate.full_name} ({interview.stage.name})")
    description = [
        f"{interview.stage.name} interview with {candidate.full_name} "
        f"for {requisition.title} ({requisition.team}).",
        f"Interview page, focus and scorecard: {link}",
    ]
    if interview.video_link:
        description.append(f"Video: {interview.video_link}")
    event.add("description", "\n".join(description))
    location = interview.location or interview.video_link
    if location:
        event.add("location", location)
    if interview.video_link:
        event.add("url", interview.video_link)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organizer = interview.created_by or requisition.recruiter
    if organizer is not None:
        address = vCalAddress(f"mailto:{organizer.email}")
        address.params["cn"] = vText(organizer.full_name)
        event.add("organizer", address)
    for person in interview.interviewers.all():
        attendee = vCalAddress(f"mailto:{person.email}")
        attendee.params["cn"] = vText(person.full_name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = vText("NEEDS-ACTION")
        attendee.params["rsvp"] = vText("TRUE")
        event.add("attendee", attendee, encode=0)
    calendar.add_component(event)
    return calendar.to_ical()
