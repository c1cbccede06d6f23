"""Thank-you notes and follow-ups: sending, marking sent, recording what the candidate was told."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from debriefs import services
from debriefs.models import (
    CandidateUpdate,
    ThankYouNote,
)
from tests.debriefs.conftest import ONE_LINE, schedule

pytestmark = pytest.mark.django_db


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
        services.follow_up_record(
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
        services.follow_up_record(
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
        services.follow_up_record(
            application=plan.application,
            channel=CandidateUpdate.Channel.CALL,
            body="Called.",
            next_update_promised_by=timezone.localdate() - dt.timedelta(days=1),
            actor=recruiter,
        )


# --- Single-line fields ---------
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
        services.follow_up_record(
            application=plan.application,
            channel=CandidateUpdate.Channel.EMAIL,
            subject="News\r\nBcc: someone@example.org",
            body="Soon.",
            actor=recruiter,
        )

    assert not CandidateUpdate.objects.exists()


# --- Time order ---------
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
