"""Thank-you notes: the draft written at scheduling is edited, then emailed to the candidate
or marked as sent another way, once the interview has ended (due within 24 hours)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from debriefs.models import CandidateUpdate, ThankYouNote
from debriefs.services._checks import require_not_cancelled, when
from debriefs.services.follow_ups import _email_candidate, _update_record
from hiring_hub import access, outbox
from hiring_hub.models import User


def _locked_draft(note: ThankYouNote, actor: User) -> ThankYouNote:
    """The note, locked, if the actor may manage it and it is still a draft that is due."""
    note = (
        ThankYouNote.objects.select_for_update(of=("self",))
        .select_related("interview__application__candidate", "interview__application__requisition")
        .get(pk=note.pk)
    )
    access.require(access.can_manage_thank_you_note(actor, note))
    if not note.is_draft:
        raise ValidationError("This thank-you note was already sent.")
    require_not_cancelled(note.interview, "The interview was cancelled; no thank-you note is due.")
    return note


def _mark_sent(note: ThankYouNote, status: str, actor: User, body: str) -> None:
    """A thank-you note thanks the candidate for an interview that took place: it goes out
    once the interview has ended (the candidate is no longer in the room, and the note
    falls due then), whether sent from here or marked as sent another way. Either way it
    counts as an update to the candidate: the follow-up history records it."""
    ends_at = note.interview.ends_at
    if ends_at > timezone.now():
        raise ValidationError(
            f"The interview ends {when(ends_at)}: send the thank-you note after it, "
            "not before. The draft can be edited until then."
        )
    note.status = status
    note.sent_at = timezone.now()
    note.sent_by = actor
    note.full_clean()
    note.save()
    sent_from_here = status == ThankYouNote.Status.SENT
    _update_record(
        application=note.interview.application,
        channel=CandidateUpdate.Channel.EMAIL if sent_from_here else CandidateUpdate.Channel.OTHER,
        subject=note.subject,
        body=body,
        promised_by=note.interview.next_steps_promised_by,
        actor=actor,
        when=note.sent_at,
    )


@transaction.atomic
def thank_you_note_update(
    *, note: ThankYouNote, subject: str, body: str, actor: User
) -> ThankYouNote:
    """Edit the draft of a thank-you note that has not been sent yet."""
    note = _locked_draft(note, actor)
    note.subject, note.body = subject.strip(), body.strip()
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def thank_you_note_send(
    *, note: ThankYouNote, actor: User, subject: str | None = None, body: str | None = None
) -> ThankYouNote:
    """Email the thank-you note to the candidate (once), from the company with the recruiter's
    name. It goes through the outbox, so the note shows whether the email has actually left."""
    note = _locked_draft(note, actor)
    if subject is not None:
        note.subject = subject.strip()
    if body is not None:
        note.body = body.strip()
    _mark_sent(note, ThankYouNote.Status.SENT, actor, body=note.body)
    note.message = _email_candidate(
        application=note.interview.application, subject=note.subject, body=note.body, actor=actor
    )
    note.save(update_fields=["message"])
    return note


@transaction.atomic
def thank_you_note_retry(*, note: ThankYouNote, actor: User) -> ThankYouNote:
    """Send a thank-you note whose email failed again, now (same message, same Message-ID).
    A note whose email has left, or that was never emailed from here, has nothing to retry."""
    note = ThankYouNote.objects.select_related(
        "message", "interview__application__requisition"
    ).get(pk=note.pk)
    access.require(access.can_manage_thank_you_note(actor, note))
    if note.message is None or note.message.state == note.message.State.SENT:
        raise ValidationError("This thank-you note has no failed email to retry.")
    outbox.message_retry_now(message=note.message)
    return note


@transaction.atomic
def thank_you_note_mark_sent(*, note: ThankYouNote, actor: User) -> ThankYouNote:
    """Record that the thank-you note went out another way (phone, personal email)."""
    note = _locked_draft(note, actor)
    _mark_sent(
        note, ThankYouNote.Status.MARKED_SENT, actor, body="Thank-you note sent outside Hiring Hub."
    )
    return note
