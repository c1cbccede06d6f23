"""Frozen-time tests of every notification rule: due times, business days, time zones and
DST, opt-outs, cancellations, reschedules, idempotency, failure and retry."""

import datetime as dt
import smtplib
import zoneinfo

import pytest
import time_machine
from django.core.mail.backends.base import BaseEmailBackend

from candidates import notifications as candidate_notifications
from candidates.models import Application, ShortlistEntry
from debriefs import notifications as debrief_notifications
from debriefs.models import Interview, Scorecard, ThankYouNote
from hiring_hub import outbox
from hiring_hub.business_time import add_business_days
from hiring_hub.models import NotificationOptOut, OutboundMessage
from requisitions import notifications as requisition_notifications
from requisitions.models import CheckIn
from tests import factories

pytestmark = pytest.mark.django_db

UTC = dt.UTC
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")


class Kind:
    """The swept kinds, as each app registers them."""

    WEEKLY_CHECK_IN = requisition_notifications.WEEKLY_CHECK_IN
    THANK_YOU_REMINDER = debrief_notifications.THANK_YOU_REMINDER
    SCORECARD_REMINDER = debrief_notifications.SCORECARD_REMINDER
    SHORTLIST_WAITING = candidate_notifications.SHORTLIST_WAITING
    FOLLOW_UP_DUE = candidate_notifications.FOLLOW_UP_DUE
    REALIGNMENT_PROMPT = candidate_notifications.REALIGNMENT_PROMPT


def at(*args, tz=UTC) -> dt.datetime:
    return dt.datetime(*args, tzinfo=tz)


def sweep(moment: dt.datetime, *kinds: str) -> dict:
    with time_machine.travel(moment, tick=False):
        return outbox.send_due_notifications(kinds=kinds or None)


def sent_to(mailoutbox, email: str) -> list:
    return [m for m in mailoutbox if email in m.to]


