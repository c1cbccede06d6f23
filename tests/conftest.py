import os

import pytest
from django.core.cache import cache

from tests import factories

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


@pytest.fixture(scope="session", autouse=True)
def _static_root_exists():
    from django.conf import settings

    # WhiteNoise warns about a missing STATIC_ROOT on every request otherwise.
    os.makedirs(settings.STATIC_ROOT, exist_ok=True)


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    # Rate limits live in the cache, uploads in MEDIA_ROOT: start every test clean.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # A delivery queued when an action commits runs in the test process (the same task a
    # worker runs); tests of a real worker and of a request that must not wait for mail turn
    # this off.
    settings.CELERY_TASK_ALWAYS_EAGER = True
    # Hashing strength is not under test; a fast hasher keeps the suite quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def recruiter(db):
    return factories.RecruiterFactory(full_name="Rita Recruiter")


@pytest.fixture
def hiring_manager(db):
    return factories.HiringManagerFactory(full_name="Maya Manager")


@pytest.fixture
def interviewer(db):
    return factories.InterviewerFactory(full_name="Ian Interviewer")


@pytest.fixture
def requisition(recruiter, hiring_manager, interviewer):
    return factories.RequisitionFactory(
        recruiter=recruiter, hiring_manager=hiring_manager, hiring_team=[interviewer]
    )


def need_service(name: str, reachable: bool) -> None:
    """Skip a test whose real service is missing, except where the run requires services
    (the PostgreSQL run of bin/test and CI), where a missing service is a failure."""
    if reachable:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"{name} is required for this run but not reachable")
    pytest.skip(f"{name} not reachable")


# --- Real browser (Debian's Chromium driven by Playwright) -------------------------------
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab on the live server; `page.goto("/path/")` is relative to it."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


def browser_login(page, user, password: str = factories.PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
