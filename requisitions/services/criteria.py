"""Criteria and the candidate persona: edited in the one draft version; a signed version is
frozen, and editing after a sign-off starts a new draft and a re-alignment."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, NotRequired, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction

from hiring_hub import access
from hiring_hub.audit import audit_fields, audit_record
from requisitions import notifications
from requisitions.models import CriteriaVersion, Criterion, Requisition, RequisitionEvent
from requisitions.services.events import require, requisition_email, requisition_event_record
from requisitions.services.status import requisition_require_writable

if TYPE_CHECKING:
    from hiring_hub.models import User


class CriterionFields(TypedDict):
    """What a recruiter edits on a criterion (see criterion_update)."""

    name: str
    kind: str
    category: str
    definition: str
    order: NotRequired[int | None]


FROZEN_MESSAGE = (
    "Criteria version {number} was signed off and is frozen; changes go into a new draft."
)


def _latest_signed(requisition: Requisition) -> CriteriaVersion | None:
    return (
        CriteriaVersion.objects.filter(
            requisition=requisition, status=CriteriaVersion.Status.SIGNED
        )
        .order_by("-number")
        .first()
    )


def _criteria_event(
    *, requisition: Requisition, actor: User, message: str, version: int, key: str | None = None
) -> None:
    """Put a change to the criteria on the requisition's timeline."""
    data: dict[str, object] = (
        {"version": version} if key is None else {"key": key, "version": version}
    )
    requisition_event_record(
        requisition=requisition,
        actor=actor,
        kind=RequisitionEvent.Kind.CRITERIA,
        message=message,
        data=data,
    )


def _draft_criterion(
    *, requisition: Requisition, key: uuid.UUID | str, actor: User
) -> tuple[CriteriaVersion, Criterion]:
    """The draft (started when needed) and its criterion with this key."""
    draft = criteria_draft_get_or_create(requisition=requisition, actor=actor)
    criterion = draft.criteria.filter(key=key).first()
    if criterion is None:
        raise ValidationError("This criterion is not part of the current draft.")
    return draft, criterion


@transaction.atomic
def criteria_draft_get_or_create(*, requisition: Requisition, actor: User) -> CriteriaVersion:
    """Return the requisition's one draft criteria version, starting one when there is
    none. A draft started after a sign-off copies the signed criteria (same keys, so
    interview stages and assessments keep following them), marks the requisition
    "re-alignment needed" and emails the hiring manager."""
    require(access.can_edit_requisition(actor, requisition), "Only the owning recruiter edits.")
    requisition = Requisition.objects.select_for_update().get(pk=requisition.pk)
    requisition_require_writable(requisition)
    draft = CriteriaVersion.objects.filter(
        requisition=requisition, status=CriteriaVersion.Status.DRAFT
    ).first()
    if draft is not None:
        return draft
    signed = _latest_signed(requisition)
    last_number = (
        requisition.criteria_versions.order_by("-number").values_list("number", flat=True).first()
        or 0
    )
    draft = CriteriaVersion(
        requisition=requisition,
        number=last_number + 1,
        created_by=actor,
        persona=signed.persona if signed else "",
    )
    draft.full_clean()
    draft.save()
    if signed is None:
        return draft
    audit_record(
        actor=actor,
        action="criteria.version_create",
        target=draft,
        before=audit_fields(signed, ("number", "persona")),
        after=audit_fields(draft, ("number", "persona")),
    )
    Criterion.objects.bulk_create(
        Criterion(
            version=draft,
            key=c.key,
            name=c.name,
            kind=c.kind,
            category=c.category,
            definition=c.definition,
            order=c.order,
        )
        for c in signed.criteria.all()
    )
    requisition.realignment_needed = True
    requisition.save(update_fields=["realignment_needed", "updated_at"])
    requisition_event_record(
        requisition=requisition,
        actor=actor,
        kind=RequisitionEvent.Kind.REALIGNMENT,
        message=(
            f"Criteria v{draft.number} started after v{signed.number} was signed off: "
            "re-alignment needed"
        ),
        data={"draft": draft.number, "signed": signed.number},
    )
    requisition_email(
        requisition=requisition,
        kind=notifications.REALIGNMENT_NEEDED,
        to=requisition.hiring_manager,
        subject=f"Criteria changed for {requisition.title}: please re-align",
        template="requisition_realignment_needed",
        context={"manager": requisition.hiring_manager, "actor": actor},
        link="requisitions:criteria_sign_off",
        reply_to=requisition.recruiter,
    )
    return draft


