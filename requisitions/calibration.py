"""Market calibration: what the search so far says about each agreed criterion.

Per criterion of the current signed version (followed across versions by its stable key):

- met share: of the applications the recruiter assessed on it (a rating other than
  "unknown"), the share rated "meets";
- decline share: of the hiring manager's shortlist declines on this requisition, the share
  that cite it as a reason;
- interviews: of the applications rated "meets", how many were interviewed (a submitted
  scorecard), the interviewers' average rating of the criterion for them (1 strong no to
  4 strong yes), and how many of those interviewed advanced (a debrief decision to advance
  or to offer, or an offer stage or hire).

A criterion the market rarely meets (under RARELY_MET of at least MIN_ASSESSED assessed) or
that causes most declines (at least MOST_DECLINES of at least MIN_DECLINES declines) is
flagged with a trade-off to discuss, in words from its kind. All of it is one query, with
one row per criterion, whatever the number of candidates.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, F, FloatField, Func, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from requisitions.models import CriteriaVersion, Criterion, Requisition

RARELY_MET = 0.25
MIN_ASSESSED = 8
MOST_DECLINES = 0.5
MIN_DECLINES = 4

TRADE_OFFS = {
    Criterion.Kind.MUST_HAVE: "make it a nice-to-have, or widen what counts as meeting it",
    Criterion.Kind.NICE_TO_HAVE: "drop it, or stop weighing it in shortlist reviews",
    Criterion.Kind.DEAL_BREAKER: (
        "say precisely what is a deal-breaker, or make it a point to probe in interviews"
    ),
}


@dataclass
class CriterionCalibration:
    criterion: Criterion
    assessed: int
    met: int
    declines_citing: int
    declines: int
    interviewed: int
    advanced: int
    interview_average: float | None

    @property
    def met_share(self) -> float | None:
        return self.met / self.assessed if self.assessed else None

    @property
    def decline_share(self) -> float | None:
        return self.declines_citing / self.declines if self.declines else None

    @property
    def rarely_met(self) -> bool:
        return self.assessed >= MIN_ASSESSED and self.met_share < RARELY_MET

    @property
    def causes_declines(self) -> bool:
        return self.declines >= MIN_DECLINES and self.decline_share >= MOST_DECLINES

    @property
    def flagged(self) -> bool:
        return self.rarely_met or self.causes_declines

    @property
    def reasons(self) -> list[str]:
        reasons = []
        if self.rarely_met:
            reasons.append(f"only {self.met} of {self.assessed} assessed candidates meet it")
        if self.causes_declines:
            reasons.append(f"{self.declines_citing} of {self.declines} declines cite it")
        return reasons

    @property
    def trade_off(self) -> str:
        return TRADE_OFFS[Criterion.Kind(self.criterion.kind)] if self.flagged else ""

    def as_json(self) -> dict:
        """For a check-in snapshot: what the report and the email show, frozen."""
        return {
            "key": str(self.criterion.key),
            "name": self.criterion.name,
            "met_percent": _percent(self.met_share),
            "decline_percent": _percent(self.decline_share),
            "kind": self.criterion.get_kind_display(),
            "assessed": self.assessed,
            "met": self.met,
            "declines_citing": self.declines_citing,
            "declines": self.declines,
            "interviewed": self.interviewed,
            "advanced": self.advanced,
            "interview_average": (
                round(self.interview_average, 1) if self.interview_average is not None else None
            ),
            "flagged": self.flagged,
            "reasons": self.reasons,
            "trade_off": self.trade_off,
        }


def _percent(share: float | None) -> int | None:
    return round(share * 100) if share is not None else None


def _count(queryset, column: str) -> Coalesce:
    """A correlated count over `queryset` (already filtered on the outer criterion's key)."""
    # Func rather than Count: an aggregate over the whole subquery, without a GROUP BY.
    distinct_count = Func(
        F(column), template="COUNT(DISTINCT %(expressions)s)", output_field=IntegerField()
    )
    return Coalesce(
        Subquery(queryset.order_by().annotate(n=distinct_count).values("n")[:1]),
        0,
    )


def requisition_calibration(
    requisition: Requisition, version: CriteriaVersion | None = None
) -> list[CriterionCalibration]:
    """The calibration of each criterion of `version` (default: the latest signed one), in
    the criteria's order. One query."""
    from candidates.models import Application, Assessment, ShortlistEntry
    from debriefs.models import CriterionRating, DebriefDecision, Scorecard

    if version is not None:
        criteria = Criterion.objects.filter(version=version)
    else:
        latest = (
            CriteriaVersion.objects.filter(
                requisition=requisition, status=CriteriaVersion.Status.SIGNED
            )
            .order_by("-number")
            .values("pk")[:1]
        )
        criteria = Criterion.objects.filter(version_id=Subquery(latest))

    assessed = Assessment.objects.filter(
        application__requisition=requisition, criterion__key=OuterRef("key")
    ).exclude(rating=Assessment.Rating.UNKNOWN)
    met = assessed.filter(rating=Assessment.Rating.MEETS)

    def met_it(application: str) -> Exists:
        """The application `application` (a column of the row being counted) was rated
        "meets" on the criterion: one indexed lookup per row (an IN over every "meets" of
        the criterion would be rebuilt for each row, which grows with the square of the
        pipeline)."""
        return Exists(
            Assessment.objects.filter(
                application_id=OuterRef(application),
                criterion__key=OuterRef(OuterRef("key")),
                rating=Assessment.Rating.MEETS,
            )
        )

    declines = ShortlistEntry.objects.filter(
        shortlist__requisition=requisition, decision=ShortlistEntry.Decision.DECLINE
    )
    ratings = CriterionRating.objects.filter(
        met_it("scorecard__interview__application_id"),
        criterion__key=OuterRef("key"),
        rating__isnull=False,
        scorecard__status=Scorecard.Status.SUBMITTED,
        scorecard__interview__application__requisition=requisition,
    )
    interviewed = Application.objects.filter(
        met_it("pk"),
        requisition=requisition,
        interviews__scorecards__status=Scorecard.Status.SUBMITTED,
    )
    went_on = Exists(
        DebriefDecision.objects.filter(
            application=OuterRef("pk"),
            decision__in=[DebriefDecision.Decision.ADVANCE, DebriefDecision.Decision.OFFER],
        )
    )
    advanced = interviewed.filter(
        went_on
        | Q(stage__in=[Application.Stage.OFFER, Application.Stage.HIRED])
        | Q(offer__isnull=False)
    )
    rows = (
        criteria.annotate(
            n_assessed=_count(assessed, "application"),
            n_met=_count(met, "application"),
            n_declines_citing=_count(declines.filter(criteria__key=OuterRef("key")), "pk"),
            n_declines=_count(declines, "pk"),
            n_interviewed=_count(interviewed, "pk"),
            n_advanced=_count(advanced, "pk"),
            interview_average=Subquery(
                ratings.order_by()
                .annotate(avg=Func(F("rating"), function="AVG", output_field=FloatField()))
                .values("avg")[:1]
            ),
        )
        .select_related(None)
        .order_by("order", "id")
    )
    return [
        CriterionCalibration(
            criterion=row,
            assessed=row.n_assessed,
            met=row.n_met,
            declines_citing=row.n_declines_citing,
            declines=row.n_declines,
            interviewed=row.n_interviewed,
            advanced=row.n_advanced,
            interview_average=(
                float(row.interview_average) if row.interview_average is not None else None
            ),
        )
        for row in rows
    ]


def calibration_summary(
    requisition: Requisition, version: CriteriaVersion | None = None
) -> list[dict]:
    """The calibration, JSON-ready (the weekly check-in keeps it in its snapshot; the
    requisition page shows the same rows)."""
    return [row.as_json() for row in requisition_calibration(requisition, version)]
