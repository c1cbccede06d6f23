import datetime as dt

import pytest
import time_machine
from django.conf import settings

from hiring_hub import tasks
from hiring_hub.models import OutboundMessage
from tests import factories

pytestmark = pytest.mark.django_db


def due_thank_you_reminder(requisition):
    ends_at = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC)
    return factories.InterviewFactory(
        application__requisition=requisition,
        starts_at=ends_at - dt.timedelta(hours=1),
        ends_at=ends_at,
    )


def test_sweep_task_sends_what_is_due(requisition, mailoutbox):
    due_thank_you_reminder(requisition)
    with time_machine.travel(dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC), tick=False):
        result = tasks.send_due_notifications.apply(kwargs={"kinds": ["thank_you_reminder"]})
    assert result.successful()
    assert [m.to for m in mailoutbox] == [[requisition.recruiter.email]]


def test_sweep_task_run_twice_sends_once(requisition, mailoutbox):
    due_thank_you_reminder(requisition)
    with time_machine.travel(dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC), tick=False):
        tasks.send_due_notifications.apply()
        tasks.send_due_notifications.apply()
    reminders = OutboundMessage.objects.filter(kind="thank_you_reminder")
    assert reminders.count() == 1
    assert len([m for m in mailoutbox if "Thank-you" in m.subject]) == 1


def test_beat_runs_the_sweep_every_sweep_interval():
    entry = settings.CELERY_BEAT_SCHEDULE["send-due-notifications"]
    assert entry["task"] == "hiring_hub.tasks.send_due_notifications"
    assert entry["schedule"] == settings.SWEEP_INTERVAL_SECONDS
    assert "heartbeat" in settings.CELERY_BEAT_SCHEDULE


def test_sweep_task_is_registered_with_the_celery_app():
    from hiring_hub.celery import app

    app.loader.import_default_modules()
    assert "hiring_hub.tasks.send_due_notifications" in app.tasks
