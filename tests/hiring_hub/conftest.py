"""Fixtures for the project package's tests: a Redis of the test's own, and the real-process
fixtures of the jobs integration tests, shared with the outbox fault tests."""

import shutil
import socket
import subprocess
import time

import pytest
import redis

from hiring_hub import cache as failover
from tests.conftest import need_service

FALLBACK_TABLE = "hiring_hub_cache_fallback"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OwnRedis:
    """A redis-server of this test's own, on a free port, which the test may stop."""

    def __init__(self, binary: str):
        self.binary = binary
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def reachable(self) -> bool:
        try:
            redis.Redis.from_url(self.url, socket_connect_timeout=0.5).ping()
        except redis.RedisError:
            return False
        return True

    def start(self) -> None:
        args = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1"]
        args += ["--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not self.reachable():
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        assert not self.reachable()


@pytest.fixture
def own_redis():
    binary = shutil.which("redis-server")
    need_service("redis-server binary", binary is not None)
    server = OwnRedis(binary)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def failover_cache(settings, own_redis):
    """The production cache set-up (settings.py with REDIS_URL) on our own Redis."""
    settings.CACHES = {
        "default": {
            "BACKEND": "hiring_hub.cache.FailoverCache",
            "OPTIONS": {"PRIMARY": "redis", "FALLBACK": "fallback", "RETRY_SECONDS": 0.5},
        },
        "redis": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": own_redis.url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
        "fallback": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": FALLBACK_TABLE,
        },
    }
    failover._down_until.clear()
    yield own_redis
    failover._down_until.clear()
    # Back to the suite's memory cache before the database and Redis go away.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


from tests.hiring_hub.test_integration_jobs import processes, smtp_server  # noqa: E402, F401
