import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from icalendar import Calendar

from candidates.models import Application
from candidates.services import application_move
from debriefs import services
from debriefs.calendar import interview_ics
from debriefs.models import (
    CandidateUpdate,
    DebriefDecision,
    Interview,
    Rating,
    Scorecard,
    ScorecardAmendment,
    ThankYouNote,
)
from hiring_hub.models import AuditEntry
from tests import factories
from tests.conftest import the_audit_entry
from tests.debriefs.conftest import complete_fields, schedule, submit

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

    services.interview_reschedule(
        interview=interview,
        starts_at=interview.starts_at,
        ends_at=interview.ends_at,
        interviewers=[plan.alice, plan.carol],
        actor=plan.requisition.recruiter,
        location="Room 4",
    )

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
        services.interview_reschedule(
            interview=interview,
            starts_at=interview.starts_at,
            ends_at=interview.ends_at,
            actor=plan.requisition.recruiter,
        )


# --- Calendar invite ---------
def test_ics_has_stable_uid_and_sequence_across_a_reschedule(plan):
    interview = schedule(plan)
    first = Calendar.from_ical(interview_ics(interview)).walk("VEVENT")[0]

    services.interview_reschedule(
        interview=interview,
        starts_at=interview.starts_at + dt.timedelta(hours=1),
        ends_at=interview.ends_at + dt.timedelta(hours=1),
        actor=plan.requisition.recruiter,
        location="Room 4",
    )
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


# --- Scorecards ---------
def test_interviewer_saves_an_incomplete_draft(plan):
    interview = schedule(plan)
    scorecard = Scorecard.objects.get(interview=interview, interviewer=plan.alice)

    services.scorecard_save_draft(
        scorecard=scorecard,
        actor=plan.alice,
        fields={"hard_skills": "Strong SQL."},
        ratings={plan.criteria[0].pk: {"rating": Rating.YES, "evidence": ""}},
    )

    scorecard.refresh_from_db()
    assert scorecard.status == Scorecard.Status.DRAFT
    assert scorecard.hard_skills == "Strong SQL."
    assert scorecard.ratings.get(criterion=plan.criteria[0]).rating == Rating.YES


def test_only_the_owner_changes_a_scorecard(plan):
    interview = schedule(plan)
    scorecard = Scorecard.objects.get(interview=interview, interviewer=plan.alice)

    with pytest.raises(PermissionDenied):
        services.scorecard_save_draft(scorecard=scorecard, actor=plan.bob, fields={})


def test_submit_refuses_an_incomplete_scorecard_and_names_what_is_missing(plan):
    interview = schedule(plan)
    scorecard = Scorecard.objects.get(interview=interview, interviewer=plan.alice)

    with pytest.raises(ValidationError) as error:
        services.scorecard_submit(
            scorecard=scorecard,
            actor=plan.alice,
            fields={"hard_skills": "SQL", "team_fit": Rating.YES},
            ratings={plan.criteria[0].pk: {"rating": Rating.YES, "evidence": ""}},
        )

    message = " ".join(error.value.messages)
    assert "overall recommendation" in message
    assert "observed behind the team-fit" in message
    assert "Payments in production" in message
    scorecard.refresh_from_db()
    assert scorecard.status == Scorecard.Status.DRAFT


def test_submit_accepts_no_evidence_on_a_criterion(plan):
    interview = schedule(plan)

    scorecard = submit(interview, plan.alice, ratings={plan.criteria[0]: Rating.STRONG_YES})

    assert scorecard.status == Scorecard.Status.SUBMITTED
    assert scorecard.submitted_at is not None
    assert scorecard.ratings.get(criterion=plan.criteria[1]).rating is None


def test_a_submitted_scorecard_cannot_be_saved_as_draft(plan):
    interview = schedule(plan)
    scorecard = submit(interview, plan.alice)

    with pytest.raises(ValidationError, match="amendments"):
        services.scorecard_save_draft(scorecard=scorecard, actor=plan.alice, fields={})


def test_amending_a_submitted_scorecard_keeps_before_and_after(plan):
    interview = schedule(plan)
    scorecard = submit(interview, plan.alice, ratings={plan.criteria[0]: Rating.YES})

    amendment = services.scorecard_amend(
        scorecard=scorecard,
        actor=plan.alice,
        reason="Re-read my notes",
        fields=complete_fields(Rating.STRONG_YES),
        ratings={plan.criteria[0].pk: {"rating": Rating.NO, "evidence": "Never ran it live"}},
    )

    assert amendment.changes["recommendation"] == {
        "label": "Recommendation",
        "before": "Yes",
        "after": "Strong yes",
    }
    key = f"criterion:{plan.criteria[0].key}:rating"
    assert amendment.changes[key]["before"] == "Yes"
    assert amendment.changes[key]["after"] == "No"
    assert amendment.reason == "Re-read my notes" and amendment.author == plan.alice
    scorecard.refresh_from_db()
    assert scorecard.recommendation == Rating.STRONG_YES


