"""Writes on candidates and applications. Keyword-only, one transaction each."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from candidates import notifications, selectors
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
    Tag,
)
from candidates.resumes import detect_resume_type, resume_storage_name
from hiring_hub import access, outbox
from hiring_hub.audit import audit_fields, audit_record
from requisitions.models import Requisition
from requisitions.selectors import current_signed_version
from requisitions.services import (
    requisition_advance,
    requisition_event_record,
    requisition_require_aligned,
    requisition_require_writable,
)

St = Application.Stage


def _move_error(application: Application, to_stage: str, reason: str) -> str | None:
    current = application.stage
    if to_stage not in St.values:
        return f"Unknown stage {to_stage!r}."
    if to_stage == current:
        return f"The application is already at {St(current).label}."
    if current == St.HIRED:
        return "A hired candidate's application is final."
    if current in (St.REJECTED, St.WITHDRAWN) and to_stage not in (St.SOURCED, St.SCREENING):
        label = St(current).label.lower()
        return f"A {label} application can only be re-opened to Sourced or Screening."
    if to_stage in St.reason_required_values() and not reason.strip():
        return f"Say why the application is {St(to_stage).label.lower()}."
    if to_stage == St.HIRED and current != St.OFFER:
        return "Only an application at the offer stage can be marked hired (accept the offer)."
    if to_stage == St.OFFER and current not in (St.INTERVIEWING, St.MANAGER_REVIEW):
        return "Only an application in interviews or hiring-manager review can move to offer."
    return None


@transaction.atomic
def application_move(
    *, application: Application, to_stage: str, actor, reason: str = ""
) -> Application:
    """Move an application to another pipeline stage and keep the move (who, when, from,
    to, reason). Only the requisition's recruiters move it (access.can_change_pipeline).
    Rejected and withdrawn need a reason; hired only follows an offer; a hired
    application is final."""
    access.require(access.can_change_pipeline(actor, application.requisition))
    return _application_move(application=application, to_stage=to_stage, actor=actor, reason=reason)


def _application_move(
    *, application: Application, to_stage: str, actor, reason: str = ""
) -> Application:
    """The stage move inside a service that has enforced its own access rule already (a
    hiring manager's shortlist answer or debrief decision moves the application too)."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("requisition")
        .get(pk=application.pk)
    )
    error = _move_error(application, to_stage, reason)
    if error:
        raise ValidationError(error)
    # Closing an application still makes sense on a stopped search; moving it on does not.
    if to_stage not in (St.REJECTED, St.WITHDRAWN):
        requisition_require_writable(application.requisition)
    if to_stage in St.manager_visible_values():
        requisition_require_aligned(
            application.requisition, work="Shortlists, interviews and offers"
        )
    from_stage = application.stage
    now = timezone.now()
    application.stage = to_stage
    application.stage_changed_at = now
    application.closed_reason = reason.strip() if to_stage in (St.REJECTED, St.WITHDRAWN) else ""
    if to_stage in St.manager_visible_values() and application.shortlisted_at is None:
        application.shortlisted_at = now
    application.full_clean()
    application.save()
    StageChange.objects.create(
        application=application,
        from_stage=from_stage,
        to_stage=to_stage,
        actor=actor,
        reason=reason.strip(),
    )
    return application


# --- Candidates ------------------------------------------------------------------------
class DuplicateCandidateError(ValidationError):
    """The email already belongs to a candidate: offer that person instead of a duplicate."""

    def __init__(self, existing):
        self.existing = existing
        super().__init__(
            f"{existing.full_name} already has this email address.", code="duplicate_email"
        )


def _find_by_email(email: str, *, exclude_pk: int | None = None):
    qs = Candidate.objects.filter(email__iexact=email.strip())
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.first()


def _tags_from_names(names) -> list[Tag]:
    tags = []
    for raw in names:
        name = " ".join(raw.split())[:50]
        if not name:
            continue
        tag = Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(name=name)
        if tag not in tags:
            tags.append(tag)
    return tags


def _attach_resume(candidate: Candidate, resume) -> None:
    mime = detect_resume_type(resume)
    old_name = candidate.resume.name if candidate.resume else ""
    candidate.resume_content_type = mime
    candidate.resume.save(resume_storage_name(mime), resume, save=False)
    if old_name:
        storage = candidate.resume.storage
        transaction.on_commit(lambda: storage.delete(old_name))


