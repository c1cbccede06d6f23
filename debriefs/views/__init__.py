"""Thin views, one module per area: check access (hiring_hub.access), bind a form, call one
service, redirect or render what a selector built."""

from debriefs.views.debriefs import debrief
from debriefs.views.follow_ups import follow_up
from debriefs.views.interviews import (
    interview_cancel,
    interview_create,
    interview_detail,
    interview_edit,
    interview_ics,
    interview_list,
    interview_schedule_start,
)
from debriefs.views.scorecards import (
    scorecard_amend,
    scorecard_edit,
    scorecard_save_draft,
    scorecard_submit,
)
from debriefs.views.thank_you_notes import (
    thank_you_list,
    thank_you_note,
    thank_you_note_mark_sent,
    thank_you_note_retry,
    thank_you_note_save,
    thank_you_note_send,
)

__all__ = [
    "debrief",
    "follow_up",
    "interview_cancel",
    "interview_create",
    "interview_detail",
    "interview_edit",
    "interview_ics",
    "interview_list",
    "interview_schedule_start",
    "scorecard_amend",
    "scorecard_edit",
    "scorecard_save_draft",
    "scorecard_submit",
    "thank_you_list",
    "thank_you_note",
    "thank_you_note_mark_sent",
    "thank_you_note_retry",
    "thank_you_note_save",
    "thank_you_note_send",
]
