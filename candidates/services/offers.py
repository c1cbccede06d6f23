"""Offers: drafted and approved, made verbally then in writing, accepted or declined."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from candidates import notifications
from candidates.models import Application, NegotiationNote, Offer
from candidates.services.applications import _application_move
from hiring_hub import access, outbox
from hiring_hub.audit import audit_fields, audit_record
from requisitions.models import Requisition
from requisitions.services import (
    requisition_advance,
    requisition_require_aligned,
    requisition_require_writable,
)

if TYPE_CHECKING:
    from hiring_hub.models import User

St = Application.Stage
OFFER_TERMS = ("base_salary", "bonus", "equity", "currency", "start_date")
OFFER_APPROVAL = ("approved_at", "approved_by")
VERBAL = ("verbal_offer_at", "verbal_outcome")
WRITTEN = ("written_sent_at", "expires_on")
OUTCOME = ("outcome", "outcome_at", "declined_reason")
# An offer's terms as the services take them (keywords named in OFFER_TERMS).
Term = Decimal | int | str | dt.date | None


def _offer_for_update(offer: Offer, actor: User) -> Offer:
    """Lock the offer and enforce the offer rule: the requisition's recruiters run it
    (access.can_change_pipeline)."""
    offer = (
        Offer.objects.select_for_update(of=("self",))
        .select_related("application__requisition", "application__candidate")
        .get(pk=offer.pk)
    )
    access.require(access.can_change_pipeline(actor, offer.application.requisition))
    return offer


def _audit_offer(
    offer: Offer,
    actor: User,
    action: str,
    fields: Iterable[str],
    *,
    before: dict,
    extra: Iterable[str] = (),
) -> None:
    """Audit one step of an offer: the fields it changed, before and after, plus the
    `extra` fields it was taken on (the terms an approval approves)."""
    after = audit_fields(offer, (*fields, *extra))
    audit_record(actor=actor, action=action, target=offer, before=before, after=after)


def _settle(
    offer: Offer, actor: User, outcome: str, *, action: str, declined_reason: str = ""
) -> None:
    """Keep the candidate's final answer on the offer, and audit it."""
    before = audit_fields(offer, OUTCOME)
    offer.outcome = outcome
    offer.declined_reason = declined_reason
    offer.outcome_at = timezone.now()
    offer.full_clean()
    offer.save()
    _audit_offer(offer, actor, action, OUTCOME, before=before)


def _require_open(offer: Offer) -> None:
    if offer.outcome != Offer.Outcome.OPEN:
        raise ValidationError(f"The offer is already {offer.get_outcome_display().lower()}.")


@transaction.atomic
def offer_create(*, application: Application, actor: User, **terms: Term) -> Offer:
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


def _terms(terms: dict[str, Term]) -> dict[str, Term]:
    unknown = set(terms) - set(OFFER_TERMS)
    if unknown:
        raise TypeError(f"Unknown offer terms: {', '.join(sorted(unknown))}")
    if "currency" in terms:
        terms["currency"] = (terms["currency"] or "").strip().upper()
    return terms


@transaction.atomic
def offer_update(*, offer: Offer, actor: User, **terms: Term) -> Offer:
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
def offer_approve(*, offer: Offer, actor: User) -> Offer:
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
def offer_verbal_record(*, offer: Offer, actor: User, made_at: dt.datetime, outcome: str) -> Offer:
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
def offer_written_send(
    *, offer: Offer, actor: User, sent_at: dt.datetime, expires_on: dt.date | None = None
) -> Offer:
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
def offer_negotiation_note_add(*, offer: Offer, actor: User, body: str) -> NegotiationNote:
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
def offer_accept(*, offer: Offer, actor: User) -> Offer:
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
    _settle(offer, actor, Offer.Outcome.ACCEPTED, action="offer.accept")
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
def offer_decline(*, offer: Offer, actor: User, reason: str) -> Offer:
    """The candidate declined the offer: the reason is required and kept, and the
    application is closed as withdrawn with that reason."""
    offer = _offer_for_update(offer, actor)
    _require_open(offer)
    reason = reason.strip()
    if not reason:
        raise ValidationError("Say why the candidate declined.")
    _settle(offer, actor, Offer.Outcome.DECLINED, action="offer.decline", declined_reason=reason)
    _application_move(
        application=offer.application,
        to_stage=St.WITHDRAWN,
        actor=actor,
        reason=f"Declined the offer: {reason}",
    )
    return offer
