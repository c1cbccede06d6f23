"""Reads for interviews: the lists a person works from and one interview's page."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import BooleanField, F, Func, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.shortcuts import get_object_or_404
from django.utils import timezone

from candidates.models import Application
from debriefs.models import DebriefDecision, Interview, Scorecard, ThankYouNote
from debriefs.selectors.debriefs import debriefs_waiting
from debriefs.selectors.interviewers import InterviewerNames, _RowName, row_names
from debriefs.selectors.scorecards import scorecard_for_edit, submitted_scorecards
from debriefs.selectors.thank_you_notes import thank_you_note_of
from hiring_hub import access
from hiring_hub.models import User
from requisitions.models import Criterion, InterviewStage, Requisition
from requisitions.selectors import current_signed_version


def interviews_for(user: User) -> QuerySet:
    return (
        access.interviews_visible_to(user)
        .select_related("application__candidate", "application__requisition", "stage")
        .prefetch_related("interviewers")
    )


def interview_for(user: User, pk: int) -> Interview:
    """One interview the user may see (404 otherwise), with the viewer's own scorecard."""
    qs = interviews_for(user).select_related(
        "application__requisition__recruiter",
        "application__requisition__hiring_manager",
        "stage__requisition",
    )
    return get_object_or_404(qs, pk=pk)


class _MyScorecardSubmitted(Func):
    """Whether the user's scorecard of the row's interview is submitted (None: they have
    none; at most one, scorecard_one_per_interviewer): a subquery of the list's own query
    instead of one prefetch query per list, written out rather than built from a queryset
    for each request."""

    arity = 1
    output_field = BooleanField()

    def __init__(self, interview, *, user_id: int) -> None:
        super().__init__(interview)
        self.user_id = user_id

    def as_sql(self, compiler, connection, **extra_context):
        interview, params = compiler.compile(self.source_expressions[0])
        q = connection.ops.quote_name
        sql = (
            f"(SELECT hh_ms.{q('status')} = %s FROM {q(Scorecard._meta.db_table)} hh_ms"
            f" WHERE hh_ms.{q('interview_id')} = {interview}"
            f" AND hh_ms.{q('interviewer_id')} = %s LIMIT 1)"
        )
        return sql, [str(Scorecard.Status.SUBMITTED), *params, self.user_id]


def _my_scorecard_submitted(user: User) -> Func:
    return _MyScorecardSubmitted(F("pk"), user_id=user.pk)


def my_interviews(user: User, *, everyone: bool = False, lists: bool = True) -> dict:
    """Querysets (paginate them) of the upcoming and past interviews the user is part
    of: an interviewer's and a hiring manager's own; a recruiter's on their requisitions,
    or every interview with `everyone`. Plus the scorecards they still have to write and
    the debriefs waiting for their decision. Each interview carries the names its row
    shows (row_names, `interviewer_names`) and `my_scorecard_submitted` (None when the
    user has no scorecard for it). Without `lists`, only the debriefs waiting
    (my_interview_pages reads the others for those who see only their own interviews)."""
    waiting = (
        debriefs_waiting(user, everyone=everyone)
        if access.waits_for_debriefs(user)
        else Application.objects.none()
    )
    if not lists:
        return {"debriefs_waiting": waiting}
    mine = {"to_write": _scorecards_to_write_rows(user), "debriefs_waiting": waiting}
    now = timezone.now()
    qs = access.interviews_visible_to(user)
    if access.sees_all_interviews(user) and not everyone:
        qs = qs.filter(application_id__in=_applications_of_recruiter(user))
    qs = qs.only("starts_at", "ends_at", "status").annotate(
        **row_names(),
        interviewer_names=InterviewerNames("pk"),
        my_scorecard_submitted=_my_scorecard_submitted(user),
    )
    upcoming = qs.filter(ends_at__gte=now, status=Interview.Status.SCHEDULED).order_by(
        "starts_at", "pk"
    )
    past = qs.filter(Q(ends_at__lt=now) | Q(status=Interview.Status.CANCELLED)).order_by(
        "-starts_at", "-pk"
    )
    return {"upcoming": upcoming, "past": past, **mine}


