"""Market calibration: what the search says about each signed criterion, computed from the
assessments, shortlist declines and scorecards the app records."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from candidates import services as candidate_services
from candidates.models import Application, Assessment, ShortlistEntry
from debriefs.models import CriterionRating, DebriefDecision, Scorecard
from hiring_hub import outbox
from requisitions import calibration, notifications
from requisitions.models import Criterion
from tests import factories

pytestmark = pytest.mark.django_db

M, P, D = Assessment.Rating.MEETS, Assessment.Rating.PARTLY, Assessment.Rating.DOES_NOT_MEET


@pytest.fixture
def signed(requisition):
    """Requisition in sourcing with v1 signed: a must-have, a nice-to-have, a deal-breaker."""
    version = factories.CriteriaVersionFactory(requisition=requisition, number=1)
    must = factories.CriterionFactory(
        version=version, name="Ledger design", kind=Criterion.Kind.MUST_HAVE, order=1
    )
    nice = factories.CriterionFactory(
        version=version, name="Payments domain", kind=Criterion.Kind.NICE_TO_HAVE, order=2
    )
    breaker = factories.CriterionFactory(
        version=version, name="Blames others", kind=Criterion.Kind.DEAL_BREAKER, order=3
    )
    return requisition, must, nice, breaker


def assess(requisition, ratings_per_candidate):
    """One application per item, assessed through the service: {criterion: rating}."""
    applications = []
    for ratings in ratings_per_candidate:
        application = factories.ApplicationFactory(requisition=requisition)
        candidate_services.assessment_save(
            application=application,
            actor=requisition.recruiter,
            ratings={c.pk: (rating, "") for c, rating in ratings.items()},
        )
        applications.append(application)
    return applications


def decline_all(requisition, applications, criteria):
    shortlist = candidate_services.shortlist_submit(
        requisition=requisition, applications=applications, note="", actor=requisition.recruiter
    )
    for entry in shortlist.entries.all():
        candidate_services.shortlist_entry_decide(
            entry=entry,
            actor=requisition.hiring_manager,
            decision=ShortlistEntry.Decision.DECLINE,
            criteria=criteria,
        )


def by_name(rows):
    return {row.criterion.name: row for row in rows}


def test_the_criterion_most_declines_cite_is_flagged_and_the_others_are_not(signed):
    # given four assessed candidates the manager declines, each citing only the must-have
    requisition, must, nice, breaker = signed
    applications = assess(requisition, [{must: M, nice: M, breaker: M}] * 2 + [{must: P}] * 2)
    decline_all(requisition, applications, [must])
    # when
    rows = by_name(calibration.requisition_calibration(requisition))
    # then
    ledger = rows["Ledger design"]
    assert (ledger.declines_citing, ledger.declines) == (4, 4)
    assert ledger.causes_declines and ledger.flagged
    assert ledger.reasons == ["4 of 4 declines cite it"]
    assert ledger.trade_off == "make it a nice-to-have, or widen what counts as meeting it"
    for name in ("Payments domain", "Blames others"):
        assert (rows[name].declines_citing, rows[name].declines) == (0, 4)
        assert not rows[name].flagged
        assert rows[name].trade_off == ""


def test_fewer_declines_than_the_minimum_flag_nothing(signed):
    requisition, must, nice, _ = signed
    applications = assess(requisition, [{must: M, nice: M}] * 3)
    decline_all(requisition, applications, [must])
    ledger = by_name(calibration.requisition_calibration(requisition))["Ledger design"]
    assert (ledger.declines_citing, ledger.declines) == (3, 3)
    assert not ledger.flagged


def test_met_share_counts_assessed_candidates_and_flags_what_the_market_rarely_meets(signed):
    requisition, must, nice, breaker = signed
    # 8 assessed on the nice-to-have, one meets it; "unknown" is not an assessment.
    assess(requisition, [{must: M, nice: M}] + [{must: M, nice: D}] * 6 + [{must: P, nice: P}])
    assess(requisition, [{must: Assessment.Rating.UNKNOWN, nice: Assessment.Rating.UNKNOWN}])
    rows = by_name(calibration.requisition_calibration(requisition))
    assert (rows["Payments domain"].met, rows["Payments domain"].assessed) == (1, 8)
    assert rows["Payments domain"].rarely_met
    assert rows["Payments domain"].reasons == ["only 1 of 8 assessed candidates meet it"]
    assert rows["Payments domain"].trade_off.startswith("drop it")
    assert (rows["Ledger design"].met, rows["Ledger design"].assessed) == (7, 8)
    assert not rows["Ledger design"].flagged
    assert (rows["Blames others"].met, rows["Blames others"].assessed) == (0, 0)
    assert rows["Blames others"].met_share is None and not rows["Blames others"].flagged


def _scorecard(application, criterion, rating, *, status=Scorecard.Status.SUBMITTED):
    interview = factories.InterviewFactory(application=application)
    scorecard = factories.ScorecardFactory(
        interview=interview,
        status=status,
        recommendation=3 if status == Scorecard.Status.SUBMITTED else None,
        submitted_at=interview.ends_at if status == Scorecard.Status.SUBMITTED else None,
    )
    CriterionRating.objects.create(scorecard=scorecard, criterion=criterion, rating=rating)
    return scorecard


def test_interview_figures_follow_the_candidates_who_met_the_criterion(signed):
    requisition, must, nice, _ = signed
    strong, weak, unmet, drafted = assess(requisition, [{must: M}, {must: M}, {must: D}, {must: M}])
    _scorecard(strong, must, 4)
    _scorecard(strong, must, 3)
    _scorecard(weak, must, 2)
    _scorecard(unmet, must, 1)  # did not meet it: not counted
    _scorecard(drafted, must, 1, status=Scorecard.Status.DRAFT)  # not submitted: not counted
    DebriefDecision.objects.create(
        application=strong, decision=DebriefDecision.Decision.ADVANCE, rationale="Strong."
    )
    ledger = by_name(calibration.requisition_calibration(requisition))["Ledger design"]
    assert ledger.interviewed == 2  # strong and weak
    assert ledger.advanced == 1  # strong
    assert ledger.interview_average == pytest.approx(3.0)  # (4 + 3 + 2) / 3
    payments = by_name(calibration.requisition_calibration(requisition))["Payments domain"]
    assert (payments.interviewed, payments.advanced, payments.interview_average) == (0, 0, None)


def test_a_criterion_is_followed_across_versions_by_its_key(signed):
    requisition, must, _, _ = signed
    assess(requisition, [{must: M}, {must: D}])
    v2 = factories.CriteriaVersionFactory(requisition=requisition, number=2)
    factories.CriterionFactory(version=v2, key=must.key, name="Ledger design (wider)")
    rows = calibration.requisition_calibration(requisition)
    assert [(r.criterion.name, r.met, r.assessed) for r in rows] == [
        ("Ledger design (wider)", 1, 2)
    ]


def test_another_requisitions_figures_do_not_count(signed):
    requisition, must, _, _ = signed
    other = factories.ApplicationFactory()  # another requisition
    factories.AssessmentFactory(application=other, criterion=must, rating=M)
    assert by_name(calibration.requisition_calibration(requisition))["Ledger design"].assessed == 0


@pytest.mark.parametrize("candidates", [1, 12])
def test_calibration_is_four_queries_whatever_the_number_of_candidates(
    signed, candidates, django_assert_num_queries
):
    requisition, must, nice, breaker = signed
    applications = assess(requisition, [{must: M, nice: P, breaker: M}] * candidates)
    decline_all(requisition, applications, [must, nice])
    for application in applications[:3]:
        _scorecard(application, must, 3)
    with django_assert_num_queries(4):
        rows = calibration.calibration_summary(requisition)
    assert len(rows) == 3


@pytest.mark.parametrize("candidates", [1, 9])
def test_requisition_page_shows_calibration_with_a_pinned_query_count(
    client, signed, candidates, django_assert_num_queries
):
    requisition, must, nice, _ = signed
    applications = assess(requisition, [{must: P, nice: M}] * candidates)
    decline_all(requisition, applications, [must])
    client.force_login(requisition.recruiter)
    url = reverse("requisitions:requisition_detail", args=[requisition.pk])
    with django_assert_num_queries(14):  # + the stage history of the charts
        response = client.get(url)
    body = response.content.decode()
    assert 'id="calibration"' in body
    flagged = 'data-flagged="1"' in body
    assert flagged == (candidates >= calibration.MIN_DECLINES)
    if flagged:
        edit = reverse("requisitions:criterion_edit", args=[requisition.pk, must.key])
        assert edit in body  # the owning recruiter can start re-alignment from it


def test_hiring_manager_sees_the_calibration_without_the_realignment_link(client, signed):
    requisition, must, _, _ = signed
    decline_all(requisition, assess(requisition, [{must: D}] * 4), [must])
    client.force_login(requisition.hiring_manager)
    body = client.get(reverse("requisitions:requisition_detail", args=[requisition.pk])).content
    assert b"Suggested trade-off: make it a nice-to-have" in body
    assert reverse("requisitions:criterion_edit", args=[requisition.pk, must.key]).encode() not in (
        body
    )


def test_interviewer_does_not_see_the_calibration(client, signed, interviewer):
    requisition, *_ = signed
    client.force_login(interviewer)
    response = client.get(reverse("requisitions:requisition_detail", args=[requisition.pk]))
    assert response.status_code == 200
    assert b'id="calibration"' not in response.content


def test_weekly_check_in_summarises_the_calibration_in_text_html_and_page(
    client, signed, mailoutbox
):
    requisition, must, _, _ = signed
    decline_all(requisition, assess(requisition, [{must: D}] * 4), [must])
    with time_machine.travel(dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC), tick=False):
        outbox.send_due_notifications(kinds=[notifications.WEEKLY_CHECK_IN])
    to_manager = [
        m
        for m in mailoutbox
        if requisition.hiring_manager.email in m.to and "Weekly check-in" in m.subject
    ]
    assert len(to_manager) == 1
    text = to_manager[0].body
    html = to_manager[0].alternatives[0][0]
    assert "Ledger design: 0 of 4 meet it, 4 of 4 declines cite it" in text
    assert "Suggested trade-off: make it a nice-to-have, or widen what counts" in text
    assert "To discuss: make it a nice-to-have" in html
    check_in = requisition.check_ins.get()
    assert check_in.snapshot["calibration"][0]["flagged"] is True
    client.force_login(requisition.hiring_manager)
    page = client.get(reverse("requisitions:check_in_detail", args=[check_in.pk]))
    assert b"Market calibration" in page.content and b'data-flagged="1"' in page.content


def test_application_stage_counts_as_advanced_after_interviews(signed):
    requisition, must, _, _ = signed
    (offered,) = assess(requisition, [{must: M}])
    _scorecard(offered, must, 4)
    Application.objects.filter(pk=offered.pk).update(stage=Application.Stage.OFFER)
    ledger = by_name(calibration.requisition_calibration(requisition))["Ledger design"]
    assert (ledger.interviewed, ledger.advanced) == (1, 1)


def test_an_application_assessed_on_two_versions_counts_once_with_each_rating_once(signed):
    # given two applications meeting the must-have on v1, reassessed on v2 (same key): one
    # meets it again, the other no longer does; each was interviewed once
    requisition, must, _, _ = signed
    again, changed = assess(requisition, [{must: M}, {must: M}])
    v2 = factories.CriteriaVersionFactory(requisition=requisition, number=2)
    wider = factories.CriterionFactory(version=v2, key=must.key, name="Ledger design (wider)")
    for application, rating in ((again, M), (changed, D)):
        candidate_services.assessment_save(
            application=application, actor=requisition.recruiter, ratings={wider.pk: (rating, "")}
        )
    _scorecard(again, wider, 4)
    _scorecard(changed, must, 1)
    # when
    (latest,) = calibration.requisition_calibration(requisition)
    older = by_name(calibration.requisition_calibration(requisition, must.version))
    # then applications are counted, not assessments; "meets" on either version counts
    for row in (latest, older["Ledger design"]):
        assert (row.assessed, row.met, row.interviewed) == (2, 2, 2)
        assert row.interview_average == pytest.approx(2.5)  # (4 + 1) / 2, 4 not counted twice
    assert latest.criterion == wider


def test_declines_citing_several_criteria_count_for_each_and_once_in_the_total(signed):
    # given three declines (two criteria, one criterion, a comment only) and an advance
    # that names a criterion
    requisition, must, nice, breaker = signed
    applications = assess(requisition, [{must: P}] * 4)
    shortlist = candidate_services.shortlist_submit(
        requisition=requisition, applications=applications, note="", actor=requisition.recruiter
    )
    answers = [
        (ShortlistEntry.Decision.DECLINE, [must, nice], ""),
        (ShortlistEntry.Decision.DECLINE, [must], ""),
        (ShortlistEntry.Decision.DECLINE, [], "Salary expectations too far apart."),
        (ShortlistEntry.Decision.ADVANCE, [must], ""),
    ]
    entries = {e.application_id: e for e in shortlist.entries.all()}
    for application, (decision, criteria, reason) in zip(applications, answers, strict=True):
        candidate_services.shortlist_entry_decide(
            entry=entries[application.pk],
            actor=requisition.hiring_manager,
            decision=decision,
            criteria=criteria,
            reason=reason,
        )
    # when v2 is signed, keeping the must-have's key
    v2 = factories.CriteriaVersionFactory(requisition=requisition, number=2)
    factories.CriterionFactory(version=v2, key=must.key, name="Ledger design (wider)", order=1)
    factories.CriterionFactory(version=v2, name="Payments or banking", order=2)
    # then
    rows = by_name(calibration.requisition_calibration(requisition, must.version))
    assert [(name, r.declines_citing, r.declines) for name, r in rows.items()] == [
        ("Ledger design", 2, 3),
        ("Payments domain", 1, 3),
        ("Blames others", 0, 3),
    ]
    rows = calibration.requisition_calibration(requisition)
    assert [(r.criterion.name, r.declines_citing, r.declines) for r in rows] == [
        ("Ledger design (wider)", 2, 3),
        ("Payments or banking", 0, 3),
    ]


def test_an_offer_counts_as_advanced_only_for_an_interviewed_application(signed):
    requisition, must, _, _ = signed
    offered, hired_unseen = assess(requisition, [{must: M}, {must: M}])
    _scorecard(offered, must, 3)
    factories.OfferFactory(application=offered)  # its stage left where it was
    Application.objects.filter(pk=hired_unseen.pk).update(stage=Application.Stage.HIRED)
    ledger = by_name(calibration.requisition_calibration(requisition))["Ledger design"]
    assert (ledger.interviewed, ledger.advanced) == (1, 1)


def test_calibration_without_signed_criteria_is_empty_in_four_queries(
    requisition, django_assert_num_queries
):
    factories.CriteriaVersionFactory(requisition=requisition, status="draft", signed_at=None)
    with django_assert_num_queries(4):
        assert calibration.requisition_calibration(requisition) == []
