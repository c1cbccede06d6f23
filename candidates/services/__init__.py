"""Writes on candidates and applications. Keyword-only, one transaction each.

By sub-area: candidates (people), applications (the pipeline and its stage moves),
assessments, shortlists (the hiring manager's review), offers.
"""

from candidates.services.applications import (
    _application_move as _application_move,  # a debrief decision moves the application too
)
from candidates.services.applications import (
    application_bulk_move,
    application_create,
    application_follow_up_record,
    application_move,
)
from candidates.services.assessments import assessment_save
from candidates.services.candidates import (
    CANDIDATE_FIELDS,
    DuplicateCandidateError,
    candidate_create,
    candidate_update,
)
from candidates.services.offers import (
    offer_accept,
    offer_approve,
    offer_create,
    offer_decline,
    offer_negotiation_note_add,
    offer_update,
    offer_verbal_record,
    offer_written_send,
)
from candidates.services.shortlists import (
    shortlist_entry_decide,
    shortlist_message_post,
    shortlist_submit,
)

__all__ = [
    "CANDIDATE_FIELDS",
    "DuplicateCandidateError",
    "application_bulk_move",
    "application_create",
    "application_follow_up_record",
    "application_move",
    "assessment_save",
    "candidate_create",
    "candidate_update",
    "offer_accept",
    "offer_approve",
    "offer_create",
    "offer_decline",
    "offer_negotiation_note_add",
    "offer_update",
    "offer_verbal_record",
    "offer_written_send",
    "shortlist_entry_decide",
    "shortlist_message_post",
    "shortlist_submit",
]
