"""Reads for interviews, scorecards, debriefs, thank-you notes and follow-ups, scoped through
hiring_hub.access (the independence rule lives in access.scorecards_visible_to)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Window,
    prefetch_related_objects,
)
from django.utils import timezone

from candidates.models import Application
from debriefs.models import (
    CandidateUpdate,
    CriterionRating,
    DebriefDecision,
    Interview,
    Rating,
    Scorecard,
    ThankYouNote,
)
from hiring_hub import access
from hiring_hub.models import User
from requisitions.models import Criterion, InterviewStage


def interviews_for(user) -> QuerySet:
    return (
        access.interviews_visible_to(user)
        .select_related("application__candidate", "application__requisition", "stage")
        .prefetch_related("interviewers")
    )


def interview_for(user, pk: int) -> Interview:
    """One interview the user may see (404 otherwise), with the viewer's own scorecard."""
    from django.shortcuts import get_object_or_404

    qs = interviews_for(user).select_related(
        "application__requisition__recruiter",
        "application__requisition__hiring_manager",
        "stage__requisition",
    )
    return get_object_or_404(qs, pk=pk)


def _with_my_scorecard(qs: QuerySet, user) -> QuerySet:
    return qs.prefetch_related(
        Prefetch(
            "scorecards",
            queryset=Scorecard.objects.filter(interviewer_id=user.pk),
            to_attr="my_scorecards",
        )
    )


def my_interviews(user, *, everyone: bool = False) -> dict:
    """Querysets (paginate them) of the upcoming and past interviews the user is part
    of: an interviewer's and a hiring manager's own; a recruiter's on their requisitions,
    or every interview with `everyone`. Plus the scorecards they still have to write and
    the debriefs waiting for their decision."""
    now = timezone.now()
    qs = interviews_for(user)
    if access.sees_all_interviews(user) and not everyone:
        qs = qs.filter(application_id__in=_applications_of_recruiter(user))
    qs = _with_my_scorecard(qs, user)
    upcoming = qs.filter(ends_at__gte=now, status=Interview.Status.SCHEDULED).order_by(
        "starts_at", "pk"
    )
    past = qs.filter(Q(ends_at__lt=now) | Q(status=Interview.Status.CANCELLED)).order_by(
        "-starts_at", "-pk"
    )
    waiting = (
        debriefs_waiting(user, everyone=everyone)
        if access.waits_for_debriefs(user)
        else Application.objects.none()
    )
    return {
        "upcoming": upcoming,
        "past": past,
        "to_write": scorecards_to_write(user),
        "debriefs_waiting": waiting,
    }


def scorecards_to_write(user) -> QuerySet:
    """The user's draft scorecards of interviews that have started and were not cancelled."""
    return (
        Scorecard.objects.filter(
            interviewer_id=user.pk,
            status=Scorecard.Status.DRAFT,
            interview__status=Interview.Status.SCHEDULED,
            interview__starts_at__lte=timezone.now(),
            interview__interviewers=user,
        )
        .select_related("interview__application__candidate", "interview__stage")
        .order_by("interview__starts_at")
    )


def scorecard_for_edit(user, interview: Interview) -> Scorecard | None:
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
    from debriefs.models import ScorecardAmendment

    return ScorecardAmendment.objects.select_related("author")


def submitted_scorecards(user, application: Application) -> QuerySet:
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


def carried_focus(interview: Interview) -> DebriefDecision | None:
    """The focus the last 'advance' debrief carried to this (later) stage."""
    return (
        DebriefDecision.objects.filter(
            application_id=interview.application_id,
            decision=DebriefDecision.Decision.ADVANCE,
        )
        .exclude(next_stage_focus="")
        .filter(Q(stage__isnull=True) | Q(stage__order__lt=interview.stage.order))
        .select_related("decided_by", "stage")
        .order_by("-decided_at", "-id")
        .first()
    )


# --- Debrief --------------------------------------------------------------------------------
@dataclass
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


