"""Delivering notifications: idempotency, failure and retry, a dead worker's lease, and the
query budgets of deciding what is due."""

import datetime as dt

import pytest
import time_machine

from hiring_hub import outbox
from hiring_hub.models import OutboundMessage
from tests import factories
from tests.hiring_hub.sweeping import Kind, at, ended_interview, sweep, waiting_shortlist

pytestmark = pytest.mark.django_db


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
    assert OutboundMessage.objects.filter(state=OutboundMessage.State.SENT).count() == 4


def test_failed_send_is_recorded_and_retried_with_back_off(settings, requisition, mailoutbox):
    settings.NOTIFICATION_RETRY_SECONDS = 300
    ended_interview(requisition, ends_at=at(2026, 11, 24, 10, 0))
    settings.EMAIL_BACKEND = "tests.conftest.RefusingMailServer"
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
    settings.EMAIL_BACKEND = "tests.conftest.RefusingMailServer"
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
    settings.EMAIL_BACKEND = "tests.conftest.RefusingMailServer"
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
    # + the market calibration (4) and the partnership agreement (the agreed delays)
    with django_assert_num_queries(10):
        figures = selectors.check_in_figures(requisition, now=at(2026, 11, 24, 12))
    assert len(figures["scorecards_overdue"]) == rows
    assert len(figures["offers_out"]) == rows
