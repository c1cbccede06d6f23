"""Shortlists: the inbox, the review page a page of entries at a time, the acceptance
signal of a requisition."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.paginator import Page
from django.db.models import (
    Count,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
)
from django.db.models.functions import Coalesce

from candidates.models import Application, Shortlist, ShortlistEntry
from candidates.resumes import resume_text
from candidates.selectors.assessments import with_assessment_status
from candidates.selectors.shortlist_entries import ReviewEntry, entries_with_rows
from candidates.selectors.subqueries import Quote, RowsAsJSON, RowValue, UserName
from hiring_hub import access
from hiring_hub.models import User
from requisitions.models import CriteriaVersion, Criterion, Requisition

D = ShortlistEntry.Decision

# Answers still open: the manager may (still) advance or decline.
OPEN_DECISIONS = tuple(D.open_values())
# Candidates per page of a shortlist: each is a card with its assessment (the review is read
# candidate by candidate, often on a phone).
SHORTLIST_PAGE_SIZE = 20


def _tally(decision: str | None = None) -> Coalesce:
    entries = ShortlistEntry.objects.filter(shortlist_id=OuterRef("pk"))
    if decision is not None:
        entries = entries.filter(decision=decision)
    count = entries.order_by().values("shortlist_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(count), 0)


def with_tallies(qs: QuerySet) -> QuerySet:
    """Entry counts per decision, as subqueries: computed for the rows a page shows, not
    by grouping every entry of every shortlist before the page is cut."""
    return qs.annotate(
        size=_tally(),
        advanced=_tally(D.ADVANCE),
        declined=_tally(D.DECLINE),
        need_info=_tally(D.NEED_INFO),
        pending=_tally(D.PENDING),
    )


_TALLIED = {
    "advanced": D.ADVANCE,
    "declined": D.DECLINE,
    "need_info": D.NEED_INFO,
    "pending": D.PENDING,
}


def with_counted_tallies(qs: QuerySet) -> QuerySet:
    """The same counts as `with_tallies` from one grouped join of the entries: for the
    shortlists of one requisition or one shortlist, where subqueries cost more to plan
    than the rows they count."""
    return qs.annotate(
        size=Count("entries"),
        **{
            name: Count("entries", filter=Q(entries__decision=decision))
            for name, decision in _TALLIED.items()
        },
    )


class _TallyLine(Func):
    """A shortlist's entry count and its counts per decision (`_TALLIED`'s order) as one
    line of numbers ("60 3 2 10 45"), from one subquery of the shortlist's own row: for
    one shortlist, where a grouped join or a subquery per count costs more to plan and
    build than the sixty rows it counts."""

    arity = 1
    output_field = TextField()

    def as_sql(self, compiler, connection, **extra_context):
        shortlist, params = compiler.compile(self.source_expressions[0])
        q = connection.ops.quote_name
        decision = q("decision")
        counts = " || ' ' || ".join(
            ["COUNT(*)"] + [f"COUNT(CASE WHEN {decision} = %s THEN 1 END)"] * len(_TALLIED)
        )
        table = q(ShortlistEntry._meta.db_table)
        sql = f"(SELECT {counts} FROM {table} WHERE {q('shortlist_id')} = {shortlist})"
        return sql, [*(str(d) for d in _TALLIED.values()), *params]


class _VersionNumber(RowValue):
    model = CriteriaVersion
    output_field = IntegerField()

    def value(self, q: Quote) -> str:
        return f"hh_r.{q('number')}"


# Criterion's columns, in its fields' order (a row builds the model from them).
_CRITERION_COLUMNS = tuple(f.column for f in Criterion._meta.concrete_fields)


class _CriteriaRows(RowsAsJSON):
    """A criteria version's criteria in order, as rows of `_CRITERION_COLUMNS`."""

    def rows(self, outer: str, q: Quote) -> tuple[list[str], str, str]:
        columns = [f"hh_cr.{q(c)}" for c in _CRITERION_COLUMNS]
        table = f"{q(Criterion._meta.db_table)} hh_cr WHERE hh_cr.{q('version_id')} = {outer}"
        return columns, table, f"hh_cr.{q('order')}, hh_cr.{q('id')}"


_KEY = _CRITERION_COLUMNS.index("key")


def _criteria(rows: str | None, db: str | None) -> list[Criterion]:
    criteria = []
    for row in json.loads(rows or "[]"):
        row[_KEY] = uuid.UUID(row[_KEY])
        criteria.append(Criterion.from_db(db, None, row))
    return criteria


