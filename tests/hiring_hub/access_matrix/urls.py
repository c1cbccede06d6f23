"""The access matrix's rows: every URL of the app (walked from the resolver), which object of
the world fills each one's kwargs, and the lists of what each role may not reach or do."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver

# --- 1. Every URL of the app ------------------------------------------------------------
# The unsubscribe link is public by design: its signed token is the credential (tested in
# tests/hiring_hub/test_outbox.py); dev/: DEBUG-only development tools (the mail viewer),
# checked in test_devmail.py.
EXCLUDED_PREFIXES = (
    "accounts/",
    "admin/",
    "healthz",
    "livez",
    "notifications/unsubscribe/",
    "dev/",
)


def _walk(patterns, prefix="", namespace=None, converters=()):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(EXCLUDED_PREFIXES):
            continue
        found = tuple(converters) + tuple(getattr(entry.pattern, "converters", {}))
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            if entry.namespace and namespace:
                ns = f"{namespace}:{entry.namespace}"
            yield from _walk(entry.url_patterns, route, ns, found)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, route, found


URLS = {name: (route, kwargs) for name, route, kwargs in _walk(get_resolver().url_patterns)}

# --- 2. Which object of the world fills each URL's kwargs -------------------------------
# The offer's steps, one view each (the recruiter's, and the manager's approval).
OFFER_STEPS = [
    f"candidates:offer_{step}"
    for step in ("terms", "approve", "verbal", "written", "note", "outcome")
]

# None: a collection page (no object in the URL). Every other value names the world object
# whose pk fills the URL's `pk` (a criterion URL takes its requisition's pk plus its key).
URL_TARGETS: dict[str, str | None] = {
    "home": None,
    "user_list": None,
    "profile": None,
    "navigation_counts": None,
    "requisitions:requisition_list": None,
    "requisitions:requisition_create": None,
    "requisitions:requisition_detail": "requisition",
    "requisitions:requisition_edit": "requisition",
    "requisitions:requisition_transition": "requisition",
    "requisitions:intake_edit": "requisition",
    "requisitions:intake_ics": "requisition",
    "requisitions:criterion_add": "requisition",
    "requisitions:criterion_edit": "criterion",
    "requisitions:criterion_remove": "criterion",
    "requisitions:persona_edit": "requisition",
    "requisitions:criteria_sign_off": "requisition",
    "requisitions:criteria_changes_request": "requisition",
    "requisitions:alignment_meeting_create": "requisition",
    "requisitions:alignment_meeting_edit": "meeting",
    "requisitions:alignment_meeting_ics": "meeting",
    "requisitions:interview_stage_add": "requisition",
    "requisitions:interview_stage_edit": "stage",
    "requisitions:interview_stage_remove": "stage",
    "requisitions:check_in_list": "requisition",
    "requisitions:check_in_detail": "check_in",
    "candidates:candidate_list": None,
    "candidates:candidate_create": None,
    "candidates:candidate_detail": "candidate",
    "candidates:candidate_edit": "candidate",
    "candidates:candidate_add_to_requisition": "candidate",
    "candidates:candidate_export": "candidate",
    "candidates:candidate_erase": "candidate",
    "candidates:resume_download": "candidate",
    "candidates:resume_preview": "candidate",
    "candidates:application_detail": "application",
    "candidates:application_move": "application",
    "candidates:application_board_move": "application",
    "candidates:assessment_edit": "application",
    "candidates:offer_detail": "application",
    **dict.fromkeys(OFFER_STEPS, "application"),
    "candidates:pipeline": "requisition",
    "candidates:pipeline_csv": "requisition",
    "candidates:shortlist_create": "requisition",
    "candidates:shortlist_inbox": None,
    "candidates:shortlist_detail": "shortlist",
    "candidates:shortlist_review": "shortlist",
    "candidates:shortlist_review_next": "shortlist",
    "candidates:shortlist_entry_form": "entry",
    "candidates:shortlist_entry_decide": "entry",
    "candidates:shortlist_message": "entry",
    "debriefs:interview_list": None,
    "debriefs:interview_schedule_start": None,
    "debriefs:interview_create": "application",
    "debriefs:debrief": "application",
    "debriefs:follow_up": "application",
    "debriefs:thank_you_list": None,
    "debriefs:interview_detail": "interview",
    "debriefs:interview_edit": "interview",
    "debriefs:interview_cancel": "interview",
    "debriefs:interview_ics": "interview",
    "debriefs:scorecard_edit": "interview",
    "debriefs:thank_you_note": "interview",
    "debriefs:scorecard_save_draft": "interview",
    "debriefs:scorecard_submit": "interview",
    "debriefs:scorecard_amend": "interview",
    "debriefs:thank_you_note_save": "interview",
    "debriefs:thank_you_note_send": "interview",
    "debriefs:thank_you_note_mark_sent": "interview",
    "debriefs:thank_you_note_retry": "interview",
    "requisitions:team_profile": "user",
    "requisitions:retrospective": "requisition",
    "requisitions:partnership": "requisition",
    "requisitions:partnership_agreement_edit": "requisition",
    "requisitions:partnership_pulse": "requisition",
    # The signed pulse link of the weekly email, made out to the requisition's manager.
    "requisitions:pulse_answer": "requisition",
    "requisitions:partnership_overview": None,
}

# Interviewers never see offers, compensation, the pipeline, shortlists, the CSV export or
# other candidates' résumés, even when they interview for the requisition (PRODUCT.md).
# "other_candidate" swaps in a candidate of the same requisition they do not interview.
INTERVIEWER_FORBIDDEN: dict[str, str] = {
    "candidates:offer_detail": "application",
    **dict.fromkeys(OFFER_STEPS, "application"),
    "candidates:pipeline": "requisition",
    "candidates:pipeline_csv": "requisition",
    "candidates:shortlist_create": "requisition",
    "candidates:shortlist_inbox": "",
    "candidates:shortlist_detail": "shortlist",
    "candidates:shortlist_review": "shortlist",
    "candidates:shortlist_review_next": "shortlist",
    "candidates:shortlist_entry_form": "entry",
    "candidates:shortlist_entry_decide": "entry",
    "candidates:shortlist_message": "entry",
    "candidates:resume_download": "other_candidate",
    "candidates:resume_preview": "other_candidate",
    "candidates:candidate_list": "",
    # A candidate's whole record: recruiters and admins only (access.can_export_candidate,
    # can_erase_candidate).
    "candidates:candidate_export": "candidate",
    "candidates:candidate_erase": "candidate",
    "candidates:application_detail": "application",
    "candidates:application_move": "application",
    "candidates:application_board_move": "application",
    "candidates:assessment_edit": "application",
    "requisitions:intake_edit": "requisition",
    # The intake meeting's invite names the people and links the candid intake: the same
    # rule as the intake page (can_see_intake).
    "requisitions:intake_ics": "requisition",
    "requisitions:requisition_edit": "requisition",
    "debriefs:follow_up": "application",
    # The agenda is built from the candid intake (the last person in the role, a hire
    # that failed): recruiters, the hiring manager and the meeting's attendees only.
    "requisitions:alignment_meeting_edit": "meeting",
    "requisitions:alignment_meeting_ics": "meeting",
    # Weekly check-ins report on the whole pipeline: recruiters and the hiring manager.
    "requisitions:check_in_list": "requisition",
    "requisitions:check_in_detail": "check_in",
    # The team profile and the retrospective hold candid lessons (hires that failed), like
    # the intake: recruiters and the hiring manager.
    "requisitions:team_profile": "user",
    "requisitions:retrospective": "requisition",
    # The partnership (promises kept, the pulse, health): the two partners and recruiters.
    "requisitions:partnership": "requisition",
    "requisitions:partnership_agreement_edit": "requisition",
    "requisitions:partnership_pulse": "requisition",
    "requisitions:pulse_answer": "requisition",
    "requisitions:partnership_overview": "",
}


# Whose page it is, where that is not the owning recruiter.
OWNER = {
    "candidates:shortlist_review": "manager",
    "candidates:shortlist_review_next": "manager",
    "candidates:shortlist_entry_form": "manager",
    "debriefs:scorecard_edit": "interviewer",
    "debriefs:scorecard_save_draft": "interviewer",
    "debriefs:scorecard_submit": "interviewer",
    "debriefs:scorecard_amend": "interviewer",
    "requisitions:pulse_answer": "manager",
}


# The owning recruiter's writes to the requisition itself: its fields, status, criteria,
# persona, alignment meeting and interview plan. Neither the hiring manager nor a recruiter
# not on the requisition makes them.
REQUISITION_OWNER_WRITES: list[str] = [
    "requisitions:requisition_edit",
    "requisitions:requisition_transition",
    "requisitions:criterion_add",
    "requisitions:criterion_edit",
    "requisitions:criterion_remove",
    "requisitions:persona_edit",
    "requisitions:alignment_meeting_create",
    "requisitions:interview_stage_add",
    "requisitions:interview_stage_edit",
    "requisitions:interview_stage_remove",
]


# --- (e) the requisition's hiring manager co-owns, but the recruiter writes -----------------
# The manager reads their search, answers shortlists, approves offers and decides debriefs;
# everything below is the recruiter's (or the interviewer's own scorecard).
MANAGER_CANNOT: list[str] = [
    "user_list",
    "requisitions:requisition_create",
    *REQUISITION_OWNER_WRITES,
    "candidates:candidate_list",
    "candidates:candidate_create",
    "candidates:candidate_edit",
    "candidates:candidate_add_to_requisition",
    "candidates:candidate_export",
    "candidates:candidate_erase",
    "candidates:application_move",
    "candidates:application_board_move",
    "candidates:assessment_edit",
    "candidates:shortlist_create",
    *[name for name in OFFER_STEPS if name != "candidates:offer_approve"],
    "debriefs:interview_schedule_start",
    "debriefs:interview_create",
    "debriefs:interview_edit",
    "debriefs:interview_cancel",
    "debriefs:scorecard_edit",
    "debriefs:scorecard_save_draft",
    "debriefs:scorecard_submit",
    "debriefs:scorecard_amend",
    "debriefs:thank_you_list",
    "debriefs:thank_you_note",
    "debriefs:thank_you_note_save",
    "debriefs:thank_you_note_send",
    "debriefs:thank_you_note_mark_sent",
    "debriefs:thank_you_note_retry",
    "requisitions:partnership_agreement_edit",
]


# --- (f) one write rule: the writes and reads of a recruiter not on the requisition -------
PIPELINE_WRITES = [
    "candidates:candidate_edit",
    "candidates:candidate_add_to_requisition",
    "candidates:application_move",
    "candidates:application_board_move",
    "candidates:assessment_edit",
    "candidates:pipeline",
    "candidates:shortlist_create",
    "candidates:offer_note",
    "debriefs:interview_cancel",
    "debriefs:interview_edit",
    "debriefs:interview_create",
    "debriefs:debrief",
    "debriefs:follow_up",
    "debriefs:thank_you_note_mark_sent",
]

# Read pages of the requisition's search the other recruiter still opens.
OTHER_RECRUITER_READS = [
    "requisitions:requisition_detail",
    "requisitions:intake_edit",
    "requisitions:intake_ics",
    "candidates:candidate_detail",
    "candidates:resume_download",
    "candidates:resume_preview",
    "candidates:application_detail",
    "candidates:offer_detail",
    "candidates:pipeline",
    "candidates:pipeline_csv",
    "candidates:shortlist_detail",
    "debriefs:interview_detail",
    "debriefs:interview_ics",
    "debriefs:debrief",
    "debriefs:follow_up",
    "debriefs:thank_you_note",
    "debriefs:thank_you_list",
    "debriefs:interview_list",
    "candidates:shortlist_inbox",
    "requisitions:team_profile",
    "requisitions:retrospective",
]

# Writes of other rules the other recruiter is refused too (the owning recruiter's
# requisition, the manager's answers, the interviewer's own scorecard).
OTHER_RECRUITER_DENIED = [
    *REQUISITION_OWNER_WRITES,
    "candidates:shortlist_review",
    "candidates:shortlist_review_next",
    "candidates:shortlist_entry_decide",
    "candidates:shortlist_message",
    "debriefs:scorecard_edit",
    "debriefs:scorecard_save_draft",
    "debriefs:scorecard_submit",
    "debriefs:scorecard_amend",
    # Erasing is an admin's or the candidate's own recruiters' call (can_erase_candidate).
    "candidates:candidate_erase",
    # The manager and the recruiters they work with edit the team profile; each person
    # answers their own retrospective.
    "requisitions:team_profile",
    "requisitions:retrospective",
]


ALL_NAMES = sorted(set(URLS) | set(URL_TARGETS))
OBJECT_NAMES = [n for n in ALL_NAMES if URL_TARGETS.get(n, "?") is not None]
CANDIDATE_NAMES = [n for n in ALL_NAMES if URL_TARGETS.get(n) in ("candidate", "application")]

# A member of the hiring team who is not on the interview sees none of these.
PEOPLE_KINDS = ("candidate", "application", "shortlist", "entry", "interview")
PEOPLE_NAMES = [n for n in ALL_NAMES if URL_TARGETS.get(n) in PEOPLE_KINDS]
