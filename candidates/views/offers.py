"""The offer of an application: its page, and one view per step the page's forms post to
(terms, the manager's approval, the verbal offer, the written offer, a negotiation note,
the candidate's answer)."""

from collections.abc import Callable
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from candidates import selectors, services
from candidates.forms import (
    NegotiationNoteForm,
    OfferForm,
    OfferOutcomeForm,
    VerbalOfferForm,
    WrittenOfferForm,
)
from candidates.models import Application, Offer
from hiring_hub import access


def _application_or_404(request, application_pk) -> tuple[Application, Offer | None]:
    try:
        application = selectors.offer_application(user=request.user, pk=application_pk)
    except Application.DoesNotExist:
        raise Http404 from None
    access.require(access.can_see_offer(request.user, application))
    return application, selectors.offer_of(application)


def _offer_or_404(request, application_pk) -> tuple[Application, Offer]:
    """For a step the recruiter leads: refused to anyone else, and only once there is an
    offer."""
    application, offer = _application_or_404(request, application_pk)
    access.require(access.can_change_pipeline(request.user, application.requisition))
    if offer is None:
        raise Http404
    return application, offer


def _forms(offer: Offer | None) -> dict[str, Form]:
    """The page's forms, unbound; the verbal one shows the verbal offer already made."""
    made = offer is not None and offer.verbal_offer_at
    return {
        "terms": OfferForm(instance=offer),
        "verbal": VerbalOfferForm(
            initial={
                "made_at": timezone.localtime(offer.verbal_offer_at).strftime("%Y-%m-%dT%H:%M"),
                "outcome": offer.verbal_outcome,
            }
            if made
            else None
        ),
        "written": WrittenOfferForm(),
        "note": NegotiationNoteForm(),
        "outcome": OfferOutcomeForm(),
    }


def _page(
    request,
    application: Application,
    offer: Offer | None,
    *,
    refused: str = "",
    form: Form | None = None,
):
    """The offer page; after a `refused` step (a 400), its bound `form` shows the errors."""
    can_manage = access.can_change_pipeline(request.user, application.requisition)
    forms = _forms(offer)
    if form is not None:
        forms[refused] = form
    return render(
        request,
        "candidates/offer_detail.html",
        {
            **vars(selectors.offer_page(application, offer)),
            "forms": forms,
            "can_manage": can_manage,
            "can_approve": offer is not None and access.can_approve_offer(request.user, offer),
            "can_start": can_manage
            and offer is None
            and application.stage in selectors.OFFER_STAGES,
        },
        status=400 if refused else 200,
    )


def _step(
    request,
    application: Application,
    offer: Offer | None,
    *,
    name: str,
    form: Form | None,
    write: Callable[..., object],
    done: str | None = "Offer updated.",
):
    """Run `write` with the form's data; back to the offer page when it succeeds, else the
    page again with the form and why (a refused form highlights its fields; the service's
    refusal shows on the form, or as a message for a step without one)."""
    try:
        if form is not None and not form.is_valid():
            raise ValidationError("Check the highlighted fields.")
        write(**(form.cleaned_data if form is not None else {}))
    except ValidationError as exc:
        if form is not None and not form.errors:
            form.add_error(None, exc)
        else:
            messages.error(request, " ".join(exc.messages))
        return _page(request, application, offer, refused=name, form=form)
    if done:
        messages.success(request, done)
    return redirect("candidates:offer_detail", application_pk=application.pk)


@login_required
def offer_detail(request, application_pk):
    application, offer = _application_or_404(request, application_pk)
    return _page(request, application, offer)


@login_required
@require_POST
def offer_terms(request, application_pk):
    """Draft the offer, or change its terms before the verbal offer."""
    application, offer = _application_or_404(request, application_pk)
    access.require(access.can_change_pipeline(request.user, application.requisition))
    if offer is None:
        write = partial(services.offer_create, application=application, actor=request.user)
    else:
        write = partial(services.offer_update, offer=offer, actor=request.user)
    form = OfferForm(request.POST, instance=offer)
    return _step(request, application, offer, name="terms", form=form, write=write)


@login_required
@require_POST
def offer_approve(request, application_pk):
    application, offer = _application_or_404(request, application_pk)
    access.require(offer is not None and access.can_approve_offer(request.user, offer))
    write = partial(services.offer_approve, offer=offer, actor=request.user)
    return _step(request, application, offer, name="approve", form=None, write=write)


def _recruiter_step(name: str, form_class: type[Form], service: Callable, doc: str):
    """The view of a step the recruiter records with one form and one service."""

    @login_required
    @require_POST
    def view(request, application_pk):
        application, offer = _offer_or_404(request, application_pk)
        write = partial(service, offer=offer, actor=request.user)
        form = form_class(request.POST)
        return _step(request, application, offer, name=name, form=form, write=write)

    view.__name__ = view.__qualname__ = f"offer_{name}"
    view.__doc__ = doc
    return view


offer_verbal = _recruiter_step(
    "verbal", VerbalOfferForm, services.offer_verbal_record, "Record the verbal offer."
)
offer_written = _recruiter_step(
    "written", WrittenOfferForm, services.offer_written_send, "Record the written offer sent."
)
offer_note = _recruiter_step(
    "note", NegotiationNoteForm, services.offer_negotiation_note_add, "Log a negotiation note."
)


@login_required
@require_POST
def offer_outcome(request, application_pk):
    """The candidate's answer: accepted (hired) or declined, with why."""
    application, offer = _offer_or_404(request, application_pk)

    def record(*, outcome: str, declined_reason: str) -> None:
        if outcome == Offer.Outcome.ACCEPTED:
            services.offer_accept(offer=offer, actor=request.user)
            messages.success(request, f"{application.candidate.full_name} is hired. 🎉")
        else:
            services.offer_decline(offer=offer, actor=request.user, reason=declined_reason)

    form = OfferOutcomeForm(request.POST)
    return _step(request, application, offer, name="outcome", form=form, write=record, done=None)
