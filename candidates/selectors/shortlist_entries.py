"""A page of a shortlist's entries as the shortlist page and the manager's review show
them: rows of values rather than models (a page is twenty cards read once), with the ticked
criteria, the assessments and the questions and answers aggregated in the entries' own
query."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import UTC

from django.db.models import Func, QuerySet, TextField
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from candidates.models import (
    Application,
    Assessment,
    Candidate,
    Shortlist,
    ShortlistEntry,
    ShortlistMessage,
)
from candidates.resumes import PDF
from candidates.selectors.subqueries import Quote, RowsAsJSON, UserName
from hiring_hub.models import User
from requisitions.models import Criterion

_RESUME = Candidate._meta.get_field("resume")
_DOES_NOT_MEET = Assessment.Rating.DOES_NOT_MEET
_DEAL_BREAKER = Criterion.Kind.DEAL_BREAKER
_LABELS = {value: str(label) for value, label in Assessment.Rating.choices}
_DEAL_BREAKER_LABELS = {
    value: str(label) for value, label in Assessment.Rating.deal_breaker_choices()
}


class _TickedCriteria(Func):
    """The names of the criteria the manager ticked on an entry, in the criteria's order,
    one a line (a name is a single line), None without any: a subquery of the entries'
    own query rather than one more query for the page."""

    arity = 1
    output_field = TextField()

    def _from(self, compiler, connection) -> tuple[str, str, str, list]:
        entry, params = compiler.compile(self.source_expressions[0])
        q = connection.ops.quote_name
        through = q(ShortlistEntry.criteria.through._meta.db_table)
        criteria = q(Criterion._meta.db_table)
        name = f"hh_tc_c.{q('name')}"
        order = ", ".join(f"hh_tc_c.{q(c)}" for c in ("version_id", "order", "id"))
        tables = (
            f"{through} hh_tc_t INNER JOIN {criteria} hh_tc_c "
            f"ON hh_tc_c.{q('id')} = hh_tc_t.{q('criterion_id')} "
            f"WHERE hh_tc_t.{q('shortlistentry_id')} = {entry}"
        )
        return name, order, tables, params

    def as_sql(self, compiler, connection, **extra_context):
        name, order, tables, params = self._from(compiler, connection)
        return f"(SELECT STRING_AGG({name}, chr(10) ORDER BY {order}) FROM {tables})", params

    def as_sqlite(self, compiler, connection, **extra_context):
        # SQLite's GROUP_CONCAT takes no ORDER BY: it joins the rows of an ordered subquery.
        name, order, tables, params = self._from(compiler, connection)
        return (
            f"(SELECT GROUP_CONCAT(name, char(10)) FROM "
            f"(SELECT {name} AS name FROM {tables} ORDER BY {order}))",
            params,
        )


class _Assessed(RowsAsJSON):
    """The application's assessments (of any version) as rows of [criterion id, criterion
    key, kind, rating, evidence], in the assessments' order."""

    def rows(self, outer: str, q: Quote) -> tuple[list[str], str, str]:
        a, c = "hh_as_a", "hh_as_c"
        values = [
            f"{a}.{q('criterion_id')}",
            f"{c}.{q('key')}",
            f"{c}.{q('kind')}",
            f"{a}.{q('rating')}",
            f"{a}.{q('evidence')}",
        ]
        tables = (
            f"{q(Assessment._meta.db_table)} {a} INNER JOIN {q(Criterion._meta.db_table)} {c}"
            f" ON {c}.{q('id')} = {a}.{q('criterion_id')}"
            f" WHERE {a}.{q('application_id')} = {outer}"
        )
        # Assessment.Meta.ordering: the criterion's order, then its id.
        return values, tables, f"{c}.{q('order')}, {a}.{q('criterion_id')}"


class _Messages(RowsAsJSON):
    """The entry's questions and answers, oldest first, as rows of [author id, author's
    name (User.__str__), body, written at]."""

    def rows(self, outer: str, q: Quote) -> tuple[list[str], str, str]:
        m, u = "hh_ms_m", "hh_ms_u"
        values = [
            f"{m}.{q('author_id')}",
            f"COALESCE(NULLIF({u}.{q('full_name')}, ''), {u}.{q('email')})",
            f"{m}.{q('body')}",
            f"{m}.{q('created_at')}",
        ]
        tables = (
            f"{q(ShortlistMessage._meta.db_table)} {m} LEFT OUTER JOIN"
            f" {q(User._meta.db_table)} {u} ON {u}.{q('id')} = {m}.{q('author_id')}"
            f" WHERE {m}.{q('entry_id')} = {outer}"
        )
        # ShortlistMessage.Meta.ordering.
        return values, tables, f"{m}.{q('created_at')}, {m}.{q('id')}"


# What a card shows of the candidate, in ReviewCandidate's order.
_CANDIDATE = ("id", "full_name", "location", "resume", "resume_content_type", "notes")


class _Candidate(Func):
    """The candidate of the application the expression gives, as the text of a JSON array
    of `_CANDIDATE`: two lookups by primary key, planned apart rather than as a join."""

    arity = 1
    output_field = TextField()

    def _parts(self, compiler, connection) -> tuple[str, str, list]:
        application, params = compiler.compile(self.source_expressions[0])
        q = connection.ops.quote_name
        columns = ", ".join(f"hh_ca_c.{q(c)}" for c in _CANDIDATE)
        tables = (
            f"FROM {q(Candidate._meta.db_table)} hh_ca_c WHERE hh_ca_c.{q('id')} ="
            f" (SELECT hh_ca_a.{q('candidate_id')} FROM {q(Application._meta.db_table)}"
            f" hh_ca_a WHERE hh_ca_a.{q('id')} = {application})"
        )
        return columns, tables, params

    def as_sql(self, compiler, connection, **extra_context):
        columns, tables, params = self._parts(compiler, connection)
        return f"(SELECT JSON_BUILD_ARRAY({columns})::text {tables})", params

    def as_sqlite(self, compiler, connection, **extra_context):
        columns, tables, params = self._parts(compiler, connection)
        return f"(SELECT json_array({columns}) {tables})", params


