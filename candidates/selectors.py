"""Reads for candidate pages and other apps, scoped through hiring_hub.access."""

import statistics
from collections import Counter
from dataclasses import dataclass

from django.db import models
from django.db.models import (
    Count,
    Exists,
    F,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber

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


def _deal_breaker_misses() -> QuerySet:
    return Assessment.objects.filter(
        rating=Assessment.Rating.DOES_NOT_MEET, criterion__kind=Criterion.Kind.DEAL_BREAKER
    )


def mark_deal_breakers(applications) -> list:
    """Set `deal_breaker_flag` on a page of applications with one indexed query (an
    EXISTS per row in the page query tempts PostgreSQL into hashing every assessment)."""
    applications = list(applications)
    flagged = set(
        _deal_breaker_misses()
        .filter(application_id__in=[a.pk for a in applications])
        .values_list("application_id", flat=True)
    )
    for application in applications:
        application.deal_breaker_flag = application.pk in flagged
    return applications


def mark_candidate_deal_breakers(candidates) -> list:
    """`deal_breaker_flag` on a page of candidates: a deal-breaker missed on any application."""
    candidates = list(candidates)
    flagged = set(
        _deal_breaker_misses()
        .filter(application__candidate_id__in=[c.pk for c in candidates])
        .values_list("application__candidate_id", flat=True)
    )
    for candidate in candidates:
        candidate.deal_breaker_flag = candidate.pk in flagged
    return candidates


# --- Candidates ----------------------------------------------------------------------------
def candidate_list(*, user, q: str = "", tag: str = "") -> QuerySet:
    """Candidates by name; `q` matches name, email or location (trigram indexes on
    PostgreSQL), `tag` a tag exactly. Paginate the result (it can hold every candidate),
    then `mark_candidate_deal_breakers` on the page."""
    qs = access.candidates_visible_to(user)
    if q:
        qs = qs.filter(Q(full_name__icontains=q) | Q(email__icontains=q) | Q(location__icontains=q))
    if tag:
        tagged = Candidate.tags.through.objects.filter(tag__name__iexact=tag)
        qs = qs.filter(pk__in=tagged.values("candidate_id"))
    visible_apps = access.applications_visible_to(user).select_related("requisition")
    return qs.prefetch_related(
        "tags", Prefetch("applications", queryset=visible_apps, to_attr="visible_applications")
    ).order_by("full_name", "id")


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


def _pipeline_filtered(*, user, requisition, filters: PipelineFilters) -> QuerySet:
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
        tagged = Candidate.tags.through.objects.filter(tag__name__iexact=filters.tag)
        qs = qs.filter(candidate_id__in=tagged.values("candidate_id"))
    if filters.flagged:
        qs = qs.filter(_deal_breaker_missed())
    return qs


def pipeline_applications(*, user, requisition, filters: PipelineFilters | None = None):
    """The requisition's applications as the pipeline table lists them, by candidate name.
    Paginate it (a busy search has thousands), then `mark_deal_breakers` on the page."""
    filters = filters or PipelineFilters()
    assessed = (
        Assessment.objects.filter(application_id=OuterRef("pk"))
        .order_by()
        .values("application_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        _pipeline_filtered(user=user, requisition=requisition, filters=filters)
        .select_related("candidate")
        .prefetch_related("candidate__tags")
        .annotate(assessed=Coalesce(Subquery(assessed), 0))
        .order_by("candidate__full_name", "pk")
    )


BOARD_CARDS = 20


def _criteria_count(keys: list, rated: Q) -> Coalesce:
    """How many of these criteria (by key, so an assessment made against an earlier signed
    version still counts) the application's assessments match `rated` on."""
    matching = (
        Assessment.objects.filter(rated, application_id=OuterRef("pk"), criterion__key__in=keys)
        .order_by()
        .values("application_id")
        .annotate(n=Count("criterion__key", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(matching), 0)


def pipeline_board(
    *, user, requisition, filters: PipelineFilters | None = None, version=None
) -> list[dict]:
    """Board columns: the first BOARD_CARDS applications of each stage by candidate name,
    with the stage's total under the filters, in one query. Each card carries what the
    board shows of it: `met` and `assessed` of the `criteria_total` criteria of the signed
    `version` (time in stage is `stage_changed_at`)."""
    filters = filters or PipelineFilters()
    by_name = ["candidate__full_name", "pk"]
    keys = [c.key for c in version.criteria.all()] if version is not None else []
    rated = ~Q(rating=Assessment.Rating.UNKNOWN) | ~Q(evidence="")
    ranked = (
        _pipeline_filtered(user=user, requisition=requisition, filters=filters)
        .select_related("candidate")
        .annotate(
            stage_rank=Window(RowNumber(), partition_by=F("stage"), order_by=by_name),
            stage_total=Window(Count("pk"), partition_by=F("stage")),
            met=_criteria_count(keys, Q(rating=Assessment.Rating.MEETS)),
            assessed=_criteria_count(keys, rated),
        )
        .filter(stage_rank__lte=BOARD_CARDS)
        .order_by("stage", *by_name)
    )
    columns = {
        s: {
            "stage": s,
            "label": St(s).label,
            "apps": [],
            "total": 0,
            "needs_reason": s in St.reason_required_values(),
        }
        for s in PIPELINE_STAGES
    }
    for application in mark_deal_breakers(ranked):
        application.criteria_total = len(keys)
        column = columns[application.stage]
        column["apps"].append(application)
        column["total"] = application.stage_total
    for column in columns.values():
        column["more"] = column["total"] - len(column["apps"])
    return list(columns.values())


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


# Stages a requisition's home row counts: the open ones, in pipeline order.
OPEN_STAGES = [s for s in PIPELINE_STAGES if s not in St.closed_values()]


def open_stage_counts(requisition_ids: list[int]) -> dict[int, list[tuple[str, int]]]:
    """(label, count) of every open stage of each requisition, from one grouped query over
    those requisitions' applications (application_req_stage_idx). The caller decides who
    may see the numbers."""
    rows = (
        Application.objects.filter(requisition_id__in=requisition_ids, stage__in=OPEN_STAGES)
        .values_list("requisition_id", "stage")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {(requisition_id, stage): n for requisition_id, stage, n in rows}
    return {
        pk: [(stage.label, counts.get((pk, stage), 0)) for stage in OPEN_STAGES]
        for pk in requisition_ids
    }


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
    for a in with_flags(pipeline_applications(user=user, requisition=requisition)):
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
def application_detail(*, user, pk: int, timeline: slice = slice(0, 21)) -> Application:
    """An application with what its page shows; of the timeline, the `timeline` slice of
    stage changes (latest first)."""
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
                queryset=StageChange.objects.select_related("actor").order_by("-created_at", "-id")[
                    timeline
                ],
                to_attr="timeline",
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
def _tally(decision=None):
    entries = ShortlistEntry.objects.filter(shortlist_id=OuterRef("pk"))
    if decision is not None:
        entries = entries.filter(decision=decision)
    count = entries.order_by().values("shortlist_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(count), 0)


def _with_tallies(qs: QuerySet) -> QuerySet:
    """Entry counts per decision, as subqueries: computed for the rows a page shows, not
    by grouping every entry of every shortlist before the page is cut."""
    return qs.annotate(
        size=_tally(),
        advanced=_tally(D.ADVANCE),
        declined=_tally(D.DECLINE),
        need_info=_tally(D.NEED_INFO),
        pending=_tally(D.PENDING),
    )


def acceptance_rate(advanced: int, declined: int) -> float | None:
    """Share of decided candidates the manager advanced; None until one is decided."""
    decided = advanced + declined
    return advanced / decided if decided else None


def shortlist_inbox(*, user, everyone: bool = False) -> QuerySet:
    """Shortlists still open first, newest first: a hiring manager's own; a recruiter's
    on their requisitions, or all with `everyone`. Paginate it."""
    qs = access.shortlists_visible_to(user)
    if access.is_recruiter(user) and not everyone:
        qs = qs.filter(requisition__recruiter_id=user.pk)
    return _with_tallies(
        qs.select_related("requisition", "submitted_by", "requisition__hiring_manager")
    ).order_by(F("completed_at").asc(nulls_first=True), "-submitted_at", "-pk")


def shortlist_for_review(*, user, pk: int) -> Shortlist:
    """A shortlist the user may see, with its tallies and criteria (entries come a page
    at a time from `shortlist_entries`)."""
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
            Prefetch("criteria_version__criteria", queryset=Criterion.objects.order_by("order")),
        )
        .get(pk=pk)
    )
    shortlist.acceptance_rate = acceptance_rate(shortlist.advanced, shortlist.declined)
    return shortlist


def shortlist_entries(shortlist: Shortlist) -> QuerySet:
    """The entries of a shortlist with what the review page shows of each, in a fixed
    number of queries per page of entries; call `entries_with_rows` on the page."""
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
    return (
        ShortlistEntry.objects.filter(shortlist=shortlist)
        .select_related("decided_by")
        .prefetch_related(
            Prefetch("application", queryset=apps),
            "criteria",
            Prefetch("messages", queryset=ShortlistMessage.objects.select_related("author")),
        )
        .order_by("id")
    )


def shortlist_next_undecided(shortlist: Shortlist) -> tuple[ShortlistEntry, int] | None:
    """The entry the manager should answer next (the first awaiting review, else the first
    asking for more information) and how many entries come before it in the review's
    order; None when every candidate is answered. Reads one shortlist's entries
    (the shortlist foreign key's index)."""
    entries = ShortlistEntry.objects.filter(shortlist=shortlist).order_by("id")
    entry = (
        entries.filter(decision=D.PENDING).first() or entries.filter(decision=D.NEED_INFO).first()
    )
    if entry is None:
        return None
    return entry, entries.filter(id__lt=entry.id).count()


def entries_with_rows(entries, criteria: list) -> list[ShortlistEntry]:
    """Each entry gets `rows`: the recruiter's assessment against each criterion."""
    entries = list(entries)
    for entry in entries:
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
    return entries


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


# Forward stages of the funnel, in order; rejected and withdrawn end an application
# wherever it was, so they are not steps.
FUNNEL_STAGES = [St.SOURCED, St.SCREENING, St.SHORTLISTED, St.MANAGER_REVIEW, St.INTERVIEWING]
FUNNEL_STAGES += [St.OFFER, St.HIRED]


def pipeline_history(requisition, *, now) -> dict:
    """The funnel and the time in stage of one requisition, from its stage changes (one
    query over that requisition's applications only).

    - funnel: per forward stage, the applications that reached it (an application that
      skipped a stage passed it) and the conversion from the stage before;
    - time_in_stage: per open stage, the median days an application spent there, counting
      stints that ended and the one still running (until `now`)."""
    changes = (
        StageChange.objects.filter(application__requisition=requisition)
        .order_by("application_id", "created_at", "pk")
        .values_list("application_id", "to_stage", "created_at")
    )
    order = {stage: i for i, stage in enumerate(FUNNEL_STAGES)}
    furthest: dict[int, int] = {}
    stints: dict[str, list[float]] = {stage: [] for stage in FUNNEL_STAGES}
    previous = None
    for application_id, stage, at in changes:
        if previous and previous[0] == application_id and previous[1] in stints:
            stints[previous[1]].append((at - previous[2]).total_seconds() / 86400)
        elif previous and previous[1] in stints and previous[1] not in St.closed_values():
            stints[previous[1]].append((now - previous[2]).total_seconds() / 86400)
        if stage in order:
            furthest[application_id] = max(furthest.get(application_id, 0), order[stage])
        previous = (application_id, stage, at)
    if previous and previous[1] in stints and previous[1] not in St.closed_values():
        stints[previous[1]].append((now - previous[2]).total_seconds() / 86400)
    reached = Counter(furthest.values())
    funnel, before = [], None
    for i, stage in enumerate(FUNNEL_STAGES):
        count = sum(n for step, n in reached.items() if step >= i)
        funnel.append(
            {
                "stage": stage,
                "label": stage.label,
                "reached": count,
                "conversion": count / before if before else None,
            }
        )
        before = count
    time_in_stage = [
        {
            "stage": stage,
            "label": stage.label,
            "median_days": statistics.median(stints[stage]) if stints[stage] else None,
            "stints": len(stints[stage]),
        }
        for stage in FUNNEL_STAGES
        if stage not in St.closed_values()
    ]
    return {"funnel": funnel, "time_in_stage": time_in_stage}


# --- Offers --------------------------------------------------------------------------------
def offer_notes(offer) -> QuerySet:
    return NegotiationNote.objects.filter(offer=offer).select_related("author")


# --- Dashboard ---------------------------------------------------------------------------------
def _with_last_message(qs: QuerySet) -> QuerySet:
    """Who wrote last on a 'need more information' thread, and when: the ball is in the
    court of whoever did not."""
    last = ShortlistMessage.objects.filter(entry_id=OuterRef("pk")).order_by("-created_at", "-pk")
    return qs.annotate(
        last_author_id=Subquery(last.values("author_id")[:1]),
        last_message_at=Subquery(last.values("created_at")[:1]),
    )


def questions_waiting_on_recruiter(user) -> QuerySet:
    """Open questions of hiring managers on the requisitions whose pipeline the user may
    change, where the manager wrote last (no reply yet): the recruiter's turn."""
    manager_wrote_last = Q(last_author_id=F("shortlist__requisition__hiring_manager_id")) | Q(
        last_author_id__isnull=True
    )
    return (
        _with_last_message(
            ShortlistEntry.objects.filter(
                decision=D.NEED_INFO,
                shortlist__requisition__in=access.pipelines_changeable_by(user),
            )
        )
        .filter(manager_wrote_last)
        .select_related("application__candidate", "shortlist__requisition__hiring_manager")
        .order_by("decided_at", "pk")
    )


def answers_waiting_on_manager(user) -> QuerySet:
    """Questions the user asked as hiring manager that the recruiter has answered (someone
    else wrote last): the manager's turn to decide or ask again."""
    return (
        _with_last_message(
            ShortlistEntry.objects.filter(
                decision=D.NEED_INFO, shortlist__requisition__hiring_manager_id=user.pk
            )
        )
        .exclude(last_author_id=user.pk)
        .filter(last_author_id__isnull=False)
        .select_related("application__candidate", "shortlist__requisition")
        .order_by("last_message_at", "pk")
    )


def entries_waiting_on_manager(user) -> QuerySet:
    """Every shortlisted candidate whose next move is the user's as hiring manager: not
    answered yet, or a question the recruiter has answered."""
    answered = Q(last_author_id__isnull=False) & ~Q(last_author_id=user.pk)
    return _with_last_message(
        ShortlistEntry.objects.filter(
            shortlist__requisition__hiring_manager_id=user.pk,
            decision__in=[D.PENDING, D.NEED_INFO],
        )
    ).filter(Q(decision=D.PENDING) | answered)


def shortlists_waiting_on_manager(user) -> QuerySet:
    """The user's shortlists (as hiring manager) with candidates not answered yet."""
    return (
        _with_tallies(Shortlist.objects.filter(requisition__hiring_manager_id=user.pk))
        .filter(completed_at__isnull=True, pending__gt=0)
        .select_related("requisition")
        .order_by("submitted_at", "pk")
    )


DASHBOARD_ITEMS = 10


def dashboard_panel(user) -> dict:
    """For templates/candidates/_dashboard_panel.html, what waits on the user and nobody
    else: a hiring manager's shortlists to answer, answered questions to decide on and
    offers to approve; a recruiter's unanswered questions from managers, shortlists to send
    and approved offers in progress. Each list shows its oldest DASHBOARD_ITEMS."""
    from candidates.models import Offer

    panel = {
        "to_review": [],
        "answers": [],
        "approvals": [],
        "questions": [],
        "to_send": [],
        "offers": [],
        "limit": DASHBOARD_ITEMS,
    }
    if not user.is_authenticated:
        return panel
    if access.reviews_shortlists(user):
        panel["to_review"] = list(shortlists_waiting_on_manager(user)[:DASHBOARD_ITEMS])
        panel["answers"] = list(answers_waiting_on_manager(user)[:DASHBOARD_ITEMS])
        panel["approvals"] = list(
            Offer.objects.filter(
                outcome=Offer.Outcome.OPEN,
                approved_at__isnull=True,
                application__requisition__hiring_manager_id=user.pk,
            )
            .select_related("application__candidate", "application__requisition")
            .order_by("created_at")[:DASHBOARD_ITEMS]
        )
    if access.can_manage_candidates(user):
        panel["questions"] = list(questions_waiting_on_recruiter(user)[:DASHBOARD_ITEMS])
        # Candidates marked shortlisted but not sent to the manager yet, per requisition.
        panel["to_send"] = list(
            Application.objects.filter(
                requisition__in=access.pipelines_changeable_by(user), stage=St.SHORTLISTED
            )
            .values("requisition_id", "requisition__title")
            .annotate(count=Count("pk"), since=Min("stage_changed_at"))
            .order_by("since", "requisition_id")[:DASHBOARD_ITEMS]
        )
        # An offer waiting for the manager's approval is on the manager's home, not here.
        panel["offers"] = list(
            Offer.objects.filter(
                outcome=Offer.Outcome.OPEN,
                approved_at__isnull=False,
                application__requisition__in=access.pipelines_changeable_by(user),
            )
            .select_related("application__candidate", "application__requisition")
            .order_by("created_at")[:DASHBOARD_ITEMS]
        )
    return panel
