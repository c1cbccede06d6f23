"""The debrief page: the scorecards side by side, and the decision."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from candidates.models import Application
from debriefs import selectors, services
from debriefs.forms import DecisionForm
from debriefs.views._common import visible_application
from hiring_hub import access
from hiring_hub.forms import add_service_errors


def _debrief_refused(request: HttpRequest, application: Application) -> HttpResponse:
    """Say the real reason: an interviewer sees the debrief once their own scorecard is in
    (so they judge independently); anyone else is simply not part of it."""
    own = selectors.own_unsubmitted_scorecard(request.user, application)
    if own is None:
        raise PermissionDenied
    return render(
        request,
        "403.html",
        {
            "reason": (
                f"Submit your own scorecard for the {own.interview.stage.name} interview "
                f"with {application.candidate.full_name} first: the debrief opens once it is "
                "in, so that every interviewer judges on their own."
            ),
            "error_link": reverse("debriefs:scorecard_edit", args=[own.interview_id]),
            "error_link_label": "Open my scorecard",
        },
        status=403,
    )


@login_required
def debrief(request: HttpRequest, application_pk: int) -> HttpResponse:
    application = visible_application(request.user, application_pk)
    if not access.can_see_debrief(request.user, application):
        return _debrief_refused(request, application)
    can_decide = access.can_decide_debrief(request.user, application)
    data = selectors.debrief_for(request.user, application)
    form = None
    if can_decide:
        form = DecisionForm(
            request.POST or None, initial={"next_stage_focus": data.suggested_focus}
        )
    if request.method == "POST":
        access.require(can_decide)
        if form.is_valid():
            try:
                decision = services.debrief_decide(
                    application=application,
                    stage=data.stage,
                    actor=request.user,
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, f"Decision recorded: {decision.get_decision_display()}.")
                return redirect("debriefs:debrief", application_pk=application.pk)
    return render(
        request,
        "debriefs/debrief.html",
        {
            "application": application,
            "debrief": data,
            "form": form,
            "can_decide": can_decide,
            "can_see_follow_up": access.can_see_follow_up(request.user, application),
        },
    )
