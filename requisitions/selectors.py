"""Reads on requisitions, scoped through hiring_hub.access."""

from requisitions.models import CriteriaVersion, Requisition


def current_signed_version(requisition: Requisition) -> CriteriaVersion | None:
    """The criteria the whole search is judged against: the latest signed-off version."""
    return (
        requisition.criteria_versions.filter(status=CriteriaVersion.Status.SIGNED)
        .order_by("-number")
        .prefetch_related("criteria")
        .first()
    )
