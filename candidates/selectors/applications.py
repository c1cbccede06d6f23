"""One application: its page (assessment, reviews, interviews, timeline) and its offer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet

from candidates.models import (
    Application,
    Assessment,
    Candidate,
    NegotiationNote,
    Offer,
    ShortlistEntry,
    StageChange,
)
from candidates.selectors.assessments import assessment_rows, with_flags
from hiring_hub import access
from requisitions.models import CriteriaVersion, Requisition
from requisitions.selectors import current_signed_version

if TYPE_CHECKING:
    from hiring_hub.models import User

St = Application.Stage

# Stages at which the recruiter may draft an offer (the application moves to "offer").
# Where the offer page is open: an offer may be drafted, or is on the table.
OFFER_STAGES = (*St.offer_ready_values(), St.OFFER)


def application_detail(*, user: User, pk: int, timeline: slice = slice(0, 21)) -> Application:
    """An application with what its page shows; of the timeline, the `timeline` slice of
    stage changes (latest first)."""
    return (
        with_flags(access.applications_visible_to(user))
        .select_related(
            "candidate",
            "requisition",
            "requisition__recruiter",
            "requisition__hiring_manager",
            "offer",
        )
        .prefetch_related(
            Prefetch(
                "stage_changes",
                queryset=StageChange.objects.select_related("actor").order_by("-created_at", "-id")[
                    timeline
                ],
                to_attr="timeline",
            ),
            Prefetch(
                "assessments",
                queryset=Assessment.objects.select_related("criterion", "assessed_by"),
            ),
            Prefetch(
                "shortlist_entries",
                queryset=ShortlistEntry.objects.select_related(
                    "shortlist", "decided_by"
                ).prefetch_related("criteria"),
            ),
        )
        .get(pk=pk)
    )


@dataclass(frozen=True)
class ApplicationPage:
    application: Application
    candidate: Candidate
    requisition: Requisition
    version: CriteriaVersion | None
    rows: list[dict]
    offer: Offer | None
    interviews: list


def application_page(*, user: User, application: Application) -> ApplicationPage:
    """What the application page shows of `application_detail(...)`: the assessment against
    the signed criteria, the offer if any, the interviews the user may see."""
    version = current_signed_version(application.requisition)
    return ApplicationPage(
        application=application,
        candidate=application.candidate,
        requisition=application.requisition,
        version=version,
        rows=assessment_rows(application=application, version=version),
        offer=getattr(application, "offer", None),  # select_related; None when there is none
        interviews=list(
            access.interviews_visible_to(user)
            .filter(application=application)
            .select_related("stage")
            .order_by("starts_at")
        ),
    )


# --- Offers ------------------------------------------------------------------------------------
def offer_application(*, user: User, pk: int) -> Application:
    """An application the user may see, with what the offer page shows of it. Raises
    Application.DoesNotExist (a 404)."""
    return (
        with_flags(access.applications_visible_to(user))
        .select_related(
            "candidate", "requisition", "requisition__hiring_manager", "requisition__recruiter"
        )
        .get(pk=pk)
    )


def offer_of(application: Application) -> Offer | None:
    return (
        Offer.objects.select_related("approved_by", "created_by")
        .filter(application=application)
        .first()
    )


def offer_notes(offer: Offer) -> QuerySet:
    return NegotiationNote.objects.filter(offer=offer).select_related("author")


@dataclass(frozen=True)
class OfferPage:
    application: Application
    candidate: Candidate
    requisition: Requisition
    offer: Offer | None
    notes: list[NegotiationNote]


def offer_page(application: Application, offer: Offer | None) -> OfferPage:
    return OfferPage(
        application=application,
        candidate=application.candidate,
        requisition=application.requisition,
        offer=offer,
        notes=list(offer_notes(offer)) if offer else [],
    )
