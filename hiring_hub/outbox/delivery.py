"""Delivery: claim a row with a lease, send it, record the outcome while holding the claim;
retries with back-off, and the safety net that sends whatever waits."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
import uuid

from django.conf import settings
from django.core.mail import BadHeaderError, EmailMultiAlternatives, get_connection
from django.db.models import Q
from django.utils import timezone

from hiring_hub.models import OutboundMessage

logger = logging.getLogger("hiring_hub.outbox")
State = OutboundMessage.State


def retry_delay(attempts: int) -> dt.timedelta:
    """Exponential back-off: base, 2×base, 4×base, … capped at 6 hours."""
    seconds = settings.NOTIFICATION_RETRY_SECONDS * 2 ** max(attempts - 1, 0)
    return dt.timedelta(seconds=min(seconds, 6 * 3600))


def _deliverable(now: dt.datetime) -> Q:
    return (
        Q(state=State.QUEUED)
        | Q(state=State.FAILED, next_attempt_at__lte=now)
        | Q(state=State.CLAIMED, claimed_until__lt=now)
    )


def _claim(message_id: int, now: dt.datetime) -> OutboundMessage | None:
    token = uuid.uuid4()
    won = OutboundMessage.objects.filter(_deliverable(now), pk=message_id).update(
        state=State.CLAIMED,
        claim_token=token,
        claimed_until=now + dt.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS),
    )
    if not won:
        return None
    return OutboundMessage.objects.get(pk=message_id)


def _email(message: OutboundMessage, connection) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient_email],
        reply_to=message.reply_to or None,
        headers={**message.headers, "Message-ID": message.message_id},
        connection=connection,
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    for filename, content, mimetype in message.attachments:
        email.attach(filename, content, mimetype)
    return email


def is_permanent(exc: Exception) -> bool:
    """A failure that no retry can fix: the server refused the address or the message."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return 500 <= exc.smtp_code < 600
    return isinstance(exc, BadHeaderError | ValueError | UnicodeError)


def deliver(message_id: int, *, now: dt.datetime | None = None, connection=None) -> str | None:
    """Deliver one message if it is deliverable and this worker wins its claim. Returns the
    new state, or None when there was nothing to do (already sent, or another worker has it)."""
    now = now or timezone.now()
    message = _claim(message_id, now)
    if message is None:
        return None
    try:
        connection = connection or get_connection(timeout=settings.EMAIL_TIMEOUT)
        _email(message, connection).send()
    except Exception as exc:  # noqa: BLE001 - every failure is recorded on the row
        attempts = message.attempts + 1
        error = f"{exc.__class__.__name__}: {exc}"[:2000]
        if is_permanent(exc) or attempts >= settings.NOTIFICATION_MAX_ATTEMPTS:
            state, next_at = State.GAVE_UP, None
        else:
            state, next_at = State.FAILED, timezone.now() + retry_delay(attempts)
        _finish(message, state=state, attempts=attempts, last_error=error, next_attempt_at=next_at)
        logger.warning("Sending %s failed (attempt %s): %s", message, attempts, error)
        return state
    _finish(
        message,
        state=State.SENT,
        attempts=message.attempts + 1,
        sent_at=timezone.now(),
        next_attempt_at=None,
        last_error="",
    )
    return State.SENT


def _finish(message: OutboundMessage, **fields) -> None:
    # Only the holder of the claim records the outcome (a worker whose lease ran out and
    # was overtaken must not overwrite the newer attempt).
    OutboundMessage.objects.filter(pk=message.pk, claim_token=message.claim_token).update(
        claimed_until=None, claim_token=None, **fields
    )


def deliver_due(*, now: dt.datetime | None = None, batch: int = 500) -> dict[str, int]:
    """Deliver every message that is waiting: new, due for a retry, or claimed by a worker
    whose lease expired, in batches, over one connection to the mail server."""
    now = now or timezone.now()
    counts = {"sent": 0, "failed": 0, "gave_up": 0, "skipped": 0}
    connection, last_id = None, 0
    try:
        while True:
            ids = list(
                OutboundMessage.objects.filter(_deliverable(now), pk__gt=last_id)
                .order_by("pk")
                .values_list("pk", flat=True)[:batch]
            )
            if not ids:
                return counts
            connection = connection or get_connection(timeout=settings.EMAIL_TIMEOUT)
            for message_id in ids:
                state = deliver(message_id, now=now, connection=connection)
                counts[state or "skipped"] += 1
            last_id = ids[-1]
    finally:
        if connection is not None:
            try:
                connection.close()
            except Exception:  # noqa: BLE001 - closing a broken connection may fail too
                logger.debug("Closing the mail connection failed", exc_info=True)
