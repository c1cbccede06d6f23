"""The partnership pages of a requisition: the agreement, promises kept, the pulse and the
health; the signed pulse link from the weekly email; the admins' overview across pairs."""

import datetime as dt
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from hiring_hub import access
from hiring_hub.business_time import week_monday
from hiring_hub.models import User
from hiring_hub.pagination import paginate
from requisitions import partnership, promises
from requisitions.forms import PartnershipAgreementForm, PulseForm
from requisitions.models import PartnershipAgreement, Requisition
from requisitions.views._common import submit


def _partnership_requisition(user: User, pk: int) -> Requisition:
    """A requisition whose partnership the user may see, else 404."""
    return get_object_or_404(
        access.check_in_requisitions_visible_to(user).select_related(
            "recruiter", "hiring_manager", "partnership_agreement"
        ),
        pk=pk,
    )


PULSE_THANKS = "Thank you: your answer is on the requisition's trend."


def _partnership_url(requisition: Requisition) -> str:
    return reverse("requisitions:partnership", args=[requisition.pk])


def _this_week(requisition: Requisition) -> dt.date:
    return week_monday(timezone.now(), requisition.hiring_manager.tzinfo)


@login_required
def partnership_detail(request: HttpRequest, pk: int) -> HttpResponse:
    requisition = _partnership_requisition(request.user, pk)
    agreement = partnership.agreement_of(requisition)
    terms = partnership.terms_of(requisition)
    week = _this_week(requisition)
    can_answer = access.can_answer_pulse(request.user, requisition) and not requisition.is_read_only
    answered = partnership.pulse_answer_of(requisition, request.user, week) if can_answer else None
    context = {
        "requisition": requisition,
        "agreement": agreement,
        "terms": terms,
        "agreed_promises": promises.agreed_promises(terms),
        "history": (
            paginate(request, partnership.agreement_history(agreement), param="history")
            if agreement
            else None
        ),
        "trend": partnership.pulse_trend(requisition),
        "can_edit": access.can_edit_partnership_agreement(request.user, requisition)
        and not requisition.is_read_only,
        "pulse_form": PulseForm() if can_answer and answered is None else None,
        "pulse_answered": answered,
        "week": week,
        **promises.partnership_page(requisition),
    }
    return render(request, "requisitions/partnership/detail.html", context)


@login_required
def partnership_agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    requisition = _partnership_requisition(request.user, pk)
    access.require(access.can_edit_partnership_agreement(request.user, requisition))
    agreement = partnership.agreement_of(requisition) or PartnershipAgreement(
        requisition=requisition
    )
    form = PartnershipAgreementForm(request.POST or None, instance=agreement)
    write = partial(partnership.agreement_save, requisition=requisition, actor=request.user)
    message = "The partnership agreement is saved."
    if response := submit(request, form, write, message, _partnership_url(requisition)):
        return response
    return render(
        request,
        "requisitions/partnership/agreement_form.html",
        {"requisition": requisition, "form": form, "agreement": agreement},
    )


@login_required
@require_POST
def partnership_pulse(request: HttpRequest, pk: int) -> HttpResponse:
    """The hiring manager answers this week's pulse on the partnership or check-in page."""
    requisition = _partnership_requisition(request.user, pk)
    access.require(access.can_answer_pulse(request.user, requisition))
    form = PulseForm(request.POST)
    if form.is_valid():
        try:
            partnership.pulse_answer(
                requisition=requisition,
                actor=request.user,
                week_start=_this_week(requisition),
                mood=form.cleaned_data["mood"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            messages.info(request, " ".join(exc.messages))
        else:
            messages.success(request, PULSE_THANKS)
    else:
        messages.error(request, "Choose how the search is going for you, then send.")
    return redirect(_partnership_url(requisition))


@login_required
def pulse_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The one-click answer from the weekly email. The link only opens a confirm page (GET
    records nothing: mail scanners and link previews open links too); "Send" records it.
    The link is for its person only, works once (one answer per week) and expires after
    PULSE_LINK_MAX_AGE."""
    try:
        link = partnership.pulse_link_read(token)
    except signing.SignatureExpired:
        return render(request, "requisitions/partnership/pulse_expired.html", status=410)
    except signing.BadSignature:
        raise PermissionDenied from None
    if link.person_id != request.user.pk:
        raise PermissionDenied
    requisition = _partnership_requisition(request.user, link.requisition_id)
    access.require(access.can_answer_pulse(request.user, requisition))
    answered = partnership.pulse_answer_of(requisition, request.user, link.week_start)
    form = PulseForm(request.POST or None, initial={"mood": link.mood})
    write = partial(
        partnership.pulse_answer,
        requisition=requisition,
        actor=request.user,
        week_start=link.week_start,
    )
    then = _partnership_url(requisition)
    if answered is None and (response := submit(request, form, write, PULSE_THANKS, then)):
        return response
    return render(
        request,
        "requisitions/partnership/pulse_confirm.html",
        {"requisition": requisition, "form": form, "answered": answered, "week": link.week_start},
    )


@login_required
def partnership_overview(request: HttpRequest) -> HttpResponse:
    """Admins: every recruiter–hiring manager pair, the worst first."""
    access.require(access.can_see_partnership_overview(request.user))
    return render(
        request,
        "requisitions/partnership/overview.html",
        {"pairs": paginate(request, partnership.pairs_overview())},
    )