CANDIDATE_FIELDS = ("full_name", "email", "phone", "location", "links", "source", "notes")


@transaction.atomic
def candidate_create(
    *,
    actor,
    full_name: str,
    email: str,
    phone: str = "",
    location: str = "",
    links: str = "",
    source: str = Candidate.Source.SOURCED,
    notes: str = "",
    tags: list[str] | None = None,
    resume=None,
) -> Candidate:
    """Add a person. One candidate per email address, whatever its case: an existing email
    raises DuplicateCandidateError carrying the existing candidate. A résumé must be a
    PDF, DOCX, ODT or plain-text file of at most 10 MB, judged by its content."""
    access.require(access.can_manage_candidates(actor))
    email = email.strip()
    existing = _find_by_email(email)
    if existing:
        raise DuplicateCandidateError(existing)
    candidate = Candidate(
        full_name=full_name.strip(),
        email=email,
        phone=phone.strip(),
        location=location.strip(),
        links=links.strip(),
        source=source,
        notes=notes.strip(),
        created_by=actor,
    )
    candidate.full_clean(exclude=["resume"])
    candidate.save()
    if resume:
        _attach_resume(candidate, resume)
        candidate.save(update_fields=["resume", "resume_content_type"])
    candidate.tags.set(_tags_from_names(tags or []))
    return candidate


@transaction.atomic
def candidate_update(*, candidate: Candidate, actor, resume=None, tags=None, **fields) -> Candidate:
    """Edit a person's details. The email stays unique (case-insensitive) and the same
    résumé rules as on creation apply; a new résumé replaces the old file. Only a recruiter
    who may change one of the candidate's pipelines edits them (access.can_edit_candidate).
    An erased candidate is not edited."""
    access.require(access.can_edit_candidate(actor, candidate))
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.erased_at is not None:
        # An erased person stays erased: the retention job never looks at them again.
        raise ValidationError("This candidate's personal data was erased; it cannot be edited.")
    for name, value in fields.items():
        if name not in CANDIDATE_FIELDS:
            raise TypeError(f"candidate_update() got an unexpected field {name!r}")
        setattr(candidate, name, value.strip() if isinstance(value, str) else value)
    existing = _find_by_email(candidate.email, exclude_pk=candidate.pk)
    if existing:
        raise DuplicateCandidateError(existing)
    candidate.full_clean(exclude=["resume"])
    if resume:
        _attach_resume(candidate, resume)
    candidate.save()
    if tags is not None:
        candidate.tags.set(_tags_from_names(tags))
    return candidate


# --- Applications ------------------------------------------------------------------------
@transaction.atomic
def application_create(*, candidate: Candidate, requisition, actor) -> Application:
    """Put a candidate on a requisition's pipeline (at Sourced), once per requisition,
    by its recruiters (access.can_change_pipeline), and not on a read-only (filled, cancelled,
    on-hold) requisition. Sourcing may start before alignment; the first candidate on an
    aligned requisition moves it to sourcing."""
    access.require(access.can_change_pipeline(actor, requisition))
    if requisition.is_read_only:
        raise ValidationError(
            f"{requisition.title} is {requisition.get_status_display().lower()}: "
            "it takes no new candidates."
        )
    if Application.objects.filter(candidate=candidate, requisition=requisition).exists():
        raise ValidationError(f"{candidate.full_name} is already on {requisition.title}.")
    application = Application(
        candidate=candidate, requisition=requisition, stage=St.SOURCED, created_by=actor
    )
    application.full_clean()
    application.save()
    StageChange.objects.create(
        application=application, from_stage="", to_stage=St.SOURCED, actor=actor, reason="Added"
    )
    requisition_advance(
        requisition=requisition,
        to_status=Requisition.Status.SOURCING,
        actor=actor,
        reason=f"{candidate.full_name} added to the pipeline",
    )
    return application


