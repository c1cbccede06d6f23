"""Reads on requisitions, scoped through hiring_hub.access."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from hiring_hub import access
from hiring_hub.models import Role
from requisitions import partnership
from requisitions.models import (
    AlignmentMeeting,
    CheckIn,
    CriteriaVersion,
    Criterion,
    Intake,
    IntakeRevision,
    InterviewStage,
    Requisition,
    RequisitionEvent,
)


def current_signed_version(requisition: Requisition) -> CriteriaVersion | None:
    """The criteria the whole search is judged against: the latest signed-off version."""
    return (
        requisition.criteria_versions.filter(status=CriteriaVersion.Status.SIGNED)
        .order_by("-number")
        .prefetch_related("criteria")
        .first()
    )


def draft_version(requisition: Requisition) -> CriteriaVersion | None:
    return (
        requisition.criteria_versions.filter(status=CriteriaVersion.Status.DRAFT)
        .prefetch_related("criteria")
        .first()
    )


# --- List --------------------------------------------------------------------------------
def requisition_list(
    *,
    user,
    status: str = "",
    recruiter_id: int | None = None,
    hiring_manager_id: int | None = None,
    search: str = "",
) -> QuerySet[Requisition]:
    """The requisitions the user may see, filtered, with people loaded for the table."""
    qs = access.requisitions_visible_to(user).select_related("recruiter", "hiring_manager")
    if status == "open":
        qs = qs.open()
    elif status:
        qs = qs.filter(status=status)
    if recruiter_id:
        qs = qs.filter(recruiter_id=recruiter_id)
    if hiring_manager_id:
        qs = qs.filter(hiring_manager_id=hiring_manager_id)
    if search:
        qs = qs.filter(
            Q(title__icontains=search)
            | Q(team__icontains=search)
            | Q(location__icontains=search)
            | Q(hiring_manager__full_name__icontains=search)
            | Q(recruiter__full_name__icontains=search)
        )
    return qs.order_by("-created_at", "-id")


# --- Detail --------------------------------------------------------------------------------
def requisition_for_detail(user, *, timeline: slice = slice(0, 21)) -> QuerySet[Requisition]:
    """Visible requisitions with everything the detail page shows loaded up front, so
    the page costs the same number of queries whatever the size of the search; of the
    timeline, only the `timeline` slice of events (latest first)."""
    people = ("full_name",)
    return (
        access.requisitions_visible_to(user)
        .select_related("recruiter", "hiring_manager", "intake", "intake__updated_by")
        .prefetch_related(
            "hiring_team",
            "intake__meeting_attendees",
            Prefetch(
                "intake__revisions",
                queryset=IntakeRevision.objects.select_related("author").order_by(
                    "-created_at", "-id"
                ),
            ),
            Prefetch(
                "criteria_versions",
                queryset=CriteriaVersion.objects.select_related("signed_by", "created_by")
                .prefetch_related(
                    Prefetch("criteria", queryset=Criterion.objects.order_by("order", "id"))
                )
                .order_by("-number"),
            ),
            Prefetch(
                "alignment_meetings",
                queryset=AlignmentMeeting.objects.select_related("signed_version")
                .prefetch_related(Prefetch("attendees", queryset=_users_by(people)))
                .order_by("-scheduled_at"),
            ),
            Prefetch(
                "interview_stages",
                queryset=InterviewStage.objects.prefetch_related(
                    Prefetch("interviewers", queryset=_users_by(people))
                ).order_by("order", "id"),
            ),
            Prefetch(
                "events",
                queryset=RequisitionEvent.objects.select_related("actor").order_by(
                    "-created_at", "-id"
                )[timeline],
                to_attr="timeline",
            ),
        )
    )


def _users_by(ordering):
    from hiring_hub.models import User

    return User.objects.order_by(*ordering)


def intake_of(requisition: Requisition) -> Intake | None:
    try:
        return requisition.intake
    except Intake.DoesNotExist:
        return None


@dataclass
class Coverage:
    """Which criteria each stage assesses, and the must-haves no stage assesses."""

    stages: list[dict] = field(default_factory=list)
    uncovered_must_haves: list[Criterion] = field(default_factory=list)


def plan_coverage(stages, criteria) -> Coverage:
    """Stages with their criteria resolved from keys, and the must-have criteria of the
    given version that no stage assesses (the plan's blind spot)."""
    by_key = {str(c.key): c for c in criteria}
    covered: set[str] = set()
    rows = []
    for stage in stages:
        keys = [str(k) for k in stage.criterion_keys]
        covered.update(keys)
        rows.append({"stage": stage, "criteria": [by_key[k] for k in keys if k in by_key]})
    uncovered = [
        c for c in criteria if c.kind == Criterion.Kind.MUST_HAVE and str(c.key) not in covered
    ]
    return Coverage(stages=rows, uncovered_must_haves=uncovered)


# --- Diff ------------------------------------------------------------------------------
CRITERION_DIFF_FIELDS = (
    ("name", "Name"),
    ("kind", "Kind"),
    ("category", "Category"),
    ("definition", "What good looks like"),
)


def criteria_diff(signed: CriteriaVersion | None, draft: CriteriaVersion | None) -> dict:
    """A readable comparison of the draft against the signed version, criterion by
    criterion (followed by key): added, removed, changed (with before/after of each
    changed field), and the persona."""
    result = {"added": [], "removed": [], "changed": [], "persona": None, "has_changes": False}
    if draft is None:
        return result
    old = {c.key: c for c in signed.criteria.all()} if signed else {}
    new = {c.key: c for c in draft.criteria.all()}
    for key, criterion in new.items():
        before = old.get(key)
        if before is None:
            result["added"].append(criterion)
            continue
        fields = []
        for name, label in CRITERION_DIFF_FIELDS:
            a, b = getattr(before, name), getattr(criterion, name)
            if a != b:
                display = f"get_{name}_display"
                if hasattr(criterion, display):
                    a, b = getattr(before, display)(), getattr(criterion, display)()
                fields.append({"label": label, "before": a, "after": b})
        if fields:
            result["changed"].append({"criterion": criterion, "was": before, "fields": fields})
    result["removed"] = [c for key, c in old.items() if key not in new]
    signed_persona = signed.persona if signed else ""
    if signed_persona != draft.persona:
        result["persona"] = {"before": signed_persona, "after": draft.persona}
    result["has_changes"] = bool(
        result["added"] or result["removed"] or result["changed"] or result["persona"]
    )
    return result


# --- Alignment agenda -----------------------------------------------------------------------
def alignment_agenda(requisition: Requisition) -> str:
    """An agenda for the alignment meeting, built from the intake, the criteria (the
    draft if there is one, else the signed version) and the persona."""
    intake = Intake.objects.filter(requisition=requisition).first()
    version = requisition.criteria_versions.order_by("-number").prefetch_related("criteria").first()
    lines = [f"Alignment meeting: {requisition.title} ({requisition.team})", ""]
    lines.append("1. What success looks like")
    if intake and (intake.success_6_months or intake.success_12_months):
        if intake.success_6_months:
            lines.append(f"   - After 6 months: {_one_line(intake.success_6_months)}")
        if intake.success_12_months:
            lines.append(f"   - After 12 months: {_one_line(intake.success_12_months)}")
    else:
        lines.append("   - Not captured in the intake yet: agree on it first.")
    lines.append("2. Lessons from the past")
    if intake and intake.last_person_in_role:
        lines.append(f"   - The last person in the role: {_one_line(intake.last_person_in_role)}")
    if intake and intake.past_hire_not_worked:
        lines.append(f"   - A hire that did not work out: {_one_line(intake.past_hire_not_worked)}")
    if not (intake and (intake.last_person_in_role or intake.past_hire_not_worked)):
        lines.append("   - Ask about the last person in the role and a past hire that failed.")
    lines.append("3. Job requirements: walk through each criterion and its definition")
    criteria = list(version.criteria.all()) if version else []
    for kind in Criterion.Kind:
        of_kind = [c for c in criteria if c.kind == kind]
        if of_kind:
            lines.append(f"   {kind.label}s:")
            for c in of_kind:
                definition = f": {_one_line(c.definition)}" if c.definition else " (define it)"
                lines.append(f"   - {c.name}{definition}")
    if not criteria:
        lines.append("   - No criteria drafted yet.")
    lines.append("4. Candidate profile (persona)")
    persona = version.persona if version else ""
    lines.append(f"   - {_one_line(persona)}" if persona else "   - Describe the persona together.")
    lines.append("5. Deal makers and deal breakers")
    if intake and intake.deal_makers:
        lines.append(f"   - Deal makers: {_one_line(intake.deal_makers)}")
    if intake and intake.deal_breakers:
        lines.append(f"   - Deal breakers: {_one_line(intake.deal_breakers)}")
    lines.append("6. The talent market: what is out there, and the trade-offs we accept")
    if intake and intake.talent_market:
        lines.append(f"   - {_one_line(intake.talent_market)}")
    lines.append("7. Interview plan: which stage assesses which criterion")
    lines.append("8. Sign-off of the criteria by the hiring manager, and next steps")
    return "\n".join(lines)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def criterion_for_edit(requisition: Requisition) -> QuerySet[Criterion]:
    """The criteria as they would be edited now: the draft's, else the signed version's
    (editing one of those starts a new draft)."""
    version = draft_version(requisition) or current_signed_version(requisition)
    if version is None:
        return Criterion.objects.none()
    return Criterion.objects.filter(version=version)


# --- Dashboard ---------------------------------------------------------------------------
def dashboard_panel(user) -> dict:
    """What needs this person's attention on requisitions: for a hiring manager, criteria
    waiting for their sign-off and weekly check-ins to acknowledge; for a recruiter, their
    searches waiting for re-alignment or still before alignment."""
    visible = access.requisitions_visible_to(user).open().select_related("hiring_manager")
    awaiting = Q(
        criteria_versions__status=CriteriaVersion.Status.DRAFT,
        criteria_versions__criteria__isnull=False,
    )
    to_sign = (
        visible.filter(awaiting, hiring_manager_id=user.pk)
        .distinct()
        .annotate(
            waiting_since=Subquery(
                CriteriaVersion.objects.filter(
                    requisition_id=OuterRef("pk"), status=CriteriaVersion.Status.DRAFT
                ).values("created_at")[:1]
            )
        )
        .order_by("title")
        if user.is_authenticated
        else visible.none()
    )
    mine = visible.filter(recruiter_id=user.pk)
    # Compiled reports the manager has not acknowledged yet, oldest first.
    check_ins = (
        CheckIn.objects.filter(
            requisition__in=visible.filter(hiring_manager_id=user.pk),
            compiled_at__isnull=False,
            acknowledged_at__isnull=True,
        )
        .select_related("requisition")
        .order_by("compiled_at", "pk")
        if user.is_authenticated
        else CheckIn.objects.none()
    )
    from requisitions.retrospectives import retrospectives_waiting_on

    # A hiring manager signs off and acknowledges; a recruiter re-aligns and aligns: no
    # query for what the user's role cannot have waiting.
    manages, recruits = access.reviews_shortlists(user), access.can_manage_candidates(user)
    return {
        "retrospectives": list(retrospectives_waiting_on(user)[:10]),
        "to_sign": list(to_sign[:10]) if manages else [],
        "check_ins": list(check_ins[:10]) if manages else [],
        "realignment": list(mine.filter(realignment_needed=True).order_by("title")[:10])
        if recruits
        else [],
        "before_alignment": list(
            mine.filter(status__in=[Requisition.Status.DRAFT, Requisition.Status.INTAKE]).order_by(
                "title"
            )[:10]
        )
        if recruits
        else [],
        # Partnerships that turned bad: a prompt to talk, to both people.
        "talks": list(partnership.talks_waiting_on(user)[:10])
        if user.is_authenticated and user.role in (Role.RECRUITER, Role.HIRING_MANAGER)
        else [],
    }


# --- Weekly check-ins ------------------------------------------------------------------


def check_in_figures(requisition: Requisition, *, now, previous: dict | None = None) -> dict:
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
            row["count"] for row in stages if row["stage"] not in ("hired", "rejected", "withdrawn")
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


def _hydrate(value):
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


def check_ins_for(requisition: Requisition):
    """The history of a requisition's check-ins, newest week first."""
    return requisition.check_ins.select_related("acknowledged_by").order_by("-week_start")


def check_ins_visible_to(user):
    from hiring_hub import access

    return CheckIn.objects.filter(
        requisition__in=access.check_in_requisitions_visible_to(user)
    ).select_related("requisition__recruiter", "requisition__hiring_manager", "acknowledged_by")


def check_in_upcoming_week(requisition: Requisition, *, now=None) -> datetime.date:
    """The Monday of the week whose note the recruiter is writing: this week's until its
    check-in has gone out, then next week's (in the recruiter's zone)."""
    now = now or timezone.now()
    local_day = now.astimezone(requisition.recruiter.tzinfo).date()
    monday = local_day - datetime.timedelta(days=local_day.weekday())
    sent = CheckIn.objects.filter(
        requisition=requisition, week_start=monday, compiled_at__isnull=False
    ).exists()
    return monday + datetime.timedelta(days=7) if sent else monday
