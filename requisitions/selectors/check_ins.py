"""Reads on the weekly check-ins: the figures a check-in compiles, its report, the
history and the week whose note the recruiter is writing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from hiring_hub import access
from hiring_hub.models import User
from requisitions import partnership
from requisitions.models import CheckIn, PulseAnswer, Requisition


def check_in_figures(
    requisition: Requisition, *, now: datetime.datetime, previous: dict | None = None
) -> dict:
    """The figures of one weekly check-in, JSON-ready (times as ISO strings): applications
    per stage and the change since the previous snapshot, shortlists waiting and for how
    long, interviews in the coming week, scorecards overdue, offers out, days open against
    the target date. "Waiting too long" and "overdue" follow the requisition's partnership
    agreement (a shortlist past its agreed review days, a scorecard past its agreed hours)."""
    from candidates.models import Application, Offer, Shortlist, ShortlistEntry
    from debriefs.models import Interview, Scorecard
    from hiring_hub.business_time import add_business_days
    from requisitions.calibration import calibration_summary
    from requisitions.partnership import terms_of

    terms = terms_of(requisition)
    manager_tz = requisition.hiring_manager.tzinfo

    counts = dict(
        requisition.applications.order_by()
        .values_list("stage")
        .annotate(n=Count("id"))
        .values_list("stage", "n")
    )
    before = {row["stage"]: row["count"] for row in (previous or {}).get("stages", [])}
    stages = [
        {
            "stage": value,
            "label": label,
            "count": counts.get(value, 0),
            "change": counts.get(value, 0) - before.get(value, 0) if previous else None,
        }
        for value, label in Application.Stage.choices
    ]
    pending = Q(entries__decision=ShortlistEntry.Decision.PENDING)
    shortlists = [
        {
            "number": s.number,
            "submitted_at": s.submitted_at.isoformat(),
            "waiting_days": (now - s.submitted_at).days,
            "pending": s.pending,
            "overdue": add_business_days(
                s.submitted_at, terms.shortlist_review_business_days, manager_tz
            )
            <= now,
        }
        for s in Shortlist.objects.filter(requisition=requisition, completed_at__isnull=True)
        .annotate(pending=Count("entries", filter=pending))
        .filter(pending__gt=0)
        .order_by("number")
    ]
    interviews = [
        {
            "candidate": i.application.candidate.full_name,
            "stage": i.stage.name,
            "starts_at": i.starts_at.isoformat(),
        }
        for i in Interview.objects.filter(
            application__requisition=requisition,
            status=Interview.Status.SCHEDULED,
            starts_at__gte=now,
            starts_at__lt=now + datetime.timedelta(days=7),
        )
        .select_related("application__candidate", "stage")
        .order_by("starts_at")
    ]
    submitted = Scorecard.objects.filter(
        interview=OuterRef("interview"),
        interviewer=OuterRef("user"),
        status=Scorecard.Status.SUBMITTED,
    )
    overdue = [
        {
            "interviewer": link.user.full_name,
            "candidate": link.interview.application.candidate.full_name,
            "ends_at": link.interview.ends_at.isoformat(),
        }
        for link in Interview.interviewers.through.objects.filter(
            interview__application__requisition=requisition,
            interview__status=Interview.Status.SCHEDULED,
            interview__ends_at__lte=now - datetime.timedelta(hours=terms.scorecard_hours),
        )
        .exclude(Exists(submitted))
        .select_related("user", "interview__application__candidate")
        .order_by("interview__ends_at", "user__full_name")
    ]
    offers = [
        {
            "candidate": o.application.candidate.full_name,
            "verbal_offer_at": o.verbal_offer_at.isoformat() if o.verbal_offer_at else None,
            "written_sent_at": o.written_sent_at.isoformat() if o.written_sent_at else None,
            "expires_on": o.expires_on.isoformat() if o.expires_on else None,
        }
        for o in Offer.objects.filter(
            application__requisition=requisition, outcome=Offer.Outcome.OPEN
        )
        .select_related("application__candidate")
        .order_by("created_at")
    ]
    opened = requisition.opened_at or requisition.created_at
    target = requisition.target_start_date
    return {
        "status": requisition.get_status_display(),
        "stages": stages,
        "total_applications": sum(row["count"] for row in stages),
        "active_applications": sum(
            row["count"] for row in stages if row["stage"] not in Application.Stage.closed_values()
        ),
        "shortlists_waiting": shortlists,
        "interviews_next_week": interviews,
        "scorecards_overdue": overdue,
        "offers_out": offers,
        "days_open": (now - opened).days if opened else 0,
        "agreed_review_business_days": terms.shortlist_review_business_days,
        "agreed_scorecard_hours": terms.scorecard_hours,
        "target_start_date": target.isoformat() if target else None,
        "days_to_target": (target - now.date()).days if target else None,
        # Market calibration of the signed criteria (requisitions.calibration).
        "calibration": calibration_summary(requisition),
    }


def _hydrate(value: object) -> object:
    """Snapshot times are ISO strings; give templates datetimes/dates back."""
    if isinstance(value, dict):
        return {
            key: (
                parse_datetime(item)
                if key.endswith("_at") and isinstance(item, str)
                else datetime.date.fromisoformat(item)
                if key in ("expires_on", "target_start_date") and isinstance(item, str)
                else _hydrate(item)
            )
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_hydrate(item) for item in value]
    return value


def check_in_report(check_in: CheckIn) -> dict:
    """The compiled snapshot of a check-in, ready for a template or an email, with the
    widths of its mail-safe bar charts (see `check_in_bars`)."""
    report = _hydrate(check_in.snapshot or {})
    report.update(check_in_bars(report))
    return report


def check_in_bars(report: dict) -> dict:
    """Bars for the check-in email, as whole percents of the longest bar (an email has no
    SVG or stylesheet it can rely on: table cells with inline widths). `stage_bars`: the
    stages that hold applications or changed since last week; `days_bars`: days open
    against the days the target start date allowed from opening."""
    stages = [row for row in report.get("stages", []) if row["count"] or row["change"]]
    longest = max([row["count"] for row in stages] + [1])
    stage_bars = [
        {
            "label": row["label"],
            "value": row["count"],
            "pct": _pct(row["count"], longest),
            "change": row["change"],
        }
        for row in stages
    ]
    days_open = report.get("days_open") or 0
    to_target = report.get("days_to_target")
    days_bars = []
    if to_target is not None:
        target = max(days_open + to_target, 0)
        longest = max(days_open, target, 1)
        days_bars = [
            {
                "label": "Days open",
                "value": days_open,
                "pct": _pct(days_open, longest),
                "change": None,
            },
            {"label": "Target", "value": target, "pct": _pct(target, longest), "change": None},
        ]
    return {"stage_bars": stage_bars, "days_bars": days_bars}


def _pct(value: int, whole: int) -> int:
    # A non-zero bar stays visible; the rest of the row is the remaining cell.
    return max(round(100 * value / whole), 2 if value else 0)


def check_ins_for(requisition: Requisition) -> QuerySet[CheckIn]:
    """The history of a requisition's check-ins, newest week first."""
    return requisition.check_ins.select_related("acknowledged_by").order_by("-week_start")