def _check_editable(version: CriteriaVersion) -> None:
    if version.is_signed:
        raise ValidationError(FROZEN_MESSAGE.format(number=version.number))


def _clean_criterion(criterion: Criterion) -> None:
    """Trimmed text, and a must-have carries its definition (Criterion.clean)."""
    criterion.name = criterion.name.strip()
    criterion.definition = criterion.definition.strip()
    criterion.full_clean()


@transaction.atomic
def criterion_add(
    *,
    requisition: Requisition,
    actor: User,
    name: str,
    kind: str,
    category: str = Criterion.Category.SKILL,
    definition: str = "",
    order: int | None = None,
) -> Criterion:
    """Add a criterion to the draft version (starting a draft after a sign-off).
    Must-haves need a definition of what good looks like."""
    draft = criteria_draft_get_or_create(requisition=requisition, actor=actor)
    if order is None:
        last = draft.criteria.order_by("-order").values_list("order", flat=True).first()
        order = 0 if last is None else last + 1
    criterion = Criterion(
        version=draft, name=name, kind=kind, category=category, definition=definition, order=order
    )
    _clean_criterion(criterion)
    criterion.save()
    _criteria_event(
        requisition=requisition,
        actor=actor,
        message=f"Criterion added to v{draft.number}: {criterion.name} "
        f"({criterion.get_kind_display()})",
        version=draft.number,
        key=str(criterion.key),
    )
    return criterion


@transaction.atomic
def criterion_update(
    *,
    criterion: Criterion,
    actor: User,
    name: str,
    kind: str,
    category: str,
    definition: str,
    order: int | None = None,
) -> Criterion:
    """Change a criterion of a draft version. A signed-off version is frozen: this
    refuses to touch it (use criterion_revise, which edits the draft instead)."""
    criterion = Criterion.objects.select_related("version__requisition").get(pk=criterion.pk)
    requisition = criterion.version.requisition
    require(access.can_edit_requisition(actor, requisition), "Only the owning recruiter edits.")
    requisition_require_writable(requisition)
    _check_editable(criterion.version)
    before = (criterion.name, criterion.kind, criterion.category, criterion.definition)
    criterion.name, criterion.kind, criterion.category, criterion.definition = (
        name,
        kind,
        category,
        definition,
    )
    if order is not None:
        criterion.order = order
    _clean_criterion(criterion)
    criterion.save()
    if before != (criterion.name, criterion.kind, criterion.category, criterion.definition):
        _criteria_event(
            requisition=requisition,
            actor=actor,
            message=f"Criterion changed in v{criterion.version.number}: {criterion.name}",
            version=criterion.version.number,
            key=str(criterion.key),
        )
    return criterion


@transaction.atomic
def criterion_revise(
    *,
    requisition: Requisition,
    key: uuid.UUID | str,
    actor: User,
    **fields: Unpack[CriterionFields],
) -> Criterion:
    """Edit the criterion with this key as it stands in the draft, starting a draft
    (and so a re-alignment) when the current criteria are signed off. The fields are
    criterion_update's."""
    _draft, criterion = _draft_criterion(requisition=requisition, key=key, actor=actor)
    return criterion_update(criterion=criterion, actor=actor, **fields)


@transaction.atomic
def criterion_remove(*, requisition: Requisition, key: uuid.UUID | str, actor: User) -> None:
    """Drop a criterion from the draft (the signed versions keep it)."""
    draft, criterion = _draft_criterion(requisition=requisition, key=key, actor=actor)
    criterion.delete()
    _criteria_event(
        requisition=requisition,
        actor=actor,
        message=f"Criterion removed from v{draft.number}: {criterion.name}",
        version=draft.number,
        key=str(key),
    )


@transaction.atomic
def persona_update(*, requisition: Requisition, actor: User, persona: str) -> CriteriaVersion:
    """The candidate persona lives with the criteria: it changes in the draft only."""
    persona = (persona or "").strip()
    current = CriteriaVersion.objects.filter(requisition=requisition).order_by("-number").first()
    if current is not None and current.persona == persona:
        return current
    draft = criteria_draft_get_or_create(requisition=requisition, actor=actor)
    draft.persona = persona
    draft.full_clean()
    draft.save(update_fields=["persona"])
    _criteria_event(
        requisition=requisition,
        actor=actor,
        message=f"Candidate persona changed in v{draft.number}",
        version=draft.number,
    )
    return draft
