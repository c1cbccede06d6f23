"""What the rows of the interview and thank-you note lists name: the candidate, the
requisition, the stage and the interviewers."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

from django.db.models import F, Func, TextField

from candidates.models import Application, Candidate
from debriefs.models import Interview
from hiring_hub.models import User
from requisitions.models import InterviewStage, Requisition


class _RowName(Func):
    """One name a row shows, as a scalar subquery written out (`_NAMES`): a subquery
    queryset is resolved and compiled again, with its aliases renamed, for each list that
    annotates it; this is one string. `{ref}` is the row's application or stage id."""

    arity = 1
    output_field = TextField()

    def __init__(self, expression, *, name: str) -> None:
        super().__init__(expression)
        self.name = name

    def as_sql(self, compiler, connection, **extra_context):
        ref, params = compiler.compile(self.source_expressions[0])
        q = connection.ops.quote_name
        select, tables, where = _NAMES[self.name]
        tables = tables.format(
            application=q(Application._meta.db_table),
            candidate=q(Candidate._meta.db_table),
            requisition=q(Requisition._meta.db_table),
            stage=q(InterviewStage._meta.db_table),
            user=q(User._meta.db_table),
            id=q("id"),
            candidate_id=q("candidate_id"),
            requisition_id=q("requisition_id"),
            recruiter_id=q("recruiter_id"),
        )
        column = f"{select[0]}.{q(select[1])}"
        return f"(SELECT {column} FROM {tables} WHERE {where}.{q('id')} = {ref} LIMIT 1)", params


# name: ((alias, column), tables, alias whose id is the row's reference)
_NAMES = {
    "candidate_name": (
        ("hh_rn_c", "full_name"),
        "{application} hh_rn_a INNER JOIN {candidate} hh_rn_c"
        " ON hh_rn_c.{id} = hh_rn_a.{candidate_id}",
        "hh_rn_a",
    ),
    "requisition_title": (
        ("hh_rn_r", "title"),
        "{application} hh_rn_a INNER JOIN {requisition} hh_rn_r"
        " ON hh_rn_r.{id} = hh_rn_a.{requisition_id}",
        "hh_rn_a",
    ),
    "recruiter_name": (
        ("hh_rn_u", "full_name"),
        "{application} hh_rn_a INNER JOIN {requisition} hh_rn_r"
        " ON hh_rn_r.{id} = hh_rn_a.{requisition_id}"
        " INNER JOIN {user} hh_rn_u ON hh_rn_u.{id} = hh_rn_r.{recruiter_id}",
        "hh_rn_a",
    ),
    "stage_name": (("hh_rn_s", "name"), "{stage} hh_rn_s", "hh_rn_s"),
}


@cache
def row_names(interview: str = "", *, recruiter: bool = False) -> Mapping[str, Func]:
    """Annotations naming a row's candidate (`candidate_name`), requisition
    (`requisition_title`, and `recruiter_name` with `recruiter`) and stage (`stage_name`);
    `interview` is the path to the row's interview ("" for an interview, "interview__" for
    a note). Scalar subqueries rather than joins: PostgreSQL plans a join of seven tables
    in several milliseconds, of three in one, and the subqueries run for the rows of the
    page only. Built once per process (the expressions are copied where they are used)."""
    # Keyed on the interview's application id: the row's query joins no application.
    application = F(f"{interview}application_id")
    names = {
        "candidate_name": _RowName(application, name="candidate_name"),
        "requisition_title": _RowName(application, name="requisition_title"),
        "stage_name": _RowName(F(f"{interview}stage_id"), name="stage_name"),
    }
    if recruiter:
        names["recruiter_name"] = _RowName(application, name="recruiter_name")
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
