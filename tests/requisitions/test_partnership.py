"""The partnership: the agreement signed with the criteria, reminders following the agreed
numbers, promises kept and the health computed from recorded events, the weekly pulse."""

import datetime as dt
import re

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from candidates.models import ShortlistEntry
from debriefs.models import CandidateUpdate, Interview, Scorecard
from hiring_hub import outbox
from hiring_hub.models import AuditEntry, OutboundMessage
from requisitions import notifications, partnership, promises, selectors, services
from requisitions.models import (
    AlignmentMeeting,
    CheckIn,
    PartnershipAgreement,
    PartnershipHealth,
    PulseAnswer,
)
from tests import factories

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def sweep(moment, *kinds):
    with time_machine.travel(moment, tick=False):
        return outbox.send_due_notifications(kinds=kinds or None)


# --- The agreement ------------------------------------------------------------------------------
def test_signing_off_the_criteria_signs_the_default_agreement(signed_requisition, hiring_manager):
    agreement = PartnershipAgreement.objects.get(requisition=signed_requisition)
    assert agreement.signed_by == hiring_manager
    assert agreement.signed_version.number == 1
    assert (
        agreement.shortlist_review_business_days
        == partnership.DEFAULT_TERMS["shortlist_review_business_days"]
    )
    assert [c.note for c in agreement.changes.all()] == ["Signed with criteria v1"]
    assert AuditEntry.objects.filter(action="partnership.sign").count() == 1


def test_the_proposed_agreement_is_shown_at_sign_off_and_signed_with_the_criteria(
    client, new_requisition, recruiter, hiring_manager
):
    from tests.requisitions.conftest import add_criteria

    services.requisition_transition(
        requisition=new_requisition, to_status="intake", actor=recruiter
    )
    add_criteria(new_requisition, recruiter)
    partnership.agreement_save(
        requisition=new_requisition, actor=recruiter, shortlist_review_business_days=3
    )
    client.force_login(hiring_manager)
    page = client.get(reverse("requisitions:criteria_sign_off", args=[new_requisition.pk]))
    assert "Shortlists reviewed within 3 business days" in page.content.decode()
    client.post(
        reverse("requisitions:criteria_sign_off", args=[new_requisition.pk]), {"confirm": "on"}
    )
    agreement = PartnershipAgreement.objects.get(requisition=new_requisition)
    assert agreement.signed_by == hiring_manager
    assert agreement.shortlist_review_business_days == 3
    assert [c.note for c in agreement.changes.order_by("pk")] == [
        "Proposed",
        "Signed with criteria v1",
    ]


def test_a_change_after_sign_off_is_kept_with_before_and_after(signed_requisition, recruiter):
    partnership.agreement_save(
        requisition=signed_requisition, actor=recruiter, scorecard_hours=48, calibration_weeks=4
    )
    change = PartnershipAgreement.objects.get(requisition=signed_requisition).changes.first()
    assert change.author == recruiter
    assert change.changes == {"scorecard_hours": {"before": 24, "after": 48}}
    entry = AuditEntry.objects.get(action="partnership.change")
    assert entry.before["scorecard_hours"] == 24 and entry.after["scorecard_hours"] == 48
    assert signed_requisition.events.filter(kind="partnership").exists()


def test_the_manager_cannot_change_the_agreement_and_bad_numbers_change_nothing(
    signed_requisition, recruiter, hiring_manager
):
    with pytest.raises(PermissionDenied):
        partnership.agreement_save(
            requisition=signed_requisition, actor=hiring_manager, scorecard_hours=48
        )
    with pytest.raises(ValidationError):
        partnership.agreement_save(
            requisition=signed_requisition, actor=recruiter, shortlist_review_business_days=0
        )
    agreement = PartnershipAgreement.objects.get(requisition=signed_requisition)
    assert agreement.scorecard_hours == 24 and agreement.shortlist_review_business_days == 2


def test_the_agreement_form_keeps_what_was_typed_on_a_bad_number(
    client, signed_requisition, recruiter
):
    client.force_login(recruiter)
    url = reverse("requisitions:partnership_agreement_edit", args=[signed_requisition.pk])
    data = dict(partnership.DEFAULT_TERMS)
    data.update(scorecard_hours="0", calibration_weeks="6", check_in_weekly="on")
    page = client.post(url, data)
    assert page.status_code == 200
    body = page.content.decode()
    assert "is-invalid" in body and 'value="6"' in body
    data.update(scorecard_hours="36")
    assert client.post(url, data).status_code == 302
    agreement = PartnershipAgreement.objects.get(requisition=signed_requisition)
    assert (agreement.scorecard_hours, agreement.calibration_weeks) == (36, 6)


