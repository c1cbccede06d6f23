"""Writes on interviews, scorecards, debrief decisions, thank-you notes and follow-ups, one
module per sub-area.

Every function is keyword-only and runs in one transaction. Applications move only through
`candidates.services.application_move` (or, inside a debrief decision that enforced its own
rule, the same move without the pipeline check). Every function that takes an actor enforces
the hiring_hub.access rule its view checks.
"""

from debriefs.selectors import stage_criteria
from debriefs.services.decisions import DEBRIEF_DECISION_FIELDS, debrief_decide, next_stage
from debriefs.services.follow_ups import follow_up_record
from debriefs.services.interviews import (
    InterviewDetails,
    interview_cancel,
    interview_reschedule,
    interview_schedule,
)
from debriefs.services.scorecards import (
    scorecard_amend,
    scorecard_is_blank,
    scorecard_problems,
    scorecard_save_draft,
    scorecard_submit,
)
from debriefs.services.thank_you_notes import (
    thank_you_note_mark_sent,
    thank_you_note_retry,
    thank_you_note_send,
    thank_you_note_update,
)

__all__ = [
    "DEBRIEF_DECISION_FIELDS",
    "InterviewDetails",
    "debrief_decide",
    "follow_up_record",
    "interview_cancel",
    "interview_reschedule",
    "interview_schedule",
    "next_stage",
    "scorecard_amend",
    "scorecard_is_blank",
    "scorecard_problems",
    "scorecard_save_draft",
    "scorecard_submit",
    "stage_criteria",
    "thank_you_note_mark_sent",
    "thank_you_note_retry",
    "thank_you_note_send",
    "thank_you_note_update",
]
