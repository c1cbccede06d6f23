"""Each denial: recruiters see all; a hiring manager sees their own requisitions'
candidates from the shortlist on; an interviewer sees only the candidates they interview
(name, résumé, interview focus) and never offers."""

import pytest
from django.urls import reverse

from candidates import services
from candidates.models import Application, ShortlistEntry
from tests import factories
from tests.candidates.conftest import pdf_bytes, submit_shortlist, upload

St = Application.Stage
pytestmark = pytest.mark.django_db


@pytest.fixture
def sourced(recruiter, requisition):
    candidate = services.candidate_create(
        actor=recruiter,
        full_name="Sam Sourced",
        email="sam.sourced@example.org",
        notes="Private recruiter note",
        resume=upload("cv.pdf", pdf_bytes()),
    )
    return services.application_create(
        candidate=candidate, requisition=requisition, actor=recruiter
    )


@pytest.fixture
def shortlisted(recruiter, sourced):
    return services.application_move(application=sourced, to_stage=St.SHORTLISTED, actor=recruiter)


@pytest.fixture
def interviewed(interviewer, requisition, recruiter):
    interview = factories.InterviewFactory(
        application__requisition=requisition,
        application__candidate__full_name="Ivy Interviewed",
        application__candidate__notes="Private recruiter note",
        application__candidate__phone="+1 555 0100",
        stage__requisition=requisition,
        interviewers=[interviewer],
    )
    candidate = interview.application.candidate
    services.candidate_update(
        candidate=candidate, actor=recruiter, resume=upload("cv.txt", b"Ivy CV")
    )
    return interview.application


def submitted_shortlist(recruiter, requisition):
    return submit_shortlist(
        recruiter, requisition, [factories.ApplicationFactory(requisition=requisition)]
    )


def review_and_decide(client, shortlist, entry):
    """The status codes of opening the shortlist's review and of advancing the entry."""
    review = client.get(reverse("candidates:shortlist_review", args=[shortlist.pk]))
    decide = client.post(
        reverse("candidates:shortlist_entry_decide", args=[entry.pk]), {"decision": "advance"}
    )
    return review.status_code, decide.status_code


def get(client, user, name, *args):
    client.force_login(user)
    return client.get(reverse(name, args=args))


# --- Hiring manager ---------------------------------------------------------------------------
def test_manager_cannot_see_a_candidate_before_the_shortlist(client, hiring_manager, sourced):
    pk = sourced.candidate_id
    assert get(client, hiring_manager, "candidates:candidate_detail", pk).status_code == 404
    assert get(client, hiring_manager, "candidates:resume_download", pk).status_code == 404
    assert get(client, hiring_manager, "candidates:resume_preview", pk).status_code == 404
    assert (
        get(client, hiring_manager, "candidates:application_detail", sourced.pk).status_code == 404
    )


def test_manager_pipeline_lists_only_candidates_from_the_shortlist_on(
    client, hiring_manager, recruiter, sourced, requisition
):
    shown = factories.ShortlistedApplicationFactory(requisition=requisition)
    response = get(client, hiring_manager, "candidates:pipeline", requisition.pk)
    assert [a["id"] for a in response.context["applications"]] == [shown.pk]
    csv = get(client, hiring_manager, "candidates:pipeline_csv", requisition.pk).content.decode()
    assert "Sam Sourced" not in csv


def test_manager_pipeline_counts_every_stage_but_lists_people_from_the_shortlist_on(
    client, hiring_manager, recruiter, sourced, requisition
):
    # given one sourced, one screening and one shortlisted candidate
    screening = factories.ApplicationFactory(requisition=requisition)
    services.application_move(application=screening, to_stage=St.SCREENING, actor=recruiter)
    factories.ShortlistedApplicationFactory(requisition=requisition)
    # when the hiring manager opens the pipeline
    response = get(client, hiring_manager, "candidates:pipeline", requisition.pk)
    # then every stage shows its number, as the weekly check-in does
    counts = {c["stage"]: c for c in response.context["counts"]}
    assert counts[St.SOURCED]["count"] == 1 and counts[St.SOURCED]["visible"] == 0
    assert counts[St.SCREENING]["count"] == 1 and counts[St.SCREENING]["hidden"] == 1
    review = counts[St.MANAGER_REVIEW]
    assert review["count"] == 1 and review["visible"] == 1
    body = response.content.decode()
    assert "before the shortlist" in body
    assert "Sam Sourced" not in body


