"""Writing a message: rendered, then inserted in the caller's transaction and handed to a
worker once it commits; the header guards; the admin's discard and retry."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Sequence
from email.utils import formataddr, make_msgid, parseaddr
from functools import partial
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from hiring_hub.models import OutboundMessage, User
from hiring_hub.outbox.kinds import KINDS, kind_label, reachable, unsubscribe_token

logger = logging.getLogger("hiring_hub.outbox")
State = OutboundMessage.State

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
