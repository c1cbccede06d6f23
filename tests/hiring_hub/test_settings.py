"""Settings come from the environment: both run modes, and production refusing unsafe config."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROD_SECRET = "x7Qp0-a-long-random-production-secret-for-tests-only-9fK2mZ1vR8tY4wN6"


def _env(**overrides) -> dict:
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
    return {"DJANGO_SETTINGS_MODULE": "hiring_hub.settings", **keep, **overrides}


def _settings_dump(**env) -> dict:
    code = (
        "import json, django; django.setup(); from django.conf import settings as s;"
        "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'],"
        "'broker': s.CELERY_BROKER_URL, 'cache': s.CACHES['default']['BACKEND'],"
        "'caches': {k: v['BACKEND'] for k, v in s.CACHES.items()},"
        "'email': s.EMAIL_BACKEND, 'site': s.SITE_URL, 'tz': s.TIME_ZONE,"
        "'hosts': s.ALLOWED_HOSTS, 'debug': s.DEBUG}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=_env(**env), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_embedded_default_needs_no_server():
    dumped = _settings_dump(DEBUG="true")
    assert dumped["engine"] == "django.db.backends.sqlite3"
    assert dumped["broker"] == "filesystem://"
    assert dumped["email"] == "hiring_hub.devmail.backend.EmailBackend"
    assert dumped["cache"].endswith("FileBasedCache")


def test_database_and_redis_urls_switch_to_postgresql_and_redis():
    dumped = _settings_dump(
        DEBUG="true",
        DATABASE_URL="postgres://hub:pw@db:5432/hiring_hub",
        REDIS_URL="redis://redis:6379/0",
        EMAIL_URL="smtp://mail.example.com:587",
        SITE_URL="https://hiring.example.com/",
        TIME_ZONE="Europe/Berlin",
        ALLOWED_HOSTS="hiring.example.com",
    )
    assert dumped["engine"] == "django.db.backends.postgresql"
    assert dumped["broker"] == "redis://redis:6379/0"
    # Redis first, a database table when Redis cannot be reached.
    assert dumped["cache"] == "hiring_hub.cache.FailoverCache"
    assert dumped["caches"]["redis"] == "django.core.cache.backends.redis.RedisCache"
    assert dumped["caches"]["fallback"] == "django.core.cache.backends.db.DatabaseCache"
    assert dumped["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert dumped["site"] == "https://hiring.example.com"
    assert dumped["tz"] == "Europe/Berlin"
    assert dumped["hosts"] == ["hiring.example.com"]


def test_production_refuses_to_start_without_secret_key():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=_env(DEBUG="false"),
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_check_deploy():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_env(DEBUG="false", SECRET_KEY=PROD_SECRET, ALLOWED_HOSTS="hiring.example.com"),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
