"""What waits on a person among interviews, for the home page.

Each list loads the columns its panel shows (`only`), and reads the names and titles it
shows from tables it neither filters nor sorts on by subquery (hiring_hub.selectors.label):
the home runs a dozen of these queries, and whole rows of five joined tables cost more
planning and ORM time than the short lists take to run."""

from __future__ import annotations

from django.db.models import (
    Count,
    DateTimeField,
    F,
    Func,
    IntegerField,
    QuerySet,
    Sum,
    Value,
    Window,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from candidates.models import Application, Candidate
from debriefs.models import Interview, Scorecard, ThankYouNote
from debriefs.selectors.debriefs import debriefs_waiting
from debriefs.selectors.interviews import scorecards_to_write, upcoming_interviews_of
from hiring_hub import access
from hiring_hub.models import User
from hiring_hub.selectors import home_pipelines, label, shown_as
from requisitions.models import InterviewStage, Requisition

DASHBOARD_ITEMS = 10


_TOTAL = Window(Count("pk"))


def _with_interview_labels(qs: QuerySet, interview: str = "") -> QuerySet:
    """The candidate's and the stage's name of each row's interview (`interview` is the
    path to it: "" for interviews, "interview__" for scorecards)."""
    return qs.annotate(
        candidate_name=label(Application, f"{interview}application_id", "candidate__full_name"),
        stage_name=label(InterviewStage, f"{interview}stage_id", "name"),
    )


class _LastSubmitted(Func):
    """When the last scorecard of the row's application was submitted (the debrief waits
    since), as a scalar subquery written out: a Subquery of a queryset is resolved and
    compiled again in every request."""

    arity = 1
    output_field = DateTimeField()

    def as_sql(self, compiler, connection, **extra_context):
        application, params = compiler.compile(self.source_expressions[0])
        q = connection.ops.quote_name
        sql = (
            f"(SELECT hh_ls.{q('submitted_at')} FROM {q(Scorecard._meta.db_table)} hh_ls"
            f" INNER JOIN {q(Interview._meta.db_table)} hh_li"
            f" ON hh_li.{q('id')} = hh_ls.{q('interview_id')}"
            f" WHERE hh_li.{q('application_id')} = {application} AND hh_ls.{q('status')} = %s"
            f" ORDER BY hh_ls.{q('submitted_at')} DESC LIMIT 1)"
        )
        return sql, [*params, str(Scorecard.Status.SUBMITTED)]


class _EndedDrafts(Func):
    """The row's requisition's draft thank-you notes of scheduled interviews ended by
    `now`, overdue (due before `now`) or still due, as a scalar subquery written out (a
    Subquery of a queryset is resolved and compiled again in every request)."""

    arity = 1
    output_field = IntegerField()

    def __init__(self, requisition, *, now, overdue: bool) -> None:
        super().__init__(requisition)
        self.now, self.overdue = now, overdue

    def as_sql(self, compiler, connection, **extra_context):
        requisition, params = compiler.compile(self.source_expressions[0])
        q = connection.ops.quote_name
        now = connection.ops.adapt_datetimefield_value(self.now)
        sql = (
            f"(SELECT COUNT(*) FROM {q(ThankYouNote._meta.db_table)} hh_tn"
            f" INNER JOIN {q(Interview._meta.db_table)} hh_ti"
            f" ON hh_ti.{q('id')} = hh_tn.{q('interview_id')}"
            f" WHERE hh_tn.{q('requisition_id')} = {requisition} AND hh_tn.{q('status')} = %s"
            f" AND hh_ti.{q('status')} = %s AND hh_ti.{q('ends_at')} <= %s"
            f" AND hh_tn.{q('due_at')} {'<' if self.overdue else '>='} %s)"
        )
        statuses = [str(ThankYouNote.Status.DRAFT), str(Interview.Status.SCHEDULED)]
        return sql, [*params, *statuses, now, now]


def _thank_you_counts(user: User, now) -> dict:
    """Draft thank-you notes of interviews that have ended, on the requisitions whose
    pipeline the user may change: overdue and still due. Counted requisition by
    requisition (thank_you_draft_req_idx) and summed: as `requisition_id IN (…)` the
    access rule's OR (own, or on the hiring team) is estimated at half the requisitions,
    and the planner then reads every draft and every interview."""

    def total(*, overdue: bool) -> Coalesce:
        return Coalesce(Sum(_EndedDrafts(F("pk"), now=now, overdue=overdue)), 0)

    return (
        home_pipelines(user)
        .order_by()
        .aggregate(overdue=total(overdue=True), due=total(overdue=False))
    )


def dashboard_panel(user: User) -> dict:
    """What waits on the user among interviews: their upcoming interviews and scorecards
    due (everyone); thank-you notes due and overdue and follow-ups promised on the
    requisitions whose pipeline they may change (recruiters); debriefs waiting for a
    decision (recruiters, hiring managers). Lists show their first DASHBOARD_ITEMS."""
    now = timezone.now()
    # The first rows and, beside each, the count of all of them (a window over the rows
    # before the LIMIT): one query for a list and its total.
    to_write = scorecards_to_write(user).select_related(None).only("interview_id")
    to_write = list(
        _with_interview_labels(to_write, "interview__").annotate(
            interview_starts_at=F("interview__starts_at"), total=_TOTAL
        )[:DASHBOARD_ITEMS]
    )
    upcoming = upcoming_interviews_of(user).select_related(None).only("starts_at")
    panel = {
        "upcoming": list(
            _with_interview_labels(upcoming).annotate(
                requisition_title=label(Application, "application_id", "requisition__title")
            )[:DASHBOARD_ITEMS]
        ),
        "to_write": to_write,
        "scorecards_to_write": to_write[0].total if to_write else 0,
    }
    if access.can_manage_thank_you_notes(user):
        counts = _thank_you_counts(user, now)
        panel["thank_you_overdue"] = counts["overdue"]
        panel["thank_you_due"] = counts["due"]
    if access.can_manage_candidates(user):
        # Updates promised to candidates by a date that has come, on the requisitions whose
        # pipeline the user may change (application_req_stage_idx scopes them first).
        requisitions = home_pipelines(user).order_by().values("pk")
        panel["follow_ups"] = list(
            Application.objects.filter(
                requisition_id__in=requisitions,
                next_update_promised_by__lte=timezone.localdate(),
            )
            .exclude(stage__in=Application.Stage.closed_values())
            .only("next_update_promised_by", "last_candidate_update_at")
            .annotate(
                candidate_name=label(Candidate, "candidate_id", "full_name"),
                requisition_title=label(Requisition, "requisition_id", "title"),
            )
            .order_by("next_update_promised_by", "pk")[:DASHBOARD_ITEMS]
        )
    if access.waits_for_debriefs(user):
        waiting = debriefs_waiting(user)
        if not access.is_recruiter(user):
            # The manager's own requisitions again, as ids the applications are looked up
            # by (application_interviewing_idx): their visibility rule (shortlisted, or
            # interviewed by them) is an OR the planner cannot scope, and would otherwise
            # read every requisition's applications in interviews.
            mine = Requisition.objects.filter(hiring_manager_id=user.pk).order_by().values("pk")
            waiting = waiting.filter(requisition_id__in=mine)
        # Beside each row the other person who may decide. A recruiter's rows are on their
        # own requisitions (debriefs_waiting), a manager's on theirs: the recruiter is
        # the user themself, and a manager only ever reads the recruiter's name.
        if access.is_recruiter(user):
            others = {
                "hiring_manager_shown": shown_as("requisition__hiring_manager_id"),
                "recruiter_shown": Value(str(user)),
            }
        else:
            others = {"recruiter_shown": shown_as("requisition__recruiter_id")}
        # Sorted by requisition title and candidate name: those two stay joined.
        panel["debriefs"] = list(
            waiting.annotate(
                waiting_since=_LastSubmitted(F("pk")),
                **others,
                total=_TOTAL,
            ).only("candidate__full_name", "requisition__title", "requisition__hiring_manager")[
                :DASHBOARD_ITEMS
            ]
        )
        panel["debriefs_waiting"] = panel["debriefs"][0].total if panel["debriefs"] else 0
    return panel
