"""Floors: for each benchmarked page, the fastest page the same stack can serve with the same
rows. One query (values_list, the columns the page shows), a bare template, and the same
middleware, session and login as the real page. Lists fetch one page of FLOOR_ROWS rows
(what a paginated page shows); the shortlist review fetches all its rows. The dashboard's
floor fetches its list of open requisitions only (DASHBOARD_ROWS), not the rows of the
panels above it (what waits on the user: some sixty rows and their counts), so the
dashboards' ratios also count reading and drawing the panels.

The layout floor (`floor_layout`) is the same query rendered inside the app's own layout
(templates/base.html: navigation, user menu, messages): what any page of the app costs at
least. It is reported beside the floor, never instead of it."""

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from candidates.models import Application, Candidate, ShortlistEntry
from debriefs.models import Interview, ThankYouNote
from hiring_hub import access

FLOOR_ROWS = 50
DASHBOARD_ROWS = 20  # the dashboard's open requisitions (hiring_hub.selectors.dashboard_for)


def _candidates(request):
    return Candidate.objects.order_by("full_name", "id").values_list(
        "id", "full_name", "email", "location", "source"
    )[:FLOOR_ROWS]


def _candidate_search(request):
    q = request.GET.get("q", "")
    return (
        Candidate.objects.filter(
            Q(full_name__icontains=q) | Q(email__icontains=q) | Q(location__icontains=q)
        )
        .order_by("full_name", "id")
        .values_list("id", "full_name", "email", "location", "source")[:FLOOR_ROWS]
    )


def _dashboard(request):
    return (
        access.requisitions_visible_to(request.user)
        .open()
        .order_by("target_start_date", "title")
        .values_list(
            "id",
            "title",
            "status",
            "target_start_date",
            "recruiter__full_name",
            "hiring_manager__full_name",
        )[:DASHBOARD_ROWS]
    )


def _pipeline(request):
    return (
        Application.objects.filter(requisition_id=int(request.GET.get("requisition", 0)))
        .order_by("-created_at", "-id")
        .values_list("id", "candidate__full_name", "candidate__email", "stage", "stage_changed_at")[
            :FLOOR_ROWS
        ]
    )


def _thank_you_notes(request):
    return (
        ThankYouNote.objects.filter(
            status=ThankYouNote.Status.DRAFT,
            interview__status=Interview.Status.SCHEDULED,
            interview__application__requisition__recruiter=request.user,
        )
        .order_by("due_at", "id")
        .values_list(
            "interview_id",
            "due_at",
            "interview__application__candidate__full_name",
            "interview__stage__name",
            "interview__application__requisition__title",
        )[:FLOOR_ROWS]
    )


def _shortlist(request):
    return (
        ShortlistEntry.objects.filter(shortlist_id=int(request.GET.get("shortlist", 0)))
        .order_by("id")
        .values_list(
            "id",
            "decision",
            "reason",
            "application__candidate__full_name",
            "application__candidate__location",
            "application__stage",
        )
    )


def _interviews(request):
    return (
        Interview.objects.filter(
            interviewers=request.user,
            status=Interview.Status.SCHEDULED,
            ends_at__gte=timezone.now(),
        )
        .order_by("starts_at", "id")
        .values_list(
            "id",
            "starts_at",
            "stage__name",
            "application__candidate__full_name",
            "application__requisition__title",
        )[:FLOOR_ROWS]
    )


FLOORS = {
    "candidates": _candidates,
    "candidate-search": _candidate_search,
    "dashboard": _dashboard,
    "pipeline": _pipeline,
    "thank-you-notes": _thank_you_notes,
    "shortlist": _shortlist,
    "interviews": _interviews,
}


@login_required
def floor(request, name: str):
    if name not in FLOORS:
        raise Http404
    return render(request, "bench/floor.html", {"name": name, "rows": list(FLOORS[name](request))})


@login_required
def floor_layout(request, name: str):
    if name not in FLOORS:
        raise Http404
    return render(
        request, "bench/floor_layout.html", {"name": name, "rows": list(FLOORS[name](request))}
    )
