"""A cache that keeps working when Redis does not.

The cache holds login and password-reset rate limits. With Redis unreachable, Django's
Redis backend raises, and allauth's rate limiter with it: nobody could log in. This backend
sends every call to the primary cache (Redis) and, when that cannot be reached, to a fallback
cache (a database table, shared by every web process, so the limits keep their meaning).
After a failure the primary is left alone for RETRY_SECONDS, so an outage costs one refused
connection per process and interval, not one per call. A warning is logged once per outage
and a note when Redis is back.

    CACHES = {
        "default": {
            "BACKEND": "hiring_hub.cache.FailoverCache",
            "OPTIONS": {"PRIMARY": "redis", "FALLBACK": "fallback", "RETRY_SECONDS": 30},
        },
        "redis": {"BACKEND": "django.core.cache.backends.redis.RedisCache", ...},
        "fallback": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", ...},
    }

Existing libraries were weighed: django-redis's IGNORE_EXCEPTIONS turns a failed `add` into
"not added", so allauth's lock is never taken and every login is refused as rate limited;
django-cache-fallback logs on every call, has no retry interval and sets keys that never
expire when no timeout is given.
"""

import logging
import threading
import time

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What "the primary cannot be reached" looks like: redis-py's errors (refused, timed out,
# connection lost mid-call) and the socket errors beneath them.
UNREACHABLE = (RedisError, OSError)

# Shared by every thread of the process (Django builds one cache object per thread).
_state_lock = threading.Lock()
_down_until: dict[str, float] = {}


class FailoverCache(BaseCache):
    def __init__(self, location, params):
        super().__init__(params)
        options = params.get("OPTIONS", {})
        self.primary_alias = options["PRIMARY"]
        self.fallback_alias = options["FALLBACK"]
        self.retry_seconds = float(options.get("RETRY_SECONDS", 30))

    @property
    def primary(self) -> BaseCache:
        return caches[self.primary_alias]

    @property
    def fallback(self) -> BaseCache:
        return caches[self.fallback_alias]

    def primary_is_down(self) -> bool:
        return time.monotonic() < _down_until.get(self.primary_alias, 0.0)

    def primary_reachable(self) -> bool:
        """Ask the primary directly (for /healthz); a failure starts the fallback too."""
        try:
            self.primary.has_key("healthz")
        except UNREACHABLE as exc:
            self._mark_down(exc)
            return False
        if self.primary_alias in _down_until:
            self._mark_up()
        return True

    def _mark_down(self, exc: Exception) -> None:
        with _state_lock:
            first = self.primary_alias not in _down_until
            _down_until[self.primary_alias] = time.monotonic() + self.retry_seconds
        if first:
            logger.warning(
                "Cache %r unreachable (%s: %s); using the %r cache until it is back.",
                self.primary_alias,
                exc.__class__.__name__,
                exc,
                self.fallback_alias,
            )

    def _mark_up(self) -> None:
        with _state_lock:
            was_down = _down_until.pop(self.primary_alias, None) is not None
        if was_down:
            logger.info("Cache %r reachable again; rate limits use it.", self.primary_alias)

    def _call(self, method: str, *args, **kwargs):
        if not self.primary_is_down():
            try:
                result = getattr(self.primary, method)(*args, **kwargs)
            except UNREACHABLE as exc:
                self._mark_down(exc)
            else:
                if self.primary_alias in _down_until:
                    self._mark_up()
                return result
        return getattr(self.fallback, method)(*args, **kwargs)

    # The cache API, each call forwarded as it came (keys are made by the target cache).
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", key, value, timeout=timeout, version=version)

    def get(self, key, default=None, version=None):
        return self._call("get", key, default=default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", key, value, timeout=timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, timeout=timeout, version=version)

    def delete(self, key, version=None):
        return self._call("delete", key, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", keys, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", data, timeout=timeout, version=version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", keys, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, version=version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", key, delta=delta, version=version)

    def decr(self, key, delta=1, version=None):
        return self._call("decr", key, delta=delta, version=version)

    def clear(self):
        return self._call("clear")

    def close(self, **kwargs):
        # Each target cache is closed by Django itself at the end of a request.
        pass