# --- Reminders follow the agreed numbers ------------------------------------------------------
def test_the_shortlist_nudge_moves_with_the_agreed_review_days(requisition, mailoutbox):
    PartnershipAgreement.objects.create(requisition=requisition, shortlist_review_business_days=4)
    shortlist = factories.ShortlistFactory(
        requisition=requisition,
        number=1,
        submitted_at=at(2026, 11, 19, 15, 0),  # Thursday
    )
    factories.ShortlistEntryFactory(shortlist=shortlist)
    sweep(at(2026, 11, 23, 15, 0), "shortlist_waiting")  # 2 business days: the default
    assert mailoutbox == []
    sweep(at(2026, 11, 25, 15, 0), "shortlist_waiting")  # 4 business days: agreed
    assert [m.to for m in mailoutbox] == [[requisition.hiring_manager.email]]
    assert "4 business days" in mailoutbox[0].body
    sweep(at(2026, 11, 27, 15, 0), "shortlist_waiting")  # 6: the recruiter is told
    assert [m.to for m in mailoutbox][1] == [requisition.recruiter.email]
    assert "after the agreed 4 business days" in mailoutbox[1].body


def test_the_scorecard_reminders_start_after_the_agreed_hours(requisition, interviewer, mailoutbox):
    PartnershipAgreement.objects.create(requisition=requisition, scorecard_hours=48)
    factories.InterviewFactory(
        application__requisition=requisition,
        starts_at=at(2026, 11, 23, 9, 0),  # Monday
        ends_at=at(2026, 11, 23, 10, 0),
        interviewers=[interviewer],
    )
    sweep(at(2026, 11, 23, 11, 0), "scorecard_reminder")
    assert len(mailoutbox) == 1  # the first one, an hour after
    sweep(at(2026, 11, 24, 11, 0), "scorecard_reminder")  # 25 h: not late yet at 48
    assert len(mailoutbox) == 1
    sweep(at(2026, 11, 25, 11, 0), "scorecard_reminder")  # 49 h: late
    assert len(mailoutbox) == 2


def test_overdue_flags_of_the_check_in_follow_the_agreement(requisition, interviewer):
    PartnershipAgreement.objects.create(
        requisition=requisition, scorecard_hours=72, shortlist_review_business_days=5
    )
    factories.InterviewFactory(
        application__requisition=requisition,
        starts_at=at(2026, 11, 23, 9, 0),
        ends_at=at(2026, 11, 23, 10, 0),
        interviewers=[interviewer],
    )
    shortlist = factories.ShortlistFactory(
        requisition=requisition, number=1, submitted_at=at(2026, 11, 20, 9, 0)
    )
    factories.ShortlistEntryFactory(shortlist=shortlist)
    figures = selectors.check_in_figures(requisition, now=at(2026, 11, 25, 12, 0))
    assert figures["scorecards_overdue"] == []  # 50 h < 72 h agreed
    assert figures["shortlists_waiting"][0]["overdue"] is False  # 3 of 5 business days
    figures = selectors.check_in_figures(requisition, now=at(2026, 11, 27, 12, 0))
    assert len(figures["scorecards_overdue"]) == 1
    assert figures["shortlists_waiting"][0]["overdue"] is True


# --- Promises kept and health ------------------------------------------------------------------
NOW = at(2026, 11, 30, 12, 0)  # a Monday
ALIGNED = at(2026, 10, 5, 9, 0)  # a Monday, 8 weeks earlier


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


# --- The weekly pulse ---------------------------------------------------------------------------
def pulse_url(requisition, person, mood=PulseAnswer.Mood.SOME_CONCERNS, week=dt.date(2026, 11, 30)):
    token = partnership.pulse_token(
        requisition=requisition, person=person, week_start=week, mood=mood
    )
    return reverse("requisitions:pulse_answer", args=[token])


