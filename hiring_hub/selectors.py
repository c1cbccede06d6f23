"""Reads for the home page (each person's inbox) and the counts beside the navigation.

The home is the one page every app adds to: their panels, and the stage counts and chart
of the user's open requisitions, come through hiring_hub.home, registered by the apps."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from django.db.models import CharField, F, Func, QuerySet

from hiring_hub import access, home, home_list
from hiring_hub.navigation import navigation_counts as navigation_counts

if TYPE_CHECKING:
    from hiring_hub.charts import Chart
    from hiring_hub.models import User

# Requisitions listed on the home page; "all requisitions" links to the full list.
HOME_REQUISITIONS = 10
# What the home's list reads of a requisition and its two people (hiring_hub.home_list).
HOME_REQUISITION_FIELDS = (
    *home_list.REQUISITION_FIELDS,
    *(
        f"{person}__{name}"
        for person in ("recruiter", "hiring_manager")
        for name in home_list.PERSON_FIELDS
    ),
)


@dataclass(frozen=True)
class Home:
    """The home page: each app's panel (template, context), then the user's open
    requisitions with their stage counts and days-open chart."""

    panels: list[tuple[str, dict]]
    requisitions: list
    days_open_chart: Chart | None
    more_requisitions: bool  # more than HOME_REQUISITIONS: link to the full list
    everyone: bool  # every open requisition rather than the user's
    can_see_everyone: bool


class _Label(Func):
    """A scalar subquery written out once per process (`_label_sql`): the row of `model`
    whose primary key is the outer row's `ref`, and `path` read from it, following forward
    foreign keys by inner join (no row, or a null key on the way, reads NULL). A Subquery
    of a queryset is cloned, resolved and compiled again in every request, a few
    milliseconds for a home that names a dozen things; this is two strings around the
    compiled reference. The aliases (hh_lb0, hh_lb1, …) are the subquery's own."""

    arity = 1

    def __init__(self, ref, *, model, path: str, shown: bool = False) -> None:
        self.model, self.path, self.shown = model, path, shown
        output_field = CharField() if shown else _field_at(model, path)
        super().__init__(F(ref) if isinstance(ref, str) else ref, output_field=output_field)

    def as_sql(self, compiler, connection, **extra_context):
        ref, params = compiler.compile(self.source_expressions[0])
        before, after = _label_sql(self.model, self.path, self.shown, connection.vendor)
        # The empty name that NULLIF reads as none comes before the reference.
        return f"{before}{ref}{after}", [*(("",) if self.shown else ()), *params]


def _field_at(model, path: str):
    *relations, name = path.split("__")
    for relation in relations:
        model = model._meta.get_field(relation).related_model
    return model._meta.get_field(name)


@cache
def _label_sql(model, path: str, shown: bool, vendor: str) -> tuple[str, str]:
    """The SQL of a _Label before and after its reference, for one database vendor."""
    from django.db import connections

    q = next(c for c in connections.all() if c.vendor == vendor).ops.quote_name
    key = f"hh_lb0.{q(model._meta.pk.column)}"
    *relations, name = path.split("__")
    alias = "hh_lb0"
    tables = f"{q(model._meta.db_table)} {alias}"
    for depth, relation in enumerate(relations, start=1):
        field = model._meta.get_field(relation)
        model, joined = field.related_model, f"hh_lb{depth}"
        tables += (
            f" INNER JOIN {q(model._meta.db_table)} {joined}"
            f" ON {joined}.{q(field.target_field.column)} = {alias}.{q(field.column)}"
        )
        alias = joined
    column = f"{alias}.{q(model._meta.get_field(name).column)}"
    if shown:
        email = f"{alias}.{q(model._meta.get_field('email').column)}"
        column = f"COALESCE(NULLIF({column}, %s), {email})"
    return f"(SELECT {column} FROM {tables} WHERE {key} = ", " LIMIT 1)"


def label_sql(model, path: str, ref: str, vendor: str, *, shown: bool = False) -> str:
    """label's (or with `shown`, shown_as's) subquery written around `ref`, SQL text, for
    the statements written out whole (hiring_hub.panel_sql). With `shown` it takes one
    parameter, the empty name that NULLIF reads as none ("")."""
    before, after = _label_sql(model, path, shown, vendor)
    return f"{before}{ref}{after}"


