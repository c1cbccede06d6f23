"""A candidate's data rights: export everything held about them, erase them, and the
retention job that erases candidates nobody has worked with for CANDIDATE_RETENTION_DAYS.

Erasure keeps the aggregate history of the hiring process (applications, their stages and
stage times, shortlist and debrief decisions, offers' outcomes) under a placeholder name, and
removes the person: contact details, documents, everything written about them, and the
emails to their address.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import re
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from candidates.models import (
    Application,
    Assessment,
    Candidate,
    NegotiationNote,
    Offer,
    Shortlist,
    ShortlistEntry,
    ShortlistMessage,
    StageChange,
)
from candidates.resumes import EXTENSIONS
from hiring_hub import access
from hiring_hub.audit import audit_record, audit_scrub
from hiring_hub.models import OutboundMessage

logger = logging.getLogger(__name__)

# What replaces free text written about an erased person.
ERASED_TEXT = "(erased)"
EXPORT_FORMAT_VERSION = 1


def erased_name(candidate_id: int) -> str:
    return f"Erased candidate #{candidate_id}"


def erased_email(candidate_id: int) -> str:
    # .invalid is reserved (RFC 2606): nothing is ever delivered to it.
    return f"erased-{candidate_id}@erased.invalid"


# --- Export ------------------------------------------------------------------------------
def _user(user) -> str | None:
    return str(user) if user is not None else None


def _application_data(application: Application) -> dict:
    from debriefs.models import Scorecard

    offer = getattr(application, "offer", None)
    interviews = []
    for interview in application.interviews.all():
        note = getattr(interview, "thank_you_note", None)
        interviews.append(
            {
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
                    {
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
        )
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
        "interviews": interviews,
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


def candidate_export(*, candidate: Candidate, actor) -> bytes:
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


# --- Erasure -----------------------------------------------------------------------------
def _name_pattern(candidate: Candidate) -> re.Pattern | None:
    """The person's full name, each part of it, and their email, as whole words."""
    terms = {candidate.full_name.strip(), candidate.email.strip()}
    terms |= {part for part in candidate.full_name.split() if len(part) >= 2}
    terms = sorted((t for t in terms if t), key=len, reverse=True)
    if not terms:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, terms)) + r")(?!\w)", re.I)


def _scrub(text: str, pattern: re.Pattern | None, replacement: str) -> str:
    return pattern.sub(replacement, text) if pattern and text else text


def _mentions(pattern_terms: list[str], *fields: str) -> Q:
    q = Q()
    for term in pattern_terms:
        for name in fields:
            q |= Q(**{f"{name}__icontains": term})
    return q


def _scrub_rows(queryset, fields: list[str], pattern, replacement: str) -> int:
    rows = []
    for row in queryset:
        changed = False
        for name in fields:
            before = getattr(row, name)
            after = _scrub(before, pattern, replacement)
            if after != before:
                setattr(row, name, after)
                changed = True
        if changed:
            rows.append(row)
    if rows:
        queryset.model.objects.bulk_update(rows, fields)
    return len(rows)


def _scrub_outbox(candidate: Candidate, pattern, name: str, email: str) -> dict[str, int]:
    """Pending emails to the person are dropped; sent ones keep no address, subject or body;
    any other email (to colleagues) that names them has the name replaced."""
    theirs = OutboundMessage.objects.filter(recipient_email__iexact=candidate.email)
    pending = theirs.filter(state__in=OutboundMessage.State.pending())
    deleted = pending.count()
    pending.delete()
    blanked = theirs.update(
        recipient_email=email,
        subject="",
        body_text="",
        body_html="",
        attachments=[],
        reply_to=[],
        headers={},
        last_error="",
    )
    terms = [t for t in {candidate.full_name.strip(), candidate.email.strip()} if t]
    mentioning = OutboundMessage.objects.filter(
        _mentions(terms, "subject", "body_text", "body_html")
    )
    rewritten = _scrub_rows(mentioning, ["subject", "body_text", "body_html"], pattern, name)
    return {"deleted": deleted, "blanked": blanked, "rewritten": rewritten}


