"""Pages of a stopped or not yet aligned requisition show why, and hide what is refused."""

import pytest
from django.urls import reverse

from candidates.models import Shortlist
from requisitions.models import Requisition
from tests import factories

S = Requisition.Status


def _detail(client, user, requisition):
    client.force_login(user)
    return client.get(reverse("requisitions:requisition_detail", args=[requisition.pk]))


def _pipeline(client, user, requisition):
    client.force_login(user)
    return client.get(reverse("candidates:pipeline", args=[requisition.pk]))


@pytest.fixture
def signed(requisition):
    version = factories.CriteriaVersionFactory(requisition=requisition, number=1)
    factories.CriterionFactory(version=version, name="Runs production services")
    factories.InterviewStageFactory(requisition=requisition, name="Tech screen")
    return version


@pytest.mark.parametrize("status", [S.FILLED, S.CANCELLED, S.ON_HOLD])
def test_a_stopped_requisition_hides_its_editing_controls(
    client, recruiter, requisition, signed, status
):
    Requisition.objects.filter(pk=requisition.pk).update(status=status)
    body = _detail(client, recruiter, requisition).content.decode()
    assert "read-only" in body
    for control in (
        reverse("requisitions:criterion_add", args=[requisition.pk]),
        reverse("requisitions:interview_stage_add", args=[requisition.pk]),
        reverse("requisitions:alignment_meeting_create", args=[requisition.pk]),
        reverse("requisitions:requisition_edit", args=[requisition.pk]),
        "Remove Runs production services",
        "Edit Runs production services",
    ):
        assert control not in body, control


def test_an_open_requisition_keeps_its_editing_controls(client, recruiter, requisition, signed):
    body = _detail(client, recruiter, requisition).content.decode()
    assert reverse("requisitions:criterion_add", args=[requisition.pk]) in body
    assert "Edit Runs production services" in body
    assert "read-only" not in body


def test_a_held_requisition_still_offers_to_resume(client, recruiter, requisition, signed):
    Requisition.objects.filter(pk=requisition.pk).update(
        status=S.ON_HOLD, status_before_hold=S.SOURCING
    )
    response = _detail(client, recruiter, requisition)
    assert (S.SOURCING, "Sourcing") in response.context["page"].transitions
    assert "Move to Sourcing" in response.content.decode()


def test_a_filled_pipeline_offers_only_closing_moves_and_no_new_candidates(
    client, recruiter, requisition, signed
):
    factories.ApplicationFactory(requisition=requisition)
    Requisition.objects.filter(pk=requisition.pk).update(status=S.FILLED)
    response = _pipeline(client, recruiter, requisition)
    body = response.content.decode()
    assert [v for v, _ in response.context["move_stages"]] == ["rejected", "withdrawn"]
    assert "Add candidate" not in body and "Send shortlist" not in body


def test_a_draft_pipeline_warns_and_allows_sourcing_but_not_shortlists(
    client, recruiter, requisition
):
    Requisition.objects.filter(pk=requisition.pk).update(status=S.DRAFT)
    response = _pipeline(client, recruiter, requisition)
    body = response.content.decode()
    assert "Not aligned yet" in body
    assert "Add candidate" in body and "Send shortlist" not in body
    assert "interviewing" not in [v for v, _ in response.context["move_stages"]]


def test_a_refused_shortlist_on_a_draft_says_alignment_comes_first(client, recruiter, requisition):
    Requisition.objects.filter(pk=requisition.pk).update(status=S.DRAFT)
    requisition.refresh_from_db()
    application = factories.ApplicationFactory(requisition=requisition)
    client.force_login(recruiter)
    response = client.post(
        reverse("candidates:shortlist_create", args=[requisition.pk]),
        {"applications": [application.pk], "note": "x"},
    )
    assert "Shortlists wait for alignment" in response.content.decode()
    assert not Shortlist.objects.exists()


def test_adding_a_candidate_before_alignment_warns_but_adds(client, recruiter, requisition):
    Requisition.objects.filter(pk=requisition.pk).update(status=S.DRAFT)
    client.force_login(recruiter)
    response = client.post(
        reverse("candidates:candidate_create"),
        {
            "full_name": "Early Bird",
            "email": "early@example.org",
            "source": "sourced",
            "requisition": requisition.pk,
        },
        follow=True,
    )
    assert "not aligned yet" in response.content.decode()
    assert requisition.applications.filter(candidate__full_name="Early Bird").exists()
