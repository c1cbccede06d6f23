"""Writes on candidates and applications. Keyword-only, one transaction each."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from candidates.models import Application, StageChange

St = Application.Stage
CLOSED = {St.HIRED, St.REJECTED, St.WITHDRAWN}


def _move_error(application: Application, to_stage: str, reason: str) -> str | None:
    current = application.stage
    if to_stage not in St.values:
        return f"Unknown stage {to_stage!r}."
    if to_stage == current:
        return f"The application is already at {St(current).label}."
    if current == St.HIRED:
        return "A hired candidate's application is final."
    if current in (St.REJECTED, St.WITHDRAWN) and to_stage not in (St.SOURCED, St.SCREENING):
        label = St(current).label.lower()
        return f"A {label} application can only be re-opened to Sourced or Screening."
    if to_stage in (St.REJECTED, St.WITHDRAWN) and not reason.strip():
        return f"Say why the application is {St(to_stage).label.lower()}."
    if to_stage == St.HIRED and current != St.OFFER:
        return "Only an application at the offer stage can be marked hired (accept the offer)."
    if to_stage == St.OFFER and current not in (St.INTERVIEWING, St.MANAGER_REVIEW):
        return "Only an application in interviews or hiring-manager review can move to offer."
    return None


@transaction.atomic
def application_move(
    *, application: Application, to_stage: str, actor, reason: str = ""
) -> Application:
    """Move an application to another pipeline stage and keep the move (who, when, from,
    to, reason). Rejected and withdrawn need a reason; hired only follows an offer;
    a hired application is final."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    error = _move_error(application, to_stage, reason)
    if error:
        raise ValidationError(error)
    from_stage = application.stage
    now = timezone.now()
    application.stage = to_stage
    application.stage_changed_at = now
    application.closed_reason = reason.strip() if to_stage in (St.REJECTED, St.WITHDRAWN) else ""
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