def _anonymise(candidate: Candidate, *, now: dt.datetime) -> dict[str, int]:
    """Erase one (locked) candidate. Decisions keep their outcome and date; whatever was
    written about the person is cleared, or, where it explains a decision, has their name
    replaced."""
    from debriefs.models import (
        CandidateUpdate,
        CriterionRating,
        DebriefDecision,
        Interview,
        Scorecard,
        ScorecardAmendment,
        ThankYouNote,
    )
    from requisitions.models import RequisitionEvent

    pattern = _name_pattern(candidate)
    name, email = erased_name(candidate.pk), erased_email(candidate.pk)
    # The audit trail keeps who decided what and when, not the person's name.
    audit_scrub(terms=[candidate.full_name, candidate.email], pattern=pattern, placeholder=name)
    applications = Application.objects.filter(candidate_id=candidate.pk)
    interviews = Interview.objects.filter(application__in=applications)
    scorecards = Scorecard.objects.filter(interview__in=interviews)

    # Judgements of the person: cleared.
    Assessment.objects.filter(application__in=applications).update(evidence="")
    scorecards.update(
        hard_skills="",
        soft_skills="",
        enthusiasm_signals="",
        team_fit_behaviour="",
        explore_further="",
        explore_people="",
    )
    CriterionRating.objects.filter(scorecard__in=scorecards).update(evidence="")
    ScorecardAmendment.objects.filter(scorecard__in=scorecards).update(reason="", changes={})
    ShortlistMessage.objects.filter(entry__application__in=applications).update(body=ERASED_TEXT)
    NegotiationNote.objects.filter(offer__application__in=applications).update(body=ERASED_TEXT)
    ThankYouNote.objects.filter(interview__in=interviews).update(
        subject=ERASED_TEXT, body=ERASED_TEXT
    )
    CandidateUpdate.objects.filter(application__in=applications).update(
        subject="", body=ERASED_TEXT
    )
    interviews.update(next_steps_message="")
    # Reasons for decisions: kept, without the name.
    _scrub_rows(applications, ["closed_reason"], pattern, name)
    _scrub_rows(StageChange.objects.filter(application__in=applications), ["reason"], pattern, name)
    _scrub_rows(
        ShortlistEntry.objects.filter(application__in=applications), ["reason"], pattern, name
    )
    _scrub_rows(
        DebriefDecision.objects.filter(application__in=applications),
        ["rationale", "next_stage_focus"],
        pattern,
        name,
    )
    _scrub_rows(
        Offer.objects.filter(application__in=applications), ["declined_reason"], pattern, name
    )
    requisitions = applications.values("requisition_id")
    terms = [candidate.full_name.strip()] if candidate.full_name.strip() else []
    if terms:
        _scrub_rows(
            Shortlist.objects.filter(requisition_id__in=requisitions).filter(
                _mentions(terms, "note")
            ),
            ["note"],
            pattern,
            name,
        )
        _scrub_rows(
            RequisitionEvent.objects.filter(requisition_id__in=requisitions).filter(
                _mentions(terms, "message")
            ),
            ["message"],
            pattern,
            name,
        )
    outbox_counts = _scrub_outbox(candidate, pattern, name, email)

    if candidate.resume:
        storage, stored = candidate.resume.storage, candidate.resume.name
        # The file goes once the erasure is committed (a rollback keeps both).
        transaction.on_commit(lambda: storage.delete(stored))
    candidate.tags.clear()
    Candidate.objects.filter(pk=candidate.pk).update(
        full_name=name,
        email=email,
        phone="",
        location="",
        links="",
        notes="",
        resume="",
        resume_content_type="",
        erased_at=now,
        updated_at=now,
    )
    return outbox_counts


