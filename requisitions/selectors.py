"""Reads on requisitions, scoped through hiring_hub.access."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet

from hiring_hub import access
from requisitions.models import (
    AlignmentMeeting,
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
def requisition_for_detail(user) -> QuerySet[Requisition]:
    """Visible requisitions with everything the detail page shows loaded up front, so
    the page costs the same number of queries whatever the size of the search."""
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
                ),
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
    waiting for their sign-off; for a recruiter, their searches waiting for re-alignment
    or still before alignment. The lead wires it into the dashboard."""
    visible = access.requisitions_visible_to(user).open().select_related("hiring_manager")
    awaiting = Q(
        criteria_versions__status=CriteriaVersion.Status.DRAFT,
        criteria_versions__criteria__isnull=False,
    )
    to_sign = (
        visible.filter(awaiting, hiring_manager_id=user.pk).distinct().order_by("title")
        if user.is_authenticated
        else visible.none()
    )
    mine = visible.filter(recruiter_id=user.pk)
    return {
        "to_sign": list(to_sign[:10]),
        "realignment": list(mine.filter(realignment_needed=True).order_by("title")[:10]),
        "before_alignment": list(
            mine.filter(status__in=[Requisition.Status.DRAFT, Requisition.Status.INTAKE]).order_by(
                "title"
            )[:10]
        ),
    }