def test_interviewer_stage_counts_stay_within_what_they_see(interviewer, requisition, sourced):
    from candidates import selectors

    counts = selectors.stage_counts(user=interviewer, requisition=requisition)
    assert sum(c["count"] for c in counts) == 0


def test_stage_counts_read_with_the_requisition_only_where_everyone_is_seen(
    recruiter, hiring_manager, interviewer, requisition, sourced
):
    """A recruiter's counts come as a column of the requisition (stage_counts_column) and
    match the grouped query; the others, who may not open every application, get none."""
    from candidates import selectors
    from requisitions.models import Requisition

    column = selectors.stage_counts_column(recruiter)
    empty = factories.RequisitionFactory(recruiter=recruiter)
    assert Requisition.objects.annotate(counted=column).get(pk=empty.pk).counted == "[]"
    factories.ShortlistedApplicationFactory(requisition=requisition)
    factories.ApplicationFactory(requisition=requisition, stage=St.REJECTED, closed_reason="No")
    assert selectors.stage_counts_column(hiring_manager) is None
    assert selectors.stage_counts_column(interviewer) is None
    counted = Requisition.objects.annotate(counted=column).get(pk=requisition.pk).counted
    expected = selectors.stage_counts(user=recruiter, requisition=requisition)
    assert selectors.stage_counts(user=recruiter, requisition=requisition, counted=counted) == (
        expected
    )
    assert sum(c["count"] for c in expected) == 3


def test_manager_sees_a_shortlisted_candidate_and_the_resume(client, hiring_manager, shortlisted):
    pk = shortlisted.candidate_id
    response = get(client, hiring_manager, "candidates:candidate_detail", pk)
    assert response.status_code == 200 and "Private recruiter note" in response.content.decode()
    assert get(client, hiring_manager, "candidates:resume_download", pk).status_code == 200


def test_manager_keeps_seeing_a_candidate_they_reviewed_after_rejection(
    client, hiring_manager, recruiter, shortlisted
):
    services.application_move(
        application=shortlisted, to_stage=St.REJECTED, actor=recruiter, reason="No"
    )
    assert (
        get(
            client, hiring_manager, "candidates:candidate_detail", shortlisted.candidate_id
        ).status_code
        == 200
    )


def test_manager_cannot_see_candidates_of_another_managers_requisition(client, shortlisted):
    other_manager = factories.HiringManagerFactory()
    pk = shortlisted.candidate_id
    assert get(client, other_manager, "candidates:candidate_detail", pk).status_code == 404
    assert get(client, other_manager, "candidates:resume_download", pk).status_code == 404
    assert (
        get(client, other_manager, "candidates:pipeline", shortlisted.requisition_id).status_code
        == 404
    )
    assert get(client, other_manager, "candidates:offer_detail", shortlisted.pk).status_code == 404


@pytest.mark.parametrize("name", ["candidates:candidate_list", "candidates:candidate_create"])
def test_manager_cannot_use_the_recruiter_candidate_pages(client, hiring_manager, name):
    assert get(client, hiring_manager, name).status_code == 403


def test_manager_cannot_edit_move_or_assess(client, hiring_manager, shortlisted, version):
    client.force_login(hiring_manager)
    pk = shortlisted.pk
    assert (
        client.get(
            reverse("candidates:candidate_edit", args=[shortlisted.candidate_id])
        ).status_code
        == 403
    )
    assert client.get(reverse("candidates:assessment_edit", args=[pk])).status_code == 403
    response = client.post(
        reverse("candidates:application_move", args=[pk]), {"to_stage": St.INTERVIEWING}
    )
    assert response.status_code == 403
    response = client.post(
        reverse("candidates:pipeline", args=[shortlisted.requisition_id]),
        {"applications": [pk], "to_stage": St.INTERVIEWING},
    )
    assert response.status_code == 403
    assert (
        client.get(
            reverse("candidates:shortlist_create", args=[shortlisted.requisition_id])
        ).status_code
        == 403
    )