def test_the_weekly_check_in_asks_the_manager_with_signed_links(requisition, mailoutbox):
    sweep(at(2026, 11, 30, 9, 0), notifications.WEEKLY_CHECK_IN)
    manager_mail = next(m for m in mailoutbox if m.to == [requisition.hiring_manager.email])
    recruiter_mail = next(m for m in mailoutbox if m.to == [requisition.recruiter.email])
    assert "How is this search going for you?" in manager_mail.body
    assert "/requisitions/pulse/" in manager_mail.body
    assert "/requisitions/pulse/" not in recruiter_mail.body


def test_the_pulse_link_opens_a_confirm_page_and_records_once(client, requisition):
    manager = requisition.hiring_manager
    client.force_login(manager)
    url = pulse_url(requisition, manager)
    page = client.get(url)
    assert page.status_code == 200
    assert re.search(r'<input[^>]*value="some_concerns"[^>]*checked', page.content.decode())
    assert not PulseAnswer.objects.exists()  # opening the link records nothing
    client.post(url, {"mood": "some_concerns", "comment": "Slow pipeline."})
    answer = PulseAnswer.objects.get()
    assert (answer.mood, answer.comment, answer.respondent) == (
        PulseAnswer.Mood.SOME_CONCERNS,
        "Slow pipeline.",
        manager,
    )
    # Valid once: the other answers of the same email now say it was answered.
    again = client.post(
        pulse_url(requisition, manager, PulseAnswer.Mood.OFF_TRACK), {"mood": "off_track"}
    )
    assert "You already answered" in again.content.decode()
    assert PulseAnswer.objects.get().mood == PulseAnswer.Mood.SOME_CONCERNS


def test_the_pulse_link_is_only_for_its_person(client, requisition):
    url = pulse_url(requisition, requisition.hiring_manager)
    for person in (requisition.recruiter, factories.HiringManagerFactory()):
        client.force_login(person)
        assert client.get(url).status_code == 403
        assert client.post(url, {"mood": "on_track"}).status_code == 403
    client.force_login(requisition.hiring_manager)
    assert client.get(url[:-3] + "xx/").status_code == 403  # tampered
    assert not PulseAnswer.objects.exists()


def test_the_pulse_link_expires_after_two_weeks(client, requisition):
    with time_machine.travel(at(2026, 11, 30, 9, 0), tick=False):
        url = pulse_url(requisition, requisition.hiring_manager)
    client.force_login(requisition.hiring_manager)
    with time_machine.travel(at(2026, 12, 13, 9, 0), tick=False):
        assert client.get(url).status_code == 200
    with time_machine.travel(at(2026, 12, 14, 9, 1), tick=False):
        response = client.post(url, {"mood": "on_track"})
    assert response.status_code == 410 and "expired" in response.content.decode()
    assert not PulseAnswer.objects.exists()


def test_the_answers_form_a_trend_on_the_requisition(client, requisition):
    for week, mood in ((dt.date(2026, 11, 16), "on_track"), (dt.date(2026, 11, 23), "off_track")):
        partnership.pulse_answer(
            requisition=requisition, actor=requisition.hiring_manager, week_start=week, mood=mood
        )
    assert [a.mood for a in partnership.pulse_trend(requisition)] == ["on_track", "off_track"]
    client.force_login(requisition.recruiter)
    body = client.get(reverse("requisitions:partnership", args=[requisition.pk])).content.decode()
    assert body.index("week of 16 Nov") < body.index("week of 23 Nov")
    with pytest.raises(PermissionDenied):
        partnership.pulse_answer(
            requisition=requisition,
            actor=requisition.recruiter,
            week_start=dt.date(2026, 11, 30),
            mood="on_track",
        )


def test_interviewers_see_no_partnership(client, requisition, interviewer):
    client.force_login(interviewer)
    assert client.get(reverse("requisitions:partnership", args=[requisition.pk])).status_code == 404
    assert OutboundMessage.objects.count() == 0
    assert Interview.objects.count() == 0


def test_the_demo_shows_a_healthy_pair_and_a_struggling_one():
    from debriefs import partnership_demo
    from hiring_hub import demo

    users = demo.seed_users()
    partnership_demo.seed(users)
    partnership_demo.seed(users)  # idempotent
    levels = dict(
        PartnershipHealth.objects.values_list("requisition__title", "level").order_by("pk")
    )
    assert levels == {"Site Reliability Engineer": "good", "iOS Engineer": "bad"}
    struggling = PartnershipHealth.objects.get(requisition__title="iOS Engineer")
    assert "Two weeks off track in the hiring manager's pulse" in struggling.reasons
