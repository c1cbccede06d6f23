"""Hiring Hub settings: one module, every deployment switch read from the environment.

With nothing set the app runs on a laptop: SQLite, an embedded (filesystem) Celery
broker and emails printed to the console. `.env.example` lists every variable.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# Production is anything not explicitly in DEBUG: it must bring its own secrets.
INSECURE_DEV_SECRET = "django-insecure-hiring-hub-development-only"
SECRET_KEY = env.str("SECRET_KEY", default=INSECURE_DEV_SECRET if DEBUG else "")
if not SECRET_KEY or (not DEBUG and SECRET_KEY == INSECURE_DEV_SECRET):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value when DEBUG is off "
        "(set DEBUG=true for local development)."
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://localhost:8000").rstrip("/")

DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Trigram indexes and operations for candidate search (PostgreSQL; inert on SQLite).
    "django.contrib.postgres",
]
THIRD_PARTY_APPS = [
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "csp",
]
LOCAL_APPS = [
    "hiring_hub",
    "requisitions",
    "candidates",
    "debriefs",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "hiring_hub.middleware.AuditRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "hiring_hub.middleware.MFARequiredMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "hiring_hub.middleware.UserTimezoneMiddleware",
]

ROOT_URLCONF = "hiring_hub.urls"
WSGI_APPLICATION = "hiring_hub.wsgi.application"
ASGI_APPLICATION = "hiring_hub.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hiring_hub.context_processors.navigation",
            ],
            # {% url %} reversing once per URL pattern (hiring_hub/url_shapes.py), and the
            # date filter compiling a format once: the same output as Django's, faster.
            "builtins": [
                "hiring_hub.templatetags.hiring_hub_urls",
                "hiring_hub.templatetags.hiring_hub_dates",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'hiring_hub.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and IMMEDIATE let the web process and the embedded worker share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
    # Only allauth iterates (.iterator()) over a query, when it looks an address up in the
    # user table: a server-side cursor there costs three round trips, and made a password
    # reset for an unknown address 0.3 ms slower than for a known one (bench/password_reset.py).
    DATABASES["default"].setdefault("DISABLE_SERVER_SIDE_CURSORS", True)
    # The planner's cost of a random page read. PostgreSQL's default (4) assumes spinning
    # disks and makes it prefer sequential scans of big tables over index lookups for a
    # page of rows (e.g. the 50 candidates of a pipeline page); 1.1 suits SSD storage.
    # Empty leaves the server's own setting.
    random_page_cost = env.str("DATABASE_RANDOM_PAGE_COST", default="1.1")
    if random_page_cost:
        options = DATABASES["default"].setdefault("OPTIONS", {})
        options["options"] = (
            f"{options.get('options', '')} -c random_page_cost={random_page_cost}".strip()
        )
# The home's statements are prepared once per connection on PostgreSQL (hiring_hub/prepared.py)
# and run with their generic plan; false for a pooler that does not keep prepared
# statements (PgBouncer in transaction mode before 1.21).
DATABASE_PREPARED_STATEMENTS = env.bool("DATABASE_PREPARED_STATEMENTS", default=True)
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3" and DATABASE_PREPARED_STATEMENTS:
    # Only those statements are prepared (psycopg2 sends every other one as text), so this
    # applies to them alone.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = (
        f"{options.get('options', '')} -c plan_cache_mode=force_generic_plan".strip()
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (rate limits) and Celery -----------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
# Rate limits (login, password reset) live in the cache. Redis is optional for users: when
# it cannot be reached the cache falls back to a database table (created by a migration)
# and logs a warning once, so logging in never depends on the broker.
CACHE_FALLBACK_TABLE = "hiring_hub_cache_fallback"
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "hiring_hub.cache.FailoverCache",
            "OPTIONS": {
                "PRIMARY": "redis",
                "FALLBACK": "fallback",
                "RETRY_SECONDS": env.int("CACHE_RETRY_SECONDS", default=30),
            },
        },
        "redis": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that hangs is given up on quickly rather than holding a login.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
        "fallback": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_FALLBACK_TABLE,
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

EMBEDDED_BROKER_DIR = Path(env.str("EMBEDDED_BROKER_DIR", default=str(VAR_DIR / "broker")))
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(EMBEDDED_BROKER_DIR / "queue"),
        "data_folder_out": str(EMBEDDED_BROKER_DIR / "queue"),
        "processed_folder": str(EMBEDDED_BROKER_DIR / "processed"),
        "control_folder": str(EMBEDDED_BROKER_DIR / "control"),
        "store_processed": False,
    }
else:
    # Short socket timeouts: queueing a delivery on commit must never hang a request when
    # Redis is down (the outbox row waits for the next delivery run instead).
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": 3600,
        "socket_connect_timeout": 2,
        "socket_timeout": 5,
        "max_retries": 0,
    }
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_RESULT_BACKEND = env.str(
    "CELERY_RESULT_BACKEND",
    default=REDIS_URL or f"file://{EMBEDDED_BROKER_DIR / 'results'}",
)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Each job is a sweep over database state, so a beat tick that is lost is caught up
# by the next one; the interval bounds how late a reminder can be.
SWEEP_INTERVAL_SECONDS = env.int("SWEEP_INTERVAL_SECONDS", default=300)
OUTBOX_POLL_SECONDS = env.int("OUTBOX_POLL_SECONDS", default=60)
# A worker's claim on a message; a message claimed by a worker that died is delivered again
# once this has passed (it must be well above EMAIL_TIMEOUT).
OUTBOX_LEASE_SECONDS = env.int("OUTBOX_LEASE_SECONDS", default=300)
CELERY_BEAT_SCHEDULE: dict = {
    "heartbeat": {
        "task": "hiring_hub.tasks.heartbeat",
        "schedule": SWEEP_INTERVAL_SECONDS,
    },
    # One sweep over every notification kind; each recipient's local due time is decided
    # inside the sweep, so beat itself needs no time zones. A tick still queued when the
    # next one fires is useless: let it expire rather than pile up behind a broker outage.
    # (At least a minute: the embedded broker polls, and a busy worker may be slow to fetch.)
    "send-due-notifications": {
        "task": "hiring_hub.tasks.send_due_notifications",
        "schedule": SWEEP_INTERVAL_SECONDS,
        "options": {"expires": max(SWEEP_INTERVAL_SECONDS, 60)},
    },
    # The outbox's safety net: whatever a lost task or a dead worker left is sent within
    # this interval (each message is normally queued for delivery when its action commits).
    "deliver-outbox": {
        "task": "hiring_hub.tasks.deliver_outbox",
        "schedule": OUTBOX_POLL_SECONDS,
        "options": {"expires": max(OUTBOX_POLL_SECONDS, 60)},
    },
}
# The weekly check-in goes out once this weekday (0 = Monday … 6 = Sunday) and local time
# (HH:MM) have passed in each recipient's own time zone.
WEEKLY_CHECK_IN_WEEKDAY = env.int("WEEKLY_CHECK_IN_WEEKDAY", default=0)
WEEKLY_CHECK_IN_TIME = env.str("WEEKLY_CHECK_IN_TIME", default="09:00")
if not 0 <= WEEKLY_CHECK_IN_WEEKDAY <= 6:
    raise ImproperlyConfigured("WEEKLY_CHECK_IN_WEEKDAY must be 0 (Monday) to 6 (Sunday).")
try:
    _hours, _minutes = (int(part) for part in WEEKLY_CHECK_IN_TIME.split(":"))
    if not (0 <= _hours <= 23 and 0 <= _minutes <= 59):
        raise ValueError
except ValueError as exc:
    raise ImproperlyConfigured("WEEKLY_CHECK_IN_TIME must be a local time HH:MM.") from exc
# A failed send is retried by later sweeps after 1, 2, 4, … × this delay, then given up.
NOTIFICATION_RETRY_SECONDS = env.int("NOTIFICATION_RETRY_SECONDS", default=300)
NOTIFICATION_MAX_ATTEMPTS = env.int("NOTIFICATION_MAX_ATTEMPTS", default=6)
# Candidates with no open application and no activity for this many days are anonymised by
# the daily retention job (candidates.tasks.candidates_retention_erase); 0 switches it off.
CANDIDATE_RETENTION_DAYS = env.int("CANDIDATE_RETENTION_DAYS", default=730)
if CANDIDATE_RETENTION_DAYS < 0:
    raise ImproperlyConfigured("CANDIDATE_RETENTION_DAYS must be 0 (off) or a number of days.")
CELERY_BEAT_SCHEDULE["candidate-retention"] = {
    "task": "candidates.tasks.candidates_retention_erase",
    # Daily; the job is idempotent, so a lost tick is simply the next day's work.
    "schedule": 24 * 3600,
    "options": {"expires": 3600},
}

# --- Auth -----------------------------------------------------------------------
AUTH_USER_MODEL = "hiring_hub.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_ADAPTER = "hiring_hub.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Hiring Hub] "
# Login limits count failed attempts only (hiring_hub.adapters): "key" is an (account,
# client address) pair, "ip" a client address over all accounts. A success is never counted,
# so allauth's per-address limit on every login POST ("login") is switched off.
ACCOUNT_RATE_LIMITS = {
    "login": "",
    "login_failed": env.str("LOGIN_RATE_LIMIT", default="5/300s/key,30/300s/ip"),
    "reset_password": "20/m/ip,5/m/key",
}
# Behind a reverse proxy every request comes from the proxy's address: say how many proxies
# of ours append to X-Forwarded-For, so the limits see the client's address.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Two-factor sign-in (allauth.mfa): an authenticator app (TOTP) with recovery codes.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env.str("MFA_TOTP_ISSUER", default="Hiring Hub")
# Who must set up two-factor sign-in before using the app: "staff" (admins who may open the
# Django admin, and superusers) and/or roles ("recruiter", "hiring_manager", "interviewer").
# They are sent to the authenticator set-up page after logging in until they have one.
MFA_REQUIRED_ROLES = env.list("MFA_REQUIRED_ROLES", default=[])
_unknown_mfa_roles = set(MFA_REQUIRED_ROLES) - {
    "staff",
    "recruiter",
    "hiring_manager",
    "interviewer",
}
if _unknown_mfa_roles:
    raise ImproperlyConfigured(
        f"MFA_REQUIRED_ROLES: unknown {sorted(_unknown_mfa_roles)}; use staff, recruiter, "
        "hiring_manager or interviewer."
    )
# Invitation links are password-reset links: give invitees a week to use them.
PASSWORD_RESET_TIMEOUT = env.int("INVITATION_TIMEOUT_SECONDS", default=7 * 24 * 3600)

# --- Email -----------------------------------------------------------------------
# devmail:// keeps each message in var/mail (readable at /dev/mail/) and prints one line;
# devmail:////abs/path or filemail:////abs/path (four slashes) choose another folder.
environ.Env.EMAIL_SCHEMES["devmail"] = "hiring_hub.devmail.backend.EmailBackend"
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="devmail://" if DEBUG else "consolemail://")
if EMAIL_CONFIG["EMAIL_BACKEND"].startswith("hiring_hub.devmail") and not EMAIL_CONFIG.get(
    "EMAIL_FILE_PATH"
):
    EMAIL_CONFIG["EMAIL_FILE_PATH"] = str(VAR_DIR / "mail")
vars().update(EMAIL_CONFIG)
# Every connection to the mail server gives up after this many seconds (then retried later).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Hiring Hub <hiring-hub@localhost>")
EMAIL_SUBJECT_PREFIX = env.str("EMAIL_SUBJECT_PREFIX", default="[Hiring Hub] ")
# Emails to candidates come from the company, with the recruiter's name and Reply-To.
COMPANY_NAME = env.str("COMPANY_NAME", default="Example Company")
CANDIDATE_FROM_EMAIL = env.str("CANDIDATE_FROM_EMAIL", default="careers@localhost")
EMAIL_MESSAGE_ID_DOMAIN = env.str("EMAIL_MESSAGE_ID_DOMAIN", default="")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- I18N -----------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
# One date and time format everywhere, Django's own formatting (the admin) included.
FORMAT_MODULE_PATH = ["hiring_hub.formats"]
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "staticfiles")))
# Bootstrap, Bootstrap Icons and htmx are vendored in static/vendor/ (bin/vendor-assets).
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads (résumés) are private: kept outside the static root and served only
# through views that check access.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security (production: DEBUG off) ------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^livez$"]

# Content-Security-Policy (django-csp): scripts, styles, fonts and images from our own static
# files only; no inline script or style, no eval (htmx is configured not to need them, see
# templates/base.html). A response that sets its own policy keeps it (the sandboxed résumé
# preview).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Bootstrap draws its small icons (menu toggler, select arrows, ticks) as data: SVGs.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "frame-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Permissions-Policy: no page of ours uses a device or sensor; nothing embedded may either.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "screen-wake-lock",
        "xr-spatial-tracking",
    )
}


# One console handler for everything (Django's own "django" console handler is dropped, so
# nothing prints twice); refused requests log one line without a traceback.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "client_error_without_traceback": {
            "()": "hiring_hub.log_filters.ClientErrorWithoutTraceback"
        },
        "no_default_broker_host_notice": {"()": "hiring_hub.log_filters.NoDefaultBrokerHostNotice"},
    },
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["client_error_without_traceback", "no_default_broker_host_notice"],
        },
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
