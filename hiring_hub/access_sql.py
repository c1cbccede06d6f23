"""Row filters of hiring_hub.access written out as SQL: the same rules, for the lists
whose filter costs more to build from querysets than to run. access.py decides where each
applies; this module only names the tables (read when a query is compiled)."""

from __future__ import annotations

from django.db.models import BooleanField, Func


class OnOrManagedInterview(Func):
    """interviews_visible_to's narrowing: the interview is one the user is on, or one of an
    application on a requisition they manage. One id list from indexed lookups (the
    interviewers table's user index; requisition, application, interview indexes), no OR
    across joins, no DISTINCT."""

    arity = 1
    output_field = BooleanField()

    def __init__(self, interview, *, user_id: int) -> None:
        super().__init__(interview)
        self.user_id = user_id

    def as_sql(self, compiler, connection, **extra_context):
        from candidates.models import Application
        from debriefs.models import Interview
        from requisitions.models import Requisition

        pk, params = compiler.compile(self.source_expressions[0])
        q = connection.ops.quote_name
        on, w, a, r = (
            q(model._meta.db_table)
            for model in (Interview.interviewers.through, Interview, Application, Requisition)
        )
        sql = (
            f"{pk} IN (SELECT {q('interview_id')} FROM {on} WHERE {q('user_id')} = %s"
            f" UNION ALL SELECT hh_w.{q('id')} FROM {w} hh_w"
            f" INNER JOIN {a} hh_a ON hh_a.{q('id')} = hh_w.{q('application_id')}"
            f" INNER JOIN {r} hh_r ON hh_r.{q('id')} = hh_a.{q('requisition_id')}"
            f" WHERE hh_r.{q('hiring_manager_id')} = %s)"
        )
        return sql, [*params, self.user_id, self.user_id]
