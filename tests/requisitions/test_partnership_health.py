"""Promises kept and the health of a partnership, the prompt to talk, the inbox and the
overview."""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from candidates.models import ShortlistEntry
from debriefs.models import CandidateUpdate, Scorecard
from requisitions import notifications, partnership, promises
from requisitions.models import (
    AlignmentMeeting,
    CheckIn,
    PartnershipHealth,
    PulseAnswer,
)
from tests import factories
from tests.requisitions.conftest import sweep, utc

pytestmark = pytest.mark.django_db


# --- Promises kept and health ------------------------------------------------------------------
NOW = utc(2026, 11, 30, 12, 0)  # a Monday
ALIGNED = utc(2026, 10, 5, 9, 0)  # a Monday, 8 weeks earlier


def one_sided(requisition, interviewer, *, manager_keeps: bool, recruiter_keeps: bool = True):
    """Eight weeks of a search, recorded: criteria signed, four shortlists (the first two
    business days after alignment, or nine), each reviewed in one business day or five, four
    interviews with a scorecard after 5 h or 60 h and the candidate told after 1 day or 6,
    four weekly check-ins with or without a note, and a calibration meeting every four
    weeks or none."""
    version = factories.CriteriaVersionFactory(requisition=requisition, number=1, signed_at=ALIGNED)
    first = ALIGNED + dt.timedelta(days=2 if recruiter_keeps else 11)
    for n in range(4):
        submitted = first + dt.timedelta(weeks=n)
        shortlist = factories.ShortlistFactory(
            requisition=requisition,
            criteria_version=version,
            number=n + 1,
            submitted_at=submitted,
            completed_at=submitted + dt.timedelta(days=1 if manager_keeps else 7),
        )
        for decision in (ShortlistEntry.Decision.ADVANCE, ShortlistEntry.Decision.DECLINE):
            factories.ShortlistEntryFactory(shortlist=shortlist, decision=decision)
        ends = ALIGNED + dt.timedelta(weeks=n + 2, hours=5)
        interview = factories.InterviewFactory(
            application__requisition=requisition,
            starts_at=ends - dt.timedelta(hours=1),
            ends_at=ends,
            interviewers=[interviewer],
        )
        factories.ScorecardFactory(
            interview=interview,
            interviewer=interviewer,
            status=Scorecard.Status.SUBMITTED,
            submitted_at=ends + dt.timedelta(hours=5 if manager_keeps else 60),
            recommendation=3,
        )
        update = CandidateUpdate.objects.create(
            application=interview.application,
            channel=CandidateUpdate.Channel.CALL,
            body="Next: onsite.",
        )
        CandidateUpdate.objects.filter(pk=update.pk).update(
            created_at=ends + dt.timedelta(days=1 if recruiter_keeps else 6)
        )
        CheckIn.objects.create(
            requisition=requisition,
            week_start=(ALIGNED + dt.timedelta(weeks=n + 1)).date(),
            compiled_at=ALIGNED + dt.timedelta(weeks=n + 1),
            recruiter_note="Two new candidates." if recruiter_keeps else "",
        )
    if manager_keeps:
        for weeks in (3, 7):
            AlignmentMeeting.objects.create(
                requisition=requisition, scheduled_at=ALIGNED + dt.timedelta(weeks=weeks)
            )


def figures_by_key(requisition):
    return {f.key: f for f in promises.promises_kept(requisition, now=NOW)}


def test_each_promise_is_computed_from_recorded_events_when_both_keep_them(
    requisition, interviewer
):
    one_sided(requisition, interviewer, manager_keeps=True)
    kept = figures_by_key(requisition)
    assert (kept["first_shortlist"].met, kept["first_shortlist"].total) == (1, 1)
    assert kept["first_shortlist"].median == 2.0
    assert (kept["shortlist_review"].met, kept["shortlist_review"].total) == (4, 4)
    assert kept["shortlist_review"].median == 1.0
    assert (kept["scorecards"].met, kept["scorecards"].total) == (4, 4)
    assert kept["scorecards"].median == 5.0
    assert (kept["candidate_update"].met, kept["candidate_update"].total) == (4, 4)
    assert (kept["check_in"].met, kept["check_in"].total) == (4, 4)
    assert (kept["calibration"].met, kept["calibration"].total) == (2, 2)
    assert kept["scorecards"].summary == "Kept 4 of 4 times, median 5 hours"
    assert kept["shortlist_review"].summary == "Kept 4 of 4 times, median 1 business day"
    health = promises.health_of([requisition], now=NOW)[requisition.pk]
    assert health.level == PartnershipHealth.Level.GOOD and health.reasons == ()