def check_ins_visible_to(user: User) -> QuerySet[CheckIn]:
    return CheckIn.objects.filter(
        requisition__in=access.check_in_requisitions_visible_to(user)
    ).select_related("requisition__recruiter", "requisition__hiring_manager", "acknowledged_by")


def check_in_upcoming_week(
    requisition: Requisition, *, now: datetime.datetime | None = None
) -> datetime.date:
    """The Monday of the week whose note the recruiter is writing: this week's until its
    check-in has gone out, then next week's (in the recruiter's zone)."""
    now = now or timezone.now()
    local_day = now.astimezone(requisition.recruiter.tzinfo).date()
    monday = local_day - datetime.timedelta(days=local_day.weekday())
    sent = CheckIn.objects.filter(
        requisition=requisition, week_start=monday, compiled_at__isnull=False
    ).exists()
    return monday + datetime.timedelta(days=7) if sent else monday


def check_in_note(requisition: Requisition, week_start: datetime.date) -> str:
    """The recruiter's note so far for the week starting `week_start`."""
    check_in = CheckIn.objects.filter(requisition=requisition, week_start=week_start).first()
    return check_in.recruiter_note if check_in else ""


@dataclass(frozen=True)
class CheckInPulse:
    """The pulse on a check-in's page: the manager answers "How is this search going?"
    for the check-in's week, while its link would still work."""

    answer: PulseAnswer | None
    can_answer: bool
    token: str  # the one-click answer, as the weekly email links it


def check_in_pulse(check_in: CheckIn, *, user: User) -> CheckInPulse:
    requisition = check_in.requisition
    may_answer = access.can_answer_pulse(user, requisition) and check_in.compiled_at is not None
    answer = (
        partnership.pulse_answer_of(requisition, user, check_in.week_start) if may_answer else None
    )
    can_answer = (
        answer is None
        and may_answer
        and check_in.compiled_at > timezone.now() - partnership.PULSE_LINK_MAX_AGE
        and not requisition.is_read_only
    )
    token = (
        partnership.pulse_token(
            requisition=requisition,
            person=user,
            week_start=check_in.week_start,
            mood=PulseAnswer.Mood.ON_TRACK,
        )
        if can_answer
        else ""
    )
    return CheckInPulse(answer=answer, can_answer=can_answer, token=token)
