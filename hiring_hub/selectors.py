"""Reads for the dashboard. Each app adds its own panel through `dashboard_panels`."""

from hiring_hub import access


def dashboard_for(user) -> dict:
    requisitions = (
        access.requisitions_visible_to(user)
        .open()
        .select_related("recruiter", "hiring_manager")
        .order_by("target_start_date", "title")[:20]
    )
    return {"requisitions": requisitions}
