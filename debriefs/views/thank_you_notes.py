"""Thank-you notes: the list by urgency, one note, then one view per action (save the draft,
send it, mark it sent another way, retry a failed email)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from debriefs import selectors, services
from debriefs.forms import ThankYouNoteForm
from debriefs.models import ThankYouNote
from hiring_hub import access
from hiring_hub.forms import add_service_errors
from hiring_hub.pagination import paginate_uncounted, wants_everyone


@login_required
def thank_you_list(request: HttpRequest) -> HttpResponse:
    access.require(access.can_manage_thank_you_notes(request.user))
    everyone = wants_everyone(request)
    notes = selectors.thank_you_notes(request.user, everyone=everyone)
    for section in ("overdue", "due", "upcoming"):
        notes[section] = paginate_uncounted(request, notes[section], param=section)
    notes["everyone"] = everyone
    return render(request, "debriefs/thank_you_list.html", notes)


def _note(request: HttpRequest, interview_pk: int) -> tuple[ThankYouNote, bool]:
    """The note of the interview (404 unless visible) and whether the user may change it."""
    access.require(access.can_manage_thank_you_notes(request.user))
    note = selectors.thank_you_note_for(request.user, interview_pk)
    return note, access.can_manage_thank_you_note(request.user, note)


def _render(
    request: HttpRequest, note: ThankYouNote, form: ThankYouNoteForm, can_edit: bool
) -> HttpResponse:
    return render(
        request, "debriefs/thank_you_note.html", {"note": note, "form": form, "can_edit": can_edit}
    )


def _action(
    service: Callable[..., object], *, message: str, to_list: bool, bind: bool = True
) -> Callable:
    """A POST-only view that checks the user may change the note, binds the form and calls
    `service` with it (or without it, `bind` off: the action takes no input); then says
    `message` (which may name the {candidate}) and goes to the list (`to_list`) or back to
    the note. Refused: the note's page again, with the errors on the form."""

    @login_required
    @require_POST
    def view(request: HttpRequest, interview_pk: int) -> HttpResponse:
        note, can_edit = _note(request, interview_pk)
        access.require(can_edit)
        form = ThankYouNoteForm(request.POST)
        if not bind or form.is_valid():
            try:
                service(note=note, actor=request.user, **(form.cleaned_data if bind else {}))
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                candidate = note.interview.application.candidate
                messages.success(request, message.format(candidate=candidate))
                if to_list:
                    return redirect("debriefs:thank_you_list")
                return redirect("debriefs:thank_you_note", interview_pk=interview_pk)
        return _render(request, note, form, can_edit)

    return view


@login_required
@require_GET
def thank_you_note(request: HttpRequest, interview_pk: int) -> HttpResponse:
    note, can_edit = _note(request, interview_pk)
    form = ThankYouNoteForm(initial={"subject": note.subject, "body": note.body})
    return _render(request, note, form, can_edit)


thank_you_note_save = _action(services.thank_you_note_update, message="Draft saved.", to_list=False)
thank_you_note_send = _action(
    services.thank_you_note_send,
    message="Thank-you note to {candidate} queued for sending; its delivery shows on the note.",
    to_list=True,
)
thank_you_note_mark_sent = _action(
    services.thank_you_note_mark_sent,
    message="Marked as sent another way.",
    to_list=True,
    bind=False,
)


@login_required
@require_POST
def thank_you_note_retry(request: HttpRequest, interview_pk: int) -> HttpResponse:
    note, can_edit = _note(request, interview_pk)
    access.require(can_edit)
    try:
        services.thank_you_note_retry(note=note, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "The thank-you note is queued to be sent again now.")
    return redirect("debriefs:thank_you_note", interview_pk=interview_pk)
