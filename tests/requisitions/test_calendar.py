import datetime as dt

from icalendar import Calendar

from requisitions import calendar, services
from tests import factories
from tests.requisitions.conftest import at


def _event(body: bytes):
    [event] = Calendar.from_ical(body).walk("VEVENT")
    return event


def test_alignment_meeting_ics_has_stable_uid_utc_times_attendees_and_sequence(
    new_requisition, recruiter, hiring_manager, interviewer
):
    start = at(24)
    meeting = services.alignment_meeting_schedule(
        requisition=new_requisition,
        actor=recruiter,
        scheduled_at=start,
        duration_minutes=60,
        attendees=[interviewer],
    )
    event = _event(calendar.alignment_meeting_ics(meeting))

    assert str(event["uid"]) == f"alignment-meeting-{meeting.pk}@testserver"
    assert event.decoded("dtstart") == start
    assert event.decoded("dtstart").utcoffset() == dt.timedelta(0)
    assert event.decoded("dtend") == start + dt.timedelta(minutes=60)
    assert event["dtstart"].to_ical().endswith(b"Z")
    assert int(event["sequence"]) == 0
    attendees = sorted(str(a) for a in event.get("attendee"))
    assert attendees == sorted(
        f"mailto:{u.email}" for u in (recruiter, hiring_manager, interviewer)
    )
    assert str(event["organizer"]) == f"mailto:{recruiter.email}"
    assert "Staff Engineer" in str(event["summary"])
    assert "1. What success looks like" in str(event["description"])

    # when it moves, the UID stays and the SEQUENCE goes up
    services.alignment_meeting_update(
        meeting=meeting,
        actor=recruiter,
        scheduled_at=start + dt.timedelta(days=1),
        duration_minutes=60,
        attendees=[recruiter, hiring_manager, interviewer],
        agenda=meeting.agenda,
        notes="",
        decisions="",
    )
    meeting.refresh_from_db()
    moved = _event(calendar.alignment_meeting_ics(meeting))
    assert moved["uid"] == event["uid"]
    assert int(moved["sequence"]) == 1
    assert moved.decoded("dtstart") == start + dt.timedelta(days=1)


def test_intake_meeting_ics_converts_local_time_to_utc(new_requisition, hiring_manager):
    berlin = dt.timezone(dt.timedelta(hours=1))
    local = dt.datetime(2026, 12, 1, 10, 0, tzinfo=berlin)
    attendee = factories.InterviewerFactory()
    services.intake_update(
        requisition=new_requisition,
        actor=hiring_manager,
        meeting_at=local,
        meeting_duration_minutes=30,
        meeting_attendees=[attendee],
    )
    new_requisition.intake.refresh_from_db()
    event = _event(calendar.intake_meeting_ics(new_requisition.intake))
    assert event["dtstart"].to_ical() == b"20261201T090000Z"
    assert event["dtend"].to_ical() == b"20261201T093000Z"
    assert str(event["uid"]) == f"requisition-{new_requisition.pk}-intake@testserver"
    assert int(event["sequence"]) == 1
    assert f"mailto:{attendee.email}" in [str(a) for a in event.get("attendee")]
