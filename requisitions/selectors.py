"""Reads on requisitions, scoped through hiring_hub.access."""

from requisitions.models import CriteriaVersion, Requisition


def current_signed_version(requisition: Requisition) -> CriteriaVersion | None:
    """The criteria the whole search is judged against: the latest signed-off version."""
    return (
        requisition.criteria_versions.filter(status=CriteriaVersion.Status.SIGNED)
        .order_by("-number")
        .prefetch_related("criteria")
        .first()
    )


# === Weekly check-ins (jobs helper) =======================================================
import datetime as _dt  # noqa: E402

from django.db.models import Count, Exists, OuterRef  # noqa: E402
from django.db.models import Q as _Q  # noqa: E402
from django.utils import timezone as _timezone  # noqa: E402
from django.utils.dateparse import parse_datetime as _parse_datetime  # noqa: E402

from requisitions.models import CheckIn  # noqa: E402

# A scorecard not submitted a day after the interview ended shows as overdue.
CHECK_IN_SCORECARD_OVERDUE_AFTER = _dt.timedelta(hours=24)


def check_in_figures(requisition: Requisition, *, now, previous: dict | None = None) -> dict:
    """The figures of one weekly check-in, JSON-ready (times as ISO strings): applications
    per stage and the change since the previous snapshot, shortlists waiting and for how
    long, interviews in the coming week, scorecards overdue, offers out, days open against
    the target date."""
    from candidates.models import Application, Offer, Shortlist, ShortlistEntry
    from debriefs.models import Interview, Scorecard

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
    pending = _Q(entries__decision=ShortlistEntry.Decision.PENDING)
    shortlists = [
        {
            "number": s.number,
            "submitted_at": s.submitted_at.isoformat(),
            "waiting_days": (now - s.submitted_at).days,
            "pending": s.pending,
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
            starts_at__lt=now + _dt.timedelta(days=7),
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
            interview__ends_at__lte=now - CHECK_IN_SCORECARD_OVERDUE_AFTER,
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
            row["count"] for row in stages if row["stage"] not in ("hired", "rejected", "withdrawn")
        ),
        "shortlists_waiting": shortlists,
        "interviews_next_week": interviews,
        "scorecards_overdue": overdue,
        "offers_out": offers,
        "days_open": (now - opened).days if opened else 0,
        "target_start_date": target.isoformat() if target else None,
        "days_to_target": (target - now.date()).days if target else None,
    }


def _hydrate(value):
    """Snapshot times are ISO strings; give templates datetimes/dates back."""
    if isinstance(value, dict):
        return {
            key: (
                _parse_datetime(item)
                if key.endswith("_at") and isinstance(item, str)
                else _dt.date.fromisoformat(item)
                if key in ("expires_on", "target_start_date") and isinstance(item, str)
                else _hydrate(item)
            )
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_hydrate(item) for item in value]
    return value


def check_in_report(check_in: CheckIn) -> dict:
    """The compiled snapshot of a check-in, ready for a template or an email."""
    return _hydrate(check_in.snapshot or {})


def check_ins_for(requisition: Requisition):
    """The history of a requisition's check-ins, newest week first."""
    return requisition.check_ins.select_related("acknowledged_by").order_by("-week_start")


def check_ins_visible_to(user):
    from hiring_hub import access

    return CheckIn.objects.filter(
        requisition__in=access.check_in_requisitions_visible_to(user)
    ).select_related("requisition__recruiter", "requisition__hiring_manager", "acknowledged_by")


def check_in_upcoming_week(requisition: Requisition, *, now=None) -> _dt.date:
    """The Monday of the week whose note the recruiter is writing: this week's until its
    check-in has gone out, then next week's (in the recruiter's zone)."""
    now = now or _timezone.now()
    local_day = now.astimezone(requisition.recruiter.tzinfo).date()
    monday = local_day - _dt.timedelta(days=local_day.weekday())
    sent = CheckIn.objects.filter(
        requisition=requisition, week_start=monday, compiled_at__isnull=False
    ).exists()
    return monday + _dt.timedelta(days=7) if sent else monday


# === end weekly check-ins ==================================================================
