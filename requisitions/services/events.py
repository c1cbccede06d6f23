"""What every requisition service shares: the permission check, the timeline and the
emails about a requisition."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from hiring_hub import outbox
from requisitions.models import Requisition, RequisitionEvent

if TYPE_CHECKING:
    from hiring_hub.models import User


def require(allowed: bool, message: str) -> None:
    """Refuse with a message a shell, a task or the admin can read."""
    if not allowed:
        raise PermissionDenied(message)


def requisition_event_record(
    *,
    requisition: Requisition,
    actor: User | None,
    kind: RequisitionEvent.Kind,
    message: str,
    data: dict | None = None,
) -> RequisitionEvent:
    """Add a line to the requisition's timeline."""
    return RequisitionEvent.objects.create(
        requisition=requisition, actor=actor, kind=kind, message=message, data=data or {}
    )


def requisition_email(
    *,
    requisition: Requisition,
    kind: str,
    to: User,
    subject: str,
    template: str,
    context: dict,
    link: str = "requisitions:requisition_detail",
    reply_to: User | None = None,
) -> None:
    """Email one person about a requisition through the outbox: the template gets the
    requisition and a link to `link` (a URL name taking the requisition's pk)."""
    outbox.message_enqueue(
        kind=kind,
        to=to,
        about=f"requisition:{requisition.pk}",
        subject=subject,
        template=template,
        context={
            "requisition": requisition,
            "link": outbox.absolute_url(link, pk=requisition.pk),
            **context,
        },
        reply_to=[reply_to.email] if reply_to is not None else (),
    )
