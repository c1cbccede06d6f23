"""Frozen-time tests of the weekly check-in: when it goes out in each zone, what it reports."""

import datetime as dt

import pytest
import time_machine

from candidates.models import Application
from hiring_hub.models import NotificationOptOut
from requisitions.models import CheckIn, Requisition
from tests import factories
from tests.hiring_hub.sweeping import Kind, at, sent_to, sweep, waiting_shortlist

pytestmark = pytest.mark.django_db


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
    factories.RequisitionFactory(
        recruiter=recruiter, title="Old search", status=Requisition.Status.FILLED
    )
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