def test_amending_without_a_change_records_nothing(plan):
    interview = schedule(plan)
    scorecard = submit(interview, plan.alice)

    assert (
        services.scorecard_amend(
            scorecard=scorecard, actor=plan.alice, reason="", fields=complete_fields()
        )
        is None
    )
    assert not ScorecardAmendment.objects.exists()


def test_amending_needs_a_reason(plan):
    interview = schedule(plan)
    scorecard = submit(interview, plan.alice)

    with pytest.raises(ValidationError, match="why"):
        services.scorecard_amend(
            scorecard=scorecard,
            actor=plan.alice,
            reason=" ",
            fields=complete_fields(Rating.NO),
        )


# --- Debrief decision ---------
def test_advance_keeps_the_application_interviewing_and_records_the_focus(plan, hiring_manager):
    interview = schedule(plan)
    submit(interview, plan.alice)

    decision = services.debrief_decide(
        application=plan.application,
        decision="advance",
        rationale="Strong on payments.",
        next_stage_focus="Probe mentoring.",
        stage=plan.stage1,
        actor=hiring_manager,
    )

    plan.application.refresh_from_db()
    assert plan.application.stage == Application.Stage.INTERVIEWING
    assert decision.decided_by == hiring_manager
    assert decision.next_stage_focus == "Probe mentoring."


def test_advance_after_the_last_stage_is_refused(plan, recruiter):
    schedule(plan, stage=plan.stage2)

    with pytest.raises(ValidationError, match="last stage"):
        services.debrief_decide(
            application=plan.application,
            decision="advance",
            rationale="Good",
            stage=plan.stage2,
            actor=recruiter,
        )


def test_reject_closes_the_application_with_the_rationale_as_reason(plan, recruiter):
    schedule(plan)

    services.debrief_decide(
        application=plan.application,
        decision="reject",
        rationale="No production payments experience.",
        stage=plan.stage1,
        actor=recruiter,
    )

    plan.application.refresh_from_db()
    assert plan.application.stage == Application.Stage.REJECTED
    assert plan.application.closed_reason == "No production payments experience."


def test_offer_moves_the_application_to_offer(plan, recruiter):
    schedule(plan, stage=plan.stage2)

    services.debrief_decide(
        application=plan.application,
        decision="offer",
        rationale="Everyone says yes.",
        stage=plan.stage2,
        actor=recruiter,
    )

    plan.application.refresh_from_db()
    assert plan.application.stage == Application.Stage.OFFER


def test_hold_leaves_the_application_where_it_is(plan, recruiter):
    schedule(plan)

    services.debrief_decide(
        application=plan.application,
        decision="hold",
        rationale="Waiting for the other finalist.",
        stage=plan.stage1,
        actor=recruiter,
    )

    plan.application.refresh_from_db()
    assert plan.application.stage == Application.Stage.INTERVIEWING
    assert DebriefDecision.objects.get().decision == "hold"


def test_a_decision_needs_a_rationale(plan, recruiter):
    schedule(plan)

    with pytest.raises(ValidationError, match="rationale"):
        services.debrief_decide(
            application=plan.application, decision="hold", rationale="  ", actor=recruiter
        )


# --- Thank-you notes and follow-ups ---------
def test_sending_a_thank_you_note_emails_the_candidate_and_counts_as_an_update(
    plan, recruiter, mailoutbox, django_capture_on_commit_callbacks
):
    promised = timezone.localdate() + dt.timedelta(days=7)
    interview = schedule(plan, next_steps_promised_by=promised)
    note = interview.thank_you_note

    with django_capture_on_commit_callbacks(execute=True):
        services.thank_you_note_send(note=note, actor=recruiter, body="Thanks Dana!")

    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["dana@example.org"]
    assert "Thanks Dana!" in email.body
    assert email.reply_to == [recruiter.email]
    note.refresh_from_db()
    assert note.status == ThankYouNote.Status.SENT and note.sent_by == recruiter
    update = CandidateUpdate.objects.get()
    assert update.channel == CandidateUpdate.Channel.EMAIL
    plan.application.refresh_from_db()
    assert plan.application.last_candidate_update_at == note.sent_at
    assert plan.application.next_update_promised_by == promised


