import pytest
from django.core.exceptions import ValidationError

from candidates.models import Application
from candidates.services import application_move
from tests import factories

pytestmark = pytest.mark.django_db
St = Application.Stage


def test_each_move_is_kept_with_who_from_to_and_reason(recruiter):
    application = factories.ApplicationFactory(requisition__recruiter=recruiter)
    application = application_move(application=application, to_stage=St.SCREENING, actor=recruiter)
    application = application_move(
        application=application, to_stage=St.REJECTED, actor=recruiter, reason="Salary mismatch"
    )
    moves = list(
        application.stage_changes.order_by("id").values_list("from_stage", "to_stage", "reason")
    )
    assert moves == [(St.SOURCED, St.SCREENING, ""), (St.SCREENING, St.REJECTED, "Salary mismatch")]
    assert application.closed_reason == "Salary mismatch"


def test_rejecting_without_a_reason_is_refused(recruiter):
    application = factories.ApplicationFactory(requisition__recruiter=recruiter)
    with pytest.raises(ValidationError, match="Say why"):
        application_move(application=application, to_stage=St.REJECTED, actor=recruiter)


def test_reaching_the_shortlist_makes_the_candidate_visible_to_the_manager(recruiter):
    application = factories.ApplicationFactory(requisition__recruiter=recruiter)
    application = application_move(
        application=application, to_stage=St.SHORTLISTED, actor=recruiter
    )
    assert application.shortlisted_at is not None


def test_hired_only_after_an_offer_and_then_final(recruiter):
    application = factories.ApplicationFactory(
        stage=St.INTERVIEWING, requisition__recruiter=recruiter
    )
    with pytest.raises(ValidationError, match="offer stage"):
        application_move(application=application, to_stage=St.HIRED, actor=recruiter)
    application = application_move(application=application, to_stage=St.OFFER, actor=recruiter)
    application = application_move(application=application, to_stage=St.HIRED, actor=recruiter)
    with pytest.raises(ValidationError, match="final"):
        application_move(application=application, to_stage=St.SCREENING, actor=recruiter)
