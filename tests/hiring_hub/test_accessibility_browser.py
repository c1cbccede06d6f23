"""WCAG 2 AA in a real browser: axe-core on every main page of every role, light and dark.

The pages are listed in `tests/a11y_pages.py`; a new page is checked by adding its URL name
there. One browser context per role, logged in once; the colour scheme is switched with
`emulate_media` (the theme follows the system setting live), so each page loads once.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import expect

from tests.a11y_pages import PAGES, build_a11y_world, page_url, role_user
from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Critical and serious violations fail; moderate and minor ones are advice.
FAILING_IMPACTS = ("critical", "serious")
THEMES = tuple(os.environ.get("A11Y_THEMES", "light,dark").split(","))
# axe-core as bundled by axe-playwright-python, added to every page of the context once.
AXE_SCRIPT = Path(axe_playwright_python.__file__).with_name("axe.min.js")
SETTLED = """() => {
    document.body.getBoundingClientRect();
    return Promise.all(document.getAnimations()
        .filter(a => a instanceof CSSTransition).map(a => a.finished.catch(() => null)));
}"""
AXE_OPTIONS = {"resultTypes": ["violations"]}
AXE_COLOUR_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]},
}


def _figures(violations: list[dict]) -> dict[str, int]:
    counts = dict.fromkeys(FAILING_IMPACTS, 0)
    for violation in violations:
        if violation["impact"] in counts:
            counts[violation["impact"]] += len(violation["nodes"])
    return counts


def _table(rows: list[tuple[str, str, dict, list[dict]]]) -> str:
    lines = [f"{'page':<62} {'theme':<6} {'critical':>8} {'serious':>8}  rules"]
    for url, theme, counts, violations in rows:
        rules = ", ".join(
            f"{v['id']}×{len(v['nodes'])}" for v in violations if v["impact"] in FAILING_IMPACTS
        )
        lines.append(
            f"{url:<62} {theme:<6} {counts['critical']:>8} {counts['serious']:>8}  {rules}"
        )
    return "\n".join(lines)


def _distinct_nodes(rows) -> str:
    """Each failing element once (rule, element, first page), to find it in the templates."""
    seen = {}
    for url, theme, _counts, violations in rows:
        for v in violations:
            if v["impact"] not in FAILING_IMPACTS:
                continue
            for node in v["nodes"]:
                key = (v["id"], node["html"][:140])
                if key not in seen:
                    summary = (node.get("failureSummary") or "").replace("\n", " ")[:200]
                    seen[key] = f"  {v['id']} on {url} ({theme}): {key[1]} | {summary}"
    return "\n".join(seen.values())


def _record(role: str, rows) -> None:
    """With A11Y_REPORT=path, append the figures as JSON lines (for before/after notes)."""
    path = os.environ.get("A11Y_REPORT")
    if not path:
        return
    with open(path, "a") as report:
        for url, theme, counts, violations in rows:
            rules = {v["id"]: len(v["nodes"]) for v in violations if v["impact"] in FAILING_IMPACTS}
            line = {"role": role, "url": url, "theme": theme, **counts, "rules": rules}
            report.write(json.dumps(line) + "\n")


@pytest.mark.parametrize("role", list(PAGES))
def test_main_pages_have_no_serious_accessibility_violations(browser, live_server, role):
    # given the pages of one role, with realistic data on them
    world = build_a11y_world()
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1366, "height": 768})
    context.add_init_script(path=AXE_SCRIPT)
    page = context.new_page()
    page.set_default_timeout(15_000)
    browser_login(page, role_user(world, role))

    # when axe-core checks each page in both colour schemes
    rows = []
    try:
        for entry in PAGES[role]:
            url = page_url(world, entry)
            page.emulate_media(color_scheme="light", reduced_motion="reduce")
            response = page.goto(url)
            assert response is not None and response.status == 200, (url, response)
            for theme in THEMES:
                # (reduced motion: no colour transition half-way when axe measures)
                page.emulate_media(color_scheme=theme, reduced_motion="reduce")
                # (the admin has its own theme, which follows the system setting by itself)
                page.wait_for_function(
                    "theme => !document.documentElement.dataset.bsTheme"
                    " || document.documentElement.dataset.bsTheme === theme",
                    arg=theme,
                )
                # Colour transitions (the admin's links) end before axe measures colours.
                page.evaluate(SETTLED)
                # Only colours change with the theme: the second pass checks only them.
                options = AXE_OPTIONS if theme == THEMES[0] else AXE_COLOUR_OPTIONS
                violations = page.evaluate("o => axe.run(document, o)", options)["violations"]
                counts = _figures(violations)
                rows.append((url, theme, counts, violations))
    finally:
        context.close()
    _record(role, rows)

    # then none is critical or serious
    failing = [row for row in rows if any(row[2].values())]
    assert not failing, (
        f"axe-core: critical/serious violations for {role}\n{_table(rows)}\n\n"
        + _distinct_nodes(rows)
    )


# Records the colour mode the page has when <body> first exists: set any later, a dark page
# would flash light.
THEME_AT_FIRST_PAINT = """
new MutationObserver((_, observer) => {
    if (document.body) {
        window.themeAtBody = document.documentElement.getAttribute("data-bs-theme");
        observer.disconnect();
    }
}).observe(document, {childList: true, subtree: true});
"""


def test_keyboard_skips_to_the_content_and_the_theme_follows_the_system_or_the_choice(
    page, recruiter
):
    browser_login(page, recruiter)
    page.context.add_init_script(THEME_AT_FIRST_PAINT)
    html = page.locator("html")

    # the first Tab reaches a visible skip link, which moves the focus to the content
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    expect(skip).to_have_text("Skip to main content")
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    # and a focused link shows where the focus is
    page.keyboard.press("Shift+Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none"), outline

    # auto: the theme follows the system setting as it changes, without a reload
    page.emulate_media(color_scheme="dark")
    expect(html).to_have_attribute("data-bs-theme", "dark")
    page.emulate_media(color_scheme="light")
    expect(html).to_have_attribute("data-bs-theme", "light")

    # choosing dark in the navbar overrides a light system, and is remembered from the
    # first paint of the next page
    page.click("#theme-menu")
    page.click("[data-theme-choice=dark]")
    expect(html).to_have_attribute("data-bs-theme", "dark")
    expect(page.locator("[data-theme-choice=dark]")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-theme-current]")).to_have_text("Dark")
    page.goto("/requisitions/")
    assert page.evaluate("window.themeAtBody") == "dark"

    # back to auto: the system decides again
    page.click("#theme-menu")
    page.click("[data-theme-choice=auto]")
    expect(html).to_have_attribute("data-bs-theme", "light")
