"""The shared access rules, role by role."""

import pytest

from candidates.models import Application
from debriefs.models import Scorecard
from hiring_hub import access
from tests import factories

pytestmark = pytest.mark.django_db


def test_recruiters_see_every_requisition(recruiter, requisition):
    other = factories.RequisitionFactory()
    assert set(access.requisitions_visible_to(recruiter)) == {requisition, other}


def test_hiring_manager_sees_only_their_requisitions(hiring_manager, requisition):
    factories.RequisitionFactory()
    assert list(access.requisitions_visible_to(hiring_manager)) == [requisition]


def test_hiring_team_member_sees_the_requisitions_they_interview_for(interviewer, requisition):
    factories.RequisitionFactory()
    assert list(access.requisitions_visible_to(interviewer)) == [requisition]


def test_outsider_and_inactive_users_see_no_requisition(requisition, interviewer):
    assert not access.requisitions_visible_to(factories.InterviewerFactory()).exists()
    interviewer.is_active = False
    assert not access.requisitions_visible_to(interviewer).exists()


def test_only_the_owning_recruiter_edits_and_only_the_manager_signs_off(requisition):
    other_recruiter = factories.RecruiterFactory()
    assert access.can_edit_requisition(requisition.recruiter, requisition)
    assert not access.can_edit_requisition(other_recruiter, requisition)
    assert not access.can_edit_requisition(requisition.hiring_manager, requisition)
    assert access.can_edit_intake(requisition.hiring_manager, requisition)
    assert access.can_sign_off(requisition.hiring_manager, requisition)
    assert not access.can_sign_off(requisition.recruiter, requisition)


def test_hiring_manager_sees_candidates_only_from_the_shortlist_on(hiring_manager, requisition):
    sourced = factories.ApplicationFactory(requisition=requisition)
    shortlisted = factories.ShortlistedApplicationFactory(requisition=requisition)
    factories.ShortlistedApplicationFactory()  # someone else's requisition
    assert list(access.applications_visible_to(hiring_manager)) == [shortlisted]
    assert list(access.candidates_visible_to(hiring_manager)) == [shortlisted.candidate]
    assert sourced.candidate not in access.candidates_visible_to(hiring_manager)


def test_interviewer_sees_only_candidates_they_interview(interviewer, requisition):
    interview = factories.InterviewFactory(
        application__requisition=requisition, interviewers=[interviewer]
    )
    factories.ShortlistedApplicationFactory(requisition=requisition)
    assert list(access.applications_visible_to(interviewer)) == [interview.application]
    assert list(access.interviews_visible_to(interviewer)) == [interview]
    assert not access.can_see_offer(interviewer, interview.application)
    assert access.can_see_offer(requisition.hiring_manager, interview.application)


def test_interviewer_sees_other_scorecards_only_after_submitting_their_own(requisition):
    ian, priya = factories.InterviewerFactory(), factories.InterviewerFactory()
    interview = factories.InterviewFactory(
        application__requisition=requisition, interviewers=[ian, priya]
    )
    mine = factories.ScorecardFactory(interview=interview, interviewer=ian)
    theirs = factories.ScorecardFactory(
        interview=interview,
        interviewer=priya,
        status=Scorecard.Status.SUBMITTED,
        recommendation=3,
        submitted_at=interview.ends_at,
    )
    assert list(access.scorecards_visible_to(ian)) == [mine]

    Scorecard.objects.filter(pk=mine.pk).update(
        status=Scorecard.Status.SUBMITTED, recommendation=2, submitted_at=interview.ends_at
    )
    assert set(access.scorecards_visible_to(ian)) == {mine, theirs}
    # the hiring manager and recruiter see submitted scorecards, never drafts
    Scorecard.objects.filter(pk=mine.pk).update(status=Scorecard.Status.DRAFT, submitted_at=None)
    assert list(access.scorecards_visible_to(requisition.hiring_manager)) == [theirs]
    assert list(access.scorecards_visible_to(requisition.recruiter)) == [theirs]


def test_application_stage_values_for_managers_start_at_the_shortlist():
    assert Application.Stage.SOURCED not in Application.Stage.manager_visible_values()
    assert Application.Stage.SHORTLISTED in Application.Stage.manager_visible_values()
