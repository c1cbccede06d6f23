"""What waits on a user on their home page: shortlists to answer, questions to reply to,
offers to approve or to carry on."""

from __future__ import annotations

from functools import cache

from django.db import connection
from django.db.models import (
    DateTimeField,
    F,
    Func,
    IntegerField,
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
from hiring_hub.models import User
from hiring_hub.panel_sql import (
    SCOPE,
    SCOPE_MARK,
    USER,
    datetimes,
    instance,
    literal,
    member,
    quote_name,
    rows,
    scope_sql,
    statement,
    typed_null,
)
from hiring_hub.selectors import home_pipelines, label_sql
from requisitions.models import Requisition

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
# The panel's lists: the manager's, then the recruiter's (their `hh_part` in the statement).
PANEL_LISTS = ("to_review", "answers", "approvals", "questions", "to_send", "offers")
# The statement's columns after (hh_part, hh_pos), each list filling those it shows, and
# their types (panel_sql.typed_null for the others).
_COLUMNS = {
    "id": "int",
    "ref": "int",
    "n": "int",
    "n2": "int",
    "at1": "datetime",
    "at2": "datetime",
    "at3": "datetime",
    "name": "text",
    "title": "text",
    "who": "text",
}


@cache
def _panel_statement(vendor: str, manages: bool, recruits: bool) -> tuple[str, tuple]:
    """The panel's lists as one statement for `vendor`: the manager's (shortlists_waiting_on
    _manager, answers_waiting_on_manager, offers to approve) and the recruiter's
    (questions_waiting_on_recruiter, shortlisted candidates per requisition, offers in
    progress) with the same filters, order and limits, written out once per process; the
    requisitions whose pipeline the recruiter may change are compiled per request
    (SCOPE_MARK). Parameters: USER for the user's id, the others as they are."""
    q = quote_name(vendor)
    nulls = {kind: typed_null(kind, vendor) for kind in set(_COLUMNS.values())}

    def columns(**given: str) -> str:
        return ", ".join(f"{given.get(c, nulls[kind])} AS {c}" for c, kind in _COLUMNS.items())

    def lab(model, path: str, ref: str, shown: bool = False) -> str:
        return label_sql(model, path, ref, vendor, shown=shown)

    s, e, m = (q(x._meta.db_table) for x in (Shortlist, ShortlistEntry, ShortlistMessage))
    o, a, r = (q(x._meta.db_table) for x in (Offer, Application, Requisition))
    c = {name: q(name) for name in (
        "id", "requisition_id", "shortlist_id", "application_id", "candidate_id", "entry_id",
        "hiring_manager_id", "number", "submitted_at", "completed_at", "decision",
        "decided_at", "created_at", "author_id", "approved_at", "outcome", "verbal_offer_at",
        "written_sent_at", "stage", "stage_changed_at", "title",
    )}  # fmt: skip

    def last(column: str) -> str:
        return (
            f"(SELECT hh_lm.{c[column]} FROM {m} hh_lm WHERE hh_lm.{c['entry_id']} = hh_e.{c['id']}"
            f" ORDER BY hh_lm.{c['created_at']} DESC, hh_lm.{c['id']} DESC LIMIT 1)"
        )

    pending = (
        f"(SELECT COUNT(*) FROM {e} hh_pe WHERE hh_pe.{c['shortlist_id']} = hh_s.{c['id']}"
        f" AND hh_pe.{c['decision']} = {literal(D.PENDING)})"
    )
    need_info = f"hh_e.{c['decision']} = {literal(D.NEED_INFO)}"
    entry_from = (
        f"FROM {e} hh_e INNER JOIN {s} hh_s ON hh_s.{c['id']} = hh_e.{c['shortlist_id']}"
        f" INNER JOIN {r} hh_r ON hh_r.{c['id']} = hh_s.{c['requisition_id']}"
    )
    entry = {
        "id": f"hh_e.{c['id']}",
        "ref": f"hh_e.{c['shortlist_id']}",
        "at1": f"hh_e.{c['decided_at']}",
        "at2": last("created_at"),
        "name": lab(Application, "candidate__full_name", f"hh_e.{c['application_id']}"),
        "title": f"hh_r.{c['title']}",
    }
    offer_from = f"FROM {o} hh_o INNER JOIN {a} hh_a ON hh_a.{c['id']} = hh_o.{c['application_id']}"
    offer = {
        "id": f"hh_o.{c['id']}",
        "ref": f"hh_o.{c['application_id']}",
        "at1": f"hh_o.{c['created_at']}",
        "at2": f"hh_o.{c['verbal_offer_at']}",
        "at3": f"hh_o.{c['written_sent_at']}",
        "name": lab(Candidate, "full_name", f"hh_a.{c['candidate_id']}"),
        "title": lab(Requisition, "title", f"hh_a.{c['requisition_id']}"),
    }
    open_offer = f"hh_o.{c['outcome']} = {literal(Offer.Outcome.OPEN)}"
    in_pipelines = f"IN ({SCOPE_MARK})"
    parts, params = [], []

    def add(name: str, given: dict, tail: str, order: str, tail_params: list) -> None:
        part = PANEL_LISTS.index(name)
        parts.append(member(part, columns(**given), tail, order, DASHBOARD_ITEMS))
        params.extend(("",) if "who" in given else ())  # shown_as's empty name
        params.extend(tail_params)

    if manages:
        add(
            "to_review",
            {
                "id": f"hh_s.{c['id']}",
                "ref": f"hh_s.{c['requisition_id']}",
                "n": f"hh_s.{c['number']}",
                "n2": pending,
                "at1": f"hh_s.{c['submitted_at']}",
                "title": f"hh_r.{c['title']}",
            },
            f"FROM {s} hh_s INNER JOIN {r} hh_r ON hh_r.{c['id']} = hh_s.{c['requisition_id']}"
            f" WHERE hh_s.{c['completed_at']} IS NULL AND hh_r.{c['hiring_manager_id']} = %s"
            f" AND {pending} > 0",
            f"hh_s.{c['submitted_at']}, hh_s.{c['id']}",
            [USER],
        )
        add(
            "answers",
            entry,
            f"{entry_from} WHERE {need_info} AND hh_r.{c['hiring_manager_id']} = %s"
            f" AND NOT ({last('author_id')} = %s) AND {last('author_id')} IS NOT NULL",
            f"{last('created_at')}, hh_e.{c['id']}",
            [USER, USER],
        )
        add(
            "approvals",
            offer,
            f"{offer_from} INNER JOIN {r} hh_r ON hh_r.{c['id']} = hh_a.{c['requisition_id']}"
            f" WHERE hh_r.{c['hiring_manager_id']} = %s AND hh_o.{c['approved_at']} IS NULL"
            f" AND {open_offer}",
            f"hh_o.{c['created_at']}",
            [USER],
        )
    if recruits:
        manager_wrote_last = (
            f"({last('author_id')} = hh_r.{c['hiring_manager_id']} OR {last('author_id')} IS NULL)"
        )
        add(
            "questions",
            entry | {"who": lab(User, "full_name", f"hh_r.{c['hiring_manager_id']}", True)},
            f"{entry_from} WHERE {need_info} AND hh_s.{c['requisition_id']} {in_pipelines}"
            f" AND {manager_wrote_last}",
            f"hh_e.{c['decided_at']}, hh_e.{c['id']}",
            [SCOPE],
        )
        # Candidates marked shortlisted but not sent to the manager yet, per requisition.
        since = f"MIN(hh_a.{c['stage_changed_at']})"
        add(
            "to_send",
            {
                "id": f"hh_a.{c['requisition_id']}",
                "n": f"COUNT(hh_a.{c['id']})",
                "at1": since,
                "title": f"hh_r.{c['title']}",
            },
            f"FROM {a} hh_a INNER JOIN {r} hh_r ON hh_r.{c['id']} = hh_a.{c['requisition_id']}"
            f" WHERE hh_a.{c['requisition_id']} {in_pipelines}"
            f" AND hh_a.{c['stage']} = {literal(St.SHORTLISTED)}"
            f" GROUP BY hh_a.{c['requisition_id']}, hh_r.{c['title']}",
            f"{since}, hh_a.{c['requisition_id']}",
            [SCOPE],
        )
        # An offer waiting for the manager's approval is on the manager's home, not here.
        add(
            "offers",
            offer,
            f"{offer_from} WHERE hh_a.{c['requisition_id']} {in_pipelines}"
            f" AND hh_o.{c['approved_at']} IS NOT NULL AND {open_offer}",
            f"hh_o.{c['created_at']}",
            [SCOPE],
        )
    return " UNION ALL ".join(parts), tuple(params)


def _statement(user: User, manages: bool, recruits: bool) -> tuple[str, list]:
    """The panel's statement and parameters for the user."""
    sql, template = _panel_statement(connection.vendor, manages, recruits)
    scope = scope_sql(home_pipelines(user)) if recruits else None
    if recruits and scope is None:  # no pipeline to change (never for one who recruits)
        scope = (f"SELECT {typed_null('int', connection.vendor)} WHERE 1 = 0", ())
    return statement(sql, template, user.pk, scope)


def _rows_of(fetched: list[tuple]) -> dict[str, list]:
    """The statement's rows as the objects the panel's tags read (home_panels): models
    with only the fields shown (as .only() would give), the names and counts as
    attributes, and to_send's rows as the dicts a values() query gave."""
    alias, when = connection.alias, datetimes()
    lists = {name: [] for name in PANEL_LISTS}
    for part, _, pk, ref, n, n2, at1, at2, at3, name, title, who in fetched:
        kind = PANEL_LISTS[part]
        if kind == "to_review":
            row = instance(
                Shortlist, alias, id=pk, requisition_id=ref, number=n, submitted_at=when(at1)
            )
            row._state.fields_cache["requisition"] = instance(
                Requisition, alias, id=ref, title=title
            )
            row.pending = n2
        elif kind in ("answers", "questions"):
            row = instance(ShortlistEntry, alias, id=pk, shortlist_id=ref, decided_at=when(at1))
            row.last_message_at, row.candidate_name, row.requisition_title = when(at2), name, title
            if kind == "questions":
                row.hiring_manager_shown = who
        elif kind == "to_send":
            since = when(at1)
            row = {"requisition_id": pk, "requisition__title": title, "count": n, "since": since}
        else:
            row = instance(
                Offer,
                alias,
                id=pk,
                application_id=ref,
                created_at=when(at1),
                verbal_offer_at=when(at2),
                written_sent_at=when(at3),
            )
            row.candidate_name, row.requisition_title = name, title
        lists[kind].append(row)
    return lists


def dashboard_panel(user: User) -> dict:
    """For templates/candidates/_dashboard_panel.html, what waits on the user and nobody
    else: a hiring manager's shortlists to answer, answered questions to decide on and
    offers to approve; a recruiter's unanswered questions from managers, shortlists to send
    and approved offers in progress. Each list shows its oldest DASHBOARD_ITEMS, all read
    in ONE statement (_panel_statement)."""
    panel = {name: [] for name in PANEL_LISTS} | {"limit": DASHBOARD_ITEMS}
    if not user.is_authenticated:
        return panel
    manages, recruits = access.reviews_shortlists(user), access.can_manage_candidates(user)
    if not (manages or recruits):
        return panel
    return panel | _rows_of(rows(*_statement(user, manages, recruits)))


def waiting_count(user: User) -> int | None:
    """Shortlisted candidates whose next move is the user's (the menu's count): a hiring
    manager's to answer, a recruiter's questions from managers."""
    if access.reviews_shortlists(user):
        return entries_waiting_on_manager(user).count()
    if access.can_manage_candidates(user):
        return questions_waiting_on_recruiter(user).count()
    return None
