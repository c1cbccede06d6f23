import pytest
from playwright.sync_api import expect

from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_recruiter_logs_in_on_styled_login_page_and_sees_role_navigation(page, recruiter):
    # given a styled login page served from our own static files
    page.goto("/accounts/login/")
    bootstrap_loaded = page.evaluate(
        "getComputedStyle(document.querySelector('.btn-primary')).backgroundColor"
    )
    assert bootstrap_loaded == "rgb(13, 110, 253)"

    # when the recruiter logs in
    browser_login(page, recruiter)

    # then the dashboard greets them with the recruiter's navigation
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rita")
    expect(page.locator("[data-nav=user_list]")).to_be_visible()


def test_interviewer_navigation_has_no_team_page(page, interviewer):
    browser_login(page, interviewer)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("[data-nav=user_list]")).to_have_count(0)
