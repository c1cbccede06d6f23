"""The pages the scale benchmark measures (`PAGES`, the one table to edit to add a page), their
floors' URLs, and who and what they are requested for."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Subjects:
    """Who and what the pages are requested for, chosen the same way on every data set."""

    recruiter: int
    manager: int
    interviewer: int
    requisition: int
    shortlist: int


@dataclass(frozen=True)
class Page:
    name: str
    role: str  # recruiter, manager or interviewer: the Subjects field logged in
    url: Callable[[Subjects], str]
    floor: str  # a name in bench/floors.py FLOORS
    floor_query: Callable[[Subjects], str] = lambda s: ""


def _url(name: str, *args) -> Callable[[Subjects], str]:
    def build(s: Subjects) -> str:
        from django.urls import reverse

        return reverse(name, args=[getattr(s, a) for a in args])

    return build


# The single table of what is measured: adjust here.
PAGES = [
    Page("candidate list", "recruiter", _url("candidates:candidate_list"), "candidates"),
    Page(
        'candidate search "Berlin"',
        "recruiter",
        lambda s: _url("candidates:candidate_list")(s) + "?q=Berlin",
        "candidate-search",
        lambda s: "?q=Berlin",
    ),
    Page("recruiter dashboard", "recruiter", _url("home"), "dashboard"),
    Page("hiring-manager dashboard", "manager", _url("home"), "dashboard"),
    Page(
        "pipeline (largest requisition)",
        "recruiter",
        _url("candidates:pipeline", "requisition"),
        "pipeline",
        lambda s: f"?requisition={s.requisition}",
    ),
    Page("thank-you notes", "recruiter", _url("debriefs:thank_you_list"), "thank-you-notes"),
    Page(
        "shortlist review (largest)",
        "manager",
        _url("candidates:shortlist_review", "shortlist"),
        "shortlist",
        lambda s: f"?shortlist={s.shortlist}",
    ),
    Page(
        "interview list (interviewer)", "interviewer", _url("debriefs:interview_list"), "interviews"
    ),
]


def floor_url(page: Page, s: Subjects) -> str:
    from django.urls import reverse

    return reverse("bench_floor", args=[page.floor]) + page.floor_query(s)


def layout_floor_url(page: Page, s: Subjects) -> str:
    """The floor's rows inside the app's layout (floors.floor_layout): a second yardstick."""
    from django.urls import reverse

    return reverse("bench_floor_layout", args=[page.floor]) + page.floor_query(s)


def pick_subjects() -> Subjects:
    """The largest requisition (by applications) and its recruiter; the largest shortlist and
    its hiring manager; the interviewer with the most interviews."""
    from django.db.models import Count

    from candidates.models import Application, Shortlist
    from hiring_hub.models import Role, User
    from requisitions.models import Requisition

    req_id = (
        Application.objects.values("requisition")
        .annotate(n=Count("id"))
        .order_by("-n", "requisition")
        .values_list("requisition", flat=True)
        .first()
    )
    requisition = Requisition.objects.get(pk=req_id)
    shortlist = (
        Shortlist.objects.annotate(n=Count("entries"))
        .select_related("requisition")
        .order_by("-n", "pk")
        .first()
    )
    interviewer = (
        User.objects.filter(role=Role.INTERVIEWER, is_active=True)
        .annotate(n=Count("interviews"))
        .order_by("-n", "pk")
        .first()
    )
    return Subjects(
        recruiter=requisition.recruiter_id,
        manager=shortlist.requisition.hiring_manager_id,
        interviewer=interviewer.pk,
        requisition=requisition.pk,
        shortlist=shortlist.pk,
    )


def clients_for(s: Subjects) -> dict:
    from django.test import Client
    from django.urls import reverse

    from hiring_hub.models import User

    clients = {}
    for role in ("recruiter", "manager", "interviewer"):
        clients[role] = Client()
        clients[role].force_login(User.objects.get(pk=getattr(s, role)))
        # Warm the process (sessions, auth, URL and template caches) before anything counts.
        clients[role].get(reverse("bench_floor", args=["dashboard"]))
    return clients
