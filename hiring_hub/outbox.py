"""The outbox: the one door every email leaves by.

Delivery guarantee: every message is written in the transaction of the action that causes it
and is delivered at least once, with the same Message-ID on every attempt; a lost task, a
broker outage or a worker killed mid-send delays a message but never loses it.

How:

- `message_enqueue()` renders the message (one layout, text + HTML) and inserts an
  `OutboundMessage` row in the caller's transaction. On commit a Celery task is asked to
  deliver it at once; if the broker cannot be reached the request does not notice (it is
  logged) and the next `deliver_due()` run of beat picks the row up.
- `deliver()` claims a row with a conditional UPDATE that sets a lease (`claimed_until`) and a
  claim token, sends it over Django's mail system with a timeout, and records the outcome only
  if it still holds the claim. A worker that died leaves a claim whose lease expires; the row
  is then delivered again, with the same Message-ID. Only a message whose SMTP send completed
  just before the kill can arrive twice.
- A transient failure is retried with exponential back-off up to NOTIFICATION_MAX_ATTEMPTS; a
  permanent one (an address the server refuses, a 5xx answer) is given up at once. Every
  state is in the admin, which can retry any message that was not sent.
- Scheduled reminders are kinds that an app registers with a *due-finder*: a function over
  database state that lists what is due at `now`. `sweep()` asks each finder, drops what is
  already in the outbox (one query per kind), renders the rest and inserts them in bulk. The
  unique (kind, recipient_email, subject_key, period) key makes a repeated or concurrent sweep
  harmless.

The engine knows nothing about requisitions, candidates or interviews: apps register their
kinds from `AppConfig.ready()`.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import smtplib
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from email.utils import formataddr, make_msgid, parseaddr
from functools import partial
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.mail import BadHeaderError, EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from hiring_hub.models import NotificationOptOut, OutboundMessage, User

logger = logging.getLogger(__name__)
State = OutboundMessage.State

UNSUBSCRIBE_SALT = "hiring_hub.unsubscribe"
_LINE_BREAKS = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")


# --- Header safety -----------------------------------------------------------------------
def single_line(text: str) -> str:
    """Text that is safe in a mail header: every line break collapsed to one space.
    Forms and models refuse line breaks in single-line fields; this is the last guard, so
    that old data can never make a message fail with BadHeaderError."""
    return " ".join(_LINE_BREAKS.sub(" ", str(text)).split())


def address(name: str, email: str) -> str:
    return formataddr((single_line(name), single_line(email)))


def absolute_url(path_or_name: str, *args, **kwargs) -> str:
    """`absolute_url("/x/")` or `absolute_url("requisitions:requisition_detail", pk=1)`."""
    path = (
        path_or_name
        if path_or_name.startswith("/")
        else reverse(path_or_name, args=args, kwargs=kwargs)
    )
    return f"{settings.SITE_URL}{path}"


# --- Kinds -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Kind:
    """A kind of message. `can_opt_out` kinds appear on the profile and carry
    List-Unsubscribe; `find_due` makes it a scheduled sweep."""

    key: str
    label: str
    can_opt_out: bool = False
    find_due: Callable[[dt.datetime], Iterable[Due]] | None = None


KINDS: dict[str, Kind] = {}


def register_kind(
    key: str,
    label: str,
    *,
    can_opt_out: bool = False,
    find_due: Callable[[dt.datetime], Iterable[Due]] | None = None,
) -> Kind:
    """Called by an app (from its AppConfig.ready) for each kind of message it sends."""
    kind = Kind(key=key, label=label, can_opt_out=can_opt_out, find_due=find_due)
    KINDS[key] = kind
    return kind


def opt_out_kinds() -> list[Kind]:
    return [kind for kind in KINDS.values() if kind.can_opt_out]


def swept_kinds() -> list[str]:
    return [key for key, kind in KINDS.items() if kind.find_due]


def kind_label(key: str) -> str:
    return KINDS[key].label if key in KINDS else key.replace("_", " ").capitalize()


def opted_out(kind: str) -> set[int]:
    """Users who switched `kind` off (one query)."""
    return set(NotificationOptOut.objects.filter(kind=kind).values_list("user_id", flat=True))


def reachable(user: User | None, opted_out_ids: set[int] = frozenset()) -> bool:
    return bool(user and user.is_active and user.email and user.pk not in opted_out_ids)


def unsubscribe_token(user: User, kind: str) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_read(token: str) -> tuple[int, str]:
    """(user id, kind) of a valid token; raises signing.BadSignature."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    return int(data["u"]), str(data["k"])


