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
flagged with a trade-off to discuss, in words from its kind. It takes the same few queries
whatever the number of candidates: the criteria, then the requisition's assessments and
interview ratings grouped by criterion key, and its declines counted in one row.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Avg, Count, Exists, F, FloatField, OuterRef, Q, Subquery

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


def requisition_calibration(
    requisition: Requisition, version: CriteriaVersion | None = None
) -> list[CriterionCalibration]:
    """The calibration of each criterion of `version` (default: the latest signed one), in
    the criteria's order. Three queries over this requisition's rows (the assessments and
    the interview ratings grouped by criterion key, the declines counted in one row), after
    the criteria: one more query, unless `version` comes with its criteria prefetched."""
    from candidates.models import Application, Assessment, Offer, ShortlistEntry
    from debriefs.models import CriterionRating, DebriefDecision, Scorecard

    if version is not None:
        criteria = list(version.criteria.all())  # in their order (Criterion.Meta)
    else:
        latest = (
            CriteriaVersion.objects.filter(
                requisition=requisition, status=CriteriaVersion.Status.SIGNED
            )
            .order_by("-number")
            .values("pk")[:1]
        )
        criteria = list(
            Criterion.objects.filter(version_id=Subquery(latest))
            .select_related(None)
            .order_by("order", "id")
        )

    meets = Q(rating=Assessment.Rating.MEETS)
    has_scorecard = Exists(
        Scorecard.objects.filter(
            interview__application_id=OuterRef("application_id"),
            status=Scorecard.Status.SUBMITTED,
        )
    )
    went_on = (
        Q(application__stage__in=[Application.Stage.OFFER, Application.Stage.HIRED])
        | Exists(
            DebriefDecision.objects.filter(
                application_id=OuterRef("application_id"),
                decision__in=[DebriefDecision.Decision.ADVANCE, DebriefDecision.Decision.OFFER],
            )
        )
        | Exists(Offer.objects.filter(application_id=OuterRef("application_id")))
    )
    # Applications, not assessments, are counted: one assessed on several versions of a
    # criterion counts once (and as meeting it if it met it on any).
    assessments = (
        Assessment.objects.filter(application__requisition=requisition)
        .exclude(rating=Assessment.Rating.UNKNOWN)
        .values(key=F("criterion__key"))
        .annotate(
            assessed=Count("application", distinct=True),
            met=Count("application", distinct=True, filter=meets),
            interviewed=Count("application", distinct=True, filter=meets & has_scorecard),
            # The scorecard last: few applications went on, so it is rarely looked up twice.
            advanced=Count("application", distinct=True, filter=meets & went_on & has_scorecard),
        )
    )
    averages = (
        CriterionRating.objects.filter(
            # Ratings of the applications that met the criterion, on any of its versions.
            Exists(
                Assessment.objects.filter(
                    application_id=OuterRef("scorecard__interview__application_id"),
                    criterion__key=OuterRef("criterion__key"),
                    rating=Assessment.Rating.MEETS,
                )
            ),
            rating__isnull=False,
            scorecard__status=Scorecard.Status.SUBMITTED,
            scorecard__interview__application__requisition=requisition,
        )
        .values(key=F("criterion__key"))
        .annotate(interview_average=Avg("rating", output_field=FloatField()))
    )
    figures = defaultdict(
        lambda: {
            "assessed": 0,
            "met": 0,
            "interviewed": 0,
            "advanced": 0,
            "interview_average": None,
        }
    )
    for grouped in (assessments, averages):
        for row in grouped.order_by():
            figures[row.pop("key")].update(row)
    # One row: all the declines, and those citing each criterion (on any version, by key).
    declines = ShortlistEntry.objects.filter(
        shortlist__requisition=requisition, decision=ShortlistEntry.Decision.DECLINE
    ).aggregate(
        total=Count("pk", distinct=True),
        **{
            f"citing_{i}": Count("pk", distinct=True, filter=Q(criteria__key=criterion.key))
            for i, criterion in enumerate(criteria)
        },
    )
    return [
        CriterionCalibration(
            criterion=criterion,
            declines=declines["total"],
            declines_citing=declines[f"citing_{i}"],
            **figures[criterion.key],
        )
        for i, criterion in enumerate(criteria)
    ]


def calibration_summary(
    requisition: Requisition, version: CriteriaVersion | None = None
) -> list[dict]:
    """The calibration, JSON-ready (the weekly check-in keeps it in its snapshot; the
    requisition page shows the same rows)."""
    return [row.as_json() for row in requisition_calibration(requisition, version)]
