"""Frozen-time tests of the interview reminders: thank-you notes and scorecards (due times,
time zones and DST, cancellations, reschedules, opt-outs)."""

import datetime as dt

import pytest

from debriefs.models import Interview, Scorecard, ThankYouNote
from hiring_hub.models import NotificationOptOut, OutboundMessage
from tests import factories
from tests.hiring_hub.sweeping import Kind, at, ended_interview, sweep

pytestmark = pytest.mark.django_db


# --- Thank-you note reminders ----------------------------------------------------------------
def test_thank_you_reminder_reaches_recruiter_two_hours_after_the_interview(
    requisition, mailoutbox
):
    interview = ended_interview(requisition, ends_at=at(2026, 11, 24, 10, 0))
    factories.ThankYouNoteFactory(interview=interview)

    sweep(at(2026, 11, 24, 11, 59), Kind.THANK_YOU_REMINDER)
    assert mailoutbox == []

    sweep(at(2026, 11, 24, 12, 0), Kind.THANK_YOU_REMINDER)
    (message,) = mailoutbox
    assert message.to == [requisition.recruiter.email]
    assert "Thank-you note" in message.subject
    html = message.alternatives[0][0]
    assert "http://testserver/" in message.body and "http://testserver/" in html
    claim = OutboundMessage.objects.get()
    assert claim.state == OutboundMessage.State.SENT
    assert claim.subject_key == f"interview:{interview.pk}"


def test_thank_you_reminders_at_two_and_twenty_hours_and_never_twice(requisition, mailoutbox):
    ended_interview(requisition, ends_at=at(2026, 11, 24, 10, 0))
    for hour in (12, 13, 14):
        sweep(at(2026, 11, 24, hour, 0), Kind.THANK_YOU_REMINDER)
    assert len(mailoutbox) == 1
    sweep(at(2026, 11, 25, 6, 0), Kind.THANK_YOU_REMINDER)
    sweep(at(2026, 11, 25, 6, 5), Kind.THANK_YOU_REMINDER)
    assert len(mailoutbox) == 2
    assert "Send it by" in mailoutbox[1].body
    sweep(at(2026, 11, 25, 11, 0), Kind.THANK_YOU_REMINDER)  # overdue now: no third reminder
    assert len(mailoutbox) == 2


def test_thank_you_reminder_after_a_long_outage_sends_only_the_latest(requisition, mailoutbox):
    ended_interview(requisition, ends_at=at(2026, 11, 24, 10, 0))
    sweep(at(2026, 11, 25, 12, 0), Kind.THANK_YOU_REMINDER)
    (message,) = mailoutbox
    assert "OVERDUE" in message.body
    assert OutboundMessage.objects.get().period.endswith("-20h")


def test_no_thank_you_reminder_once_the_note_is_sent_or_marked(requisition, mailoutbox):
    for status in (ThankYouNote.Status.SENT, ThankYouNote.Status.MARKED_SENT):
        interview = ended_interview(requisition, ends_at=at(2026, 11, 24, 10, 0))
        factories.ThankYouNoteFactory(
            interview=interview, status=status, sent_at=at(2026, 11, 24, 11, 0)
        )
    sweep(at(2026, 11, 24, 13, 0), Kind.THANK_YOU_REMINDER)
    assert mailoutbox == []


def test_no_thank_you_reminder_for_a_cancelled_interview(requisition, mailoutbox):
    ended_interview(requisition, ends_at=at(2026, 11, 24, 10, 0), status=Interview.Status.CANCELLED)
    sweep(at(2026, 11, 24, 13, 0), Kind.THANK_YOU_REMINDER)
    assert mailoutbox == []


def test_rescheduled_interview_moves_its_thank_you_reminders(requisition, mailoutbox):
    interview = ended_interview(requisition, ends_at=at(2026, 11, 24, 10, 0))
    sweep(at(2026, 11, 24, 12, 0), Kind.THANK_YOU_REMINDER)
    assert len(mailoutbox) == 1
    # rescheduled to two days later (the debriefs service bumps the sequence)
    Interview.objects.filter(pk=interview.pk).update(
        starts_at=at(2026, 11, 26, 9, 0), ends_at=at(2026, 11, 26, 10, 0), sequence=1
    )
    sweep(
        at(2026, 11, 25, 6, 0), Kind.THANK_YOU_REMINDER
    )  # the old 20 h mark: the interview has not happened yet
    assert len(mailoutbox) == 1
    sweep(at(2026, 11, 26, 12, 0), Kind.THANK_YOU_REMINDER)
    assert len(mailoutbox) == 2


