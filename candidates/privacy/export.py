"""A candidate's right of access: everything held about them, as a zip of candidate.json
and their résumé."""

from __future__ import annotations

import io
import json
import logging
import zipfile
from typing import TYPE_CHECKING

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from candidates.models import Application, Candidate
from candidates.resumes import EXTENSIONS
from hiring_hub import access
from hiring_hub.audit import audit_record
from hiring_hub.models import OutboundMessage

if TYPE_CHECKING:
    from hiring_hub.models import User

logger = logging.getLogger(__name__)

EXPORT_FORMAT_VERSION = 1


def _user(user: User | None) -> str | None:
    return str(user) if user is not None else None


def _scorecard_data(card) -> dict:
    return {
        "interviewer": _user(card.interviewer),
        "submitted_at": card.submitted_at,
        "recommendation": card.get_recommendation_display(),
        "hard_skills": card.hard_skills,
        "soft_skills": card.soft_skills,
        "skills_evidence_strength": card.get_skills_evidence_strength_display(),
        "enthusiasm": card.get_enthusiasm_display(),
        "enthusiasm_signals": card.enthusiasm_signals,
        "team_fit": card.get_team_fit_display(),
        "observed_behaviour": card.team_fit_behaviour,
        "explore_further": card.explore_further,
        "explore_people": card.explore_people,
        "criteria": [
            {
                "criterion": r.criterion.name,
                "rating": r.get_rating_display(),
                "evidence": r.evidence,
            }
            for r in card.ratings.all()
        ],
    }


def _interview_data(interview) -> dict:
    from debriefs.models import Scorecard

    note = getattr(interview, "thank_you_note", None)
    return {
        "id": interview.pk,
        "stage": interview.stage.name,
        "starts_at": interview.starts_at,
        "ends_at": interview.ends_at,
        "status": interview.get_status_display(),
        "location": interview.location,
        "video_link": interview.video_link,
        "interviewers": [str(u) for u in interview.interviewers.all()],
        "next_steps_promised_by": interview.next_steps_promised_by,
        "next_steps_message": interview.next_steps_message,
        "scorecards": [
            _scorecard_data(card)
            # A draft is the interviewer's own working copy, not yet a record.
            for card in interview.scorecards.all()
            if card.status == Scorecard.Status.SUBMITTED
        ],
        "thank_you_note": None
        if note is None
        else {
            "status": note.get_status_display(),
            "subject": note.subject,
            "body": note.body,
            "sent_at": note.sent_at,
        },
    }


def _application_data(application: Application) -> dict:
    offer = getattr(application, "offer", None)
    return {
        "id": application.pk,
        "requisition": application.requisition.title,
        "stage": application.get_stage_display(),
        "stage_changed_at": application.stage_changed_at,
        "closed_reason": application.closed_reason,
        "created_at": application.created_at,
        "shortlisted_at": application.shortlisted_at,
        "last_candidate_update_at": application.last_candidate_update_at,
        "next_update_promised_by": application.next_update_promised_by,
        "stage_history": [
            {
                "from": change.get_from_stage_display(),
                "to": change.get_to_stage_display(),
                "at": change.created_at,
                "by": _user(change.actor),
                "reason": change.reason,
            }
            for change in application.stage_changes.all()
        ],
        "assessments": [
            {
                "criterion": a.criterion.name,
                "rating": a.get_rating_display(),
                "evidence": a.evidence,
                "by": _user(a.assessed_by),
                "updated_at": a.updated_at,
            }
            for a in application.assessments.all()
        ],
        "shortlist_entries": [
            {
                "shortlist": entry.shortlist.number,
                "submitted_at": entry.shortlist.submitted_at,
                "decision": entry.get_decision_display(),
                "reason": entry.reason,
                "decided_at": entry.decided_at,
                "decided_by": _user(entry.decided_by),
                "messages": [
                    {"author": _user(m.author), "at": m.created_at, "body": m.body}
                    for m in entry.messages.all()
                ],
            }
            for entry in application.shortlist_entries.all()
        ],
        "interviews": [_interview_data(i) for i in application.interviews.all()],
        "debrief_decisions": [
            {
                "stage": d.stage.name if d.stage else None,
                "decision": d.get_decision_display(),
                "rationale": d.rationale,
                "next_stage_focus": d.next_stage_focus,
                "decided_by": _user(d.decided_by),
                "decided_at": d.decided_at,
            }
            for d in application.debrief_decisions.all()
        ],
        "offer": None
        if offer is None
        else {
            "base_salary": offer.base_salary,
            "bonus": offer.bonus,
            "equity": offer.equity,
            "currency": offer.currency,
            "start_date": offer.start_date,
            "approved_at": offer.approved_at,
            "verbal_offer_at": offer.verbal_offer_at,
            "verbal_outcome": offer.get_verbal_outcome_display(),
            "written_sent_at": offer.written_sent_at,
            "expires_on": offer.expires_on,
            "outcome": offer.get_outcome_display(),
            "declined_reason": offer.declined_reason,
            "outcome_at": offer.outcome_at,
            "negotiation_notes": [
                {"author": _user(n.author), "at": n.created_at, "body": n.body}
                for n in offer.negotiation_notes.all()
            ],
        },
        "candidate_updates": [
            {
                "channel": u.get_channel_display(),
                "subject": u.subject,
                "body": u.body,
                "at": u.created_at,
                "by": _user(u.author),
                "next_update_promised_by": u.next_update_promised_by,
            }
            for u in application.candidate_updates.all()
        ],
    }


