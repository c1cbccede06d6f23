"""The pipeline board in a browser: dragging a card, and the keyboard path to the same move."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from candidates.models import Application
from requisitions.models import Requisition
from tests import factories
from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
St = Application.Stage


def _board(page, requisition):
    page.goto(reverse("candidates:pipeline", args=[requisition.pk]) + "?view=board")


def _column(page, stage):
    return page.locator(f'[data-board-column="{stage}"]')


def _drag(page, application, stage):
    """Drag the card onto the top of the column (both on screen) in small mouse steps, as a
    hand would: Chromium starts an HTML5 drag only after the pointer moved while pressed."""
    card = page.locator(f"#application-{application.pk}").bounding_box()
    column = _column(page, stage).bounding_box()
    page.mouse.move(card["x"] + 20, card["y"] + 10)
    page.mouse.down()
    page.mouse.move(card["x"] + 30, card["y"] + 20, steps=3)
    page.mouse.move(column["x"] + 60, column["y"] + 60, steps=10)
    page.mouse.up()


def test_recruiter_drags_cards_and_a_rejection_asks_for_its_reason(page, recruiter, requisition):
    requisition.status = Requisition.Status.INTERVIEWING  # every stage is offered
    requisition.save()
    dora = factories.ApplicationFactory(requisition=requisition, candidate__full_name="Dora Drag")
    hal = factories.ApplicationFactory(
        requisition=requisition, candidate__full_name="Hal Hired", stage=St.INTERVIEWING
    )
    page.set_viewport_size({"width": 1366, "height": 768})
    browser_login(page, recruiter)
    _board(page, requisition)
    # Columns past the edge of the screen are announced.
    assert "more columns" in page.locator('[data-board-scroll="1"]').inner_text()

    page.locator(f"#application-{dora.pk}").drag_to(_column(page, St.SCREENING))
    _column(page, St.SCREENING).locator(f"#application-{dora.pk}").wait_for()
    expect(page.locator("#board-status")).to_have_text("Dora Drag moved to Screening.")
    assert _column(page, St.SCREENING).locator("[data-board-count]").inner_text() == "1"
    assert _column(page, St.SOURCED).locator("[data-board-count]").inner_text() == "0"

    # A move the rules refuse leaves the card where it was, with the reason. (The later
    # columns are scrolled into view first, at once: Bootstrap makes the page scroll smoothly
    # and a drag measured mid-scroll would land on another column.)
    _column(page, St.INTERVIEWING).evaluate(
        "c => c.scrollIntoView({inline: 'start', block: 'nearest', behavior: 'instant'})"
    )
    _drag(page, hal, St.HIRED)
    page.locator("#board-status.alert-danger").wait_for()
    assert "offer stage" in page.locator("#board-status").inner_text()
    assert _column(page, St.INTERVIEWING).locator(f"#application-{hal.pk}").count() == 1

    # Rejected asks why; dismissing the dialog cancels the move.
    _drag(page, hal, St.REJECTED)
    dialog = page.locator("#board-reason-dialog")
    dialog.get_by_role("button", name="Cancel").click()
    # The dialog's "close" event, which says so, comes a task after the click.
    expect(page.locator("#board-status")).to_contain_text("Move cancelled")
    _drag(page, hal, St.REJECTED)
    dialog.get_by_label("Reason").fill("Salary expectations far above the band")
    dialog.get_by_role("button", name="Move").click()
    _column(page, St.REJECTED).locator(f"#application-{hal.pk}").wait_for()

    dora.refresh_from_db()
    hal.refresh_from_db()
    assert dora.stage == St.SCREENING
    assert (hal.stage, hal.closed_reason) == (St.REJECTED, "Salary expectations far above the band")


def test_recruiter_moves_a_card_with_the_keyboard(page, recruiter, requisition):
    kai = factories.ApplicationFactory(requisition=requisition, candidate__full_name="Kai Keys")
    browser_login(page, recruiter)
    _board(page, requisition)

    card = page.locator(f"#application-{kai.pk}")
    card.get_by_text("Move to…").focus()
    page.keyboard.press("Enter")
    card.get_by_label("Move Kai Keys to").focus()
    card.get_by_label("Move Kai Keys to").select_option(St.SCREENING)
    page.keyboard.press("Tab")  # the reason field
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    _column(page, St.SCREENING).locator(f"#application-{kai.pk}").wait_for()
    assert page.locator("#board-status").inner_text() == "Kai Keys moved to Screening."
    kai.refresh_from_db()
    assert kai.stage == St.SCREENING
