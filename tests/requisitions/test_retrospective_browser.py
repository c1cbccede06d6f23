import pytest
from playwright.sync_api import expect

from requisitions import services
from requisitions.models import Requisition
from tests import factories
from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_hiring_manager_answers_the_retrospective_from_home_and_finds_it_on_the_profile(page):
    # given a search just filled
    requisition = factories.RequisitionFactory(
        title="Ledger Lead",
        hiring_manager=factories.HiringManagerFactory(full_name="Maya Manager"),
        status=Requisition.Status.OFFER,
    )
    services.requisition_transition(
        requisition=requisition, to_status=Requisition.Status.FILLED, actor=requisition.recruiter
    )
    browser_login(page, requisition.hiring_manager)

    # when the manager opens it from their home and answers
    page.goto("/")
    page.get_by_role("link", name="Ledger Lead is filled: a short retrospective").click()
    page.get_by_label("What worked").fill("The weekly check-ins kept us honest.")
    page.get_by_label("What to change next time").fill("Sign off the criteria in week one.")
    page.get_by_role("button", name="Send my answers").click()

    # then the answers are on the requisition, no longer asked for, and on the team profile
    expect(page.get_by_text("The weekly check-ins kept us honest.")).to_be_visible()
    expect(page.get_by_role("button", name="Send my answers")).to_have_count(0)
    page.get_by_role("link", name="Maya Manager's team profile").click()
    lessons = page.locator("#lessons")
    expect(lessons.get_by_text("Sign off the criteria in week one.")).to_be_visible()
    expect(lessons.get_by_role("link", name="Ledger Lead")).to_be_visible()
    page.get_by_label("Who thrives on the team").fill("People who write things down.")
    page.get_by_role("button", name="Save the team profile").click()
    expect(page.get_by_text("Team profile saved.")).to_be_visible()
