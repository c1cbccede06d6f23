"""The follow-up history with a candidate, and recording what they were told."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from debriefs import selectors, services
from debriefs.forms import CandidateUpdateForm
from debriefs.views._common import visible_application
from hiring_hub import access
from hiring_hub.forms import add_service_errors


@login_required
def follow_up(request: HttpRequest, application_pk: int) -> HttpResponse:
    application = visible_application(request.user, application_pk)
    access.require(access.can_see_follow_up(request.user, application))
    can_record = access.can_record_candidate_update(request.user, application)
    form = CandidateUpdateForm(request.POST or None) if can_record else None
    if request.method == "POST":
        access.require(can_record)
        if form.is_valid():
            try:
                services.follow_up_record(
                    application=application, actor=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Update recorded.")
                return redirect("debriefs:follow_up", application_pk=application.pk)
    return render(
        request,
        "debriefs/follow_up.html",
        {
            "application": application,
            "updates": selectors.candidate_updates(application),
            "interviews": selectors.application_interviews(application),
            "form": form,
            "can_record": can_record,
        },
    )
