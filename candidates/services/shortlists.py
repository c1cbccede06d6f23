"""Shortlists: the recruiter sends candidates to the hiring manager, who answers each one."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from candidates import notifications, selectors
from candidates.models import Application, Shortlist, ShortlistEntry, ShortlistMessage
from candidates.services.applications import _application_move
from hiring_hub import access, outbox
from hiring_hub.audit import audit_fields, audit_record
from requisitions.models import Criterion, Requisition, RequisitionEvent
from requisitions.selectors import current_signed_version
from requisitions.services import requisition_event_record, requisition_require_aligned

if TYPE_CHECKING:
    from hiring_hub.models import User

St = Application.Stage
D = ShortlistEntry.Decision
# Kept for the send step's page; the rule is Application.Stage.shortlistable_values().
SHORTLIST_DECISION_FIELDS = ("decision", "reason", "decided_at", "decided_by")


@transaction.atomic
def shortlist_submit(
    *,
    requisition: Requisition,
    applications: Iterable[Application],
    note: str,
    actor: User,
    unassessed_reason: str = "",
) -> Shortlist:
    """Send a set of the requisition's applications to the hiring manager with a note.
    Needs signed-off criteria (the review is against them); each application must be on
    this requisition and not yet past the shortlist. A candidate nobody assessed goes only
    with the recruiter's reason, kept on the entry and shown to the manager. They move to
    hiring-manager review and the manager is emailed."""
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
        if application.stage not in St.shortlistable_values():
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
        kind=RequisitionEvent.Kind.SHORTLIST,
        message=f"Shortlist {number} sent with {len(applications)} candidate(s)",
        data={"shortlist": shortlist.pk},
    )
    manager = requisition.hiring_manager
    _email(
        notifications.SHORTLIST_SUBMITTED,
        shortlist_id=shortlist.pk,
        to=manager,
        replies_to=actor,
        subject=f"Shortlist {number} for {requisition.title} is ready for your review",
        page="candidates:shortlist_review_next",
        context={
            "shortlist": shortlist,
            "requisition": requisition,
            "manager": manager,
            "recruiter": actor,
            "count": len(applications),
        },
    )
    return shortlist


@transaction.atomic
def shortlist_entry_decide(
    *,
    entry: ShortlistEntry,
    actor: User,
    decision: str,
    reason: str = "",
    criteria: Iterable[Criterion] = (),
) -> ShortlistEntry:
    """The hiring manager's answer on one shortlisted candidate: advance (to interviews),
    decline (rejected) or need more information (a question to the recruiter). A decline
    must name a criterion or give a comment; a question needs its text. Criteria must be
    from the criteria version the shortlist was judged against. Advance and decline are
    final; a 'need more information' can be followed by either."""
    entry = (
        ShortlistEntry.objects.select_for_update(of=("self",))
        .select_related("shortlist__requisition")
        .get(pk=entry.pk)
    )
    access.require(access.can_review_shortlist(actor, entry.shortlist))
    reason = reason.strip()
    criteria = list(criteria)
    error = _decision_error(entry, decision, reason, criteria)
    if error:
        raise ValidationError(error)
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
    if not shortlist.entries.exclude(decision__in=D.final_values()).exists():
        shortlist.completed_at = now
        shortlist.save(update_fields=["completed_at"])
    _tell_recruiter_of_answer(entry, actor, why)
    return entry


def _decision_error(
    entry: ShortlistEntry, decision: str, reason: str, criteria: list[Criterion]
) -> str | None:
    if decision not in D.answer_values():
        return "Choose advance, decline or need more information."
    if entry.decision in D.final_values():
        return f"This candidate was already answered ({entry.get_decision_display().lower()})."
    if any(c.version_id != entry.shortlist.criteria_version_id for c in criteria):
        return "Name criteria from the signed-off criteria of this shortlist."
    if decision == D.DECLINE and not reason and not criteria:
        return "Say why you decline: name the criteria the candidate falls short on, or comment."
    if decision == D.NEED_INFO and not reason:
        return "Write what you need to know about this candidate."
    return None


def _tell_recruiter_of_answer(entry: ShortlistEntry, manager: User, why: str) -> None:
    shortlist = entry.shortlist
    recruiter = shortlist.submitted_by or shortlist.requisition.recruiter
    if not recruiter or recruiter.pk == manager.pk:
        return
    application = entry.application
    _email(
        notifications.SHORTLIST_ANSWERED,
        shortlist_id=shortlist.pk,
        to=recruiter,
        replies_to=manager,
        subject=f"{manager}: {entry.get_decision_display().lower()} on {application.candidate}",
        page="candidates:shortlist_detail",
        context={"entry": entry, "application": application, "manager": manager, "why": why},
    )


@transaction.atomic
def shortlist_message_post(*, entry: ShortlistEntry, actor: User, body: str) -> ShortlistMessage:
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
    if entry.decision != D.NEED_INFO:
        raise ValidationError("There is no open question on this candidate.")
    message = ShortlistMessage(entry=entry, author=actor, body=body)
    message.full_clean()
    message.save()
    requisition = entry.shortlist.requisition
    other = requisition.hiring_manager if actor.pk != requisition.hiring_manager_id else None
    other = other or entry.shortlist.submitted_by or requisition.recruiter
    is_manager = other.pk == requisition.hiring_manager_id
    url_name = "candidates:shortlist_review" if is_manager else "candidates:shortlist_detail"
    _email(
        notifications.SHORTLIST_MESSAGE,
        shortlist_id=entry.shortlist_id,
        to=other,
        replies_to=actor,
        subject=f"{actor} on {entry.application.candidate}",
        page=url_name,
        context={"message": message, "entry": entry},
    )
    return message


def _email(
    kind: str,
    *,
    shortlist_id: int,
    to: User,
    replies_to: User,
    subject: str,
    page: str,
    context: dict,
) -> None:
    """An email about a shortlist from one person to another: threaded by shortlist, replies
    go to `replies_to`, its link opens `page` of the shortlist. The kind names the template."""
    outbox.message_enqueue(
        kind=kind,
        to=to,
        about=f"shortlist:{shortlist_id}",
        subject=subject,
        template=kind,
        context={**context, "url": outbox.absolute_url(page, pk=shortlist_id)},
        reply_to=[replies_to.email],
    )
