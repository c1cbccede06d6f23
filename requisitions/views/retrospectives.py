"""The retrospective of a filled requisition: each person's answers, and how the
partnership agreement was kept."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hiring_hub import access
from requisitions import promises, retrospectives
from requisitions.forms import RetrospectiveForm
from requisitions.views._common import submit, visible_requisition


@login_required
def retrospective(request: HttpRequest, pk: int) -> HttpResponse:
    requisition = visible_requisition(request.user, pk)
    access.require(access.can_see_retrospective(request.user, requisition))
    answers = list(retrospectives.retrospectives_of(requisition))
    mine = next((r for r in answers if r.person_id == request.user.pk), None)
    can_answer = mine is not None and not mine.is_submitted
    if request.method == "POST":
        access.require(can_answer)
    form = RetrospectiveForm(request.POST or None) if can_answer else None
    write = partial(retrospectives.retrospective_submit, retrospective=mine, actor=request.user)
    message = (
        "Thank you! Your answers are kept here and added to "
        f"{requisition.hiring_manager}'s team profile."
    )
    if response := submit(request, form, write, message, request.path):
        return response
    return render(
        request,
        "requisitions/retrospective.html",
        {
            "requisition": requisition,
            "answers": [r for r in answers if r.is_submitted],
            "waiting": [r for r in answers if not r.is_submitted],
            "form": form,
            "days_to_fill": retrospectives.days_to_fill(requisition),
            # How the agreement was kept, both ways, in the words of the partnership page.
            "promises": promises.promises_kept(requisition),
        },
    )
