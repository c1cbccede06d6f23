"""What needs a person's attention on requisitions, for their home page."""

from __future__ import annotations

import json
from functools import cache

from django.db import connection

from hiring_hub import access
from hiring_hub.models import Role, User
from hiring_hub.panel_sql import (
    SCOPE,
    SCOPE_MARK,
    USER,
    booleans,
    column_type,
    dates,
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
from hiring_hub.selectors import home_visible_requisitions
from requisitions.models import (
    CheckIn,
    CriteriaVersion,
    Criterion,
    PartnershipHealth,
    Requisition,
    Retrospective,
)
from requisitions.retrospectives import may_be_invited

DASHBOARD_ITEMS = 10
PANEL_LISTS = (
    "retrospectives",
    "to_sign",
    "check_ins",
    "realignment",
    "talks",
    "before_alignment",
)
# The statement's columns after (hh_part, hh_pos), each list filling those it shows.
_COLUMNS = {
    "id": "int",
    "ref": "int",
    "at": "datetime",
    "day": "date",
    "title": "text",
    "name": "text",
    "status": "text",
    "flag": "bool",
    "reasons": "text",
}
# What the lists read of the open requisitions the user may see (a derived table of the
# scope, home_visible_requisitions): the status badge reads status and realignment_needed.
_VISIBLE_COLUMNS = (
    "id",
    "title",
    "status",
    "realignment_needed",
    "created_at",
    "recruiter_id",
    "hiring_manager_id",
)


@cache
def _panel_statement(
    vendor: str, retrospectives: bool, talks: bool, manages: bool, recruits: bool
) -> tuple[str, tuple]:
    """The panel's lists as one statement for `vendor`, each with the filter, order and
    limit its queryset had (retrospectives_waiting_on, partnership.talks_waiting_on, the
    manager's criteria to sign and check-ins, the recruiter's searches to re-align and
    before alignment), written out once per process. The open requisitions the user may
    see (SCOPE_MARK) are compiled per request."""
    q = quote_name(vendor)
    nulls = {kind: typed_null(kind, vendor) for kind in set(_COLUMNS.values())}
    t, k, h, u = (q(x._meta.db_table) for x in (Retrospective, CheckIn, PartnershipHealth, User))
    r, cv, cr = (q(x._meta.db_table) for x in (Requisition, CriteriaVersion, Criterion))
    c = {name: q(name) for name in (
        "id", "requisition_id", "person_id", "invited_at", "submitted_at", "title", "status",
        "hiring_manager_id", "recruiter_id", "created_at", "number", "version_id",
        "compiled_at", "acknowledged_at", "week_start", "full_name", "realignment_needed",
        "level", "reasons", "bad_since",
    )}  # fmt: skip
    visible = f"FROM ({SCOPE_MARK}) hh_r"
    parts, params = [], []

    def add(name: str, given: dict, tail: str, order: str, tail_params: list) -> None:
        columns = ", ".join(f"{given.get(n, nulls[kind])} AS {n}" for n, kind in _COLUMNS.items())
        parts.append(member(PANEL_LISTS.index(name), columns, tail, order, DASHBOARD_ITEMS))
        params.extend(tail_params)

    def shown(alias: str) -> dict:
        return {
            "id": f"{alias}.{c['id']}",
            "title": f"{alias}.{c['title']}",
            "status": f"{alias}.{c['status']}",
            "flag": f"{alias}.{c['realignment_needed']}",
            "at": f"{alias}.{c['created_at']}",
        }

    if retrospectives:
        add(
            "retrospectives",
            {
                "id": f"hh_t.{c['id']}",
                "ref": f"hh_t.{c['requisition_id']}",
                "at": f"hh_t.{c['invited_at']}",
                "title": f"hh_tr.{c['title']}",
            },
            f"FROM {t} hh_t INNER JOIN {r} hh_tr ON hh_tr.{c['id']} = hh_t.{c['requisition_id']}"
            f" WHERE hh_t.{c['person_id']} = %s AND hh_t.{c['submitted_at']} IS NULL",
            f"hh_t.{c['invited_at']}, hh_t.{c['id']}",
            [USER],
        )
    if manages:
        draft = literal(CriteriaVersion.Status.DRAFT)
        # When the latest draft (highest number, as the model's ordering reads it) began.
        draft_since = (
            f"(SELECT hh_ds.{c['created_at']} FROM {cv} hh_ds"
            f" WHERE hh_ds.{c['requisition_id']} = hh_r.{c['id']} AND hh_ds.{c['status']} = {draft}"
            f" ORDER BY hh_ds.{c['number']} DESC LIMIT 1)"
        )
        add(
            "to_sign",
            {"id": f"hh_r.{c['id']}", "title": f"hh_r.{c['title']}", "at": draft_since},
            # A draft version with criteria (the join the queryset made, as EXISTS).
            f"{visible} WHERE hh_r.{c['hiring_manager_id']} = %s AND EXISTS (SELECT 1 FROM {cv}"
            f" hh_cv INNER JOIN {cr} hh_cr ON hh_cr.{c['version_id']} = hh_cv.{c['id']}"
            f" WHERE hh_cv.{c['requisition_id']} = hh_r.{c['id']}"
            f" AND hh_cv.{c['status']} = {draft})",
            f"hh_r.{c['title']}",
            [SCOPE, USER],
        )
        add(
            "check_ins",
            {
                "id": f"hh_k.{c['id']}",
                "ref": f"hh_k.{c['requisition_id']}",
                "at": f"hh_k.{c['compiled_at']}",
                "day": f"hh_k.{c['week_start']}",
                "title": f"hh_kr.{c['title']}",
            },
            f"FROM {k} hh_k INNER JOIN {r} hh_kr ON hh_kr.{c['id']} = hh_k.{c['requisition_id']}"
            f" WHERE hh_k.{c['acknowledged_at']} IS NULL AND hh_k.{c['compiled_at']} IS NOT NULL"
            f" AND hh_k.{c['requisition_id']} IN (SELECT hh_r.{c['id']} {visible}"
            f" WHERE hh_r.{c['hiring_manager_id']} = %s)",
            f"hh_k.{c['compiled_at']}, hh_k.{c['id']}",
            [SCOPE, USER],
        )
    if recruits:
        add(
            "realignment",
            shown("hh_r")
            | {"ref": f"hh_r.{c['hiring_manager_id']}", "name": f"hh_u.{c['full_name']}"},
            f"{visible} INNER JOIN {u} hh_u ON hh_u.{c['id']} = hh_r.{c['hiring_manager_id']}"
            f" WHERE hh_r.{c['recruiter_id']} = %s AND hh_r.{c['realignment_needed']}",
            f"hh_r.{c['title']}",
            [SCOPE, USER],
        )
    if talks:
        open_statuses = ", ".join(literal(s) for s in Requisition.Status.open_values())
        add(
            "talks",
            {
                "id": f"hh_h.{c['id']}",
                "ref": f"hh_h.{c['requisition_id']}",
                "title": f"hh_hr.{c['title']}",
                "reasons": f"CAST(hh_h.{c['reasons']} AS {column_type('text', vendor)})",
            },
            f"FROM {h} hh_h INNER JOIN {r} hh_hr ON hh_hr.{c['id']} = hh_h.{c['requisition_id']}"
            f" WHERE hh_h.{c['level']} = {literal(PartnershipHealth.Level.BAD)}"
            f" AND (hh_hr.{c['recruiter_id']} = %s OR hh_hr.{c['hiring_manager_id']} = %s)"
            f" AND hh_hr.{c['status']} IN ({open_statuses})",
            f"hh_h.{c['bad_since']} DESC, hh_h.{c['id']}",
            [USER, USER],
        )
    if recruits:
        before = ", ".join(literal(s) for s in Requisition.Status.before_alignment_values())
        add(
            "before_alignment",
            shown("hh_r"),
            f"{visible} WHERE hh_r.{c['recruiter_id']} = %s AND hh_r.{c['status']} IN ({before})",
            f"hh_r.{c['title']}",
            [SCOPE, USER],
        )
    return " UNION ALL ".join(parts), tuple(params)


def _requisition(alias: str, pk: int, title: str) -> Requisition:
    return instance(Requisition, alias, id=pk, title=title)


def _rows_of(fetched: list[tuple]) -> dict[str, list]:
    """The statement's rows as the models the panel's tags read (home_panels), with only
    the fields shown, as .only() gave them."""
    alias, when, day, flag = connection.alias, datetimes(), dates(), booleans()
    lists = {name: [] for name in PANEL_LISTS}
    for part, _, pk, ref, at, week, title, name, status, realign, reasons in fetched:
        kind = PANEL_LISTS[part]
        if kind == "retrospectives":
            row = instance(Retrospective, alias, id=pk, requisition_id=ref, invited_at=when(at))
            row._state.fields_cache["requisition"] = _requisition(alias, ref, title)
        elif kind == "to_sign":
            row = _requisition(alias, pk, title)
            row.waiting_since = when(at)
        elif kind == "check_ins":
            row = instance(
                CheckIn,
                alias,
                id=pk,
                requisition_id=ref,
                week_start=day(week),
                compiled_at=when(at),
            )
            row._state.fields_cache["requisition"] = _requisition(alias, ref, title)
        elif kind == "talks":
            row = instance(
                PartnershipHealth, alias, id=pk, requisition_id=ref, reasons=json.loads(reasons)
            )
            row._state.fields_cache["requisition"] = _requisition(alias, ref, title)
        else:  # realignment, before_alignment
            values = {
                "id": pk,
                "title": title,
                "status": status,
                "realignment_needed": flag(realign),
                "created_at": when(at),
            }
            if kind == "realignment":
                row = instance(Requisition, alias, **values, hiring_manager_id=ref)
                row._state.fields_cache["hiring_manager"] = instance(
                    User, alias, id=ref, full_name=name
                )
            else:
                row = instance(Requisition, alias, **values)
        lists[kind].append(row)
    return lists


def dashboard_panel(user: User) -> dict:
    """What needs this person's attention on requisitions: retrospectives to answer and
    partnerships that turned bad (a prompt to talk, to both people); for a hiring manager,
    criteria waiting for their sign-off and weekly check-ins to acknowledge; for a
    recruiter, their searches waiting for re-alignment or still before alignment. Each
    list its first DASHBOARD_ITEMS, all read in ONE statement (_panel_statement)."""
    panel = {name: [] for name in PANEL_LISTS}
    if not user.is_authenticated:
        return panel
    # Partnerships that turned bad: a prompt to talk, to both people.
    retrospectives = may_be_invited(user)  # as retrospectives_waiting_on
    talks = user.role in (Role.RECRUITER, Role.HIRING_MANAGER)
    # A hiring manager signs off and acknowledges; a recruiter re-aligns and aligns.
    manages, recruits = access.reviews_shortlists(user), access.can_manage_candidates(user)
    scope = None
    if manages or recruits:
        scope = scope_sql(home_visible_requisitions(user).open(), *_VISIBLE_COLUMNS)
        manages, recruits = manages and scope is not None, recruits and scope is not None
    if not (retrospectives or talks or manages or recruits):
        return panel
    sql, template = _panel_statement(connection.vendor, retrospectives, talks, manages, recruits)
    return panel | _rows_of(rows(*statement(sql, template, user.pk, scope)))
