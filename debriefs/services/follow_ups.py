"""Follow-ups: what the candidate is told (an email from Hiring Hub, or a call), which keeps
and may renew the promise of the next update."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from candidates.models import Application
from candidates.services import application_follow_up_record
from debriefs import notifications
from debriefs.models import CandidateUpdate
from hiring_hub import access, outbox
from hiring_hub.models import OutboundMessage, User


def _email_candidate(
    *, application: Application, subject: str, body: str, actor: User
) -> OutboundMessage:
    """An email to the candidate, from the company with the recruiter's name; replies go to
    the recruiter."""
    return outbox.message_enqueue(
        kind=notifications.CANDIDATE_MESSAGE,
        to=application.candidate.email,
        about=f"application:{application.pk}",
        subject=subject,
        template="candidate_message",
        context={"body": body},
        to_candidate=True,
        sender=actor,
        reply_to=[actor.email] if getattr(actor, "email", "") else [],
    )


def _update_record(
    *,
    application: Application,
    channel: str,
    subject: str,
    body: str,
    promised_by: dt.date | None,
    actor: User,
    when: dt.datetime,
) -> CandidateUpdate:
    """Keep what the candidate was told; their last update becomes `when` and the promise
    of the next one is renewed (or the old one kept)."""
    update = CandidateUpdate(
        application=application,
        channel=channel,
        subject=subject,
        body=body,
        next_update_promised_by=promised_by,
        author=actor,
    )
    update.full_clean()
    update.save()
    application_follow_up_record(
        application_id=application.pk, updated_at=when, promised_by=promised_by
    )
    return update


@transaction.atomic
def follow_up_record(
    *,
    application: Application,
    channel: str,
    body: str,
    actor: User,
    subject: str = "",
    next_update_promised_by: dt.date | None = None,
) -> CandidateUpdate:
    """Record an update given to the candidate (an email sent from Hiring Hub, or a note of
    a call): the application's last update becomes now, and the next promised date is the
    one given (or the old promise is kept)."""
    application = Application.objects.select_related("candidate", "requisition").get(
        pk=application.pk
    )
    access.require(access.can_record_candidate_update(actor, application))
    if not body.strip():
        raise ValidationError("Write what the candidate was told.")
    if channel == CandidateUpdate.Channel.EMAIL and not subject.strip():
        raise ValidationError("An email needs a subject.")
    if next_update_promised_by and next_update_promised_by < timezone.localdate():
        raise ValidationError("The next update cannot be promised for a date in the past.")
    update = _update_record(
        application=application,
        channel=channel,
        subject=subject.strip(),
        body=body.strip(),
        promised_by=next_update_promised_by,
        actor=actor,
        when=timezone.now(),
    )
    if channel == CandidateUpdate.Channel.EMAIL:
        update.message = _email_candidate(
            application=application, subject=update.subject, body=update.body, actor=actor
        )
        update.save(update_fields=["message"])
    return update
