"""The candidate pages, by area: people (and their résumés), applications, the pipeline,
shortlists, offers."""

from candidates.views.applications import application_detail, application_move, assessment_edit
from candidates.views.offers import (
    offer_approve,
    offer_detail,
    offer_note,
    offer_outcome,
    offer_terms,
    offer_verbal,
    offer_written,
)
from candidates.views.people import (
    candidate_add_to_requisition,
    candidate_create,
    candidate_detail,
    candidate_edit,
    candidate_erase,
    candidate_export,
    candidate_list,
)
from candidates.views.pipeline import application_board_move, pipeline, pipeline_csv
from candidates.views.resumes import RESUME_PREVIEW_CSP, resume_download, resume_preview
from candidates.views.shortlists import (
    shortlist_create,
    shortlist_detail,
    shortlist_entry_decide,
    shortlist_entry_form,
    shortlist_inbox,
    shortlist_message,
    shortlist_review,
    shortlist_review_next,
)

__all__ = [
    "RESUME_PREVIEW_CSP",
    "application_board_move",
    "application_detail",
    "application_move",
    "assessment_edit",
    "candidate_add_to_requisition",
    "candidate_create",
    "candidate_detail",
    "candidate_edit",
    "candidate_erase",
    "candidate_export",
    "candidate_list",
    "offer_approve",
    "offer_detail",
    "offer_note",
    "offer_outcome",
    "offer_terms",
    "offer_verbal",
    "offer_written",
    "pipeline",
    "pipeline_csv",
    "resume_download",
    "resume_preview",
    "shortlist_create",
    "shortlist_detail",
    "shortlist_entry_decide",
    "shortlist_entry_form",
    "shortlist_inbox",
    "shortlist_message",
    "shortlist_review",
    "shortlist_review_next",
]