def label(model, ref: str, path: str) -> Func:
    """`path` read from the `model` row that the field `ref` of the outer row points to.

    For the home's panels, which show a name or a title from tables they do not filter or
    sort on: a scalar subquery runs for the rows shown only, where a join (select_related)
    widens the planner's join search, which costs more than these short lists take to run."""
    return _Label(ref, model=model, path=path)


def shown_as(ref: str) -> Func:
    """The user the field `ref` points to as they print (User.__str__: their name, or their
    email without one), by subquery as `label`."""
    from hiring_hub.models import User

    return _Label(ref, model=User, path="full_name", shown=True)


def _built_once(user: User, name: str, build) -> QuerySet:
    """`build(user)`, an access scope, built once per user object, that is once per
    request: the home filters several lists by the same scope. The queryset is lazy and
    cloned where it is used, so each query still applies the rule in the database;
    nothing is answered from memory."""
    memo = getattr(user, name, None)
    if memo is None:
        memo = build(user)
        setattr(user, name, memo)
    return memo


def home_pipelines(user: User) -> QuerySet:
    """access.pipelines_changeable_by(user), once per request (_built_once)."""
    return _built_once(user, "_home_pipelines", access.pipelines_changeable_by)


def home_visible_requisitions(user: User) -> QuerySet:
    """access.requisitions_visible_to(user), once per request (_built_once)."""
    return _built_once(user, "_home_visible_requisitions", access.requisitions_visible_to)


def dashboard_panels(user: User) -> list[tuple[str, dict]]:
    return home.panels_for(user)


def home_requisitions(user: User, *, everyone: bool = False) -> QuerySet:
    """The open requisitions the user works on: a recruiter's own and those on whose hiring
    team they are (every open one with `everyone`); anyone else's as hiring manager or on
    the hiring team. Ordered by target start. The home reads this list, with the stage
    counts of the rows whose pipeline the user may see, in one written-out statement
    (hiring_hub.home_list); tests hold the two to each other."""
    return (
        _listed(user, everyone)
        .open()
        .select_related("recruiter", "hiring_manager")
        .only(*HOME_REQUISITION_FIELDS)
        .order_by("target_start_date", "title", "pk")
    )


def _listed(user: User, everyone: bool) -> QuerySet:
    if access.is_recruiter(user) and not everyone:
        return home_pipelines(user)
    return home_visible_requisitions(user)


def _open_requisitions(user: User, everyone: bool, limit: int) -> list:
    """home_requisitions' first `limit` rows, with the stage counts as `hh_stage_counts`
    on the rows whose pipeline the user may see (access.pipelines_seen_by)."""
    listed = _listed(user, everyone)
    seen = access.pipelines_seen_by(user)
    seen_rows = None if seen is None else listed.model.objects.filter(seen)
    return home_list.open_requisitions(user, listed, seen_rows, limit)


def _with_stage_counts(user: User, requisitions: list) -> list:
    """Sets `stage_counts` [(label, count)] on each requisition whose pipeline the user may
    see (None on the others), from the list's own column (_counted)."""
    for requisition in requisitions:
        counts = getattr(requisition, "hh_stage_counts", None)
        if counts is not None and access.can_see_pipeline(user, requisition):
            requisition.stage_counts = home.read_stage_counts(counts)
        else:
            requisition.stage_counts = None
    return requisitions


def _days_open_chart(user: User, requisitions: list) -> Chart | None:
    """Days open against target for the requisitions the home lists (no further query);
    for the two people who run searches, not for interviewers."""
    if not (access.is_recruiter(user) or access.reviews_shortlists(user)):
        return None
    return home.days_open_chart(requisitions)


def dashboard_for(user: User, *, everyone: bool = False) -> Home:
    """Home: what waits on the user (each app's panel), then their open requisitions with
    stage counts. `everyone` (recruiters) lists every open requisition instead."""
    requisitions = _open_requisitions(user, everyone, HOME_REQUISITIONS + 1)
    shown = _with_stage_counts(user, requisitions[:HOME_REQUISITIONS])
    return Home(
        panels=dashboard_panels(user),
        requisitions=shown,
        days_open_chart=_days_open_chart(user, shown),
        more_requisitions=len(requisitions) > HOME_REQUISITIONS,
        everyone=everyone,
        can_see_everyone=access.is_recruiter(user),
    )
