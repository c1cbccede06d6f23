"""The sweeps: ask every registered due-finder what is due, write what is not in the outbox
yet (the unique key makes a repeated sweep harmless), then deliver."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.utils import timezone

from hiring_hub.models import OutboundMessage
from hiring_hub.outbox.delivery import deliver_due
from hiring_hub.outbox.kinds import KINDS, Kind, swept_kinds
from hiring_hub.outbox.messages import _build

logger = logging.getLogger("hiring_hub.outbox")


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


def send_due_notifications(
    *, now: dt.datetime | None = None, kinds: Iterable[str] | None = None
) -> dict:
    """Beat's job: write what the sweeps find due, then deliver everything waiting."""
    now = now or timezone.now()
    swept = sweep(now=now, kinds=kinds)
    return {"swept": swept, "delivered": deliver_due(now=now)}
