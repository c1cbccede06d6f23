"""Writes on requisitions, one module per sub-area. Every service is keyword-only, typed and
runs in one transaction; every public name is importable from `requisitions.services`."""

from requisitions.services.check_ins import (
    check_in_acknowledge,
    check_in_compile,
    check_in_note_save,
)
from requisitions.services.criteria import (
    FROZEN_MESSAGE,
    criteria_draft_get_or_create,
    criterion_add,
    criterion_remove,
    criterion_revise,
    criterion_update,
    persona_update,
)
from requisitions.services.events import requisition_email, requisition_event_record
from requisitions.services.intake import intake_update
from requisitions.services.meetings import alignment_meeting_schedule, alignment_meeting_update
from requisitions.services.plan import (
    interview_stage_add,
    interview_stage_remove,
    interview_stage_update,
)
from requisitions.services.requisitions import requisition_create, requisition_update
from requisitions.services.sign_off import criteria_changes_request, criteria_sign_off
from requisitions.services.status import (
    allowed_transitions,
    requisition_advance,
    requisition_align,
    requisition_require_aligned,
    requisition_require_writable,
    requisition_transition,
)

__all__ = [
    "FROZEN_MESSAGE",
    "alignment_meeting_schedule",
    "alignment_meeting_update",
    "allowed_transitions",
    "check_in_acknowledge",
    "check_in_compile",
    "check_in_note_save",
    "criteria_changes_request",
    "criteria_draft_get_or_create",
    "criteria_sign_off",
    "criterion_add",
    "criterion_remove",
    "criterion_revise",
    "criterion_update",
    "intake_update",
    "interview_stage_add",
    "interview_stage_remove",
    "interview_stage_update",
    "persona_update",
    "requisition_advance",
    "requisition_align",
    "requisition_create",
    "requisition_email",
    "requisition_event_record",
    "requisition_require_aligned",
    "requisition_require_writable",
    "requisition_transition",
    "requisition_update",
]