@dataclass
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


@dataclass
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
        done = (Application.Stage.OFFER, *Application.Stage.closed_values())
        if self.application.stage in done:
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


def own_unsubmitted_scorecard(user, application: Application) -> Scorecard | None:
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


def debrief_for(user, application: Application) -> Debrief:
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


def _applications_of_recruiter(user) -> QuerySet:
    """Ids of the applications on the recruiter's requisitions, as a subquery: filtering
    by it reads indexes (requisition, then application) instead of joining every row."""
    from requisitions.models import Requisition

    requisitions = Requisition.objects.filter(recruiter_id=user.pk).values("pk")
    return Application.objects.filter(requisition_id__in=requisitions).values("pk")


def _requisitions_of(user, *, everyone: bool = False) -> QuerySet:
    """The requisitions a person works on: a recruiter's own (all they may see with
    `everyone`), a hiring manager's own; lists and counts start from these."""
    visible = access.requisitions_visible_to(user)
    if access.is_recruiter(user):
        return visible if everyone else visible.filter(recruiter_id=user.pk)
    return visible.filter(hiring_manager_id=user.pk)


def debriefs_waiting(user, *, everyone: bool = False) -> QuerySet:
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
    requisitions = _requisitions_of(user, everyone=everyone).order_by().values("pk")
    return (
        access.applications_visible_to(user)
        .filter(requisition_id__in=requisitions, stage=Application.Stage.INTERVIEWING)
        .filter(Exists(undecided))
        .select_related("candidate", "requisition")
        .order_by("requisition__title", "candidate__full_name", "pk")
    )


# --- Thank-you notes and follow-ups -------------------------------------------------------------
def thank_you_notes(user, *, everyone: bool = False) -> dict:
    """Querysets (paginate them) of draft notes by urgency (overdue, due now, interview
    still ahead) and the latest sent: of the user's requisitions, or of every requisition
    they may see with `everyone`. The drafts' interviewers come from
    `with_interviewers()`, one query for the three sections once they are paginated."""
    now = timezone.now()
    base = access.thank_you_notes_visible_to(user)
    if not everyone:
        # A filter on the requisition the rows join anyway, not a subquery of ids.
        base = base.filter(interview__application__requisition__recruiter_id=user.pk)
    drafts = base.filter(
        status=ThankYouNote.Status.DRAFT, interview__status=Interview.Status.SCHEDULED
    ).select_related(
        "interview__application__candidate",
        "interview__application__requisition__recruiter",
        "interview__stage",
    )
    # The sender's name as a subquery, not one more join: PostgreSQL plans a join of eight
    # tables in over twenty milliseconds, of seven in a few.
    sent = (
        base.exclude(status=ThankYouNote.Status.DRAFT)
        .select_related(
            "interview__application__candidate",
            "interview__application__requisition",
            "interview__stage",
            "message",
        )
        .annotate(
            sent_by_name=Subquery(
                User.objects.filter(pk=OuterRef("sent_by_id")).values("full_name")[:1]
            )
        )
    )
    return {
        "overdue": drafts.filter(due_at__lt=now).order_by("due_at", "pk"),
        "due": drafts.filter(due_at__gte=now, interview__ends_at__lte=now).order_by("due_at", "pk"),
        "upcoming": drafts.filter(interview__ends_at__gt=now).order_by("due_at", "pk"),
        "sent": sent.order_by("-sent_at", "-pk")[:20],
        "now": now,
    }


def with_interviewers(*sections) -> None:
    """Each note's interviewers, for all the notes shown, in one query (none when no note
    is shown): the same count whichever sections are empty."""
    prefetch_related_objects(
        [note for notes in sections for note in notes], "interview__interviewers"
    )


def thank_you_note_for(user, interview_pk: int) -> ThankYouNote:
    from django.shortcuts import get_object_or_404

    qs = ThankYouNote.objects.filter(
        interview__in=access.interviews_visible_to(user)
    ).select_related(
        "interview__application__candidate",
        "interview__application__requisition",
        "interview__stage",
        "sent_by",
        "message",
    )
    return get_object_or_404(qs, interview_id=interview_pk)


