"""Interview invites and emails to candidates with mail down: the action answers normally,
the person who caused the email sees its true state, and it goes out once mail is back."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from debriefs import services
from debriefs.models import CandidateUpdate, ThankYouNote
from hiring_hub.models import OutboundMessage
from tests.conftest import assert_delivered_once_after_recovery
from tests.debriefs.conftest import schedule

pytestmark = pytest.mark.django_db


def test_interview_invites_and_changes_with_mail_down_go_out_once_mail_is_back(
    plan, recruiter, mail_down, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        interview = schedule(plan)  # alice and bob
        starts = interview.starts_at + dt.timedelta(days=1)
        services.interview_reschedule(
            interview=interview,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=1),
            actor=recruiter,
            interviewers=[plan.alice],  # bob is taken off: he gets the cancellation
        )
    emails = assert_delivered_once_after_recovery(mail_down, mailoutbox)
    methods = sorted((email.to[0], email.attachments[0][2].split("method=")[1]) for email in emails)
    assert methods == sorted(
        [
            (plan.alice.email, "REQUEST"),
            (plan.bob.email, "REQUEST"),
            (plan.alice.email, "REQUEST"),
            (plan.bob.email, "CANCEL"),
        ]
    )
    assert all("BEGIN:VCALENDAR" in email.attachments[0][1] for email in emails)


def test_thank_you_note_sent_while_mail_is_down_shows_its_state_and_can_be_retried(
    client, plan, recruiter, mail_down, mailoutbox, django_capture_on_commit_callbacks
):
    interview = schedule(plan)
    OutboundMessage.objects.all().delete()  # the interview invites
    client.force_login(recruiter)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("debriefs:thank_you_note_send", args=[interview.pk]),
            {"subject": "Thanks, Dana", "body": "Thank you for your time."},
        )
    # the action answers normally and the note is kept with its email
    assert response.status_code == 302
    note = ThankYouNote.objects.select_related("message").get()
    assert note.status == ThankYouNote.Status.SENT
    assert note.message.state == OutboundMessage.State.FAILED
    page = client.get(reverse("debriefs:thank_you_note", args=[interview.pk])).content.decode()
    assert 'data-delivery="failed"' in page and "Retry now" in page
    assert mailoutbox == []

    # when mail is back, "Retry now" sends it at once (the same message)
    mail_down.recover()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("debriefs:thank_you_note_retry", args=[interview.pk]))
    assert response.status_code == 302
    (email,) = mailoutbox
    assert email.to == ["dana@example.org"]
    assert email.extra_headers["Message-ID"] == note.message.message_id
    page = client.get(reverse("debriefs:thank_you_note", args=[interview.pk])).content.decode()
    assert 'data-delivery="sent"' in page and "Retry now" not in page


def test_thank_you_list_shows_a_sent_note_whose_email_is_not_delivered_yet(
    client, plan, recruiter, mail_down, django_capture_on_commit_callbacks
):
    interview = schedule(plan)
    OutboundMessage.objects.all().delete()  # the interview invites
    client.force_login(recruiter)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("debriefs:thank_you_note_send", args=[interview.pk]),
            {"subject": "Thanks, Dana", "body": "Thank you for your time."},
        )

    page = client.get(reverse("debriefs:thank_you_list")).content.decode()

    sent = page.split("Recently sent")[1]
    assert "Dana Diaz" in sent and 'data-delivery="failed"' in sent
    assert "Retry now" not in sent  # retried from the note's page


def test_retrying_a_delivered_thank_you_note_is_refused(
    plan, recruiter, mailoutbox, django_capture_on_commit_callbacks
):
    note = schedule(plan).thank_you_note
    with django_capture_on_commit_callbacks(execute=True):
        services.thank_you_note_send(note=note, actor=recruiter)
    with pytest.raises(Exception, match="no failed email"):
        services.thank_you_note_retry(note=note, actor=recruiter)
    assert len([m for m in mailoutbox if m.to == ["dana@example.org"]]) == 1


def test_candidate_update_email_with_mail_down_goes_out_once_mail_is_back(
    plan, recruiter, mail_down, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        update = services.follow_up_record(
            application=plan.application,
            channel=CandidateUpdate.Channel.EMAIL,
            subject="Where things stand",
            body="We will decide by Friday.",
            actor=recruiter,
        )
    update.message.refresh_from_db()
    assert update.message.state == OutboundMessage.State.FAILED
    (email,) = assert_delivered_once_after_recovery(mail_down, mailoutbox)
    assert email.to == ["dana@example.org"]


def test_emails_to_candidates_come_from_the_company_and_the_recruiter(
    settings, plan, recruiter, mailoutbox, django_capture_on_commit_callbacks
):
    settings.COMPANY_NAME = "Acme Payments"
    settings.CANDIDATE_FROM_EMAIL = "Acme Careers <careers@acme.example>"
    note = schedule(plan).thank_you_note
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.thank_you_note_send(note=note, actor=recruiter, subject="Thank you, Dana")
    (email,) = mailoutbox
    assert email.from_email == f'"{recruiter.full_name}, Acme Payments" <careers@acme.example>'
    assert email.reply_to == [recruiter.email]
    assert email.subject == "Thank you, Dana"  # no tool prefix
    html = email.alternatives[0][0]
    assert "Acme Payments" in html and "Hiring Hub" not in html + email.body
    assert "List-Unsubscribe" not in email.extra_headers


def test_a_candidate_email_is_sent_after_its_note_is_stored_even_past_the_due_time(
    plan, recruiter, mailoutbox, django_capture_on_commit_callbacks
):
    note = schedule(plan, starts_at=timezone.now() - dt.timedelta(days=3)).thank_you_note
    with django_capture_on_commit_callbacks(execute=True):
        services.thank_you_note_send(note=note, actor=recruiter)
    note.refresh_from_db()
    assert note.message.state == OutboundMessage.State.SENT
