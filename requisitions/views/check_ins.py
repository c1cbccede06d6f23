"""Weekly check-ins: the history of a requisition's check-ins, the recruiter's note for the
coming one, and each week's report where the hiring manager acknowledges it and adds
agenda points."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from hiring_hub import access
from hiring_hub.pagination import paginate
from requisitions import selectors, services
from requisitions.forms import CheckInAcknowledgeForm, CheckInNoteForm, PulseForm
from requisitions.views._common import submit


@login_required
def check_in_list(request: HttpRequest, requisition_pk: int) -> HttpResponse:
    requisition = get_object_or_404(
        access.check_in_requisitions_visible_to(request.user).select_related(
            "recruiter", "hiring_manager"
        ),
        pk=requisition_pk,
    )
    week_start = selectors.check_in_upcoming_week(requisition)
    can_write = access.can_write_check_in_note(request.user, requisition)
    if request.method == "POST":
        access.require(can_write)
    form = (
        CheckInNoteForm(
            request.POST or None,
            initial={"note": selectors.check_in_note(requisition, week_start)},
        )
        if can_write
        else None
    )
    write = partial(
        services.check_in_note_save,
        requisition=requisition,
        week_start=week_start,
        actor=request.user,
    )
    message = f"Your note for the week of {week_start:%d %b} is saved."
    if response := submit(request, form, write, message, request.path):
        return response
    return render(
        request,
        "requisitions/check_in_list.html",
        {
            "requisition": requisition,
            "check_ins": paginate(request, selectors.check_ins_for(requisition)),
            "week_start": week_start,
            "form": form,
        },
    )


@login_required
def check_in_detail(request: HttpRequest, pk: int) -> HttpResponse:
    check_in = get_object_or_404(selectors.check_ins_visible_to(request.user), pk=pk)
    requisition = check_in.requisition
    can_acknowledge = (
        access.can_acknowledge_check_in(request.user, requisition)
        and check_in.compiled_at is not None
    )
    if request.method == "POST":
        access.require(can_acknowledge)
    form = (
        CheckInAcknowledgeForm(request.POST or None, initial={"agenda": check_in.manager_agenda})
        if can_acknowledge
        else None
    )
    write = partial(services.check_in_acknowledge, check_in=check_in, actor=request.user)
    message = "Check-in acknowledged. Thank you!"
    if response := submit(request, form, write, message, request.path):
        return response
    return render(
        request,
        "requisitions/check_in_detail.html",
        {
            "check_in": check_in,
            "requisition": requisition,
            "report": selectors.check_in_report(check_in),
            "form": form,
            "can_write_note": access.can_write_check_in_note(request.user, requisition),
            "pulse": selectors.check_in_pulse(check_in, user=request.user),
            "pulse_form": PulseForm(),
        },
    )
