"""Reads for scorecards, scoped through hiring_hub.access (the independence rule lives in
access.scorecards_visible_to)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from candidates.models import Application
from debriefs.models import CriterionRating, Interview, Scorecard, ScorecardAmendment
from hiring_hub import access
from hiring_hub.models import User
from requisitions.models import Criterion


def scorecard_for_edit(user: User, interview: Interview) -> Scorecard | None:
    return (
        Scorecard.objects.filter(interview=interview, interviewer_id=user.pk)
        .select_related("criteria_version")
        .prefetch_related(
            Prefetch("ratings", queryset=CriterionRating.objects.select_related("criterion")),
            "explore_criteria",
            Prefetch("amendments", queryset=_amendments()),
        )
        .first()
    )


def _amendments():
    return ScorecardAmendment.objects.select_related("author")


def submitted_scorecards(user: User, application: Application) -> QuerySet:
    """Submitted scorecards of an application that the user may read (independence rule)."""
    return (
        access.scorecards_visible_to(user)
        .filter(
            interview__application_id=application.pk,
            status=Scorecard.Status.SUBMITTED,
            interview__status=Interview.Status.SCHEDULED,
        )
        .select_related("interviewer", "interview__stage")
        .prefetch_related(
            Prefetch("ratings", queryset=CriterionRating.objects.select_related("criterion")),
            "explore_criteria",
            Prefetch("amendments", queryset=_amendments()),
        )
        .order_by("interview__stage__order", "interview__starts_at", "interviewer__full_name")
    )


def own_unsubmitted_scorecard(user: User, application: Application) -> Scorecard | None:
    """The user's own scorecard on this application that is not submitted yet, if any."""
    return (
        Scorecard.objects.filter(
            interviewer_id=user.pk,
            interview__application_id=application.pk,
            status=Scorecard.Status.DRAFT,
        )
        .exclude(interview__status=Interview.Status.CANCELLED)
        .select_related("interview__stage")
        .order_by("interview__starts_at")
        .first()
    )


@dataclass(frozen=True)
class ScorecardPage:
    scorecard: Scorecard
    # The criteria rated on it, and every criterion of its version (to pick what to explore).
    criteria: list[Criterion]
    all_criteria: list[Criterion]

    @property
    def submitted(self) -> bool:
        return self.scorecard.is_submitted


def scorecard_page(user: User, interview: Interview) -> ScorecardPage | None:
    """The user's own scorecard on the interview with what its form needs; None if they
    have none."""
    scorecard = scorecard_for_edit(user, interview)
    if scorecard is None:
        return None
    version = scorecard.criteria_version
    return ScorecardPage(
        scorecard=scorecard,
        criteria=[r.criterion for r in scorecard.ratings.all()],
        all_criteria=list(version.criteria.all()) if version else [],
    )
