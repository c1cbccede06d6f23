"""Reads for the follow-up history with the candidate."""

from __future__ import annotations

from django.db.models import QuerySet

from candidates.models import Application
from debriefs.models import CandidateUpdate, Interview


def candidate_updates(application: Application) -> QuerySet:
    return CandidateUpdate.objects.filter(application_id=application.pk).select_related(
        "author", "message"
    )


def application_interviews(application: Application) -> QuerySet:
    """The application's interviews, cancelled ones included, with their stage and people."""
    return (
        Interview.objects.filter(application=application)
        .select_related("stage")
        .prefetch_related("interviewers")
    )