def test_a_thank_you_note_is_sent_once(plan, recruiter):
    note = schedule(plan).thank_you_note
    services.thank_you_note_send(note=note, actor=recruiter)

    with pytest.raises(ValidationError, match="already sent"):
        services.thank_you_note_send(note=note, actor=recruiter)


def test_marking_a_thank_you_note_sent_another_way_sends_no_email(
    plan, recruiter, mailoutbox, django_capture_on_commit_callbacks
):
    note = schedule(plan).thank_you_note

    with django_capture_on_commit_callbacks(execute=True):
        services.thank_you_note_mark_sent(note=note, actor=recruiter)

    note.refresh_from_db()
    assert note.status == ThankYouNote.Status.MARKED_SENT and note.sent_at
    assert not [m for m in mailoutbox if "dana@example.org" in m.to]


def test_recording_a_call_keeps_the_promise_without_an_email(
    plan, recruiter, mailoutbox, django_capture_on_commit_callbacks
):
    promised = timezone.localdate() + dt.timedelta(days=3)

    with django_capture_on_commit_callbacks(execute=True):
        services.candidate_update_record(
            application=plan.application,
            channel=CandidateUpdate.Channel.CALL,
            body="Told Dana the team interview is next week.",
            next_update_promised_by=promised,
            actor=recruiter,
        )

    plan.application.refresh_from_db()
    assert plan.application.last_candidate_update_at is not None
    assert plan.application.next_update_promised_by == promised
    assert mailoutbox == []