def application_bulk_move(
    *, applications, to_stage: str, actor, reason: str = ""
) -> tuple[list[Application], dict[Application, str]]:
    """Move several applications at once; each move follows application_move's rules and
    one refused move does not undo the others. Returns (moved, {refused: why}). An actor
    who may not change one of the pipelines moves none of them."""
    applications = list(applications)
    for application in applications:
        access.require(access.can_change_pipeline(actor, application.requisition))
    moved, refused = [], {}
    for application in applications:
        try:
            moved.append(
                application_move(
                    application=application, to_stage=to_stage, actor=actor, reason=reason
                )
            )
        except ValidationError as exc:
            refused[application] = " ".join(exc.messages)
    return moved, refused


# --- Assessment ------------------------------------------------------------------------
@transaction.atomic
def assessment_save(*, application: Application, actor, ratings: dict) -> list[Assessment]:
    """Rate an application against each criterion of the requisition's current signed
    criteria version: {criterion_id: (rating, evidence)}. Criteria of other versions are
    refused; there is nothing to assess against before sign-off. The requisition's
    recruiters assess (access.can_change_pipeline)."""
    access.require(access.can_change_pipeline(actor, application.requisition))
    version = current_signed_version(application.requisition)
    if version is None:
        raise ValidationError(
            "The criteria are not signed off yet: there is nothing to assess against."
        )
    criteria = {c.pk: c for c in version.criteria.all()}
    saved = []
    for criterion_id, (rating, evidence) in ratings.items():
        criterion = criteria.get(int(criterion_id))
        if criterion is None:
            raise ValidationError("That criterion is not part of the signed-off criteria.")
        if rating not in Assessment.Rating.values:
            raise ValidationError(f"Unknown rating {rating!r}.")
        assessment = Assessment.objects.filter(
            application=application, criterion=criterion
        ).first() or Assessment(application=application, criterion=criterion)
        assessment.criteria_version = version
        assessment.rating = rating
        assessment.evidence = (evidence or "").strip()
        assessment.assessed_by = actor
        assessment.full_clean()
        assessment.save()
        saved.append(assessment)
    return saved


# --- Shortlists --------------------------------------------------------------------------
SHORTLISTABLE = (St.SOURCED, St.SCREENING, St.SHORTLISTED)


@transaction.atomic
def shortlist_submit(
    *, requisition, applications, note: str, actor, unassessed_reason: str = ""
) -> Shortlist:
    """Send a set of the requisition's applications to the hiring manager with a note.
    Needs signed-off criteria (the review is against them); each application must be on
    this requisition and not yet past the shortlist. A candidate nobody assessed goes only
    with the recruiter's reason, kept on the entry and shown to the manager. They move to
    hiring-manager review and the manager is emailed."""
    from requisitions.models import Requisition

    requisition = Requisition.objects.select_for_update().get(pk=requisition.pk)
    access.require(access.can_change_pipeline(actor, requisition))
    applications = list(applications)
    if not applications:
        raise ValidationError("Choose at least one candidate for the shortlist.")
    requisition_require_aligned(requisition, work="Shortlists")
    version = current_signed_version(requisition)
    if version is None:
        raise ValidationError("The hiring manager has not signed off the criteria yet.")
    for application in applications:
        if application.requisition_id != requisition.pk:
            raise ValidationError(f"{application.candidate} is not on {requisition.title}.")
        if application.stage not in SHORTLISTABLE:
            raise ValidationError(
                f"{application.candidate} is at {application.get_stage_display()}: "
                "only sourced, screening or shortlisted candidates can be sent."
            )
    unassessed = selectors.unassessed_pks(applications, version)
    unassessed_reason = unassessed_reason.strip()
    if unassessed and not unassessed_reason:
        names = ", ".join(a.candidate.full_name for a in applications if a.pk in unassessed)
        raise ValidationError(
            {
                "unassessed_reason": (
                    f"Nobody has assessed {names} against the criteria yet: assess "
                    "them first, or say here why they go to the hiring manager without it."
                )
            }
        )
    number = (requisition.shortlists.aggregate(n=Max("number"))["n"] or 0) + 1
    shortlist = Shortlist(
        requisition=requisition,
        criteria_version=version,
        number=number,
        note=note.strip(),
        submitted_by=actor,
        submitted_at=timezone.now(),
    )
    shortlist.full_clean()
    shortlist.save()
    for application in applications:
        ShortlistEntry.objects.create(
            shortlist=shortlist,
            application=application,
            unassessed_reason=unassessed_reason if application.pk in unassessed else "",
        )
        _application_move(
            application=application,
            to_stage=St.MANAGER_REVIEW,
            actor=actor,
            reason=f"Sent to {requisition.hiring_manager} in shortlist {number}",
        )
    requisition_event_record(
        requisition=requisition,
        actor=actor,
        kind="shortlist",
        message=f"Shortlist {number} sent with {len(applications)} candidate(s)",
        data={"shortlist": shortlist.pk},
    )
    manager = requisition.hiring_manager
    outbox.message_enqueue(
        kind=notifications.SHORTLIST_SUBMITTED,
        to=manager,
        about=f"shortlist:{shortlist.pk}",
        subject=f"Shortlist {number} for {requisition.title} is ready for your review",
        template="shortlist_submitted",
        context={
            "shortlist": shortlist,
            "requisition": requisition,
            "manager": manager,
            "recruiter": actor,
            "count": len(applications),
            "url": outbox.absolute_url("candidates:shortlist_review_next", pk=shortlist.pk),
        },
        reply_to=[actor.email],
    )
    return shortlist


