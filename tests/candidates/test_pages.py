"""Query budgets of the remaining list and detail pages, and the admin."""

import pytest
from django.urls import reverse

from candidates import services
from candidates.models import Application, Assessment, Candidate, Tag
from requisitions.models import Criterion
from tests import factories

St = Application.Stage
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("n", [5, 60])
def test_candidate_list_query_count_does_not_grow(
    client, recruiter, requisition, n, django_assert_num_queries
):
    tag = Tag.objects.create(name="python")
    for _ in range(n):
        application = factories.ApplicationFactory(requisition=requisition)
        application.candidate.tags.add(tag)
    client.force_login(recruiter)
    # session, user, the page (tags and applications in its rows), the tag filter's names
    with django_assert_num_queries(4):
        response = client.get(reverse("candidates:candidate_list"))
    assert len(response.context["candidates"]) == min(n, 50)  # one page


@pytest.mark.parametrize("n", [2, 30])
def test_application_detail_query_count_does_not_grow(
    client, recruiter, requisition, version, n, django_assert_num_queries
):
    application = factories.ApplicationFactory(requisition=requisition)
    for i in range(n):
        stage = St.SCREENING if i % 2 == 0 else St.SOURCED
        services.application_move(application=application, to_stage=stage, actor=recruiter)
        factories.InterviewFactory(application=application)
    must = version.criteria.get(kind=Criterion.Kind.MUST_HAVE)
    factories.AssessmentFactory(application=application, criterion=must)
    client.force_login(recruiter)
    with django_assert_num_queries(9):
        response = client.get(reverse("candidates:application_detail", args=[application.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("n", [1, 20])
def test_candidate_detail_query_count_does_not_grow(
    client, recruiter, n, django_assert_num_queries
):
    candidate = factories.CandidateFactory()
    for _ in range(n):
        factories.ApplicationFactory(candidate=candidate)
    client.force_login(recruiter)
    # 8: the page also asks whether this recruiter may edit the person (one query)
    with django_assert_num_queries(8):
        response = client.get(reverse("candidates:candidate_detail", args=[candidate.pk]))
    assert len(response.context["applications"]) == n


@pytest.mark.parametrize("n", [1, 15])
def test_shortlist_inbox_query_count_does_not_grow(
    client, recruiter, hiring_manager, n, django_assert_num_queries
):
    for _ in range(n):
        requisition = factories.RequisitionFactory(hiring_manager=hiring_manager)
        factories.ShortlistEntryFactory(shortlist__requisition=requisition)
    client.force_login(hiring_manager)
    with django_assert_num_queries(3):  # session, user, a page of shortlists (no total)
        response = client.get(reverse("candidates:shortlist_inbox"))
    assert len(response.context["shortlists"]) == n


@pytest.mark.parametrize(
    "model",
    [
        "tag",
        "candidate",
        "application",
        "stagechange",
        "assessment",
        "shortlist",
        "shortlistentry",
        "shortlistmessage",
        "offer",
        "negotiationnote",
    ],
)
def test_admin_lists_and_change_pages_load(admin_client, model):
    entry = factories.ShortlistEntryFactory()
    factories.AssessmentFactory(application=entry.application)
    offer = factories.OfferFactory()
    services.offer_negotiation_note_add(
        offer=offer, actor=offer.application.requisition.recruiter, body="note"
    )
    Candidate.objects.first().tags.add(Tag.objects.create(name="x"))
    response = admin_client.get(reverse(f"admin:candidates_{model}_changelist"))
    assert response.status_code == 200
    # Rows the services write (and keep history beside) are not added in the admin.
    added_here = model in ("tag", "candidate")
    add_page = admin_client.get(reverse(f"admin:candidates_{model}_add"))
    assert add_page.status_code == (200 if added_here else 403)


@pytest.mark.parametrize("n", [1, 25])
def test_offer_page_query_count_does_not_grow_with_the_negotiation_log(
    client, recruiter, requisition, n, django_assert_num_queries
):
    offer = factories.OfferFactory(application__requisition=requisition)
    for i in range(n):
        services.offer_negotiation_note_add(offer=offer, actor=recruiter, body=f"note {i}")
    client.force_login(recruiter)
    with django_assert_num_queries(7):
        response = client.get(reverse("candidates:offer_detail", args=[offer.application_id]))
    assert response.status_code == 200


def test_only_a_candidate_with_a_deal_breaker_present_is_flagged_in_the_lists(
    client, recruiter, requisition, version
):
    # given one candidate rated "present" on a deal-breaker, one rated "not observed"
    deal_breaker = version.criteria.get(kind=Criterion.Kind.DEAL_BREAKER)
    flagged, clear = (
        factories.ApplicationFactory(requisition=requisition, candidate__full_name=name)
        for name in ["Flo Flagged", "Cleo Clear"]
    )
    factories.AssessmentFactory(
        application=flagged, criterion=deal_breaker, rating=Assessment.Rating.DOES_NOT_MEET
    )
    factories.AssessmentFactory(
        application=clear, criterion=deal_breaker, rating=Assessment.Rating.MEETS
    )
    client.force_login(recruiter)

    # when the candidate list and the pipeline are opened
    people = client.get(reverse("candidates:candidate_list")).context["candidates"]
    pipeline = client.get(reverse("candidates:pipeline", args=[requisition.pk]))

    # then only the flagged one carries the flag
    assert {c["full_name"]: c["deal_breaker_flag"] for c in people} == {
        "Cleo Clear": False,
        "Flo Flagged": True,
    }
    assert {a["id"]: a["deal_breaker_flag"] for a in pipeline.context["applications"]} == {
        clear.pk: False,
        flagged.pk: True,
    }
