"""What the requisition pages share: finding what the user may see, and the one way a
posted form reaches its service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from hiring_hub import access
from hiring_hub.forms import add_service_errors
from hiring_hub.models import User
from requisitions.models import Requisition


def visible_requisition(user: User, pk: int) -> Requisition:
    """A requisition the user may see, else 404 (its existence is not revealed)."""
    return get_object_or_404(
        access.requisitions_visible_to(user).select_related("recruiter", "hiring_manager"), pk=pk
    )


def requisition_url(requisition: Requisition, anchor: str = "") -> str:
    """The requisition page, at one of its sections (`#criteria`, `#plan`) if given."""
    url = reverse("requisitions:requisition_detail", args=[requisition.pk])
    return f"{url}#{anchor}" if anchor else url


def submit(
    request: HttpRequest,
    form: forms.BaseForm | None,
    write: Callable[..., Any],
    message: str | Callable[[Any], str],
    then: str | Callable[[Any], str],
) -> HttpResponse | None:
    """A posted, valid form goes to its service, `write(**cleaned_data)`: once written,
    show `message` and redirect to `then` (either may be built from what the service
    returned). The service's refusal lands on the form, keeping what was typed. None when
    the page renders the form (a GET, or errors to show) or has none (the user reads)."""
    if form is None or request.method != "POST" or not form.is_valid():
        return None
    try:
        result = write(**form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
    messages.success(request, message(result) if callable(message) else message)
    return redirect(then(result) if callable(then) else then)


def refusal_or_success(request: HttpRequest, write: Callable[[], Any], message: str) -> None:
    """A one-click write (a POST without a form): its refusal or `message` as a flash."""
    try:
        write()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, message)


def ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def simple_form_page(
    request: HttpRequest, requisition: Requisition, form: forms.BaseForm, title: str, **extra: Any
) -> HttpResponse:
    """A one-form page of a requisition (templates/requisitions/simple_form.html): `extra`
    may add a `warning`, a `lead`, or the `delete_url` and `delete_pk` of a remove button."""
    context = {"requisition": requisition, "form": form, "title": title, **extra}
    return render(request, "requisitions/simple_form.html", context)