def candidate_export_data(*, candidate: Candidate) -> dict:
    """Everything held about the candidate, as plain data (the export's candidate.json)."""
    applications = (
        Application.objects.filter(candidate_id=candidate.pk)
        .select_related("requisition", "offer")
        .prefetch_related(
            "stage_changes__actor",
            "assessments__criterion",
            "assessments__assessed_by",
            "shortlist_entries__shortlist",
            "shortlist_entries__decided_by",
            "shortlist_entries__messages__author",
            "interviews__stage",
            "interviews__interviewers",
            "interviews__thank_you_note",
            "interviews__scorecards__interviewer",
            "interviews__scorecards__ratings__criterion",
            "debrief_decisions__stage",
            "debrief_decisions__decided_by",
            "offer__negotiation_notes__author",
            "candidate_updates__author",
        )
        .order_by("created_at", "pk")
    )
    messages = OutboundMessage.objects.filter(recipient_email__iexact=candidate.email).order_by(
        "created_at", "pk"
    )
    return {
        "format": EXPORT_FORMAT_VERSION,
        "exported_at": timezone.now(),
        "candidate": {
            "id": candidate.pk,
            "full_name": candidate.full_name,
            "email": candidate.email,
            "phone": candidate.phone,
            "location": candidate.location,
            "links": [line for line in candidate.links.splitlines() if line.strip()],
            "source": candidate.get_source_display(),
            "tags": [t.name for t in candidate.tags.all()],
            "notes": candidate.notes,
            "resume": _resume_name(candidate) or None,
            "created_at": candidate.created_at,
            "created_by": _user(candidate.created_by),
            "updated_at": candidate.updated_at,
            "erased_at": candidate.erased_at,
        },
        "applications": [_application_data(a) for a in applications],
        "emails": [
            {
                "subject": m.subject,
                "state": m.get_state_display(),
                "created_at": m.created_at,
                "sent_at": m.sent_at,
                "body": m.body_text,
            }
            for m in messages
        ],
    }


def _resume_name(candidate: Candidate) -> str:
    if not candidate.resume:
        return ""
    return f"resume.{EXTENSIONS.get(candidate.resume_content_type, 'bin')}"


def candidate_export(*, candidate: Candidate, actor: User) -> bytes:
    """A zip of candidate.json (everything held about the person) and their résumé. Only
    a recruiter or an admin exports (access.can_export_candidate)."""
    access.require(access.can_export_candidate(actor, candidate))
    data = candidate_export_data(candidate=candidate)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "candidate.json", json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
        )
        if candidate.resume:
            with candidate.resume.open("rb") as resume:
                archive.writestr(_resume_name(candidate), resume.read())
    audit_record(actor=actor, action="candidate.export", target=candidate)
    logger.info("Candidate %s exported by user %s", candidate.pk, actor.pk)
    return buffer.getvalue()
