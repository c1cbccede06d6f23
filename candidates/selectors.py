"""Reads for candidate pages and other apps, scoped through hiring_hub.access."""

from collections import Counter
from dataclasses import dataclass

from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from candidates.models import (
    Application,
    Assessment,
    Candidate,
    NegotiationNote,
    Shortlist,
    ShortlistEntry,
    ShortlistMessage,
    StageChange,
)
from hiring_hub import access
from requisitions.models import Criterion

St = Application.Stage
D = ShortlistEntry.Decision

# Pipeline stages in the order a search moves through them; closed stages last.
PIPELINE_STAGES = [
    St.SOURCED,
    St.SCREENING,
    St.SHORTLISTED,
    St.MANAGER_REVIEW,
    St.INTERVIEWING,
    St.OFFER,
    St.HIRED,
    St.REJECTED,
    St.WITHDRAWN,
]


def _deal_breaker_missed(application_ref: str = "pk") -> Exists:
    """A deal-breaker criterion rated "does not meet" on the application."""
    return Exists(
        Assessment.objects.filter(
            application_id=OuterRef(application_ref),
            rating=Assessment.Rating.DOES_NOT_MEET,
            criterion__kind=Criterion.Kind.DEAL_BREAKER,
        )
    )


def with_flags(qs: QuerySet) -> QuerySet:
    """Applications annotated with `deal_breaker_flag`."""
    return qs.annotate(deal_breaker_flag=_deal_breaker_missed())


def candidates_flag(qs: QuerySet) -> QuerySet:
    return qs.annotate(
        deal_breaker_flag=Exists(
            Assessment.objects.filter(
                application__candidate_id=OuterRef("pk"),
                rating=Assessment.Rating.DOES_NOT_MEET,
                criterion__kind=Criterion.Kind.DEAL_BREAKER,
            )
        )
    )


# --- Candidates ----------------------------------------------------------------------------
def candidate_list(*, user, q: str = "", tag: str = "") -> QuerySet:
    qs = access.candidates_visible_to(user)
    if q:
        qs = qs.filter(
            Q(full_name__icontains=q)
            | Q(email__icontains=q)
            | Q(location__icontains=q)
            | Q(tags__name__icontains=q)
        ).distinct()
    if tag:
        qs = qs.filter(tags__name__iexact=tag)
    visible_apps = access.applications_visible_to(user).select_related("requisition")
    return candidates_flag(qs).prefetch_related(
        "tags", Prefetch("applications", queryset=visible_apps, to_attr="visible_applications")
    )


def candidate_detail(*, user, pk: int) -> Candidate:
    """Raises Candidate.DoesNotExist (a 404) outside what the user may see."""
    visible_apps = with_flags(
        access.applications_visible_to(user).select_related(
            "requisition", "requisition__hiring_manager"
        )
    )
    return (
        candidates_flag(access.candidates_visible_to(user))
        .select_related("created_by")
        .prefetch_related(
            "tags",
            Prefetch("applications", queryset=visible_apps, to_attr="visible_applications"),
        )
        .get(pk=pk)
    )


def interview_focus_for(*, user, candidate: Candidate) -> list[dict]:
    """The interviews of this candidate the user may see, with the criteria each stage
    assesses: what an interviewer needs to prepare."""

    interviews = list(
        access.interviews_visible_to(user)
        .filter(application__candidate=candidate)
        .select_related("stage", "application__requisition")
        .prefetch_related("interviewers")
        .order_by("starts_at")
    )
    keys = {k for i in interviews for k in (i.stage.criterion_keys or [])}
    by_key = {}
    if keys:
        for criterion in (
            Criterion.objects.filter(key__in=keys, version__status="signed")
            .select_related("version")
            .order_by("version__number")
        ):
            by_key[str(criterion.key)] = criterion  # latest signed version wins
    return [
        {
            "interview": i,
            "criteria": [by_key[k] for k in (i.stage.criterion_keys or []) if k in by_key],
        }
        for i in interviews
    ]


# --- Pipeline ------------------------------------------------------------------------------
@dataclass
class PipelineFilters:
    stage: str = ""
    q: str = ""
    tag: str = ""
    flagged: bool = False
    include_closed: bool = True


def pipeline_applications(*, user, requisition, filters: PipelineFilters | None = None):
    filters = filters or PipelineFilters()
    qs = access.applications_visible_to(user).filter(requisition=requisition)
    if filters.stage:
        qs = qs.filter(stage=filters.stage)
    elif not filters.include_closed:
        qs = qs.exclude(stage__in=[St.REJECTED, St.WITHDRAWN])
    if filters.q:
        qs = qs.filter(
            Q(candidate__full_name__icontains=filters.q)
            | Q(candidate__email__icontains=filters.q)
            | Q(candidate__location__icontains=filters.q)
        )
    if filters.tag:
        qs = qs.filter(candidate__tags__name__iexact=filters.tag)
    qs = with_flags(qs)
    if filters.flagged:
        qs = qs.filter(deal_breaker_flag=True)
    return (
        qs.select_related("candidate")
        .prefetch_related("candidate__tags")
        .annotate(assessed=Count("assessments", distinct=True))
        .order_by("candidate__full_name", "pk")
    )