def _set_tallies(shortlist: Shortlist) -> Shortlist:
    size, *counts = (int(n) for n in shortlist.tally_line.split())
    shortlist.size = size
    for name, count in zip(_TALLIED, counts, strict=True):
        setattr(shortlist, name, count)
    return shortlist


def acceptance_rate(advanced: int, declined: int) -> float | None:
    """Share of decided candidates the manager advanced; None until one is decided."""
    decided = advanced + declined
    return advanced / decided if decided else None


def shortlistable(
    requisition: Requisition, version: CriteriaVersion | None, stages: Sequence[str]
) -> QuerySet:
    """The requisition's applications at `stages`, as the send step lists them (with their
    assessment status), by candidate name."""
    return (
        with_assessment_status(Application.objects.all(), version)
        .filter(requisition=requisition, stage__in=stages)
        .select_related("candidate")
        .order_by("candidate__full_name")
    )


def shortlist_inbox(*, user: User, everyone: bool = False) -> QuerySet:
    """Shortlists still open first, newest first: a hiring manager's own; a recruiter's
    on their requisitions, or all with `everyone`. Paginate it."""
    qs = access.shortlists_visible_to(user)
    if access.is_recruiter(user) and not everyone:
        qs = qs.filter(requisition__recruiter_id=user.pk)
    return with_tallies(
        qs.select_related("requisition", "submitted_by", "requisition__hiring_manager")
    ).order_by(F("completed_at").asc(nulls_first=True), "-submitted_at", "-pk")


def mark_inbox(shortlists: Iterable[Shortlist], *, user: User) -> list[Shortlist]:
    """A page of the inbox with each shortlist's `acceptance_rate` and `can_review`."""
    shortlists = list(shortlists)
    for s in shortlists:
        s.acceptance_rate = acceptance_rate(s.advanced, s.declined)
        s.can_review = access.can_review_shortlist(user, s)
    return shortlists


def shortlist_for_review(*, user: User, pk: int) -> Shortlist:
    """A shortlist the user may see with its requisition, its tallies, its criteria in
    order (`criteria_list`) and what its page names (`submitted_by_name`,
    `hiring_manager_name`, `criteria_version_number`), in one query (entries come a page
    at a time from `shortlist_entries`)."""
    shortlist = (
        access.shortlists_visible_to(user)
        .select_related("requisition")
        .annotate(
            tally_line=_TallyLine("pk"),
            criteria_rows=_CriteriaRows("criteria_version_id"),
            submitted_by_name=UserName("submitted_by_id"),
            hiring_manager_name=UserName("requisition__hiring_manager_id"),
            criteria_version_number=_VersionNumber("criteria_version_id"),
        )
        .get(pk=pk)
    )
    _set_tallies(shortlist)
    shortlist.criteria_list = _criteria(shortlist.criteria_rows, shortlist._state.db)
    shortlist.acceptance_rate = acceptance_rate(shortlist.advanced, shortlist.declined)
    return shortlist


def shortlist_next_undecided(shortlist: Shortlist) -> tuple[ShortlistEntry, int] | None:
    """The entry the manager should answer next (the first awaiting review, else the first
    asking for more information) and how many entries come before it in the review's
    order; None when every candidate is answered. Reads one shortlist's entries
    (the shortlist foreign key's index)."""
    entries = ShortlistEntry.objects.filter(shortlist=shortlist).order_by("id")
    entry = (
        entries.filter(decision=D.PENDING).first() or entries.filter(decision=D.NEED_INFO).first()
    )
    if entry is None:
        return None
    return entry, entries.filter(id__lt=entry.id).count()


@dataclass(frozen=True)
class ShortlistPage:
    """A page of a shortlist's entries, decided ones collapsed to their answer. On the
    review page the decision form is open (`form_open`) on the first undecided entry,
    on the one asked for and on one that was refused; one entry is `current` (what a
    phone shows) with its neighbours' queries and its résumé read in the page."""

    shortlist: Shortlist
    requisition: Requisition
    criteria: list[Criterion]
    page: Page
    entries: list[ReviewEntry]
    review: bool


def shortlist_page(
    shortlist: Shortlist,
    page: Page,
    *,
    review: bool,
    answer: str = "",
    refused: int | None = None,
) -> ShortlistPage:
    """`page` is a page of `shortlist_entries(shortlist)`; `answer` the entry asked for
    (?answer=), `refused` the entry whose answer the service just refused."""
    criteria = shortlist.criteria_list
    entries = entries_with_rows(page.object_list, criteria)
    if review and entries:
        _open_forms(entries, page, answer=answer, refused=refused)
    return ShortlistPage(
        shortlist=shortlist,
        requisition=shortlist.requisition,
        criteria=criteria,
        page=page,
        entries=entries,
        review=review,
    )


