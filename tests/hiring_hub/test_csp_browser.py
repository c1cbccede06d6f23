"""The Content-Security-Policy in a real Chromium: every main page of each role loads with
no policy violation (no inline script or style, no eval), and what used to be inline
(confirmations, "select all", htmx search) still works from our static files."""

import pytest
from playwright.sync_api import expect

from tests.conftest import browser_login
from tests.hiring_hub.access_matrix import build_world, url_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "recruiter": [
        "home",
        "requisitions:requisition_list",
        "requisitions:requisition_create",
        "requisitions:requisition_detail",
        "requisitions:requisition_edit",
        "requisitions:intake_edit",
        "requisitions:criterion_add",
        "requisitions:persona_edit",
        "requisitions:alignment_meeting_edit",
        "requisitions:interview_stage_add",
        "requisitions:interview_stage_edit",
        "requisitions:check_in_list",
        "candidates:candidate_list",
        "candidates:candidate_create",
        "candidates:candidate_detail",
        "candidates:candidate_edit",
        "candidates:application_detail",
        "candidates:assessment_edit",
        "candidates:offer_detail",
        "candidates:pipeline",
        "candidates:shortlist_create",
        "candidates:shortlist_inbox",
        "candidates:shortlist_detail",
        "debriefs:interview_list",
        "debriefs:interview_schedule_start",
        "debriefs:interview_detail",
        "debriefs:interview_edit",
        "debriefs:debrief",
        "debriefs:follow_up",
        "debriefs:thank_you_list",
        "debriefs:thank_you_note",
        "user_list",
        "profile",
    ],
    "manager": [
        "home",
        "requisitions:requisition_list",
        "requisitions:requisition_detail",
        "requisitions:intake_edit",
        "candidates:pipeline",
        "candidates:shortlist_inbox",
        "candidates:shortlist_review",
        "candidates:application_detail",
        "candidates:offer_detail",
        "debriefs:interview_list",
        "debriefs:debrief",
        "requisitions:check_in_list",
    ],
    "interviewer": [
        "home",
        "requisitions:requisition_list",
        "requisitions:requisition_detail",
        "debriefs:interview_list",
        "debriefs:interview_detail",
        "debriefs:scorecard_edit",
        "candidates:candidate_detail",
        "profile",
    ],
    "other_recruiter": [
        "home",
        "candidates:pipeline",
        "candidates:application_detail",
        "debriefs:interview_detail",
    ],
}

WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
});
"""


@pytest.fixture
def watched(page):
    """The page, collecting every CSP violation (DOM event and console) and script error."""
    problems: list[str] = []
    page.add_init_script(WATCH)
    page.on(
        "console",
        lambda msg: (
            problems.append(f"console: {msg.text}")
            if msg.type == "error" and "Content Security Policy" in msg.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.problems = problems
    return page


def _violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []")


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_world()


def test_login_page_has_no_csp_violation(watched, live_server):
    response = watched.goto("/accounts/login/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "camera=()" in response.headers["permissions-policy"]
    watched.wait_for_load_state("networkidle")
    assert _violations(watched) == [] and watched.problems == []


@pytest.mark.parametrize("role", sorted(PAGES))
def test_every_main_page_of_the_role_loads_without_a_csp_violation(watched, world, role):
    browser_login(watched, world.user(role))
    seen = {}
    for name in PAGES[role]:
        response = watched.goto(url_for(world, name))
        assert response.status < 400, f"{role} {name}: {response.status}"
        watched.wait_for_load_state("networkidle")
        violations = _violations(watched)
        if violations:
            seen[name] = violations
    assert not seen, f"CSP violations for {role}: {seen}"
    assert watched.problems == [], watched.problems
    # The page is styled: our stylesheet (not an inline style) applied.
    assert watched.evaluate("getComputedStyle(document.querySelector('.navbar')).display") == "flex"


def test_htmx_search_and_board_work_under_the_policy(watched, world):
    browser_login(watched, world.recruiter)
    watched.goto(url_for(world, "requisitions:requisition_list"))
    watched.fill("input[name=q]", "Zephyr")
    expect(watched.locator("#requisition-rows")).to_contain_text("Zephyr Ledger Lead")
    expect(watched.locator("#requisition-rows")).not_to_contain_text("Elsewhere Analyst")
    watched.goto(url_for(world, "candidates:pipeline") + "?view=board")
    watched.wait_for_load_state("networkidle")
    assert _violations(watched) == [] and watched.problems == []


def test_select_all_and_confirmations_work_from_static_script(watched, world):
    browser_login(watched, world.recruiter)
    # "Select all" ticks every candidate of the pipeline
    watched.goto(url_for(world, "candidates:pipeline"))
    watched.check("input[data-check-all=applications]")
    boxes = watched.locator("input[name=applications]")
    assert boxes.count() >= 2
    for i in range(boxes.count()):
        expect(boxes.nth(i)).to_be_checked()
    # Cancelling an interview asks first; saying no sends nothing
    watched.goto(url_for(world, "debriefs:interview_detail"))
    asked = []
    watched.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    watched.click("form[data-confirm] button[type=submit]")
    watched.wait_for_load_state("networkidle")
    assert asked and "Cancel this interview" in asked[0]
    expect(watched.get_by_text("Interview cancelled")).to_have_count(0)
    assert _violations(watched) == [] and watched.problems == []
