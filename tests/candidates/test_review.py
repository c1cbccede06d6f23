"""The phone-first shortlist review: the email opens the next candidate to answer, one
candidate at a time with the résumé read in the page."""

import pytest
from django.urls import reverse

from candidates import services
from candidates.models import ShortlistEntry
from tests import factories
from tests.candidates.conftest import docx_bytes, pdf_bytes, submit_shortlist, upload

pytestmark = pytest.mark.django_db
D = ShortlistEntry.Decision


def _shortlist(recruiter, requisition, applications):
    return submit_shortlist(
        recruiter,
        requisition,
        applications,
        unassessed_reason="Screened by phone; the assessment follows",
    )


def _applied_with_resume(recruiter, requisition, filename: str, data: bytes):
    candidate = services.candidate_create(
        actor=recruiter,
        full_name="Rae Resume",
        email="rae@example.org",
        resume=upload(filename, data),
    )
    return services.application_create(
        candidate=candidate, requisition=requisition, actor=recruiter
    )


def _next(client, shortlist):
    return client.get(reverse("candidates:shortlist_review_next", args=[shortlist.pk]))


def test_email_link_opens_the_next_undecided_candidate_on_its_page(
    client, recruiter, hiring_manager, requisition, version
):
    apps = [factories.ApplicationFactory(requisition=requisition) for _ in range(23)]
    shortlist = _shortlist(recruiter, requisition, apps)
    entries = list(shortlist.entries.order_by("pk"))
    for entry in entries[:21]:
        services.shortlist_entry_decide(
            entry=entry, actor=hiring_manager, decision=D.ADVANCE, reason="Yes"
        )
    services.shortlist_entry_decide(
        entry=entries[21], actor=hiring_manager, decision=D.NEED_INFO, reason="Notice period?"
    )
    client.force_login(hiring_manager)
    review = reverse("candidates:shortlist_review", args=[shortlist.pk])

    # The one still awaiting review comes before the one with a question open.
    pending = entries[22]
    response = _next(client, shortlist)
    assert response["Location"] == f"{review}?page=2&answer={pending.pk}#entry-{pending.pk}"
    page = client.get(response["Location"])
    current = [e for e in page.context["entries"] if getattr(e, "current", False)]
    assert [e.pk for e in current] == [pending.pk] and current[0].form_open

    services.shortlist_entry_decide(
        entry=pending, actor=hiring_manager, decision=D.DECLINE, reason="No"
    )
    asked = entries[21]
    assert _next(client, shortlist)["Location"] == (
        f"{review}?page=2&answer={asked.pk}#entry-{asked.pk}"
    )

    services.shortlist_entry_decide(entry=asked, actor=hiring_manager, decision=D.ADVANCE)
    assert _next(client, shortlist)["Location"] == review


@pytest.mark.parametrize("role", ["recruiter", "interviewer", "other_manager"])
def test_only_the_hiring_manager_follows_the_review_link(
    client, recruiter, interviewer, requisition, version, role
):
    shortlist = _shortlist(
        recruiter, requisition, [factories.ApplicationFactory(requisition=requisition)]
    )
    users = {
        "recruiter": recruiter,
        "interviewer": interviewer,
        "other_manager": factories.HiringManagerFactory(),
    }
    client.force_login(users[role])
    assert _next(client, shortlist).status_code in (403, 404)


def test_review_steps_through_candidates_one_at_a_time(
    client, recruiter, hiring_manager, requisition, version
):
    apps = [
        factories.ApplicationFactory(requisition=requisition, candidate__full_name=name)
        for name in ("Ann", "Ben", "Cy")
    ]
    shortlist = _shortlist(recruiter, requisition, apps)
    ann, ben, cy = shortlist.entries.order_by("pk")
    client.force_login(hiring_manager)
    url = reverse("candidates:shortlist_review", args=[shortlist.pk])

    response = client.get(url, {"answer": ben.pk})

    html = response.content.decode()
    entries = {e.pk: e for e in response.context["entries"]}
    assert getattr(entries[ben.pk], "current", False)
    assert not getattr(entries[ann.pk], "current", False)
    assert f'href="?page=1&amp;answer={ann.pk}#entries"' in html  # previous
    assert f'href="?page=1&amp;answer={cy.pk}#entries"' in html  # next
    assert "2 of 3" in html
    assert html.count("review-current") == 1


