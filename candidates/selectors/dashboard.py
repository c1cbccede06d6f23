"""What waits on a user on their home page: shortlists to answer, questions to reply to,
offers to approve or to carry on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import (
    Count,
    DateTimeField,
    F,
    Func,
    IntegerField,
    Min,
    Q,
    QuerySet,
)

from candidates.models import (
    Application,
    Candidate,
    Offer,
    Shortlist,
    ShortlistEntry,
    ShortlistMessage,
)
from candidates.selectors.shortlists import OPEN_DECISIONS
from hiring_hub import access
from hiring_hub.selectors import home_pipelines, label, shown_as
from requisitions.models import Requisition

if TYPE_CHECKING:
    from hiring_hub.models import User

St = Application.Stage
D = ShortlistEntry.Decision


class _LastMessage(Func):
    """A column of the last message on the row's shortlist entry (newest first, then the
    highest id), as a scalar subquery written out: a Subquery of a queryset is resolved
    and compiled again in every request, and the home and the menu's count read two."""

    arity = 1

    def __init__(self, column: str, output_field) -> None:
        super().__init__(F("pk"), output_field=output_field)
        self.column = column

    def as_sql(self, compiler, connection, **extra_context):
        entry, params = compiler.compile(self.source_expressions[0])
        q = connection.ops.quote_name
        sql = (
            f"(SELECT hh_lm.{q(self.column)} FROM {q(ShortlistMessage._meta.db_table)} hh_lm"
            f" WHERE hh_lm.{q('entry_id')} = {entry}"
            f" ORDER BY hh_lm.{q('created_at')} DESC, hh_lm.{q('id')} DESC LIMIT 1)"
        )
        return sql, params


def _with_last_message(qs: QuerySet) -> QuerySet:
    """Who wrote last on a 'need more information' thread, and when: the ball is in the
    court of whoever did not."""
    return qs.annotate(
        last_author_id=_LastMessage("author_id", IntegerField()),
        last_message_at=_LastMessage("created_at", DateTimeField()),
    )


def questions_waiting_on_recruiter(user: User) -> QuerySet:
    """Open questions of hiring managers on the requisitions whose pipeline the user may
    change, where the manager wrote last (no reply yet): the recruiter's turn."""
    manager_wrote_last = Q(last_author_id=F("shortlist__requisition__hiring_manager_id")) | Q(
        last_author_id__isnull=True
    )
    return (
        _with_last_message(
            ShortlistEntry.objects.filter(
                decision=D.NEED_INFO,
                shortlist__requisition__in=home_pipelines(user),
            )
        )
        .filter(manager_wrote_last)
        .select_related("application__candidate", "shortlist__requisition__hiring_manager")
        .order_by("decided_at", "pk")
    )


def answers_waiting_on_manager(user: User) -> QuerySet:
    """Questions the user asked as hiring manager that the recruiter has answered (someone
    else wrote last): the manager's turn to decide or ask again."""
    return (
        _with_last_message(
            ShortlistEntry.objects.filter(
                decision=D.NEED_INFO, shortlist__requisition__hiring_manager_id=user.pk
            )
        )
        .exclude(last_author_id=user.pk)
        .filter(last_author_id__isnull=False)
        .select_related("application__candidate", "shortlist__requisition")
        .order_by("last_message_at", "pk")
    )


def entries_waiting_on_manager(user: User) -> QuerySet:
    """Every shortlisted candidate whose next move is the user's as hiring manager: not
    answered yet, or a question the recruiter has answered."""
    answered = Q(last_author_id__isnull=False) & ~Q(last_author_id=user.pk)
    return _with_last_message(
        ShortlistEntry.objects.filter(
            shortlist__requisition__hiring_manager_id=user.pk,
            decision__in=OPEN_DECISIONS,
        )
    ).filter(Q(decision=D.PENDING) | answered)


class _Pending(Func):
    """A shortlist's candidates not answered yet, as a scalar subquery written out (as
    _LastMessage): the one tally the home shows (with_tallies' other four cost as much to
    compile and run, for nothing). COUNT(*) from shortlist_entry_pending_idx alone."""

    arity = 1
    output_field = IntegerField()

    def as_sql(self, compiler, connection, **extra_context):
        shortlist, params = compiler.compile(self.source_expressions[0])
        q = connection.ops.quote_name
        sql = (
            f"(SELECT COUNT(*) FROM {q(ShortlistEntry._meta.db_table)} hh_pe"
            f" WHERE hh_pe.{q('shortlist_id')} = {shortlist} AND hh_pe.{q('decision')} = %s)"
        )
        return sql, [*params, str(D.PENDING)]


