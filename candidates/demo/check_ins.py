"""Demo: the weekly check-ins of the past weeks on the demo searches, with the figures as
they stood each week."""

import datetime as dt
from collections import Counter

from django.utils import timezone

from candidates.demo.common import St
from candidates.models import Offer, StageChange
from hiring_hub.demo import days_ago
from requisitions import services as requisition_services
from requisitions.models import Requisition

CHECK_IN_NOTES = [
    "Sourcing started; first calls booked.",
    "Good response from referrals this week.",
    "Shortlist sent; waiting on your review.",
    "Adjusted the search after your feedback on the last shortlist.",
    "Interviews under way; scorecards mostly in on time.",
    "Market is tight for this profile; widening the location.",
    "Finalists lined up; offer discussion next week.",
]


def seed_check_ins(users) -> None:
    """The weekly check-ins of the past weeks, each with the recruiter's note and the
    manager's acknowledgement, figures as they stood that week (this week's is left to
    the weekly sweep)."""
    today = timezone.localdate()
    this_monday = today - dt.timedelta(days=today.weekday())
    for requisition in Requisition.objects.filter(
        title__in=["Senior Backend Engineer", "Data Analyst", "Frontend Engineer"],
        opened_at__isnull=False,
    ).order_by("pk"):
        if requisition.check_ins.exists():
            continue
        monday = requisition.opened_at.date() - dt.timedelta(days=requisition.opened_at.weekday())
        last = this_monday
        if requisition.filled_at:
            last = min(last, requisition.filled_at.date())
        week = 0
        while (monday := monday + dt.timedelta(days=7)) < last:
            ago = (today - monday).days
            with days_ago(ago, 8):
                requisition_services.check_in_note_save(
                    requisition=requisition,
                    week_start=monday,
                    note=CHECK_IN_NOTES[week % len(CHECK_IN_NOTES)],
                    actor=requisition.recruiter,
                )
            with days_ago(ago, 9) as now:
                check_in = requisition_services.check_in_compile(
                    requisition=requisition, week_start=monday, now=now
                )
                _as_of(check_in, now)
            with days_ago(ago - 1, 12):
                requisition_services.check_in_acknowledge(
                    check_in=check_in,
                    actor=requisition.hiring_manager,
                    agenda="Talk through the declines." if week % 3 == 1 else "",
                )
            week += 1


def _as_of(check_in, now) -> None:
    """Figures of a past week: the check-in is compiled from today's pipeline, so take the
    stage of each application as it stood then (from its stage changes), and drop what
    did not exist yet."""
    stage_of = dict(
        StageChange.objects.filter(
            application__requisition=check_in.requisition, created_at__lte=now
        )
        .order_by("created_at", "pk")
        .values_list("application_id", "to_stage")
    )
    counts = Counter(stage_of.values())
    snapshot = check_in.snapshot
    previous = (
        check_in.requisition.check_ins.filter(week_start__lt=check_in.week_start)
        .order_by("-week_start")
        .first()
    )
    before = {
        row["stage"]: row["count"]
        for row in (previous.snapshot if previous else {}).get("stages", [])
    }
    for row in snapshot["stages"]:
        row["count"] = counts.get(row["stage"], 0)
        row["change"] = row["count"] - before.get(row["stage"], 0) if previous else None
    snapshot["total_applications"] = sum(counts.values())
    snapshot["active_applications"] = sum(
        n for stage, n in counts.items() if stage not in St.closed_values()
    )
    snapshot["shortlists_waiting"] = [
        s for s in snapshot["shortlists_waiting"] if s["waiting_days"] >= 0
    ]
    offered = set(
        Offer.objects.filter(
            application__requisition=check_in.requisition, created_at__lte=now
        ).values_list("application__candidate__full_name", flat=True)
    )
    snapshot["offers_out"] = [o for o in snapshot["offers_out"] if o["candidate"] in offered]
    check_in.save(update_fields=["snapshot"])
