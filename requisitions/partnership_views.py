"""The partnership pages of a requisition: the agreement, promises kept, the pulse and the
health; the signed pulse link from the weekly email; the admins' overview across pairs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from hiring_hub import access
from hiring_hub.business_time import week_monday
from hiring_hub.forms import add_service_errors
from hiring_hub.pagination import paginate
from requisitions import partnership, promises
from requisitions.forms import PartnershipAgreementForm, PulseForm
from requisitions.models import PartnershipAgreement, Requisition


def _partnership_requisition(user, pk) -> Requisition:
    """A requisition whose partnership the user may see, else 404."""
    return get_object_or_404(
        access.check_in_requisitions_visible_to(user).select_related(
            "recruiter", "hiring_manager", "partnership_agreement"
        ),
        pk=pk,
    )


def _this_week(requisition: Requisition):
    return week_monday(timezone.now(), requisition.hiring_manager.tzinfo)


@login_required
def partnership_detail(request, pk: int):
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
def partnership_agreement_edit(request, pk: int):
    requisition = _partnership_requisition(request.user, pk)
    access.require(access.can_edit_partnership_agreement(request.user, requisition))
    agreement = partnership.agreement_of(requisition) or PartnershipAgreement(
        requisition=requisition
    )
    form = PartnershipAgreementForm(request.POST or None, instance=agreement)
    if request.method == "POST" and form.is_valid():
        terms = {name: form.cleaned_data[name] for name in PartnershipAgreement.TERM_FIELDS}
        try:
            partnership.agreement_save(requisition=requisition, actor=request.user, **terms)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The partnership agreement is saved.")
            return redirect("requisitions:partnership", pk=requisition.pk)
    return render(
        request,
        "requisitions/partnership/agreement_form.html",
        {"requisition": requisition, "form": form, "agreement": agreement},
    )


@login_required
@require_POST
def partnership_pulse(request, pk: int):
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
            messages.success(request, "Thank you: your answer is on the requisition's trend.")
    else:
        messages.error(request, "Choose how the search is going for you, then send.")
    return redirect("requisitions:partnership", pk=requisition.pk)


@login_required
def pulse_answer(request, token: str):
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
    if request.method == "POST" and answered is None and form.is_valid():
        try:
            partnership.pulse_answer(
                requisition=requisition,
                actor=request.user,
                week_start=link.week_start,
                mood=form.cleaned_data["mood"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Thank you: your answer is on the requisition's trend.")
            return redirect("requisitions:partnership", pk=requisition.pk)
    return render(
        request,
        "requisitions/partnership/pulse_confirm.html",
        {"requisition": requisition, "form": form, "answered": answered, "week": link.week_start},
    )


@login_required
def partnership_overview(request):
    """Admins: every recruiter–hiring manager pair, the worst first."""
    access.require(access.can_see_partnership_overview(request.user))
    return render(
        request,
        "requisitions/partnership/overview.html",
        {"pairs": paginate(request, partnership.pairs_overview())},
    )
