"""A candidate's data rights: export everything held about them, erase them, and the
retention job that erases candidates nobody has worked with for CANDIDATE_RETENTION_DAYS.

Erasure keeps the aggregate history of the hiring process (applications, their stages and
stage times, shortlist and debrief decisions, offers' outcomes) under a placeholder name, and
removes the person: contact details, documents, everything written about them, and the
emails to their address.
"""

from candidates.privacy.erasure import (
    ERASED_TEXT,
    candidate_erase,
    erase_locked,
    erased_email,
    erased_name,
)
from candidates.privacy.export import EXPORT_FORMAT_VERSION, candidate_export, candidate_export_data
from candidates.privacy.retention import (
    RetentionReport,
    candidates_retention_erase,
    retention_due,
)

__all__ = [
    "ERASED_TEXT",
    "EXPORT_FORMAT_VERSION",
    "RetentionReport",
    "candidate_erase",
    "candidate_export",
    "candidate_export_data",
    "candidates_retention_erase",
    "erase_locked",
    "erased_email",
    "erased_name",
    "retention_due",
]
