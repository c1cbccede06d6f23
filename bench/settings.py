"""Settings of the scale benchmark: the app's own settings, production-like (DEBUG off), plus
the floor views of bench/floors.py. Used only by bench/scale.py and the gunicorn it starts."""

import os

# A throw-away benchmark database only; never a deployment.
os.environ.setdefault("SECRET_KEY", "bench-only-key-never-used-in-a-deployment-5f1c9a2e7d")
os.environ.setdefault("DEBUG", "false")

from hiring_hub.settings import *  # noqa: E402,F403
from hiring_hub.settings import BASE_DIR, STORAGES, TEMPLATES  # noqa: E402

ROOT_URLCONF = "bench.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
# Plain HTTP on loopback, and no collectstatic: static URLs are not what is measured.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
