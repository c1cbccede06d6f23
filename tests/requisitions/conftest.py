import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from hiring_hub import outbox
from requisitions import services
from requisitions.models import Criterion, Requisition


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The default PBKDF2 costs ~1 s per factory user; these tests are not about hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def new_requisition(recruiter, hiring_manager, interviewer, django_capture_on_commit_callbacks):
    """A requisition opened through the service: draft, empty intake, empty v1 draft."""
    with django_capture_on_commit_callbacks(execute=True):
        return services.requisition_create(
            actor=recruiter,
            title="Staff Engineer",
            team="Platform",
            location="Berlin",
            hiring_manager=hiring_manager,
            hiring_team=[interviewer],
        )


def add_criteria(requisition, actor):
    must = services.criterion_add(
        requisition=requisition,
        actor=actor,
        name="Strategic thinker",
        kind=Criterion.Kind.MUST_HAVE,
        category=Criterion.Category.SKILL,
        definition="Connects the roadmap to revenue; says no with reasons.",
    )
    nice = services.criterion_add(
        requisition=requisition,
        actor=actor,
        name="Payments domain",
        kind=Criterion.Kind.NICE_TO_HAVE,
        category=Criterion.Category.EXPERIENCE,
    )
    return must, nice


@pytest.fixture
def signed_requisition(new_requisition, recruiter, hiring_manager):
    """In intake with criteria v1 signed off by the hiring manager (so aligned)."""
    services.requisition_transition(
        requisition=new_requisition, to_status=Requisition.Status.INTAKE, actor=recruiter
    )
    add_criteria(new_requisition, recruiter)
    services.persona_update(
        requisition=new_requisition, actor=recruiter, persona="Has scaled a platform team."
    )
    services.criteria_sign_off(requisition=new_requisition, actor=hiring_manager)
    new_requisition.refresh_from_db()
    return new_requisition


def at(hours=24):
    return timezone.now().replace(microsecond=0) + dt.timedelta(hours=hours)


def utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


def sweep(moment: dt.datetime, *kinds: str) -> dict:
    """Run the notification sweep at `moment` (for the given kinds, or all)."""
    with time_machine.travel(moment, tick=False):
        return outbox.send_due_notifications(kinds=kinds or None)
