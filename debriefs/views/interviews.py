"""Interview pages: the lists, scheduling, one interview, rescheduling, cancelling, the invite."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from candidates.models import Application
from debriefs import selectors, services
from debriefs.calendar import interview_ics as build_ics
from debriefs.forms import ApplicationChoiceForm, InterviewCancelForm, InterviewForm
from debriefs.models import Interview
from debriefs.views._common import page_context, visible_application
from hiring_hub import access
from hiring_hub.forms import add_service_errors
from hiring_hub.pagination import (
    PAGE_SIZE,
    UncountedPage,
    page_number,
    paginate_uncounted,
    wants_everyone,
)

# Past interviews are looked up, rarely browsed: a shorter page (30 was the old cap).
PAST_PAGE_SIZE = 30


@login_required
def interview_list(request: HttpRequest) -> HttpResponse:
    sees_all = access.sees_all_interviews(request.user)
    everyone = sees_all and wants_everyone(request)
    lists = selectors.my_interviews(request.user, everyone=everyone, lists=sees_all)
    if sees_all:
        upcoming = paginate_uncounted(request, lists["upcoming"])
        past = paginate_uncounted(request, lists["past"], param="past", per_page=PAST_PAGE_SIZE)
        to_write = lists["to_write"]
    else:
        upcoming, past, to_write = _own_interview_pages(request)
    context = {
        "upcoming": upcoming,
        "past": past,
        "to_write": to_write,
        "debriefs_waiting": paginate_uncounted(request, lists["debriefs_waiting"], param="waiting"),
        "everyone": everyone,
        "can_see_everyone": sees_all,
        "can_schedule": access.can_schedule_interviews(request.user),
    }
    return render(request, "debriefs/interview_list.html", context)


def _own_interview_pages(request: HttpRequest) -> tuple[UncountedPage, UncountedPage, list]:
    """The upcoming and past pages and the scorecards to write of one who sees only their
    own interviews, from one query (selectors.my_interview_pages); one more row than a page
    holds tells whether a next page exists, as paginate_uncounted does."""
    shapes = (("page", PAGE_SIZE), ("past", PAST_PAGE_SIZE))
    numbers = [page_number(request.GET.get(param)) for param, _ in shapes]
    spans = [((n - 1) * size, size + 1) for n, (_, size) in zip(numbers, shapes, strict=True)]
    *rows, to_write = selectors.my_interview_pages(request.user, *spans)
    upcoming, past = (
        UncountedPage(
            object_list=page_rows[:size],
            number=number,
            per_page=size,
            more=len(page_rows) > size,
            param=param,
        )
        for page_rows, number, (param, size) in zip(rows, numbers, shapes, strict=True)
    )
    return upcoming, past, to_write


@login_required
def interview_schedule_start(request: HttpRequest) -> HttpResponse:
    """Pick the application to schedule for (the candidates app links straight to
    interview_create from an application)."""
    access.require(access.can_schedule_interviews(request.user))
    form = ApplicationChoiceForm(
        request.GET or None, applications=selectors.applications_to_schedule(request.user)
    )
    if form.is_valid():
        return redirect(
            "debriefs:interview_create", application_pk=form.cleaned_data["application"].pk
        )
    return render(request, "debriefs/interview_schedule_start.html", {"form": form})


def _render_form(
    request: HttpRequest,
    form: InterviewForm,
    application: Application,
    interview: Interview | None,
) -> HttpResponse:
    return render(
        request,
        "debriefs/interview_form.html",
        {
            "form": form,
            "application": application,
            "stages": selectors.plan_stages(application.requisition),
            "interview": interview,
        },
    )


@login_required
def interview_create(request: HttpRequest, application_pk: int) -> HttpResponse:
    application = visible_application(request.user, application_pk)
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
    return _render_form(request, form, application, None)


@login_required
def interview_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = selectors.interview_page(request.user, pk)
    return render(request, "debriefs/interview_detail.html", page_context(page))


@login_required
def interview_edit(request: HttpRequest, pk: int) -> HttpResponse:
    interview = selectors.interview_for(request.user, pk)
    application = interview.application
    access.require(access.can_schedule_interview(request.user, application))
    form = InterviewForm(
        request.POST or None,
        initial=InterviewForm.initial_for(interview),
        requisition=application.requisition,
    )
    form.fields["stage"].disabled = True
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
    return _render_form(request, form, application, interview)


@login_required
@require_POST
def interview_cancel(request: HttpRequest, pk: int) -> HttpResponse:
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
def interview_ics(request: HttpRequest, pk: int) -> HttpResponse:
    interview = selectors.interview_for(request.user, pk)
    response = HttpResponse(build_ics(interview), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="interview-{interview.pk}.ics"'
    return response