_COLUMNS = (
    "id",
    "decision",
    "reason",
    "decided_at",
    "unassessed_reason",
    "application_id",
    "decided_by_name",
    "candidate",
    "ticked",
    "assessed",
    "thread",
)


def shortlist_entries(shortlist: Shortlist) -> QuerySet:
    """The entries of a shortlist, by id, as rows of the columns the page shows (who
    decided, the candidate, the `ticked` criteria's names, the assessments and the
    messages among them), from the entries' table alone: paginate it and call
    `entries_with_rows` on the page."""
    return (
        ShortlistEntry.objects.filter(shortlist=shortlist)
        .annotate(
            decided_by_name=UserName("decided_by_id"),
            candidate=_Candidate("application_id"),
            ticked=_TickedCriteria("id"),
            assessed=_Assessed("application_id"),
            thread=_Messages("id"),
        )
        .order_by("id")
        .values_list(*_COLUMNS)
    )


class ReviewCandidate:
    """The entry's candidate as the card shows it."""

    __slots__ = ("full_name", "location", "notes", "pk", "resume", "resume_content_type")

    def __init__(self, pk, full_name, location, resume, resume_content_type, notes) -> None:
        self.pk, self.full_name, self.location, self.notes = pk, full_name, location, notes
        self.resume = _RESUME.attr_class(None, _RESUME, resume or "")
        self.resume_content_type = resume_content_type

    @property
    def resume_previewable(self) -> bool:
        """As Candidate.resume_previewable: only a PDF opens in the browser."""
        return bool(self.resume) and self.resume_content_type == PDF


class ReviewEntry:
    """One entry of a shortlist page: its answer, its candidate, `deal_breaker_flag`,
    `criteria_names`, `rows` (the assessment against each criterion) and `message_list`;
    the review sets `current`, `form_open`, `position` and the pager's queries."""

    def __init__(self, row: tuple) -> None:
        (
            self.pk,
            self.decision,
            self.reason,
            self.decided_at,
            self.unassessed_reason,
            self.application_id,
            self.decided_by,
            candidate,
            ticked,
            assessed,
            thread,
        ) = row
        self.candidate = ReviewCandidate(*json.loads(candidate))
        self.criteria_names = ticked.split("\n") if ticked else []
        self.assessments = [
            _Rated(criterion_id, uuid.UUID(key), kind, rating, evidence)
            for criterion_id, key, kind, rating, evidence in json.loads(assessed or "[]")
        ]
        self.deal_breaker_flag = False
        self.rows: list[dict] = []
        self.message_list = [ReviewMessage(*m) for m in json.loads(thread or "[]")]
        self.current = False
        self.form_open = False
        self.resume_text = ""


class ReviewMessage:
    """A question or answer on an entry: its author's name (None when deleted)."""

    __slots__ = ("author", "author_id", "body", "created_at")

    def __init__(self, author_id, author, body, created_at: str) -> None:
        self.author_id, self.author, self.body = author_id, author, body
        # As JSON carries it: ISO 8601 from PostgreSQL, naive UTC from SQLite.
        written = parse_datetime(created_at)
        if timezone.is_naive(written):
            written = timezone.make_aware(written, UTC)
        self.created_at = written


class _Rated:
    """What an entry's assessment table shows of one assessment."""

    __slots__ = ("criterion_id", "evidence", "key", "kind", "rating")

    def __init__(self, criterion_id, key, kind, rating, evidence) -> None:
        self.criterion_id, self.key, self.kind = criterion_id, key, kind
        self.rating, self.evidence = rating, evidence

    @property
    def rating_label(self) -> str:
        """As Assessment.rating_label: deal-breakers read present / not observed."""
        labels = _DEAL_BREAKER_LABELS if self.kind == _DEAL_BREAKER else _LABELS
        return labels.get(self.rating, self.rating)


def _rows(assessments: list[_Rated], criteria: list[Criterion]) -> list[dict]:
    """As `criterion_rows`: each criterion with the assessment made against it, else
    against the same criterion (by key) of an earlier signed version."""
    by_criterion = {a.criterion_id: a for a in assessments}
    by_key = {a.key: a for a in assessments}
    rows = []
    for criterion in criteria:
        assessment = by_criterion.get(criterion.pk) or by_key.get(criterion.key)
        flag = bool(
            assessment and criterion.kind == _DEAL_BREAKER and assessment.rating == _DOES_NOT_MEET
        )
        rows.append({"criterion": criterion, "assessment": assessment, "flag": flag})
    return rows


def entries_with_rows(rows: Iterable[tuple], criteria: list[Criterion]) -> list[ReviewEntry]:
    """A page of `shortlist_entries` as ReviewEntry objects with their assessments
    (`rows`, and `deal_breaker_flag`: a deal-breaker of any version rated present) and
    their questions and answers, oldest first (`message_list`)."""
    entries = [ReviewEntry(row) for row in rows]
    for entry in entries:
        mine = entry.assessments
        entry.rows = _rows(mine, criteria)
        entry.deal_breaker_flag = any(
            a.kind == _DEAL_BREAKER and a.rating == _DOES_NOT_MEET for a in mine
        )
    return entries