FINAL_DECISIONS = (ShortlistEntry.Decision.ADVANCE, ShortlistEntry.Decision.DECLINE)


SHORTLIST_DECISION_FIELDS = ("decision", "reason", "decided_at", "decided_by")


@transaction.atomic
def shortlist_entry_decide(
    *, entry: ShortlistEntry, actor, decision: str, reason: str = "", criteria=()
) -> ShortlistEntry:
    """The hiring manager's answer on one shortlisted candidate: advance (to interviews),
    decline (rejected) or need more information (a question to the recruiter). A decline
    must name a criterion or give a comment; a question needs its text. Criteria must be
    from the criteria version the shortlist was judged against. Advance and decline are
    final; a 'need more information' can be followed by either."""
    D = ShortlistEntry.Decision
    entry = (
        ShortlistEntry.objects.select_for_update(of=("self",))
        .select_related("shortlist__requisition")
        .get(pk=entry.pk)
    )
    access.require(access.can_review_shortlist(actor, entry.shortlist))
    reason = reason.strip()
    criteria = list(criteria)
    if decision not in (D.ADVANCE, D.DECLINE, D.NEED_INFO):
        raise ValidationError("Choose advance, decline or need more information.")
    if entry.decision in FINAL_DECISIONS:
        raise ValidationError(
            f"This candidate was already answered ({entry.get_decision_display().lower()})."
        )
    if any(c.version_id != entry.shortlist.criteria_version_id for c in criteria):
        raise ValidationError("Name criteria from the signed-off criteria of this shortlist.")
    if decision == D.DECLINE and not reason and not criteria:
        raise ValidationError(
            "Say why you decline: name the criteria the candidate falls short on, or comment."
        )
    if decision == D.NEED_INFO and not reason:
        raise ValidationError("Write what you need to know about this candidate.")
    now = timezone.now()
    before = audit_fields(entry, SHORTLIST_DECISION_FIELDS)
    entry.decision = decision
    entry.reason = reason
    entry.decided_at = now
    entry.decided_by = actor
    entry.full_clean()
    entry.save()
    entry.criteria.set(criteria)
    application = entry.application
    names = ", ".join(c.name for c in criteria)
    why = "; ".join(p for p in (names and f"criteria: {names}", reason) if p)
    if decision == D.ADVANCE:
        _application_move(
            application=application,
            to_stage=St.INTERVIEWING,
            actor=actor,
            reason=f"Advanced by the hiring manager{': ' + why if why else ''}",
        )
    elif decision == D.DECLINE:
        _application_move(
            application=application,
            to_stage=St.REJECTED,
            actor=actor,
            reason=f"Declined by the hiring manager: {why}",
        )
    else:
        ShortlistMessage.objects.create(entry=entry, author=actor, body=reason)
    after = audit_fields(entry, SHORTLIST_DECISION_FIELDS) | {
        "criteria": [c.name for c in criteria]
    }
    audit_record(actor=actor, action="shortlist.decide", target=entry, before=before, after=after)
    shortlist = entry.shortlist
    if not shortlist.entries.exclude(decision__in=FINAL_DECISIONS).exists():
        shortlist.completed_at = now
        shortlist.save(update_fields=["completed_at"])
    recruiter = shortlist.submitted_by or shortlist.requisition.recruiter
    subject = f"{actor}: {entry.get_decision_display().lower()} on {application.candidate}"
    if recruiter and recruiter.pk != actor.pk:
        outbox.message_enqueue(
            kind=notifications.SHORTLIST_ANSWERED,
            to=recruiter,
            about=f"shortlist:{shortlist.pk}",
            subject=subject,
            template="shortlist_answered",
            context={
                "entry": entry,
                "application": application,
                "manager": actor,
                "why": why,
                "url": outbox.absolute_url("candidates:shortlist_detail", pk=shortlist.pk),
            },
            reply_to=[actor.email],
        )
    return entry


