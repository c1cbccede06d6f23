import pytest
from playwright.sync_api import expect

from requisitions import selectors, services
from requisitions.models import Criterion
from tests.conftest import browser_login
from tests.requisitions.conftest import add_criteria

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_hiring_manager_reviews_changes_and_signs_off(page, signed_requisition, hiring_manager):
    # given the recruiter changed a signed criterion, so re-alignment is needed
    recruiter = signed_requisition.recruiter
    services.criterion_add(
        requisition=signed_requisition,
        actor=recruiter,
        name="Mentoring",
        kind=Criterion.Kind.MUST_HAVE,
        definition="Has grown two engineers into seniors.",
    )
    browser_login(page, hiring_manager)

    # when the manager opens the requisition, reviews the diff and signs off
    page.goto(f"/requisitions/{signed_requisition.pk}/")
    expect(page.get_by_text("Re-alignment needed.")).to_be_visible()
    page.get_by_role("link", name="Review and sign off").first.click()
    expect(page.locator(".criteria-diff")).to_contain_text("Mentoring")
    page.get_by_label("I agree these criteria").check()
    page.get_by_role("button", name="Sign off v2").click()

    # then v2 is the signed version and the warning is gone
    expect(page.get_by_text("Criteria v2 signed off.")).to_be_visible()
    expect(page.get_by_text("Re-alignment needed.")).to_have_count(0)
    assert selectors.current_signed_version(signed_requisition).number == 2


def test_recruiter_moves_status_from_the_detail_page(page, new_requisition, recruiter):
    add_criteria(new_requisition, recruiter)
    browser_login(page, recruiter)
    page.goto(f"/requisitions/{new_requisition.pk}/")
    page.get_by_role("button", name="Change status").click()
    page.get_by_label("Reason").fill("kick-off booked")
    page.get_by_role("button", name="Move to Intake").click()
    expect(page.get_by_text("Status is now Intake.")).to_be_visible()
    expect(page.locator("#timeline")).to_contain_text("Draft to Intake: kick-off booked")


def test_list_search_narrows_rows_as_you_type(page, recruiter, hiring_manager):
    from tests import factories

    factories.RequisitionFactory(title="Data Analyst", team="Finance", recruiter=recruiter)
    factories.RequisitionFactory(title="Product Designer", team="Growth", recruiter=recruiter)
    browser_login(page, recruiter)
    page.goto("/requisitions/")
    rows = page.locator("#requisition-rows tbody tr")
    expect(rows).to_have_count(2)
    page.fill("#q", "analyst")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Data Analyst")
    assert "q=analyst" in page.url
