"""Opening a requisition and editing its details (Requisition.EDITABLE_FIELDS)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from hiring_hub import access, outbox
from requisitions import notifications, team_profiles
from requisitions.models import CriteriaVersion, Intake, Requisition, RequisitionEvent
from requisitions.services.events import require, requisition_email, requisition_event_record
from requisitions.services.status import requisition_require_writable

if TYPE_CHECKING:
    from hiring_hub.models import User


def _details(fields: dict[str, Any]) -> dict[str, Any]:
    """The editable fields as the requisition keeps them: text trimmed, currency upper-case."""
    unknown = set(fields) - set(Requisition.EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown requisition fields: {', '.join(sorted(unknown))}")
    details = {
        name: value.strip() if isinstance(value, str) else value for name, value in fields.items()
    }
    if "salary_currency" in details:
        details["salary_currency"] = (details["salary_currency"] or "USD").upper()
    return details


def _require_recruiter_role(requisition: Requisition) -> None:
    if not requisition.recruiter.is_recruiter:
        raise ValidationError({"recruiter": "The recruiter must have the recruiter role."})


@transaction.atomic
def requisition_create(
    *, actor: User, hiring_team: Iterable[User] = (), **fields: Any
) -> Requisition:
    """Recruiters open requisitions (owned by themselves unless they name another
    recruiter). `fields` are Requisition.EDITABLE_FIELDS (title, team, location and
    hiring_manager required). The requisition starts in draft with an empty intake and an
    empty draft criteria version; the hiring manager is emailed that they were added."""
    require(access.can_create_requisition(actor), "Only recruiters open requisitions.")
    details = _details(fields)
    details["recruiter"] = details.get("recruiter") or actor
    requisition = Requisition(**details)
    _require_recruiter_role(requisition)
    hiring_manager = details.get("hiring_manager")
    if hiring_manager is not None and not hiring_manager.is_active:
        raise ValidationError({"hiring_manager": "This person's account is not active."})
    requisition.full_clean()
    requisition.save()
    requisition.hiring_team.set(list(hiring_team))
    intake = Intake(requisition=requisition, updated_by=actor)
    # A second search with the same manager starts from what the first one learned.
    prefilled = team_profiles.intake_prefill(intake, hiring_manager)
    intake.full_clean()
    intake.save()
    version = CriteriaVersion(requisition=requisition, number=1, created_by=actor)
    version.full_clean()
    version.save()
    requisition_event_record(
        requisition=requisition,
        actor=actor,
        kind=RequisitionEvent.Kind.CREATED,
        message=f"Requisition opened by {actor}, hiring manager {hiring_manager}",
    )
    if prefilled:
        requisition_event_record(
            requisition=requisition,
            actor=actor,
            kind=RequisitionEvent.Kind.INTAKE_PREFILLED,
            message=f"Intake started from {hiring_manager}'s team profile",
            data={"fields": prefilled},
        )
    _notify_hiring_manager_added(requisition, actor)
    return requisition


def _notify_hiring_manager_added(requisition: Requisition, actor: User) -> None:
    requisition_email(
        requisition=requisition,
        kind=notifications.HIRING_MANAGER_ADDED,
        to=requisition.hiring_manager,
        subject=f"You are the hiring manager for {requisition.title}",
        template="requisition_hiring_manager_added",
        context={
            "manager": requisition.hiring_manager,
            "actor": actor,
            "intake_link": outbox.absolute_url("requisitions:intake_edit", pk=requisition.pk),
        },
        reply_to=requisition.recruiter,
    )


def _field_label(name: str) -> str:
    if name == "hiring_team":
        return "hiring team"
    return str(Requisition._meta.get_field(name).verbose_name)


@transaction.atomic
def requisition_update(
    *,
    requisition: Requisition,
    actor: User,
    hiring_team: Iterable[User] | None = None,
    **fields: Any,
) -> Requisition:
    """The owning recruiter edits the requisition's details (Requisition.EDITABLE_FIELDS).
    A new hiring manager is emailed, as on creation; every change lands on the timeline."""
    details = _details(fields)
    requisition = Requisition.objects.select_for_update().get(pk=requisition.pk)
    require(access.can_edit_requisition(actor, requisition), "Only the owning recruiter edits.")
    requisition_require_writable(requisition)
    changed = []
    for name, value in details.items():
        if getattr(requisition, name) != value:
            setattr(requisition, name, value)
            changed.append(name)
    if "recruiter" in changed:
        _require_recruiter_role(requisition)
    requisition.full_clean()
    requisition.save()
    if hiring_team is not None:
        before = set(requisition.hiring_team.values_list("pk", flat=True))
        team = list(hiring_team)
        if before != {u.pk for u in team}:
            requisition.hiring_team.set(team)
            changed.append("hiring_team")
    if changed:
        requisition_event_record(
            requisition=requisition,
            actor=actor,
            kind=RequisitionEvent.Kind.DETAILS,
            message=f"Details changed: {', '.join(_field_label(n) for n in changed)}",
            data={"fields": changed},
        )
    if "hiring_manager" in changed:
        _notify_hiring_manager_added(requisition, actor)
    return requisition
