"""The debrief page: the criteria x interviewers matrix and what is still waiting; and the
debriefs waiting for a decision."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet

from candidates.models import Application
from debriefs.models import CriterionRating, DebriefDecision, Interview, Rating, Scorecard
from debriefs.selectors.scorecards import submitted_scorecards
from hiring_hub import access
from hiring_hub.models import User
from requisitions.models import Criterion, InterviewStage


@dataclass(frozen=True)
class Cell:
    assessed: bool
    rating: int | None = None
    evidence: str = ""
    deal_breaker: bool = False

    @property
    def label(self) -> str:
        if not self.assessed:
            return ""
        if not self.rating:
            return "No evidence"
        if self.deal_breaker:
            return Rating.deal_breaker_label(self.rating)
        return Rating(self.rating).label


@dataclass(frozen=True)
class Row:
    criterion: object
    cells: list[Cell]

    @property
    def ratings(self) -> list[int]:
        return [c.rating for c in self.cells if c.rating]

    @property
    def disagreement(self) -> bool:
        """Two interviewers two or more steps apart on this criterion."""
        ratings = self.ratings
        return len(ratings) >= 2 and max(ratings) - min(ratings) >= 2


@dataclass(frozen=True)
class Debrief:
    application: Application
    scorecards: list[Scorecard]
    rows: list[Row]
    recommendation_spread: list[dict]
    explore: list[dict]
    pending: list[dict]
    decisions: list[DebriefDecision]
    stage: InterviewStage | None
    next_stage: InterviewStage | None
    stages: list[InterviewStage] = field(default_factory=list)

    @property
    def by_interviewer(self) -> list[dict]:
        """The matrix turned on its side for a narrow screen, where a column per interviewer
        would push the second one off the edge: per interviewer, each criterion's row (for
        its name and disagreement) with that interviewer's cell."""
        return [
            {"scorecard": scorecard, "ratings": [(row, row.cells[i]) for row in self.rows]}
            for i, scorecard in enumerate(self.scorecards)
        ]

    @property
    def disagreements(self) -> list[Row]:
        return [row for row in self.rows if row.disagreement]

    @property
    def waiting_for_decision(self) -> bool:
        """The latest stage has submitted scorecards and no decision yet."""
        if self.stage is None or any(d.stage_id == self.stage.pk for d in self.decisions):
            return False
        return any(s.interview.stage_id == self.stage.pk for s in self.scorecards)

    @property
    def settled_by(self) -> DebriefDecision | None:
        """The decision that moved the application on from this debrief (any but hold, on
        the latest stage, or whatever took it to offer or closed it): the page then shows
        that decision instead of the form."""
        moved_on = [d for d in self.decisions if d.decision != DebriefDecision.Decision.HOLD]
        if not moved_on:
            return None
        latest = moved_on[0]  # decisions are newest first
        if self.application.is_closed or self.application.stage == Application.Stage.OFFER:
            return latest
        if self.stage is not None and latest.stage_id == self.stage.pk:
            return latest
        return None

    @property
    def suggested_focus(self) -> str:
        lines = []
        for item in self.explore:
            extra = []
            if item["criteria"]:
                extra.append("criteria: " + ", ".join(item["criteria"]))
            if item["people"]:
                extra.append("meet: " + item["people"])
            suffix = f" ({'; '.join(extra)})" if extra else ""
            text = item["text"] or "Explore further"
            lines.append(f"- {text}{suffix} — {item['by']}")
        return "\n".join(lines)