def test_pdf_resume_is_framed_in_the_review_page(
    client, recruiter, hiring_manager, requisition, version
):
    application = _applied_with_resume(recruiter, requisition, "cv.pdf", pdf_bytes())
    shortlist = _shortlist(recruiter, requisition, [application])
    client.force_login(hiring_manager)

    page = client.get(reverse("candidates:shortlist_review", args=[shortlist.pk]))
    preview = reverse("candidates:resume_preview", args=[application.candidate_id])
    assert f'<iframe class="resume-frame border rounded" src="{preview}"' in page.content.decode()
    # The review page may frame our own documents, and nothing else; other pages none.
    assert "frame-src 'self'" in page["Content-Security-Policy"]
    detail = client.get(reverse("candidates:shortlist_detail", args=[shortlist.pk]))
    assert "frame-src 'none'" in detail["Content-Security-Policy"]

    framed = client.get(preview)
    assert framed.status_code == 200
    assert framed["X-Frame-Options"] == "SAMEORIGIN"
    assert framed["Content-Security-Policy"] == "sandbox; frame-ancestors 'self'"
    assert framed["X-Content-Type-Options"] == "nosniff"
    assert framed["Content-Disposition"].startswith("inline")
    # Every other response still refuses to be framed.
    assert page["X-Frame-Options"] == "DENY"


def test_the_inline_resume_is_refused_to_a_manager_before_the_shortlist(
    client, recruiter, hiring_manager, requisition
):
    application = _applied_with_resume(recruiter, requisition, "cv.pdf", pdf_bytes())
    client.force_login(hiring_manager)
    response = client.get(reverse("candidates:resume_preview", args=[application.candidate_id]))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "name, data, shown",
    [
        ("cv.txt", b"Tex Text\n<script>alert(1)</script>", "&lt;script&gt;alert(1)"),
        ("cv.docx", docx_bytes(), None),
    ],
)
def test_other_resume_formats_are_read_as_text_in_the_review(
    client, recruiter, hiring_manager, requisition, version, name, data, shown
):
    application = _applied_with_resume(recruiter, requisition, name, data)
    shortlist = _shortlist(recruiter, requisition, [application])
    client.force_login(hiring_manager)

    html = client.get(reverse("candidates:shortlist_review", args=[shortlist.pk])).content.decode()

    assert "resume/preview" not in html
    if shown:
        assert 'data-test="resume-text"' in html and shown in html
        assert "<script>alert(1)" not in html
    else:
        assert "cannot be shown here" in html


def test_review_shows_the_ticked_criteria_in_order_and_the_questions_asked(
    client, recruiter, hiring_manager, requisition, version
):
    apps = [
        factories.ApplicationFactory(requisition=requisition, candidate__full_name=name)
        for name in ("Ann", "Ben")
    ]
    shortlist = _shortlist(recruiter, requisition, apps)
    ann, ben = shortlist.entries.order_by("pk")
    first, second, _ = version.criteria.order_by("order")
    services.shortlist_entry_decide(
        entry=ann,
        actor=hiring_manager,
        decision=D.ADVANCE,
        reason="Strong",
        criteria=[second, first],
    )
    services.shortlist_entry_decide(
        entry=ben, actor=hiring_manager, decision=D.NEED_INFO, reason="Notice period?"
    )
    services.shortlist_message_post(entry=ben, actor=recruiter, body="<b>One</b> month")
    client.force_login(hiring_manager)

    response = client.get(reverse("candidates:shortlist_review", args=[shortlist.pk]))

    html = response.content.decode()
    ticked = (
        'Criteria: <span class="badge text-bg-light border">Runs production services</span> '
        '<span class="badge text-bg-light border">Payments domain</span>'
    )
    assert ticked in html
    assert "Questions and answers" in html
    assert f'<span class="fw-semibold">{recruiter.full_name}</span>' in html
    assert "&lt;b&gt;One&lt;/b&gt; month" in html
    entries = {e.pk: e for e in response.context["entries"]}
    assert entries[ann.pk].criteria_names == ["Runs production services", "Payments domain"]
    assert [m.body for m in entries[ben.pk].message_list][-1] == "<b>One</b> month"