def test_manager_cannot_change_offer_terms_but_approves_them(client, hiring_manager, requisition):
    offer = factories.OfferFactory(
        application__requisition=requisition, application__shortlisted_at="2026-01-01T00:00Z"
    )
    client.force_login(hiring_manager)
    url = reverse("candidates:offer_detail", args=[offer.application_id])
    assert client.get(url).status_code == 200
    terms = reverse("candidates:offer_terms", args=[offer.application_id])
    assert client.post(terms, {"base_salary": "1", "currency": "EUR"}).status_code == 403
    approve = reverse("candidates:offer_approve", args=[offer.application_id])
    assert client.post(approve).status_code == 302


def test_manager_cannot_answer_another_managers_shortlist(client, recruiter, version, requisition):
    shortlist = submitted_shortlist(recruiter, requisition)
    other_manager = factories.HiringManagerFactory()
    client.force_login(other_manager)
    entry = shortlist.entries.get()
    assert review_and_decide(client, shortlist, entry) == (404, 404)


def test_recruiter_cannot_answer_for_the_manager(client, recruiter, version, requisition):
    shortlist = submitted_shortlist(recruiter, requisition)
    client.force_login(recruiter)
    entry = shortlist.entries.get()
    assert review_and_decide(client, shortlist, entry) == (403, 403)
    assert entry.__class__.objects.get(pk=entry.pk).decision == ShortlistEntry.Decision.PENDING


# --- Interviewer ------------------------------------------------------------------------------
def test_interviewer_sees_name_resume_and_focus_but_not_contact_or_notes(
    client, interviewer, interviewed
):
    response = get(client, interviewer, "candidates:candidate_detail", interviewed.candidate_id)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ivy Interviewed" in html
    assert "interview focus" in html
    assert "Private recruiter note" not in html
    assert "+1 555 0100" not in html
    assert interviewed.candidate.email not in html
    resume = get(client, interviewer, "candidates:resume_download", interviewed.candidate_id)
    assert resume.status_code == 200


def test_interviewer_never_sees_the_offer_or_the_application(client, interviewer, interviewed):
    factories.OfferFactory(application=interviewed)
    assert get(client, interviewer, "candidates:offer_detail", interviewed.pk).status_code == 403
    assert (
        get(client, interviewer, "candidates:application_detail", interviewed.pk).status_code == 403
    )


def test_interviewer_cannot_see_candidates_they_do_not_interview(
    client, interviewer, shortlisted, interviewed
):
    pk = shortlisted.candidate_id
    assert get(client, interviewer, "candidates:candidate_detail", pk).status_code == 404
    assert get(client, interviewer, "candidates:resume_download", pk).status_code == 404


@pytest.mark.parametrize(
    "name",
    ["candidates:candidate_list", "candidates:candidate_create", "candidates:shortlist_inbox"],
)
def test_interviewer_has_no_candidate_lists(client, interviewer, name):
    assert get(client, interviewer, name).status_code == 403


def test_interviewer_has_no_pipeline(client, interviewer, requisition):
    assert get(client, interviewer, "candidates:pipeline", requisition.pk).status_code == 403
    assert get(client, interviewer, "candidates:pipeline_csv", requisition.pk).status_code == 403


# --- Anonymous --------------------------------------------------------------------------------
def test_anonymous_is_sent_to_log_in_even_for_a_resume(client, sourced):
    response = client.get(reverse("candidates:resume_download", args=[sourced.candidate_id]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_recruiter_sees_every_candidate(client, recruiter, sourced):
    other_recruiter = factories.RecruiterFactory()
    assert (
        get(
            client, other_recruiter, "candidates:candidate_detail", sourced.candidate_id
        ).status_code
        == 200
    )
