import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hiring_hub import outbox
from hiring_hub.models import OutboundMessage
from requisitions import notifications
from tests.conftest import browser_login
from tests.requisitions.test_partnership_health import one_sided

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_manager_answers_the_pulse_from_the_email_and_both_see_the_same_health(
    page, requisition, interviewer
):
    # given a search where the manager keeps no promise, and this week's check-in email
    one_sided(requisition, interviewer, manager_keeps=False)
    today = timezone.now()
    sunday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=6)
    outbox.sweep(now=sunday.replace(hour=12), kinds=[notifications.WEEKLY_CHECK_IN])
    email = OutboundMessage.objects.get(
        kind=notifications.WEEKLY_CHECK_IN, recipient=requisition.hiring_manager
    )
    link = re.search(r"Some concerns: (\S+)", email.body_text).group(1)
    path = re.sub(r"^https?://[^/]+", "", link)

    # when the manager follows the link, adds a comment and sends
    browser_login(page, requisition.hiring_manager)
    page.goto(path)
    expect(page.get_by_label("Some concerns")).to_be_checked()
    page.get_by_label("Anything to add? (optional)").fill("Reviews pile up on my side.")
    page.get_by_role("button", name="Send my answer").click()

    # then the answer is on the trend, and the health gives its reasons
    expect(
        page.get_by_text("Thank you: your answer is on the requisition's trend.")
    ).to_be_visible()
    trend = page.locator("[data-test=pulse-trend]")
    expect(trend).to_contain_text("Some concerns")
    expect(trend).to_contain_text("Reviews pile up on my side.")
    health = page.locator("[data-test=health]")
    expect(health).to_contain_text("Needs a talk")
    expect(health).to_contain_text("shortlists waited more than the agreed 2 business days")
    seen_by_manager = health.inner_text()

    # and the link works once
    page.goto(path)
    expect(page.locator("[data-test=pulse-answered]")).to_be_visible()

    # and the recruiter reads the same health, in the same words
    page.context.clear_cookies()
    browser_login(page, requisition.recruiter)
    page.goto(f"/requisitions/{requisition.pk}/")
    page.locator("[data-test=partnership-link]").click()
    expect(page.locator("[data-test=health]")).to_contain_text("Needs a talk")
    assert page.locator("[data-test=health]").inner_text() == seen_by_manager
    expect(page.locator("[data-test=pulse-trend]")).to_contain_text("Some concerns")
