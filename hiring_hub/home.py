"""What the apps add to each person's home page, registered from their AppConfig.ready, so
the ground composes the page without importing any app:

- a panel of what waits on the user (`register_panel`): a template under
  `templates/<app>/` and the selector that builds its context, in `position` order;
- to the list of the user's open requisitions (hiring_hub.selectors.dashboard_for), the
  count of each open stage as a column of its rows (`register_stage_counts`, candidates)
  and the days-open chart (`register_days_open_chart`, requisitions).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.db.models import Expression

    from hiring_hub.charts import Chart
    from hiring_hub.models import User

# The stage counts' column of a requisition row (an expression of the reference given),
# and how to read its value as [(stage label, count)].
StageCountsColumn = Callable[[str], "Expression"]
StageCountsRead = Callable[[str], list[tuple[str, int]]]
DaysOpenChart = Callable[[list], "Chart | None"]


@dataclass(frozen=True)
class Panel:
    position: int
    template: str  # rendered with the built context as `panel`
    build: Callable[[User], dict]


_panels: dict[str, Panel] = {}
_requisition_extras: dict[str, Callable] = {}


def register_panel(*, position: int, template: str, build: Callable[[User], dict]) -> None:
    _panels[template] = Panel(position, template, build)


def register_stage_counts(column: StageCountsColumn, read: StageCountsRead) -> None:
    """`column(ref)`: the counts of each stage of the requisition `ref` points to, as a
    column of the home's list of requisitions (no query of its own); `read(value)` →
    [(stage label, count)]. The home decides who may see them."""
    _requisition_extras["stage_counts"] = (column, read)


def register_days_open_chart(chart: DaysOpenChart) -> None:
    """`chart(requisitions)` → the bars of days open against target, from the rows given."""
    _requisition_extras["days_open_chart"] = chart


def panels_for(user: User) -> list[tuple[str, dict]]:
    panels = sorted(_panels.values(), key=lambda panel: panel.position)
    return [(panel.template, panel.build(user)) for panel in panels]


def stage_counts_column(ref: str) -> Expression | None:
    registered = _requisition_extras.get("stage_counts")
    return registered[0](ref) if registered else None


def read_stage_counts(value: str) -> list[tuple[str, int]]:
    return _requisition_extras["stage_counts"][1](value)


def days_open_chart(requisitions: list) -> Chart | None:
    chart = _requisition_extras.get("days_open_chart")
    return chart(requisitions) if chart and requisitions else None
