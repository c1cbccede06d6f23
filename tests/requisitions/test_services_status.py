"""The status machine: allowed moves, on hold and cancelled."""

import pytest
from django.core.exceptions import ValidationError

from requisitions import services
from requisitions.models import Requisition, RequisitionEvent

S = Requisition.Status


def move(requisition, to_status, actor, reason=""):
    return services.requisition_transition(
        requisition=requisition, to_status=to_status, actor=actor, reason=reason
    )


# --- Status transitions ------------------------------------------------------------------
def test_transition_draft_to_intake_records_timeline_event(new_requisition, recruiter):
    move(new_requisition, S.INTAKE, recruiter, "kick-off")
    new_requisition.refresh_from_db()
    assert new_requisition.status == S.INTAKE
    event = new_requisition.events.filter(kind=RequisitionEvent.Kind.STATUS).get()
    assert event.message == "Status changed from Draft to Intake: kick-off"


def test_transition_skipping_a_step_is_refused_with_allowed_steps(new_requisition, recruiter):
    with pytest.raises(ValidationError) as exc:
        move(new_requisition, S.SOURCING, recruiter)
    message = exc.value.messages[0]
    assert "cannot move from Draft to Sourcing" in message
    assert "Allowed next steps: Intake, On hold, Cancelled." in message


def test_transition_to_aligned_requires_a_signed_criteria_version(new_requisition, recruiter):
    move(new_requisition, S.INTAKE, recruiter)
    with pytest.raises(ValidationError) as exc:
        move(new_requisition, S.ALIGNED, recruiter)
    assert "signed off the criteria" in exc.value.messages[0]
    new_requisition.refresh_from_db()
    assert new_requisition.status == S.INTAKE


def test_transition_to_sourcing_sets_opened_at(signed_requisition, recruiter):
    move(signed_requisition, S.SOURCING, recruiter)
    signed_requisition.refresh_from_db()
    assert signed_requisition.opened_at is not None


def test_on_hold_resumes_to_previous_status(signed_requisition, recruiter):
    move(signed_requisition, S.ON_HOLD, recruiter)
    signed_requisition.refresh_from_db()
    assert services.allowed_transitions(signed_requisition) == [S.ALIGNED, S.CANCELLED]
    move(signed_requisition, S.ALIGNED, recruiter)
    signed_requisition.refresh_from_db()
    assert signed_requisition.status == S.ALIGNED


def test_cancelled_requisition_cannot_move(new_requisition, recruiter):
    move(new_requisition, S.CANCELLED, recruiter)
    with pytest.raises(ValidationError) as exc:
        move(new_requisition, S.DRAFT, recruiter)
    assert "Allowed next steps: none." in exc.value.messages[0]


def test_unknown_status_is_refused(new_requisition, recruiter):
    with pytest.raises(ValidationError, match="'nonsense'"):
        move(new_requisition, "nonsense", recruiter)
