"""Applications: a candidate on a requisition's pipeline, and its moves from stage to stage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from candidates.models import Application, Candidate, StageChange
from hiring_hub import access
from requisitions.models import Requisition
from requisitions.services import (
    requisition_advance,
    requisition_require_aligned,
    requisition_require_writable,
)

if TYPE_CHECKING:
    from hiring_hub.models import User

St = Application.Stage


def _move_error(application: Application, to_stage: str, reason: str) -> str | None:
    current = application.stage
    if to_stage not in St.values:
        return f"Unknown stage {to_stage!r}."
    if to_stage == current:
        return f"The application is already at {St(current).label}."
    if current == St.HIRED:
        return "A hired candidate's application is final."
    if current in St.reason_required_values() and to_stage not in St.reopen_values():
        label = St(current).label.lower()
        return f"A {label} application can only be re-opened to Sourced or Screening."
    if to_stage in St.reason_required_values() and not reason.strip():
        return f"Say why the application is {St(to_stage).label.lower()}."
    if to_stage == St.HIRED and current != St.OFFER:
        return "Only an application at the offer stage can be marked hired (accept the offer)."
    if to_stage == St.OFFER and current not in St.offer_ready_values():
        return "Only an application in interviews or hiring-manager review can move to offer."
    return None


@transaction.atomic
def application_move(
    *, application: Application, to_stage: str, actor: User, reason: str = ""
) -> Application:
    """Move an application to another pipeline stage and keep the move (who, when, from,
    to, reason). Only the requisition's recruiters move it (access.can_change_pipeline).
    Rejected and withdrawn need a reason; hired only follows an offer; a hired
    application is final."""
    access.require(access.can_change_pipeline(actor, application.requisition))
    return _application_move(application=application, to_stage=to_stage, actor=actor, reason=reason)


def _application_move(
    *, application: Application, to_stage: str, actor: User, reason: str = ""
) -> Application:
    """The stage move inside a service that has enforced its own access rule already (a
    hiring manager's shortlist answer or debrief decision moves the application too)."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("requisition")
        .get(pk=application.pk)
    )
    error = _move_error(application, to_stage, reason)
    if error:
        raise ValidationError(error)
    closing = to_stage in St.reason_required_values()
    # Closing an application still makes sense on a stopped search; moving it on does not.
    if not closing:
        requisition_require_writable(application.requisition)
    if to_stage in St.manager_visible_values():
        requisition_require_aligned(
            application.requisition, work="Shortlists, interviews and offers"
        )
    from_stage = application.stage
    now = timezone.now()
    application.stage = to_stage
    application.stage_changed_at = now
    application.closed_reason = reason.strip() if closing else ""
    if to_stage in St.manager_visible_values() and application.shortlisted_at is None:
        application.shortlisted_at = now
    application.full_clean()
    application.save()
    StageChange.objects.create(
        application=application,
        from_stage=from_stage,
        to_stage=to_stage,
        actor=actor,
        reason=reason.strip(),
    )
    return application


@transaction.atomic
def application_create(
    *, candidate: Candidate, requisition: Requisition, actor: User
) -> Application:
    """Put a candidate on a requisition's pipeline (at Sourced), once per requisition,
    by its recruiters (access.can_change_pipeline), and not on a read-only (filled, cancelled,
    on-hold) requisition. Sourcing may start before alignment; the first candidate on an
    aligned requisition moves it to sourcing."""
    access.require(access.can_change_pipeline(actor, requisition))
    if requisition.is_read_only:
        raise ValidationError(
            f"{requisition.title} is {requisition.get_status_display().lower()}: "
            "it takes no new candidates."
        )
    if Application.objects.filter(candidate=candidate, requisition=requisition).exists():
        raise ValidationError(f"{candidate.full_name} is already on {requisition.title}.")
    application = Application(
        candidate=candidate, requisition=requisition, stage=St.SOURCED, created_by=actor
    )
    application.full_clean()
    application.save()
    StageChange.objects.create(
        application=application, from_stage="", to_stage=St.SOURCED, actor=actor, reason="Added"
    )
    requisition_advance(
        requisition=requisition,
        to_status=Requisition.Status.SOURCING,
        actor=actor,
        reason=f"{candidate.full_name} added to the pipeline",
    )
    return application


def application_bulk_move(
    *, applications: Iterable[Application], to_stage: str, actor: User, reason: str = ""
) -> tuple[list[Application], dict[Application, str]]:
    """Move several applications at once; each move follows application_move's rules and
    one refused move does not undo the others. Returns (moved, {refused: why}). An actor
    who may not change one of the pipelines moves none of them."""
    applications = list(applications)
    for application in applications:
        access.require(access.can_change_pipeline(actor, application.requisition))
    moved, refused = [], {}
    for application in applications:
        try:
            moved.append(
                application_move(
                    application=application, to_stage=to_stage, actor=actor, reason=reason
                )
            )
        except ValidationError as exc:
            refused[application] = " ".join(exc.messages)
    return moved, refused


def application_follow_up_record(
    *,
    application_id: int,
    updated_at: dt.datetime | None = None,
    promised_by: dt.date | None = None,
) -> None:
    """Keep the candidate follow-up promise on the application: when the candidate last
    heard from us and by when we promised the next update. Only given values change."""
    values: dict = {}
    if updated_at is not None:
        values["last_candidate_update_at"] = updated_at
    if promised_by is not None:
        values["next_update_promised_by"] = promised_by
    if values:
        Application.objects.filter(pk=application_id).update(**values)