def shortlists_waiting_on_manager(user: User) -> QuerySet:
    """The user's shortlists (as hiring manager) with candidates not answered yet, with
    their count (`pending`)."""
    return (
        Shortlist.objects.filter(requisition__hiring_manager_id=user.pk, completed_at__isnull=True)
        .annotate(pending=_Pending(F("pk")))
        .filter(pending__gt=0)
        .select_related("requisition")
        .order_by("submitted_at", "pk")
    )


DASHBOARD_ITEMS = 10
# The panel's lists: the manager's, then the recruiter's.
PANEL_LISTS = ("to_review", "answers", "approvals", "questions", "to_send", "offers")
# The panel's names and titles: by subquery for the rows shown where the list neither
# filters nor sorts on their table (hiring_hub.selectors.label), from the joined row where
# it does. Whole joined rows cost more planning and ORM time than these lists take to run.


def _with_entry_labels(qs: QuerySet) -> QuerySet:
    """A shortlist entry's candidate name and requisition title (the requisition is joined
    by the lists' filters)."""
    return (
        qs.select_related(None)
        .only("shortlist_id", "decided_at")
        .annotate(
            candidate_name=label(Application, "application_id", "candidate__full_name"),
            requisition_title=F("shortlist__requisition__title"),
        )
    )


def _open_offers(**filters) -> list[Offer]:
    """The oldest DASHBOARD_ITEMS open offers matching `filters` (offer_open_idx)."""
    return list(
        Offer.objects.filter(outcome=Offer.Outcome.OPEN, **filters)
        .only("application_id", "created_at", "verbal_offer_at", "written_sent_at")
        .annotate(
            candidate_name=label(Candidate, "application__candidate_id", "full_name"),
            requisition_title=label(Requisition, "application__requisition_id", "title"),
        )
        .order_by("created_at")[:DASHBOARD_ITEMS]
    )


def dashboard_panel(user: User) -> dict:
    """For templates/candidates/_dashboard_panel.html, what waits on the user and nobody
    else: a hiring manager's shortlists to answer, answered questions to decide on and
    offers to approve; a recruiter's unanswered questions from managers, shortlists to send
    and approved offers in progress. Each list shows its oldest DASHBOARD_ITEMS."""
    panel = {name: [] for name in PANEL_LISTS} | {"limit": DASHBOARD_ITEMS}
    if not user.is_authenticated:
        return panel
    if access.reviews_shortlists(user):
        panel["to_review"] = list(
            shortlists_waiting_on_manager(user).only(
                "number", "submitted_at", "requisition__title"
            )[:DASHBOARD_ITEMS]
        )
        panel["answers"] = list(
            _with_entry_labels(answers_waiting_on_manager(user))[:DASHBOARD_ITEMS]
        )
        panel["approvals"] = _open_offers(
            approved_at__isnull=True, application__requisition__hiring_manager_id=user.pk
        )
    if access.can_manage_candidates(user):
        questions = _with_entry_labels(questions_waiting_on_recruiter(user)).annotate(
            hiring_manager_shown=shown_as("shortlist__requisition__hiring_manager_id")
        )
        panel["questions"] = list(questions[:DASHBOARD_ITEMS])
        # Candidates marked shortlisted but not sent to the manager yet, per requisition.
        panel["to_send"] = list(
            Application.objects.filter(requisition__in=home_pipelines(user), stage=St.SHORTLISTED)
            .values("requisition_id", "requisition__title")
            .annotate(count=Count("pk"), since=Min("stage_changed_at"))
            .order_by("since", "requisition_id")[:DASHBOARD_ITEMS]
        )
        # An offer waiting for the manager's approval is on the manager's home, not here.
        panel["offers"] = _open_offers(
            approved_at__isnull=False,
            application__requisition__in=home_pipelines(user),
        )
    return panel


def waiting_count(user: User) -> int | None:
    """Shortlisted candidates whose next move is the user's (the menu's count): a hiring
    manager's to answer, a recruiter's questions from managers."""
    if access.reviews_shortlists(user):
        return entries_waiting_on_manager(user).count()
    if access.can_manage_candidates(user):
        return questions_waiting_on_recruiter(user).count()
    return None
