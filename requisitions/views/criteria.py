"""The criteria and the persona: drafting them, and the hiring manager's sign-off (or
request for changes)."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from hiring_hub import access
from hiring_hub.models import User
from requisitions import partnership, promises, selectors, services
from requisitions.forms import ChangesRequestForm, CriterionForm, PersonaForm, SignOffForm
from requisitions.models import CriteriaVersion, Criterion, Requisition
from requisitions.views._common import (
    refusal_or_success,
    requisition_url,
    simple_form_page,
    submit,
    visible_requisition,
)


def _added(criterion: Criterion) -> str:
    return f"Criterion “{criterion.name}” added."


def _sign_off(*, requisition: Requisition, actor: User, confirm: bool) -> CriteriaVersion:
    return services.criteria_sign_off(requisition=requisition, actor=actor)


def _signed_off(version: CriteriaVersion) -> str:
    return f"Criteria v{version.number} signed off. Thank you for aligning!"


def _editable_requisition(request: HttpRequest, pk: int) -> Requisition:
    requisition = visible_requisition(request.user, pk)
    access.require(access.can_edit_requisition(request.user, requisition))
    return requisition


@login_required
def criterion_add(request: HttpRequest, pk: int) -> HttpResponse:
    requisition = _editable_requisition(request, pk)
    form = CriterionForm(request.POST or None)
    write = partial(services.criterion_add, requisition=requisition, actor=request.user)
    if response := submit(request, form, write, _added, requisition_url(requisition, "criteria")):
        return response
    return _criterion_page(request, requisition, form, None)


@login_required
def criterion_edit(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    requisition = _editable_requisition(request, pk)
    criterion = get_object_or_404(selectors.criterion_for_edit(requisition), key=key)
    form = CriterionForm(request.POST or None, instance=criterion)
    write = partial(services.criterion_revise, requisition=requisition, key=key, actor=request.user)
    message = "Criterion saved in the draft."
    if response := submit(request, form, write, message, requisition_url(requisition, "criteria")):
        return response
    return _criterion_page(request, requisition, form, criterion)


def _criterion_page(
    request: HttpRequest, requisition: Requisition, form: CriterionForm, criterion: Criterion | None
) -> HttpResponse:
    signed = selectors.current_signed_version(requisition)
    draft_exists = selectors.draft_version(requisition) is not None
    return render(
        request,
        "requisitions/criterion_form.html",
        {
            "requisition": requisition,
            "form": form,
            "criterion": criterion,
            "starts_realignment": signed is not None and not draft_exists,
        },
    )


@login_required
@require_POST
def criterion_remove(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    requisition = _editable_requisition(request, pk)
    refusal_or_success(
        request,
        lambda: services.criterion_remove(requisition=requisition, key=key, actor=request.user),
        "Criterion removed from the draft.",
    )
    return redirect(requisition_url(requisition, "criteria"))


@login_required
def persona_edit(request: HttpRequest, pk: int) -> HttpResponse:
    requisition = _editable_requisition(request, pk)
    latest = requisition.criteria_versions.order_by("-number").first()
    form = PersonaForm(request.POST or None, initial={"persona": latest.persona if latest else ""})
    write = partial(services.persona_update, requisition=requisition, actor=request.user)
    if response := submit(
        request, form, write, "Persona saved.", requisition_url(requisition, "criteria")
    ):
        return response
    warning = (
        f"The persona is part of the signed-off criteria v{latest.number}. Saving a "
        "change starts a new draft and asks the hiring manager to re-align."
        if latest is not None and latest.is_signed
        else ""
    )
    return simple_form_page(request, requisition, form, "Candidate persona", warning=warning)


@login_required
def criteria_sign_off(request: HttpRequest, pk: int) -> HttpResponse:
    requisition = visible_requisition(request.user, pk)
    # Everyone who sees the requisition may read what waits for sign-off; only the
    # hiring manager signs.
    form = SignOffForm(request.POST or None)
    if request.method == "POST":
        access.require(access.can_sign_off(request.user, requisition))
    # The form only confirms: the service signs off what waits for it.
    write = partial(_sign_off, requisition=requisition, actor=request.user)
    if response := submit(request, form, write, _signed_off, requisition_url(requisition)):
        return response
    return _sign_off_page(request, requisition, form, ChangesRequestForm())


@login_required
@require_POST
def criteria_changes_request(request: HttpRequest, pk: int) -> HttpResponse:
    requisition = visible_requisition(request.user, pk)
    access.require(access.can_sign_off(request.user, requisition))
    changes_form = ChangesRequestForm(request.POST)
    write = partial(services.criteria_changes_request, requisition=requisition, actor=request.user)
    message = f"{requisition.recruiter} was asked for the changes; sign off once done."
    if response := submit(request, changes_form, write, message, requisition_url(requisition)):
        return response
    return _sign_off_page(request, requisition, SignOffForm(), changes_form)


def _sign_off_page(
    request: HttpRequest,
    requisition: Requisition,
    form: SignOffForm,
    changes_form: ChangesRequestForm,
) -> HttpResponse:
    signed = selectors.current_signed_version(requisition)
    draft = selectors.draft_version(requisition)
    terms = partnership.terms_of(requisition)
    return render(
        request,
        "requisitions/sign_off.html",
        {
            "requisition": requisition,
            "signed": signed,
            "draft": draft,
            "diff": selectors.criteria_diff(signed, draft),
            "form": form,
            "changes_form": changes_form,
            "can_sign": access.can_sign_off(request.user, requisition)
            and not requisition.is_read_only,
            "agreed_promises": promises.agreed_promises(terms),
            "agreement_proposed": terms.agreed,
        },
    )
