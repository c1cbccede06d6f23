import datetime as dt

import pytest
from playwright.sync_api import expect

from requisitions import services
from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_hiring_manager_opens_the_weeks_report_and_acknowledges_it(page, requisition):
    # given a check-in that went out with the recruiter's note
    services.check_in_note_save(
        requisition=requisition,
        week_start=dt.date(2026, 11, 23),
        note="Two referrals this week.",
        actor=requisition.recruiter,
    )
    services.check_in_compile(
        requisition=requisition,
        week_start=dt.date(2026, 11, 23),
        now=dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC),
    )
    browser_login(page, requisition.hiring_manager)

    # when the manager opens it from the history and acknowledges with an agenda point
    page.goto(f"/requisitions/{requisition.pk}/check-ins/")
    expect(page.get_by_text("Awaiting")).to_be_visible()
    page.get_by_role("link", name="23 Nov 2026").click()
    expect(page.get_by_text("Two referrals this week.")).to_be_visible()
    page.get_by_label("Agenda points for our next conversation").fill("Salary band")
    page.get_by_role("button", name="Acknowledge").click()

    # then the report shows it acknowledged, with the agenda kept
    expect(page.get_by_text("Acknowledged by Maya Manager")).to_be_visible()
    expect(page.get_by_label("Agenda points for our next conversation")).to_have_value(
        "Salary band"
    )
