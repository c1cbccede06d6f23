"""The requisition page: the requisition with everything it shows loaded up front, and
what the page builds from it (versions, coverage, intake sections, transitions, charts)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from hiring_hub import access
from hiring_hub.charts import Chart
from hiring_hub.models import User
from requisitions import calibration
from requisitions import charts as requisition_charts
from requisitions.models import (
    AlignmentMeeting,
    CriteriaVersion,
    IntakeRevision,
    InterviewStage,
    Requisition,
    RequisitionEvent,
)
from requisitions.selectors.criteria import criteria_diff
from requisitions.selectors.intake import IntakeSection, intake_of, intake_sections
from requisitions.selectors.plan import Coverage, plan_coverage

if TYPE_CHECKING:
    from requisitions.models import Intake


def requisition_for_detail(user: User, *, timeline: slice = slice(0, 21)) -> QuerySet[Requisition]:
    """Visible requisitions with everything the detail page shows loaded up front, so
    the page costs the same number of queries whatever the size of the search; of the
    timeline, only the `timeline` slice of events (latest first)."""
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
                .prefetch_related("criteria")  # in their order (Criterion.Meta)
                .order_by("-number"),
            ),
            Prefetch(
                "alignment_meetings",
                queryset=AlignmentMeeting.objects.select_related("signed_version")
                .prefetch_related(Prefetch("attendees", queryset=_people()))
                .order_by("-scheduled_at"),
            ),
            Prefetch(
                "interview_stages",
                queryset=InterviewStage.objects.prefetch_related(
                    Prefetch("interviewers", queryset=_people())
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


def _people() -> QuerySet[User]:
    return User.objects.order_by("full_name")


@dataclass(frozen=True)
class RequisitionPage:
    """What the requisition page shows beside the requisition itself."""

    signed: CriteriaVersion | None
    draft: CriteriaVersion | None
    history: list[CriteriaVersion]  # the signed versions, latest first
    diff: dict | None  # the pending draft against the signed version
    coverage: Coverage  # of the criteria the search is judged against
    draft_coverage: Coverage | None  # of the pending draft's, once signed
    intake: Intake | None
    intake_sections: tuple[IntakeSection, ...]
    meetings: list[AlignmentMeeting]
    transitions: list[tuple[str, str]]  # (status, label) the status menu offers
    # A filled, cancelled or on-hold search shows no editing controls (the services refuse
    # the writes too); the status menu stays, for reopening.
    can_edit: bool
    can_change_status: bool
    can_edit_intake: bool
    can_see_intake: bool
    can_see_compensation: bool
    can_sign_off: bool
    can_see_pipeline: bool
    can_see_check_ins: bool
    calibration: list | None
    alignment: dict | None  # shortlist acceptance (candidates.selectors)
    days_open_chart: Chart
    funnel_chart: Chart | None = None
    time_in_stage_chart: Chart | None = None
    acceptance_chart: Chart | None = None


def requisition_page(requisition: Requisition, *, user: User) -> RequisitionPage:
    """The requisition page of `requisition` (from `requisition_for_detail`) for `user`."""
    from candidates import charts as candidate_charts
    from candidates import selectors as candidate_selectors

    versions = list(requisition.criteria_versions.all())
    signed = next((v for v in versions if v.is_signed), None)
    draft = next((v for v in versions if not v.is_signed), None)
    current = signed or draft
    stages = list(requisition.interview_stages.all())
    intake = intake_of(requisition)
    read_only = requisition.is_read_only
    can_see_pipeline = access.can_see_pipeline(user, requisition)
    can_see_check_ins = access.can_see_check_ins(user, requisition)
    alignment = (
        candidate_selectors.requisition_alignment(requisition)
        if access.can_see_shortlists(user) and can_see_pipeline
        else None
    )
    now = timezone.now()
    charts = {}
    if can_see_pipeline:
        history = candidate_selectors.pipeline_history(requisition, now=now)
        charts["funnel_chart"] = candidate_charts.funnel_chart(history["funnel"])
        charts["time_in_stage_chart"] = candidate_charts.time_in_stage_chart(
            history["time_in_stage"]
        )
    if alignment:
        charts["acceptance_chart"] = candidate_charts.acceptance_chart(alignment)
    return RequisitionPage(
        signed=signed,
        draft=draft,
        history=[v for v in versions if v.is_signed],
        diff=criteria_diff(signed, draft) if signed and draft else None,
        coverage=plan_coverage(stages, list(current.criteria.all()) if current else []),
        draft_coverage=(
            plan_coverage(stages, list(draft.criteria.all())) if draft and signed else None
        ),
        intake=intake,
        intake_sections=intake_sections(intake),
        meetings=[
            m
            for m in requisition.alignment_meetings.all()
            if access.can_see_alignment_meeting(user, m)
        ],
        transitions=[
            (value, Requisition.Status(value).label) for value in requisition.allowed_transitions()
        ],
        can_edit=access.can_edit_requisition(user, requisition) and not read_only,
        can_change_status=access.can_change_requisition_status(user, requisition),
        can_edit_intake=access.can_edit_intake(user, requisition) and not read_only,
        can_see_intake=access.can_see_intake(user, requisition),
        can_see_compensation=access.can_see_compensation(user, requisition),
        can_sign_off=access.can_sign_off(user, requisition) and not read_only,
        can_see_pipeline=can_see_pipeline,
        can_see_check_ins=can_see_check_ins,
        calibration=(
            calibration.calibration_summary(requisition, signed)
            if signed and can_see_check_ins
            else None
        ),
        alignment=alignment,
        days_open_chart=requisition_charts.days_open_chart(
            [requisition_charts.days_open(requisition, now=now)]
        ),
        **charts,
    )
