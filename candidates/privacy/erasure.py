"""A candidate's right to erasure: the person goes, the aggregate history of the hiring
process stays under a placeholder name."""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q, QuerySet
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
from hiring_hub import access
from hiring_hub.audit import audit_record, audit_scrub
from hiring_hub.models import OutboundMessage

if TYPE_CHECKING:
    from hiring_hub.models import User

logger = logging.getLogger(__name__)

# What replaces free text written about an erased person.
ERASED_TEXT = "(erased)"


def erased_name(candidate_id: int) -> str:
    return f"Erased candidate #{candidate_id}"


def erased_email(candidate_id: int) -> str:
    # .invalid is reserved (RFC 2606): nothing is ever delivered to it.
    return f"erased-{candidate_id}@erased.invalid"


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


def _scrub_rows(
    queryset: QuerySet, fields: list[str], pattern: re.Pattern | None, replacement: str
) -> int:
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


def _scrub_outbox(
    candidate: Candidate, pattern: re.Pattern | None, name: str, email: str
) -> dict[str, int]:
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
    for rows, fields in (
        (applications, ["closed_reason"]),
        (StageChange.objects.filter(application__in=applications), ["reason"]),
        (ShortlistEntry.objects.filter(application__in=applications), ["reason"]),
        (
            DebriefDecision.objects.filter(application__in=applications),
            ["rationale", "next_stage_focus"],
        ),
        (Offer.objects.filter(application__in=applications), ["declined_reason"]),
    ):
        _scrub_rows(rows, fields, pattern, name)
    # Notes on the requisitions the person was on: only the ones that name them.
    requisitions = applications.values("requisition_id")
    terms = [candidate.full_name.strip()] if candidate.full_name.strip() else []
    if terms:
        for rows, field in (
            (Shortlist.objects.filter(requisition_id__in=requisitions), "note"),
            (RequisitionEvent.objects.filter(requisition_id__in=requisitions), "message"),
        ):
            _scrub_rows(rows.filter(_mentions(terms, field)), [field], pattern, name)
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


def erase_locked(candidate: Candidate, *, now: dt.datetime, actor: User | None, by: str) -> None:
    """Anonymise one candidate the caller has locked (select_for_update) and keep in the
    audit trail who or what erased them (`by`: on request, or the retention job)."""
    _anonymise(candidate, now=now)
    audit_record(
        actor=actor,
        action="candidate.erase",
        target=Candidate.objects.get(pk=candidate.pk),
        after={"erased_at": now.isoformat(), "by": by},
    )


@transaction.atomic
def candidate_erase(*, candidate: Candidate, actor: User) -> Candidate:
    """Erase a person on request: anonymise them, delete their documents and the emails to
    them, keep the aggregate history. Erasing an erased candidate changes nothing. Admins,
    or a recruiter who may edit the candidate once none of their applications is open
    (access.can_erase_candidate)."""
    access.require(access.can_erase_candidate(actor, candidate))
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.erased_at is None:
        erase_locked(candidate, now=timezone.now(), actor=actor, by="request")
        logger.info("Candidate %s erased by user %s", candidate.pk, actor.pk)
    candidate.refresh_from_db()
    return candidate
