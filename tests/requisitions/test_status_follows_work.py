"""The requisition's status follows the work; stopped searches are read-only."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from candidates import services as candidate_services
from candidates.models import Application
from debriefs import services as debrief_services
from requisitions import services
from requisitions.models import Criterion, Requisition, RequisitionEvent
from tests import factories
from tests.requisitions.conftest import add_criteria

S = Requisition.Status


def _status(requisition) -> str:
    return Requisition.objects.values_list("status", flat=True).get(pk=requisition.pk)


def _status_events(requisition) -> list[tuple[str, str]]:
    return [
        (e.data["from"], e.data["to"])
        for e in requisition.events.filter(kind=RequisitionEvent.Kind.STATUS).order_by(
            "created_at", "id"
        )
    ]


def _add(requisition, recruiter, name="Ada Lovelace"):
    candidate = factories.CandidateFactory(full_name=name)
    return candidate_services.application_create(
        candidate=candidate, requisition=requisition, actor=recruiter
    )


def _schedule(application, stage, recruiter, start):
    """A one-hour interview at start."""
    end = start + dt.timedelta(hours=1)
    return debrief_services.interview_schedule(
        application=application, stage=stage, starts_at=start, ends_at=end, actor=recruiter
    )


@pytest.fixture
def aligned(new_requisition, recruiter, hiring_manager):
    services.intake_update(
        requisition=new_requisition, actor=recruiter, business_goals="Grow payments"
    )
    add_criteria(new_requisition, recruiter)
    services.criteria_sign_off(requisition=new_requisition, actor=hiring_manager)
    new_requisition.refresh_from_db()
    return new_requisition


def test_read_only_statuses_are_defined_once_on_the_model():
    assert set(S.read_only_values()) == {S.FILLED, S.CANCELLED, S.ON_HOLD}
    assert Requisition(status=S.FILLED).is_read_only
    assert not Requisition(status=S.SOURCING).is_read_only


def test_intake_work_moves_a_draft_to_intake_with_a_timeline_entry(new_requisition, recruiter):
    services.intake_update(requisition=new_requisition, actor=recruiter, business_goals="Grow")
    assert _status(new_requisition) == S.INTAKE
    assert _status_events(new_requisition) == [(S.DRAFT, S.INTAKE)]


def test_sign_off_aligns_a_requisition_left_in_draft(new_requisition, recruiter, hiring_manager):
    add_criteria(new_requisition, recruiter)
    services.criteria_sign_off(requisition=new_requisition, actor=hiring_manager)
    assert _status(new_requisition) == S.ALIGNED
    assert _status_events(new_requisition) == [(S.DRAFT, S.INTAKE), (S.INTAKE, S.ALIGNED)]


def test_first_candidate_moves_an_aligned_requisition_to_sourcing(aligned, recruiter):
    _add(aligned, recruiter)
    aligned.refresh_from_db()
    assert aligned.status == S.SOURCING
    assert aligned.opened_at is not None
    event = aligned.events.filter(kind=RequisitionEvent.Kind.STATUS).first()
    assert "Ada Lovelace added to the pipeline" in event.message
    _add(aligned, recruiter, name="Grace Hopper")
    assert _status_events(aligned).count((S.ALIGNED, S.SOURCING)) == 1


def test_sourcing_before_alignment_is_allowed_and_sign_off_then_moves_to_sourcing(
    new_requisition, recruiter, hiring_manager
):
    _add(new_requisition, recruiter)
    assert _status(new_requisition) == S.DRAFT
    add_criteria(new_requisition, recruiter)
    services.criteria_sign_off(requisition=new_requisition, actor=hiring_manager)
    assert _status(new_requisition) == S.SOURCING


def test_shortlist_before_alignment_is_refused_with_the_reason(new_requisition, recruiter):
    application = _add(new_requisition, recruiter)
    with pytest.raises(ValidationError, match="Shortlists wait for alignment"):
        candidate_services.shortlist_submit(
            requisition=new_requisition, applications=[application], note="", actor=recruiter
        )


def test_moving_a_candidate_past_screening_before_alignment_is_refused(new_requisition, recruiter):
    application = _add(new_requisition, recruiter)
    with pytest.raises(ValidationError, match="wait for alignment"):
        candidate_services.application_move(
            application=application, to_stage=Application.Stage.SHORTLISTED, actor=recruiter
        )
    candidate_services.application_move(
        application=application, to_stage=Application.Stage.SCREENING, actor=recruiter
    )


def test_interview_before_alignment_is_refused(new_requisition, recruiter, interviewer):
    application = _add(new_requisition, recruiter)
    stage = services.interview_stage_add(
        requisition=new_requisition, actor=recruiter, name="Tech", interviewers=[interviewer]
    )
    with pytest.raises(ValidationError, match="Interviews wait for alignment"):
        _schedule(application, stage, recruiter, timezone.now() + dt.timedelta(days=1))


def test_the_work_walks_a_requisition_from_draft_to_filled(
    new_requisition, recruiter, hiring_manager, interviewer, django_capture_on_commit_callbacks
):
    # given a draft requisition nobody moves by hand
    requisition = new_requisition
    services.intake_update(requisition=requisition, actor=recruiter, business_goals="Grow")
    must, _ = add_criteria(requisition, recruiter)
    stage = services.interview_stage_add(
        requisition=requisition, actor=recruiter, name="Tech", interviewers=[interviewer]
    )
    services.criteria_sign_off(requisition=requisition, actor=hiring_manager)
    assert _status(requisition) == S.ALIGNED
    application = _add(requisition, recruiter)
    assert _status(requisition) == S.SOURCING
    candidate_services.assessment_save(
        application=application,
        actor=recruiter,
        ratings={
            c.pk: ("meets", "seen")
            for c in Criterion.objects.filter(version__requisition=requisition, version__number=1)
        },
    )
    shortlist = candidate_services.shortlist_submit(
        requisition=requisition, applications=[application], note="", actor=recruiter
    )
    candidate_services.shortlist_entry_decide(
        entry=shortlist.entries.get(), actor=hiring_manager, decision="advance"
    )
    assert _status(requisition) == S.SOURCING
    # the debrief below follows the interview
    _schedule(application, stage, recruiter, timezone.now() - dt.timedelta(hours=2))
    assert _status(requisition) == S.INTERVIEWING
    debrief_services.debrief_decide(
        application=application, decision="offer", rationale="Strong", actor=hiring_manager
    )
    application.refresh_from_db()
    offer = candidate_services.offer_create(
        application=application, actor=recruiter, base_salary=100000
    )
    candidate_services.offer_approve(offer=offer, actor=hiring_manager)
    assert _status(requisition) == S.INTERVIEWING
    made = timezone.now()
    candidate_services.offer_verbal_record(
        offer=offer, actor=recruiter, made_at=made, outcome="positive"
    )
    assert _status(requisition) == S.OFFER
    candidate_services.offer_written_send(offer=offer, actor=recruiter, sent_at=made)
    candidate_services.offer_accept(offer=offer, actor=recruiter)
    # then every step is on the timeline, in order
    assert _status(requisition) == S.FILLED
    assert _status_events(requisition) == [
        (S.DRAFT, S.INTAKE),
        (S.INTAKE, S.ALIGNED),
        (S.ALIGNED, S.SOURCING),
        (S.SOURCING, S.INTERVIEWING),
        (S.INTERVIEWING, S.OFFER),
        (S.OFFER, S.FILLED),
    ]


def test_work_does_not_move_a_requisition_on_hold(aligned, recruiter):
    services.requisition_transition(requisition=aligned, to_status=S.ON_HOLD, actor=recruiter)
    aligned.refresh_from_db()
    with pytest.raises(ValidationError, match="on hold"):
        _add(aligned, recruiter)
    assert _status(aligned) == S.ON_HOLD


@pytest.mark.parametrize("status", [S.FILLED, S.CANCELLED, S.ON_HOLD])
def test_a_stopped_requisition_refuses_plan_and_criteria_changes(
    aligned, recruiter, hiring_manager, status
):
    Requisition.objects.filter(pk=aligned.pk).update(status=status)
    aligned.refresh_from_db()
    refused = [
        lambda: services.criterion_add(
            requisition=aligned, actor=recruiter, name="X", kind=Criterion.Kind.NICE_TO_HAVE
        ),
        lambda: services.interview_stage_add(requisition=aligned, actor=recruiter, name="Tech"),
        lambda: services.alignment_meeting_schedule(
            requisition=aligned, actor=recruiter, scheduled_at=timezone.now()
        ),
        lambda: services.persona_update(requisition=aligned, actor=recruiter, persona="New"),
        lambda: services.requisition_update(requisition=aligned, actor=recruiter, title="New"),
        lambda: services.intake_update(requisition=aligned, actor=recruiter, timeline="Now"),
    ]
    for attempt in refused:
        with pytest.raises(ValidationError, match="read-only|on hold"):
            attempt()


def test_a_filled_requisition_still_closes_other_candidates_and_takes_notes(aligned, recruiter):
    application = _add(aligned, recruiter)
    Requisition.objects.filter(pk=aligned.pk).update(status=S.FILLED)
    with pytest.raises(ValidationError, match="read-only"):
        candidate_services.application_move(
            application=application, to_stage=Application.Stage.SCREENING, actor=recruiter
        )
    candidate_services.application_move(
        application=application,
        to_stage=Application.Stage.REJECTED,
        actor=recruiter,
        reason="Position filled",
    )
    services.check_in_note_save(
        requisition=aligned, week_start=timezone.localdate(), note="Filled!", actor=recruiter
    )


def test_a_held_requisition_can_still_be_resumed_by_hand(aligned, recruiter):
    _add(aligned, recruiter)
    services.requisition_transition(requisition=aligned, to_status=S.ON_HOLD, actor=recruiter)
    services.requisition_transition(requisition=aligned, to_status=S.SOURCING, actor=recruiter)
    assert _status(aligned) == S.SOURCING