@transaction.atomic
def shortlist_message_post(*, entry: ShortlistEntry, actor, body: str) -> ShortlistMessage:
    """Continue the 'need more information' conversation on one candidate until the
    manager decides. Messages are only possible while the question is open."""
    entry = (
        ShortlistEntry.objects.select_for_update(of=("self",))
        .select_related("shortlist__requisition")
        .get(pk=entry.pk)
    )
    access.require(access.can_discuss_shortlist(actor, entry.shortlist))
    body = body.strip()
    if not body:
        raise ValidationError("Write a message.")
    if entry.decision != ShortlistEntry.Decision.NEED_INFO:
        raise ValidationError("There is no open question on this candidate.")
    message = ShortlistMessage(entry=entry, author=actor, body=body)
    message.full_clean()
    message.save()
    requisition = entry.shortlist.requisition
    other = requisition.hiring_manager if actor.pk != requisition.hiring_manager_id else None
    other = other or entry.shortlist.submitted_by or requisition.recruiter
    is_manager = other.pk == requisition.hiring_manager_id
    url_name = "candidates:shortlist_review" if is_manager else "candidates:shortlist_detail"
    outbox.message_enqueue(
        kind=notifications.SHORTLIST_MESSAGE,
        to=other,
        about=f"shortlist:{entry.shortlist_id}",
        subject=f"{actor} on {entry.application.candidate}",
        template="shortlist_message",
        context={
            "message": message,
            "entry": entry,
            "url": outbox.absolute_url(url_name, pk=entry.shortlist_id),
        },
        reply_to=[actor.email],
    )
    return message


# --- Offers ------------------------------------------------------------------------------
OFFER_TERMS = ("base_salary", "bonus", "equity", "currency", "start_date")
OFFER_APPROVAL = ("approved_at", "approved_by")


def _offer_for_update(offer: Offer, actor) -> Offer:
    """Lock the offer and enforce the offer rule: the requisition's recruiters run it
    (access.can_change_pipeline)."""
    offer = (
        Offer.objects.select_for_update(of=("self",))
        .select_related("application__requisition", "application__candidate")
        .get(pk=offer.pk)
    )
    access.require(access.can_change_pipeline(actor, offer.application.requisition))
    return offer


VERBAL = ("verbal_offer_at", "verbal_outcome")
WRITTEN = ("written_sent_at", "expires_on")
OUTCOME = ("outcome", "outcome_at", "declined_reason")


def _audit_offer(offer: Offer, actor, action: str, fields, *, before: dict, extra=()) -> None:
    """Audit one step of an offer: the fields it changed, before and after, plus the
    `extra` fields it was taken on (the terms an approval approves)."""
    after = audit_fields(offer, (*fields, *extra))
    audit_record(actor=actor, action=action, target=offer, before=before, after=after)


def _require_open(offer: Offer) -> None:
    if offer.outcome != Offer.Outcome.OPEN:
        raise ValidationError(f"The offer is already {offer.get_outcome_display().lower()}.")


@transaction.atomic
def offer_create(*, application: Application, actor, **terms) -> Offer:
    """Draft the offer for an application in interviews or at the offer stage (it moves to
    Offer). One offer per application; the hiring manager approves it before anything is
    said to the candidate."""
    access.require(access.can_change_pipeline(actor, application.requisition))
    requisition = Requisition.objects.get(pk=application.requisition_id)
    requisition_require_aligned(requisition, work="Offers")
    if Offer.objects.filter(application=application).exists():
        raise ValidationError("This application already has an offer.")
    if application.stage != St.OFFER:
        application = _application_move(
            application=application, to_stage=St.OFFER, actor=actor, reason="Offer drafted"
        )
    offer = Offer(application=application, created_by=actor, **_terms(terms))
    offer.full_clean()
    offer.save()
    audit_record(
        actor=actor, action="offer.create", target=offer, after=audit_fields(offer, OFFER_TERMS)
    )
    return offer


