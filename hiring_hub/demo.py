"""Demo data for `manage.py seed_demo`. Idempotent: running it twice gives the same data.

Each app contributes its part in `<app>/demo.py` (a `seed(users) -> None` function), registered
from its AppConfig.ready() and called in dependency order.
"""

import contextlib
import datetime as dt
import itertools
from collections.abc import Callable, Iterator

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from hiring_hub.models import Role, User

DEMO_PASSWORD = "hiring-hub-demo"

DEMO_USERS = [
    # key, email, name, role, time zone, staff
    ("admin", "admin@example.com", "Ada Admin", Role.RECRUITER, "UTC", True),
    ("recruiter", "rita@example.com", "Rita Alvarez", Role.RECRUITER, "America/New_York", False),
    ("recruiter2", "sam@example.com", "Sam Okafor", Role.RECRUITER, "Europe/London", False),
    ("manager", "maya@example.com", "Maya Chen", Role.HIRING_MANAGER, "Europe/Berlin", False),
    ("manager2", "omar@example.com", "Omar Haddad", Role.HIRING_MANAGER, "America/Chicago", False),
    ("interviewer", "ian@example.com", "Ian Brooks", Role.INTERVIEWER, "America/New_York", False),
    ("interviewer2", "priya@example.com", "Priya Nair", Role.INTERVIEWER, "Asia/Kolkata", False),
    ("interviewer3", "lena@example.com", "Lena Vogel", Role.INTERVIEWER, "Europe/Berlin", False),
]

# Each app registers the function that builds its demo data from its AppConfig.ready(), in
# INSTALLED_APPS order (requisitions, then candidates, then debriefs build on each other).
APP_SEEDS: list[Callable[[dict[str, User]], None]] = []


_REAL_NOW = timezone.now


@contextlib.contextmanager
def days_ago(days: float, hour: int = 10) -> Iterator[dt.datetime]:
    """Build demo data as if it happened `days` ago (at `hour` UTC), so the demo reads like
    a real quarter: what the services stamp with `timezone.now()` (created_at, stage
    changes, decisions, events, audit) is dated then, a few seconds apart to keep the order.
    Only for `seed_demo`: it swaps the clock of the whole process while it runs."""
    outer = timezone.now
    start = (_REAL_NOW() - dt.timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )
    start = min(start, _REAL_NOW() - dt.timedelta(minutes=5))
    ticks = itertools.count()
    timezone.now = lambda: start + dt.timedelta(seconds=next(ticks))
    try:
        yield start
    finally:
        timezone.now = outer


def register_seed(seed_app: Callable[[dict[str, User]], None]) -> None:
    if seed_app not in APP_SEEDS:
        APP_SEEDS.append(seed_app)


def seed_users() -> dict[str, User]:
    users = {}
    for key, email, name, role, tz, staff in DEMO_USERS:
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(
                email,
                DEMO_PASSWORD,
                full_name=name,
                role=role,
                time_zone=tz,
                is_staff=staff,
                is_superuser=staff,
            )
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"primary": True, "verified": True}
        )
        users[key] = user
    return users


@transaction.atomic
def seed() -> dict[str, User]:
    users = seed_users()
    for seed_app in APP_SEEDS:
        seed_app(users)
    return users
