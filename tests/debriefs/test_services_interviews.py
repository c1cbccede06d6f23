"""Scheduling, rescheduling and cancelling interviews, and their calendar invites."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from candidates.models import Application
from candidates.services import application_move
from debriefs import services
from debriefs.calendar import interview_ics
from debriefs.models import (
    Interview,
    Scorecard,
    ThankYouNote,
)
from tests import factories
from tests.debriefs.conftest import ONE_LINE, reschedule, schedule

pytestmark = pytest.mark.django_db


# --- Scheduling ---------
def test_schedule_defaults_to_the_stages_interviewers_and_moves_application_to_interviewing(
    plan,
):
    interview = schedule(plan)

    assert set(interview.interviewers.all()) == {plan.alice, plan.bob}
    plan.application.refresh_from_db()
    assert plan.application.stage == Application.Stage.INTERVIEWING
    assert plan.application.stage_changes.filter(to_stage="interviewing").exists()


def test_schedule_builds_one_draft_scorecard_per_interviewer_from_the_stage_criteria(plan):
    interview = schedule(plan)

    scorecards = Scorecard.objects.filter(interview=interview)
    assert scorecards.count() == 2
    for scorecard in scorecards:
        assert scorecard.status == Scorecard.Status.DRAFT
        assert {r.criterion for r in scorecard.ratings.all()} == set(plan.criteria[:2])


def test_stage_criteria_follow_keys_to_the_current_signed_version(plan):
    # given a later signed version that copies the criteria (same keys, new rows)
    v2 = factories.CriteriaVersionFactory(requisition=plan.requisition, number=2)
    copies = [
        factories.CriterionFactory(version=v2, key=c.key, name=f"{c.name} v2", order=c.order)
        for c in plan.criteria
    ]

    assert services.stage_criteria(plan.stage1) == copies[:2]


def test_schedule_prepares_thank_you_draft_due_24_hours_after_the_end(plan):
    promised = timezone.localdate() + dt.timedelta(days=5)
    interview = schedule(plan, next_steps_promised_by=promised, next_steps_message="Next: team.")

    note = interview.thank_you_note
    assert note.status == ThankYouNote.Status.DRAFT
    assert note.due_at == interview.ends_at + dt.timedelta(hours=24)
    assert note.requisition_id == plan.application.requisition_id
    assert "Dear Dana" in note.body
    assert plan.alice.full_name in note.body and plan.bob.full_name in note.body
    assert promised.strftime("%Y") in note.body and "Next: team." in note.body
    plan.application.refresh_from_db()
    assert plan.application.next_update_promised_by == promised


def test_schedule_sends_each_interviewer_an_invite_with_the_ics(
    plan, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        schedule(plan)

    assert sorted(m.to[0] for m in mailoutbox) == sorted([plan.alice.email, plan.bob.email])
    name, content, mimetype = mailoutbox[0].attachments[0]
    assert name == "invite.ics" and "method=REQUEST" in mimetype
    assert "BEGIN:VEVENT" in str(content)


def test_schedule_refuses_a_stage_of_another_requisition(plan):
    other_stage = factories.InterviewStageFactory(interviewers=[plan.alice])

    with pytest.raises(ValidationError, match="interview plan"):
        schedule(plan, stage=other_stage)


def test_schedule_refuses_a_rejected_application(plan):
    application_move(
        application=plan.application,
        to_stage="rejected",
        actor=plan.requisition.recruiter,
        reason="Not a fit",
    )

    with pytest.raises(ValidationError, match="rejected"):
        schedule(plan)


def test_schedule_refuses_a_stage_without_interviewers_when_none_are_given(plan):
    empty = factories.InterviewStageFactory(requisition=plan.requisition, name="Empty")

    with pytest.raises(ValidationError, match="at least one interviewer"):
        schedule(plan, stage=empty)


def test_schedule_refuses_an_end_before_the_start(plan):
    start = timezone.now()
    with pytest.raises(ValidationError, match="end after"):
        services.interview_schedule(
            application=plan.application,
            stage=plan.stage1,
            starts_at=start,
            ends_at=start - dt.timedelta(minutes=5),
            actor=plan.requisition.recruiter,
        )


def test_reschedule_bumps_sequence_and_keeps_thank_you_due_in_step(plan):
    interview = schedule(plan)
    new_start = timezone.now() + dt.timedelta(days=2)

    services.interview_reschedule(
        interview=interview,
        starts_at=new_start,
        ends_at=new_start + dt.timedelta(minutes=90),
        actor=plan.requisition.recruiter,
        location="Room 5",
    )

    interview.refresh_from_db()
    assert interview.sequence == 1
    assert interview.thank_you_note.due_at == new_start + dt.timedelta(minutes=90, hours=24)


def test_reschedule_adds_a_scorecard_for_a_new_interviewer_and_drops_an_untouched_one(plan):
    interview = schedule(plan)

    reschedule(plan, interview, interviewers=[plan.alice, plan.carol], location="Room 4")

    assert set(interview.scorecards.values_list("interviewer", flat=True)) == {
        plan.alice.pk,
        plan.carol.pk,
    }


def test_cancel_marks_cancelled_and_bumps_sequence(plan):
    interview = schedule(plan)

    services.interview_cancel(interview=interview, actor=plan.requisition.recruiter)

    interview.refresh_from_db()
    assert interview.status == Interview.Status.CANCELLED
    assert interview.sequence == 1
    with pytest.raises(ValidationError):
        reschedule(plan, interview)


# --- Calendar invite ---------
def test_ics_has_stable_uid_and_sequence_across_a_reschedule(plan):
    interview = schedule(plan)
    first = Calendar.from_ical(interview_ics(interview)).walk("VEVENT")[0]

    reschedule(plan, interview, shift=dt.timedelta(hours=1), location="Room 4")
    interview.refresh_from_db()
    calendar = Calendar.from_ical(interview_ics(interview))
    second = calendar.walk("VEVENT")[0]

    assert calendar["METHOD"] == "REQUEST"
    assert str(first["UID"]) == str(second["UID"])
    assert int(first["SEQUENCE"]) == 0 and int(second["SEQUENCE"]) == 1
    assert second.decoded("DTSTART") == interview.starts_at.replace(microsecond=0)
    attendees = {str(a).removeprefix("mailto:") for a in second.get("ATTENDEE")}
    assert attendees == {plan.alice.email, plan.bob.email}


def test_ics_of_a_cancelled_interview_is_status_cancelled(plan):
    interview = schedule(plan)
    services.interview_cancel(interview=interview, actor=plan.requisition.recruiter)
    interview.refresh_from_db()

    calendar = Calendar.from_ical(interview_ics(interview))
    event = calendar.walk("VEVENT")[0]

    assert event["STATUS"] == "CANCELLED"
    assert calendar["METHOD"] == "CANCEL"
    assert int(event["SEQUENCE"]) == 1


# --- Invites on a reschedule ---------
def test_reschedule_sends_updates_and_cancels_for_people_taken_off(
    plan, mailoutbox, django_capture_on_commit_callbacks
):
    interview = schedule(plan)

    with django_capture_on_commit_callbacks(execute=True):
        reschedule(plan, interview, interviewers=[plan.alice, plan.carol], location="Room 4")

    by_person = {m.to[0]: m for m in mailoutbox}
    assert set(by_person) == {plan.alice.email, plan.carol.email, plan.bob.email}
    assert "Cancelled" in by_person[plan.bob.email].subject
    assert "METHOD:CANCEL" in str(by_person[plan.bob.email].attachments[0][1])
    assert "SEQUENCE:1" in str(by_person[plan.carol.email].attachments[0][1])
    assert "METHOD:REQUEST" in str(by_person[plan.carol.email].attachments[0][1])


# --- Single-line fields ---------
def test_scheduling_refuses_a_location_with_a_line_break(plan):
    with pytest.raises(ValidationError, match=ONE_LINE):
        services.interview_schedule(
            application=plan.application,
            stage=plan.stage1,
            starts_at=timezone.now(),
            ends_at=timezone.now() + dt.timedelta(hours=1),
            actor=plan.requisition.recruiter,
            location="Room 4\r\nBcc: someone@example.org",
        )

    assert not Interview.objects.exists()