@transaction.atomic
def candidate_erase(*, candidate: Candidate, actor) -> Candidate:
    """Erase a person on request: anonymise them, delete their documents and the emails to
    them, keep the aggregate history. Erasing an erased candidate changes nothing. Admins,
    or a recruiter who may edit the candidate once none of their applications is open
    (access.can_erase_candidate)."""
    access.require(access.can_erase_candidate(actor, candidate))
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.erased_at is None:
        _anonymise(candidate, now=timezone.now())
        audit_record(
            actor=actor,
            action="candidate.erase",
            target=Candidate.objects.get(pk=candidate.pk),
            after={"erased_at": timezone.now().isoformat(), "by": "request"},
        )
        logger.info("Candidate %s erased by user %s", candidate.pk, actor.pk)
    candidate.refresh_from_db()
    return candidate


# --- Retention ---------------------------------------------------------------------------
@dataclass
class RetentionReport:
    retention_days: int
    cutoff: dt.datetime | None
    erased_ids: list[int] = field(default_factory=list)

    @property
    def erased(self) -> int:
        return len(self.erased_ids)

    def as_dict(self) -> dict:
        return {
            "retention_days": self.retention_days,
            "cutoff": self.cutoff.isoformat() if self.cutoff else None,
            "erased": self.erased,
            "erased_ids": self.erased_ids,
        }


def retention_due(*, now: dt.datetime, days: int):
    """Candidates not erased, with no open application, whose record and applications have
    not changed for `days` days (the last activity: their own edits, an application added,
    a stage move)."""
    cutoff = now - dt.timedelta(days=days)
    open_application = Application.objects.filter(candidate_id=OuterRef("pk")).exclude(
        stage__in=Application.Stage.closed_values()
    )
    return (
        Candidate.objects.filter(erased_at__isnull=True, updated_at__lt=cutoff)
        .exclude(Exists(open_application))
        .annotate(
            last_application=Max(
                Greatest("applications__stage_changed_at", "applications__created_at")
            )
        )
        .filter(Q(last_application__isnull=True) | Q(last_application__lt=cutoff))
        .annotate(last_activity=Coalesce("last_application", "updated_at"))
        .order_by("updated_at", "pk")
    )


def candidates_retention_erase(
    *, now: dt.datetime | None = None, days: int | None = None, batch: int = 500
) -> RetentionReport:
    """The retention job: erase every candidate due (retention_due), one transaction each,
    so a crash mid-run loses nothing and the next run finishes the rest. With a retention of
    0 days the job is off. A second run finds nothing due and changes nothing."""
    now = now or timezone.now()
    days = settings.CANDIDATE_RETENTION_DAYS if days is None else days
    if days <= 0:
        report = RetentionReport(retention_days=days, cutoff=None)
        logger.info("Candidate retention is off (CANDIDATE_RETENTION_DAYS=0).")
        return report
    report = RetentionReport(retention_days=days, cutoff=now - dt.timedelta(days=days))
    seen: list[int] = []
    while ids := list(
        retention_due(now=now, days=days).exclude(pk__in=seen).values_list("pk", flat=True)[:batch]
    ):
        seen.extend(ids)
        for pk in ids:
            with transaction.atomic():
                candidate = Candidate.objects.select_for_update().filter(pk=pk).first()
                # Re-checked under the lock: an application added meanwhile keeps the person.
                if (
                    candidate is None
                    or not retention_due(now=now, days=days).filter(pk=pk).exists()
                ):
                    continue
                _anonymise(candidate, now=now)
                audit_record(
                    actor=None,
                    action="candidate.erase",
                    target=Candidate.objects.get(pk=pk),
                    after={"erased_at": now.isoformat(), "by": f"retention ({days} days)"},
                )
            report.erased_ids.append(pk)
    logger.info(
        "Candidate retention (%s days, before %s): %s erased %s",
        days,
        report.cutoff.isoformat(),
        report.erased,
        report.erased_ids,
    )
    return report