def my_interview_pages(user: User, upcoming: tuple[int, int], past: tuple[int, int]) -> tuple:
    """my_interviews' upcoming and past rows for one who sees only their own interviews,
    in ONE query: the ids they may see (access.interviews_visible_to) read once, as a common
    table, and each list's page of it (`(offset, limit)`), with the names the rows show.
    The third list: the interviews whose scorecard they still have to write (what
    my_interviews' `to_write` lists as scorecards), from the same rows. Returns (upcoming,
    past, to write); recruiters' lists stay querysets (my_interviews)."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    visible = access.interviews_visible_to(user).order_by().values_list(*_PAGE_COLUMNS)
    try:
        base, base_params = visible.query.sql_with_params()
    except EmptyResultSet:  # nothing to see (an inactive user)
        return [], [], []
    compiler = Interview.objects.none().query.get_compiler(connection=connection)
    q = connection.ops.quote_name
    ref = {c: RawSQL(f"hh_p.{q(c)}", ()) for c in ("id", "application_id", "stage_id")}
    names = {
        "candidate_name": _RowName(ref["application_id"], name="candidate_name"),
        "requisition_title": _RowName(ref["application_id"], name="requisition_title"),
        "stage_name": _RowName(ref["stage_id"], name="stage_name"),
        "interviewer_names": InterviewerNames(ref["id"]),
        "my_scorecard_submitted": _MyScorecardSubmitted(ref["id"], user_id=user.pk),
    }
    selects, params = [], []
    for alias, expression in names.items():
        sql, expression_params = compiler.compile(expression)
        selects.append(f"{sql} AS {q(alias)}")
        params.extend(expression_params)
    ends, status, starts, pk = q("ends_at"), q("status"), q("starts_at"), q("id")
    through = q(Interview.interviewers.through._meta.db_table)
    scorecards, interviews = q(Scorecard._meta.db_table), q(Interview._meta.db_table)
    columns = ", ".join(q(c) for c in _PAGE_COLUMNS)
    sql = (
        f"WITH hh_v ({columns}) AS ({base}) SELECT hh_p.*, {', '.join(selects)} FROM ("
        f"SELECT * FROM (SELECT 0 AS hh_part, hh_v.* FROM hh_v WHERE {ends} >= %s AND {status} = %s"
        f" ORDER BY {starts}, {pk} LIMIT %s OFFSET %s) hh_up UNION ALL "
        f"SELECT * FROM (SELECT 1 AS hh_part, hh_v.* FROM hh_v WHERE {ends} < %s OR {status} = %s"
        f" ORDER BY {starts} DESC, {pk} DESC LIMIT %s OFFSET %s) hh_past UNION ALL "
        # Scorecards to write: their drafts of started interviews they are on, not cancelled.
        f"SELECT 2, hh_w.{pk}, hh_w.{starts}, hh_w.{ends}, hh_w.{status},"
        f" hh_w.{q('application_id')}, hh_w.{q('stage_id')} FROM {scorecards} hh_sw"
        f" INNER JOIN {interviews} hh_w ON hh_w.{pk} = hh_sw.{q('interview_id')}"
        f" WHERE hh_sw.{q('interviewer_id')} = %s AND hh_sw.{status} = %s"
        f" AND hh_w.{status} = %s AND hh_w.{starts} <= %s AND EXISTS (SELECT 1 FROM {through}"
        f" hh_on WHERE hh_on.{q('interview_id')} = hh_w.{pk} AND hh_on.{q('user_id')} = %s)) hh_p"
    )
    scheduled, cancelled = str(Interview.Status.SCHEDULED), str(Interview.Status.CANCELLED)
    params = [
        *base_params,
        *params,
        *(now, scheduled, upcoming[1], upcoming[0]),
        *(now, cancelled, past[1], past[0]),
        *(user.pk, str(Scorecard.Status.DRAFT), scheduled, now, user.pk),
    ]
    lists: tuple[list, list, list] = ([], [], [])
    for row in Interview.objects.raw(sql, params):
        if row.my_scorecard_submitted is not None:
            row.my_scorecard_submitted = bool(row.my_scorecard_submitted)
        lists[row.hh_part].append(row)
    lists[0].sort(key=lambda row: (row.starts_at, row.pk))
    lists[1].sort(key=lambda row: (row.starts_at, row.pk), reverse=True)
    lists[2].sort(key=lambda row: (row.starts_at, row.pk))
    return lists


_PAGE_COLUMNS = ("id", "starts_at", "ends_at", "status", "application_id", "stage_id")


def _drafts_of_started_interviews(user: User) -> QuerySet:
    return Scorecard.objects.filter(
        interviewer_id=user.pk,
        status=Scorecard.Status.DRAFT,
        interview__status=Interview.Status.SCHEDULED,
        interview__starts_at__lte=timezone.now(),
        interview__interviewers=user,
    )


def scorecards_to_write(user: User) -> QuerySet:
    """The user's draft scorecards of interviews that have started and were not cancelled."""
    return (
        _drafts_of_started_interviews(user)
        .select_related("interview__application__candidate", "interview__stage")
        .order_by("interview__starts_at")
    )


