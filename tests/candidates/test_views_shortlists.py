"""Shortlist and offer pages: sending, reviewing, answering, the offer's steps."""

import pytest
from django.urls import reverse
from django.utils import timezone

from candidates import services
from candidates.models import Application, Offer, ShortlistEntry
from requisitions.models import Criterion
from tests import factories
from tests.candidates.conftest import submit_shortlist

St = Application.Stage
D = ShortlistEntry.Decision
pytestmark = pytest.mark.django_db
ONE_LINE = "Enter this on one line"


@pytest.fixture
def as_recruiter(client, recruiter):
    client.force_login(recruiter)
    return client


@pytest.fixture
def as_manager(client, hiring_manager):
    client.force_login(hiring_manager)
    return client


# --- Shortlists --------------------------------------------------------------------------------
@pytest.fixture
def sent(recruiter, requisition, version, add_application):
    apps = [add_application(name=f"Cand {i}") for i in range(2)]
    return submit_shortlist(recruiter, requisition, apps, "Two to look at")


def test_recruiter_sends_a_shortlist_from_the_form(
    as_recruiter,
    requisition,
    version,
    add_application,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    a = add_application()
    with django_capture_on_commit_callbacks(execute=True):
        response = as_recruiter.post(
            reverse("candidates:shortlist_create", args=[requisition.pk]),
            {"applications": [a.pk], "note": "One great one", "unassessed_reason": "Referral"},
        )
    a.refresh_from_db()
    assert response.status_code == 302 and a.stage == St.MANAGER_REVIEW
    assert len(mailoutbox) == 1


def test_send_form_shows_each_candidates_assessment_status(
    as_recruiter, recruiter, requisition, version, criteria, add_application
):
    assessed, blank = add_application(name="Assessed Amy"), add_application(name="Blank Bob")
    services.assessment_save(
        application=assessed,
        actor=recruiter,
        ratings={
            criteria[Criterion.Kind.MUST_HAVE].pk: ("meets", "Ran on-call"),
            criteria[Criterion.Kind.DEAL_BREAKER].pk: ("does_not_meet", "Blamed QA"),
        },
    )
    services.assessment_save(
        application=blank,
        actor=recruiter,
        ratings={criteria[Criterion.Kind.MUST_HAVE].pk: ("unknown", "")},
    )
    body = as_recruiter.get(
        reverse("candidates:shortlist_create", args=[requisition.pk])
    ).content.decode()
    assert "Assessed Amy (Sourced) · assessed 2/3 criteria · ⚠ deal-breaker present" in body
    assert "Blank Bob (Sourced) · not assessed" in body


def test_send_form_refuses_an_unassessed_candidate_beside_the_reason_field(
    as_recruiter, requisition, version, add_application
):
    a = add_application(name="Blank Bob")
    url = reverse("candidates:shortlist_create", args=[requisition.pk])
    response = as_recruiter.post(url, {"applications": [a.pk], "note": "Look"})
    assert response.status_code == 200
    assert "Nobody has assessed Blank Bob" in " ".join(
        response.context["form"].errors["unassessed_reason"]
    )
    a.refresh_from_db()
    assert a.stage == St.SOURCED


def test_the_manager_sees_why_a_candidate_was_sent_unassessed(
    as_recruiter, client, hiring_manager, requisition, version, add_application
):
    a = add_application(name="Blank Bob")
    as_recruiter.post(
        reverse("candidates:shortlist_create", args=[requisition.pk]),
        {"applications": [a.pk], "unassessed_reason": "Internal transfer, known to the team"},
    )
    entry = a.shortlist_entries.get()
    assert entry.unassessed_reason == "Internal transfer, known to the team"
    client.force_login(hiring_manager)
    body = client.get(
        reverse("candidates:shortlist_review", args=[entry.shortlist_id])
    ).content.decode()
    assert "Sent without an assessment" in body and "Internal transfer" in body


def test_manager_declines_naming_a_criterion_from_the_review_page(as_manager, sent, criteria):
    entry = sent.entries.first()
    response = as_manager.post(
        reverse("candidates:shortlist_entry_decide", args=[entry.pk]),
        {"decision": D.DECLINE, "criteria": [criteria[Criterion.Kind.MUST_HAVE].pk], "reason": ""},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.decision == D.DECLINE


def test_decline_without_reason_is_refused_on_the_page_and_keeps_the_choice(as_manager, sent):
    entry = sent.entries.first()
    response = as_manager.post(
        reverse("candidates:shortlist_entry_decide", args=[entry.pk]),
        {"decision": D.DECLINE, "reason": "  "},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Say why you decline" in html
    assert f'value="decline" id="d-{entry.pk}-decline" checked' in html
    entry.refresh_from_db()
    assert entry.decision == D.PENDING


def test_a_refused_answer_keeps_the_ticked_criteria_and_the_question(as_manager, sent, criteria):
    entry = sent.entries.first()
    must = criteria[Criterion.Kind.MUST_HAVE]
    response = as_manager.post(
        reverse("candidates:shortlist_entry_decide", args=[entry.pk]),
        {"decision": D.NEED_INFO, "criteria": [must.pk], "reason": ""},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Write what you need to know about this candidate." in html
    assert f'value="{must.pk}" id="c-{entry.pk}-{must.pk}" checked' in html
    assert f'value="need_info" id="d-{entry.pk}-need_info" checked' in html


def test_an_answer_without_a_decision_asks_for_one(as_manager, sent):
    entry = sent.entries.first()
    response = as_manager.post(
        reverse("candidates:shortlist_entry_decide", args=[entry.pk]), {"reason": "Hmm"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose advance, decline or need more information." in html
    assert ">Hmm</textarea>" in html


def test_recruiter_sees_answers_and_replies_to_a_question(
    client, recruiter, hiring_manager, sent, mailoutbox
):
    entry = sent.entries.first()
    services.shortlist_entry_decide(
        entry=entry, actor=hiring_manager, decision=D.NEED_INFO, reason="Notice period?"
    )
    client.force_login(recruiter)
    page = client.get(reverse("candidates:shortlist_detail", args=[sent.pk]))
    assert "Notice period?" in page.content.decode()
    client.post(reverse("candidates:shortlist_message", args=[entry.pk]), {"body": "One month"})
    assert list(entry.messages.values_list("body", flat=True)) == ["Notice period?", "One month"]


def _large_shortlist(recruiter, requisition, version, n):
    must = version.criteria.get(kind=Criterion.Kind.MUST_HAVE)
    apps = []
    for _ in range(n):
        app = factories.ApplicationFactory(requisition=requisition)
        factories.AssessmentFactory(application=app, criterion=must)
        apps.append(app)
    shortlist = submit_shortlist(recruiter, requisition, apps)
    first = shortlist.entries.first()
    services.shortlist_entry_decide(
        entry=first, actor=requisition.hiring_manager, decision=D.NEED_INFO, reason="?"
    )
    return shortlist


@pytest.mark.parametrize("n", [5, 200])
def test_shortlist_review_query_count_does_not_grow(
    as_manager, recruiter, requisition, version, n, django_assert_num_queries
):
    shortlist = _large_shortlist(recruiter, requisition, version, n)
    # session, user, the shortlist (its tallies and criteria aggregated), the entries
    # (ticked criteria, assessments and messages aggregated)
    with django_assert_num_queries(4):  # the entries' total comes with the tallies
        response = as_manager.get(reverse("candidates:shortlist_review", args=[shortlist.pk]))
    assert response.status_code == 200
    assert len(response.context["entries"]) == min(n, 20)


@pytest.mark.parametrize("n", [5, 200])
def test_shortlist_detail_query_count_does_not_grow(
    as_recruiter, recruiter, requisition, version, n, django_assert_num_queries
):
    shortlist = _large_shortlist(recruiter, requisition, version, n)
    with django_assert_num_queries(4):
        as_recruiter.get(reverse("candidates:shortlist_detail", args=[shortlist.pk]))


def test_shortlist_inbox_lists_the_managers_shortlists_with_acceptance(as_manager, sent):
    response = as_manager.get(reverse("candidates:shortlist_inbox"))
    assert [s.pk for s in response.context["shortlists"]] == [sent.pk]


# --- Offers ----------------------------------------------------------------------------------
def test_offer_page_runs_the_whole_sequence(client, recruiter, hiring_manager, add_application):
    application = add_application()
    for stage in (St.SHORTLISTED, St.MANAGER_REVIEW, St.INTERVIEWING):
        services.application_move(application=application, to_stage=stage, actor=recruiter)

    def step(name):
        return reverse(f"candidates:offer_{name}", args=[application.pk])

    client.force_login(recruiter)
    client.post(step("terms"), {"base_salary": "90000", "currency": "EUR"})
    offer = Offer.objects.get()
    # Written before verbal: refused with a message, nothing recorded.
    response = client.post(step("written"), {"sent_at": "2026-11-20T10:00"})
    assert response.status_code == 400
    offer.refresh_from_db()
    assert offer.written_sent_at is None
    # The manager approves; the recruiter cannot.
    assert client.post(step("approve")).status_code == 403
    client.force_login(hiring_manager)
    client.post(step("approve"))
    client.force_login(recruiter)
    client.post(step("verbal"), {"made_at": "2026-11-20T10:00", "outcome": "positive"})
    client.post(step("written"), {"sent_at": "2026-11-20T15:00", "expires_on": "2026-11-30"})
    client.post(step("note"), {"body": "Agreed on start date"})
    response = client.post(step("outcome"), {"outcome": "accepted"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == St.HIRED


def test_declining_the_offer_needs_a_reason_on_the_page(client, recruiter, hiring_manager):
    now = timezone.now()
    offer = factories.OfferFactory(
        application__requisition__recruiter=recruiter,
        application__requisition__hiring_manager=hiring_manager,
        approved_at=now,
        verbal_offer_at=now,
        written_sent_at=now,
    )
    client.force_login(recruiter)
    response = client.post(
        reverse("candidates:offer_outcome", args=[offer.application_id]),
        {"outcome": "declined", "declined_reason": ""},
    )
    assert response.status_code == 400
    assert "Say why the candidate declined" in response.content.decode()


def test_offer_terms_refuse_a_line_break(client, recruiter, add_application):
    application = add_application()
    for stage in (St.SHORTLISTED, St.MANAGER_REVIEW, St.INTERVIEWING):
        services.application_move(application=application, to_stage=stage, actor=recruiter)
    client.force_login(recruiter)

    response = client.post(
        reverse("candidates:offer_terms", args=[application.pk]),
        {"base_salary": "90000", "currency": "EUR", "equity": "0.1%\n0.2%"},
    )

    assert ONE_LINE in response.content.decode()
    assert not Offer.objects.exists()
