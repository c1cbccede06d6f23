"""The interview plan: its stages, their interviewers (who join the hiring team) and the
criteria each stage assesses, followed by key across criteria versions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from hiring_hub import access
from requisitions.models import Criterion, InterviewStage, Requisition, RequisitionEvent
from requisitions.services.events import require, requisition_event_record
from requisitions.services.status import requisition_require_writable

if TYPE_CHECKING:
    from hiring_hub.models import User


def _clean_criterion_keys(requisition: Requisition, keys: Iterable[str]) -> list[str]:
    keys = [str(k) for k in keys]
    known = {
        str(k)
        for k in Criterion.objects.filter(version__requisition=requisition).values_list(
            "key", flat=True
        )
    }
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise ValidationError({"criterion_keys": "Choose criteria of this requisition."})
    return list(dict.fromkeys(keys))


def _clean_interviewers(requisition: Requisition, interviewers: list[User]) -> None:
    inactive = [str(u) for u in interviewers if not u.is_active]
    if inactive:
        raise ValidationError({"interviewers": f"Not active: {', '.join(inactive)}."})


@transaction.atomic
def interview_stage_add(
    *,
    requisition: Requisition,
    actor: User,
    name: str,
    duration_minutes: int = 60,
    interviewers: Iterable[User] = (),
    criterion_keys: Iterable[str] = (),
    order: int | None = None,
) -> InterviewStage:
    """Add a stage to the interview plan. Its interviewers join the hiring team (so they
    can see the requisition); it assesses criteria by key, which survives re-alignment."""
    # The plan is read to number the new stage: lock it so two adds cannot both take last + 1
    # (the unique constraint on (requisition, order) stops what a lock would miss).
    requisition = Requisition.objects.select_for_update().get(pk=requisition.pk)
    require(access.can_edit_requisition(actor, requisition), "Only the owning recruiter edits.")
    requisition_require_writable(requisition)
    interviewers = list(interviewers)
    _clean_interviewers(requisition, interviewers)
    if order is None:
        last = requisition.interview_stages.order_by("-order").values_list("order", flat=True)
        order = (last.first() if last.exists() else -1) + 1
    stage = InterviewStage(
        requisition=requisition,
        name=name.strip(),
        order=order,
        duration_minutes=duration_minutes,
        criterion_keys=_clean_criterion_keys(requisition, criterion_keys),
    )
    return _stage_save(stage, interviewers, actor, "added")


def _stage_save(
    stage: InterviewStage, interviewers: list[User], actor: User, verb: str
) -> InterviewStage:
    """Save a stage; its interviewers join the hiring team; the timeline says so."""
    stage.full_clean()
    stage.save()
    stage.interviewers.set(interviewers)
    stage.requisition.hiring_team.add(*interviewers)
    requisition_event_record(
        requisition=stage.requisition,
        actor=actor,
        kind=RequisitionEvent.Kind.PLAN,
        message=f"Interview stage {verb}: {stage.name}",
        data={"stage": stage.pk},
    )
    return stage


@transaction.atomic
def interview_stage_update(
    *,
    stage: InterviewStage,
    actor: User,
    name: str,
    duration_minutes: int,
    interviewers: Iterable[User],
    criterion_keys: Iterable[str],
    order: int,
) -> InterviewStage:
    """Change a stage of the plan (interviewers added join the hiring team)."""
    requisition = stage.requisition
    require(access.can_edit_requisition(actor, requisition), "Only the owning recruiter edits.")
    requisition_require_writable(requisition)
    interviewers = list(interviewers)
    _clean_interviewers(requisition, interviewers)
    stage.name = name.strip()
    stage.duration_minutes = duration_minutes
    stage.order = order
    stage.criterion_keys = _clean_criterion_keys(requisition, criterion_keys)
    return _stage_save(stage, interviewers, actor, "changed")


@transaction.atomic
def interview_stage_remove(*, stage: InterviewStage, actor: User) -> None:
    """Remove a stage from the plan; a stage that already has interviews stays."""
    requisition = stage.requisition
    require(access.can_edit_requisition(actor, requisition), "Only the owning recruiter edits.")
    requisition_require_writable(requisition)
    if stage.interviews.exists():
        raise ValidationError(
            f"{stage.name} already has interviews scheduled; it cannot be removed."
        )
    name = stage.name
    stage.delete()
    requisition_event_record(
        requisition=requisition,
        actor=actor,
        kind=RequisitionEvent.Kind.PLAN,
        message=f"Interview stage removed: {name}",
    )
