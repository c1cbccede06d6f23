"""Frozen-time tests of the shortlist and candidate rules: a shortlist waiting, a follow-up
due, the prompt to realign."""

import datetime as dt

import pytest

from candidates.models import Application, ShortlistEntry
from tests import factories
from tests.hiring_hub.sweeping import Kind, at, sweep, waiting_shortlist

pytestmark = pytest.mark.django_db


# --- Shortlist waiting -------------------------------------------------------------------------
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
