"""Scorecards: drafts, submission, amendments, and submitting only once the interview started."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from debriefs import services
from debriefs.models import (
    Rating,
    Scorecard,
    ScorecardAmendment,
)
from tests.debriefs.conftest import complete_fields, schedule, submit

pytestmark = pytest.mark.django_db


# --- Scorecards ---------
def test_interviewer_saves_an_incomplete_draft(plan):
    interview = schedule(plan)
    scorecard = Scorecard.objects.get(interview=interview, interviewer=plan.alice)

    services.scorecard_save_draft(
        scorecard=scorecard,
        actor=plan.alice,
        fields={"hard_skills": "Strong SQL."},
        ratings={plan.criteria[0].pk: {"rating": Rating.YES, "evidence": ""}},
    )

    scorecard.refresh_from_db()
    assert scorecard.status == Scorecard.Status.DRAFT
    assert scorecard.hard_skills == "Strong SQL."
    assert scorecard.ratings.get(criterion=plan.criteria[0]).rating == Rating.YES


def test_only_the_owner_changes_a_scorecard(plan):
    interview = schedule(plan)
    scorecard = Scorecard.objects.get(interview=interview, interviewer=plan.alice)

    with pytest.raises(PermissionDenied):
        services.scorecard_save_draft(scorecard=scorecard, actor=plan.bob, fields={})


def test_submit_refuses_an_incomplete_scorecard_and_names_what_is_missing(plan):
    interview = schedule(plan)
    scorecard = Scorecard.objects.get(interview=interview, interviewer=plan.alice)

    with pytest.raises(ValidationError) as error:
        services.scorecard_submit(
            scorecard=scorecard,
            actor=plan.alice,
            fields={"hard_skills": "SQL", "team_fit": Rating.YES},
            ratings={plan.criteria[0].pk: {"rating": Rating.YES, "evidence": ""}},
        )

    message = " ".join(error.value.messages)
    assert "overall recommendation" in message
    assert "observed behind the team-fit" in message
    assert "Payments in production" in message
    scorecard.refresh_from_db()
    assert scorecard.status == Scorecard.Status.DRAFT


def test_submit_accepts_no_evidence_on_a_criterion(plan):
    interview = schedule(plan)

    scorecard = submit(interview, plan.alice, ratings={plan.criteria[0]: Rating.STRONG_YES})

    assert scorecard.status == Scorecard.Status.SUBMITTED
    assert scorecard.submitted_at is not None
    assert scorecard.ratings.get(criterion=plan.criteria[1]).rating is None


def test_a_submitted_scorecard_cannot_be_saved_as_draft(plan):
    interview = schedule(plan)
    scorecard = submit(interview, plan.alice)

    with pytest.raises(ValidationError, match="amendments"):
        services.scorecard_save_draft(scorecard=scorecard, actor=plan.alice, fields={})


def test_amending_a_submitted_scorecard_keeps_before_and_after(plan):
    interview = schedule(plan)
    scorecard = submit(interview, plan.alice, ratings={plan.criteria[0]: Rating.YES})

    amendment = services.scorecard_amend(
        scorecard=scorecard,
        actor=plan.alice,
        reason="Re-read my notes",
        fields=complete_fields(Rating.STRONG_YES),
        ratings={plan.criteria[0].pk: {"rating": Rating.NO, "evidence": "Never ran it live"}},
    )

    assert amendment.changes["recommendation"] == {
        "label": "Recommendation",
        "before": "Yes",
        "after": "Strong yes",
    }
    key = f"criterion:{plan.criteria[0].key}:rating"
    assert amendment.changes[key]["before"] == "Yes"
    assert amendment.changes[key]["after"] == "No"
    assert amendment.reason == "Re-read my notes" and amendment.author == plan.alice
    scorecard.refresh_from_db()
    assert scorecard.recommendation == Rating.STRONG_YES


def test_amending_without_a_change_records_nothing(plan):
    interview = schedule(plan)
    scorecard = submit(interview, plan.alice)

    assert (
        services.scorecard_amend(
            scorecard=scorecard, actor=plan.alice, reason="", fields=complete_fields()
        )
        is None
    )
    assert not ScorecardAmendment.objects.exists()


def test_amending_needs_a_reason(plan):
    interview = schedule(plan)
    scorecard = submit(interview, plan.alice)

    with pytest.raises(ValidationError, match="why"):
        services.scorecard_amend(
            scorecard=scorecard,
            actor=plan.alice,
            reason=" ",
            fields=complete_fields(Rating.NO),
        )


# --- Time order: a scorecard reports on an interview that has started ---------
def test_a_scorecard_is_submitted_only_once_the_interview_has_started(plan):
    # given an interview tomorrow; the interviewer may prepare a draft
    interview = schedule(plan, starts_at=timezone.now() + dt.timedelta(days=1))
    scorecard = Scorecard.objects.get(interview=interview, interviewer=plan.alice)
    services.scorecard_save_draft(
        scorecard=scorecard, actor=plan.alice, fields={"hard_skills": "Ask about SQL"}
    )
    # when / then: submitting is refused with when the interview starts
    with pytest.raises(ValidationError, match="submit the scorecard once it has started"):
        services.scorecard_submit(scorecard=scorecard, actor=plan.alice, fields=complete_fields())
    scorecard.refresh_from_db()
    assert scorecard.status == Scorecard.Status.DRAFT


def test_a_scorecard_is_submitted_during_the_interview(plan):
    interview = schedule(plan, starts_at=timezone.now() - dt.timedelta(minutes=5))
    scorecard = Scorecard.objects.get(interview=interview, interviewer=plan.alice)
    services.scorecard_submit(scorecard=scorecard, actor=plan.alice, fields=complete_fields())
    scorecard.refresh_from_db()
    assert scorecard.status == Scorecard.Status.SUBMITTED
