"""Login limits: guessing is stopped, but neither a stranger nor a busy office locks anyone out.

Only failed attempts count: 5 per (account, client address) pair and 30 per address over all
accounts, each per 5 minutes (settings.ACCOUNT_RATE_LIMITS, hiring_hub.adapters).
"""

import http.cookiejar
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.db import connection, connections
from django.test import Client

from tests import factories
from tests.conftest import need_service

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
OFFICE = "203.0.113.7"
ATTACKER = "198.51.100.66"
HOME = "192.0.2.10"
REFUSED = "Too many failed login attempts"


def log_in(email: str, password: str, address: str) -> tuple[bool, str]:
    client = Client(REMOTE_ADDR=address)
    response = client.post(LOGIN, {"login": email, "password": password})
    return "_auth_user_id" in client.session, response.content.decode()


def test_forty_people_behind_one_address_all_log_in(db):
    # given an office of 40 behind one address, a few of whom mistype their password first
    people = factories.UserFactory.create_batch(40)
    for person in people[:8]:
        assert log_in(person.email, "typo", OFFICE)[0] is False

    # when all of them log in
    logged_in = [log_in(person.email, factories.PASSWORD, OFFICE)[0] for person in people]

    # then nobody is refused
    assert logged_in.count(True) == 40


def test_successful_logins_never_count(recruiter):
    for _ in range(60):
        assert log_in(recruiter.email, factories.PASSWORD, OFFICE)[0]


def test_a_strangers_failures_do_not_lock_the_owner_out(recruiter):
    # given an attacker tries 10 wrong passwords on the owner's account from their address
    for _ in range(10):
        assert log_in(recruiter.email, "guess", ATTACKER)[0] is False

    # then the owner still logs in from their own address
    assert log_in(recruiter.email, factories.PASSWORD, HOME)[0] is True


def test_an_attacker_is_refused_after_five_failures_on_one_account(recruiter):
    for _ in range(5):
        ok, page = log_in(recruiter.email, "guess", ATTACKER)
        assert not ok and REFUSED not in page

    # even the right password is refused from that address now
    ok, page = log_in(recruiter.email, factories.PASSWORD, ATTACKER)
    assert not ok and REFUSED in page


def test_one_address_guessing_across_accounts_is_refused(db):
    accounts = factories.UserFactory.create_batch(31)
    for account in accounts[:30]:
        ok, page = log_in(account.email, "guess", ATTACKER)
        assert not ok and REFUSED not in page

    ok, page = log_in(accounts[30].email, factories.PASSWORD, ATTACKER)

    assert not ok and REFUSED in page
    # the rest of the world is not affected
    assert log_in(accounts[30].email, factories.PASSWORD, OFFICE)[0] is True


def test_a_successful_login_does_not_wipe_an_attackers_failures(recruiter, interviewer):
    # an attacker with an account of their own cannot reset the count by logging in
    for _ in range(4):
        log_in(recruiter.email, "guess", ATTACKER)
    assert log_in(interviewer.email, factories.PASSWORD, ATTACKER)[0] is True
    log_in(recruiter.email, "guess", ATTACKER)

    ok, page = log_in(recruiter.email, factories.PASSWORD, ATTACKER)

    assert not ok and REFUSED in page


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _log_in_over_http(base_url: str, email: str, barrier: threading.Barrier) -> int:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    page = opener.open(base_url + LOGIN, timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"login": email, "password": factories.PASSWORD, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(base_url + LOGIN, data=data, headers={"Referer": base_url})
    barrier.wait(timeout=30)
    try:
        return opener.open(request, timeout=30).status
    except urllib.error.HTTPError as exc:
        return exc.code


class _OfficeServer(ThreadedWSGIServer):
    # Room for a whole office connecting at once (Django's development server queues 10).
    request_queue_size = 64


@pytest.fixture
def office_server():
    """The app over real HTTP, each request in its own thread and transaction."""
    server = _OfficeServer(("127.0.0.1", 0), WSGIRequestHandler)
    server.set_app(WSGIHandler())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_forty_people_behind_one_address_log_in_at_the_same_moment(office_server, failover_cache):
    """40 simultaneous logins from one address (the server sees 127.0.0.1 for all), through
    real HTTP, real PostgreSQL transactions and the Redis-backed cache of production: each is
    let in (302), none refused."""
    need_service("PostgreSQL", connection.vendor == "postgresql")
    people = factories.UserFactory.create_batch(40)
    barrier = threading.Barrier(len(people))
    statuses: list[int] = []

    def attempt(email: str) -> None:
        try:
            statuses.append(_log_in_over_http(office_server, email, barrier))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(p.email,)) for p in people]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    let_in = statuses.count(302)
    print(
        f"\n40 simultaneous logins from one address: {let_in} let in, "
        f"{len(people) - let_in} refused or failed, {time.monotonic() - started:.1f}s"
    )

    assert statuses == [302] * 40
