import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from candidates import services
from candidates.csv_export import safe_cell
from candidates.models import Application, Candidate, Offer, ShortlistEntry
from requisitions.models import Criterion
from tests import factories
from tests.candidates.conftest import PNG, docx_bomb, pdf_bytes, upload

St = Application.Stage
D = ShortlistEntry.Decision
pytestmark = pytest.mark.django_db


@pytest.fixture
def as_recruiter(client, recruiter):
    client.force_login(recruiter)
    return client


@pytest.fixture
def as_manager(client, hiring_manager):
    client.force_login(hiring_manager)
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


def test_resume_download_serves_the_file_as_an_attachment(as_recruiter, recruiter):
    candidate = services.candidate_create(
        actor=recruiter,
        full_name="Zoë Z",
        email="z@example.org",
        resume=upload("x.pdf", pdf_bytes()),
    )
    response = as_recruiter.get(reverse("candidates:resume_download", args=[candidate.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == pdf_bytes()


def test_pdf_resume_preview_is_inline_sandboxed_and_not_sniffed(as_recruiter, recruiter):
    candidate = services.candidate_create(
        actor=recruiter,
        full_name="Zoë Z",
        email="z@example.org",
        resume=upload("x.pdf", pdf_bytes()),
    )
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


# --- Pipeline ---------------------------------------------------------------------------------
def test_pipeline_shows_counts_per_stage_and_filters(as_recruiter, recruiter, add_application):
    a = add_application(name="Alice Filter")
    add_application(name="Bob Other")
    services.application_move(application=a, to_stage=St.SCREENING, actor=recruiter)
    url = reverse("candidates:pipeline", args=[a.requisition_id])
    response = as_recruiter.get(url)
    counts = {c["stage"]: c["count"] for c in response.context["counts"]}
    assert counts[St.SOURCED] == 1 and counts[St.SCREENING] == 1
    response = as_recruiter.get(url, {"q": "alice"})
    assert [x.pk for x in response.context["applications"]] == [a.pk]
    response = as_recruiter.get(url, {"stage": St.SOURCED, "view": "board"})
    cards = [x.candidate.full_name for column in response.context["board"] for x in column["apps"]]
    assert cards == ["Bob Other"]


def test_bulk_move_from_the_pipeline(as_recruiter, add_application):
    a, b = add_application(name="A"), add_application(name="B")
    url = reverse("candidates:pipeline", args=[a.requisition_id])
    response = as_recruiter.post(
        url, {"applications": [a.pk, b.pk], "to_stage": St.REJECTED, "reason": "Closed early"}
    )
    assert response.status_code == 302
    assert set(Application.objects.values_list("stage", flat=True)) == {St.REJECTED}


def _many_applications(requisition, version, n):
    must = version.criteria.get(kind=Criterion.Kind.MUST_HAVE)
    tag_names = ["python", "go"]
    for i in range(n):
        candidate = factories.CandidateFactory()
        candidate.tags.set([factories_tag(tag_names[i % 2])])
        app = factories.ApplicationFactory(candidate=candidate, requisition=requisition)
        factories.AssessmentFactory(application=app, criterion=must)


def factories_tag(name):
    from candidates.models import Tag

    return Tag.objects.get_or_create(name=name)[0]


@pytest.mark.parametrize("n", [5, 200])
def test_pipeline_query_count_does_not_grow_with_applications(
    as_recruiter, requisition, version, n, django_assert_num_queries
):
    _many_applications(requisition, version, n)
    url = reverse("candidates:pipeline", args=[requisition.pk])
    with django_assert_num_queries(9):  # 7 + the total and the deal-breaker flags of the page
        response = as_recruiter.get(url)
    assert len(response.context["applications"]) == min(n, 50)
    assert response.context["page"].paginator.count == n


@pytest.mark.parametrize("n", [5, 200])
def test_pipeline_csv_query_count_does_not_grow(
    as_recruiter, requisition, version, n, django_assert_num_queries
):
    _many_applications(requisition, version, n)
    with django_assert_num_queries(5):
        response = as_recruiter.get(reverse("candidates:pipeline_csv", args=[requisition.pk]))
    assert len(list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))) == n + 1


# --- CSV --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1 555", "'+1 555"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Ada Lovelace", "Ada Lovelace"),
        (None, ""),
    ],
)
def test_csv_cells_that_start_a_formula_are_neutralised(value, expected):
    assert safe_cell(value) == expected


def test_pipeline_csv_escapes_formula_injection(as_recruiter, recruiter, requisition):
    candidate = services.candidate_create(
        actor=recruiter, full_name="=cmd|' /C calc'!A0", email="x@example.org", phone="+44 20"
    )
    services.application_create(candidate=candidate, requisition=requisition, actor=recruiter)
    response = as_recruiter.get(reverse("candidates:pipeline_csv", args=[requisition.pk]))
    assert response["Content-Type"].startswith("text/csv")
    header, row = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header[0] == "Candidate"
    assert row[0] == "'=cmd|' /C calc'!A0"
    assert row[2] == "'+44 20"


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


# --- Shortlists --------------------------------------------------------------------------------
@pytest.fixture
def sent(recruiter, requisition, version, add_application):
    apps = [add_application(name=f"Cand {i}") for i in range(2)]
    return services.shortlist_submit(
        requisition=requisition,
        applications=apps,
        note="Two to look at",
        actor=recruiter,
        unassessed_reason="Phone screen only",
    )


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
    shortlist = services.shortlist_submit(
        requisition=requisition,
        applications=apps,
        note="",
        actor=recruiter,
        unassessed_reason="Phone screen only",
    )
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
    with django_assert_num_queries(11):  # 10 + the entries' total (20 a page)
        response = as_manager.get(reverse("candidates:shortlist_review", args=[shortlist.pk]))
    assert response.status_code == 200
    assert len(response.context["entries"]) == min(n, 20)


@pytest.mark.parametrize("n", [5, 200])
def test_shortlist_detail_query_count_does_not_grow(
    as_recruiter, recruiter, requisition, version, n, django_assert_num_queries
):
    shortlist = _large_shortlist(recruiter, requisition, version, n)
    with django_assert_num_queries(11):
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
    shortlist = services.shortlist_submit(
        requisition=requisition,
        applications=[application],
        note="",
        actor=recruiter,
        unassessed_reason="Phone screen only",
    )
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
