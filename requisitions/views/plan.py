"""The interview plan: its stages, who interviews in each and which criteria it assesses."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from hiring_hub import access
from hiring_hub.models import User
from requisitions import selectors, services
from requisitions.forms import InterviewStageForm
from requisitions.models import InterviewStage
from requisitions.views._common import (
    refusal_or_success,
    requisition_url,
    simple_form_page,
    submit,
    visible_requisition,
)


def _added(stage: InterviewStage) -> str:
    return f"Stage “{stage.name}” added to the plan."


def _stage_update(*, stage: InterviewStage, actor: User, order: int | None, **fields) -> None:
    # A stage left without an order keeps its place.
    services.interview_stage_update(
        stage=stage, actor=actor, order=stage.order if order is None else order, **fields
    )


@login_required
def interview_stage_add(request: HttpRequest, pk: int) -> HttpResponse:
    requisition = visible_requisition(request.user, pk)
    access.require(access.can_edit_requisition(request.user, requisition))
    form = InterviewStageForm(request.POST or None, criteria=selectors.plan_criteria(requisition))
    write = partial(services.interview_stage_add, requisition=requisition, actor=request.user)
    if response := submit(request, form, write, _added, requisition_url(requisition, "plan")):
        return response
    return simple_form_page(request, requisition, form, "Add an interview stage")


def _editable_stage(user: User, pk: int) -> InterviewStage:
    """A stage of a requisition the user may see (else 404) and edit (else 403)."""
    stage = get_object_or_404(
        InterviewStage.objects.select_related(
            "requisition__recruiter", "requisition__hiring_manager"
        ).filter(requisition__in=access.requisitions_visible_to(user)),
        pk=pk,
    )
    access.require(access.can_edit_requisition(user, stage.requisition))
    return stage


@login_required
def interview_stage_edit(request: HttpRequest, pk: int) -> HttpResponse:
    stage = _editable_stage(request.user, pk)
    requisition = stage.requisition
    initial = {
        "name": stage.name,
        "order": stage.order,
        "duration_minutes": stage.duration_minutes,
        "interviewers": stage.interviewers.all(),
        "criterion_keys": stage.criterion_keys,
    }
    form = InterviewStageForm(
        request.POST or None, initial=initial, criteria=selectors.plan_criteria(requisition)
    )
    write = partial(_stage_update, stage=stage, actor=request.user)
    if response := submit(
        request, form, write, "Stage saved.", requisition_url(requisition, "plan")
    ):
        return response
    return simple_form_page(
        request,
        requisition,
        form,
        f"Edit stage: {stage.name}",
        delete_url="requisitions:interview_stage_remove",
        delete_pk=stage.pk,
    )


@login_required
@require_POST
def interview_stage_remove(request: HttpRequest, pk: int) -> HttpResponse:
    stage = _editable_stage(request.user, pk)
    refusal_or_success(
        request,
        lambda: services.interview_stage_remove(stage=stage, actor=request.user),
        "Stage removed from the plan.",
    )
    return redirect(requisition_url(stage.requisition, "plan"))