# --- Writing a message ---------------------------------------------------------------------
@dataclass
class Due:
    """One message a sweep found due. `context` is built only for messages not yet in the
    outbox (building it may take queries)."""

    kind: str
    recipient: User
    subject_key: str
    period: str
    subject: str
    template: str
    context: Callable[[], dict] = field(repr=False)


def _message_id() -> str:
    domain = settings.EMAIL_MESSAGE_ID_DOMAIN or urlsplit(settings.SITE_URL).hostname
    return make_msgid(idstring="hh", domain=domain or "hiring-hub.local")


def _company_sender(sender: User | None) -> str:
    """Emails to candidates come from the company; the recruiter's name leads."""
    _, mailbox = parseaddr(settings.CANDIDATE_FROM_EMAIL)
    name = f"{sender.full_name}, {settings.COMPANY_NAME}" if sender else settings.COMPANY_NAME
    return address(name, mailbox)


def _build(
    *,
    kind: str,
    to: User | str,
    subject: str,
    template: str,
    context: dict,
    subject_key: str,
    period: str,
    reply_to: Sequence[str] = (),
    to_candidate: bool = False,
    sender: User | None = None,
    attachments: Sequence[tuple[str, str, str]] = (),
) -> OutboundMessage:
    recipient = to if isinstance(to, User) else None
    email = to.email if isinstance(to, User) else to
    headers: dict[str, str] = {}
    unsubscribe_url = ""
    registered = KINDS.get(kind)
    if recipient is not None and registered and registered.can_opt_out:
        unsubscribe_url = absolute_url(
            "notification_unsubscribe", token=unsubscribe_token(recipient, kind)
        )
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    full_context = {
        "site_url": settings.SITE_URL,
        "company_name": settings.COMPANY_NAME,
        "recipient": recipient,
        "to_candidate": to_candidate,
        "unsubscribe_url": unsubscribe_url,
        "kind_label": kind_label(kind),
        **context,
    }
    override = timezone.override(recipient.tzinfo) if recipient else _no_override()
    with override:
        body_text = render_to_string(f"emails/{template}.txt", full_context)
        body_html = render_to_string(f"emails/{template}.html", full_context)
    if to_candidate:
        from_email, shown_subject = _company_sender(sender), single_line(subject)
    else:
        from_email = settings.DEFAULT_FROM_EMAIL
        shown_subject = single_line(f"{settings.EMAIL_SUBJECT_PREFIX}{subject}")
    return OutboundMessage(
        kind=kind,
        recipient=recipient,
        recipient_email=single_line(email),
        subject_key=subject_key[:100],
        period=period[:40],
        subject=shown_subject[:300],
        from_email=from_email,
        reply_to=[single_line(a) for a in reply_to if a],
        headers=headers,
        body_text=body_text,
        body_html=body_html,
        attachments=[list(a) for a in attachments],
        message_id=_message_id(),
        state=State.QUEUED,
    )


class _no_override:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def message_enqueue(
    *,
    kind: str,
    to: User | str,
    subject: str,
    template: str,
    context: dict,
    about: str = "",
    reply_to: Sequence[str] = (),
    to_candidate: bool = False,
    sender: User | None = None,
    attachments: Sequence[tuple[str, str, str]] = (),
) -> OutboundMessage | None:
    """Write one email into the outbox, in the caller's transaction, and have a worker deliver
    it once that transaction commits. `to` is a user (their time zone is used; an inactive
    or address-less user gets nothing) or a candidate's address. Emails to candidates
    (`to_candidate`) come from the company with the `sender` (the recruiter) as the name and
    Reply-To, with no tool prefix in the subject."""
    if isinstance(to, User) and not reachable(to):
        return None
    message = _build(
        kind=kind,
        to=to,
        subject=subject,
        template=template,
        context=context,
        subject_key=about or kind,
        period=f"event:{uuid.uuid4().hex[:32]}",
        reply_to=reply_to,
        to_candidate=to_candidate,
        sender=sender,
        attachments=attachments,
    )
    message.save()
    _deliver_on_commit([message.pk])
    return message