def test_a_manager_who_keeps_no_promise_shows_on_both_sides_in_the_same_words(
    client, requisition, interviewer
):
    one_sided(requisition, interviewer, manager_keeps=False)
    kept = figures_by_key(requisition)
    assert (kept["shortlist_review"].met, kept["shortlist_review"].total) == (0, 4)
    assert kept["shortlist_review"].median == 5.0  # business days of the week it waited
    assert (kept["scorecards"].met, kept["scorecards"].total) == (0, 4)
    assert (kept["calibration"].met, kept["calibration"].total) == (0, 2)
    assert (kept["check_in"].met, kept["check_in"].total) == (4, 4)  # the recruiter's side
    health = promises.health_of([requisition], now=NOW)[requisition.pk]
    assert health.level == PartnershipHealth.Level.BAD
    assert "4 of the last 4 shortlists waited more than the agreed 2 business days" in (
        health.reasons
    )
    assert "4 of the last 4 scorecards came later than the agreed 24 hours" in health.reasons
    # The recruiter and the manager read the same page.
    pages = []
    for person in (requisition.recruiter, requisition.hiring_manager):
        client.force_login(person)
        with time_machine.travel(NOW, tick=False):
            body = client.get(reverse("requisitions:partnership", args=[requisition.pk])).content
        pages.append(re.search(rb'data-test="health".*?</ul>', body, re.S).group(0))
    assert pages[0] == pages[1]


def test_a_recruiter_who_keeps_no_promise_is_flagged_too(requisition, interviewer):
    one_sided(requisition, interviewer, manager_keeps=True, recruiter_keeps=False)
    kept = figures_by_key(requisition)
    assert (kept["first_shortlist"].met, kept["first_shortlist"].total) == (0, 1)
    assert (kept["check_in"].met, kept["check_in"].total) == (0, 4)
    assert (kept["candidate_update"].met, kept["candidate_update"].total) == (0, 4)
    reasons = promises.health_of([requisition], now=NOW)[requisition.pk].reasons
    assert "4 of the last 4 weekly check-ins went out without the recruiter's note" in reasons
    assert (
        "The first shortlist came later than the agreed 5 business days after alignment" in reasons
    )


def test_the_pulse_acceptance_and_realignments_feed_the_health(requisition, interviewer):
    one_sided(requisition, interviewer, manager_keeps=True)
    for weeks in (1, 2):
        PulseAnswer.objects.create(
            requisition=requisition,
            respondent=requisition.hiring_manager,
            week_start=(NOW - dt.timedelta(weeks=weeks - 1)).date() - dt.timedelta(days=0),
            mood=PulseAnswer.Mood.OFF_TRACK,
        )
    ShortlistEntry.objects.filter(shortlist__requisition=requisition).update(
        decision=ShortlistEntry.Decision.DECLINE
    )
    for number in (2, 3):
        factories.CriteriaVersionFactory(requisition=requisition, number=number)
    health = promises.health_of([requisition], now=NOW)[requisition.pk]
    assert health.level == PartnershipHealth.Level.BAD
    assert health.reasons == (
        "Two weeks off track in the hiring manager's pulse",
        "0 of 4 candidates in the last 2 shortlists were advanced",
        "The criteria were re-aligned 2 times",
    )