def test_recording_an_email_update_sends_it_to_the_candidate(
    plan, recruiter, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.candidate_update_record(
            application=plan.application,
            channel=CandidateUpdate.Channel.EMAIL,
            subject="Where things stand",
            body="We will decide by Friday.",
            actor=recruiter,
        )

    assert [m.to for m in mailoutbox] == [["dana@example.org"]]
    assert "Where things stand" in mailoutbox[0].subject


def test_a_follow_up_promise_cannot_be_in_the_past(plan, recruiter):
    with pytest.raises(ValidationError, match="past"):
        services.candidate_update_record(
            application=plan.application,
            channel=CandidateUpdate.Channel.CALL,
            body="Called.",
            next_update_promised_by=timezone.localdate() - dt.timedelta(days=1),
            actor=recruiter,
        )


def test_reschedule_sends_updates_and_cancels_for_people_taken_off(
    plan, mailoutbox, django_capture_on_commit_callbacks
):
    interview = schedule(plan)

    with django_capture_on_commit_callbacks(execute=True):
        services.interview_reschedule(
            interview=interview,
            starts_at=interview.starts_at,
            ends_at=interview.ends_at,
            interviewers=[plan.alice, plan.carol],
            actor=plan.requisition.recruiter,
            location="Room 4",
        )

    by_person = {m.to[0]: m for m in mailoutbox}
    assert set(by_person) == {plan.alice.email, plan.carol.email, plan.bob.email}
    assert "Cancelled" in by_person[plan.bob.email].subject
    assert "METHOD:CANCEL" in str(by_person[plan.bob.email].attachments[0][1])
    assert "SEQUENCE:1" in str(by_person[plan.carol.email].attachments[0][1])
    assert "METHOD:REQUEST" in str(by_person[plan.carol.email].attachments[0][1])


# --- Single-line fields ---------
ONE_LINE = "Enter this on one line"


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


@pytest.mark.parametrize("send", [False, True])
def test_thank_you_note_refuses_a_subject_with_a_line_break(plan, recruiter, send):
    note = schedule(plan).thank_you_note
    subject = "Thanks\u2028Bcc: someone@example.org"

    with pytest.raises(ValidationError, match=ONE_LINE):
        if send:
            services.thank_you_note_send(note=note, actor=recruiter, subject=subject)
        else:
            services.thank_you_note_update(note=note, actor=recruiter, subject=subject, body="Hi")

    note.refresh_from_db()
    assert note.status == ThankYouNote.Status.DRAFT and "\u2028" not in note.subject
    assert not CandidateUpdate.objects.exists()


def test_candidate_update_refuses_a_subject_with_a_line_break(plan, recruiter):
    with pytest.raises(ValidationError, match=ONE_LINE):
        services.candidate_update_record(
            application=plan.application,
            channel=CandidateUpdate.Channel.EMAIL,
            subject="News\r\nBcc: someone@example.org",
            body="Soon.",
            actor=recruiter,
        )

    assert not CandidateUpdate.objects.exists()


# --- Time order: work that reports on an interview follows it ------------------------------
def test_a_scorecard_is_submitted_only_once_the_interview_has_started(plan):
    # given an interview tomorrow; the interviewer may prepare a draft
    interview = schedule(plan, starts_at=timezone.now() + dt.timedelta(days=1))
    scorecard = Scorecard.objects.get(interview=interview, interviewer=plan.alice)
    services.scorecard_save_draft(
        scorecard=scorecard, actor=plan.alice, fields={"hard_skills": "Ask about SQL"}
    )
    # when / then: submitting is refused with when the interview starts
    with pytest.raises(ValidationError, match="submit the scorecard once it has started"):
        services.scorecard_submit(scorecard=scorecard, actor=plan.alice, fields=complete_fields())
    scorecard.refresh_from_db()
    assert scorecard.status == Scorecard.Status.DRAFT


def test_a_scorecard_is_submitted_during_the_interview(plan):
    interview = schedule(plan, starts_at=timezone.now() - dt.timedelta(minutes=5))
    scorecard = Scorecard.objects.get(interview=interview, interviewer=plan.alice)
    services.scorecard_submit(scorecard=scorecard, actor=plan.alice, fields=complete_fields())
    scorecard.refresh_from_db()
    assert scorecard.status == Scorecard.Status.SUBMITTED


def test_a_debrief_is_decided_only_after_the_interview_started(plan, recruiter):
    schedule(plan, starts_at=timezone.now() + dt.timedelta(hours=2))
    with pytest.raises(ValidationError, match="decide the debrief once it has started"):
        services.debrief_decide(
            application=plan.application, decision="reject", rationale="No", actor=recruiter
        )
    plan.application.refresh_from_db()
    assert plan.application.stage == Application.Stage.INTERVIEWING
    assert not DebriefDecision.objects.exists()


def test_a_debrief_needs_an_interview(plan, recruiter):
    with pytest.raises(ValidationError, match="no interview to debrief"):
        services.debrief_decide(
            application=plan.application, decision="hold", rationale="Wait", actor=recruiter
        )


def test_a_cancelled_interview_is_no_ground_for_a_debrief(plan, recruiter):
    interview = schedule(plan)
    services.interview_cancel(interview=interview, actor=recruiter)
    with pytest.raises(ValidationError, match="no interview to debrief"):
        services.debrief_decide(
            application=plan.application, decision="hold", rationale="Wait", actor=recruiter
        )


@pytest.mark.parametrize("minutes_from_now", [60 * 24, -10])  # tomorrow; under way
def test_a_thank_you_note_is_not_sent_before_the_interview_ended(
    plan, recruiter, mailoutbox, minutes_from_now
):
    starts_at = timezone.now() + dt.timedelta(minutes=minutes_from_now)
    note = schedule(plan, starts_at=starts_at).thank_you_note  # one hour long
    for send in (services.thank_you_note_send, services.thank_you_note_mark_sent):
        with pytest.raises(ValidationError, match="send the thank-you note after it"):
            send(note=note, actor=recruiter)
    note.refresh_from_db()
    assert note.status == ThankYouNote.Status.DRAFT
    assert not CandidateUpdate.objects.exists()
    # the draft can still be edited
    services.thank_you_note_update(note=note, subject="Thanks", body="See you", actor=recruiter)


# --- Audit trail ---------------------------------------------------------------------------
def test_debrief_decision_is_audited_with_who_decided_and_why(plan, recruiter):
    schedule(plan)
    record = services.debrief_decide(
        application=plan.application,
        decision="reject",
        rationale="No production payments experience.",
        stage=plan.stage1,
        actor=recruiter,
    )
    entry = the_audit_entry("debrief.decide")
    assert entry.actor == recruiter
    assert (entry.target_type, entry.target_id) == ("debriefs.debriefdecision", str(record.pk))
    assert entry.target_label == "Reject: Dana Diaz"
    assert entry.before is None
    assert entry.after == {
        "decision": "reject",
        "rationale": "No production payments experience.",
        "stage": plan.stage1.pk,
        "next_stage_focus": "",
        "decided_by": recruiter.pk,
    }


def test_a_refused_debrief_decision_writes_no_audit_entry(plan, recruiter):
    schedule(plan, stage=plan.stage2)
    with pytest.raises(ValidationError, match="last stage"):
        services.debrief_decide(
            application=plan.application,
            decision="advance",
            rationale="Strong.",
            stage=plan.stage2,
            actor=recruiter,
        )
    with pytest.raises(ValidationError, match="rationale"):
        services.debrief_decide(
            application=plan.application, decision="hold", rationale=" ", actor=recruiter
        )
    assert not AuditEntry.objects.exists()
