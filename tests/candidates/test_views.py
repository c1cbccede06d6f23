"""The candidate pages: adding and editing a person, résumés, the deal-breaker flag,
assessments, single-line fields."""

import pytest
from django.urls import reverse

from candidates import services
from candidates.models import Application, Candidate, ShortlistEntry
from requisitions.models import Criterion
from tests.candidates.conftest import PNG, docx_bomb, pdf_bytes, submit_shortlist, upload

St = Application.Stage
D = ShortlistEntry.Decision
pytestmark = pytest.mark.django_db


@pytest.fixture
def as_recruiter(client, recruiter):
    client.force_login(recruiter)
    return client


# --- Candidate create / edit --------------------------------------------------------------
def test_recruiter_adds_a_candidate_with_resume_and_tags_to_a_requisition(
    as_recruiter, requisition
):
    response = as_recruiter.post(
        reverse("candidates:candidate_create"),
        {
            "full_name": "Nia Njoroge",
            "email": "nia@example.org",
            "source": "referral",
            "tags": "python, payments",
            "resume": upload("nia.pdf", pdf_bytes()),
            "requisition": requisition.pk,
        },
    )
    candidate = Candidate.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("candidates:candidate_detail", args=[candidate.pk])
    assert sorted(t.name for t in candidate.tags.all()) == ["payments", "python"]
    assert candidate.applications.get().requisition == requisition


def test_existing_email_offers_the_existing_candidate_instead_of_a_duplicate(
    as_recruiter, recruiter, requisition
):
    existing = services.candidate_create(
        actor=recruiter, full_name="Nia N", email="nia@example.org"
    )
    response = as_recruiter.post(
        reverse("candidates:candidate_create"),
        {
            "full_name": "Nia Again",
            "email": "NIA@example.org",
            "source": "sourced",
            "requisition": requisition.pk,
        },
    )
    assert response.status_code == 200
    assert Candidate.objects.count() == 1
    html = response.content.decode()
    assert "already has this email address" in html
    assert reverse("candidates:candidate_detail", args=[existing.pk]) in html
    assert reverse("candidates:candidate_add_to_requisition", args=[existing.pk]) in html
    assert 'value="Nia Again"' in html


