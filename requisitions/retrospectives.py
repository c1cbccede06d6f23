"""Closing together: when a requisition is filled, its recruiter and hiring manager are each
invited to a short retrospective (what worked, what to change). Each answer is kept on the
requisition and folded into the manager's team profile as a dated lesson."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from hiring_hub import access, outbox
from hiring_hub.models import Role, User
from requisitions import notifications, team_profiles
from requisitions.models import Requisition, RequisitionEvent, Retrospective


def retrospective_invite(*, requisition: Requisition, now: dt.datetime) -> list[Retrospective]:
    """Invite the recruiter and the hiring manager of a just-filled requisition, in the
    transaction of the fill. A person already invited is not invited again (the unique
    retrospective per person decides), so a repeated call sends nothing twice."""
    invited = []
    people = {requisition.recruiter_id: requisition.recruiter}
    people[requisition.hiring_manager_id] = requisition.hiring_manager
    for person in people.values():
        retrospective, created = Retrospective.objects.get_or_create(
            requisition=requisition, person=person, defaults={"invited_at": now}
        )
        if not created:
            continue
        invited.append(retrospective)
        outbox.message_enqueue(
            kind=notifications.RETROSPECTIVE_INVITE,
            to=person,
            about=f"retrospective:{retrospective.pk}",
            subject=f"{requisition.title} is filled: a short retrospective",
            template="retrospective_invite",
            context={
                "requisition": requisition,
                "person": person,
                "days_to_fill": days_to_fill(requisition),
                "url": outbox.absolute_url("requisitions:retrospective", pk=requisition.pk),
            },
        )
    return invited


def days_to_fill(requisition: Requisition) -> int | None:
    """Calendar days from the start of sourcing (or the opening) to the fill."""
    start = requisition.opened_at or requisition.created_at
    if not requisition.filled_at or not start:
        return None
    return (requisition.filled_at - start).days


@transaction.atomic
def retrospective_submit(
    *, retrospective: Retrospective, actor: User, what_worked: str, what_to_change: str
) -> Retrospective:
    """A person answers their own retrospective, once. The answers are kept on the
    requisition and appended to the hiring manager's team profile as a dated lesson."""
    from requisitions.services import requisition_event_record

    if not access.can_answer_retrospective(actor, retrospective):
        raise PermissionDenied("This retrospective is someone else's.")
    retrospective = (
        Retrospective.objects.select_for_update()
        .select_related("requisition__hiring_manager")
        .get(pk=retrospective.pk)
    )
    if retrospective.is_submitted:
        raise ValidationError("You already answered this retrospective.")
    what_worked, what_to_change = what_worked.strip(), what_to_change.strip()
    if not what_worked and not what_to_change:
        raise ValidationError("Say what worked or what to change (or both).")
    retrospective.what_worked = what_worked
    retrospective.what_to_change = what_to_change
    retrospective.submitted_at = timezone.now()
    retrospective.full_clean()
    retrospective.save()
    requisition = retrospective.requisition
    team_profiles.team_profile_lesson_add(
        hiring_manager=requisition.hiring_manager,
        requisition=requisition,
        author=actor,
        what_worked=what_worked,
        what_to_change=what_to_change,
    )
    requisition_event_record(
        requisition=requisition,
        actor=actor,
        kind=RequisitionEvent.Kind.RETROSPECTIVE,
        message=f"{actor} answered the retrospective",
    )
    return retrospective


def retrospectives_of(requisition: Requisition) -> QuerySet[Retrospective]:
    return requisition.retrospectives.select_related("person").order_by("invited_at", "id")


def may_be_invited(user: User | AnonymousUser) -> bool:
    """Only a requisition's recruiter and hiring manager are invited to its retrospective:
    an interviewer's home does not ask."""
    return user.is_authenticated and user.role != Role.INTERVIEWER


def retrospectives_waiting_on(user: User | AnonymousUser) -> QuerySet[Retrospective]:
    """Retrospectives the user was invited to and has not answered, oldest first."""
    if not may_be_invited(user):
        return Retrospective.objects.none()
    return (
        Retrospective.objects.filter(person=user, submitted_at__isnull=True)
        .select_related("requisition")
        .order_by("invited_at", "id")
    )
