"""Demo data for `manage.py seed_demo`. Idempotent: running it twice gives the same data.

Each app contributes its part in `<app>/demo.py` (a `seed(users) -> None` function),
called in dependency order.
"""

import importlib

from allauth.account.models import EmailAddress
from django.db import transaction

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

APP_SEEDS = ("requisitions.demo", "candidates.demo", "debriefs.demo")


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
    for module_name in APP_SEEDS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        module.seed(users)
    return users
