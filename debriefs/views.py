"""Thin views: check access (hiring_hub.access), bind a form, call one service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from candidates.models import Application
from debriefs import selectors, services
from debriefs.calendar import interview_ics as build_ics
from debriefs.forms import (
    ApplicationChoiceForm,
    CandidateUpdateForm,
    DecisionForm,
    InterviewCancelForm,
    InterviewForm,
    ScorecardForm,
    ThankYouNoteForm,
)
from debriefs.models import Interview
from hiring_hub import access
from hiring_hub.forms import add_service_errors
from hiring_hub.pagination import paginate_uncounted, wants_everyone


def _visible_application(user, pk: int) -> Application:
    qs = access.applications_visible_to(user).select_related(
        "candidate", "requisition__recruiter", "requisition__hiring_manager"
    )
    return get_object_or_404(qs, pk=pk)


# --- Interviews -------------------------------------------------------------------------
# Past interviews are looked up, rarely browsed: a shorter page (30 was the old cap).
PAST_PAGE_SIZE = 30


@login_required
def interview_list(request):
    everyone = access.sees_all_interviews(request.user) and wants_everyone(request)
    lists = selectors.my_interviews(request.user, everyone=everyone)
    context = {
        "upcoming": paginate_uncounted(request, lists["upcoming"]),
        "past": paginate_uncounted(request, lists["past"], param="past", per_page=PAST_PAGE_SIZE),
        "to_write": lists["to_write"],
        "debriefs_waiting": paginate_uncounted(request, lists["debriefs_waiting"], param="waiting"),
        "everyone": everyone,
        "can_see_everyone": access.sees_all_interviews(request.user),
        "can_schedule": access.can_schedule_interviews(request.user),
    }
    return render(request, "debriefs/interview_list.html", context)


@login_required
def interview_schedule_start(request):
    """Pick the application to schedule for (the candidates app links straight to
    interview_create from an application)."""
    access.require(access.can_schedule_interviews(request.user))
    applications = (
        access.applications_visible_to(request.user)
        .filter(requisition__in=access.pipelines_changeable_by(request.user))
        .exclude(stage__in=services.CLOSED_STAGES)
        .select_related("candidate", "requisition")
        .order_by("requisition__title", "candidate__full_name")
    )
    form = ApplicationChoiceForm(request.GET or None, applications=applications)
    if form.is_valid():
        return redirect(
            "debriefs:interview_create", application_pk=form.cleaned_data["application"].pk
        )
    return render(request, "debriefs/interview_schedule_start.html", {"form": form})


@login_required
def interview_create(request, application_pk: int):
    application = _visible_application(request.user, application_pk)
    access.require(access.can_schedule_interview(request.user, application))
    form = InterviewForm(request.POST or None, requisition=application.requisition)
    if request.method == "POST" and form.is_valid():
        try:
            interview = services.interview_schedule(
                application=application,
                stage=form.cleaned_data["stage"],
                actor=request.user,
                **form.service_kwargs(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                "Interview scheduled; the interviewers have their invites and a thank-you "
                "note draft is ready.",
            )
            return redirect("debriefs:interview_detail", pk=interview.pk)
    stages = application.requisition.interview_stages.prefetch_related("interviewers")
    return render(
        request,
        "debriefs/interview_form.html",
        {"form": form, "application": application, "stages": stages, "interview": None},
    )


@login_required
def interview_detail(request, pk: int):
    interview = selectors.interview_for(request.user, pk)
    user = request.user
    is_interviewer = access.is_on_interview(user, interview)
    my_scorecard = selectors.scorecard_for_edit(user, interview) if is_interviewer else None
    others = [
        s
        for s in selectors.submitted_scorecards(user, interview.application)
        if s.interviewer_id != user.pk
    ]
    can_change = access.can_change_pipeline(user, interview.application.requisition)
    note = selectors.thank_you_note_of(interview) if can_change else None
    return render(
        request,
        "debriefs/interview_detail.html",
        {
            "interview": interview,
            "criteria": services.stage_criteria(interview.stage),
            "focus": selectors.carried_focus(interview),
            "is_interviewer": is_interviewer,
            "my_scorecard": my_scorecard,
            "others": others,
            "note": note,
            "can_schedule": access.can_schedule_interview(user, interview.application),
            "can_see_debrief": access.can_see_debrief(user, interview.application),
        },
    )


@login_required
def interview_edit(request, pk: int):
    interview = selectors.interview_for(request.user, pk)
    application = interview.application
    access.require(access.can_schedule_interview(request.user, application))
    if request.method == "POST":
        form = InterviewForm(request.POST, requisition=application.requisition)
    else:
        form = InterviewForm(
            initial=InterviewForm.initial_for(interview), requisition=application.requisition
        )
    form.fields["stage"].disabled = True
    form.fields["stage"].initial = interview.stage_id
    if request.method == "POST" and form.is_valid():
        try:
            services.interview_reschedule(
                interview=interview, actor=request.user, **form.service_kwargs()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Interview updated; the invites were re-sent.")
            return redirect("debriefs:interview_detail", pk=interview.pk)
    stages = application.requisition.interview_stages.prefetch_related("interviewers")
    return render(
        request,
        "debriefs/interview_form.html",
        {"form": form, "application": application, "stages": stages, "interview": interview},
    )


@login_required
@require_POST
def interview_cancel(request, pk: int):
    interview = selectors.interview_for(request.user, pk)
    access.require(access.can_schedule_interview(request.user, interview.application))
    form = InterviewCancelForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([m for errors in form.errors.values() for m in errors])
        services.interview_cancel(
            interview=interview, actor=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Interview cancelled; the interviewers' invites were withdrawn.")
    return redirect("debriefs:interview_detail", pk=interview.pk)


@login_required
def interview_ics(request, pk: int):
    interview = selectors.interview_for(request.user, pk)
    response = HttpResponse(build_ics(interview), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="interview-{interview.pk}.ics"'
    return response


# --- Scorecards ----------------------------------------------------------------------------
@login_required
def scorecard_edit(request, interview_pk: int):
    interview = selectors.interview_for(request.user, interview_pk)
    access.require(access.can_write_scorecard(request.user, interview))
    scorecard = selectors.scorecard_for_edit(request.user, interview)
    if scorecard is None:
        raise Http404("No scorecard for you on this interview.")
    submitted = scorecard.status == scorecard.Status.SUBMITTED
    criteria = [r.criterion for r in scorecard.ratings.all()]
    all_criteria = (
        list(scorecard.criteria_version.criteria.all()) if scorecard.criteria_version else []
    )
    form = ScorecardForm(
        request.POST or None,
        initial=ScorecardForm.initial_for(scorecard),
        criteria=criteria,
        all_criteria=all_criteria,
        submitted=submitted,
    )
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action", "save")
        try:
            if submitted:
                amendment = services.scorecard_amend(
                    scorecard=scorecard,
                    actor=request.user,
                    reason=form.cleaned_data.get("amendment_reason", ""),
                    **form.service_kwargs(),
                )
                messages.success(
                    request,
                    "Your change is saved and shown as an amendment."
                    if amendment
                    else "Nothing changed.",
                )
            elif action == "submit":
                services.scorecard_submit(
                    scorecard=scorecard, actor=request.user, **form.service_kwargs()
                )
                messages.success(
                    request, "Scorecard submitted. You can now read the other scorecards."
                )
            else:
                services.scorecard_save_draft(
                    scorecard=scorecard, actor=request.user, **form.service_kwargs()
                )
                messages.success(request, "Draft saved. Only you can see it.")
                return redirect("debriefs:scorecard_edit", interview_pk=interview.pk)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("debriefs:interview_detail", pk=interview.pk)
    return render(
        request,
        "debriefs/scorecard_form.html",
        {"interview": interview, "scorecard": scorecard, "form": form, "submitted": submitted},
    )


# --- Debrief -----------------------------------------------------------------------------------
def _debrief_refused(request, application):
    """Say the real reason: an interviewer sees the debrief once their own scorecard is in
    (so they judge independently); anyone else is simply not part of it."""
    own = selectors.own_unsubmitted_scorecard(request.user, application)
    if own is None:
        raise PermissionDenied
    return render(
        request,
        "403.html",
        {
            "reason": (
                f"Submit your own scorecard for the {own.interview.stage.name} interview "
                f"with {application.candidate.full_name} first: the debrief opens once it is "
                "in, so that every interviewer judges on their own."
            ),
            "error_link": reverse("debriefs:scorecard_edit", args=[own.interview_id]),
            "error_link_label": "Open my scorecard",
        },
        status=403,
    )


@login_required
def debrief(request, application_pk: int):
    application = _visible_application(request.user, application_pk)
    if not access.can_see_debrief(request.user, application):
        return _debrief_refused(request, application)
    can_decide = access.can_decide_debrief(request.user, application)
    data = selectors.debrief_for(request.user, application)
    form = None
    if can_decide:
        form = DecisionForm(
            request.POST or None, initial={"next_stage_focus": data.suggested_focus}
        )
    if request.method == "POST":
        access.require(can_decide)
        if form.is_valid():
            try:
                decision = services.debrief_decide(
                    application=application,
                    stage=data.stage,
                    actor=request.user,
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, f"Decision recorded: {decision.get_decision_display()}.")
                return redirect("debriefs:debrief", application_pk=application.pk)
    return render(
        request,
        "debriefs/debrief.html",
        {
            "application": application,
            "debrief": data,
            "form": form,
            "can_decide": can_decide,
            "can_see_follow_up": access.can_see_follow_up(request.user, application),
        },
    )


# --- Thank-you notes and follow-ups --------------------------------------------------------
@login_required
def thank_you_list(request):
    access.require(access.can_manage_thank_you_notes(request.user))
    everyone = wants_everyone(request)
    notes = selectors.thank_you_notes(request.user, everyone=everyone)
    for section in ("overdue", "due", "upcoming"):
        notes[section] = paginate_uncounted(request, notes[section], param=section)
    selectors.with_interviewers(notes["overdue"], notes["due"], notes["upcoming"])
    notes["everyone"] = everyone
    return render(request, "debriefs/thank_you_list.html", notes)


@login_required
def thank_you_note(request, interview_pk: int):
    access.require(access.can_manage_thank_you_notes(request.user))
    note = selectors.thank_you_note_for(request.user, interview_pk)
    can_edit = access.can_manage_thank_you_note(request.user, note)
    form = ThankYouNoteForm(
        request.POST or None, initial={"subject": note.subject, "body": note.body}
    )
    if request.method == "POST":
        access.require(can_edit)
        action = request.POST.get("action", "save")
        try:
            if action == "mark_sent":
                services.thank_you_note_mark_sent(note=note, actor=request.user)
                messages.success(request, "Marked as sent another way.")
                return redirect("debriefs:thank_you_list")
            if form.is_valid():
                if action == "send":
                    services.thank_you_note_send(note=note, actor=request.user, **form.cleaned_data)
                    messages.success(
                        request,
                        f"Thank-you note to {note.interview.application.candidate} queued for "
                        "sending; its delivery shows on the note.",
                    )
                    return redirect("debriefs:thank_you_list")
                services.thank_you_note_update(note=note, actor=request.user, **form.cleaned_data)
                messages.success(request, "Draft saved.")
                return redirect("debriefs:thank_you_note", interview_pk=interview_pk)
        except ValidationError as exc:
            add_service_errors(form, exc)
    return render(
        request, "debriefs/thank_you_note.html", {"note": note, "form": form, "can_edit": can_edit}
    )


@login_required
@require_POST
def thank_you_note_retry(request, interview_pk: int):
    access.require(access.can_manage_thank_you_notes(request.user))
    note = selectors.thank_you_note_for(request.user, interview_pk)
    access.require(access.can_manage_thank_you_note(request.user, note))
    try:
        services.thank_you_note_retry(note=note, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "The thank-you note is queued to be sent again now.")
    return redirect("debriefs:thank_you_note", interview_pk=interview_pk)


@login_required
def follow_up(request, application_pk: int):
    application = _visible_application(request.user, application_pk)
    access.require(access.can_see_follow_up(request.user, application))
    can_record = access.can_record_candidate_update(request.user, application)
    form = CandidateUpdateForm(request.POST or None) if can_record else None
    if request.method == "POST":
        access.require(can_record)
        if form.is_valid():
            try:
                services.candidate_update_record(
                    application=application, actor=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Update recorded.")
                return redirect("debriefs:follow_up", application_pk=application.pk)
    interviews = (
        Interview.objects.filter(application=application)
        .select_related("stage")
        .prefetch_related("interviewers")
    )
    return render(
        request,
        "debriefs/follow_up.html",
        {
            "application": application,
            "updates": selectors.candidate_updates(application),
            "interviews": interviews,
            "form": form,
            "can_record": can_record,
        },
    )
