"""Assessments against the signed criteria, and the deal-breaker flag they raise."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from candidates.models import Application, Assessment
from requisitions.models import CriteriaVersion, Criterion


def _deal_breaker_misses() -> QuerySet:
    """Assessments that rate a deal-breaker "does not meet" (the trait is present)."""
    return Assessment.objects.filter(
        rating=Assessment.Rating.DOES_NOT_MEET, criterion__kind=Criterion.Kind.DEAL_BREAKER
    )


def _deal_breaker_missed(application_ref: str = "pk") -> Exists:
    """A deal-breaker criterion rated "does not meet" on the application."""
    return Exists(_deal_breaker_misses().filter(application_id=OuterRef(application_ref)))


def with_flags(qs: QuerySet) -> QuerySet:
    """Applications annotated with `deal_breaker_flag`."""
    return qs.annotate(deal_breaker_flag=_deal_breaker_missed())


def _first_miss(**match) -> Coalesce:
    """Whether a deal-breaker miss matches, as a first miss looked up per row (a scalar
    subquery: on a sorted, paginated list it runs for the rows of the page after the
    LIMIT), never an EXISTS the planner may turn into hashing every assessment."""
    misses = _deal_breaker_misses().filter(**match).order_by()
    first = misses.annotate(hit=Value(True)).values("hit")[:1]
    return Coalesce(Subquery(first), Value(False), output_field=models.BooleanField())


def with_page_flags(qs: QuerySet) -> QuerySet:
    """Applications annotated with `deal_breaker_flag`, for a sorted, paginated list."""
    return qs.annotate(deal_breaker_flag=_first_miss(application_id=OuterRef("pk")))


def candidates_page_flag(qs: QuerySet) -> QuerySet:
    """Candidates annotated with `deal_breaker_flag` (a deal-breaker missed on any
    application), for a sorted, paginated list."""
    return qs.annotate(deal_breaker_flag=_first_miss(application__candidate_id=OuterRef("pk")))


def candidates_flag(qs: QuerySet) -> QuerySet:
    """Candidates annotated with `deal_breaker_flag`: a deal-breaker missed on any
    application."""
    return qs.annotate(
        deal_breaker_flag=Exists(
            _deal_breaker_misses().filter(application__candidate_id=OuterRef("pk"))
        )
    )


def _mark(rows: Iterable, field: str) -> list:
    """Set `deal_breaker_flag` on each row whose pk matches `field` of a deal-breaker
    miss, with one indexed query (an EXISTS per row in the page query tempts PostgreSQL
    into hashing every assessment)."""
    rows = list(rows)
    flagged = set(
        _deal_breaker_misses()
        .filter(**{f"{field}__in": [row.pk for row in rows]})
        .values_list(field, flat=True)
    )
    for row in rows:
        row.deal_breaker_flag = row.pk in flagged
    return rows


def mark_deal_breakers(applications: Iterable[Application]) -> list[Application]:
    """`deal_breaker_flag` on a page of applications."""
    return _mark(applications, "application_id")


def with_assessment_status(qs: QuerySet, version: CriteriaVersion | None) -> QuerySet:
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


def unassessed_pks(
    applications: Iterable[Application], version: CriteriaVersion | None
) -> set[int]:
    """The applications among these that nobody assessed against `version` (every
    criterion unknown and no evidence)."""
    pks = [a.pk for a in applications]
    return set(pks) - set(
        with_assessment_status(Application.objects.filter(pk__in=pks), version)
        .filter(assessed__gt=0)
        .values_list("pk", flat=True)
    )


def criterion_rows(assessments: Iterable[Assessment], criteria: Iterable[Criterion]) -> list[dict]:
    """One row per criterion with the application's assessment of it, if any: made against
    this criterion, else against the same criterion (by key) of an earlier signed version;
    `flag` when it is a deal-breaker rated present."""
    assessments = list(assessments)
    by_criterion = {a.criterion_id: a for a in assessments}
    by_key = {a.criterion.key: a for a in assessments}
    rows = []
    for criterion in criteria:
        assessment = by_criterion.get(criterion.pk) or by_key.get(criterion.key)
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


def assessment_rows(*, application: Application, version: CriteriaVersion | None) -> list[dict]:
    """One row per criterion of the version with the current assessment, if any."""
    criteria = version.criteria.all() if version else []
    return criterion_rows(application.assessments.all(), criteria)