def test_the_pair_figures_add_up_the_pairs_requisitions(requisition, interviewer):
    one_sided(requisition, interviewer, manager_keeps=True)
    other = factories.RequisitionFactory(
        recruiter=requisition.recruiter, hiring_manager=requisition.hiring_manager
    )
    one_sided(other, interviewer, manager_keeps=False)
    count, kept = promises.pair_promises_kept(requisition, now=NOW)
    by_key = {f.key: f for f in kept}
    assert count == 2
    assert (by_key["shortlist_review"].met, by_key["shortlist_review"].total) == (4, 8)


@pytest.mark.parametrize("rows", [1, 4])
def test_the_partnership_page_costs_the_same_queries_for_few_and_many_rows(
    client, django_assert_num_queries, requisition, rows
):
    one_sided(requisition, factories.InterviewerFactory(), manager_keeps=True)
    for _ in range(rows):
        other = factories.RequisitionFactory(
            recruiter=requisition.recruiter, hiring_manager=requisition.hiring_manager
        )
        one_sided(other, factories.InterviewerFactory(), manager_keeps=False)
    partnership.agreement_save(
        requisition=requisition, actor=requisition.recruiter, scorecard_hours=30
    )
    PulseAnswer.objects.create(
        requisition=requisition,
        respondent=requisition.hiring_manager,
        week_start=dt.date(2026, 11, 23),
        mood=PulseAnswer.Mood.ON_TRACK,
    )
    client.force_login(requisition.recruiter)
    url = reverse("requisitions:partnership", args=[requisition.pk])
    with django_assert_num_queries(17):
        assert client.get(url).status_code == 200


# --- The prompt to talk, the inbox and the overview ---------------------------------------------
def test_a_partnership_turning_bad_prompts_both_once_with_the_agenda(
    client, requisition, interviewer, mailoutbox
):
    one_sided(requisition, interviewer, manager_keeps=False)
    sweep(NOW, notifications.PARTNERSHIP_TALK)
    sweep(NOW + dt.timedelta(hours=1), notifications.PARTNERSHIP_TALK)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [requisition.recruiter.email, requisition.hiring_manager.email]
    )
    assert "4 of the last 4 shortlists waited more than the agreed 2 business days" in (
        mailoutbox[0].body
    )
    client.force_login(requisition.hiring_manager)
    home = client.get(reverse("home")).content.decode()
    assert f'data-inbox="talk-{requisition.pk}"' in home
    # It recovers, then turns bad again: a new prompt.
    ShortlistEntry.objects.filter(shortlist__requisition=requisition).update(
        decision=ShortlistEntry.Decision.ADVANCE
    )
    from candidates.models import Shortlist

    Shortlist.objects.filter(requisition=requisition).update(completed_at=ALIGNED)
    Scorecard.objects.filter(interview__application__requisition=requisition).update(
        submitted_at=ALIGNED
    )
    AlignmentMeeting.objects.create(requisition=requisition, scheduled_at=NOW)
    sweep(NOW + dt.timedelta(hours=2), notifications.PARTNERSHIP_TALK)
    assert PartnershipHealth.objects.get(requisition=requisition).bad_since is None
    assert len(mailoutbox) == 2


def test_admins_see_every_pair_and_others_are_refused(client, requisition, interviewer):
    one_sided(requisition, interviewer, manager_keeps=False)
    partnership.health_refresh(now=NOW)
    admin = factories.RecruiterFactory(is_superuser=True, is_staff=True)
    url = reverse("requisitions:partnership_overview")
    client.force_login(requisition.recruiter)
    assert client.get(url).status_code == 403
    client.force_login(admin)
    body = client.get(url).content.decode()
    assert requisition.hiring_manager.full_name in body and "text-bg-danger" in body


@pytest.mark.parametrize("rows", [1, 5])
def test_the_overview_costs_the_same_queries_for_few_and_many_pairs(
    client, django_assert_num_queries, rows
):
    for _ in range(rows):
        factories.RequisitionFactory()
    partnership.health_refresh()
    client.force_login(factories.RecruiterFactory(is_superuser=True, is_staff=True))
    with django_assert_num_queries(4):
        assert client.get(reverse("requisitions:partnership_overview")).status_code == 200
