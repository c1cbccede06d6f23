"""The requisition itself: the list, opening and editing one, its page, its status."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from hiring_hub import access
from hiring_hub.pagination import paginate, timeline_page, timeline_slice, wants_everyone
from requisitions import selectors, services
from requisitions.forms import RequisitionForm, TransitionForm
from requisitions.models import Requisition
from requisitions.views._common import (
    refusal_or_success,
    requisition_url,
    submit,
    visible_requisition,
)


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def requisition_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    search = request.GET.get("q", "").strip()
    recruiter_id = _int_or_none(request.GET.get("recruiter"))
    manager_id = _int_or_none(request.GET.get("hiring_manager"))
    # A recruiter's list opens on their own searches; choosing a recruiter or "everyone's"
    # widens it (other roles see only their own requisitions anyway).
    can_see_everyone = access.is_recruiter(request.user)
    everyone = not can_see_everyone or wants_everyone(request) or recruiter_id is not None
    qs = selectors.requisition_list(
        user=request.user,
        status=selectors.status_filter(status),
        recruiter_id=recruiter_id if everyone else request.user.pk,
        hiring_manager_id=manager_id,
        search=search,
    )
    page = paginate(request, qs)
    context = {
        "page": page,
        "requisitions": page.object_list,
        "statuses": selectors.STATUS_FILTER_CHOICES,
        **selectors.list_filter_people(),
        "filters": {
            "status": status,
            "q": search,
            "recruiter": recruiter_id,
            "hiring_manager": manager_id,
        },
        "filtered": bool(status or search or recruiter_id or manager_id),
        "everyone": everyone,
        "can_see_everyone": can_see_everyone,
        "can_create": access.can_create_requisition(request.user),
    }
    template = "requisitions/_list_rows.html" if request.htmx else "requisitions/list.html"
    return render(request, template, context)


@login_required
def requisition_create(request: HttpRequest) -> HttpResponse:
    access.require(access.can_create_requisition(request.user))
    form = RequisitionForm(request.POST or None, initial={"recruiter": request.user})

    # A requisition left without a recruiter is the actor's (requisition_create).
    write = partial(services.requisition_create, actor=request.user)

    def opened(requisition: Requisition) -> str:
        return (
            f"Requisition opened. {requisition.hiring_manager} was emailed; "
            "next, fill in the intake together."
        )

    if response := submit(request, form, write, opened, requisition_url):
        return response
    return render(request, "requisitions/form.html", {"form": form, "requisition": None})


@login_required
def requisition_edit(request: HttpRequest, pk: int) -> HttpResponse:
    requisition = visible_requisition(request.user, pk)
    access.require(access.can_edit_requisition(request.user, requisition))
    form = RequisitionForm(request.POST or None, instance=requisition)
    write = partial(services.requisition_update, requisition=requisition, actor=request.user)
    if response := submit(request, form, write, "Requisition saved.", requisition_url(requisition)):
        return response
    return render(request, "requisitions/form.html", {"form": form, "requisition": requisition})


@login_required
def requisition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    requisition = get_object_or_404(
        selectors.requisition_for_detail(request.user, timeline=timeline_slice(request)), pk=pk
    )
    return render(
        request,
        "requisitions/detail.html",
        {
            "requisition": requisition,
            "page": selectors.requisition_page(requisition, user=request.user),
            "events": timeline_page(request, requisition.timeline),
        },
    )


@login_required
@require_POST
def requisition_transition(request: HttpRequest, pk: int) -> HttpResponse:
    requisition = visible_requisition(request.user, pk)
    access.require(access.can_change_requisition_status(request.user, requisition))
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a status to move to.")
    else:
        to_status = form.cleaned_data["to_status"]
        refusal_or_success(
            request,
            lambda: services.requisition_transition(
                requisition=requisition,
                to_status=to_status,
                actor=request.user,
                reason=form.cleaned_data["reason"],
            ),
            f"Status is now {Requisition.Status(to_status).label}.",
        )
    return redirect(requisition_url(requisition))
