"""The intake: filled in together by the recruiter and the hiring manager, every change
kept; and the intake meeting's invite."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from hiring_hub import access
from requisitions import calendar, selectors, services
from requisitions.forms import IntakeForm
from requisitions.models import Intake, IntakeRevision
from requisitions.views._common import ics_response, submit, visible_requisition


@login_required
def intake_edit(request: HttpRequest, pk: int) -> HttpResponse:
    requisition = visible_requisition(request.user, pk)
    access.require(access.can_see_intake(request.user, requisition))
    # Requisitions opened through the service always have one; render an empty one
    # otherwise (intake_update creates it on the first save).
    intake = selectors.intake_of(requisition) or Intake(requisition=requisition)
    can_edit = access.can_edit_intake(request.user, requisition) and not requisition.is_read_only
    form = IntakeForm(request.POST or None, instance=intake)
    if request.method == "POST":
        access.require(can_edit)
    write = partial(services.intake_update, requisition=requisition, actor=request.user)
    if response := submit(request, form, write, _saved, request.path):
        return response
    return render(
        request,
        "requisitions/intake.html",
        {
            "requisition": requisition,
            "intake": intake,
            "form": form,
            "sections": selectors.intake_form_sections(form),
            "can_edit": can_edit,
            "revisions": selectors.intake_history(intake),
        },
    )


def _saved(revision: IntakeRevision | None) -> str:
    return "Intake saved." if revision else "No changes to save."


@login_required
def intake_ics(request: HttpRequest, pk: int) -> HttpResponse:
    requisition = visible_requisition(request.user, pk)
    access.require(access.can_see_intake(request.user, requisition))
    intake = get_object_or_404(Intake, requisition=requisition, meeting_at__isnull=False)
    return ics_response(calendar.intake_meeting_ics(intake), f"intake-{requisition.pk}.ics")