def _open_forms(entries: list, page: Page, *, answer: str, refused: int | None) -> None:
    asked = {str(refused)} if refused else {answer}
    wanted = asked | {answer}
    first_open = next((e for e in entries if e.decision == D.PENDING), None)
    for entry in entries:
        entry.form_open = entry.decision in OPEN_DECISIONS and (
            entry is first_open or str(entry.pk) in wanted
        )
    current = next((e for e in entries if str(e.pk) in asked), None) or first_open or entries[0]
    current.current = True
    candidate = current.candidate
    if candidate.resume and not candidate.resume_previewable:
        with candidate.resume.open("rb") as resume:
            current.resume_text = resume_text(resume, candidate.resume_content_type)
    for i, entry in enumerate(entries):
        entry.position = page.start_index() + i
        if i > 0:
            entry.previous_query = f"page={page.number}&answer={entries[i - 1].pk}"
        elif page.has_previous():
            entry.previous_query = f"page={page.previous_page_number()}"
        if i < len(entries) - 1:
            entry.next_query = f"page={page.number}&answer={entries[i + 1].pk}"
        elif page.has_next():
            entry.next_query = f"page={page.next_page_number()}"


def review_next_query(shortlist: Shortlist) -> str:
    """The review's query string and anchor opening on the next candidate to answer; empty
    when every candidate is answered."""
    found = shortlist_next_undecided(shortlist)
    if found is None:
        return ""
    entry, before = found
    number = before // SHORTLIST_PAGE_SIZE + 1
    return f"?page={number}&answer={entry.pk}#entry-{entry.pk}"


def requisition_alignment(requisition: Requisition) -> dict:
    """The alignment signal: acceptance rate per shortlist, in order, and overall.
    For the requisition page: {"shortlists": [...], "overall": float|None, "trend": str}."""
    # As dicts: a busy requisition has sent dozens, and the rows need numbers, not models.
    return _alignment(
        with_counted_tallies(Shortlist.objects.filter(requisition=requisition))
        .order_by("number")
        .values("id", "number", "submitted_at", "size", *_TALLIED)
    )


class AlignmentRows(RowsAsJSON):
    """A requisition's shortlists by number as rows of [id, number, tally line] (the tally
    line as `_TallyLine`'s): `requisition_alignment` read as a column of the requisition's
    own query (alignment_of) rather than a query of its own."""

    def rows(self, outer: str, q: Quote) -> tuple[list[str], str, str]:
        s, e = "hh_al_s", "hh_al_e"
        for decision in _TALLIED.values():
            if not str(decision).replace("_", "").isalnum():
                raise ValueError(decision)
        decision = f"{e}.{q('decision')}"
        counts = " || ' ' || ".join(
            ["COUNT(*)"]
            + [f"COUNT(CASE WHEN {decision} = '{d}' THEN 1 END)" for d in _TALLIED.values()]
        )
        line = (
            f"(SELECT {counts} FROM {q(ShortlistEntry._meta.db_table)} {e}"
            f" WHERE {e}.{q('shortlist_id')} = {s}.{q('id')})"
        )
        tables = f"{q(Shortlist._meta.db_table)} {s} WHERE {s}.{q('requisition_id')} = {outer}"
        return [f"{s}.{q('id')}", f"{s}.{q('number')}", line], tables, f"{s}.{q('number')}"


def alignment_of(rows: str | None) -> dict:
    """`requisition_alignment` from an `AlignmentRows` column (without `submitted_at`)."""
    shortlists = []
    for pk, number, line in json.loads(rows or "[]"):
        size, *counts = (int(n) for n in line.split())
        tallies = dict(zip(_TALLIED, counts, strict=True))
        shortlists.append({"id": pk, "number": number, "size": size, **tallies})
    return _alignment(shortlists)


def _alignment(shortlists: Iterable[dict]) -> dict:
    """The alignment of shortlists given (in order) as dicts of their `id`, `number`,
    `size` and `_TALLIED` counts."""
    rows = [
        {
            **s,
            "open": s["pending"] + s["need_info"],
            "rate": acceptance_rate(s["advanced"], s["declined"]),
        }
        for s in shortlists
    ]
    overall = acceptance_rate(sum(s["advanced"] for s in rows), sum(s["declined"] for s in rows))
    rated = [r["rate"] for r in rows if r["rate"] is not None]
    trend = ""
    if len(rated) >= 2:
        trend = "up" if rated[-1] > rated[-2] else "down" if rated[-1] < rated[-2] else "flat"
    return {"shortlists": rows, "overall": overall, "trend": trend}
