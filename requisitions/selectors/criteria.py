"""Reads on a requisition's criteria: the signed and draft versions, what editing works
on, and the draft's changes against the signed version."""

from __future__ import annotations

from django.db.models import QuerySet

from requisitions.models import CriteriaVersion, Criterion, Requisition


def current_signed_version(requisition: Requisition) -> CriteriaVersion | None:
    """The criteria the whole search is judged against: the latest signed-off version."""
    return (
        requisition.criteria_versions.filter(status=CriteriaVersion.Status.SIGNED)
        .order_by("-number")
        .prefetch_related("criteria")
        .first()
    )


def draft_version(requisition: Requisition) -> CriteriaVersion | None:
    return (
        requisition.criteria_versions.filter(status=CriteriaVersion.Status.DRAFT)
        .prefetch_related("criteria")
        .first()
    )


def criteria_being_edited(requisition: Requisition) -> CriteriaVersion | None:
    """The version an edit works on: the draft, else the signed version (editing one of
    its criteria starts a new draft)."""
    return draft_version(requisition) or current_signed_version(requisition)


def criterion_for_edit(requisition: Requisition) -> QuerySet[Criterion]:
    """The criteria as they would be edited now: the draft's, else the signed version's
    (editing one of those starts a new draft)."""
    version = criteria_being_edited(requisition)
    if version is None:
        return Criterion.objects.none()
    return Criterion.objects.filter(version=version)


# --- Diff ------------------------------------------------------------------------------
CRITERION_DIFF_FIELDS = (
    ("name", "Name"),
    ("kind", "Kind"),
    ("category", "Category"),
    ("definition", "What good looks like"),
)


def criteria_diff(signed: CriteriaVersion | None, draft: CriteriaVersion | None) -> dict:
    """A readable comparison of the draft against the signed version, criterion by
    criterion (followed by key): added, removed, changed (with before/after of each
    changed field), and the persona."""
    result = {"added": [], "removed": [], "changed": [], "persona": None, "has_changes": False}
    if draft is None:
        return result
    old = {c.key: c for c in signed.criteria.all()} if signed else {}
    new = {c.key: c for c in draft.criteria.all()}
    for key, criterion in new.items():
        before = old.get(key)
        if before is None:
            result["added"].append(criterion)
            continue
        fields = []
        for name, label in CRITERION_DIFF_FIELDS:
            a, b = getattr(before, name), getattr(criterion, name)
            if a != b:
                display = f"get_{name}_display"
                if hasattr(criterion, display):
                    a, b = getattr(before, display)(), getattr(criterion, display)()
                fields.append({"label": label, "before": a, "after": b})
        if fields:
            result["changed"].append({"criterion": criterion, "was": before, "fields": fields})
    result["removed"] = [c for key, c in old.items() if key not in new]
    signed_persona = signed.persona if signed else ""
    if signed_persona != draft.persona:
        result["persona"] = {"before": signed_persona, "after": draft.persona}
    result["has_changes"] = bool(
        result["added"] or result["removed"] or result["changed"] or result["persona"]
    )
    return result
