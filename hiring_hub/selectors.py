"""Reads for the home page (each person's inbox) and the counts beside the navigation.

The home is the one page every app adds to: their panels, and the stage counts and chart
of the user's open requisitions, come through hiring_hub.home, registered by the apps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import CharField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, NullIf

from hiring_hub import access, home
from hiring_hub.navigation import navigation_counts as navigation_counts

if TYPE_CHECKING:
    from hiring_hub.charts import Chart
    from hiring_hub.models import User

# Requisitions listed on the home page; "all requisitions" links to the full list.
HOME_REQUISITIONS = 10
# What the home's list, its stage counts' access check and its days-open chart read of a
# requisition and its two people (a user prints as their name, or email without one).
HOME_REQUISITION_FIELDS = (
    "title",
    "team",
    "location",
    "status",
    "realignment_needed",
    "target_start_date",
    "opened_at",
    "filled_at",
    "created_at",
    "recruiter__full_name",
    "recruiter__email",
    "hiring_manager__full_name",
    "hiring_manager__email",
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


def label(model, ref: str, path: str) -> Subquery:
    """`path` read from the `model` row that the field `ref` of the outer row points to.

    For the home's panels, which show a name or a title from tables they do not filter or
    sort on: a scalar subquery runs for the rows shown only, where a join (select_related)
    widens the planner's join search, which costs more than these short lists take to run."""
    # One row by primary key: no ORDER BY (a model's default ordering would add a sort).
    return Subquery(model.objects.filter(pk=OuterRef(ref)).order_by().values(path)[:1])


def shown_as(ref: str) -> Subquery:
    """The user the field `ref` points to as they print (User.__str__: their name, or their
    email without one), by subquery as `label`."""
    from hiring_hub.models import User

    shown = Coalesce(NullIf("full_name", Value("")), "email", output_field=CharField())
    return Subquery(User.objects.filter(pk=OuterRef(ref)).order_by().values(shown=shown)[:1])


def dashboard_panels(user: User) -> list[tuple[str, dict]]:
    return home.panels_for(user)


def home_requisitions(user: User, *, everyone: bool = False) -> QuerySet:
    """The open requisitions the user works on: a recruiter's own and those on whose hiring
    team they are (every open one with `everyone`); anyone else's as hiring manager or on
    the hiring team. Ordered by target start."""
    if access.is_recruiter(user) and not everyone:
        qs = access.pipelines_changeable_by(user)
    else:
        qs = access.requisitions_visible_to(user)
    return (
        qs.open()
        .select_related("recruiter", "hiring_manager")
        .only(*HOME_REQUISITION_FIELDS)
        .order_by("target_start_date", "title", "pk")
    )


def _with_stage_counts(user: User, requisitions: list) -> list:
    """Sets `stage_counts` [(label, count)] on each requisition whose pipeline the user may
    see (None on the others), in one query over the listed requisitions only."""
    counts = home.stage_counts([r.pk for r in requisitions if access.can_see_pipeline(user, r)])
    for requisition in requisitions:
        requisition.stage_counts = counts.get(requisition.pk)
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
    requisitions = list(home_requisitions(user, everyone=everyone)[: HOME_REQUISITIONS + 1])
    shown = _with_stage_counts(user, requisitions[:HOME_REQUISITIONS])
    return Home(
        panels=dashboard_panels(user),
        requisitions=shown,
        days_open_chart=_days_open_chart(user, shown),
        more_requisitions=len(requisitions) > HOME_REQUISITIONS,
        everyone=everyone,
        can_see_everyone=access.is_recruiter(user),
    )
