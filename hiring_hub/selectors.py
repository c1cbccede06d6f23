"""Reads for the dashboard: open requisitions, plus each app's panel of what needs attention."""

import importlib

from hiring_hub import access

# Each app offers `<app>.selectors.dashboard_panel(user) -> dict`, rendered by
# `templates/<app>/_dashboard_panel.html` as `panel`.
PANEL_APPS = ("requisitions", "candidates", "debriefs")


def dashboard_panels(user) -> list[tuple[str, dict]]:
    panels = []
    for app in PANEL_APPS:
        try:
            selectors = importlib.import_module(f"{app}.selectors")
        except ModuleNotFoundError:
            continue
        if hasattr(selectors, "dashboard_panel"):
            panels.append((f"{app}/_dashboard_panel.html", selectors.dashboard_panel(user)))
    return panels


def dashboard_for(user) -> dict:
    requisitions = (
        access.requisitions_visible_to(user)
        .open()
        .select_related("recruiter", "hiring_manager")
        .order_by("target_start_date", "title")[:20]
    )
    return {"requisitions": requisitions, "panels": dashboard_panels(user)}
