import datetime as dt
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone

from debriefs import services
from debriefs.models import Interview, Rating, Scorecard
from requisitions.models import Requisition
from tests import factories

# What a single-line field says to a line break.
ONE_LINE = "Enter this on one line"


def url(name: str, *args) -> str:
    return reverse(f"debriefs:{name}", args=args)


@dataclass
class Plan:
    """A requisition with signed criteria, a two-stage interview plan and one candidate."""

    requisition: object
    criteria: list
    stage1: object
    stage2: object
    application: object
    alice: object
    bob: object
    carol: object


@pytest.fixture
def plan(recruiter, hiring_manager, interviewer):
    requisition = factories.RequisitionFactory(
        recruiter=recruiter,
        hiring_manager=hiring_manager,
        status=Requisition.Status.INTERVIEWING,
    )
    alice = interviewer
    bob = factories.InterviewerFactory(full_name="Bob Builder")
    carol = factories.InterviewerFactory(full_name="Carol Chen")
    criteria, stage1, stage2 = factories.interview_plan(
        requisition, technical=[alice, bob], team=[carol]
    )
    application = factories.ShortlistedApplicationFactory(
        requisition=requisition,
        candidate=factories.CandidateFactory(full_name="Dana Diaz", email="dana@example.org"),
        # application_move full_clean()s the application: created_by must be set.
        created_by=recruiter,
    )
    return Plan(requisition, criteria, stage1, stage2, application, alice, bob, carol)


def schedule(plan, *, stage=None, actor=None, starts_at=None, **kwargs) -> Interview:
    starts_at = starts_at or timezone.now() - dt.timedelta(hours=3)
    return services.interview_schedule(
        application=plan.application,
        stage=stage or plan.stage1,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=1),
        actor=actor or plan.requisition.recruiter,
        location="Room 4",
        **kwargs,
    )


def reschedule(plan, interview, *, shift=dt.timedelta(0), **kwargs) -> Interview:
    """Move the interview by shift (by default keep its time) as the recruiter."""
    return services.interview_reschedule(
        interview=interview,
        starts_at=interview.starts_at + shift,
        ends_at=interview.ends_at + shift,
        actor=plan.requisition.recruiter,
        **kwargs,
    )


def decide(plan, actor, decision, rationale, stage):
    return services.debrief_decide(
        application=plan.application,
        decision=decision,
        rationale=rationale,
        stage=stage,
        actor=actor,
    )


def complete_fields(recommendation=Rating.YES, **overrides) -> dict:
    return factories.scorecard_fields(recommendation=recommendation, **overrides)


def submit(interview, person, *, ratings=None, recommendation=Rating.YES, **overrides):
    """Submit `person`'s scorecard; ratings: {criterion: rating} (evidence filled in)."""
    scorecard = Scorecard.objects.get(interview=interview, interviewer=person)
    return services.scorecard_submit(
        scorecard=scorecard,
        actor=person,
        fields=complete_fields(recommendation, **overrides),
        ratings={
            c.pk: {"rating": r, "evidence": f"Seen: {c.name}" if r else ""}
            for c, r in (ratings or {}).items()
        },
    )


@pytest.fixture
def interview(plan):
    return schedule(plan)


@pytest.fixture
def outsider(db):
    return factories.InterviewerFactory(full_name="Otto Outsider")


@pytest.fixture
def other_manager(db):
    return factories.HiringManagerFactory(full_name="Hank Other")
