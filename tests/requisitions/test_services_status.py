"""The status machine: allowed moves, on hold and cancelled."""

import pytest
from django.core.exceptions import ValidationError

from requisitions import services
from requisitions.models import Requisition, RequisitionEvent

S = Requisition.Status


# --- Status transitions ------------------------------------------------------------------
def test_transition_draft_to_intake_records_timeline_event(new_requisition, recruiter):
    services.requisition_transition(
        requisition=new_requisition, to_status=S.INTAKE, actor=recruiter, reason="kick-off"
    )
    new_requisition.refresh_from_db()
    assert new_requisition.status == S.INTAKE
    event = new_requisition.events.filter(kind=RequisitionEvent.Kind.STATUS).get()
    assert event.message == "Status changed from Draft to Intake: kick-off"


def test_transition_skipping_a_step_is_refused_with_allowed_steps(new_requisition, recruiter):
    with pytest.raises(ValidationError) as exc:
        services.requisition_transition(
            requisition=new_requisition, to_status=S.SOURCING, actor=recruiter
        )
    message = exc.value.messages[0]
    assert "cannot move from Draft to Sourcing" in message
    assert "Allowed next steps: Intake, On hold, Cancelled." in message


def test_transition_to_aligned_requires_a_signed_criteria_version(new_requisition, recruiter):
    services.requisition_transition(
        requisition=new_requisition, to_status=S.INTAKE, actor=recruiter
    )
    with pytest.raises(ValidationError) as exc:
        services.requisition_transition(
            requisition=new_requisition, to_status=S.ALIGNED, actor=recruiter
        )
    assert "signed off the criteria" in exc.value.messages[0]
    new_requisition.refresh_from_db()
    assert new_requisition.status == S.INTAKE


def test_transition_to_sourcing_sets_opened_at(signed_requisition, recruiter):
    services.requisition_transition(
        requisition=signed_requisition, to_status=S.SOURCING, actor=recruiter
    )
    signed_requisition.refresh_from_db()
    assert signed_requisition.opened_at is not None


def test_on_hold_resumes_to_previous_status(signed_requisition, recruiter):
    services.requisition_transition(
        requisition=signed_requisition, to_status=S.ON_HOLD, actor=recruiter
    )
    signed_requisition.refresh_from_db()
    assert services.allowed_transitions(signed_requisition) == [S.ALIGNED, S.CANCELLED]
    services.requisition_transition(
        requisition=signed_requisition, to_status=S.ALIGNED, actor=recruiter
    )
    signed_requisition.refresh_from_db()
    assert signed_requisition.status == S.ALIGNED


def test_cancelled_requisition_cannot_move(new_requisition, recruiter):
    services.requisition_transition(
        requisition=new_requisition, to_status=S.CANCELLED, actor=recruiter
    )
    with pytest.raises(ValidationError) as exc:
        services.requisition_transition(
            requisition=new_requisition, to_status=S.DRAFT, actor=recruiter
        )
    assert "Allowed next steps: none." in exc.value.messages[0]


def test_unknown_status_is_refused(new_requisition, recruiter):
    with pytest.raises(ValidationError, match="'nonsense'"):
        services.requisition_transition(
            requisition=new_requisition, to_status="nonsense", actor=recruiter
        )
