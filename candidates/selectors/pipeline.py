"""A requisition's pipeline: the table, the board, the counts per stage and the CSV."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING

from django.db.models import (
    CharField,
    Count,
    Expression,
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber

from candidates.models import Application, Assessment, Candidate
from candidates.selectors.assessments import (
    _deal_breaker_missed,
    _first_miss,
    mark_deal_breakers,
)
from candidates.selectors.people import matching, tag_names
from candidates.selectors.subqueries import Quote, RowsAsJSON
from hiring_hub import access
from requisitions.models import CriteriaVersion, Requisition

if TYPE_CHECKING:
    from hiring_hub.models import User

St = Application.Stage

# Pipeline stages in the order a search moves through them; closed stages last.
PIPELINE_STAGES = list(St)


@dataclass
class PipelineFilters:
    stage: str = ""
    q: str = ""
    tag: str = ""
    flagged: bool = False

    @classmethod
    def from_query(cls, query) -> PipelineFilters:
        """The filters of the pipeline page's query string; an unknown stage is ignored."""
        stage = query.get("stage", "")
        return cls(
            stage=stage if stage in St.values else "",
            q=query.get("q", "").strip(),
            tag=query.get("tag", "").strip(),
            flagged=query.get("flagged") == "1",
        )


def _pipeline_filtered(
    *, user: User, requisition: Requisition, filters: PipelineFilters
) -> QuerySet:
    qs = access.applications_visible_to(user).filter(requisition=requisition)
    if filters.stage:
        qs = qs.filter(stage=filters.stage)
    qs = qs.filter(matching(filters.q, filters.tag, prefix="candidate__"))
    if filters.flagged:
        qs = qs.filter(_deal_breaker_missed())
    return qs


