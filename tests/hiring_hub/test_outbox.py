"""The outbox engine: header safety, delivery states, permanent failures, the unsubscribe
link, the cost of a sweep that finds nothing new, and a request with the broker down."""

import datetime as dt
import os
import smtplib
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import timezone

from hiring_hub import outbox, services
from hiring_hub.models import NotificationOptOut, OutboundMessage, Role
from tests import factories
from tests.conftest import assert_delivered_once_after_recovery

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


class AddressRefusingServer(BaseEmailBackend):
    """A server that refuses the recipient with a permanent 550."""

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({m.to[0]: (550, b"No such user") for m in messages})


def enqueue(to, subject="Hello", **kwargs):
    return outbox.message_enqueue(
        kind="invitation",
        to=to,
        subject=subject,
        template="account_message",
        context={"body": "Body text"},
        **kwargs,
    )


# --- Header safety ----------------------------------------------------------------------
def test_line_breaks_never_reach_a_header(
    recruiter, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = enqueue(
            "candidate@example.org",
            subject="Thanks\r\nBcc: victim@example.org",
            to_candidate=True,
            sender=factories.RecruiterFactory(full_name="Rita\nBcc: x@example.org"),
        )
    message.refresh_from_db()
    assert message.state == OutboundMessage.State.SENT
    (email,) = mailoutbox
    assert email.subject == "Thanks Bcc: victim@example.org"
    assert "\n" not in email.from_email and email.bcc == []
    assert email.message()["Subject"] == "Thanks Bcc: victim@example.org"


def test_single_line_collapses_every_kind_of_line_break():
    assert outbox.single_line("a\r\nb\u2028c\x0bd\x85e  f") == "a b c d e f"


# --- Delivery ---------------------------------------------------------------------------
def test_message_id_is_fixed_when_written_and_kept_on_every_attempt(
    settings, recruiter, mailoutbox
):
    message = enqueue(recruiter)
    settings.EMAIL_BACKEND = "tests.conftest.RefusingMailServer"
    assert outbox.deliver(message.pk) == OutboundMessage.State.FAILED
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    later = timezone.now() + dt.timedelta(hours=1)
    assert outbox.deliver(message.pk, now=later) == OutboundMessage.State.SENT
    assert outbox.deliver(message.pk, now=later) is None  # sent: nothing more to do
    (email,) = mailoutbox
    assert email.extra_headers["Message-ID"] == message.message_id
    assert email.message()["Message-ID"] == message.message_id


def test_an_address_the_server_refuses_is_given_up_at_once(settings, recruiter, mailoutbox):
    settings.EMAIL_BACKEND = f"{__name__}.AddressRefusingServer"
    message = enqueue("nobody@example.org")
    assert outbox.deliver(message.pk) == OutboundMessage.State.GAVE_UP
    message.refresh_from_db()
    assert message.attempts == 1 and "550" in message.last_error
    assert outbox.deliver_due(now=timezone.now() + dt.timedelta(days=2))["sent"] == 0


def test_a_hanging_mail_server_is_cut_off_by_the_timeout(settings, recruiter, hanging_smtp_port):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", hanging_smtp_port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 1
    message = enqueue(recruiter)
    started = timezone.now()
    assert outbox.deliver(message.pk) == OutboundMessage.State.FAILED
    assert timezone.now() - started < dt.timedelta(seconds=5)


def test_two_workers_never_hold_the_same_message(recruiter):
    message = enqueue(recruiter)
    now = timezone.now()
    assert outbox._claim(message.pk, now) is not None
    assert outbox._claim(message.pk, now) is None


def test_retry_now_never_resends_a_sent_message(recruiter, mailoutbox):
    message = enqueue(recruiter)
    outbox.deliver(message.pk)
    outbox.message_retry_now(message=message)
    outbox.deliver_due(now=timezone.now() + dt.timedelta(hours=1))
    assert len(mailoutbox) == 1


def test_an_inactive_user_is_not_written_to(recruiter):
    recruiter.is_active = False
    recruiter.save()
    assert enqueue(recruiter) is None
    assert not OutboundMessage.objects.exists()


# --- Invitations and password resets with mail down ---------------------------------------
def test_invitation_with_mail_down_goes_out_once_mail_is_back(
    recruiter, mail_down, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = services.user_invite(
            invited_by=recruiter,
            email="new.manager@example.com",
            full_name="New Manager",
            role=Role.HIRING_MANAGER,
        )
    assert user.pk
    (email,) = assert_delivered_once_after_recovery(mail_down, mailoutbox)
    assert email.to == ["new.manager@example.com"]


def test_password_reset_with_mail_down_answers_normally_and_sends_later(
    client, recruiter, mail_down, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": recruiter.email})
    assert response.status_code == 302
    (email,) = assert_delivered_once_after_recovery(mail_down, mailoutbox)
    assert email.to == [recruiter.email]
    assert "/accounts/password/reset/key/" in email.body


def test_password_reset_for_an_unknown_address_also_writes_one_message(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": "who@example.org"})
    assert response.status_code == 302
    assert OutboundMessage.objects.filter(recipient_email="who@example.org").count() == 1


# --- Unsubscribe ---------------------------------------------------------------------------
@pytest.fixture
def reminder(requisition, mailoutbox):
    ends_at = timezone.now() - dt.timedelta(hours=3)
    factories.InterviewFactory(
        application__requisition=requisition,
        starts_at=ends_at - dt.timedelta(hours=1),
        ends_at=ends_at,
    )
    outbox.send_due_notifications(kinds=["thank_you_reminder"])
    (email,) = mailoutbox
    return email


def test_reminders_carry_a_one_click_unsubscribe_link(client, requisition, reminder):
    link = reminder.extra_headers["List-Unsubscribe"].strip("<>")
    assert reminder.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path = link.removeprefix("http://testserver")
    assert "Switch them off" in client.get(path).content.decode()
    assert not NotificationOptOut.objects.exists()  # a GET (a link preview) changes nothing

    response = client.post(path, {"List-Unsubscribe": "One-Click"})  # no login, no CSRF token
    assert response.status_code == 200
    assert list(NotificationOptOut.objects.values_list("user", "kind")) == [
        (requisition.recruiter.pk, "thank_you_reminder")
    ]
    client.post(path)  # twice changes nothing
    assert NotificationOptOut.objects.count() == 1


def test_a_forged_unsubscribe_link_is_refused(client, recruiter):
    token = outbox.unsubscribe_token(recruiter, "thank_you_reminder")
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.post(f"/notifications/unsubscribe/{forged}/").status_code == 404
    not_switchable = outbox.unsubscribe_token(recruiter, "invitation")
    assert client.post(f"/notifications/unsubscribe/{not_switchable}/").status_code == 404
    assert not NotificationOptOut.objects.exists()


def test_event_emails_carry_no_unsubscribe_link(recruiter, mailoutbox):
    message = enqueue(recruiter)
    outbox.deliver(message.pk)
    assert "List-Unsubscribe" not in mailoutbox[0].extra_headers


# --- A sweep that finds nothing new is cheap ------------------------------------------------
SWEEP_AT = dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC)  # a Tuesday


def _due_reminders(rows):
    moment = SWEEP_AT - dt.timedelta(hours=3)
    for _ in range(rows):
        requisition = factories.RequisitionFactory()
        factories.InterviewFactory(
            application__requisition=requisition,
            starts_at=moment - dt.timedelta(hours=1),
            ends_at=moment,
            interviewers=[factories.InterviewerFactory()],
        )


@pytest.mark.parametrize("rows", [2, 12])
def test_a_sweep_over_messages_already_sent_costs_the_same_queries_for_few_and_many(
    django_assert_num_queries, rows
):
    _due_reminders(rows)
    with time_machine.travel(SWEEP_AT, tick=False):
        first = outbox.send_due_notifications()
        # thank-you and scorecard reminders, the weekly check-in of recruiter and manager
        assert first["delivered"]["sent"] == rows * 4
        # +17: the partnership health is refreshed before the prompts to talk are read
        with django_assert_num_queries(33):
            again = outbox.send_due_notifications()
    assert again["delivered"]["sent"] == 0
    assert sum(k["already"] for k in again["swept"].values()) == rows * 4


# --- A request with the broker down -----------------------------------------------------------
def test_an_action_with_the_broker_down_answers_at_once_and_keeps_its_email(tmp_path):
    """A real process with REDIS_URL pointing at a port where nothing listens: the action
    commits, queueing its delivery fails quietly, and the email waits in the outbox."""
    script = textwrap.dedent(
        """
        import time
        import django
        django.setup()
        from django.core.management import call_command
        call_command("migrate", verbosity=0)
        from hiring_hub import services
        from hiring_hub.models import OutboundMessage, Role, User
        inviter = User.objects.create_user(
            "rita@example.com", full_name="Rita", role=Role.RECRUITER
        )
        started = time.monotonic()
        services.user_invite(invited_by=inviter, email="new@example.com",
                             full_name="New Person", role=Role.INTERVIEWER)
        took = time.monotonic() - started
        state = OutboundMessage.objects.get().state
        print(f"RESULT {took:.2f} {state}")
        """
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND")
    }
    env.update(
        DEBUG="true",
        DJANGO_SETTINGS_MODULE="hiring_hub.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        REDIS_URL="redis://127.0.0.1:9/0",  # the discard port: connection refused
        EMAIL_URL="smtp://127.0.0.1:9",
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    lines = [line for line in result.stdout.splitlines() if line.startswith("RESULT")]
    assert lines, result.stdout + result.stderr
    _, took, state = lines[0].split()
    assert state == OutboundMessage.State.QUEUED
    assert float(took) < 3, "the action waited for the broker"
    assert mail.outbox == []
