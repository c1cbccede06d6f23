"""The retention job: erase the candidates nobody has worked with for
CANDIDATE_RETENTION_DAYS."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from candidates.models import Application, Candidate
from candidates.privacy.erasure import erase_locked

logger = logging.getLogger(__name__)


@dataclass
class RetentionReport:
    retention_days: int
    cutoff: dt.datetime | None
    erased_ids: list[int] = field(default_factory=list)

    @property
    def erased(self) -> int:
        return len(self.erased_ids)

    def as_dict(self) -> dict:
        return {
            "retention_days": self.retention_days,
            "cutoff": self.cutoff.isoformat() if self.cutoff else None,
            "erased": self.erased,
            "erased_ids": self.erased_ids,
        }


def retention_due(*, now: dt.datetime, days: int) -> QuerySet[Candidate]:
    """Candidates not erased, with no open application, whose record and applications have
    not changed for `days` days (the last activity: their own edits, an application added,
    a stage move)."""
    cutoff = now - dt.timedelta(days=days)
    open_application = Application.objects.filter(candidate_id=OuterRef("pk")).exclude(
        stage__in=Application.Stage.closed_values()
    )
    return (
        Candidate.objects.filter(erased_at__isnull=True, updated_at__lt=cutoff)
        .exclude(Exists(open_application))
        .annotate(
            last_application=Max(
                Greatest("applications__stage_changed_at", "applications__created_at")
            )
        )
        .filter(Q(last_application__isnull=True) | Q(last_application__lt=cutoff))
        .annotate(last_activity=Coalesce("last_application", "updated_at"))
        .order_by("updated_at", "pk")
    )


def candidates_retention_erase(
    *, now: dt.datetime | None = None, days: int | None = None, batch: int = 500
) -> RetentionReport:
    """The retention job: erase every candidate due (retention_due), one transaction each,
    so a crash mid-run loses nothing and the next run finishes the rest. With a retention of
    0 days the job is off. A second run finds nothing due and changes nothing."""
    now = now or timezone.now()
    days = settings.CANDIDATE_RETENTION_DAYS if days is None else days
    if days <= 0:
        report = RetentionReport(retention_days=days, cutoff=None)
        logger.info("Candidate retention is off (CANDIDATE_RETENTION_DAYS=0).")
        return report
    report = RetentionReport(retention_days=days, cutoff=now - dt.timedelta(days=days))
    seen: list[int] = []
    while ids := list(
        retention_due(now=now, days=days).exclude(pk__in=seen).values_list("pk", flat=True)[:batch]
    ):
        seen.extend(ids)
        for pk in ids:
            with transaction.atomic():
                candidate = Candidate.objects.select_for_update().filter(pk=pk).first()
                # Re-checked under the lock: an application added meanwhile keeps the person.
                if (
                    candidate is None
                    or not retention_due(now=now, days=days).filter(pk=pk).exists()
                ):
                    continue
                erase_locked(candidate, now=now, actor=None, by=f"retention ({days} days)")
            report.erased_ids.append(pk)
    logger.info(
        "Candidate retention (%s days, before %s): %s erased %s",
        days,
        report.cutoff.isoformat(),
        report.erased,
        report.erased_ids,
    )
    return report
