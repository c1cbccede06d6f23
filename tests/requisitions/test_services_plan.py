"""Alignment meetings and the interview plan."""

import pytest
from django.core.exceptions import ValidationError

from requisitions import selectors, services
from requisitions.models import Criterion, Requisition
from tests import factories
from tests.requisitions.conftest import add_criteria, at

S = Requisition.Status


# --- Alignment meeting ----------------------------------------------------------------------
def test_alignment_agenda_is_generated_from_intake_criteria_and_persona(
    new_requisition, recruiter, hiring_manager
):
    services.intake_update(
        requisition=new_requisition,
        actor=hiring_manager,
        success_6_months="Ships the ledger rewrite.",
        past_hire_not_worked="Great coder, never talked to finance.",
    )
    add_criteria(new_requisition, recruiter)
    services.persona_update(requisition=new_requisition, actor=recruiter, persona="Builder.")
    meeting = services.alignment_meeting_schedule(
        requisition=new_requisition, actor=recruiter, scheduled_at=at()
    )
    assert "After 6 months: Ships the ledger rewrite." in meeting.agenda
    assert "A hire that did not work out: Great coder" in meeting.agenda
    assert "Strategic thinker: Connects the roadmap" in meeting.agenda
    assert "Payments domain (define it)" in meeting.agenda
    assert "Builder." in meeting.agenda
    assert set(meeting.attendees.all()) == {recruiter, hiring_manager}


def test_alignment_meeting_reschedule_bumps_sequence(new_requisition, recruiter):
    when = at()  # one instant: two calls to at() may straddle a second
    meeting = services.alignment_meeting_schedule(
        requisition=new_requisition, actor=recruiter, scheduled_at=when
    )
    common = {"duration_minutes": 45, "attendees": list(meeting.attendees.all()), "agenda": "A"}
    services.alignment_meeting_update(
        meeting=meeting, actor=recruiter, scheduled_at=when, notes="n", decisions="d", **common
    )
    meeting.refresh_from_db()
    assert meeting.sequence == 0
    services.alignment_meeting_update(
        meeting=meeting, actor=recruiter, scheduled_at=at(50), notes="n", decisions="d", **common
    )
    meeting.refresh_from_db()
    assert meeting.sequence == 1


# --- Interview plan --------------------------------------------------------------------------
def test_plan_coverage_warns_about_must_have_assessed_by_no_stage(signed_requisition, recruiter):
    signed = selectors.current_signed_version(signed_requisition)
    must = signed.criteria.get(kind=Criterion.Kind.MUST_HAVE)
    nice = signed.criteria.get(kind=Criterion.Kind.NICE_TO_HAVE)
    services.interview_stage_add(
        requisition=signed_requisition, actor=recruiter, name="Screen", criterion_keys=[nice.key]
    )
    stages = list(signed_requisition.interview_stages.all())
    coverage = selectors.plan_coverage(stages, list(signed.criteria.all()))
    assert coverage.uncovered_must_haves == [must]

    services.interview_stage_add(
        requisition=signed_requisition, actor=recruiter, name="Deep dive", criterion_keys=[must.key]
    )
    stages = list(signed_requisition.interview_stages.all())
    assert selectors.plan_coverage(stages, list(signed.criteria.all())).uncovered_must_haves == []


def test_stage_keys_follow_criteria_into_a_new_version(signed_requisition, recruiter):
    must = selectors.current_signed_version(signed_requisition).criteria.get(
        kind=Criterion.Kind.MUST_HAVE
    )
    services.interview_stage_add(
        requisition=signed_requisition, actor=recruiter, name="Deep dive", criterion_keys=[must.key]
    )
    services.persona_update(requisition=signed_requisition, actor=recruiter, persona="v2")
    draft = selectors.draft_version(signed_requisition)
    coverage = selectors.plan_coverage(
        list(signed_requisition.interview_stages.all()), list(draft.criteria.all())
    )
    assert coverage.uncovered_must_haves == []


def test_stage_interviewers_join_the_hiring_team(signed_requisition, recruiter):
    newcomer = factories.InterviewerFactory()
    services.interview_stage_add(
        requisition=signed_requisition, actor=recruiter, name="Panel", interviewers=[newcomer]
    )
    assert newcomer in signed_requisition.hiring_team.all()


def test_stage_refuses_criteria_of_another_requisition(signed_requisition, recruiter):
    foreign = factories.CriterionFactory()
    with pytest.raises(ValidationError) as exc:
        services.interview_stage_add(
            requisition=signed_requisition,
            actor=recruiter,
            name="Panel",
            criterion_keys=[foreign.key],
        )
    assert "criterion_keys" in exc.value.error_dict


def test_stages_are_ordered_as_added(signed_requisition, recruiter):
    for name in ("Screen", "Technical", "Values"):
        services.interview_stage_add(requisition=signed_requisition, actor=recruiter, name=name)
    assert [s.name for s in signed_requisition.interview_stages.all()] == [
        "Screen",
        "Technical",
        "Values",
    ]


def test_stage_with_interviews_cannot_be_removed(recruiter, hiring_manager):
    interview = factories.InterviewFactory(
        application__requisition__recruiter=recruiter,
        application__requisition__hiring_manager=hiring_manager,
    )
    with pytest.raises(ValidationError, match="already has interviews"):
        services.interview_stage_remove(stage=interview.stage, actor=recruiter)
