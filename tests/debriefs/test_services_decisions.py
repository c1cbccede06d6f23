"""The debrief decision: each outcome, when it may be taken, and its audit trail."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from candidates.models import Application
from debriefs import services
from debriefs.models import (
    DebriefDecision,
)
from hiring_hub.models import AuditEntry
from tests.conftest import the_audit_entry
from tests.debriefs.conftest import decide, schedule, submit

pytestmark = pytest.mark.django_db
D = DebriefDecision.Decision


# --- Debrief decision ---------
def test_advance_keeps_the_application_interviewing_and_records_the_focus(plan, hiring_manager):
    interview = schedule(plan)
    submit(interview, plan.alice)

    decision = services.debrief_decide(
        application=plan.application,
        decision="advance",
        rationale="Strong on payments.",
        next_stage_focus="Probe mentoring.",
        stage=plan.stage1,
        actor=hiring_manager,
    )

    plan.application.refresh_from_db()
    assert plan.application.stage == Application.Stage.INTERVIEWING
    assert decision.decided_by == hiring_manager
    assert decision.next_stage_focus == "Probe mentoring."


def test_advance_after_the_last_stage_is_refused(plan, recruiter):
    schedule(plan, stage=plan.stage2)

    with pytest.raises(ValidationError, match="last stage"):
        decide(plan, recruiter, D.ADVANCE, "Good", plan.stage2)


def test_reject_closes_the_application_with_the_rationale_as_reason(plan, recruiter):
    schedule(plan)

    decide(plan, recruiter, D.REJECT, "No production payments experience.", plan.stage1)

    plan.application.refresh_from_db()
    assert plan.application.stage == Application.Stage.REJECTED
    assert plan.application.closed_reason == "No production payments experience."


def test_offer_moves_the_application_to_offer(plan, recruiter):
    schedule(plan, stage=plan.stage2)

    decide(plan, recruiter, D.OFFER, "Everyone says yes.", plan.stage2)

    plan.application.refresh_from_db()
    assert plan.application.stage == Application.Stage.OFFER


def test_hold_leaves_the_application_where_it_is(plan, recruiter):
    schedule(plan)

    decide(plan, recruiter, D.HOLD, "Waiting for the other finalist.", plan.stage1)

    plan.application.refresh_from_db()
    assert plan.application.stage == Application.Stage.INTERVIEWING
    assert DebriefDecision.objects.get().decision == D.HOLD


def test_a_decision_needs_a_rationale(plan, recruiter):
    schedule(plan)

    with pytest.raises(ValidationError, match="rationale"):
        services.debrief_decide(
            application=plan.application, decision="hold", rationale="  ", actor=recruiter
        )


# --- Time order: a debrief follows an interview ---------
def test_a_debrief_is_decided_only_after_the_interview_started(plan, recruiter):
    schedule(plan, starts_at=timezone.now() + dt.timedelta(hours=2))
    with pytest.raises(ValidationError, match="decide the debrief once it has started"):
        services.debrief_decide(
            application=plan.application, decision="reject", rationale="No", actor=recruiter
        )
    plan.application.refresh_from_db()
    assert plan.application.stage == Application.Stage.INTERVIEWING
    assert not DebriefDecision.objects.exists()


def test_a_debrief_needs_an_interview(plan, recruiter):
    with pytest.raises(ValidationError, match="no interview to debrief"):
        services.debrief_decide(
            application=plan.application, decision="hold", rationale="Wait", actor=recruiter
        )


def test_a_cancelled_interview_is_no_ground_for_a_debrief(plan, recruiter):
    interview = schedule(plan)
    services.interview_cancel(interview=interview, actor=recruiter)
    with pytest.raises(ValidationError, match="no interview to debrief"):
        services.debrief_decide(
            application=plan.application, decision="hold", rationale="Wait", actor=recruiter
        )


# --- Audit trail ---------------------------------------------------------------------------
def test_debrief_decision_is_audited_with_who_decided_and_why(plan, recruiter):
    schedule(plan)
    record = decide(plan, recruiter, D.REJECT, "No production payments experience.", plan.stage1)
    entry = the_audit_entry("debrief.decide")
    assert entry.actor == recruiter
    assert (entry.target_type, entry.target_id) == ("debriefs.debriefdecision", str(record.pk))
    assert entry.target_label == "Reject: Dana Diaz"
    assert entry.before is None
    assert entry.after == {
        "decision": "reject",
        "rationale": "No production payments experience.",
        "stage": plan.stage1.pk,
        "next_stage_focus": "",
        "decided_by": recruiter.pk,
    }


def test_a_refused_debrief_decision_writes_no_audit_entry(plan, recruiter):
    schedule(plan, stage=plan.stage2)
    with pytest.raises(ValidationError, match="last stage"):
        decide(plan, recruiter, D.ADVANCE, "Strong.", plan.stage2)
    with pytest.raises(ValidationError, match="rationale"):
        services.debrief_decide(
            application=plan.application, decision="hold", rationale=" ", actor=recruiter
        )
    assert not AuditEntry.objects.exists()
