"""One application: its page, a stage move and the assessment against the criteria."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from candidates import selectors, services
from candidates.forms import AssessmentForm, MoveForm
from candidates.models import Application
from hiring_hub import access
from hiring_hub.forms import add_service_errors
from hiring_hub.pagination import timeline_page, timeline_slice
from requisitions.selectors import current_signed_version

St = Application.Stage


def _application_or_404(request, pk) -> Application:
    try:
        return selectors.application_detail(
            user=request.user, pk=pk, timeline=timeline_slice(request)
        )
    except Application.DoesNotExist:
        raise Http404 from None


@login_required
def application_detail(request, pk):
    application = _application_or_404(request, pk)
    user = request.user
    access.require(access.can_see_candidate_details(user, application.candidate, [application]))
    page = selectors.application_page(user=user, application=application)
    can_manage = access.can_change_pipeline(user, page.requisition)
    return render(
        request,
        "candidates/application_detail.html",
        {
            **vars(page),
            "move_form": MoveForm(),
            "timeline": timeline_page(request, application.timeline),
            "can_manage": can_manage,
            "show_offer": access.can_see_offer(user, application)
            and (
                page.offer is not None
                or (can_manage and application.stage in selectors.OFFER_STAGES)
                or application.stage == St.OFFER
            ),
            "can_schedule": access.can_schedule_interview(user, application)
            and application.stage not in St.closed_values(),
            "can_see_debrief": access.can_see_debrief(user, application),
            "can_see_follow_up": access.can_see_follow_up(user, application),
        },
    )


@login_required
@require_POST
def application_move(request, pk):
    application = get_object_or_404(
        access.applications_visible_to(request.user).select_related("requisition"), pk=pk
    )
    access.require(access.can_change_pipeline(request.user, application.requisition))
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            services.application_move(
                application=application, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Moved to {St(form.cleaned_data['to_stage']).label}.")
    else:
        messages.error(request, "Choose a stage.")
    return redirect("candidates:application_detail", pk=application.pk)


@login_required
def assessment_edit(request, pk):
    application = _application_or_404(request, pk)
    access.require(access.can_change_pipeline(request.user, application.requisition))
    version = current_signed_version(application.requisition)
    rows = selectors.assessment_rows(application=application, version=version)
    form = AssessmentForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_save(
                application=application, actor=request.user, ratings=form.ratings()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Assessment saved.")
            return redirect("candidates:application_detail", pk=application.pk)
    return render(
        request,
        "candidates/assessment_form.html",
        {"application": application, "form": form, "version": version, "rows": rows},
    )
