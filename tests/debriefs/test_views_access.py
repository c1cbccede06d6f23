"""Every debrief view refuses the wrong role, and says why when it can."""

import pytest

from candidates.models import Application
from debriefs import services
from debriefs.models import CandidateUpdate, Interview, Scorecard
from tests.debriefs.conftest import submit, url

pytestmark = pytest.mark.django_db


# --- Access: every view refuses the wrong role ---------
def test_anonymous_is_sent_to_login(client, interview):
    response = client.get(url("interview_detail", interview.pk))
    assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize("name", ["interview_detail", "interview_ics", "scorecard_edit"])
def test_interviewer_gets_404_for_an_interview_they_are_not_on(client, interview, outsider, name):
    client.force_login(outsider)
    assert client.get(url(name, interview.pk)).status_code == 404


def test_other_hiring_manager_gets_404_for_the_interview(client, interview, other_manager):
    client.force_login(other_manager)
    assert client.get(url("interview_detail", interview.pk)).status_code == 404


@pytest.mark.parametrize("role", ["alice", "hiring_manager"])
def test_only_recruiters_schedule_reschedule_and_cancel(client, plan, interview, role):
    user = plan.alice if role == "alice" else plan.requisition.hiring_manager
    client.force_login(user)

    assert client.get(url("interview_schedule_start")).status_code == 403
    assert client.get(url("interview_create", plan.application.pk)).status_code == 403
    assert client.get(url("interview_edit", interview.pk)).status_code == 403
    assert client.post(url("interview_cancel", interview.pk)).status_code == 403
    interview.refresh_from_db()
    assert interview.status == Interview.Status.SCHEDULED


def test_recruiter_and_hiring_manager_cannot_write_a_scorecard_they_do_not_own(
    client, plan, interview
):
    for user in (plan.requisition.recruiter, plan.requisition.hiring_manager):
        client.force_login(user)
        assert client.get(url("scorecard_edit", interview.pk)).status_code == 403


def test_interviewer_cannot_read_another_interviewers_draft(client, plan, interview):
    # given Bob's draft with private notes
    bob_card = Scorecard.objects.get(interview=interview, interviewer=plan.bob)

    services.scorecard_save_draft(
        scorecard=bob_card, actor=plan.bob, fields={"hard_skills": "BOB-PRIVATE-NOTE"}
    )
    client.force_login(plan.alice)

    # then Alice sees it neither on the interview, nor the debrief, nor her scorecard page
    assert b"BOB-PRIVATE-NOTE" not in client.get(url("interview_detail", interview.pk)).content
    assert client.get(url("debrief", plan.application.pk)).status_code == 403
    assert b"BOB-PRIVATE-NOTE" not in client.get(url("scorecard_edit", interview.pk)).content
    # and even after Alice submits, a draft stays private
    submit(interview, plan.alice)
    assert b"BOB-PRIVATE-NOTE" not in client.get(url("interview_detail", interview.pk)).content
    assert b"BOB-PRIVATE-NOTE" not in client.get(url("debrief", plan.application.pk)).content


def test_interviewer_sees_others_submitted_scorecard_only_after_submitting(client, plan, interview):
    submit(interview, plan.bob, hard_skills="BOB-SUBMITTED-NOTE")
    client.force_login(plan.alice)

    before = client.get(url("interview_detail", interview.pk))
    assert b"BOB-SUBMITTED-NOTE" not in before.content
    assert b"Hidden until you submit" in before.content

    submit(interview, plan.alice)
    after = client.get(url("interview_detail", interview.pk))
    assert b"BOB-SUBMITTED-NOTE" in after.content


def test_debrief_refuses_outsiders_with_404(client, plan, interview, outsider, other_manager):
    for user in (outsider, other_manager):
        client.force_login(user)
        assert client.get(url("debrief", plan.application.pk)).status_code == 404


def test_interviewer_after_submitting_sees_the_debrief_but_cannot_decide(client, plan, interview):
    submit(interview, plan.alice)
    client.force_login(plan.alice)

    page = client.get(url("debrief", plan.application.pk))
    assert page.status_code == 200 and b"Record decision" not in page.content
    response = client.post(
        url("debrief", plan.application.pk), {"decision": "reject", "rationale": "No"}
    )
    assert response.status_code == 403
    plan.application.refresh_from_db()
    assert plan.application.stage == Application.Stage.INTERVIEWING


@pytest.mark.parametrize("who", ["alice", "hiring_manager"])
def test_thank_you_notes_are_for_recruiters_only(client, plan, interview, who):
    client.force_login(plan.alice if who == "alice" else plan.requisition.hiring_manager)
    assert client.get(url("thank_you_list")).status_code == 403
    assert client.get(url("thank_you_note", interview.pk)).status_code == 403
    assert client.post(url("thank_you_note_mark_sent", interview.pk)).status_code == 403


def test_follow_ups_refuse_interviewers(client, plan, interview):
    client.force_login(plan.alice)
    assert client.get(url("follow_up", plan.application.pk)).status_code == 403


def test_hiring_manager_reads_follow_ups_but_does_not_record_them(client, plan, interview):
    client.force_login(plan.requisition.hiring_manager)
    assert client.get(url("follow_up", plan.application.pk)).status_code == 200
    response = client.post(
        url("follow_up", plan.application.pk), {"channel": "call", "body": "Called"}
    )
    assert response.status_code == 403
    assert not CandidateUpdate.objects.exists()


def test_other_hiring_manager_gets_404_on_follow_ups(client, plan, other_manager):
    client.force_login(other_manager)
    assert client.get(url("follow_up", plan.application.pk)).status_code == 404


# --- Truthful refusals ---------------------------------------------------------------------
def test_interviewer_who_has_not_submitted_is_told_to_submit_first(client, plan, interview):
    client.force_login(plan.alice)
    response = client.get(url("debrief", plan.application.pk))
    assert response.status_code == 403
    body = response.content.decode()
    assert "Submit your own scorecard for the Technical interview" in body
    assert url("scorecard_edit", interview.pk) in body
    assert "you are not part of" not in body


def test_someone_outside_the_interview_keeps_the_general_refusal(client, plan, interview):
    submit(interview, plan.alice)
    client.force_login(plan.carol)
    response = client.get(url("debrief", plan.application.pk))
    assert response.status_code in (403, 404)
    assert b"Submit your own scorecard" not in response.content
