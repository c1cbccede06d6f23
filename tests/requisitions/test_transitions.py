import pytest
from django.core.exceptions import ValidationError

from requisitions.models import Requisition
from requisitions.services import allowed_transitions, requisition_transition
from tests import factories

pytestmark = pytest.mark.django_db
S = Requisition.Status


def test_requisition_walks_the_whole_search_and_records_each_step():
    requisition = factories.RequisitionFactory(status=S.DRAFT)
    actor = requisition.recruiter
    for status in (S.INTAKE, S.ALIGNED, S.SOURCING, S.INTERVIEWING, S.OFFER, S.FILLED):
        requisition = requisition_transition(requisition=requisition, to_status=status, actor=actor)
    assert requisition.status == S.FILLED
    assert requisition.opened_at is not None and requisition.filled_at is not None
    assert requisition.events.filter(kind="status").count() == 6


def test_skipping_a_step_is_refused_with_the_allowed_next_steps():
    requisition = factories.RequisitionFactory(status=S.DRAFT)
    with pytest.raises(ValidationError) as error:
        requisition_transition(requisition=requisition, to_status=S.SOURCING, actor=None)
    assert "cannot move from Draft to Sourcing" in str(error.value)
    assert "Allowed next steps: Intake, On hold, Cancelled" in str(error.value)
    requisition.refresh_from_db()
    assert requisition.status == S.DRAFT


def test_on_hold_resumes_where_the_search_was():
    requisition = factories.RequisitionFactory(status=S.INTERVIEWING)
    requisition = requisition_transition(requisition=requisition, to_status=S.ON_HOLD, actor=None)
    assert allowed_transitions(requisition) == [S.INTERVIEWING, S.CANCELLED]
    requisition = requisition_transition(
        requisition=requisition, to_status=S.INTERVIEWING, actor=None
    )
    assert requisition.status == S.INTERVIEWING


@pytest.mark.parametrize("final", [S.FILLED, S.CANCELLED])
def test_closed_requisitions_do_not_move(final):
    requisition = factories.RequisitionFactory(status=final)
    assert allowed_transitions(requisition) == []
    with pytest.raises(ValidationError):
        requisition_transition(requisition=requisition, to_status=S.SOURCING, actor=None)
