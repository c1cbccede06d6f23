import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from hiring_hub.models import OutboundMessage
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_reminder(requisition):
    ends_at = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC)
    return factories.InterviewFactory(
        application__requisition=requisition,
        starts_at=ends_at - dt.timedelta(hours=1),
        ends_at=ends_at,
    )


def run(*args) -> str:
    out = StringIO()
    call_command("send_due_notifications", *args, stdout=out)
    return out.getvalue()


def test_command_sends_due_notifications_and_reports_counts(due_reminder, mailoutbox):
    with time_machine.travel(dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC), tick=False):
        output = run("--kind", "thank_you_reminder")
    assert len(mailoutbox) == 1
    assert "thank_you_reminder: 1 due, 1 new, 0 already in the outbox" in output
    assert "1 sent, 0 failed (will retry), 0 given up." in output


def test_command_run_twice_sends_once(due_reminder, mailoutbox):
    with time_machine.travel(dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC), tick=False):
        run("--kind", "thank_you_reminder")
        output = run("--kind", "thank_you_reminder")
    assert len(mailoutbox) == 1
    assert "thank_you_reminder: 1 due, 0 new, 1 already in the outbox" in output
    assert "0 sent, 0 failed (will retry), 0 given up." in output
    assert OutboundMessage.objects.count() == 1


def test_command_can_preview_a_given_moment(due_reminder, mailoutbox):
    run("--kind", "thank_you_reminder", "--now", "2026-11-24T13:00:00+01:00")
    assert len(mailoutbox) == 1


def test_command_refuses_a_moment_without_offset(db):
    with pytest.raises(CommandError, match="offset"):
        run("--now", "2026-11-24T13:00:00")


def test_seed_demo_emails_nobody(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=StringIO())
    assert mailoutbox == []
    assert not OutboundMessage.objects.exists()
