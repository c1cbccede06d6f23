import pytest
from django.urls import reverse

from candidates.models import Application, ShortlistEntry
from tests.candidates.conftest import submit_shortlist
from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_reviews_a_shortlist_and_the_recruiter_sees_the_answers(
    page, recruiter, hiring_manager, requisition, version, add_application
):
    apps = [add_application(name="Ada Advance"), add_application(name="Dan Decline")]
    shortlist = submit_shortlist(recruiter, requisition, apps, "Two for you")
    ada, dan = shortlist.entries.order_by("application__candidate__full_name")
    browser_login(page, hiring_manager)
    page.goto(reverse("candidates:shortlist_review", args=[shortlist.pk]))

    # The first undecided candidate's form is open; another's loads on demand.
    assert page.locator(f"#entry-{ada.pk} [data-test=decide-form]").count() == 1
    card = page.locator(f"#entry-{dan.pk}")
    assert card.locator("[data-test=decide-form]").count() == 0
    card.get_by_role("link", name="Answer").click()
    # A decline with no criterion and no comment is refused on the page.
    card.get_by_text("Decline", exact=True).click()
    card.get_by_role("button", name="Save answer").click()
    card = page.locator(f"#entry-{dan.pk}")
    assert "Say why you decline" in card.inner_text()
    # Naming the criterion is enough.
    card.get_by_label("Runs production services").check()
    card.get_by_role("button", name="Save answer").click()
    page.locator(f"#entry-{dan.pk} [data-testid=decision]").get_by_text("Decline").wait_for()

    card = page.locator(f"#entry-{ada.pk}")
    card.get_by_text("Advance", exact=True).click()
    card.get_by_label("Reason or question").fill("Strong production background")
    card.get_by_role("button", name="Save answer").click()
    page.locator(f"#entry-{ada.pk} [data-testid=decision]").get_by_text("Advance").wait_for()
    assert page.locator("[data-testid=acceptance-rate]").inner_text() == "50%"

    assert Application.objects.get(pk=ada.application_id).stage == Application.Stage.INTERVIEWING
    assert ShortlistEntry.objects.get(pk=dan.pk).criteria.get().name == "Runs production services"


def test_recruiter_fixes_a_bad_resume_without_retyping_the_form(
    page, recruiter, requisition, tmp_path
):
    from tests.candidates.conftest import PNG, pdf_bytes

    fake = tmp_path / "cv.pdf"
    fake.write_bytes(PNG)
    real = tmp_path / "real.pdf"
    real.write_bytes(pdf_bytes())
    browser_login(page, recruiter)
    page.goto(reverse("candidates:candidate_create") + f"?requisition={requisition.pk}")
    page.get_by_label("Full name").fill("Rosa Resume")
    page.get_by_label("Email").fill("rosa@example.org")
    page.get_by_label("Tags").fill("python, payments")
    page.locator("#id_resume").set_input_files(str(fake))
    page.locator("main button[type=submit]").click()
    assert "is not a PDF" in page.locator("#div_id_resume").inner_text()
    assert page.get_by_label("Full name").input_value() == "Rosa Resume"
    assert page.get_by_label("Tags").input_value() == "python, payments"

    page.locator("#id_resume").set_input_files(str(real))
    page.locator("main button[type=submit]").click()
    page.get_by_role("heading", name="Rosa Resume").wait_for()
    with page.expect_download() as download:
        page.get_by_role("link", name="Résumé").click()
    assert download.value.suggested_filename == "rosa-resume-resume.pdf"


def test_manager_answers_a_shortlist_on_a_phone_one_candidate_at_a_time(
    page, recruiter, hiring_manager, requisition, version, add_application
):
    apps = [add_application(name="Pia Phone"), add_application(name="Quinn Queue")]
    shortlist = submit_shortlist(recruiter, requisition, apps)
    pia, quinn = shortlist.entries.order_by("pk")
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, hiring_manager)
    # The link in the email opens the first candidate to answer, alone on the screen.
    page.goto(reverse("candidates:shortlist_review_next", args=[shortlist.pk]))
    assert page.locator(f"#entry-{pia.pk}").is_visible()
    assert not page.locator(f"#entry-{quinn.pk}").is_visible()

    # The decision buttons sit at the bottom of the screen, whatever the scroll.
    save = page.locator(f"#entry-{pia.pk}").get_by_role("button", name="Save answer")
    box = save.bounding_box()
    assert box["y"] + box["height"] <= 844 and box["y"] > 844 - 150
    page.locator(f"#entry-{pia.pk}").get_by_text("Advance", exact=True).click()
    save.click()

    # Saved: the next undecided candidate is the one on the screen.
    page.get_by_text("Answer on Pia Phone saved.").wait_for()
    assert page.locator(f"#entry-{quinn.pk}").is_visible()
    assert not page.locator(f"#entry-{pia.pk}").is_visible()
    assert page.locator(f"#entry-{quinn.pk}").get_by_text("2 of 2").is_visible()
    page.locator(f"#entry-{quinn.pk}").get_by_role("link", name="Previous").click()
    page.locator(f"#entry-{pia.pk} [data-testid=decision]").get_by_text("Advance").wait_for()
    assert ShortlistEntry.objects.get(pk=pia.pk).decision == ShortlistEntry.Decision.ADVANCE