def _deliver_on_commit(message_ids: list[int]) -> None:
    if message_ids:
        transaction.on_commit(partial(_enqueue_delivery, list(message_ids)), robust=True)


def _enqueue_delivery(message_ids: list[int]) -> None:
    """Ask a worker to deliver now. Never raises: with the broker down the rows wait for
    the next `deliver_due()` run, so a request never fails because of Redis."""
    from hiring_hub.tasks import deliver_message

    for message_id in message_ids:
        try:
            deliver_message.apply_async((message_id,), retry=False)
        except Exception as exc:  # noqa: BLE001 - the outbox row is the source of truth
            logger.warning(
                "Could not queue message %s for delivery (%s); the next delivery run sends it.",
                message_id,
                exc,
            )
            return


# --- Sweeps -------------------------------------------------------------------------------
def sweep(
    *, now: dt.datetime | None = None, kinds: Iterable[str] | None = None
) -> dict[str, dict[str, int]]:
    """Run the due-finders of every registered sweep (or of `kinds`) and write what is due
    and not yet in the outbox. Safe to run twice or concurrently. Returns counts per kind."""
    now = now or timezone.now()
    results = {}
    for key in kinds or swept_kinds():
        try:
            results[key] = _sweep_kind(KINDS[key], now)
        except Exception:
            # One broken sweep must not stop the others; the next run tries again.
            logger.exception("The %s sweep failed", key)
            results[key] = {"error": 1}
    return results


def _sweep_kind(kind: Kind, now: dt.datetime) -> dict[str, int]:
    due = list(kind.find_due(now))
    known = set()
    subject_keys = sorted({item.subject_key for item in due})
    for start in range(0, len(subject_keys), 2000):
        known.update(
            OutboundMessage.objects.filter(
                kind=kind.key, subject_key__in=subject_keys[start : start + 2000]
            ).values_list("recipient_email", "subject_key", "period")
        )
    fresh, seen = [], set()
    for item in due:
        key = (item.recipient.email, item.subject_key, item.period)
        if key in known or key in seen:
            continue
        seen.add(key)
        fresh.append(
            _build(
                kind=item.kind,
                to=item.recipient,
                subject=item.subject,
                template=item.template,
                context={"now": now, **item.context()},
                subject_key=item.subject_key,
                period=item.period,
            )
        )
    # A concurrent sweep may have written some of these meanwhile: the unique key decides.
    OutboundMessage.objects.bulk_create(fresh, batch_size=500, ignore_conflicts=True)
    return {"due": len(due), "written": len(fresh), "already": len(due) - len(fresh)}


# --- Delivery ------------------------------------------------------------------------------
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


def send_due_notifications(
    *, now: dt.datetime | None = None, kinds: Iterable[str] | None = None
) -> dict:
    """Beat's job: write what the sweeps find due, then deliver everything waiting."""
    now = now or timezone.now()
    swept = sweep(now=now, kinds=kinds)
    return {"swept": swept, "delivered": deliver_due(now=now)}


def messages_discard_unsent(*, written_after_id: int) -> int:
    """Drop the messages written after `written_after_id` that have not left yet. Demo data
    only: its people are not real, so building it must not email them."""
    deleted, _ = OutboundMessage.objects.filter(
        pk__gt=written_after_id, state__in=State.pending()
    ).delete()
    return deleted


@transaction.atomic
def message_retry_now(*, message: OutboundMessage) -> OutboundMessage:
    """Make a failed, given-up or stuck message deliverable now, and ask a worker for it.
    A sent message is never sent again."""
    message = OutboundMessage.objects.select_for_update().get(pk=message.pk)
    if message.state == State.SENT:
        return message
    message.state = State.FAILED
    message.next_attempt_at = timezone.now()
    message.claimed_until = None
    message.claim_token = None
    message.save(update_fields=["state", "next_attempt_at", "claimed_until", "claim_token"])
    _deliver_on_commit([message.pk])
    return message
