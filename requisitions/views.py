"""Requisition pages. Thin: check access, bind a form, call one service, redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from candidates import charts as candidate_charts
from candidates import selectors as candidate_selectors
from hiring_hub import access
from hiring_hub.forms import add_service_errors
from hiring_hub.models import Role, User
from hiring_hub.pagination import paginate, timeline_page, timeline_slice, wants_everyone
from requisitions import calendar, calibration, partnership, promises, selectors, services
from requisitions import charts as requisition_charts
from requisitions.forms import (
    AlignmentMeetingForm,
    AlignmentMeetingScheduleForm,
    ChangesRequestForm,
    CheckInAcknowledgeForm,
    CheckInNoteForm,
    CriterionForm,
    IntakeForm,
    InterviewStageForm,
    PersonaForm,
    PulseForm,
    RequisitionForm,
    SignOffForm,
    TransitionForm,
)
from requisitions.models import (
    AlignmentMeeting,
    CheckIn,
    Intake,
    InterviewStage,
    PulseAnswer,
    Requisition,
)


def _visible(user, pk) -> Requisition:
    """A requisition the user may see, else 404 (its existence is not revealed)."""
    return get_object_or_404(
        access.requisitions_visible_to(user).select_related("recruiter", "hiring_manager"), pk=pk
    )


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# --- List, create, edit -----------------------------------------------------------------
@login_required
def requisition_list(request):
    status = request.GET.get("status", "")
    search = request.GET.get("q", "").strip()
    recruiter_id = _int_or_none(request.GET.get("recruiter"))
    manager_id = _int_or_none(request.GET.get("hiring_manager"))
    # A recruiter's list opens on their own searches; choosing a recruiter or "everyone's"
    # widens it (other roles see only their own requisitions anyway).
    can_see_everyone = access.is_recruiter(request.user)
    everyone = not can_see_everyone or wants_everyone(request) or recruiter_id is not None
    qs = selectors.requisition_list(
        user=request.user,
        status=status if status in ("open", *Requisition.Status.values) else "",
        recruiter_id=recruiter_id if everyone else request.user.pk,
        hiring_manager_id=manager_id,
        search=search,
    )
    page = paginate(request, qs)
    people = list(
        User.objects.filter(role__in=[Role.RECRUITER, Role.HIRING_MANAGER], is_active=True)
        .order_by("full_name")
        .only("pk", "full_name", "role")
    )
    context = {
        "page": page,
        "requisitions": page.object_list,
        "statuses": Requisition.Status.choices,
        "recruiters": [u for u in people if u.role == Role.RECRUITER],
        "managers": [u for u in people if u.role == Role.HIRING_MANAGER],
        "filters": {
            "status": status,
            "q": search,
            "recruiter": recruiter_id,
            "hiring_manager": manager_id,
        },
        "filtered": bool(status or search or recruiter_id or manager_id),
        "everyone": everyone,
        "can_see_everyone": can_see_everyone,
        "can_create": access.can_create_requisition(request.user),
    }
    template = "requisitions/_list_rows.html" if request.htmx else "requisitions/list.html"
    return render(request, template, context)


def _requisition_fields(form) -> dict:
    data = dict(form.cleaned_data)
    data.pop("hiring_team")
    return data


@login_required
def requisition_create(request):
    access.require(access.can_create_requisition(request.user))
    form = RequisitionForm(request.POST or None, initial={"recruiter": request.user})
    if request.method == "POST" and form.is_valid():
        data = _requisition_fields(form)
        try:
            requisition = services.requisition_create(
                actor=request.user,
                hiring_team=form.cleaned_data["hiring_team"],
                **{**data, "recruiter": data["recruiter"] or request.user},
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"Requisition opened. {requisition.hiring_manager} was emailed; "
                "next, fill in the intake together.",
            )
            return redirect("requisitions:requisition_detail", pk=requisition.pk)
    return render(request, "requisitions/form.html", {"form": form, "requisition": None})


@login_required
def requisition_edit(request, pk):
    requisition = _visible(request.user, pk)
    access.require(access.can_edit_requisition(request.user, requisition))
    form = RequisitionForm(request.POST or None, instance=requisition)
    if request.method == "POST" and form.is_valid():
        try:
            services.requisition_update(
                requisition=requisition,
                actor=request.user,
                hiring_team=form.cleaned_data["hiring_team"],
                **_requisition_fields(form),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Requisition saved.")
            return redirect("requisitions:requisition_detail", pk=requisition.pk)
    return render(request, "requisitions/form.html", {"form": form, "requisition": requisition})


# --- Detail ----------------------------------------------------------------------------
@login_required
def requisition_detail(request, pk):
    requisition = get_object_or_404(
        selectors.requisition_for_detail(request.user, timeline=timeline_slice(request)), pk=pk
    )
    user = request.user
    versions = list(requisition.criteria_versions.all())
    signed = next((v for v in versions if v.is_signed), None)
    draft = next((v for v in versions if not v.is_signed), None)
    current = signed or draft
    stages = list(requisition.interview_stages.all())
    coverage = selectors.plan_coverage(stages, list(current.criteria.all()) if current else [])
    draft_coverage = (
        selectors.plan_coverage(stages, list(draft.criteria.all())) if draft and signed else None
    )
    intake = selectors.intake_of(requisition)
    read_only = requisition.is_read_only
    context = {
        "requisition": requisition,
        "signed": signed,
        "draft": draft,
        "history": [v for v in versions if v.is_signed],
        "diff": selectors.criteria_diff(signed, draft) if signed and draft else None,
        "coverage": coverage,
        "draft_coverage": draft_coverage,
        "intake": intake,
        "intake_sections": _intake_sections(intake),
        "meetings": [
            m
            for m in requisition.alignment_meetings.all()
            if access.can_see_alignment_meeting(user, m)
        ],
        "events": timeline_page(request, requisition.timeline),
        "transitions": [
            (value, Requisition.Status(value).label)
            for value in services.allowed_transitions(requisition)
        ],
        # A filled, cancelled or on-hold search shows no editing controls (the services
        # refuse the writes too); the status menu stays, for reopening.
        "can_edit": access.can_edit_requisition(user, requisition) and not read_only,
        "can_change_status": access.can_change_requisition_status(user, requisition),
        "can_edit_intake": access.can_edit_intake(user, requisition) and not read_only,
        "can_see_intake": access.can_see_intake(user, requisition),
        "can_see_compensation": access.can_see_compensation(user, requisition),
        "can_sign_off": access.can_sign_off(user, requisition) and not read_only,
        "can_see_pipeline": access.can_see_pipeline(user, requisition),
        "can_see_check_ins": access.can_see_check_ins(user, requisition),
        "calibration": (
            calibration.calibration_summary(requisition, signed)
            if signed and access.can_see_check_ins(user, requisition)
            else None
        ),
        "alignment": (
            candidate_selectors.requisition_alignment(requisition)
            if access.can_see_shortlists(user) and access.can_see_pipeline(user, requisition)
            else None
        ),
    }
    context.update(_charts(requisition, context))
    return render(request, "requisitions/detail.html", context)


def _charts(requisition, context) -> dict:
    now = timezone.now()
    charts = {
        "days_open_chart": requisition_charts.days_open_chart(
            [requisition_charts.days_open(requisition, now=now)]
        )
    }
    if context["can_see_pipeline"]:
        history = candidate_selectors.pipeline_history(requisition, now=now)
        charts["funnel_chart"] = candidate_charts.funnel_chart(history["funnel"])
        charts["time_in_stage_chart"] = candidate_charts.time_in_stage_chart(
            history["time_in_stage"]
        )
    if context["alignment"]:
        charts["acceptance_chart"] = candidate_charts.acceptance_chart(context["alignment"])
    return charts


INTAKE_SECTIONS = (
    ("The role", ("success_6_months", "success_12_months", "business_goals", "timeline")),
    ("The team", ("thrives_on_team", "team_dynamics")),
    ("Lessons from the past", ("last_person_in_role", "past_hire_not_worked")),
    ("Deal makers and breakers", ("deal_makers", "deal_breakers")),
    ("The market", ("selling_points", "talent_market")),
)


def _intake_sections(intake: Intake | None) -> list[dict]:
    if intake is None:
        return []
    return [
        {
            "title": title,
            "fields": [
                {
                    "label": str(Intake._meta.get_field(name).verbose_name).capitalize(),
                    "value": getattr(intake, name),
                }
                for name in names
            ],
        }
        for title, names in INTAKE_SECTIONS
    ]


@login_required
@require_POST
def requisition_transition(request, pk):
    requisition = _visible(request.user, pk)
    access.require(access.can_change_requisition_status(request.user, requisition))
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a status to move to.")
    else:
        try:
            services.requisition_transition(
                requisition=requisition,
                to_status=form.cleaned_data["to_status"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            label = Requisition.Status(form.cleaned_data["to_status"]).label
            messages.success(request, f"Status is now {label}.")
    return redirect("requisitions:requisition_detail", pk=requisition.pk)


# --- Intake --------------------------------------------------------------------------------
@login_required
def intake_edit(request, pk):
    requisition = _visible(request.user, pk)
    access.require(access.can_see_intake(request.user, requisition))
    # Requisitions opened through the service always have one; render an empty one
    # otherwise (intake_update creates it on the first save).
    intake = selectors.intake_of(requisition) or Intake(requisition=requisition)
    can_edit = access.can_edit_intake(request.user, requisition) and not requisition.is_read_only
    form = IntakeForm(request.POST or None, instance=intake)
    if request.method == "POST":
        access.require(can_edit)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                revision = services.intake_update(
                    requisition=requisition, actor=request.user, **data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Intake saved." if revision else "No changes to save.")
                return redirect("requisitions:intake_edit", pk=requisition.pk)
    revisions = (
        intake.revisions.select_related("author").order_by("-created_at", "-id")
        if intake.pk
        else []
    )
    return render(
        request,
        "requisitions/intake.html",
        {
            "requisition": requisition,
            "intake": intake,
            "form": form,
            "can_edit": can_edit,
            "revisions": [
                {
                    "revision": r,
                    "changes": [
                        {"label": services.intake_field_label(name), **change}
                        for name, change in r.changes.items()
                    ],
                }
                for r in revisions
            ],
        },
    )


@login_required
def intake_ics(request, pk):
    requisition = _visible(request.user, pk)
    access.require(access.can_see_intake(request.user, requisition))
    intake = get_object_or_404(Intake, requisition=requisition, meeting_at__isnull=False)
    return _ics_response(calendar.intake_meeting_ics(intake), f"intake-{requisition.pk}.ics")


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- Criteria and persona -------------------------------------------------------------------
@login_required
def criterion_add(request, pk):
    requisition = _visible(request.user, pk)
    access.require(access.can_edit_requisition(request.user, requisition))
    form = CriterionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.criterion_add(requisition=requisition, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Criterion “{form.cleaned_data['name']}” added.")
            return redirect(_criteria_anchor(requisition))
    return _criterion_page(request, requisition, form, None)


@login_required
def criterion_edit(request, pk, key):
    requisition = _visible(request.user, pk)
    access.require(access.can_edit_requisition(request.user, requisition))
    criterion = get_object_or_404(selectors.criterion_for_edit(requisition), key=key)
    form = CriterionForm(request.POST or None, instance=criterion)
    if request.method == "POST" and form.is_valid():
        try:
            services.criterion_revise(
                requisition=requisition, key=key, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Criterion saved in the draft.")
            return redirect(_criteria_anchor(requisition))
    return _criterion_page(request, requisition, form, criterion)


def _criterion_page(request, requisition, form, criterion):
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


def _criteria_anchor(requisition) -> str:
    from django.urls import reverse

    return reverse("requisitions:requisition_detail", args=[requisition.pk]) + "#criteria"


@login_required
@require_POST
def criterion_remove(request, pk, key):
    requisition = _visible(request.user, pk)
    access.require(access.can_edit_requisition(request.user, requisition))
    try:
        services.criterion_remove(requisition=requisition, key=key, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Criterion removed from the draft.")
    return redirect(_criteria_anchor(requisition))


@login_required
def persona_edit(request, pk):
    requisition = _visible(request.user, pk)
    access.require(access.can_edit_requisition(request.user, requisition))
    latest = requisition.criteria_versions.order_by("-number").first()
    form = PersonaForm(request.POST or None, initial={"persona": latest.persona if latest else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.persona_update(
                requisition=requisition, actor=request.user, persona=form.cleaned_data["persona"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Persona saved.")
            return redirect(_criteria_anchor(requisition))
    starts_realignment = latest is not None and latest.is_signed
    return render(
        request,
        "requisitions/simple_form.html",
        {
            "requisition": requisition,
            "form": form,
            "title": "Candidate persona",
            "warning": (
                f"The persona is part of the signed-off criteria v{latest.number}. Saving a "
                "change starts a new draft and asks the hiring manager to re-align."
            )
            if starts_realignment
            else "",
        },
    )


@login_required
def criteria_sign_off(request, pk):
    requisition = _visible(request.user, pk)
    # Everyone who sees the requisition may read what waits for sign-off; only the
    # hiring manager signs.
    can_sign = access.can_sign_off(request.user, requisition)
    form = SignOffForm(request.POST or None)
    if request.method == "POST":
        access.require(can_sign)
        if form.is_valid():
            try:
                version = services.criteria_sign_off(requisition=requisition, actor=request.user)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, f"Criteria v{version.number} signed off. Thank you for aligning!"
                )
                return redirect("requisitions:requisition_detail", pk=requisition.pk)
    return _sign_off_page(request, requisition, form, ChangesRequestForm())


def _sign_off_page(request, requisition, form, changes_form):
    signed = selectors.current_signed_version(requisition)
    draft = selectors.draft_version(requisition)
    can_sign = access.can_sign_off(request.user, requisition) and not requisition.is_read_only
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
            "can_sign": can_sign,
            "agreed_promises": promises.agreed_promises(terms),
            "agreement_proposed": terms.agreed,
        },
    )


@login_required
@require_POST
def criteria_changes_request(request, pk):
    requisition = _visible(request.user, pk)
    access.require(access.can_sign_off(request.user, requisition))
    changes_form = ChangesRequestForm(request.POST)
    if changes_form.is_valid():
        try:
            services.criteria_changes_request(
                requisition=requisition,
                actor=request.user,
                comment=changes_form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            add_service_errors(changes_form, exc)
        else:
            messages.success(
                request, f"{requisition.recruiter} was asked for the changes; sign off once done."
            )
            return redirect("requisitions:requisition_detail", pk=requisition.pk)
    return _sign_off_page(request, requisition, SignOffForm(), changes_form)


# --- Alignment meetings ----------------------------------------------------------------------
@login_required
def alignment_meeting_create(request, pk):
    requisition = _visible(request.user, pk)
    access.require(access.can_edit_requisition(request.user, requisition))
    form = AlignmentMeetingScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.alignment_meeting_schedule(
                requisition=requisition, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Alignment meeting scheduled; the agenda is ready.")
            return redirect("requisitions:alignment_meeting_edit", pk=meeting.pk)
    return render(
        request,
        "requisitions/simple_form.html",
        {
            "requisition": requisition,
            "form": form,
            "title": "Schedule an alignment meeting",
            "lead": "The agenda is generated from the intake, criteria and persona; you can "
            "edit it once the meeting is scheduled.",
        },
    )


def _visible_meeting(user, pk) -> AlignmentMeeting:
    meeting = get_object_or_404(
        AlignmentMeeting.objects.select_related(
            "requisition__recruiter", "requisition__hiring_manager", "signed_version"
        ).filter(requisition__in=access.requisitions_visible_to(user)),
        pk=pk,
    )
    access.require(access.can_see_alignment_meeting(user, meeting))
    return meeting


@login_required
def alignment_meeting_edit(request, pk):
    meeting = _visible_meeting(request.user, pk)
    requisition = meeting.requisition
    can_edit = access.can_edit_requisition(request.user, requisition)
    initial = {
        "scheduled_at": meeting.scheduled_at,
        "duration_minutes": meeting.duration_minutes,
        "attendees": meeting.attendees.all(),
        "agenda": meeting.agenda,
        "notes": meeting.notes,
        "decisions": meeting.decisions,
    }
    form = AlignmentMeetingForm(request.POST or None, initial=initial)
    if request.method == "POST":
        access.require(can_edit)
        if form.is_valid():
            try:
                services.alignment_meeting_update(
                    meeting=meeting, actor=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Alignment meeting saved.")
                return redirect("requisitions:alignment_meeting_edit", pk=meeting.pk)
    return render(
        request,
        "requisitions/alignment_meeting.html",
        {"requisition": requisition, "meeting": meeting, "form": form, "can_edit": can_edit},
    )


@login_required
def alignment_meeting_ics(request, pk):
    meeting = _visible_meeting(request.user, pk)
    return _ics_response(
        calendar.alignment_meeting_ics(meeting), f"alignment-meeting-{meeting.pk}.ics"
    )


# --- Interview plan ----------------------------------------------------------------------------
def _plan_criteria(requisition):
    version = selectors.draft_version(requisition) or selectors.current_signed_version(requisition)
    return list(version.criteria.all()) if version else []


@login_required
def interview_stage_add(request, pk):
    requisition = _visible(request.user, pk)
    access.require(access.can_edit_requisition(request.user, requisition))
    form = InterviewStageForm(request.POST or None, criteria=_plan_criteria(requisition))
    if request.method == "POST" and form.is_valid():
        try:
            services.interview_stage_add(
                requisition=requisition, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Stage “{form.cleaned_data['name']}” added to the plan.")
            return redirect(_plan_anchor(requisition))
    return render(
        request,
        "requisitions/simple_form.html",
        {"requisition": requisition, "form": form, "title": "Add an interview stage"},
    )


def _plan_anchor(requisition) -> str:
    from django.urls import reverse

    return reverse("requisitions:requisition_detail", args=[requisition.pk]) + "#plan"


def _visible_stage(user, pk) -> InterviewStage:
    return get_object_or_404(
        InterviewStage.objects.select_related(
            "requisition__recruiter", "requisition__hiring_manager"
        ).filter(requisition__in=access.requisitions_visible_to(user)),
        pk=pk,
    )


@login_required
def interview_stage_edit(request, pk):
    stage = _visible_stage(request.user, pk)
    requisition = stage.requisition
    access.require(access.can_edit_requisition(request.user, requisition))
    initial = {
        "name": stage.name,
        "order": stage.order,
        "duration_minutes": stage.duration_minutes,
        "interviewers": stage.interviewers.all(),
        "criterion_keys": stage.criterion_keys,
    }
    form = InterviewStageForm(
        request.POST or None, initial=initial, criteria=_plan_criteria(requisition)
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if data["order"] is None:
            data["order"] = stage.order
        try:
            services.interview_stage_update(stage=stage, actor=request.user, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Stage saved.")
            return redirect(_plan_anchor(requisition))
    return render(
        request,
        "requisitions/simple_form.html",
        {
            "requisition": requisition,
            "form": form,
            "title": f"Edit stage: {stage.name}",
            "delete_url": "requisitions:interview_stage_remove",
            "delete_pk": stage.pk,
        },
    )


@login_required
@require_POST
def interview_stage_remove(request, pk):
    stage = _visible_stage(request.user, pk)
    requisition = stage.requisition
    access.require(access.can_edit_requisition(request.user, requisition))
    try:
        services.interview_stage_remove(stage=stage, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Stage removed from the plan.")
    return redirect(_plan_anchor(requisition))


# --- Weekly check-ins ------------------------------------------------------------------
# The history of a requisition's weekly check-ins, the recruiter's note for the coming one,
# and each week's report where the hiring manager acknowledges it and adds agenda points.


@login_required
def check_in_list(request, requisition_pk: int):
    requisition = get_object_or_404(
        access.check_in_requisitions_visible_to(request.user).select_related(
            "recruiter", "hiring_manager"
        ),
        pk=requisition_pk,
    )
    can_write = access.can_write_check_in_note(request.user, requisition)
    week_start = selectors.check_in_upcoming_week(requisition)
    upcoming = CheckIn.objects.filter(requisition=requisition, week_start=week_start).first()
    form = None
    if can_write:
        form = CheckInNoteForm(
            request.POST or None, initial={"note": upcoming.recruiter_note if upcoming else ""}
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.check_in_note_save(
                    requisition=requisition,
                    week_start=week_start,
                    note=form.cleaned_data["note"],
                    actor=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, f"Your note for the week of {week_start:%d %b} is saved.")
                return redirect("requisitions:check_in_list", requisition_pk=requisition.pk)
    elif request.method == "POST":
        access.require(False)
    return render(
        request,
        "requisitions/check_in_list.html",
        {
            "requisition": requisition,
            "check_ins": paginate(request, selectors.check_ins_for(requisition)),
            "week_start": week_start,
            "form": form,
        },
    )


@login_required
def check_in_detail(request, pk: int):
    check_in = get_object_or_404(selectors.check_ins_visible_to(request.user), pk=pk)
    requisition = check_in.requisition
    can_acknowledge = (
        access.can_acknowledge_check_in(request.user, requisition)
        and check_in.compiled_at is not None
    )
    form = (
        CheckInAcknowledgeForm(request.POST or None, initial={"agenda": check_in.manager_agenda})
        if can_acknowledge
        else None
    )
    if request.method == "POST":
        access.require(can_acknowledge)
        if form.is_valid():
            try:
                services.check_in_acknowledge(
                    check_in=check_in, actor=request.user, agenda=form.cleaned_data["agenda"]
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, "Check-in acknowledged. Thank you!")
                return redirect("requisitions:check_in_detail", pk=check_in.pk)
    # The pulse: the manager answers "How is this search going?" for the check-in's week.
    pulse = None
    if access.can_answer_pulse(request.user, requisition) and check_in.compiled_at:
        pulse = partnership.pulse_answer_of(requisition, request.user, check_in.week_start)
    can_answer_pulse = (
        pulse is None
        and access.can_answer_pulse(request.user, requisition)
        and check_in.compiled_at is not None
        and check_in.compiled_at > timezone.now() - partnership.PULSE_LINK_MAX_AGE
        and not requisition.is_read_only
    )
    return render(
        request,
        "requisitions/check_in_detail.html",
        {
            "check_in": check_in,
            "requisition": requisition,
            "report": selectors.check_in_report(check_in),
            "form": form,
            "can_write_note": access.can_write_check_in_note(request.user, requisition),
            "can_answer_pulse": can_answer_pulse,
            "pulse_answer": pulse,
            "pulse_form": PulseForm(),
            "pulse_token": partnership.pulse_token(
                requisition=requisition,
                person=request.user,
                week_start=check_in.week_start,
                mood=PulseAnswer.Mood.ON_TRACK,
            )
            if can_answer_pulse
            else "",
        },
    )
