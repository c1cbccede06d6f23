"""What waits on a person among interviews, for the home page, in ONE statement.

The panel's lists (scorecards to write, upcoming interviews, follow-ups, debriefs waiting)
and the thank-you counts are each a LIMITed member of a UNION ALL, told apart by `hh_part`;
a list's total is `COUNT(*) OVER ()` before its LIMIT. Names and titles the rows show are
read around the union by scalar subquery (hiring_hub.selectors.label), for the rows kept
only. As five querysets, building, compiling and sending them cost some 13 ms of a
recruiter's home for 7 ms of SQL; the SQL written out here is built once per process and
database vendor (`_statement_sql`). What depends on the user is the access scopes,
compiled from hiring_hub.access into the statement as common tables (`_scope_sql`), never
re-written here. The filters, orders and limits are those of scorecards_to_write,
upcoming_interviews_of and debriefs_waiting (which other pages read as querysets);
tests/debriefs/test_dashboard.py holds the lists to them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from django.core.exceptions import EmptyResultSet
from django.db import connection, connections
from django.db.models import (
    BigIntegerField,
    DateField,
    DateTimeField,
    Field,
    Func,
    QuerySet,
    TextField,
)
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from candidates.models import Application, Candidate
from debriefs.models import DebriefDecision, Interview, Scorecard, ThankYouNote
from debriefs.selectors.debriefs import _on_requisitions_of
from hiring_hub import access, prepared
from hiring_hub.models import User
from hiring_hub.panel_sql import Written, literal
from hiring_hub.selectors import home_pipelines, label, shown_as
from requisitions.models import InterviewStage, Requisition

DASHBOARD_ITEMS = 10


@dataclass(frozen=True, slots=True)
class ScorecardDue:
    """A draft scorecard of the user's (scorecards_to_write): `pk` is the scorecard's."""

    pk: int
    interview_id: int
    interview_starts_at: dt.datetime
    candidate_name: str
    stage_name: str


@dataclass(frozen=True, slots=True)
class UpcomingInterview:
    """An interview the user sits on that has not ended (upcoming_interviews_of)."""

    pk: int
    starts_at: dt.datetime
    candidate_name: str
    stage_name: str
    requisition_title: str


@dataclass(frozen=True, slots=True)
class FollowUpDue:
    """An application whose candidate was promised an update by a day that has come."""

    pk: int
    next_update_promised_by: dt.date
    last_candidate_update_at: dt.datetime | None
    candidate_name: str
    requisition_title: str


@dataclass(frozen=True, slots=True)
class DebriefWaiting:
    """An application waiting for a debrief decision (debriefs_waiting), with the people
    who may decide as they print (the row names the one who is not the viewer)."""

    pk: int
    candidate_name: str
    requisition_title: str
    hiring_manager_id: int
    waiting_since: dt.datetime | None
    hiring_manager_shown: str
    recruiter_shown: str


class _LastSubmitted(Func):
    """When the last scorecard of the row's application was submitted (the debrief waits
    since), as a scalar subquery written out."""

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


# hh_part of each member of the union.
_TO_WRITE, _UPCOMING, _THANK_YOU, _FOLLOW_UPS, _DEBRIEFS = range(5)

# The columns every member selects, in order (a NULL of the column's type where a member
# has nothing for it: PostgreSQL types a bare NULL of a subquery as text, which a UNION
# cannot match with a number or a date).
_COLUMNS: dict[str, Field] = {
    "id": BigIntegerField(),
    "hh_interview": BigIntegerField(),
    "hh_at": DateTimeField(),
    "hh_updated": DateTimeField(),
    "hh_day": DateField(),
    "hh_application": BigIntegerField(),
    "hh_stage": BigIntegerField(),
    "hh_candidate": TextField(),
    "hh_title": TextField(),
    "hh_manager": BigIntegerField(),
    "hh_recruiter": BigIntegerField(),
    "hh_total": BigIntegerField(),
    "hh_due": BigIntegerField(),
}


@dataclass(frozen=True)
class _Sql:
    """The statement's SQL for one vendor: each member, the common table of the user's
    access scope a member reads (its name and columns: the compiled scope is read by
    position, not by the aliases the ORM gives its columns), the text around the union, and
    the constant parameters of the names read around it."""

    members: dict[int, str]
    scopes: dict[int, str]
    columns: tuple[str, ...]  # of each row the statement returns
    head: str
    tail: str
    head_params: tuple


@cache
def _statement_sql(vendor: str) -> _Sql:
    """The SQL of every member and of the names around them, for one database vendor."""
    db = next(c for c in connections.all() if c.vendor == vendor)
    q = db.ops.quote_name
    scorecard, interview = q(Scorecard._meta.db_table), q(Interview._meta.db_table)
    on = q(Interview.interviewers.through._meta.db_table)
    notes, decisions = q(ThankYouNote._meta.db_table), q(DebriefDecision._meta.db_table)
    application = q(Application._meta.db_table)
    pk, status, starts = q("id"), q("status"), q("starts_at")
    # The user's interviews are found first, then sorted: with `OFFSET 0` PostgreSQL keeps
    # the subquery apart. The statement is prepared (hiring_hub.prepared), and a plan made
    # for no moment in particular otherwise walks every interview by start (its index)
    # until ten of the user's turn up: 30 ms instead of 0.1 for a recruiter with none.
    fence = " OFFSET 0" if vendor == "postgresql" else ""
    # Statuses are written in, not passed: a prepared statement's plan can then use the
    # partial indexes on them (interview_scheduled_app_idx, scorecard_submitted_idx, …).
    scheduled = literal(Interview.Status.SCHEDULED)
    draft, submitted = literal(Scorecard.Status.DRAFT), literal(Scorecard.Status.SUBMITTED)
    draft_note = literal(ThankYouNote.Status.DRAFT)

    def select(part: int, **given: str) -> str:
        columns = [f"{part} AS hh_part"]
        for name, field in _COLUMNS.items():
            columns.append(f"{given.get(name, f'CAST(NULL AS {field.db_type(db)})')} AS {name}")
        return "SELECT " + ", ".join(columns)

    def ended_drafts(overdue: bool) -> str:
        """Draft notes of the requisition's scheduled interviews ended by now, overdue or
        still due (thank_you_draft_req_idx)."""
        return (
            f"(SELECT COUNT(*) FROM {notes} hh_tn INNER JOIN {interview} hh_ti"
            f" ON hh_ti.{pk} = hh_tn.{q('interview_id')}"
            f" WHERE hh_tn.{q('requisition_id')} = hh_tr.{pk} AND hh_tn.{status} = {draft_note}"
            f" AND hh_ti.{status} = {scheduled} AND hh_ti.{q('ends_at')} <= %s"
            f" AND hh_tn.{q('due_at')} {'<' if overdue else '>='} %s)"
        )

    to_write = (
        select(
            _TO_WRITE,
            id=f"hh_s.{pk}",
            hh_interview=f"hh_s.{q('interview_id')}",
            hh_at=f"hh_w.{starts}",
            hh_application=f"hh_w.{q('application_id')}",
            hh_stage=f"hh_w.{q('stage_id')}",
            hh_total="COUNT(*) OVER ()",
        )
        + f" FROM {scorecard} hh_s INNER JOIN {interview} hh_w"
        f" ON hh_w.{pk} = hh_s.{q('interview_id')}"
        f" INNER JOIN {on} hh_on ON hh_on.{q('interview_id')} = hh_w.{pk}"
        f" WHERE hh_on.{q('user_id')} = %s AND hh_w.{starts} <= %s"
        f" AND hh_w.{status} = {scheduled}"
        f" AND hh_s.{q('interviewer_id')} = %s AND hh_s.{status} = {draft}"
        f" ORDER BY hh_w.{starts} LIMIT %s"
    )
    upcoming = (
        select(
            _UPCOMING,
            id=f"hh_u.{pk}",
            hh_at=f"hh_u.{starts}",
            hh_application=f"hh_u.{q('application_id')}",
            hh_stage=f"hh_u.{q('stage_id')}",
        )
        + f" FROM (SELECT * FROM {interview} hh_ui WHERE hh_ui.{q('ends_at')} >= %s"
        f" AND hh_ui.{pk} IN (SELECT hh_uo.{q('interview_id')} FROM {on} hh_uo"
        f" WHERE hh_uo.{q('user_id')} = %s) AND hh_ui.{status} = {scheduled}{fence}) hh_u"
        f" ORDER BY hh_u.{starts}, hh_u.{pk} LIMIT %s"
    )
    # Counted requisition by requisition and summed: see _thank_you_scope.
    thank_you = (
        select(
            _THANK_YOU,
            id="0",
            hh_total=f"CAST(COALESCE(SUM({ended_drafts(True)}), 0) AS {_bigint(db)})",
            hh_due=f"CAST(COALESCE(SUM({ended_drafts(False)}), 0) AS {_bigint(db)})",
        )
        + " FROM hh_tr"
    )
    promised, closed = q("next_update_promised_by"), ", ".join(map(literal, _closed_stages()))
    follow_ups = (
        select(
            _FOLLOW_UPS,
            id=f"hh_a.{pk}",
            hh_updated=f"hh_a.{q('last_candidate_update_at')}",
            hh_day=f"hh_a.{promised}",
            hh_application=f"hh_a.{pk}",
        )
        + f" FROM {application} hh_a WHERE hh_a.{promised} <= %s"
        f" AND hh_a.{q('requisition_id')} IN (SELECT hh_fr.{pk} FROM hh_fr)"
        f" AND NOT (hh_a.{q('stage')} IN ({closed}))"
        f" ORDER BY hh_a.{promised}, hh_a.{pk} LIMIT %s"
    )
    # debriefs_waiting's filter: submitted scorecards of a stage not decided yet, applied
    # once (hh_dq, read three times, so PostgreSQL materializes it). The list sorts on the
    # candidate's name, but only the rows whose title is at most the tenth row's title can
    # be among the first ten: those alone are joined to their candidates (a recruiter's
    # ~700 waiting rows otherwise each look up a name to show ten). Requisition titles are
    # never null; with fewer rows than the limit there is no tenth title and all are kept.
    title, name, candidate = q("title"), q("full_name"), q("candidate_id")
    debriefs = (
        f"WITH hh_dq AS (SELECT hh_d.* FROM hh_d WHERE EXISTS (SELECT 1 FROM {scorecard} hh_ds"
        f" INNER JOIN {interview} hh_dw ON hh_dw.{pk} = hh_ds.{q('interview_id')}"
        f" WHERE hh_dw.{q('application_id')} = hh_d.{pk} AND hh_dw.{status} = {scheduled}"
        f" AND hh_ds.{status} = {submitted} AND NOT EXISTS (SELECT 1 FROM {decisions} hh_dd"
        f" WHERE hh_dd.{q('application_id')} = hh_d.{pk}"
        f" AND hh_dd.{q('stage_id')} = hh_dw.{q('stage_id')})))"
        + select(
            _DEBRIEFS,
            id=f"hh_dq.{pk}",
            hh_candidate=f"hh_dc.{name}",
            hh_title=f"hh_dq.{title}",
            hh_manager=f"hh_dq.{q('hiring_manager_id')}",
            hh_recruiter=f"hh_dq.{q('recruiter_id')}",
            hh_total="(SELECT COUNT(*) FROM hh_dq)",
        )
        + f" FROM hh_dq INNER JOIN {q(Candidate._meta.db_table)} hh_dc"
        f" ON hh_dc.{pk} = hh_dq.{candidate}"
        f" WHERE hh_dq.{title} <= COALESCE((SELECT hh_dt.{title} FROM hh_dq hh_dt"
        f" ORDER BY hh_dt.{title} LIMIT 1 OFFSET %s), hh_dq.{title})"
        f" ORDER BY hh_dq.{title}, hh_dc.{name}, hh_dq.{pk} LIMIT %s"
    )
    # The names the rows show, read around the union for the rows it keeps, each for the
    # members that show it.
    compiler = Interview.objects.none().query.get_compiler(connection=db)

    def ref(column: str) -> RawSQL:
        return RawSQL(f"hh_p.{column}", ())

    application_name = label(Application, ref("hh_application"), "candidate__full_name")
    application_title = label(Application, ref("hh_application"), "requisition__title")
    names = {
        "candidate_name": ((_TO_WRITE, _UPCOMING, _FOLLOW_UPS), application_name),
        "requisition_title": ((_UPCOMING, _FOLLOW_UPS), application_title),
        "stage_name": ((_TO_WRITE, _UPCOMING), label(InterviewStage, ref("hh_stage"), "name")),
        "waiting_since": ((_DEBRIEFS,), _LastSubmitted(ref("id"))),
        "hiring_manager_shown": ((_DEBRIEFS,), shown_as(ref("hh_manager"))),
        "recruiter_shown": ((_DEBRIEFS,), shown_as(ref("hh_recruiter"))),
    }
    # The debriefs' candidate names and requisition titles are their own (they sort on them).
    sorted_on = {"candidate_name": "hh_candidate", "requisition_title": "hh_title"}
    selects, params = [], []
    for alias, (parts, expression) in names.items():
        sql, expression_params = compiler.compile(expression)
        sql = f"CASE WHEN hh_p.hh_part IN ({', '.join(map(str, parts))}) THEN {sql} END"
        if alias in sorted_on:
            sql = f"COALESCE(hh_p.{sorted_on[alias]}, {sql})"
        selects.append(f"{sql} AS {alias}")
        params.extend(expression_params)
    columns = ", ".join(f"hh_p.{column}" for column in ("hh_part", *_COLUMNS))
    return _Sql(
        members={
            _TO_WRITE: to_write,
            _UPCOMING: upcoming,
            _THANK_YOU: thank_you,
            _FOLLOW_UPS: follow_ups,
            _DEBRIEFS: debriefs,
        },
        # One table per member: PostgreSQL inlines a common table read once, where it
        # would read one read twice into memory first, and plan the member on the rule's
        # estimate of its rows.
        scopes={
            _THANK_YOU: f"hh_tr ({pk})",
            _FOLLOW_UPS: f"hh_fr ({pk})",
            _DEBRIEFS: f"hh_d ({pk}, {candidate}, {title}, {q('hiring_manager_id')},"
            f" {q('recruiter_id')})",
        },
        columns=("hh_part", *_COLUMNS, *names),
        head=f"SELECT {columns}, {', '.join(selects)} FROM (",
        # Each list in its order again (a union keeps none): every member's sort columns,
        # null in the others' rows: the debriefs' title and name (sorted in the database's
        # collation, as they were chosen), the follow-ups' day, the interviews' start, ids.
        tail=") hh_p ORDER BY hh_p.hh_part, hh_p.hh_title, hh_p.hh_candidate, hh_p.hh_day,"
        " hh_p.hh_at, hh_p.id",
        head_params=tuple(params),
    )


def _bigint(db) -> str:
    return BigIntegerField().db_type(db)


def _closed_stages() -> list[str]:
    return [str(stage) for stage in Application.Stage.closed_values()]


def _pipelines_scope(user: User) -> QuerySet:
    """The ids of the requisitions whose pipeline the user may change: the follow-ups'
    applications are looked up by them (application_req_stage_idx), and their thank-you
    notes counted requisition by requisition (thank_you_draft_req_idx) and summed: as
    `requisition_id IN (…)` the access rule's OR (own, or on the hiring team) is estimated
    at half the requisitions, and the planner then reads every draft and every interview."""
    return home_pipelines(user).order_by().values_list("pk")


def _debriefs_scope(user: User) -> QuerySet:
    """debriefs_waiting's applications before its filter on scorecards and decisions, with
    the columns the list sorts on and shows: those it may see, in interviews, on the user's
    requisitions (a recruiter's, a manager's own), each with its candidate (named for the
    rows kept only), its requisition's title, manager and recruiter."""
    qs = access.applications_visible_to(user).filter(
        _on_requisitions_of(user), stage=Written(Application.Stage.INTERVIEWING)
    )
    if not access.is_recruiter(user):
        # The manager's own requisitions again, as ids the applications are looked up by
        # (application_interviewing_idx): their visibility rule (shortlisted, or
        # interviewed by them) is an OR the planner cannot scope, and would otherwise read
        # every requisition's applications in interviews.
        mine = Requisition.objects.filter(hiring_manager_id=user.pk).order_by().values("pk")
        qs = qs.filter(requisition_id__in=mine)
    return qs.order_by().values_list(
        "pk",
        "candidate_id",
        "requisition__title",
        "requisition__hiring_manager_id",
        "requisition__recruiter_id",
    )


