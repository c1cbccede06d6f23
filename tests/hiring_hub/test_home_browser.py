import pytest
from playwright.sync_api import expect

from candidates import services as candidate_services
from candidates.models import Application
from tests import factories
from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_home_counts_the_shortlist_in_the_navigation_and_links_to_the_review(
    page, recruiter, hiring_manager, requisition
):
    # given a shortlist of one candidate sent to the manager
    version = factories.CriteriaVersionFactory(requisition=requisition, number=1)
    criterion = factories.CriterionFactory(version=version, name="Runs production services")
    application = factories.ApplicationFactory(
        requisition=requisition, stage=Application.Stage.SHORTLISTED, created_by=recruiter
    )
    factories.AssessmentFactory(application=application, criterion=criterion)
    shortlist = candidate_services.shortlist_submit(
        requisition=requisition, applications=[application], note="", actor=recruiter
    )
    errors = []
    page.on("console", lambda message: errors.append(message.text))

    # when the manager opens their home
    browser_login(page, hiring_manager)

    # then the navigation shows what waits on them (loaded after the page, under the CSP)
    badge = page.locator("[data-nav-count='candidates:shortlist_inbox']")
    expect(badge).to_have_text("1 waiting on you")
    expect(page.locator("[data-nav='home']")).to_have_class("nav-link active")
    # and the inbox item leads to the exact place to act
    page.locator(f"[data-inbox='shortlist-{shortlist.pk}']").click()
    page.wait_for_url(f"**/shortlists/{shortlist.pk}/review/")
    assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e]