def stage_counts(*, user, requisition) -> list[dict]:
    """How many applications sit at each stage, in one query. Whoever may see the
    pipeline sees the numbers of every stage (the weekly check-in reports them too); the
    people behind them only as far as access allows: `visible` counts those the user may
    open, `hidden` the rest (a hiring manager's candidates before the shortlist)."""
    visible = access.applications_visible_to(user).filter(requisition=requisition)
    counted = (
        Application.objects.filter(requisition=requisition)
        if access.can_see_pipeline(user, requisition)
        else visible
    )
    rows = (
        counted.values("stage")
        .annotate(n=Count("pk"), seen=Count("pk", filter=Q(pk__in=visible.values("pk"))))
        .order_by()
    )
    counts = Counter({row["stage"]: row["n"] for row in rows})
    seen = Counter({row["stage"]: row["seen"] for row in rows})
    return [
        {
            "stage": s,
            "label": St(s).label,
            "count": counts.get(s, 0),
            "visible": seen.get(s, 0),
            "hidden": counts.get(s, 0) - seen.get(s, 0),
        }
        for s in PIPELINE_STAGES
    ]


def pipeline_csv_rows(*, user, requisition):
    """Header then one row per application, as the pipeline page shows them."""
    yield [
        "Candidate",
        "Email",
        "Phone",
        "Location",
        "Source",
        "Tags",
        "Stage",
        "Since",
        "Deal-breaker present",
        "Closed reason",
        "Added",
    ]
    for a in pipeline_applications(user=user, requisition=requisition):
        c = a.candidate
        yield [
            c.full_name,
            c.email,
            c.phone,
            c.location,
            c.get_source_display(),
            ", ".join(t.name for t in c.tags.all()),
            a.get_stage_display(),
            a.stage_changed_at.date().isoformat(),
            "yes" if a.deal_breaker_flag else "",
            a.closed_reason,
            a.created_at.date().isoformat(),
        ]


# --- Applications --------------------------------------------------------------------------
def application_detail(*, user, pk: int) -> Application:
    return (
        with_flags(access.applications_visible_to(user))
        .select_related(
            "candidate",
            "requisition",
            "requisition__recruiter",
            "requisition__hiring_manager",
            "offer",
        )
        .prefetch_related(
            Prefetch(
                "stage_changes",
                queryset=StageChange.objects.select_related("actor"),
            ),
            Prefetch(
                "assessments",
                queryset=Assessment.objects.select_related("criterion", "assessed_by"),
            ),
            Prefetch(
                "shortlist_entries",
                queryset=ShortlistEntry.objects.select_related(
                    "shortlist", "decided_by"
                ).prefetch_related("criteria"),
            ),
        )
        .get(pk=pk)
    )


def with_assessment_status(qs: QuerySet, version) -> QuerySet:
    """Applications annotated for the send step: `assessed` (criteria of `version` rated
    or with evidence), `criteria_total` (criteria in `version`) and `deal_breaker_flag`."""
    rated = Q(assessments__criterion__version=version) & (
        ~Q(assessments__rating=Assessment.Rating.UNKNOWN) | ~Q(assessments__evidence="")
    )
    total = version.criteria.count() if version is not None else 0
    return with_flags(qs).annotate(
        assessed=Count("assessments", filter=rated, distinct=True),
        criteria_total=models.Value(total, output_field=models.IntegerField()),
    )


def unassessed_pks(applications, version) -> set[int]:
    """The applications among these that nobody assessed against `version` (every
    criterion unknown and no evidence)."""
    pks = [a.pk for a in applications]
    return set(pks) - set(
        with_assessment_status(Application.objects.filter(pk__in=pks), version)
        .filter(assessed__gt=0)
        .values_list("pk", flat=True)
    )


def assessment_rows(*, application: Application, version) -> list[dict]:
    """One row per criterion of the version with the current assessment, if any."""
    existing = {a.criterion_id: a for a in application.assessments.all()}
    by_key = {a.criterion.key: a for a in application.assessments.all()}
    rows = []
    for criterion in version.criteria.all() if version else []:
        assessment = existing.get(criterion.pk) or by_key.get(criterion.key)
        rows.append(
            {
                "criterion": criterion,
                "assessment": assessment,
                "flag": bool(
                    assessment
                    and criterion.kind == Criterion.Kind.DEAL_BREAKER
                    and assessment.rating == Assessment.Rating.DOES_NOT_MEET
                ),
            }
        )
    return rows


# --- Shortlists ----------------------------------------------------------------------------
def _with_tallies(qs: QuerySet) -> QuerySet:
    return qs.annotate(
        size=Count("entries", distinct=True),
        advanced=Count("entries", filter=Q(entries__decision=D.ADVANCE), distinct=True),
        declined=Count("entries", filter=Q(entries__decision=D.DECLINE), distinct=True),
        need_info=Count("entries", filter=Q(entries__decision=D.NEED_INFO), distinct=True),
        pending=Count("entries", filter=Q(entries__decision=D.PENDING), distinct=True),
    )


