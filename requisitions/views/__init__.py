"""Requisition pages, by page area. Thin: check access, bind a form, call one service,
redirect or render; what a page shows is built by `requisitions.selectors`."""

from requisitions.views.check_ins import check_in_detail, check_in_list
from requisitions.views.criteria import (
    criteria_changes_request,
    criteria_sign_off,
    criterion_add,
    criterion_edit,
    criterion_remove,
    persona_edit,
)
from requisitions.views.intake import intake_edit, intake_ics
from requisitions.views.meetings import (
    alignment_meeting_create,
    alignment_meeting_edit,
    alignment_meeting_ics,
)
from requisitions.views.partnership import (
    partnership_agreement_edit,
    partnership_detail,
    partnership_overview,
    partnership_pulse,
    pulse_answer,
)
from requisitions.views.plan import (
    interview_stage_add,
    interview_stage_edit,
    interview_stage_remove,
)
from requisitions.views.requisitions import (
    requisition_create,
    requisition_detail,
    requisition_edit,
    requisition_list,
    requisition_transition,
)
from requisitions.views.retrospectives import retrospective
from requisitions.views.team_profiles import team_profile

__all__ = [
    "alignment_meeting_create",
    "alignment_meeting_edit",
    "alignment_meeting_ics",
    "check_in_detail",
    "check_in_list",
    "criteria_changes_request",
    "criteria_sign_off",
    "criterion_add",
    "criterion_edit",
    "criterion_remove",
    "intake_edit",
    "intake_ics",
    "interview_stage_add",
    "interview_stage_edit",
    "interview_stage_remove",
    "partnership_agreement_edit",
    "partnership_detail",
    "partnership_overview",
    "partnership_pulse",
    "pulse_answer",
    "persona_edit",
    "requisition_create",
    "requisition_detail",
    "requisition_edit",
    "requisition_list",
    "requisition_transition",
    "retrospective",
    "team_profile",
]
