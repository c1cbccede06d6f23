# === Weekly check-ins (jobs helper) =======================================================
# The history of a requisition's weekly check-ins, the recruiter's note for the coming one,
# and each week's report where the hiring manager acknowledges it and adds agenda points.
from django import forms as _forms  # noqa: E402
from django.contrib import messages as _messages  # noqa: E402
from django.contrib.auth.decorators import login_required as _login_required  # noqa: E402
from django.core.exceptions import ValidationError as _ValidationError  # noqa: E402
from django.shortcuts import get_object_or_404 as _get_object_or_404  # noqa: E402
from django.shortcuts import redirect as _redirect  # noqa: E402
from django.shortcuts import render as _render  # noqa: E402

from hiring_hub import access as _access  # noqa: E402
from requisitions import selectors as _check_in_selectors  # noqa: E402
from requisitions import services as _check_in_services  # noqa: E402
from requisitions.models import CheckIn as _CheckIn  # noqa: E402


class CheckInNoteForm(_forms.Form):
    note = _forms.CharField(
        label="Your note for the week",
        required=False,
        max_length=5000,
        widget=_forms.Textarea(attrs={"rows": 5}),
        help_text="Goes out with the figures in the weekly check-in email and stays on the "
        "report: what moved, what is blocked, what you need from the hiring manager.",
    )


class CheckInAcknowledgeForm(_forms.Form):
    agenda = _forms.CharField(
        label="Agenda points for our next conversation",
        required=False,
        max_length=5000,
        widget=_forms.Textarea(attrs={"rows": 4}),
    )


@_login_required
def check_in_list(request, requisition_pk: int):
    requisition = _get_object_or_404(
        _access.check_in_requisitions_visible_to(request.user).select_related(
            "recruiter", "hiring_manager"
        ),
        pk=requisition_pk,
    )
    can_write = _access.can_write_check_in_note(request.user, requisition)
    week_start = _check_in_selectors.check_in_upcoming_week(requisition)
    upcoming = _CheckIn.objects.filter(requisition=requisition, week_start=week_start).first()
    form = None
    if can_write:
        form = CheckInNoteForm(
            request.POST or None, initial={"note": upcoming.recruiter_note if upcoming else ""}
        )
        if request.method == "POST" and form.is_valid():
            try:
                _check_in_services.check_in_note_save(
                    requisition=requisition,
                    week_start=week_start,
                    note=form.cleaned_data["note"],
                    actor=request.user,
                )
            except _ValidationError as exc:
                form.add_error(None, exc)
            else:
                _messages.success(
                    request, f"Your note for the week of {week_start:%d %b} is saved."
                )
                return _redirect("requisitions:check_in_list", requisition_pk=requisition.pk)
    elif request.method == "POST":
        _access.require(False)
    return _render(
        request,
        "requisitions/check_in_list.html",
        {
            "requisition": requisition,
            "check_ins": list(_check_in_selectors.check_ins_for(requisition)),
            "week_start": week_start,
            "form": form,
        },
    )


@_login_required
def check_in_detail(request, pk: int):
    check_in = _get_object_or_404(_check_in_selectors.check_ins_visible_to(request.user), pk=pk)
    requisition = check_in.requisition
    can_acknowledge = (
        _access.can_acknowledge_check_in(request.user, requisition)
        and check_in.compiled_at is not None
    )
    form = (
        CheckInAcknowledgeForm(request.POST or None, initial={"agenda": check_in.manager_agenda})
        if can_acknowledge
        else None
    )
    if request.method == "POST":
        _access.require(can_acknowledge)
        if form.is_valid():
            try:
                _check_in_services.check_in_acknowledge(
                    check_in=check_in, actor=request.user, agenda=form.cleaned_data["agenda"]
                )
            except _ValidationError as exc:
                form.add_error(None, exc)
            else:
                _messages.success(request, "Check-in acknowledged. Thank you!")
                return _redirect("requisitions:check_in_detail", pk=check_in.pk)
    return _render(
        request,
        "requisitions/check_in_detail.html",
        {
            "check_in": check_in,
            "requisition": requisition,
            "report": _check_in_selectors.check_in_report(check_in),
            "form": form,
            "can_write_note": _access.can_write_check_in_note(request.user, requisition),
        },
    )


# === end weekly check-ins ==================================================================