def _scorecards_to_write_rows(user: User) -> QuerySet:
    """scorecards_to_write with the names the interview list shows (row_names)."""
    return (
        _drafts_of_started_interviews(user)
        .select_related("interview")
        .only("interview__starts_at")
        .annotate(**row_names("interview__"))
        .order_by("interview__starts_at")
    )


def scorecards_due_count(user: User) -> int:
    """How many scorecards the user still owes (the menu's count)."""
    return scorecards_to_write(user).count()


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


def _applications_of_recruiter(user: User) -> QuerySet:
    """Ids of the applications on the recruiter's requisitions, as a subquery: filtering
    by it reads indexes (requisition, then application) instead of joining every row."""
    requisitions = Requisition.objects.filter(recruiter_id=user.pk).values("pk")
    return Application.objects.filter(requisition_id__in=requisitions).values("pk")


def upcoming_interviews_of(user: User) -> QuerySet:
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


def stage_criteria(stage: InterviewStage) -> list[Criterion]:
    """The criteria a stage assesses, as rows of the requisition's current signed version
    (stages hold stable criterion keys; the version's rows carry names and definitions)."""
    version = current_signed_version(stage.requisition)
    if version is None:
        return []
    keys = {str(key) for key in stage.criterion_keys or []}
    return [c for c in version.criteria.all() if str(c.key) in keys]


def plan_stages(requisition: Requisition) -> QuerySet:
    """The stages of the interview plan, with their default interviewers (the form's help)."""
    return requisition.interview_stages.prefetch_related("interviewers")


def applications_to_schedule(user: User) -> QuerySet:
    """Open applications on the requisitions whose pipeline the user may change."""
    return (
        access.applications_visible_to(user)
        .filter(requisition__in=access.pipelines_changeable_by(user))
        .exclude(stage__in=Application.Stage.closed_values())
        .select_related("candidate", "requisition")
        .order_by("requisition__title", "candidate__full_name")
    )


@dataclass(frozen=True)
class InterviewPage:
    interview: Interview
    criteria: list[Criterion]
    focus: DebriefDecision | None
    is_interviewer: bool
    my_scorecard: Scorecard | None
    # The other submitted scorecards of the application the user may read.
    others: list[Scorecard]
    note: ThankYouNote | None
    can_schedule: bool
    can_see_debrief: bool


def interview_page(user: User, pk: int) -> InterviewPage:
    """One interview (404 unless the user may see it): what the stage assesses, the focus
    carried over, the user's own scorecard, the others' (independence rule) and, for those
    who run the pipeline, the thank-you note."""
    interview = interview_for(user, pk)
    application = interview.application
    is_interviewer = access.is_on_interview(user, interview)
    can_change = access.can_change_pipeline(user, application.requisition)
    return InterviewPage(
        interview=interview,
        criteria=stage_criteria(interview.stage),
        focus=carried_focus(interview),
        is_interviewer=is_interviewer,
        my_scorecard=scorecard_for_edit(user, interview) if is_interviewer else None,
        others=[s for s in submitted_scorecards(user, application) if s.interviewer_id != user.pk],
        note=thank_you_note_of(interview) if can_change else None,
        can_schedule=access.can_schedule_interview(user, application),
        can_see_debrief=access.can_see_debrief(user, application),
    )