def candidate_updates(application: Application) -> QuerySet:
    return CandidateUpdate.objects.filter(application_id=application.pk).select_related(
        "author", "message"
    )


DASHBOARD_ITEMS = 10


def upcoming_interviews_of(user) -> QuerySet:
    """Interviews the user sits on that have not ended, soonest first (through the
    interviewers table's user index, then interview_starts_at_idx)."""
    mine = Interview.interviewers.through.objects.filter(user_id=user.pk).values("interview_id")
    return (
        Interview.objects.filter(
            pk__in=mine, status=Interview.Status.SCHEDULED, ends_at__gte=timezone.now()
        )
        .select_related("application__candidate", "application__requisition", "stage")
        .order_by("starts_at", "pk")
    )


_TOTAL = Window(Count("pk"))


def dashboard_panel(user) -> dict:
    """What waits on the user among interviews: their upcoming interviews and scorecards
    due (everyone); thank-you notes due and overdue and follow-ups promised on the
    requisitions whose pipeline they may change (recruiters); debriefs waiting for a
    decision (recruiters, hiring managers). Lists show their first DASHBOARD_ITEMS."""
    now = timezone.now()
    # The first rows and, beside each, the count of all of them (a window over the rows
    # before the LIMIT): one query for a list and its total.
    to_write = list(scorecards_to_write(user).annotate(total=_TOTAL)[:DASHBOARD_ITEMS])
    panel = {
        "upcoming": list(upcoming_interviews_of(user)[:DASHBOARD_ITEMS]),
        "to_write": to_write,
        "scorecards_to_write": to_write[0].total if to_write else 0,
    }
    if access.can_manage_thank_you_notes(user):
        requisitions = access.pipelines_changeable_by(user).order_by().values("pk")
        drafts = ThankYouNote.objects.filter(
            status=ThankYouNote.Status.DRAFT,
            interview__status=Interview.Status.SCHEDULED,
            interview__ends_at__lte=now,
            interview__application_id__in=Application.objects.filter(
                requisition_id__in=requisitions
            ).values("pk"),
        )
        counts = drafts.aggregate(
            overdue=Count("pk", filter=Q(due_at__lt=now)),
            due=Count("pk", filter=Q(due_at__gte=now)),
        )
        panel["thank_you_overdue"] = counts["overdue"]
        panel["thank_you_due"] = counts["due"]
    if access.can_manage_candidates(user):
        # Updates promised to candidates by a date that has come, on the requisitions whose
        # pipeline the user may change (application_req_stage_idx scopes them first).
        requisitions = access.pipelines_changeable_by(user).order_by().values("pk")
        panel["follow_ups"] = list(
            Application.objects.filter(
                requisition_id__in=requisitions,
                next_update_promised_by__lte=timezone.localdate(),
            )
            .exclude(stage__in=Application.Stage.closed_values())
            .select_related("candidate", "requisition")
            .order_by("next_update_promised_by", "pk")[:DASHBOARD_ITEMS]
        )
    if access.waits_for_debriefs(user):
        waiting = debriefs_waiting(user)
        last_submitted = Scorecard.objects.filter(
            interview__application_id=OuterRef("pk"), status=Scorecard.Status.SUBMITTED
        ).order_by("-submitted_at")
        panel["debriefs"] = list(
            waiting.annotate(
                waiting_since=Subquery(last_submitted.values("submitted_at")[:1]),
                total=_TOTAL,
            ).select_related("requisition__hiring_manager", "requisition__recruiter")[
                :DASHBOARD_ITEMS
            ]
        )
        panel["debriefs_waiting"] = panel["debriefs"][0].total if panel["debriefs"] else 0
    return panel


def thank_you_note_of(interview) -> ThankYouNote | None:
    return ThankYouNote.objects.filter(interview=interview).first()
