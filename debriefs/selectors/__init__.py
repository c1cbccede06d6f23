"""Reads for interviews, scorecards, debriefs, thank-you notes and follow-ups, one module per
sub-area, scoped through hiring_hub.access (the independence rule lives in
access.scorecards_visible_to)."""

from debriefs.selectors.dashboard import DASHBOARD_ITEMS, dashboard_panel
from debriefs.selectors.debriefs import Cell, Debrief, Row, debrief_for, debriefs_waiting
from debriefs.selectors.follow_ups import application_interviews, candidate_updates
from debriefs.selectors.interviews import (
    InterviewPage,
    applications_to_schedule,
    carried_focus,
    interview_for,
    interview_page,
    interviews_for,
    my_interview_pages,
    my_interviews,
    plan_stages,
    scorecards_due_count,
    scorecards_to_write,
    stage_criteria,
    upcoming_interviews_of,
)
from debriefs.selectors.scorecards import (
    ScorecardPage,
    own_unsubmitted_scorecard,
    scorecard_for_edit,
    scorecard_page,
    submitted_scorecards,
)
from debriefs.selectors.thank_you_notes import (
    notes_due_count,
    thank_you_note_for,
    thank_you_note_of,
    thank_you_notes,
)

__all__ = [
    "DASHBOARD_ITEMS",
    "Cell",
    "Debrief",
    "InterviewPage",
    "Row",
    "ScorecardPage",
    "application_interviews",
    "applications_to_schedule",
    "candidate_updates",
    "carried_focus",
    "dashboard_panel",
    "debrief_for",
    "debriefs_waiting",
    "interview_for",
    "interview_page",
    "interviews_for",
    "my_interview_pages",
    "my_interviews",
    "notes_due_count",
    "own_unsubmitted_scorecard",
    "plan_stages",
    "scorecard_for_edit",
    "scorecard_page",
    "scorecards_due_count",
    "scorecards_to_write",
    "stage_criteria",
    "submitted_scorecards",
    "thank_you_note_for",
    "thank_you_note_of",
    "thank_you_notes",
    "upcoming_interviews_of",
]