@cache
def _row_columns() -> Mapping[str, Expression]:
    """What the table and the bulk move read of each application: `deal_breaker_flag`,
    `assessed` (its assessments) and `candidate_name`. Built once per process (annotate
    copies them), as building them costs more than the page's own query takes to run."""
    assessed = (
        Assessment.objects.filter(application_id=OuterRef("pk"))
        .order_by()
        .values("application_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    # Sorted by a correlated name lookup rather than a join: joined, PostgreSQL walks every
    # candidate by name probing for this requisition's applications (a busy requisition
    # holds 2% of them); looked up, it reads the requisition's applications by index and
    # sorts them. The page's other columns are looked up for its rows only.
    name = Candidate.objects.filter(pk=OuterRef("candidate_id")).order_by().values("full_name")
    return MappingProxyType(
        {
            "deal_breaker_flag": _first_miss(application_id=OuterRef("pk")),
            "assessed": Coalesce(Subquery(assessed), 0),
            "candidate_name": Subquery(name),
        }
    )


@cache
def _table_columns() -> Mapping[str, Expression]:
    """The candidate's columns of the pipeline table beside its name: `email`,
    `location`, `listed_tags` (built once per process, as `_row_columns`)."""
    email, location = (
        Candidate.objects.filter(pk=OuterRef("candidate_id")).order_by().values(column)[:1]
        for column in ("email", "location")
    )
    return MappingProxyType(
        {
            "email": Subquery(email),
            "location": Subquery(location),
            "listed_tags": tag_names("candidate_id"),
        }
    )


def _pipeline_sorted(*, user: User, requisition: Requisition, filters: PipelineFilters) -> QuerySet:
    return (
        _pipeline_filtered(user=user, requisition=requisition, filters=filters)
        .annotate(**_row_columns())
        .order_by("candidate_name", "pk")
    )


def pipeline_applications(
    *, user: User, requisition: Requisition, filters: PipelineFilters | None = None
) -> QuerySet:
    """The requisition's applications as the pipeline table lists them, by candidate name,
    with their `deal_breaker_flag`, `assessed` and their candidate (with `listed_tags`):
    what the bulk move and the CSV read."""
    candidates = Candidate.objects.defer(*UNLISTED_CANDIDATE_FIELDS).prefetch_related(
        Prefetch("tags", to_attr="listed_tags")
    )
    return _pipeline_sorted(
        user=user, requisition=requisition, filters=filters or PipelineFilters()
    ).prefetch_related(Prefetch("candidate", queryset=candidates))


def pipeline_rows(
    *, user: User, requisition: Requisition, filters: PipelineFilters | None = None
) -> QuerySet:
    """The pipeline table's rows in `pipeline_applications`' order, as dicts in one query:
    the application's `id`, `stage`, `closed_reason`, `stage_changed_at`, `assessed` and
    `deal_breaker_flag`, its candidate's `candidate_name`, `email`, `location` and
    `listed_tags` (names). Paginate it (a busy search has thousands)."""
    return (
        _pipeline_sorted(user=user, requisition=requisition, filters=filters or PipelineFilters())
        .annotate(**_table_columns())
        .values(*TABLE_FIELDS)
    )


TABLE_FIELDS = (
    "id",
    "stage",
    "closed_reason",
    "stage_changed_at",
    "assessed",
    "deal_breaker_flag",
    "candidate_name",
    "email",
    "location",
    "listed_tags",
)

# Candidate columns neither the pipeline table nor its CSV shows.
UNLISTED_CANDIDATE_FIELDS = (
    "links",
    "notes",
    "resume",
    "resume_content_type",
    "created_by",
    "created_at",
    "updated_at",
    "erased_at",
)

BOARD_CARDS = 20
# What a card shows (hiring_hub_tags.board_card): a person's notes and links stay behind.
BOARD_CARD_FIELDS = (
    "stage",
    "stage_changed_at",
    "requisition_id",
    "candidate__full_name",
    "candidate__location",
)


def _criteria_count(keys: list, rated: Q) -> Coalesce:
    """How many of these criteria (by key, so an assessment made against an earlier signed
    version still counts) the application's assessments match `rated` on."""
    matching_ = (
        Assessment.objects.filter(rated, application_id=OuterRef("pk"), criterion__key__in=keys)
        .order_by()
        .values("application_id")
        .annotate(n=Count("criterion__key", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(matching_), 0)


def pipeline_board(
    *,
    user: User,
    requisition: Requisition,
    filters: PipelineFilters | None = None,
    version: CriteriaVersion | None = None,
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
        .only(*BOARD_CARD_FIELDS)
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


def move_stages(requisition: Requisition) -> list[tuple[str, str]]:
    """The stages the pipeline offers to move to: on a stopped search only closing the
    application; before alignment nothing past screening (the services refuse the rest)."""
    if requisition.is_read_only:
        allowed = set(St.reason_required_values())
    elif requisition.is_before_alignment:
        allowed = set(St.values) - set(St.manager_visible_values())
    else:
        allowed = set(St.values)
    return [(value, label) for value, label in St.choices if value in allowed]


def stage_counts_column(user: User) -> PipelineStageCounts | None:
    """The column (on requisitions, `PipelineStageCounts`) that gives `stage_counts`
    its `counted` when the user may open every application (a recruiter): then each one
    counted is seen, and the counts need no query of their own. None for the others."""
    visible = access.applications_visible_to(user)
    if visible.query.where != Application.objects.all().query.where:
        return None
    return PipelineStageCounts("pk")


def stage_counts(*, user: User, requisition: Requisition, counted: str | None = None) -> list[dict]:
    """How many applications sit at each stage, in one query, or none when `counted`
    (the requisition's `stage_counts_column`) has them. Whoever may see the
    pipeline sees the numbers of every stage (the weekly check-in reports them too); the
    people behind them only as far as access allows: `visible` counts those the user may
    open, `hidden` the rest (a hiring manager's candidates before the shortlist)."""
    if counted is not None:
        counts = Counter(dict(json.loads(counted)))
        return _stage_count_rows(counts, counts)
    visible = access.applications_visible_to(user).filter(requisition=requisition)
    counted = (
        Application.objects.filter(requisition=requisition)
        if access.can_see_pipeline(user, requisition)
        else visible
    )
    # Where the user may open every application counted (the same filter), each one is
    # seen: counted by stage alone, from the index (application_req_stage_idx).
    everyone = counted.query.where == visible.query.where
    seen = Count("*") if everyone else Count("pk", filter=Q(pk__in=visible.values("pk")))
    rows = counted.values("stage").annotate(n=Count("*"), seen=seen).order_by()
    counts = Counter({row["stage"]: row["n"] for row in rows})
    seen = Counter({row["stage"]: row["seen"] for row in rows})
    return _stage_count_rows(counts, seen)


def _stage_count_rows(counts: Counter, seen: Counter) -> list[dict]:
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


def listed_total(counts: list[dict], filters: PipelineFilters) -> int | None:
    """How many applications the pipeline table lists under `filters`, read from its
    `stage_counts` (those the user may open) when no search, tag or flag narrows it;
    None when only counting the table's own query tells."""
    if filters.q or filters.tag or filters.flagged:
        return None
    return sum(c["visible"] for c in counts if c["stage"] == filters.stage or not filters.stage)


# Stages a requisition's home row counts: the open ones, in pipeline order.
OPEN_STAGES = [s for s in PIPELINE_STAGES if s not in St.closed_values()]


class OpenStageCounts(Func):
    """How many applications of the row's requisition are in each open stage, as text
    "n,n,…" in OPEN_STAGES order (read_open_stage_counts): a column of the home's list of
    requisitions rather than one more grouped query. One COUNT(*) per stage, each from
    application_req_stage_idx alone, for the listed rows only; the SQL around the
    reference is written once per process and vendor (_open_stage_counts_sql)."""

    arity = 1
    output_field = CharField()

    def as_sql(self, compiler, connection, **extra_context):
        ref, params = compiler.compile(self.source_expressions[0])
        pieces = _open_stage_counts_sql(connection.vendor)
        return ref.join(pieces), list(params) * (len(pieces) - 1)


class PipelineStageCounts(RowsAsJSON):
    """The row's requisition's applications counted by stage, as rows of [stage, count]
    (stages without any left out): the pipeline's counts (stage_counts' `counted`) read
    with its requisition, grouped once from application_req_stage_idx alone."""

    def rows(self, outer: str, q: Quote) -> tuple[list[str], str, str]:
        stage = q("stage")
        tables = (
            f"(SELECT hh_sc.{stage} AS stage, COUNT(*) AS n"
            f" FROM {q(Application._meta.db_table)} hh_sc"
            f" WHERE hh_sc.{q('requisition_id')} = {outer} GROUP BY hh_sc.{stage}) hh_sc_t"
        )
        return ["hh_sc_t.stage", "hh_sc_t.n"], tables, "hh_sc_t.stage"

    # "[]" rather than None without applications: counted all the same (no query after).
    def as_sql(self, compiler, connection, **extra_context):
        sql, params = super().as_sql(compiler, connection, **extra_context)
        return f"COALESCE({sql}, '[]')", params

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = super().as_sqlite(compiler, connection, **extra_context)
        return f"COALESCE({sql}, '[]')", params


@cache
def _open_stage_counts_sql(vendor: str) -> tuple[str, ...]:
    """OpenStageCounts' SQL, split where the requisition's reference goes."""
    from django.db import connections

    conn = next(c for c in connections.all() if c.vendor == vendor)
    q, text = conn.ops.quote_name, TextField().db_type(conn)
    table = q(Application._meta.db_table)
    pieces = []
    for stage in OPEN_STAGES:
        value = str(stage)
        if not value.replace("_", "").isalnum():
            raise ValueError(value)
        pieces.append(
            f"CAST((SELECT COUNT(*) FROM {table} hh_sc WHERE hh_sc.{q('stage')} = '{value}'"
            f" AND hh_sc.{q('requisition_id')} = \x00) AS {text})"
        )
    return tuple(" || ',' || ".join(pieces).split("\x00"))


def read_open_stage_counts(value: str) -> list[tuple[str, int]]:
    """OpenStageCounts' text as (label, count) of each open stage, as open_stage_counts
    gives them."""
    return [(stage.label, int(n)) for stage, n in zip(OPEN_STAGES, value.split(","), strict=True)]


def open_stage_counts(requisition_ids: list[int]) -> dict[int, list[tuple[str, int]]]:
    """(label, count) of every open stage of each requisition, from one grouped query over
    those requisitions' applications (application_req_stage_idx, read alone). The caller
    decides who may see the numbers."""
    rows = (
        Application.objects.filter(requisition_id__in=requisition_ids, stage__in=OPEN_STAGES)
        .values_list("requisition_id", "stage")
        # COUNT(*): read from the index alone, where COUNT(id) reads every row's heap page.
        .annotate(n=Count("*"))
        .order_by()
    )
    counts = {(requisition_id, stage): n for requisition_id, stage, n in rows}
    return {
        pk: [(stage.label, counts.get((pk, stage), 0)) for stage in OPEN_STAGES]
        for pk in requisition_ids
    }


CSV_HEADER = [
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


def pipeline_csv_rows(*, user: User, requisition: Requisition) -> Iterator[list]:
    """Header then one row per application, as the pipeline page shows them."""
    yield CSV_HEADER
    # Every row: the candidates joined in the same query rather than fetched after.
    applications = (
        pipeline_applications(user=user, requisition=requisition)
        .prefetch_related(None)
        .select_related("candidate")
        .prefetch_related("candidate__tags")
    )
    for a in applications:
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
