"""The intake: revisions, the meeting and who may edit it."""

import pytest
from django.core.exceptions import PermissionDenied

from requisitions import services
from requisitions.models import IntakeRevision, Requisition, RequisitionEvent
from tests.requisitions.conftest import at

S = Requisition.Status


# --- Intake ----------------------------------------------------------------------------
def test_intake_update_keeps_revision_with_author_and_changed_fields(
    new_requisition, hiring_manager
):
    revision = services.intake_update(
        requisition=new_requisition,
        actor=hiring_manager,
        success_6_months="Owns the payouts service.",
        deal_breakers="",
    )
    assert revision.author == hiring_manager
    assert revision.changes == {
        "success_6_months": {"before": "", "after": "Owns the payouts service."}
    }
    assert new_requisition.events.filter(kind=RequisitionEvent.Kind.INTAKE).exists()


def test_intake_update_without_change_records_nothing(new_requisition, recruiter):
    services.intake_update(requisition=new_requisition, actor=recruiter, timeline="Q1")
    assert (
        services.intake_update(requisition=new_requisition, actor=recruiter, timeline="Q1") is None
    )
    assert IntakeRevision.objects.count() == 1


def test_intake_meeting_move_bumps_sequence(new_requisition, recruiter, hiring_manager):
    services.intake_update(
        requisition=new_requisition, actor=recruiter, meeting_at=at(24), meeting_attendees=[]
    )
    services.intake_update(requisition=new_requisition, actor=recruiter, meeting_at=at(48))
    new_requisition.intake.refresh_from_db()
    assert new_requisition.intake.meeting_sequence == 2


def test_intake_update_refused_for_interviewer(new_requisition, interviewer):
    with pytest.raises(PermissionDenied):
        services.intake_update(requisition=new_requisition, actor=interviewer, timeline="now")