def _terms(terms: dict) -> dict:
    unknown = set(terms) - set(OFFER_TERMS)
    if unknown:
        raise TypeError(f"Unknown offer terms: {', '.join(sorted(unknown))}")
    if "currency" in terms:
        terms["currency"] = (terms["currency"] or "").strip().upper()
    return terms


@transaction.atomic
def offer_update(*, offer: Offer, actor, **terms) -> Offer:
    """Change the proposed terms. Only before the verbal offer; changed terms need the
    hiring manager's approval again."""
    offer = _offer_for_update(offer, actor)
    _require_open(offer)
    requisition_require_writable(offer.application.requisition)
    if offer.verbal_offer_at:
        raise ValidationError(
            "The verbal offer was made: record changes in the negotiation log instead."
        )
    before = audit_fields(offer, OFFER_TERMS + OFFER_APPROVAL)
    changed = False
    for name, value in _terms(terms).items():
        if getattr(offer, name) != value:
            setattr(offer, name, value)
            changed = True
    if changed:
        offer.approved_at = None
        offer.approved_by = None
    offer.full_clean()
    offer.save()
    if changed:
        after = audit_fields(offer, OFFER_TERMS + OFFER_APPROVAL)
        audit_record(
            actor=actor, action="offer.update_terms", target=offer, before=before, after=after
        )
    return offer


@transaction.atomic
def offer_approve(*, offer: Offer, actor) -> Offer:
    """The hiring manager approves the proposed terms (access.can_approve_offer)."""
    offer = (
        Offer.objects.select_for_update(of=("self",))
        .select_related("application__requisition")
        .get(pk=offer.pk)
    )
    access.require(access.can_approve_offer(actor, offer))
    _require_open(offer)
    requisition_require_writable(offer.application.requisition)
    if offer.approved_at:
        raise ValidationError("The offer is already approved.")
    before = audit_fields(offer, OFFER_APPROVAL)
    offer.approved_at = timezone.now()
    offer.approved_by = actor
    offer.full_clean()
    offer.save()
    _audit_offer(offer, actor, "offer.approve", OFFER_APPROVAL, before=before, extra=OFFER_TERMS)
    return offer


@transaction.atomic
def offer_verbal_record(*, offer: Offer, actor, made_at, outcome: str) -> Offer:
    """The recruiter records the verbal offer (when, and how it was received). It needs
    the manager's approval first; the written offer follows it."""
    offer = _offer_for_update(offer, actor)
    _require_open(offer)
    requisition_require_writable(offer.application.requisition)
    if not offer.approved_at:
        raise ValidationError("The hiring manager has not approved the offer yet.")
    if offer.written_sent_at and made_at > offer.written_sent_at:
        raise ValidationError("The verbal offer comes before the written one.")
    if outcome not in Offer.VerbalOutcome.values:
        raise ValidationError(f"Unknown outcome {outcome!r}.")
    before = audit_fields(offer, VERBAL)
    offer.verbal_offer_at = made_at
    offer.verbal_outcome = outcome
    offer.full_clean()
    offer.save()
    requisition_advance(
        requisition=offer.application.requisition,
        to_status=Requisition.Status.OFFER,
        actor=actor,
        reason=f"verbal offer made to {offer.application.candidate}",
    )
    _audit_offer(offer, actor, "offer.verbal", VERBAL, before=before)
    return offer


@transaction.atomic
def offer_written_send(*, offer: Offer, actor, sent_at, expires_on=None) -> Offer:
    """Record the written offer. Refused before the verbal offer (also a database
    constraint), and after a negative verbal answer."""
    offer = _offer_for_update(offer, actor)
    _require_open(offer)
    requisition_require_writable(offer.application.requisition)
    if not offer.verbal_offer_at:
        raise ValidationError("Make the offer verbally before sending the written offer.")
    if offer.verbal_outcome == Offer.VerbalOutcome.NEGATIVE:
        raise ValidationError("The verbal offer was turned down: negotiate before writing.")
    if sent_at < offer.verbal_offer_at:
        raise ValidationError("The written offer cannot be sent before the verbal offer.")
    if expires_on and expires_on < timezone.localdate(sent_at):
        raise ValidationError("The offer cannot expire before it is sent.")
    before = audit_fields(offer, WRITTEN)
    offer.written_sent_at = sent_at
    offer.expires_on = expires_on
    offer.full_clean()
    offer.save()
    _audit_offer(offer, actor, "offer.written", WRITTEN, before=before)
    return offer