def test_adding_the_existing_candidate_to_the_requisition(as_recruiter, recruiter, requisition):
    existing = services.candidate_create(
        actor=recruiter, full_name="Nia N", email="nia@example.org"
    )
    response = as_recruiter.post(
        reverse("candidates:candidate_add_to_requisition", args=[existing.pk]),
        {"requisition": requisition.pk},
    )
    application = Application.objects.get(candidate=existing, requisition=requisition)
    assert response["Location"] == reverse("candidates:application_detail", args=[application.pk])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (PNG, "not a PDF"),
        (b"", "The submitted file is empty"),
    ],
)
def test_bad_resume_gets_a_clear_message_and_keeps_the_rest_of_the_form(
    as_recruiter, data, message
):
    response = as_recruiter.post(
        reverse("candidates:candidate_create"),
        {
            "full_name": "Kept Name",
            "email": "kept@example.org",
            "source": "sourced",
            "notes": "Met at the meetup",
            "resume": upload("cv.pdf", data),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'value="Kept Name"' in html and "Met at the meetup" in html
    assert not Candidate.objects.exists()


def test_oversize_resume_gets_a_clear_message(as_recruiter):
    big = pdf_bytes() + b"0" * (10 * 1024 * 1024 + 1)
    response = as_recruiter.post(
        reverse("candidates:candidate_create"),
        {
            "full_name": "Big",
            "email": "big@example.org",
            "source": "sourced",
            "resume": upload("cv.pdf", big),
        },
    )
    assert "at most 10 MB" in response.content.decode()
    assert not Candidate.objects.exists()


def test_recruiter_edits_a_candidate_and_replaces_the_resume(as_recruiter, recruiter):
    candidate = services.candidate_create(
        actor=recruiter, full_name="Old", email="old@example.org", resume=upload("a.txt", b"v1")
    )
    response = as_recruiter.post(
        reverse("candidates:candidate_edit", args=[candidate.pk]),
        {
            "full_name": "New Name",
            "email": "old@example.org",
            "source": "sourced",
            "tags": "",
            "resume": upload("b.pdf", pdf_bytes()),
        },
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.full_name == "New Name"
    assert candidate.resume_content_type == "application/pdf"


@pytest.fixture
def with_pdf_resume(recruiter):
    return services.candidate_create(
        actor=recruiter,
        full_name="Zoë Z",
        email="z@example.org",
        resume=upload("x.pdf", pdf_bytes()),
    )


def test_resume_download_serves_the_file_as_an_attachment(as_recruiter, with_pdf_resume):
    candidate = with_pdf_resume
    response = as_recruiter.get(reverse("candidates:resume_download", args=[candidate.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == pdf_bytes()


def test_pdf_resume_preview_is_inline_sandboxed_and_not_sniffed(as_recruiter, with_pdf_resume):
    candidate = with_pdf_resume
    response = as_recruiter.get(reverse("candidates:resume_preview", args=[candidate.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Security-Policy"] == "sandbox; frame-ancestors 'self'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == pdf_bytes()


def test_candidate_page_offers_a_preview_only_for_a_pdf_resume(as_recruiter, recruiter):
    pdf = services.candidate_create(
        actor=recruiter,
        full_name="Pat Pdf",
        email="p@example.org",
        resume=upload("x.pdf", pdf_bytes()),
    )
    text = services.candidate_create(
        actor=recruiter, full_name="Tex Text", email="t@example.org", resume=upload("x.txt", b"CV")
    )
    preview = reverse("candidates:resume_preview", args=[pdf.pk])
    assert (
        preview
        in as_recruiter.get(reverse("candidates:candidate_detail", args=[pdf.pk])).content.decode()
    )
    page = as_recruiter.get(reverse("candidates:candidate_detail", args=[text.pk])).content.decode()
    assert "resume/preview" not in page


def test_text_resume_is_never_previewed_inline(as_recruiter, recruiter):
    # given a text résumé holding markup: inline it would render as a page of ours
    candidate = services.candidate_create(
        actor=recruiter,
        full_name="Tex Text",
        email="t@example.org",
        resume=upload("x.txt", b"<script>alert(1)</script>"),
    )
    preview = as_recruiter.get(reverse("candidates:resume_preview", args=[candidate.pk]))
    download = as_recruiter.get(reverse("candidates:resume_download", args=[candidate.pk]))
    assert preview.status_code == 404
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"


def test_docx_bomb_upload_gets_a_clear_message_and_saves_nothing(as_recruiter):
    response = as_recruiter.post(
        reverse("candidates:candidate_create"),
        {
            "full_name": "Bo Bomb",
            "email": "bomb@example.org",
            "source": "sourced",
            "resume": upload("cv.docx", docx_bomb(4000, members=2)),
        },
    )
    assert response.status_code == 200
    assert "Save the résumé again" in response.content.decode()
    assert not Candidate.objects.exists()


def test_duplicate_already_on_the_requisition_links_to_the_application(
    as_recruiter, add_application
):
    application = add_application(name="On Already", email="on@example.org")
    response = as_recruiter.post(
        reverse("candidates:candidate_create"),
        {
            "full_name": "Again",
            "email": "ON@example.org",
            "source": "sourced",
            "requisition": application.requisition_id,
        },
    )
    html = response.content.decode()
    assert reverse("candidates:application_detail", args=[application.pk]) in html
    assert (
        reverse("candidates:candidate_add_to_requisition", args=[application.candidate_id])
        not in html
    )


def test_deal_breaker_flag_shows_wherever_the_candidate_appears(
    client, recruiter, hiring_manager, requisition, criteria, add_application
):
    application = add_application(name="Flo Flagged")
    services.assessment_save(
        application=application,
        actor=recruiter,
        ratings={criteria[Criterion.Kind.DEAL_BREAKER].pk: ("does_not_meet", "Blamed QA")},
    )
    shortlist = submit_shortlist(recruiter, requisition, [application])
    services.shortlist_entry_decide(
        entry=shortlist.entries.get(), actor=hiring_manager, decision=D.ADVANCE
    )
    services.offer_create(application=application, actor=recruiter, base_salary=1, currency="EUR")
    client.force_login(recruiter)
    pages = [
        reverse("candidates:candidate_list"),
        reverse("candidates:candidate_detail", args=[application.candidate_id]),
        reverse("candidates:pipeline", args=[requisition.pk]),
        reverse("candidates:pipeline", args=[requisition.pk]) + "?view=board",
        reverse("candidates:application_detail", args=[application.pk]),
        reverse("candidates:shortlist_detail", args=[shortlist.pk]),
        reverse("candidates:offer_detail", args=[application.pk]),
    ]
    for url in pages:
        assert "flag-deal-breaker-badge" in client.get(url).content.decode(), url
    client.force_login(hiring_manager)
    review = client.get(reverse("candidates:shortlist_review", args=[shortlist.pk]))
    assert "flag-deal-breaker-badge" in review.content.decode()


# --- Single-line fields ----------------------------------------------------------------------
ONE_LINE = "Enter this on one line"


@pytest.mark.parametrize("field", ["full_name", "email", "phone", "location", "tags"])
def test_candidate_form_refuses_a_line_break_in_a_single_line_field(client, recruiter, field):
    data = {"full_name": "Nia Njoroge", "email": "nia@example.org", "source": "referral"}
    data[field] = f"{data.get(field, 'x')}\r\nBcc: someone@example.org"
    client.force_login(recruiter)

    response = client.post(reverse("candidates:candidate_create"), data)

    assert response.status_code == 200
    # An address with a line break is not a valid address: the email check says so first.
    message = "Enter a valid email address" if field == "email" else ONE_LINE
    assert message in response.content.decode()
    assert not Candidate.objects.exists()


# --- Assessment --------------------------------------------------------------------------------
def test_recruiter_assesses_against_the_signed_criteria(as_recruiter, add_application, criteria):
    application = add_application()
    deal_breaker = criteria[Criterion.Kind.DEAL_BREAKER]
    data = {}
    for c in criteria.values():
        data[f"rating_{c.pk}"] = "meets"
        data[f"evidence_{c.pk}"] = ""
    data[f"rating_{deal_breaker.pk}"] = "does_not_meet"
    data[f"evidence_{deal_breaker.pk}"] = "Blamed QA for the outage"
    response = as_recruiter.post(reverse("candidates:assessment_edit", args=[application.pk]), data)
    assert response.status_code == 302
    page = as_recruiter.get(reverse("candidates:application_detail", args=[application.pk]))
    body = page.content.decode()
    assert "Deal-breaker present" in body
    # the deal-breaker reads as present / not observed, never "Does not meet"
    assert ">Present<" in body and "Does not meet" not in body
    listing = as_recruiter.get(reverse("candidates:candidate_list"))
    assert "Deal-breaker" in listing.content.decode()


def test_assessment_form_words_deal_breaker_ratings_as_present_or_not_observed(
    as_recruiter, add_application, criteria
):
    application = add_application()
    response = as_recruiter.get(reverse("candidates:assessment_edit", args=[application.pk]))
    form = response.context["form"]
    deal_breaker = criteria[Criterion.Kind.DEAL_BREAKER]
    must = criteria[Criterion.Kind.MUST_HAVE]
    labels = dict(form.fields[f"rating_{deal_breaker.pk}"].choices)
    assert labels["meets"] == "Not observed" and labels["does_not_meet"] == "Present"
    assert dict(form.fields[f"rating_{must.pk}"].choices)["meets"] == "Meets"
