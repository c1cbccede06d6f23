"""The debrief decision: advance, reject, hold or move to offer, with its rationale."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from candidates.models import Application
from candidates.services import _application_move
from debriefs.models import DebriefDecision, Interview
from debriefs.services._checks import when
from hiring_hub import access
from hiring_hub.audit import audit_fields, audit_record
from hiring_hub.models import User
from requisitions.models import InterviewStage, RequisitionEvent
from requisitions.services import requisition_event_record

St = Application.Stage
D = DebriefDecision.Decision
# The decisions that move the application, and where to (advance keeps it interviewing).
MOVES_TO = {D.REJECT: St.REJECTED, D.OFFER: St.OFFER}


def next_stage(stage: InterviewStage | None) -> InterviewStage | None:
    if stage is None:
        return None
    return (
        InterviewStage.objects.filter(requisition_id=stage.requisition_id)
        .filter(order__gt=stage.order)
        .order_by("order", "id")
        .first()
    )


def _require_interviewed(application: Application, stage: InterviewStage | None) -> None:
    """A debrief follows an interview: one of the application's interviews (at the stage
    being debriefed, when there is one) that was not cancelled must have started."""
    interviews = Interview.objects.filter(application_id=application.pk).exclude(
        status=Interview.Status.CANCELLED
    )
    if stage is not None:
        interviews = interviews.filter(stage_id=stage.pk)
    first = interviews.order_by("starts_at").values_list("starts_at", flat=True).first()
    if first is None:
        raise ValidationError("There is no interview to debrief yet: schedule one first.")
    if first > timezone.now():
        raise ValidationError(
            f"The interview starts {when(first)}: decide the debrief once it has started."
        )


DEBRIEF_DECISION_FIELDS = ("decision", "rationale", "stage", "next_stage_focus", "decided_by")


@transaction.atomic
def debrief_decide(
    *,
    application: Application,
    decision: str,
    rationale: str,
    actor: User,
    stage: InterviewStage | None = None,
    next_stage_focus: str = "",
) -> DebriefDecision:
    """Record the debrief decision with its rationale and who decided, and move the
    application: advance keeps it interviewing for the next stage of the plan (whose
    interviewers then see the carried-over focus), reject closes it with the rationale as
    the reason, offer moves it to the offer stage, hold leaves it where it is."""
    # Locked: the checks below (closed? which stage?) must hold until the decision is saved.
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("candidate", "requisition")
        .get(pk=application.pk)
    )
    access.require(access.can_decide_debrief(actor, application))
    if application.stage in St.closed_values():
        raise ValidationError(f"The application is already {St(application.stage).label.lower()}.")
    if decision not in DebriefDecision.Decision.values:
        raise ValidationError(f"Unknown decision {decision!r}.")
    if not rationale.strip():
        raise ValidationError("Give the rationale for the decision.")
    _require_interviewed(application, stage)
    if decision == D.ADVANCE:
        if stage is not None and next_stage(stage) is None:
            raise ValidationError(
                f"{stage.name} is the last stage of the interview plan: "
                "move to offer, or add a stage to the plan first."
            )
        if application.stage != St.INTERVIEWING:
            _application_move(application=application, to_stage=St.INTERVIEWING, actor=actor)
    elif decision in MOVES_TO:
        _application_move(
            application=application,
            to_stage=MOVES_TO[decision],
            actor=actor,
            reason=rationale.strip(),
        )
    record = DebriefDecision(
        application=application,
        stage=stage,
        decision=decision,
        rationale=rationale.strip(),
        next_stage_focus=next_stage_focus.strip() if decision == D.ADVANCE else "",
        decided_by=actor,
    )
    record.full_clean()
    record.save()
    after = audit_fields(record, DEBRIEF_DECISION_FIELDS)
    audit_record(actor=actor, action="debrief.decide", target=record, after=after)
    requisition_event_record(
        requisition=application.requisition,
        actor=actor,
        kind=RequisitionEvent.Kind.DEBRIEF,
        message=(
            f"Debrief on {application.candidate.full_name}"
            f"{f' ({stage.name})' if stage else ''}: {D(decision).label.lower()}"
        ),
        data={"application": application.pk, "decision": decision},
    )
    return record