@transaction.atomic
def offer_negotiation_note_add(*, offer: Offer, actor, body: str) -> NegotiationNote:
    """The recruiter leads the negotiation and keeps its log."""
    offer = _offer_for_update(offer, actor)
    body = body.strip()
    if not body:
        raise ValidationError("Write the note.")
    note = NegotiationNote(offer=offer, author=actor, body=body)
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def offer_accept(*, offer: Offer, actor) -> Offer:
    """The candidate accepted the written offer: the application is hired, and once the
    hires reach the headcount the requisition is filled (stepping through interviewing
    and offer as the status machine requires). The hiring team is told, to celebrate."""
    offer = _offer_for_update(offer, actor)
    # Hires are counted against the headcount below: lock the requisition first, so two
    # acceptances at once are counted one after the other (requisition before application,
    # the order shortlist_submit locks them in too).
    requisition = Requisition.objects.select_for_update().get(pk=offer.application.requisition_id)
    _require_open(offer)
    if not offer.written_sent_at:
        raise ValidationError("Send the written offer before recording its acceptance.")
    before = audit_fields(offer, OUTCOME)
    offer.outcome = Offer.Outcome.ACCEPTED
    offer.outcome_at = timezone.now()
    offer.full_clean()
    offer.save()
    _audit_offer(offer, actor, "offer.accept", OUTCOME, before=before)
    application = _application_move(
        application=offer.application, to_stage=St.HIRED, actor=actor, reason="Offer accepted"
    )
    hires = requisition.applications.filter(stage=St.HIRED).count()
    filled = False
    if hires >= requisition.headcount:
        requisition = requisition_advance(
            requisition=requisition,
            to_status=Requisition.Status.FILLED,
            actor=actor,
            reason=f"{application.candidate} accepted the offer",
        )
        filled = requisition.status == requisition.Status.FILLED
    team = {requisition.recruiter, requisition.hiring_manager, *requisition.hiring_team.all()}
    for person in sorted(team, key=lambda user: user.email):
        outbox.message_enqueue(
            kind=notifications.OFFER_ACCEPTED,
            to=person,
            about=f"offer:{offer.pk}",
            subject=f"{application.candidate} accepted: welcome to {requisition.title}!",
            template="offer_accepted",
            context={
                "application": application,
                "offer": offer,
                "requisition": requisition,
                "filled": filled,
                "hires": hires,
                "url": outbox.absolute_url("candidates:application_detail", pk=application.pk),
            },
        )
    return offer


@transaction.atomic
def offer_decline(*, offer: Offer, actor, reason: str) -> Offer:
    """The candidate declined the offer: the reason is required and kept, and the
    application is closed as withdrawn with that reason."""
    offer = _offer_for_update(offer, actor)
    _require_open(offer)
    reason = reason.strip()
    if not reason:
        raise ValidationError("Say why the candidate declined.")
    before = audit_fields(offer, OUTCOME)
    offer.outcome = Offer.Outcome.DECLINED
    offer.declined_reason = reason
    offer.outcome_at = timezone.now()
    offer.full_clean()
    offer.save()
    _audit_offer(offer, actor, "offer.decline", OUTCOME, before=before)
    _application_move(
        application=offer.application,
        to_stage=St.WITHDRAWN,
        actor=actor,
        reason=f"Declined the offer: {reason}",
    )
    return offer


def application_follow_up_record(
    *,
    application_id: int,
    updated_at: dt.datetime | None = None,
    promised_by: dt.date | None = None,
) -> None:
    """Keep the candidate follow-up promise on the application: when the candidate last
    heard from us and by when we promised the next update. Only given values change."""
    values: dict = {}
    if updated_at is not None:
        values["last_candidate_update_at"] = updated_at
    if promised_by is not None:
        values["next_update_promised_by"] = promised_by
    if values:
        Application.objects.filter(pk=application_id).update(**values)
