"""Candidates: the list, a person's page, the duplicate found when adding someone."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING

from django.db.models import Expression, F, JSONField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import JSONObject

from candidates.models import Application, Candidate, Tag
from candidates.selectors.assessments import _first_miss, candidates_flag, with_flags
from hiring_hub import access
from requisitions.models import CriteriaVersion, Criterion, Requisition

if TYPE_CHECKING:
    from hiring_hub.models import User


def matching(q: str, tag: str, *, prefix: str = "") -> Q:
    """Candidates (through `prefix`, e.g. "candidate__") whose name, email or location
    contains `q` (trigram indexes on PostgreSQL) and who carry the tag `tag` exactly."""
    found = Q()
    if q:
        found &= (
            Q(**{f"{prefix}full_name__icontains": q})
            | Q(**{f"{prefix}email__icontains": q})
            | Q(**{f"{prefix}location__icontains": q})
        )
    if tag:
        tagged = Candidate.tags.through.objects.filter(tag__name__iexact=tag)
        found &= Q(**{f"{prefix}pk__in": tagged.values("candidate_id")})
    return found


class JSONRows(Subquery):
    """The rows of `queryset`, in its order, as a JSON array decoded to a list (`[]` for
    none): a per-row list (a person's tags, their applications) read in the row's own query
    rather than by one more query and a model per item. `queryset` selects one column
    named `item`: a scalar, or a JSONObject with `objects=True`."""

    output_field = JSONField()
    # PostgreSQL keeps a sorted subquery's order into the aggregate; the text is decoded
    # by JSONField, as psycopg would decode a json value before Django sees it.
    template = "(SELECT COALESCE(JSON_AGG(hh_rows.item), '[]')::text FROM (%(subquery)s) hh_rows)"

    def __init__(self, queryset, *, objects: bool = False) -> None:
        super().__init__(queryset)
        self.objects = objects

    def as_sqlite(self, compiler, connection, **extra_context):
        # A JSON object loses its JSON type through the subquery: JSON() gives it back.
        item = "JSON(hh_rows.item)" if self.objects else "hh_rows.item"
        template = f"(SELECT JSON_GROUP_ARRAY({item}) FROM (%(subquery)s) hh_rows)"
        return self.as_sql(compiler, connection, template=template, **extra_context)


def tag_names(candidate: str = "pk") -> JSONRows:
    """The names of the tags of the candidate `candidate` points to, by name."""
    tags = Tag.objects.filter(candidates=OuterRef(candidate)).order_by("name", "pk")
    return JSONRows(tags.values(item=F("name")))


@cache
def _listed_columns() -> Mapping[str, Expression]:
    """A listed person's `deal_breaker_flag` (as `candidates_page_flag`) and `listed_tags`,
    built once per process (annotate copies them): building costs about what running them
    for a page does."""
    return MappingProxyType(
        {
            "deal_breaker_flag": _first_miss(application__candidate_id=OuterRef("pk")),
            "listed_tags": tag_names(),
        }
    )


def _application_rows(user: User) -> JSONRows:
    """The candidate's applications the user may see, latest first: each one's `id`,
    `stage` and `title` (its requisition's)."""
    visible = access.applications_visible_to(user).filter(candidate_id=OuterRef("pk"))
    row = JSONObject(id="pk", stage="stage", title="requisition__title")
    return JSONRows(visible.order_by("-created_at", "-pk").values(item=row), objects=True)


# What the candidate list shows of each person.
LISTED_FIELDS = ("id", "full_name", "email", "location", "source")


def candidate_list(*, user: User, q: str = "", tag: str = "") -> QuerySet:
    """Candidates by name, filtered by `matching`, as dicts of LISTED_FIELDS with their
    `deal_breaker_flag`, `listed_tags` (names) and `visible_applications` (as
    `_application_rows`), in one query. Paginate the result (it can hold every
    candidate)."""
    qs = access.candidates_visible_to(user).filter(matching(q, tag))
    return (
        qs.annotate(**_listed_columns(), visible_applications=_application_rows(user))
        .order_by("full_name", "id")
        .values(*LISTED_FIELDS, "deal_breaker_flag", "listed_tags", "visible_applications")
    )


def candidate_detail(*, user: User, pk: int) -> Candidate:
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


def open_requisitions(user: User) -> QuerySet:
    """The open requisitions the user may add candidates to (can_change_pipeline)."""
    return access.pipelines_changeable_by(
        user, access.requisitions_visible_to(user).open()
    ).order_by("title")


def interview_focus_for(*, user: User, candidate: Candidate) -> list[dict]:
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
            Criterion.objects.filter(key__in=keys, version__status=CriteriaVersion.Status.SIGNED)
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


@dataclass(frozen=True)
class Duplicate:
    """The person already in Hiring Hub with the email typed on the add form, and where
    they are: the page offers their profile, or adding them to the chosen requisition."""

    candidate: Candidate | None = None
    applications: list[Application] = field(default_factory=list)
    requisition: Requisition | None = None
    already_on: Application | None = None


def duplicate_of(candidate: Candidate | None, requisition: Requisition | None) -> Duplicate:
    if candidate is None:
        return Duplicate()
    applications = list(
        candidate.applications.select_related("requisition").order_by("requisition__title")
    )
    already_on = next((a for a in applications if a.requisition == requisition), None)
    return Duplicate(candidate, applications, requisition, already_on)
