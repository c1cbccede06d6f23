import datetime as dt
import os
import smtplib
import socket
import threading

import pytest
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend

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
    if page.url != "about:blank":
        # What the last click set off (a form's POST, the page it leads to, the menu's
        # counts loaded after it) finishes first: the live server's threads share one
        # SQLite connection, and a login sent beside them can go unanswered.
        page.wait_for_load_state("networkidle")
    page.goto("/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


# --- Mail that is down ------------------------------------------------------------------
class RefusingMailServer(BaseEmailBackend):
    """A mail server that drops the connection on every message (as an SMTP relay that is
    down does); `EMAIL_BACKEND = "tests.conftest.RefusingMailServer"`."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def hanging_smtp_port():
    """A TCP port that accepts connections and never says a word: an SMTP server that hangs."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(50)
    accepted, stop = [], threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join(timeout=2)
    for conn in accepted:
        conn.close()
    listener.close()


@pytest.fixture(params=["refused", "hanging"])
def mail_down(request, settings):
    """Mail is down for the rest of the test: refused, or an SMTP server that hangs (cut off
    by EMAIL_TIMEOUT). Call `mail_down.recover()` to bring it back."""
    if request.param == "refused":
        settings.EMAIL_BACKEND = "tests.conftest.RefusingMailServer"
    else:
        port = request.getfixturevalue("hanging_smtp_port")
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_TIMEOUT = 1

    class Switch:
        mode = request.param

        @staticmethod
        def recover():
            settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    return Switch


def assert_delivered_once_after_recovery(mail_down, mailoutbox) -> list:
    """Every message written so far failed and waits for a retry; once mail is back the
    next delivery run sends each exactly once, and a second run sends nothing more."""
    from django.utils import timezone

    from hiring_hub import outbox
    from hiring_hub.models import OutboundMessage

    rows = list(OutboundMessage.objects.order_by("pk"))
    assert rows, "the action wrote no message"
    assert {row.state for row in rows} == {OutboundMessage.State.FAILED}
    assert mailoutbox == []
    mail_down.recover()
    later = timezone.now() + dt.timedelta(hours=7)
    outbox.deliver_due(now=later)
    outbox.deliver_due(now=later)
    assert sorted(m.extra_headers["Message-ID"] for m in mailoutbox) == sorted(
        row.message_id for row in rows
    )
    states = set(OutboundMessage.objects.values_list("state", flat=True))
    assert states == {OutboundMessage.State.SENT}
    return list(mailoutbox)


def the_audit_entry(action: str):
    """The one audit entry of this action (the test fails when there is none or several)."""
    from hiring_hub.models import AuditEntry

    entries = list(AuditEntry.objects.filter(action=action))
    assert len(entries) == 1, [str(e) for e in entries]
    return entries[0]


# --- Parallel runs (pytest-xdist, `bin/test` passes -n and --dist loadgroup) ---------------
# Tests that start real Celery workers, beat or brokers, or share the run's Redis database,
# run one after another on a single xdist worker: two of them at once would consume each
# other's tasks. Everything else spreads over the workers.
SERIAL_MODULES = {
    "tests/hiring_hub/test_adapters.py",
    "tests/hiring_hub/test_cache.py",
    "tests/hiring_hub/test_celery_worker.py",
    "tests/hiring_hub/test_integration_jobs.py",
    "tests/hiring_hub/test_outbox.py",
    "tests/hiring_hub/test_outbox_faults.py",
    "tests/hiring_hub/test_settings.py",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        module = item.nodeid.split("::", 1)[0]
        if module in SERIAL_MODULES or item.get_closest_marker("services"):
            item.add_marker(pytest.mark.xdist_group("services"))