def test_thank_you_reminder_is_not_sent_to_a_recruiter_who_switched_it_off(requisition, mailoutbox):
    NotificationOptOut.objects.create(user=requisition.recruiter, kind=Kind.THANK_YOU_REMINDER)
    ended_interview(requisition, ends_at=at(2026, 11, 24, 10, 0))
    sweep(at(2026, 11, 24, 13, 0), Kind.THANK_YOU_REMINDER)
    assert mailoutbox == []
    assert not OutboundMessage.objects.exists()


# --- Scorecard reminders -------------------------------------------------------------------------
def test_scorecard_reminder_one_hour_after_the_end_to_each_interviewer_not_submitted(
    requisition, interviewer, mailoutbox
):
    done = factories.InterviewerFactory()
    interview = ended_interview(
        requisition, ends_at=at(2026, 11, 24, 10, 0), interviewers=[interviewer, done]
    )
    factories.ScorecardFactory(
        interview=interview,
        interviewer=done,
        status=Scorecard.Status.SUBMITTED,
        submitted_at=at(2026, 11, 24, 10, 30),
        recommendation=3,
    )
    sweep(at(2026, 11, 24, 10, 59), Kind.SCORECARD_REMINDER)
    assert mailoutbox == []
    sweep(at(2026, 11, 24, 11, 0), Kind.SCORECARD_REMINDER)
    (message,) = mailoutbox
    assert message.to == [interviewer.email]


def test_scorecard_reminders_daily_on_business_days_for_ten_days_then_stop(
    requisition, interviewer, mailoutbox
):
    # ends Friday 10:00 UTC; the interviewer works in UTC
    ended_interview(requisition, ends_at=at(2026, 11, 20, 10, 0), interviewers=[interviewer])
    moment = at(2026, 11, 20, 11, 0)
    while moment < at(2026, 12, 12, 0, 0):  # three weeks of sweeps every 3 hours
        sweep(moment, Kind.SCORECARD_REMINDER)
        moment += dt.timedelta(hours=3)
    # the first reminder + 10 business days, none on weekends
    assert len(mailoutbox) == 11
    days = [m.sent_at.date() for m in OutboundMessage.objects.order_by("sent_at")]
    assert all(day.weekday() < 5 for day in days)
    assert days[0] == dt.date(2026, 11, 20) and days[1] == dt.date(2026, 11, 23)
    assert days[-1] == dt.date(2026, 12, 4)


def test_scorecard_reminders_follow_the_interviewers_clock_across_dst(requisition, mailoutbox):
    berliner = factories.InterviewerFactory(time_zone="Europe/Berlin")
    # Friday 23 Oct 2026, ends 11:00 Berlin (summer time) -> first reminder 12:00 Berlin.
    ended_interview(requisition, ends_at=at(2026, 10, 23, 9, 0), interviewers=[berliner])
    sweep(at(2026, 10, 23, 10, 0), Kind.SCORECARD_REMINDER)
    assert len(mailoutbox) == 1
    # Monday (winter time): the next one at 12:00 Berlin = 11:00 UTC, not 10:00 UTC.
    sweep(at(2026, 10, 26, 10, 59), Kind.SCORECARD_REMINDER)
    assert len(mailoutbox) == 1
    sweep(at(2026, 10, 26, 11, 0), Kind.SCORECARD_REMINDER)
    assert len(mailoutbox) == 2


def test_no_scorecard_reminder_before_the_interview_ends_or_when_cancelled(
    requisition, interviewer, mailoutbox
):
    ended_interview(requisition, ends_at=at(2026, 11, 24, 18, 0), interviewers=[interviewer])
    ended_interview(
        requisition,
        ends_at=at(2026, 11, 24, 8, 0),
        interviewers=[interviewer],
        status=Interview.Status.CANCELLED,
    )
    sweep(at(2026, 11, 24, 12, 0), Kind.SCORECARD_REMINDER)
    assert mailoutbox == []


def test_rescheduled_interview_restarts_scorecard_reminders_from_the_new_end(
    requisition, interviewer, mailoutbox
):
    interview = ended_interview(
        requisition, ends_at=at(2026, 11, 24, 10, 0), interviewers=[interviewer]
    )
    sweep(at(2026, 11, 24, 11, 0), Kind.SCORECARD_REMINDER)
    assert len(mailoutbox) == 1
    Interview.objects.filter(pk=interview.pk).update(
        starts_at=at(2026, 11, 24, 15, 0), ends_at=at(2026, 11, 24, 16, 0), sequence=1
    )
    sweep(at(2026, 11, 24, 16, 30), Kind.SCORECARD_REMINDER)
    assert len(mailoutbox) == 1
    sweep(at(2026, 11, 24, 17, 0), Kind.SCORECARD_REMINDER)
    assert len(mailoutbox) == 2
    periods = set(OutboundMessage.objects.values_list("period", flat=True))
    assert periods == {"20261124T1000Z-s0-r0", "20261124T1600Z-s1-r0"}