def _scope_sql(queryset: QuerySet) -> tuple[str, tuple] | None:
    """The access scope compiled, to read as a subquery; None when it holds nothing."""
    try:
        return queryset.query.sql_with_params()
    except EmptyResultSet:
        return None


def _aware(value) -> dt.datetime | None:
    """A datetime as the ORM reads it: aware, in UTC (SQLite returns text, or a naive
    datetime, for a column read through a union)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = value.replace(tzinfo=dt.UTC)
    return value


def _day(value) -> dt.date | None:
    return parse_date(value) if isinstance(value, str) else value


def dashboard_panel(user: User) -> dict:
    """What waits on the user among interviews: their upcoming interviews and scorecards
    due (everyone); thank-you notes due and overdue and follow-ups promised on the
    requisitions whose pipeline they may change (recruiters); debriefs waiting for a
    decision (recruiters, hiring managers). Lists show their first DASHBOARD_ITEMS, in
    one query (see the module's docstring)."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    limit = DASHBOARD_ITEMS
    # (member, its access scope compiled (None: it reads none), its parameters)
    members: list[tuple[int, tuple | None, list]] = [
        (_TO_WRITE, None, [user.pk, now, user.pk, limit]),
        (_UPCOMING, None, [now, user.pk, limit]),
    ]
    thank_you, follow_ups = (
        access.can_manage_thank_you_notes(user),
        access.can_manage_candidates(user),
    )
    pipelines = _scope_sql(_pipelines_scope(user)) if thank_you or follow_ups else None
    if thank_you:
        members.append((_THANK_YOU, pipelines, [now, now] * 2))
    if follow_ups:
        # Updates promised to candidates by a date that has come.
        today = connection.ops.adapt_datefield_value(timezone.localdate())
        members.append((_FOLLOW_UPS, pipelines, [today, limit]))
    if access.waits_for_debriefs(user):
        scope = _scope_sql(_debriefs_scope(user))
        members.append((_DEBRIEFS, scope, [limit - 1, limit]))

    sql = _statement_sql(connection.vendor)
    tables, selects, scope_params, params = [], [], [], []
    for part, scope, member_params in members:
        if part in sql.scopes:
            if scope is None:
                continue  # an empty scope: nothing to read
            tables.append(f"{sql.scopes[part]} AS ({scope[0]})")
            scope_params.extend(scope[1])
        selects.append(f"SELECT * FROM ({sql.members[part]}) hh_m{part}")
        params.extend(member_params)
    with_tables = f"WITH {', '.join(tables)} " if tables else ""
    statement = with_tables + sql.head + " UNION ALL ".join(selects) + sql.tail
    rows = prepared.fetchall(statement, [*scope_params, *sql.head_params, *params])

    lists: dict[int, list] = {part: [] for part, *_ in members}
    totals = {part: 0 for part, *_ in members}
    thank_you_due = 0
    for values in rows:
        row = dict(zip(sql.columns, values, strict=True))
        part, pk = row["hh_part"], row["id"]
        totals[part] = int(row["hh_total"] or 0)
        names = row["candidate_name"], row["requisition_title"]
        if part == _TO_WRITE:
            starts = _aware(row["hh_at"])
            item = ScorecardDue(pk, row["hh_interview"], starts, names[0], row["stage_name"])
        elif part == _UPCOMING:
            item = UpcomingInterview(
                pk, _aware(row["hh_at"]), names[0], row["stage_name"], names[1]
            )
        elif part == _FOLLOW_UPS:
            item = FollowUpDue(pk, _day(row["hh_day"]), _aware(row["hh_updated"]), *names)
        elif part == _DEBRIEFS:
            shown = row["hiring_manager_shown"], row["recruiter_shown"]
            item = DebriefWaiting(
                pk, *names, row["hh_manager"], _aware(row["waiting_since"]), *shown
            )
        else:  # _THANK_YOU: overdue as its total
            thank_you_due = int(row["hh_due"] or 0)
            continue
        lists[part].append(item)

    panel = {
        "upcoming": lists[_UPCOMING],
        "to_write": lists[_TO_WRITE],
        "scorecards_to_write": totals[_TO_WRITE],
    }
    if _THANK_YOU in lists:
        panel["thank_you_overdue"] = totals[_THANK_YOU]
        panel["thank_you_due"] = thank_you_due
    if _FOLLOW_UPS in lists:
        panel["follow_ups"] = lists[_FOLLOW_UPS]
    if _DEBRIEFS in lists:
        panel["debriefs"] = lists[_DEBRIEFS]
        panel["debriefs_waiting"] = totals[_DEBRIEFS]
    return panel