class FailingBackend(BaseEmailBackend):
    """An SMTP server that refuses everything (a real failure mode, not our code)."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def ended_interview(requisition, *, ends_at, interviewers=(), **kwargs):
    return factories.InterviewFactory(
        application__requisition=requisition,
        starts_at=ends_at - dt.timedelta(hours=1),
        ends_at=ends_at,
        interviewers=list(interviewers),
        **kwargs,
    )


# --- Business days and local clocks ---------------------------------------------------------
def test_business_days_skip_the_weekend():
    friday = at(2026, 11, 20, 15, 0)
    assert add_business_days(friday, 1, UTC) == at(2026, 11, 23, 15, 0)
    assert add_business_days(friday, 4, UTC) == at(2026, 11, 26, 15, 0)


def test_business_days_count_in_the_recipients_zone():
    # Friday 23:30 UTC is already Saturday in Tokyo: waiting there starts on Monday.
    moment = at(2026, 11, 20, 23, 30)
    assert add_business_days(moment, 1, TOKYO) == at(2026, 11, 24, 0, 0, tz=TOKYO)
    assert add_business_days(moment, 1, UTC) == at(2026, 11, 23, 23, 30)


def test_business_days_keep_the_local_clock_across_a_dst_change():
    # Berlin leaves summer time on Sunday 25 October 2026.
    friday_noon = at(2026, 10, 23, 12, 0, tz=BERLIN)
    monday = add_business_days(friday_noon, 1, BERLIN)
    assert monday == at(2026, 10, 26, 12, 0, tz=BERLIN)
    assert monday.astimezone(UTC) == at(2026, 10, 26, 11, 0)
    assert friday_noon.astimezone(UTC) == at(2026, 10, 23, 10, 0)


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


# --- Shortlist waiting -------------------------------------------------------------------------
def waiting_shortlist(requisition, submitted_at):
    shortlist = factories.ShortlistFactory(
        requisition=requisition, number=1, submitted_at=submitted_at
    )
    factories.ShortlistEntryFactory(shortlist=shortlist)
    return shortlist


def test_shortlist_waiting_nudges_manager_at_two_and_recruiter_at_four_business_days(
    requisition, mailoutbox
):
    waiting_shortlist(requisition, at(2026, 11, 19, 15, 0))  # Thursday
    sweep(at(2026, 11, 23, 14, 59), Kind.SHORTLIST_WAITING)  # Monday: Fri + Mon not yet
    assert mailoutbox == []
    sweep(at(2026, 11, 23, 15, 0), Kind.SHORTLIST_WAITING)
    assert [m.to for m in mailoutbox] == [[requisition.hiring_manager.email]]
    sweep(at(2026, 11, 25, 14, 0), Kind.SHORTLIST_WAITING)
    assert len(mailoutbox) == 1
    sweep(at(2026, 11, 25, 15, 0), Kind.SHORTLIST_WAITING)  # Wednesday: 4 business days
    assert [m.to for m in mailoutbox][1] == [requisition.recruiter.email]
    sweep(at(2026, 11, 27, 15, 0), Kind.SHORTLIST_WAITING)
    assert len(mailoutbox) == 2


def test_shortlist_reviewed_in_time_nudges_nobody(requisition, mailoutbox):
    shortlist = waiting_shortlist(requisition, at(2026, 11, 19, 15, 0))
    shortlist.entries.update(decision=ShortlistEntry.Decision.ADVANCE)
    sweep(at(2026, 11, 30, 15, 0), Kind.SHORTLIST_WAITING)
    assert mailoutbox == []


def test_shortlist_business_days_are_counted_in_the_managers_zone(requisition, mailoutbox):
    requisition.hiring_manager.time_zone = "Asia/Tokyo"
    requisition.hiring_manager.save()
    # Friday 20:00 UTC = Saturday 05:00 in Tokyo: the wait there starts Monday 00:00 and
    # two business days end Wednesday 00:00 Tokyo = Tuesday 15:00 UTC (UTC would say 20:00).
    waiting_shortlist(requisition, at(2026, 11, 20, 20, 0))
    sweep(at(2026, 11, 24, 14, 59), Kind.SHORTLIST_WAITING)
    assert mailoutbox == []
    sweep(at(2026, 11, 24, 15, 0), Kind.SHORTLIST_WAITING)
    assert len(mailoutbox) == 1


# --- Candidate follow-up due ---------------------------------------------------------------------
def test_follow_up_reminder_once_the_promised_day_has_passed(requisition, mailoutbox):
    application = factories.ApplicationFactory(
        requisition=requisition,
        stage=Application.Stage.INTERVIEWING,
        next_update_promised_by=dt.date(2026, 11, 24),
        last_candidate_update_at=at(2026, 11, 17, 10, 0),
    )
    sweep(at(2026, 11, 24, 23, 59), Kind.FOLLOW_UP_DUE)
    assert mailoutbox == []
    sweep(at(2026, 11, 25, 0, 0), Kind.FOLLOW_UP_DUE)
    sweep(at(2026, 11, 25, 9, 0), Kind.FOLLOW_UP_DUE)
    (message,) = mailoutbox
    assert message.to == [requisition.recruiter.email]
    assert application.candidate.full_name in message.body


def test_follow_up_passes_at_midnight_in_the_recruiters_zone(requisition, mailoutbox):
    requisition.recruiter.time_zone = "America/New_York"
    requisition.recruiter.save()
    factories.ApplicationFactory(
        requisition=requisition, next_update_promised_by=dt.date(2026, 11, 24)
    )
    sweep(at(2026, 11, 25, 4, 59), Kind.FOLLOW_UP_DUE)  # 23:59 on the 24th in New York
    assert mailoutbox == []
    sweep(at(2026, 11, 25, 5, 0), Kind.FOLLOW_UP_DUE)
    assert len(mailoutbox) == 1


def test_follow_up_kept_or_application_closed_sends_nothing(requisition, mailoutbox):
    factories.ApplicationFactory(
        requisition=requisition,
        next_update_promised_by=dt.date(2026, 11, 24),
        last_candidate_update_at=at(2026, 11, 24, 16, 0),
    )
    factories.ApplicationFactory(
        requisition=requisition,
        stage=Application.Stage.REJECTED,
        closed_reason="Went with another offer.",
        next_update_promised_by=dt.date(2026, 11, 24),
    )
    sweep(at(2026, 11, 26, 9, 0), Kind.FOLLOW_UP_DUE)
    assert mailoutbox == []


def test_renewed_follow_up_promise_gets_its_own_reminder(requisition, mailoutbox):
    application = factories.ApplicationFactory(
        requisition=requisition, next_update_promised_by=dt.date(2026, 11, 24)
    )
    sweep(at(2026, 11, 25, 9, 0), Kind.FOLLOW_UP_DUE)
    Application.objects.filter(pk=application.pk).update(
        last_candidate_update_at=at(2026, 11, 25, 10, 0),
        next_update_promised_by=dt.date(2026, 12, 1),
    )
    sweep(at(2026, 11, 27, 9, 0), Kind.FOLLOW_UP_DUE)
    assert len(mailoutbox) == 1
    sweep(at(2026, 12, 2, 9, 0), Kind.FOLLOW_UP_DUE)
    assert len(mailoutbox) == 2


# --- Re-alignment prompt ------------------------------------------------------------------------
def reviewed_shortlist(requisition, number, decisions):
    shortlist = factories.ShortlistFactory(
        requisition=requisition, number=number, submitted_at=at(2026, 11, 2, 9, 0)
    )
    for decision in decisions:
        factories.ShortlistEntryFactory(shortlist=shortlist, decision=decision)
    return shortlist


D, A = ShortlistEntry.Decision.DECLINE, ShortlistEntry.Decision.ADVANCE


def test_two_mostly_declined_shortlists_in_a_row_prompt_both_to_realign_once(
    requisition, mailoutbox
):
    reviewed_shortlist(requisition, 1, [D, D, A])
    reviewed_shortlist(requisition, 2, [D, D, D, A])
    sweep(at(2026, 11, 24, 9, 0), Kind.REALIGNMENT_PROMPT)
    sweep(at(2026, 11, 25, 9, 0), Kind.REALIGNMENT_PROMPT)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [requisition.recruiter.email, requisition.hiring_manager.email]
    )
    assert "alignment meeting" in mailoutbox[0].body


def test_half_declined_or_one_bad_shortlist_prompts_nothing(requisition, mailoutbox):
    reviewed_shortlist(requisition, 1, [D, D, A])
    reviewed_shortlist(requisition, 2, [D, A])  # exactly half is not "most"
    reviewed_shortlist(requisition, 3, [A, A])
    sweep(at(2026, 11, 24, 9, 0), Kind.REALIGNMENT_PROMPT)
    assert mailoutbox == []


def test_a_third_bad_shortlist_prompts_again_for_the_new_pair(requisition, mailoutbox):
    reviewed_shortlist(requisition, 1, [D, D])
    reviewed_shortlist(requisition, 2, [D, D])
    sweep(at(2026, 11, 24, 9, 0), Kind.REALIGNMENT_PROMPT)
    reviewed_shortlist(requisition, 3, [D, D])
    sweep(at(2026, 11, 25, 9, 0), Kind.REALIGNMENT_PROMPT)
    assert len(mailoutbox) == 4


# --- Weekly check-in ----------------------------------------------------------------------------
def test_weekly_check_in_goes_out_at_monday_nine_in_each_recipients_zone(
    recruiter, hiring_manager, mailoutbox
):
    recruiter.time_zone, hiring_manager.time_zone = "Asia/Tokyo", "America/New_York"
    recruiter.save(), hiring_manager.save()
    factories.RequisitionFactory(recruiter=recruiter, hiring_manager=hiring_manager)
    sweep(at(2026, 11, 22, 12, 0), Kind.WEEKLY_CHECK_IN)  # last week's, for both
    mailoutbox.clear()
    sweep(at(2026, 11, 22, 23, 59), Kind.WEEKLY_CHECK_IN)  # Mon 08:59 in Tokyo
    assert mailoutbox == []
    sweep(at(2026, 11, 23, 0, 0), Kind.WEEKLY_CHECK_IN)  # Mon 09:00 in Tokyo
    assert [m.to for m in mailoutbox] == [[recruiter.email]]
    sweep(at(2026, 11, 23, 13, 59), Kind.WEEKLY_CHECK_IN)  # 08:59 in New York (EST)
    assert len(mailoutbox) == 1
    sweep(at(2026, 11, 23, 14, 0), Kind.WEEKLY_CHECK_IN)
    assert [m.to for m in mailoutbox][1] == [hiring_manager.email]
    sweep(at(2026, 11, 26, 14, 0), Kind.WEEKLY_CHECK_IN)
    assert len(mailoutbox) == 2


def test_weekly_check_in_follows_the_local_clock_across_dst(hiring_manager, mailoutbox):
    hiring_manager.time_zone = "America/New_York"
    hiring_manager.save()
    factories.RequisitionFactory(hiring_manager=hiring_manager)
    # 26 Oct 2026: New York still on summer time (UTC-4) -> 13:00 UTC.
    sweep(at(2026, 10, 26, 13, 0), Kind.WEEKLY_CHECK_IN)
    assert len(sent_to(mailoutbox, hiring_manager.email)) == 1
    # 2 Nov 2026: winter time (UTC-5) -> 14:00 UTC.
    sweep(at(2026, 11, 2, 13, 0), Kind.WEEKLY_CHECK_IN)
    assert len(sent_to(mailoutbox, hiring_manager.email)) == 1
    sweep(at(2026, 11, 2, 14, 0), Kind.WEEKLY_CHECK_IN)
    assert len(sent_to(mailoutbox, hiring_manager.email)) == 2


def test_weekly_check_in_is_one_email_per_person_with_all_their_requisitions(recruiter, mailoutbox):
    first = factories.RequisitionFactory(recruiter=recruiter, title="Payments Engineer")
    second = factories.RequisitionFactory(recruiter=recruiter, title="Data Analyst")
    factories.RequisitionFactory(recruiter=recruiter, title="Old search", status="filled")
    sweep(at(2026, 11, 23, 9, 0), Kind.WEEKLY_CHECK_IN)
    mine = sent_to(mailoutbox, recruiter.email)
    assert len(mine) == 1
    assert "Payments Engineer" in mine[0].body and "Data Analyst" in mine[0].body
    assert "Old search" not in mine[0].body
    # each requisition's report is kept as a page
    assert set(CheckIn.objects.values_list("requisition", "week_start")) == {
        (first.pk, dt.date(2026, 11, 23)),
        (second.pk, dt.date(2026, 11, 23)),
    }


def test_weekly_check_in_reports_the_figures_and_the_recruiters_note(
    requisition, recruiter, mailoutbox
):
    from requisitions import services

    factories.ApplicationFactory.create_batch(2, requisition=requisition)
    sweep(at(2026, 11, 16, 9, 0), Kind.WEEKLY_CHECK_IN)  # last week: 2 sourced
    factories.ApplicationFactory(requisition=requisition)
    waiting_shortlist(requisition, at(2026, 11, 19, 9, 0))
    with time_machine.travel(at(2026, 11, 20, 9, 0), tick=False):
        services.check_in_note_save(
            requisition=requisition,
            week_start=dt.date(2026, 11, 23),
            note="Two strong referrals this week.",
            actor=recruiter,
        )
    mailoutbox.clear()
    sweep(at(2026, 11, 23, 9, 0), Kind.WEEKLY_CHECK_IN)
    body = sent_to(mailoutbox, recruiter.email)[0].body
    assert "Sourced: 3 (+1)" in body
    assert "Shortlist 1: 1 pending, waiting 4 days" in body
    assert "Two strong referrals this week." in body
    check_in = CheckIn.objects.get(week_start=dt.date(2026, 11, 23))
    assert check_in.compiled_at == at(2026, 11, 23, 9, 0)
    assert check_in.snapshot["shortlists_waiting"][0]["pending"] == 1


def test_weekly_check_in_email_draws_mail_safe_bars_and_keeps_the_numbers_in_text(
    requisition, recruiter, mailoutbox
):
    requisition.opened_at = at(2026, 11, 2, 9, 0)
    requisition.target_start_date = dt.date(2026, 12, 12)
    requisition.save()
    factories.ApplicationFactory.create_batch(4, requisition=requisition)
    factories.ApplicationFactory(requisition=requisition, stage=Application.Stage.SCREENING)
    sweep(at(2026, 11, 23, 9, 0), Kind.WEEKLY_CHECK_IN)
    message = sent_to(mailoutbox, recruiter.email)[0]
    html = message.alternatives[0][0]
    # sourced is the longest bar, screening a quarter of it: cells with inline widths
    assert 'data-chart="Applications per stage"' in html
    assert 'width="100%" height="14" style="width:100%;' in html
    assert 'width="25%" height="14" style="width:25%;' in html
    # 21 days open of the 40 the target start allowed from opening
    assert 'data-chart="Days open against target"' in html
    assert 'width="52%" height="14"' in html
    assert "<svg" not in html
    assert "Sourced: 4" in message.body and "Screening: 1" in message.body
    assert "Open for 21 days; target start 12 Dec 2026 (19 days to go)" in message.body


def test_weekly_check_in_time_is_set_per_deployment(settings, hiring_manager, mailoutbox):
    settings.WEEKLY_CHECK_IN_WEEKDAY = 2  # Wednesday
    settings.WEEKLY_CHECK_IN_TIME = "16:30"
    factories.RequisitionFactory(hiring_manager=hiring_manager)
    sweep(at(2026, 11, 25, 16, 29), Kind.WEEKLY_CHECK_IN)
    assert sent_to(mailoutbox, hiring_manager.email) == []
    sweep(at(2026, 11, 25, 16, 30), Kind.WEEKLY_CHECK_IN)
    assert len(sent_to(mailoutbox, hiring_manager.email)) == 1


def test_weekly_check_in_switched_off_is_never_sent(requisition, mailoutbox):
    NotificationOptOut.objects.create(user=requisition.hiring_manager, kind=Kind.WEEKLY_CHECK_IN)
    sweep(at(2026, 11, 23, 12, 0), Kind.WEEKLY_CHECK_IN)
    assert [m.to for m in mailoutbox] == [[requisition.recruiter.email]]


# --- Idempotency, failure and retry --------------------------------------------------------------
def test_sweeping_twice_sends_each_message_once(requisition, interviewer, mailoutbox):
    ended_interview(requisition, ends_at=at(2026, 11, 23, 7, 0), interviewers=[interviewer])
    first = sweep(at(2026, 11, 23, 10, 0))
    second = sweep(at(2026, 11, 23, 10, 0))
    # weekly check-in x2 people, thank-you reminder, scorecard reminder
    assert len(mailoutbox) == 4
    assert first["delivered"]["sent"] == 4
    assert sum(counts["written"] for counts in first["swept"].values()) == 4
    assert second["delivered"]["sent"] == 0
    assert sum(counts["already"] for counts in second["swept"].values()) == 4
    assert OutboundMessage.objects.filter(state="sent").count() == 4


def test_failed_send_is_recorded_and_retried_with_back_off(settings, requisition, mailoutbox):
    settings.NOTIFICATION_RETRY_SECONDS = 300
    ended_interview(requisition, ends_at=at(2026, 11, 24, 10, 0))
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    sweep(at(2026, 11, 24, 12, 0), Kind.THANK_YOU_REMINDER)
    message = OutboundMessage.objects.get()
    assert message.state == OutboundMessage.State.FAILED
    assert message.attempts == 1
    assert "SMTPServerDisconnected" in message.last_error
    assert message.next_attempt_at == at(2026, 11, 24, 12, 5)

    sweep(at(2026, 11, 24, 12, 5), Kind.THANK_YOU_REMINDER)
    message.refresh_from_db()
    assert message.attempts == 2
    assert message.next_attempt_at == at(2026, 11, 24, 12, 15)  # back-off doubled

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    sweep(at(2026, 11, 24, 12, 14), Kind.THANK_YOU_REMINDER)
    assert mailoutbox == []
    sweep(at(2026, 11, 24, 12, 15), Kind.THANK_YOU_REMINDER)
    message.refresh_from_db()
    assert len(mailoutbox) == 1
    assert message.state == OutboundMessage.State.SENT and message.attempts == 3


def test_send_gives_up_after_max_attempts_and_stays_visible(settings, requisition, mailoutbox):
    settings.NOTIFICATION_MAX_ATTEMPTS = 2
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    ended_interview(requisition, ends_at=at(2026, 11, 24, 10, 0))
    sweep(at(2026, 11, 24, 12, 0), Kind.THANK_YOU_REMINDER)
    sweep(at(2026, 11, 24, 13, 0), Kind.THANK_YOU_REMINDER)
    sweep(at(2026, 11, 24, 15, 0), Kind.THANK_YOU_REMINDER)
    message = OutboundMessage.objects.get()
    assert message.state == OutboundMessage.State.GAVE_UP
    assert message.attempts == 2 and message.next_attempt_at is None


def test_retry_now_makes_a_given_up_message_go_out_on_the_next_sweep(
    settings, requisition, mailoutbox
):
    settings.NOTIFICATION_MAX_ATTEMPTS = 1
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    ended_interview(requisition, ends_at=at(2026, 11, 24, 10, 0))
    sweep(at(2026, 11, 24, 12, 0), Kind.THANK_YOU_REMINDER)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(at(2026, 11, 24, 12, 30), tick=False):
        outbox.message_retry_now(message=OutboundMessage.objects.get())
    sweep(at(2026, 11, 24, 12, 31), Kind.THANK_YOU_REMINDER)
    assert len(mailoutbox) == 1


def test_a_message_left_claimed_by_a_dead_worker_is_sent_again_after_its_lease(
    settings, requisition, mailoutbox
):
    settings.OUTBOX_LEASE_SECONDS = 300
    ended_interview(requisition, ends_at=at(2026, 11, 24, 10, 0))
    with time_machine.travel(at(2026, 11, 24, 12, 0), tick=False):
        outbox.sweep(kinds=[Kind.THANK_YOU_REMINDER])
        message = OutboundMessage.objects.get()
        # A worker claims it and dies before it can record anything.
        assert outbox._claim(message.pk, at(2026, 11, 24, 12, 0)) is not None
    sweep(at(2026, 11, 24, 12, 4), Kind.THANK_YOU_REMINDER)
    assert mailoutbox == []  # still within the dead worker's lease
    sweep(at(2026, 11, 24, 12, 6), Kind.THANK_YOU_REMINDER)
    (email,) = mailoutbox
    assert email.extra_headers["Message-ID"] == message.message_id
    message.refresh_from_db()
    assert message.state == OutboundMessage.State.SENT


# --- Query budgets --------------------------------------------------------------------------------
@pytest.mark.parametrize("rows", [1, 6])
def test_deciding_what_is_due_costs_the_same_queries_for_few_and_many_rows(
    django_assert_num_queries, rows
):
    for _ in range(rows):
        requisition = factories.RequisitionFactory()
        ended_interview(
            requisition,
            ends_at=at(2026, 11, 24, 10, 0),
            interviewers=[factories.InterviewerFactory()],
        )
        waiting_shortlist(requisition, at(2026, 11, 16, 9, 0))
        factories.ApplicationFactory(
            requisition=requisition, next_update_promised_by=dt.date(2026, 11, 20)
        )
    # 13 for the reminders and check-ins, 17 for the partnership health refreshed (and kept)
    # before the prompts to talk are read.
    with django_assert_num_queries(30):
        due = [
            d
            for kind in outbox.KINDS.values()
            if kind.find_due
            for d in kind.find_due(at(2026, 11, 24, 12))
        ]
    assert len(due) == rows * 7  # 2 check-ins, thank-you, scorecard, 2 shortlist, follow-up


@pytest.mark.parametrize("rows", [1, 6])
def test_check_in_figures_cost_the_same_queries_for_few_and_many_rows(
    requisition, django_assert_num_queries, rows
):
    from requisitions import selectors

    for _ in range(rows):
        ended_interview(
            requisition,
            ends_at=at(2026, 11, 20, 10, 0),
            interviewers=[factories.InterviewerFactory()],
        )
        factories.ShortlistEntryFactory(shortlist__requisition=requisition)
        factories.OfferFactory(application__requisition=requisition)
    # + the market calibration and the partnership agreement (the agreed delays)
    with django_assert_num_queries(7):
        figures = selectors.check_in_figures(requisition, now=at(2026, 11, 24, 12))
    assert len(figures["scorecards_overdue"]) == rows
    assert len(figures["offers_out"]) == rows


def test_scorecard_reminders_after_a_weekend_interview_start_monday_at_the_same_time():
    # ends Saturday 28 Nov 14:00 UTC -> first reminder 15:00, then Monday 15:00, Tuesday ...
    schedule = debrief_notifications.scorecard_reminder_schedule(at(2026, 11, 28, 14, 0), UTC)
    assert schedule[0] == at(2026, 11, 28, 15, 0)
    assert schedule[1] == at(2026, 11, 30, 15, 0)
    assert schedule[-1] == at(2026, 12, 11, 15, 0)
    assert len(schedule) == 11