def acceptance_rate(advanced: int, declined: int) -> float | None:
    """Share of decided candidates the manager advanced; None until one is decided."""
    decided = advanced + declined
    return advanced / decided if decided else None


def shortlist_inbox(*, user) -> QuerySet:
    return _with_tallies(
        access.shortlists_visible_to(user).select_related(
            "requisition", "submitted_by", "requisition__hiring_manager"
        )
    ).order_by("completed_at", "-submitted_at")


def shortlist_with_entries(*, user, pk: int) -> Shortlist:
    """A shortlist with everything its review page shows, in a fixed number of queries."""
    apps = (
        with_flags(Application.objects.all())
        .select_related("candidate")
        .prefetch_related(
            Prefetch(
                "assessments",
                queryset=Assessment.objects.select_related("criterion"),
            ),
            "candidate__tags",
        )
    )
    entries = (
        ShortlistEntry.objects.select_related("decided_by")
        .prefetch_related(
            Prefetch("application", queryset=apps),
            "criteria",
            Prefetch("messages", queryset=ShortlistMessage.objects.select_related("author")),
        )
        .order_by("id")
    )
    shortlist = (
        _with_tallies(access.shortlists_visible_to(user))
        .select_related(
            "requisition",
            "requisition__hiring_manager",
            "requisition__recruiter",
            "submitted_by",
            "criteria_version",
        )
        .prefetch_related(
            Prefetch("entries", queryset=entries),
            Prefetch("criteria_version__criteria", queryset=Criterion.objects.order_by("order")),
        )
        .get(pk=pk)
    )
    shortlist.acceptance_rate = acceptance_rate(shortlist.advanced, shortlist.declined)
    criteria = list(shortlist.criteria_version.criteria.all())
    for entry in shortlist.entries.all():
        app = entry.application
        by_criterion = {a.criterion_id: a for a in app.assessments.all()}
        by_key = {a.criterion.key: a for a in app.assessments.all()}
        entry.rows = []
        for criterion in criteria:
            assessment = by_criterion.get(criterion.pk) or by_key.get(criterion.key)
            entry.rows.append(
                {
                    "criterion": criterion,
                    "assessment": assessment,
                    "flag": bool(
                        assessment
                        and criterion.kind == Criterion.Kind.DEAL_BREAKER
                        and assessment.rating == Assessment.Rating.DOES_NOT_MEET
                    ),
                }
            )
    return shortlist


def requisition_alignment(requisition) -> dict:
    """The alignment signal: acceptance rate per shortlist, in order, and overall.
    For the requisition page: {"shortlists": [...], "overall": float|None, "trend": str}."""
    shortlists = list(
        _with_tallies(Shortlist.objects.filter(requisition=requisition)).order_by("number")
    )
    rows = []
    for s in shortlists:
        rows.append(
            {
                "shortlist": s,
                "number": s.number,
                "submitted_at": s.submitted_at,
                "size": s.size,
                "advanced": s.advanced,
                "declined": s.declined,
                "open": s.pending + s.need_info,
                "rate": acceptance_rate(s.advanced, s.declined),
            }
        )
    overall = acceptance_rate(
        sum(s.advanced for s in shortlists), sum(s.declined for s in shortlists)
    )
    rated = [r["rate"] for r in rows if r["rate"] is not None]
    trend = ""
    if len(rated) >= 2:
        trend = "up" if rated[-1] > rated[-2] else "down" if rated[-1] < rated[-2] else "flat"
    return {"shortlists": rows, "overall": overall, "trend": trend}


# --- Offers --------------------------------------------------------------------------------
def offer_notes(offer) -> QuerySet:
    return NegotiationNote.objects.filter(offer=offer).select_related("author")


# --- Dashboard ---------------------------------------------------------------------------------
def dashboard_panel(user) -> dict:
    """For templates/candidates/_dashboard_panel.html: a hiring manager's shortlists
    waiting for answers; a recruiter's open questions from managers and offers in progress."""
    from candidates.models import Offer

    panel = {"to_review": [], "questions": [], "offers": []}
    if not user.is_authenticated:
        return panel
    if user.is_hiring_manager:
        panel["to_review"] = [
            s
            for s in shortlist_inbox(user=user).filter(requisition__hiring_manager=user)
            if s.pending or s.need_info
        ]
    if access.can_manage_candidates(user):
        panel["questions"] = list(
            ShortlistEntry.objects.filter(
                decision=D.NEED_INFO, shortlist__requisition__recruiter=user
            )
            .select_related("application__candidate", "shortlist__requisition")
            .order_by("decided_at")[:10]
        )
        panel["offers"] = list(
            Offer.objects.filter(
                outcome=Offer.Outcome.OPEN, application__requisition__recruiter=user
            )
            .select_related("application__candidate", "application__requisition")
            .order_by("created_at")[:10]
        )
    return panel
