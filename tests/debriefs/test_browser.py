import pytest
from django.core import mail
from playwright.sync_api import expect

from debriefs.models import Scorecard, ThankYouNote
from tests.conftest import browser_login
from tests.debriefs.conftest import schedule, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_interviewer_submits_a_scorecard_then_sees_the_others(page, plan):
    # given Bob already submitted his scorecard for the technical interview
    interview = schedule(plan)
    submit(interview, plan.bob, hard_skills="Bob saw a great payments design.")
    c1, c2, _ = plan.criteria
    browser_login(page, plan.alice)

    # Bob's scorecard is hidden while Alice has not submitted hers
    page.goto(f"/interviews/{interview.pk}/")
    expect(page.get_by_text("Hidden until you submit your own scorecard")).to_be_visible()
    expect(page.get_by_text("Bob saw a great payments design.")).to_have_count(0)

    # when Alice fills in and submits her scorecard
    page.click("[data-test=write-scorecard]")
    page.select_option(f"select[name=rating_{c1.pk}]", label="Strong yes")
    page.fill(f"textarea[name=evidence_{c1.pk}]", "Ran payouts at scale.")
    page.fill("textarea[name=hard_skills]", "Idempotent retries.")
    page.select_option("select[name=skills_evidence_strength]", label="Strong")
    page.select_option("select[name=enthusiasm]", label="Yes")
    page.select_option("select[name=team_fit]", label="Yes")
    page.fill("textarea[name=team_fit_behaviour]", "Asked the junior engineer for their view.")
    page.select_option("select[name=recommendation]", label="Strong yes")
    page.get_by_role("button", name="Submit scorecard").click()

    # then she is back on the interview and reads Bob's scorecard
    expect(page.get_by_text("Scorecard submitted.")).to_be_visible()
    expect(page.locator("[data-test=other-scorecard]")).to_contain_text(
        "Bob saw a great payments design."
    )
    scorecard = Scorecard.objects.get(interview=interview, interviewer=plan.alice)
    assert scorecard.status == Scorecard.Status.SUBMITTED
    assert scorecard.ratings.get(criterion=c2).rating is None  # left on "No evidence"


def test_recruiter_edits_and_sends_a_thank_you_note(page, plan):
    interview = schedule(plan)
    mail.outbox.clear()
    browser_login(page, plan.requisition.recruiter)

    page.goto("/interviews/thank-you-notes/")
    # The menu's counts load after the page: let them land before leaving it (the test
    # server shares one SQLite connection between its threads).
    page.wait_for_load_state("networkidle")
    page.locator("[data-test=due]").get_by_role("link", name="Edit and send").click()
    page.fill("textarea[name=body]", "Dear Dana, thank you! We will be in touch by Friday.")
    page.get_by_role("button", name="Send to the candidate").click()

    expect(page.get_by_text("Thank-you note to Dana Diaz queued for sending")).to_be_visible()
    assert ThankYouNote.objects.get(interview=interview).status == ThankYouNote.Status.SENT
    sent = [m for m in mail.outbox if m.to == ["dana@example.org"]]
    assert len(sent) == 1 and "in touch by Friday" in sent[0].body
    # the note itself says whether the email has left
    page.goto(f"/interviews/{interview.pk}/thank-you-note/")
    expect(page.locator("[data-delivery=sent]")).to_be_visible()
