"""Shortlists: the inbox, the review page a page of entries at a time, the acceptance
signal of a requisition."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.paginator import Page
from django.db.models import Count, F, Func, OuterRef, Prefetch, Q, QuerySet, Subquery, TextField
from django.db.models.functions import Coalesce

from candidates.models import Application, Assessment, Shortlist, ShortlistEntry, ShortlistMessage
from candidates.resumes import resume_text
from candidates.selectors.assessments import _deal_breaker_missed, with_assessment_status
from hiring_hub import access
from requisitions.models import CriteriaVersion, Criterion, Requisition

if TYPE_CHECKING:
    from hiring_hub.models import User

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
    """A shortlist the user may see, with its tallies and criteria (entries come a page
    at a time from `shortlist_entries`)."""
    shortlist = (
        with_counted_tallies(access.shortlists_visible_to(user))
        .select_related(
            "requisition", "requisition__hiring_manager", "submitted_by", "criteria_version"
        )
        .prefetch_related(
            Prefetch("criteria_version__criteria", queryset=Criterion.objects.order_by("order")),
        )
        .get(pk=pk)
    )
    shortlist.acceptance_rate = acceptance_rate(shortlist.advanced, shortlist.declined)
    return shortlist


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


def shortlist_entries(shortlist: Shortlist) -> QuerySet:
    """The entries of a shortlist with the columns the review page shows of each (its
    application's `deal_breaker_flag`, the `ticked` criteria's names); call
    `entries_with_rows` on a page of them for their assessments and messages."""
    return (
        ShortlistEntry.objects.filter(shortlist=shortlist)
        .select_related("decided_by", "application__candidate")
        .only(
            "id",
            "shortlist_id",
            "decision",
            "reason",
            "decided_at",
            "unassessed_reason",
            "decided_by__full_name",
            "decided_by__email",
            "application__candidate",
            *(
                f"application__candidate__{name}"
                for name in ("full_name", "location", "resume", "resume_content_type", "notes")
            ),
        )
        .annotate(
            deal_breaker_flag=_deal_breaker_missed("application_id"),
            ticked=_TickedCriteria("id"),
        )
        .order_by("id")
    )


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


class _Rated:
    """What an entry's assessment table shows of one assessment."""

    __slots__ = ("criterion_id", "evidence", "key", "kind", "rating")

    def __init__(self, criterion_id, key, kind, rating, evidence) -> None:
        self.criterion_id, self.key, self.kind = criterion_id, key, kind
        self.rating, self.evidence = rating, evidence

    @property
    def rating_label(self) -> str:
        """As Assessment.rating_label: deal-breakers read present / not observed."""
        labels = _DEAL_BREAKER_LABELS if self.kind == Criterion.Kind.DEAL_BREAKER else _LABELS
        return labels.get(self.rating, self.rating)


_LABELS = {value: str(label) for value, label in Assessment.Rating.choices}
_DEAL_BREAKER_LABELS = {
    value: str(label) for value, label in Assessment.Rating.deal_breaker_choices()
}


@dataclass(frozen=True)
class _Message:
    author_id: int | None
    author: str | None
    body: str
    created_at: object


def _rows(assessments: list[_Rated], criteria: list[Criterion]) -> list[dict]:
    """As `criterion_rows`: each criterion with the assessment made against it, else
    against the same criterion (by key) of an earlier signed version."""
    by_criterion = {a.criterion_id: a for a in assessments}
    by_key = {a.key: a for a in assessments}
    rows = []
    for criterion in criteria:
        assessment = by_criterion.get(criterion.pk) or by_key.get(criterion.key)
        flag = bool(
            assessment
            and criterion.kind == Criterion.Kind.DEAL_BREAKER
            and assessment.rating == Assessment.Rating.DOES_NOT_MEET
        )
        rows.append({"criterion": criterion, "assessment": assessment, "flag": flag})
    return rows


def entries_with_rows(
    entries: Iterable[ShortlistEntry], criteria: list[Criterion]
) -> list[ShortlistEntry]:
    """Each entry gets `rows` (the recruiter's assessment against each criterion),
    `criteria_names` (the ticked criteria) and `message_list` (the questions and answers,
    oldest first): two queries for the page, whatever its size."""
    entries = list(entries)
    assessed: dict[int, list[_Rated]] = {e.application_id: [] for e in entries}
    for application_id, *values in Assessment.objects.filter(
        application_id__in=list(assessed)
    ).values_list(
        "application_id", "criterion_id", "criterion__key", "criterion__kind", "rating", "evidence"
    ):
        assessed[application_id].append(_Rated(*values))
    messages: dict[int, list[_Message]] = {e.pk: [] for e in entries}
    for entry_id, author_id, name, email, body, created_at in ShortlistMessage.objects.filter(
        entry_id__in=list(messages)
    ).values_list(
        "entry_id", "author_id", "author__full_name", "author__email", "body", "created_at"
    ):
        author = (name or email) if author_id is not None else None
        messages[entry_id].append(_Message(author_id, author, body, created_at))
    for entry in entries:
        entry.rows = _rows(assessed[entry.application_id], criteria)
        entry.criteria_names = entry.ticked.split("\n") if entry.ticked else []
        entry.message_list = messages[entry.pk]
        # Set on one entry of the review by `_open_forms`: the others answer the template
        # at once instead of through a failed attribute lookup.
        entry.current = False
        entry.resume_text = ""
    return entries


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
    entries: list[ShortlistEntry]
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
    criteria = list(shortlist.criteria_version.criteria.all())
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
    candidate = current.application.candidate
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
    shortlists = list(
        with_counted_tallies(
            Shortlist.objects.filter(requisition=requisition).only("id", "number", "submitted_at")
        ).order_by("number")
    )
    rows = [
        {
            "shortlist": s,
            "number": s.number,
            "submitted_at": s.submitted_at,
            "size": s.size,
            "advanced": s.advanced,
            "declined": s.declined,
            "open": s.pending + s.need_info,
            "rate": acceptance_rate(s.advanced, s.declined),
        }
        for s in shortlists
    ]
    overall = acceptance_rate(
        sum(s.advanced for s in shortlists), sum(s.declined for s in shortlists)
    )
    rated = [r["rate"] for r in rows if r["rate"] is not None]
    trend = ""
    if len(rated) >= 2:
        trend = "up" if rated[-1] > rated[-2] else "down" if rated[-1] < rated[-2] else "flat"
    return {"shortlists": rows, "overall": overall, "trend": trend}
