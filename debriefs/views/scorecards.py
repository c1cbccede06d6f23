"""An interviewer's own scorecard: the page, then one view per action (save the draft,
submit it, amend it once submitted)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from debriefs import selectors, services
from debriefs.forms import ScorecardForm
from debriefs.models import Interview
from debriefs.selectors import ScorecardPage
from hiring_hub import access
from hiring_hub.forms import add_service_errors


def _own_scorecard(
    request: HttpRequest, interview_pk: int
) -> tuple[Interview, ScorecardPage, ScorecardForm]:
    """The interview, the user's own scorecard on it and its form (bound on a POST)."""
    interview = selectors.interview_for(request.user, interview_pk)
    access.require(access.can_write_scorecard(request.user, interview))
    page = selectors.scorecard_page(request.user, interview)
    if page is None:
        raise Http404("No scorecard for you on this interview.")
    form = ScorecardForm(
        request.POST if request.method == "POST" else None,
        initial=ScorecardForm.initial_for(page.scorecard),
        criteria=page.criteria,
        all_criteria=page.all_criteria,
        submitted=page.submitted,
    )
    return interview, page, form


def _render(
    request: HttpRequest, interview: Interview, page: ScorecardPage, form: ScorecardForm
) -> HttpResponse:
    return render(
        request,
        "debriefs/scorecard_form.html",
        {
            "interview": interview,
            "scorecard": page.scorecard,
            "form": form,
            "submitted": page.submitted,
        },
    )


def _action(service: Callable[..., object], *, message: str, then: str) -> Callable:
    """A POST-only view that binds the form and calls `service` on the user's own scorecard;
    then says `message` and goes to `then`. Refused: the page again, with the errors beside
    their fields."""

    @login_required
    @require_POST
    def view(request: HttpRequest, interview_pk: int) -> HttpResponse:
        interview, page, form = _own_scorecard(request, interview_pk)
        if form.is_valid():
            try:
                service(scorecard=page.scorecard, actor=request.user, **form.service_kwargs())
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, message)
                return redirect(then, interview.pk)
        return _render(request, interview, page, form)

    return view


@login_required
@require_GET
def scorecard_edit(request: HttpRequest, interview_pk: int) -> HttpResponse:
    interview, page, form = _own_scorecard(request, interview_pk)
    return _render(request, interview, page, form)


scorecard_save_draft = _action(
    services.scorecard_save_draft,
    message="Draft saved. Only you can see it.",
    then="debriefs:scorecard_edit",
)
scorecard_submit = _action(
    services.scorecard_submit,
    message="Scorecard submitted. You can now read the other scorecards.",
    then="debriefs:interview_detail",
)


@login_required
@require_POST
def scorecard_amend(request: HttpRequest, interview_pk: int) -> HttpResponse:
    """The change is kept as a visible amendment; the form asks why."""
    interview, page, form = _own_scorecard(request, interview_pk)
    if not form.is_valid():
        return _render(request, interview, page, form)
    try:
        amendment = services.scorecard_amend(
            scorecard=page.scorecard,
            actor=request.user,
            reason=form.cleaned_data.get("amendment_reason", ""),
            **form.service_kwargs(),
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
        return _render(request, interview, page, form)
    if amendment is None:
        messages.success(request, "Nothing changed.")
    else:
        messages.success(request, "Your change is saved and shown as an amendment.")
    return redirect("debriefs:interview_detail", pk=interview.pk)
