"""What the debrief views share."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from django.shortcuts import get_object_or_404

from candidates.models import Application
from hiring_hub import access
from hiring_hub.models import User


def visible_application(user: User, pk: int) -> Application:
    qs = access.applications_visible_to(user).select_related(
        "candidate", "requisition__recruiter", "requisition__hiring_manager"
    )
    return get_object_or_404(qs, pk=pk)


def page_context(page: Any) -> dict[str, Any]:
    """A selector's page dataclass as template context, one name per field."""
    return {field.name: getattr(page, field.name) for field in fields(page)}