def debrief_for(user: User, application: Application) -> Debrief:
    """Everything the debrief page shows, in a fixed number of queries whatever the number
    of interviewers: the criteria × interviewers matrix, recommendation spread, explore
    items, who has not submitted yet, and past decisions."""
    scorecards = list(submitted_scorecards(user, application))
    interviews = list(
        Interview.objects.filter(application_id=application.pk, status=Interview.Status.SCHEDULED)
        .select_related("stage")
        .prefetch_related("interviewers", "scorecards")
        .order_by("starts_at")
    )
    decisions = list(
        DebriefDecision.objects.filter(application_id=application.pk).select_related(
            "decided_by", "stage"
        )
    )
    stages = list(InterviewStage.objects.filter(requisition_id=application.requisition_id))

    # Rows follow the criterion key, so a criterion re-signed in a later version stays one row.
    criteria: dict[str, object] = {}
    by_scorecard: list[dict[str, CriterionRating]] = []
    for scorecard in scorecards:
        ratings = {}
        for rating in scorecard.ratings.all():
            key = str(rating.criterion.key)
            criteria.setdefault(key, rating.criterion)
            ratings[key] = rating
        by_scorecard.append(ratings)
    ordered = sorted(criteria.items(), key=lambda item: (item[1].order, item[1].pk))
    rows = [
        Row(
            criterion=criterion,
            cells=[
                Cell(
                    assessed=True,
                    rating=r[key].rating,
                    evidence=r[key].evidence,
                    deal_breaker=criterion.kind == Criterion.Kind.DEAL_BREAKER,
                )
                if key in r
                else Cell(assessed=False)
                for r in by_scorecard
            ],
        )
        for key, criterion in ordered
    ]

    counts = Counter(s.recommendation for s in scorecards)
    spread = [
        {
            "value": value,
            "label": label,
            "count": counts.get(value, 0),
            "names": [s.interviewer.full_name for s in scorecards if s.recommendation == value],
        }
        for value, label in Rating.choices
    ]
    stage = max((i.stage for i in interviews), key=lambda s: (s.order, s.pk), default=None)
    # The focus suggested for the next stage comes from the stage being debriefed.
    explore = [
        {
            "text": s.explore_further.strip(),
            "criteria": [c.name for c in s.explore_criteria.all()],
            "people": s.explore_people.strip(),
            "by": f"{s.interviewer.full_name}, {s.interview.stage.name}",
        }
        for s in scorecards
        if (stage is None or s.interview.stage_id == stage.pk)
        and (s.explore_further.strip() or s.explore_people.strip() or s.explore_criteria.all())
    ]
    pending = []
    for interview in interviews:
        submitted = {
            s.interviewer_id
            for s in interview.scorecards.all()
            if s.status == Scorecard.Status.SUBMITTED
        }
        for person in interview.interviewers.all():
            if person.pk not in submitted:
                pending.append({"interview": interview, "interviewer": person})

    later = [s for s in stages if stage and (s.order, s.pk) > (stage.order, stage.pk)]
    return Debrief(
        application=application,
        scorecards=scorecards,
        rows=rows,
        recommendation_spread=spread,
        explore=explore,
        pending=pending,
        decisions=decisions,
        stage=stage,
        next_stage=min(later, key=lambda s: (s.order, s.pk)) if later else None,
        stages=stages,
    )


def _on_requisitions_of(user: User, *, everyone: bool = False) -> Q:
    """The applications on the requisitions a person works on: a recruiter's own (every
    one with `everyone`), a hiring manager's own; lists and counts start from these. A
    condition on the application's joined requisition, not a subquery of requisition ids:
    the same rows for a third of the planning. Which applications the user may see at all
    is applications_visible_to's call."""
    if access.is_recruiter(user):
        return Q() if everyone else Q(requisition__recruiter_id=user.pk)
    return Q(requisition__hiring_manager_id=user.pk)


def debriefs_waiting(user: User, *, everyone: bool = False) -> QuerySet:
    """Applications in interviews, on the user's requisitions, with submitted scorecards
    for a stage not yet decided. Scoped to the requisitions first, so the count reads a
    few applications (application_req_stage_idx), not all of them."""
    decided = DebriefDecision.objects.filter(
        application_id=OuterRef(OuterRef("pk")),
        stage_id=OuterRef("interview__stage_id"),
    )
    undecided = Scorecard.objects.filter(
        interview__application_id=OuterRef("pk"),
        status=Scorecard.Status.SUBMITTED,
        interview__status=Interview.Status.SCHEDULED,
    ).exclude(Exists(decided))
    return (
        access.applications_visible_to(user)
        .filter(_on_requisitions_of(user, everyone=everyone), stage=Application.Stage.INTERVIEWING)
        .filter(Exists(undecided))
        .select_related("candidate", "requisition")
        .order_by("requisition__title", "candidate__full_name", "pk")
    )
