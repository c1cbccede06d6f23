"""Redis is optional for users: with the cache's Redis stopped, login (right and wrong
password), logout, password reset and the pages keep working, and the rate limits still hold
(they move to the database table until Redis is back).

Run against a real redis-server of our own on a free port, stopped and started by the test
(never the machine's shared Redis), on SQLite and on PostgreSQL.
"""

import logging
import signal
import time

import pytest
import redis
from django.core.cache import cache, caches
from django.db import connection
from django.urls import reverse

from tests import factories

pytestmark = [pytest.mark.services, pytest.mark.django_db]

LOGIN = "/accounts/login/"
FALLBACK_TABLE = "hiring_hub_cache_fallback"


def fallback_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(FALLBACK_TABLE)}")
        return cursor.fetchone()[0]


def redis_keys(server) -> list[bytes]:
    return redis.Redis.from_url(server.url).keys("*")


def test_rate_limits_live_in_redis_while_it_is_up(client, recruiter, failover_cache):
    client.post(LOGIN, {"login": recruiter.email, "password": "wrong"})

    assert any(b"login_failed" in key for key in redis_keys(failover_cache))
    assert fallback_rows() == 0


def test_with_redis_stopped_users_log_in_log_out_and_reset_passwords(
    client, recruiter, failover_cache, mailoutbox, caplog, django_capture_on_commit_callbacks
):
    # given the cache's Redis is stopped
    failover_cache.stop()
    caplog.set_level(logging.WARNING, logger="hiring_hub.cache")

    # a wrong password is refused with the usual message, not a 500
    response = client.post(LOGIN, {"login": recruiter.email, "password": "wrong"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()
    # the right one logs in, and the pages work
    started = time.monotonic()
    response = client.post(LOGIN, {"login": recruiter.email, "password": factories.PASSWORD})
    assert response.status_code == 302
    assert time.monotonic() - started < 2
    for name in ("home", "profile", "user_list"):
        assert client.get(reverse(name)).status_code == 200, name
    assert client.get(reverse("requisitions:requisition_list")).status_code == 200
    # logging out works
    assert client.post(reverse("account_logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 302
    # a password reset is requested, and its email written to the outbox and delivered
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": recruiter.email})
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [[recruiter.email]]

    # the fallback was logged once, however many calls went to it
    warnings = [r for r in caplog.records if "unreachable" in r.getMessage()]
    assert len(warnings) == 1
    assert fallback_rows() > 0


def test_with_redis_stopped_failed_logins_are_still_limited(client, recruiter, failover_cache):
    failover_cache.stop()

    for _ in range(5):
        response = client.post(LOGIN, {"login": recruiter.email, "password": "wrong"})
        assert response.status_code == 200

    response = client.post(LOGIN, {"login": recruiter.email, "password": factories.PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_cache_returns_to_redis_when_it_is_back(failover_cache, caplog):
    caplog.set_level(logging.INFO, logger="hiring_hub.cache")
    failover_cache.stop()
    cache.set("during-outage", 1)
    assert cache.get("during-outage") == 1  # served by the fallback table

    failover_cache.start()
    time.sleep(0.6)  # RETRY_SECONDS
    cache.set("after-outage", 2)

    assert redis_keys(failover_cache) and cache.get("after-outage") == 2
    assert any("reachable again" in r.getMessage() for r in caplog.records)


def test_healthz_reports_the_fallback_and_livez_stays_up(client, failover_cache):
    assert client.get(reverse("healthz")).json()["cache"] == "ok"

    failover_cache.stop()

    assert client.get(reverse("healthz")).json()["cache"] == "fallback"
    response = client.get(reverse("livez"))
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "status": "ok"}


def test_livez_ignores_a_broker_that_is_down(client, failover_cache):
    from hiring_hub.celery import app

    failover_cache.stop()
    before = app.conf.broker_url
    app.conf.broker_url = failover_cache.url
    try:
        health = client.get(reverse("healthz"))
        live = client.get(reverse("livez"))
    finally:
        app.conf.broker_url = before

    assert health.status_code == 503 and health.json()["broker"].startswith("error")
    assert live.status_code == 200


def test_every_cache_call_reaches_the_fallback(failover_cache):
    failover_cache.stop()
    default = caches["default"]

    assert default.add("k", 1) is True and default.add("k", 2) is False
    default.set_many({"a": 1, "b": 2})
    assert default.get_many(["a", "b", "k"]) == {"a": 1, "b": 2, "k": 1}
    assert default.incr("a") == 2 and default.decr("a") == 1
    assert default.has_key("b") and default.touch("b", 60)
    default.delete_many(["a", "b"])
    assert default.delete("k") is True
    assert default.get("k") is None
    default.clear()


def test_a_hung_redis_costs_one_timeout_not_one_per_call(
    client, recruiter, failover_cache, settings
):
    caches_config = {**settings.CACHES}
    caches_config["default"] = {
        **caches_config["default"],
        "OPTIONS": {**caches_config["default"]["OPTIONS"], "RETRY_SECONDS": 30},
    }
    settings.CACHES = caches_config
    # given Redis accepts connections but never answers (the process is frozen)
    failover_cache.process.send_signal(signal.SIGSTOP)
    try:
        started = time.monotonic()
        response = client.post(LOGIN, {"login": recruiter.email, "password": factories.PASSWORD})
        first = time.monotonic() - started
        client.post(reverse("account_logout"))
        started = time.monotonic()
        client.post(LOGIN, {"login": recruiter.email, "password": factories.PASSWORD})
        second = time.monotonic() - started
    finally:
        failover_cache.process.send_signal(signal.SIGCONT)

    assert response.status_code == 302
    print(f"\nlogin with Redis hung: first {first:.2f}s, next {second:.2f}s")
    assert first < 3  # one socket timeout (1 s), then the fallback
    assert second < 0.5  # Redis is left alone for RETRY_SECONDS
