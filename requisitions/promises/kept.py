"""Promises kept: per commitment of an agreement, how often it was met and how long it took."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from django.utils import timezone

from requisitions.models import Requisition
from requisitions.partnership import Terms
from requisitions.promises.samples import RECENT, collect

RECRUITER = "Recruiter"
MANAGER = "Hiring manager"
# A pair's figures cover its latest requisitions.
PAIR_REQUISITIONS = 20


@dataclass(frozen=True)
class PromiseKept:
    key: str
    side: str
    promise: str
    unit: str
    met: int
    total: int
    median: float | None
    recent: tuple[bool, ...]  # the latest RECENT samples, oldest first

    @property
    def summary(self) -> str:
        if not self.total:
            return "Nothing due yet"
        text = f"Kept {self.met} of {self.total} time{'s' * (self.total != 1)}"
        if self.median is not None:
            unit = SINGULAR.get(self.unit, self.unit) if self.median == 1 else self.unit
            text += f", median {_number(self.median)} {unit}"
        return text

    @property
    def share(self) -> int | None:
        return round(100 * self.met / self.total) if self.total else None


SINGULAR = {
    "days": "day",
    "business days": "business day",
    "hours": "hour",
    "weeks apart": "week apart",
}


def _number(value: float) -> str:
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


COMMITMENTS = (
    # key, side, promise (with the agreed number), unit of the time it took
    (
        "first_shortlist",
        RECRUITER,
        "First shortlist within {n} business days of alignment",
        "business days",
        "first_shortlist_business_days",
    ),
    ("check_in", RECRUITER, "A written note in every weekly check-in", "", None),
    (
        "candidate_update",
        RECRUITER,
        "Candidates told about next steps within {n} days of an interview",
        "days",
        "candidate_update_days",
    ),
    (
        "shortlist_review",
        MANAGER,
        "Shortlists reviewed within {n} business days",
        "business days",
        "shortlist_review_business_days",
    ),
    (
        "scorecards",
        MANAGER,
        "Scorecards within {n} hours of an interview",
        "hours",
        "scorecard_hours",
    ),
    (
        "calibration",
        MANAGER,
        "A calibration conversation every {n} weeks",
        "weeks apart",
        "calibration_weeks",
    ),
)


def agreed_promises(terms: Terms) -> list[tuple[str, str]]:
    """(side, promise) of an agreement, in the words both people read."""
    return [
        (side, promise.format(n=getattr(terms, term)) if term else promise)
        for _, side, promise, _, term in COMMITMENTS
        if term or terms.check_in_weekly
    ]


def kept(data: dict, requisition_ids: list[int]) -> list[PromiseKept]:
    wanted = set(requisition_ids)
    figures = []
    for key, side, promise, unit, term in COMMITMENTS:
        values = {getattr(data["terms"][pk], term) for pk in requisition_ids} if term else set()
        mixed = len(values) > 1
        n = "N" if mixed else (values.pop() if values else "")
        samples = sorted(
            (s for s in data["samples"].get(key, []) if s.requisition_id in wanted),
            key=lambda s: s.at,
        )
        took = [s.took for s in samples if s.took is not None]
        figures.append(
            PromiseKept(
                key=key,
                side=side,
                promise=promise.format(n=n) + (" (N as agreed per requisition)" if mixed else ""),
                unit=unit,
                met=sum(1 for s in samples if s.met),
                total=len(samples),
                median=statistics.median(took) if took else None,
                recent=tuple(s.met for s in samples[-RECENT:]),
            )
        )
    return figures


def promises_kept(requisition: Requisition, *, now: dt.datetime | None = None) -> list[PromiseKept]:
    """Per commitment of this requisition: how often it was met and the median time."""
    now = now or timezone.now()
    return kept(collect([requisition], now), [requisition.pk])


def pair_requisitions(requisition: Requisition) -> list[Requisition]:
    """The latest requisitions of the same recruiter and hiring manager (this one included)."""
    return list(
        Requisition.objects.filter(
            recruiter_id=requisition.recruiter_id, hiring_manager_id=requisition.hiring_manager_id
        )
        .select_related("recruiter", "hiring_manager", "partnership_agreement")
        .order_by("-created_at", "-pk")[:PAIR_REQUISITIONS]
    )


def pair_promises_kept(
    requisition: Requisition, *, now: dt.datetime | None = None
) -> tuple[int, list[PromiseKept]]:
    """The same figures over the pair's latest requisitions (PAIR_REQUISITIONS)."""
    now = now or timezone.now()
    requisitions = pair_requisitions(requisition)
    return len(requisitions), kept(collect(requisitions, now), [r.pk for r in requisitions])
