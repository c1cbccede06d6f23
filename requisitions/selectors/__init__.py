"""Reads on requisitions, scoped through hiring_hub.access, by sub-area. Every public name
is importable from here (`from requisitions.selectors import current_signed_version`)."""

from requisitions.selectors.agenda import alignment_agenda
from requisitions.selectors.check_ins import (
    CheckInPulse,
    check_in_bars,
    check_in_figures,
    check_in_note,
    check_in_pulse,
    check_in_report,
    check_in_upcoming_week,
    check_ins_for,
    check_ins_visible_to,
)
from requisitions.selectors.criteria import (
    CRITERION_DIFF_FIELDS,
    criteria_being_edited,
    criteria_diff,
    criterion_for_edit,
    current_signed_version,
    draft_version,
)
from requisitions.selectors.dashboard import dashboard_panel
from requisitions.selectors.detail import RequisitionPage, requisition_for_detail, requisition_page
from requisitions.selectors.intake import (
    IntakeSection,
    intake_form_sections,
    intake_history,
    intake_of,
    intake_sections,
)
from requisitions.selectors.listing import (
    OPEN_STATUSES,
    STATUS_FILTER_CHOICES,
    list_filter_people,
    requisition_list,
    status_filter,
)
from requisitions.selectors.plan import Coverage, plan_coverage, plan_criteria

__all__ = [
    "CRITERION_DIFF_FIELDS",
    "OPEN_STATUSES",
    "STATUS_FILTER_CHOICES",
    "CheckInPulse",
    "Coverage",
    "IntakeSection",
    "RequisitionPage",
    "alignment_agenda",
    "check_in_bars",
    "check_in_figures",
    "check_in_note",
    "check_in_pulse",
    "check_in_report",
    "check_in_upcoming_week",
    "check_ins_for",
    "check_ins_visible_to",
    "criteria_being_edited",
    "criteria_diff",
    "criterion_for_edit",
    "current_signed_version",
    "dashboard_panel",
    "draft_version",
    "intake_form_sections",
    "intake_history",
    "intake_of",
    "intake_sections",
    "list_filter_people",
    "plan_coverage",
    "plan_criteria",
    "requisition_for_detail",
    "requisition_list",
    "requisition_page",
    "status_filter",
]
