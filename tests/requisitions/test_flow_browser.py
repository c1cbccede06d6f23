"""A requisition walks from Draft to Filled through the people's own work, in Chromium,
without anyone touching its status by hand."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from candidates.models import Application, Offer
from debriefs import services as debrief_services
from debriefs.models import Scorecard
from requisitions import services
from requisitions.models import Criterion, Requisition
from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _header_status(page, requisition) -> str:
    page.goto(reverse("requisitions:requisition_detail", args=[requisition.pk]))
    return page.locator("[data-testid=requisition-status] .badge").first.inner_text().strip()


def _on_home(page, inbox: str) -> int:
    """How many items of the signed-in person's home inbox are `inbox` (data-inbox)."""
    page.goto(reverse("home"))
    return page.locator(f"[data-inbox={inbox}]").count()


def _as(page, user):
    page.context.clear_cookies()
    browser_login(page, user)


def test_the_work_moves_a_requisition_from_draft_to_filled(
    page, new_requisition, recruiter, hiring_manager, interviewer
):
    requisition = new_requisition
    _as(page, recruiter)
    assert _header_status(page, requisition) == "Draft"
    expect(page.locator("[data-testid=work-state]")).to_contain_text("Not aligned yet")

    # The recruiter writes the intake: the search is in intake.
    page.goto(reverse("requisitions:intake_edit", args=[requisition.pk]))
    page.locator("textarea[name=business_goals]").fill("Grow payments volume in Europe.")
    with page.expect_navigation():
        page.locator("main button[type=submit]").first.click()
    assert _header_status(page, requisition) == "Intake"

    # Criteria and the interview plan are drafted (not status work).
    services.criterion_add(
        requisition=requisition,
        actor=recruiter,
        name="Runs production services",
        kind=Criterion.Kind.MUST_HAVE,
        definition="Has been on call for a payments system.",
    )
    stage = services.interview_stage_add(
        requisition=requisition, actor=recruiter, name="Technical", interviewers=[interviewer]
    )

    # The hiring manager signs off: aligned. Until then the sign-off waits on his home.
    _as(page, hiring_manager)
    assert _on_home(page, f"sign-off-{requisition.pk}") == 1
    page.goto(reverse("requisitions:criteria_sign_off", args=[requisition.pk]))
    page.get_by_label("I agree these criteria").check()
    page.get_by_role("button", name="Sign off v1").click()
    expect(page.get_by_text("Criteria v1 signed off.")).to_be_visible()
    assert _header_status(page, requisition) == "Aligned"
    assert _on_home(page, f"sign-off-{requisition.pk}") == 0

    # The recruiter adds the first candidate: sourcing.
    _as(page, recruiter)
    page.goto(reverse("candidates:candidate_create") + f"?requisition={requisition.pk}")
    page.get_by_label("Full name").fill("Ada Lovelace")
    page.get_by_label("Email").fill("ada@example.org")
    page.locator("main button[type=submit]").click()
    page.get_by_role("heading", name="Ada Lovelace").wait_for()
    assert _header_status(page, requisition) == "Sourcing"
    application = Application.objects.get(candidate__email="ada@example.org")

    # The shortlist refuses an unassessed candidate until the recruiter says why.
    page.goto(reverse("candidates:shortlist_create", args=[requisition.pk]))
    expect(page.locator("main")).to_contain_text("Ada Lovelace (Sourced) · not assessed")
    page.get_by_label("Ada Lovelace", exact=False).check()
    page.get_by_role("button", name="Send to").click()
    expect(page.locator("main")).to_contain_text("Nobody has assessed Ada Lovelace")
    page.get_by_label("Why send someone nobody assessed?").fill("Referred by the CTO")
    page.get_by_role("button", name="Send to").click()
    expect(page.locator(".alert-success")).to_contain_text("Shortlist 1 sent")
    assert _header_status(page, requisition) == "Sourcing"

    # The hiring manager advances her; the recruiter schedules the interview: interviewing.
    _as(page, hiring_manager)
    entry = application.shortlist_entries.get()
    assert _on_home(page, f"shortlist-{entry.shortlist_id}") == 1  # the ball is with him
    page.goto(reverse("candidates:shortlist_review", args=[entry.shortlist_id]))
    expect(page.locator("[data-testid=unassessed-reason]")).to_contain_text("Referred by the CTO")
    card = page.locator(f"#entry-{entry.pk}")
    card.get_by_text("Advance", exact=True).click()
    card.get_by_role("button", name="Save answer").click()
    page.locator(f"#entry-{entry.pk} [data-testid=decision]").get_by_text("Advance").wait_for()
    assert _header_status(page, requisition) == "Sourcing"
    assert _on_home(page, f"shortlist-{entry.shortlist_id}") == 0

    _as(page, recruiter)
    starts = timezone.localtime(timezone.now() - dt.timedelta(hours=3), recruiter.tzinfo)
    page.goto(reverse("debriefs:interview_create", args=[application.pk]))
    page.locator("select[name=stage]").select_option(str(stage.pk))
    page.locator("input[name=starts_at]").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    page.locator("input[name=location]").fill("Room 4")
    page.locator("main button[type=submit]").last.click()
    page.wait_for_url(lambda url: "/schedule/" not in url)
    assert _header_status(page, requisition) == "Interviewing"

    # The interviewer's scorecard waits on their home until they submit it; then the
    # debrief waits on the hiring manager's, who decides to offer.
    scorecard = Scorecard.objects.get(interview__application=application)
    _as(page, interviewer)
    assert _on_home(page, f"scorecard-{scorecard.pk}") == 1
    debrief_services.scorecard_submit(
        scorecard=scorecard,
        actor=interviewer,
        fields={
            "hard_skills": "Idempotent retries.",
            "skills_evidence_strength": Scorecard.EvidenceStrength.STRONG,
            "enthusiasm": 4,
            "team_fit": 4,
            "team_fit_behaviour": "Credited the team.",
            "recommendation": 4,
        },
    )
    assert _on_home(page, f"scorecard-{scorecard.pk}") == 0
    _as(page, hiring_manager)
    assert _on_home(page, f"debrief-{application.pk}") == 1
    page.goto(reverse("debriefs:debrief", args=[application.pk]))
    page.get_by_label("Offer").check()
    page.locator("textarea[name=rationale]").fill("Strong on every criterion.")
    page.get_by_role("button", name="Record decision").click()
    expect(page.locator("[data-test=settled]")).to_contain_text("This debrief is closed")
    expect(page.get_by_role("button", name="Record decision")).to_have_count(0)
    assert _header_status(page, requisition) == "Interviewing"
    assert _on_home(page, f"debrief-{application.pk}") == 0

    # The offer: drafted, approved, made verbally (offer), written and accepted (filled).
    offer_url = reverse("candidates:offer_detail", args=[application.pk])
    _as(page, recruiter)
    page.goto(offer_url)
    page.get_by_label("Base salary").fill("95000")
    page.get_by_role("button", name="Save offer").click()
    _as(page, hiring_manager)
    offer = Offer.objects.get(application=application)
    assert _on_home(page, f"offer-{offer.pk}") == 1  # his approval is what the offer waits on
    page.goto(offer_url)
    page.get_by_role("button", name="Approve these terms").click()
    expect(page.get_by_role("button", name="Approve these terms")).to_have_count(0)
    assert _on_home(page, f"offer-{offer.pk}") == 0
    _as(page, recruiter)
    page.goto(offer_url)
    page.locator("select[name=outcome]").select_option("positive")
    page.get_by_role("button", name="Record", exact=True).click()
    expect(page.get_by_text("After the verbal offer.")).to_have_count(0)
    assert _header_status(page, requisition) == "Offer"

    page.goto(offer_url)
    page.get_by_role("button", name="Record", exact=True).click()
    page.locator("select[name=outcome]").wait_for()
    page.locator("select[name=outcome]").select_option("accepted")
    page.get_by_role("button", name="Record outcome").click()
    expect(page.locator("[data-testid=offer-outcome]")).to_have_text("Accepted")
    assert _header_status(page, requisition) == "Filled"

    # Filled: off the recruiter's open requisitions; read-only, no editing controls; and
    # nobody moved the status by hand.
    page.goto(reverse("home"))
    expect(page.locator("[data-test=home-requisitions]")).not_to_contain_text(requisition.title)
    page.goto(reverse("requisitions:requisition_detail", args=[requisition.pk]))
    expect(page.locator("[data-testid=work-state]")).to_contain_text("read-only")
    expect(page.get_by_role("link", name="Criterion")).to_have_count(0)
    expect(page.get_by_role("link", name="Stage")).to_have_count(0)
    expect(page.get_by_role("link", name="Meeting")).to_have_count(0)
    requisition.refresh_from_db()
    assert requisition.status == Requisition.Status.FILLED
    moves = [
        (e.data["from"], e.data["to"])
        for e in requisition.events.filter(kind="status").order_by("created_at", "id")
    ]
    assert moves == [
        ("draft", "intake"),
        ("intake", "aligned"),
        ("aligned", "sourcing"),
        ("sourcing", "interviewing"),
        ("interviewing", "offer"),
        ("offer", "filled"),
    ]
