"""Candidates: the list, a person's page, the duplicate found when adding someone."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Expression, JSONField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import JSONObject

from candidates.models import Application, Candidate, Tag
from candidates.selectors.assessments import _first_miss, candidates_flag, with_flags
from hiring_hub import access
from hiring_hub.panel_sql import scope_sql
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


def _looked_up(model, column: str, key: str) -> Subquery:
    """`model`'s `column` of the row whose primary key is the outer row's `key`, looked up
    per row rather than joined: on a table this small PostgreSQL hashes every row of it
    for each listed person, several times the cost of the page's rows."""
    return Subquery(model.objects.filter(pk=OuterRef(key)).order_by().values(column))


def tag_names(candidate: str = "pk") -> JSONRows:
    """The names of the tags of the candidate `candidate` points to, by name."""
    tagged = Candidate.tags.through.objects.filter(candidate_id=OuterRef(candidate))
    names = tagged.values(item=_looked_up(Tag, "name", "tag_id"))
    return JSONRows(names.order_by("item", "tag_id"))


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
    row = JSONObject(
        id="pk", stage="stage", title=_looked_up(Requisition, "title", "requisition_id")
    )
    return JSONRows(visible.order_by("-created_at", "-pk").values(item=row), objects=True)


# What the candidate list shows of each person.
LISTED_FIELDS = ("id", "full_name", "email", "location", "source")


def _candidate_queryset(user: User, q: str, tag: str) -> QuerySet:
    qs = access.candidates_visible_to(user).filter(matching(q, tag))
    return (
        qs.annotate(**_listed_columns(), visible_applications=_application_rows(user))
        .order_by("full_name", "id")
        .values(*LISTED_FIELDS, "deal_breaker_flag", "listed_tags", "visible_applications")
    )


# Stand-ins for the search and the tag in a statement compiled once (letters only: the
# LIKE escaping leaves them as they are), and the statements by shape (_statement).
_Q, _TAG = "hhcandidatesq", "hhcandidatestag"
_STATEMENTS: dict[tuple, tuple[str, tuple]] = {}


def _statement(user: User, q: str, tag: str) -> tuple[str, list] | None:
    """candidate_list's statement and parameters: the ORM's, compiled once per process
    for each shape (the access scopes hiring_hub.access gives the user, as SQL, and
    whether a search and a tag filter it), the search and the tag put in per request as
    their lookups would (building and compiling the queryset cost more than running it).
    None when the user may see no one."""
    scopes = (
        scope_sql(access.candidates_visible_to(user)),
        scope_sql(access.applications_visible_to(user)),
    )
    if None in scopes:
        return None
    key = (connection.vendor, scopes, bool(q), bool(tag))
    if key not in _STATEMENTS:
        if len(_STATEMENTS) > 256:  # one shape per user who sees only some people
            _STATEMENTS.clear()
        queryset = _candidate_queryset(user, _Q if q else "", _TAG if tag else "")
        sql, params = queryset.query.sql_with_params()
        if sum(_Q in str(p) for p in params) != (3 if q else 0) or sum(
            _TAG in str(p) for p in params
        ) != (1 if tag else 0):
            raise AssertionError(f"the search and tag are not where expected: {params}")
        _STATEMENTS[key] = (sql, params)
    sql, params = _STATEMENTS[key]
    like, exact = (
        connection.ops.prep_for_like_query(q),
        connection.ops.prep_for_iexact_query(tag),
    )
    return sql, [_put_in(p, like, exact) for p in params]


def _put_in(param, like: str, exact: str):
    """A parameter of a compiled statement with the search or the tag put in where its
    stand-in is: one or the other, never both (a search may contain the tag's stand-in)."""
    if not isinstance(param, str):
        return param
    if _Q in param:
        return param.replace(_Q, like)
    if _TAG in param:
        return param.replace(_TAG, exact)
    return param


class CandidateRows:
    """candidate_list's rows: sliced (`rows[start:stop]`, as paginate_uncounted reads a
    page) or iterated, read by a raw cursor. The two JSON columns are decoded here, as
    their JSONField would."""

    def __init__(self, statement: tuple[str, list] | None) -> None:
        self.statement = statement

    def __getitem__(self, index: slice) -> list[dict]:
        if self.statement is None:
            return []
        sql, params = self.statement
        start, stop = index.start or 0, index.stop
        if stop is not None:
            sql = f"{sql} LIMIT {int(stop) - int(start)} OFFSET {int(start)}"
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            names = [column[0] for column in cursor.description]
            fetched = cursor.fetchall()
        rows = [dict(zip(names, row, strict=True)) for row in fetched]
        for row in rows:
            row["deal_breaker_flag"] = bool(row["deal_breaker_flag"])
            for name in ("listed_tags", "visible_applications"):
                if row[name] is not None:
                    row[name] = json.loads(row[name])
        return rows

    def __iter__(self):
        return iter(self[0:None])


def candidate_list(*, user: User, q: str = "", tag: str = "") -> CandidateRows:
    """Candidates by name, filtered by `matching`, as dicts of LISTED_FIELDS with their
    `deal_breaker_flag`, `listed_tags` (names) and `visible_applications` (as
    `_application_rows`), in one query. Paginate the result (it can hold every
    candidate)."""
    return CandidateRows(_statement(user, q, tag))


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
