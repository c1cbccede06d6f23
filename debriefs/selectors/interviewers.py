"""What the rows of the interview and thank-you note lists name: the candidate, the
requisition, the stage and the interviewers."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

from django.db.models import Func, OuterRef, Subquery, TextField

from candidates.models import Candidate
from debriefs.models import Interview
from hiring_hub.models import User
from requisitions.models import InterviewStage, Requisition


@cache
def row_names(interview: str = "", *, recruiter: bool = False) -> Mapping[str, Subquery]:
    """Annotations naming a row's candidate (`candidate_name`), requisition
    (`requisition_title`, and `recruiter_name` with `recruiter`) and stage (`stage_name`);
    `interview` is the path to the row's interview ("" for an interview, "interview__" for
    a note). Scalar subqueries rather than joins: PostgreSQL plans a join of seven tables
    in several milliseconds, of three in one, and the subqueries run for the rows of the
    page only. Built once per process (the expressions are copied where they are used)."""
    # Keyed on the interview's application id: the row's query joins no application.
    application = OuterRef(f"{interview}application_id")
    requisition = Requisition.objects.filter(applications=application).order_by()
    names = {
        "candidate_name": Subquery(
            Candidate.objects.filter(applications=application).order_by().values("full_name")[:1]
        ),
        "requisition_title": Subquery(requisition.values("title")[:1]),
        "stage_name": Subquery(
            InterviewStage.objects.filter(pk=OuterRef(f"{interview}stage_id"))
            .order_by()
            .values("name")[:1]
        ),
    }
    if recruiter:
        names["recruiter_name"] = Subquery(requisition.values("recruiter__full_name")[:1])
    return MappingProxyType(names)


class InterviewerNames(Func):
    """The names of an interview's interviewers, by name, joined by ", " (None without
    any): what a list row shows, as a subquery of the row's own query rather than one more
    query for the page. `InterviewerNames("interview_id")` for a note's interview."""

    arity = 1
    output_field = TextField()

    def _from(self, compiler, connection) -> tuple[str, str, list]:
        interview, params = compiler.compile(self.source_expressions[0])
        q = connection.ops.quote_name
        through = q(Interview.interviewers.through._meta.db_table)
        users = q(User._meta.db_table)
        name = f"hh_names_u.{q('full_name')}"
        tables = (
            f"{through} hh_names_t INNER JOIN {users} hh_names_u "
            f"ON hh_names_u.{q('id')} = hh_names_t.{q('user_id')} "
            f"WHERE hh_names_t.{q('interview_id')} = {interview}"
        )
        return name, tables, params

    def as_sql(self, compiler, connection, **extra_context):
        name, tables, params = self._from(compiler, connection)
        order = f"{name}, hh_names_u.{connection.ops.quote_name('id')}"
        return f"(SELECT STRING_AGG({name}, ', ' ORDER BY {order}) FROM {tables})", params

    def as_sqlite(self, compiler, connection, **extra_context):
        # SQLite's GROUP_CONCAT takes no ORDER BY: it joins the rows of an ordered subquery.
        name, tables, params = self._from(compiler, connection)
        order = f"{name}, hh_names_u.{connection.ops.quote_name('id')}"
        return (
            f"(SELECT GROUP_CONCAT(full_name, ', ') FROM "
            f"(SELECT {name} AS full_name FROM {tables} ORDER BY {order}))",
            params,
        )
