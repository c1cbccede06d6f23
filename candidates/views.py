from csp.constants import SELF
from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from candidates import privacy, selectors, services
from candidates.csv_export import write_rows
from candidates.forms import (
    AddToRequisitionForm,
    AssessmentForm,
    BulkMoveForm,
    CandidateForm,
    MessageForm,
    MoveForm,
    NegotiationNoteForm,
    OfferForm,
    OfferOutcomeForm,
    ShortlistDecisionForm,
    ShortlistSubmitForm,
    VerbalOfferForm,
    WrittenOfferForm,
    duplicate_message,
)
from candidates.models import Application, Candidate, Offer, Shortlist, ShortlistEntry, Tag
from candidates.resumes import EXTENSIONS, PDF, resume_text
from hiring_hub import access
from hiring_hub.forms import add_service_errors, pk_values
from hiring_hub.pagination import (
    paginate,
    paginate_uncounted,
    timeline_page,
    timeline_slice,
    wants_everyone,
)
from requisitions.selectors import current_signed_version

St = Application.Stage


def _open_requisitions(user):
    """The open requisitions the user may add candidates to (can_change_pipeline)."""
    return access.pipelines_changeable_by(
        user, access.requisitions_visible_to(user).open()
    ).order_by("title")


# --- Candidates ----------------------------------------------------------------------------
@login_required
def candidate_list(request):
    access.require(access.can_manage_candidates(request.user))
    q = request.GET.get("q", "").strip()
    tag = request.GET.get("tag", "").strip()
    page = paginate_uncounted(request, selectors.candidate_list(user=request.user, q=q, tag=tag))
    selectors.mark_candidate_deal_breakers(page.object_list)

    return render(
        request,
        "candidates/candidate_list.html",
        {
            "page": page,
            "candidates": page.object_list,
            "q": q,
            "tag": tag,
            "tags": Tag.objects.all(),
        },
    )


@login_required
def candidate_create(request):
    access.require(access.can_manage_candidates(request.user))
    requisitions = _open_requisitions(request.user)
    initial = {"requisition": request.GET.get("requisition")}
    form = CandidateForm(
        request.POST or None, request.FILES or None, requisitions=requisitions, initial=initial
    )
    duplicate = None
    if request.method == "POST" and not form.is_valid():
        duplicate = form.duplicate
    elif request.method == "POST":
        data = dict(form.cleaned_data)
        requisition = data.pop("requisition")
        try:
            candidate = services.candidate_create(actor=request.user, **data)
            if requisition:
                services.application_create(
                    candidate=candidate, requisition=requisition, actor=request.user
                )
        except services.DuplicateCandidateError as exc:
            duplicate = exc.existing
            form.add_error("email", duplicate_message(duplicate))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{candidate.full_name} was added.")
            if requisition and requisition.is_before_alignment:
                messages.warning(
                    request,
                    f"{requisition.title} is not aligned yet: sourcing can start, but "
                    "shortlists, interviews and offers wait for the hiring manager's sign-off.",
                )
            return redirect("candidates:candidate_detail", pk=candidate.pk)
    duplicate_applications, duplicate_requisition, already_on = [], None, None
    if duplicate:
        duplicate_applications = list(
            duplicate.applications.select_related("requisition").order_by("requisition__title")
        )
        duplicate_requisition = form.cleaned_data.get("requisition")
        already_on = next(
            (a for a in duplicate_applications if a.requisition == duplicate_requisition), None
        )
    return render(
        request,
        "candidates/candidate_form.html",
        {
            "form": form,
            "duplicate": duplicate,
            "duplicate_applications": duplicate_applications,
            "duplicate_requisition": duplicate_requisition,
            "already_on": already_on,
        },
    )


@login_required
def candidate_edit(request, pk):
    candidate = get_object_or_404(access.candidates_visible_to(request.user), pk=pk)
    access.require(access.can_edit_candidate(request.user, candidate))
    form = CandidateForm(request.POST or None, request.FILES or None, instance=candidate)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        resume = data.pop("resume")
        try:
            services.candidate_update(
                candidate=candidate, actor=request.user, resume=resume, **data
            )
        except services.DuplicateCandidateError as exc:
            form.add_error("email", duplicate_message(exc.existing))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Saved.")
            return redirect("candidates:candidate_detail", pk=candidate.pk)
    return render(
        request,
        "candidates/candidate_form.html",
        {"form": form, "candidate": candidate, "duplicate": form.duplicate},
    )


@login_required
def candidate_detail(request, pk):
    try:
        candidate = selectors.candidate_detail(user=request.user, pk=pk)
    except Candidate.DoesNotExist:
        raise Http404 from None
    applications = candidate.visible_applications
    full = access.can_see_candidate_details(request.user, candidate, applications)
    can_manage = access.can_edit_candidate(request.user, candidate)
    add_form = None
    if access.can_manage_candidates(request.user):
        on = {a.requisition_id for a in applications}
        add_form = AddToRequisitionForm(
            requisitions=_open_requisitions(request.user).exclude(pk__in=on)
        )
    return render(
        request,
        "candidates/candidate_detail.html",
        {
            "candidate": candidate,
            "applications": applications,
            "full": full,
            "can_manage": can_manage,
            "can_export": access.can_export_candidate(request.user, candidate),
            "add_form": add_form,
            "focus": selectors.interview_focus_for(user=request.user, candidate=candidate),
        },
    )


@login_required
@require_POST
def candidate_add_to_requisition(request, pk):
    access.require(access.can_manage_candidates(request.user))
    candidate = get_object_or_404(access.candidates_visible_to(request.user), pk=pk)
    form = AddToRequisitionForm(
        request.POST, requisitions=access.requisitions_visible_to(request.user).open()
    )
    if not form.is_valid():
        messages.error(request, "Choose an open requisition.")
        return redirect("candidates:candidate_detail", pk=candidate.pk)
    access.require(access.can_change_pipeline(request.user, form.cleaned_data["requisition"]))
    try:
        application = services.application_create(
            candidate=candidate, requisition=form.cleaned_data["requisition"], actor=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("candidates:candidate_detail", pk=candidate.pk)
    messages.success(request, f"{candidate.full_name} is now on {application.requisition.title}.")
    return redirect("candidates:application_detail", pk=application.pk)


@login_required
@require_POST
def candidate_export(request, pk):
    """The candidate's data as a zip (candidate.json and their résumé)."""
    candidate = get_object_or_404(access.candidates_visible_to(request.user), pk=pk)
    access.require(access.can_export_candidate(request.user, candidate))
    content = privacy.candidate_export(candidate=candidate, actor=request.user)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="candidate-{candidate.pk}-export.zip"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def candidate_erase(request, pk):
    """Confirm, then erase: a GET shows what will go, a POST erases."""
    candidate = get_object_or_404(access.candidates_visible_to(request.user), pk=pk)
    # The recruiters who edit the person see the page; it says when erasing is an admin's call.
    access.require(access.can_edit_candidate(request.user, candidate))
    can_erase = access.can_erase_candidate(request.user, candidate)
    if request.method == "POST":
        access.require(can_erase)
        privacy.candidate_erase(candidate=candidate, actor=request.user)
        messages.success(request, f"The candidate's personal data was erased (#{candidate.pk}).")
        return redirect("candidates:candidate_detail", pk=candidate.pk)
    return render(
        request, "candidates/candidate_erase.html", {"candidate": candidate, "can_erase": can_erase}
    )


# A separate document with no origin, scripts, forms or plugins beyond the PDF viewer.
# Sandboxed (no script, no same-origin rights), framed only by our own pages (the review).
RESUME_PREVIEW_CSP = "sandbox; frame-ancestors 'self'"


@login_required
def resume_download(request, pk):
    """Résumés are private: served only to users who may see the candidate."""
    candidate = get_object_or_404(access.candidates_visible_to(request.user), pk=pk)
    if not candidate.resume:
        raise Http404("No résumé on file.")
    extension = EXTENSIONS.get(candidate.resume_content_type, "bin")
    response = FileResponse(
        candidate.resume.open("rb"),
        as_attachment=True,
        filename=f"{slugify(candidate.full_name) or 'candidate'}-resume.{extension}",
        content_type=candidate.resume_content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def resume_preview(request, pk):
    """A PDF résumé opened in the browser's viewer. Only PDFs are shown inline (a text or
    office file would be rendered by the browser as a page of ours); the response is a
    sandboxed document with no script, no same-origin rights and no MIME sniffing."""
    candidate = get_object_or_404(access.candidates_visible_to(request.user), pk=pk)
    if not candidate.resume or candidate.resume_content_type != PDF:
        raise Http404("No PDF résumé on file.")
    response = FileResponse(
        candidate.resume.open("rb"),
        as_attachment=False,
        filename=f"{slugify(candidate.full_name) or 'candidate'}-resume.pdf",
        content_type=PDF,
    )
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = RESUME_PREVIEW_CSP
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response


# --- Applications ---------------------------------------------------------------------------
def _application_or_404(request, pk):
    try:
        return selectors.application_detail(
            user=request.user, pk=pk, timeline=timeline_slice(request)
        )
    except Application.DoesNotExist:
        raise Http404 from None


@login_required
def application_detail(request, pk):
    application = _application_or_404(request, pk)
    requisition = application.requisition
    full = access.can_see_candidate_details(request.user, application.candidate, [application])
    access.require(full)
    version = current_signed_version(requisition)
    can_manage = access.can_change_pipeline(request.user, requisition)
    offer = getattr(application, "offer", None)  # select_related; None when there is none
    return render(
        request,
        "candidates/application_detail.html",
        {
            "application": application,
            "candidate": application.candidate,
            "requisition": requisition,
            "rows": selectors.assessment_rows(application=application, version=version),
            "version": version,
            "move_form": MoveForm(),
            "timeline": timeline_page(request, application.timeline),
            "can_manage": can_manage,
            "show_offer": access.can_see_offer(request.user, application)
            and (
                offer is not None
                or application.stage == St.OFFER
                or (can_manage and application.stage in (St.INTERVIEWING, St.MANAGER_REVIEW))
            ),
            "offer": offer,
            "interviews": list(
                access.interviews_visible_to(request.user)
                .filter(application=application)
                .select_related("stage")
                .order_by("starts_at")
            ),
            "can_schedule": access.can_schedule_interview(request.user, application),
            "can_see_debrief": access.can_see_debrief(request.user, application),
            "can_see_follow_up": access.can_see_follow_up(request.user, application),
        },
    )


@login_required
@require_POST
def application_move(request, pk):
    application = get_object_or_404(
        access.applications_visible_to(request.user).select_related("requisition"), pk=pk
    )
    access.require(access.can_change_pipeline(request.user, application.requisition))
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            services.application_move(
                application=application, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Moved to {St(form.cleaned_data['to_stage']).label}.")
    else:
        messages.error(request, "Choose a stage.")
    return redirect("candidates:application_detail", pk=application.pk)


@login_required
def assessment_edit(request, pk):
    application = _application_or_404(request, pk)
    access.require(access.can_change_pipeline(request.user, application.requisition))
    version = current_signed_version(application.requisition)
    rows = selectors.assessment_rows(application=application, version=version)
    form = AssessmentForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_save(
                application=application, actor=request.user, ratings=form.ratings()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Assessment saved.")
            return redirect("candidates:application_detail", pk=application.pk)
    return render(
        request,
        "candidates/assessment_form.html",
        {"application": application, "form": form, "version": version, "rows": rows},
    )


# --- Pipeline --------------------------------------------------------------------------------
def _pipeline_requisition(request, requisition_pk):
    requisition = get_object_or_404(
        access.requisitions_visible_to(request.user).select_related("recruiter", "hiring_manager"),
        pk=requisition_pk,
    )
    access.require(access.can_see_pipeline(request.user, requisition))
    return requisition


@login_required
def pipeline(request, requisition_pk):
    requisition = _pipeline_requisition(request, requisition_pk)
    filters = selectors.PipelineFilters(
        stage=request.GET.get("stage", "") if request.GET.get("stage") in St.values else "",
        q=request.GET.get("q", "").strip(),
        tag=request.GET.get("tag", "").strip(),
        flagged=request.GET.get("flagged") == "1",
    )
    view = "board" if request.GET.get("view") == "board" else "table"
    can_manage = access.can_change_pipeline(request.user, requisition)
    applications = selectors.pipeline_applications(
        user=request.user, requisition=requisition, filters=filters
    )
    if request.method == "POST":
        access.require(can_manage)
        form = BulkMoveForm(request.POST, applications=applications)
        if form.is_valid():
            moved, refused = services.application_bulk_move(
                applications=form.cleaned_data["applications"],
                to_stage=form.cleaned_data["to_stage"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
            if moved:
                label = St(form.cleaned_data["to_stage"]).label
                messages.success(request, f"Moved {len(moved)} to {label}.")
            for application, why in refused.items():
                messages.error(request, f"{application.candidate.full_name}: {why}")
            return redirect(request.get_full_path())
        messages.error(request, "Tick at least one candidate and choose a stage.")
    page = board = None
    if view == "board":
        board = selectors.pipeline_board(
            user=request.user,
            requisition=requisition,
            filters=filters,
            version=current_signed_version(requisition),
        )
    else:
        page = paginate(request, applications)
        selectors.mark_deal_breakers(page.object_list)
    return render(
        request,
        "candidates/pipeline.html",
        {
            "requisition": requisition,
            "page": page,
            "applications": page.object_list if page else [],
            "counts": selectors.stage_counts(user=request.user, requisition=requisition),
            "alignment": selectors.requisition_alignment(requisition),
            "filters": filters,
            "view": view,
            "board": board,
            "stages": St.choices,
            "move_stages": _move_stages(requisition),
            "can_manage": can_manage,
        },
    )


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@login_required
@require_POST
def application_board_move(request, pk):
    """A card dropped on another column of the board, or its "Move to" form: the same
    stage-move service as the application page. Answers JSON to the board's script (the
    card goes back unless the move succeeded) and redirects back to the board without it."""
    application = get_object_or_404(
        access.applications_visible_to(request.user).select_related("requisition", "candidate"),
        pk=pk,
    )
    access.require(access.can_change_pipeline(request.user, application.requisition))
    form = MoveForm(request.POST)
    error = None
    if not form.is_valid():
        error = "Choose a stage."
    else:
        try:
            services.application_move(
                application=application, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    name = application.candidate.full_name
    if _wants_json(request):
        if error:
            return JsonResponse({"error": f"{name}: {error}"}, status=400)
        label = St(form.cleaned_data["to_stage"]).label
        return JsonResponse({"message": f"{name} moved to {label}."})
    if error:
        messages.error(request, f"{name}: {error}")
    else:
        label = St(form.cleaned_data["to_stage"]).label
        messages.success(request, f"{name} moved to {label}.")
    board = reverse("candidates:pipeline", args=[application.requisition_id])
    back = request.POST.get("next", "")
    if not (back.startswith(board + "?") and url_has_allowed_host_and_scheme(back, None)):
        back = f"{board}?view=board"
    return redirect(f"{back}#application-{application.pk}")


def _move_stages(requisition) -> list[tuple[str, str]]:
    """The stages the pipeline offers to move to: on a stopped search only closing the
    application; before alignment nothing past screening (the services refuse the rest)."""
    if requisition.is_read_only:
        allowed = {St.REJECTED, St.WITHDRAWN}
    elif requisition.is_before_alignment:
        allowed = set(St.values) - set(St.manager_visible_values())
    else:
        allowed = set(St.values)
    return [(value, label) for value, label in St.choices if value in allowed]


@login_required
def pipeline_csv(request, requisition_pk):
    requisition = _pipeline_requisition(request, requisition_pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = slugify(requisition.title) or "requisition"
    response["Content-Disposition"] = f'attachment; filename="{name}-pipeline.csv"'
    write_rows(response, selectors.pipeline_csv_rows(user=request.user, requisition=requisition))
    return response


# --- Shortlists ------------------------------------------------------------------------------
@login_required
def shortlist_create(request, requisition_pk):
    requisition = get_object_or_404(access.requisitions_visible_to(request.user), pk=requisition_pk)
    access.require(access.can_change_pipeline(request.user, requisition))
    version = current_signed_version(requisition)
    candidates_qs = (
        selectors.with_assessment_status(Application.objects.all(), version)
        .filter(requisition=requisition, stage__in=services.SHORTLISTABLE)
        .select_related("candidate")
        .order_by("candidate__full_name")
    )
    preselected = request.GET.getlist("application")
    form = ShortlistSubmitForm(
        request.POST or None, applications=candidates_qs, initial={"applications": preselected}
    )
    if request.method == "POST" and form.is_valid():
        try:
            shortlist = services.shortlist_submit(
                requisition=requisition,
                applications=form.cleaned_data["applications"],
                note=form.cleaned_data["note"],
                actor=request.user,
                unassessed_reason=form.cleaned_data["unassessed_reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, f"Shortlist {shortlist.number} sent to {requisition.hiring_manager}."
            )
            return redirect("candidates:shortlist_detail", pk=shortlist.pk)
    return render(
        request,
        "candidates/shortlist_form.html",
        {
            "form": form,
            "requisition": requisition,
            "version": version,
        },
    )


@login_required
def shortlist_inbox(request):
    access.require(access.can_see_shortlists(request.user))
    can_see_everyone = access.is_recruiter(request.user)
    everyone = can_see_everyone and wants_everyone(request)
    page = paginate_uncounted(
        request, selectors.shortlist_inbox(user=request.user, everyone=everyone)
    )
    for s in page.object_list:
        s.acceptance_rate = selectors.acceptance_rate(s.advanced, s.declined)
        s.can_review = access.can_review_shortlist(request.user, s)
    return render(
        request,
        "candidates/shortlist_inbox.html",
        {
            "page": page,
            "shortlists": page.object_list,
            "everyone": everyone,
            "can_see_everyone": can_see_everyone,
        },
    )


DECISIONS = [
    (ShortlistEntry.Decision.ADVANCE, "Advance", "success"),
    (ShortlistEntry.Decision.DECLINE, "Decline", "danger"),
    (ShortlistEntry.Decision.NEED_INFO, "Need more information", "warning"),
]
OPEN_DECISIONS = (ShortlistEntry.Decision.PENDING, ShortlistEntry.Decision.NEED_INFO)
# Candidates per page of a shortlist: each is a card with its assessment (the review is read
# candidate by candidate, often on a phone).
SHORTLIST_PAGE_SIZE = 20


def _shortlist_page(request, pk, *, review: bool, errors=None, posted=None):
    """A page of entries: decided ones collapsed to their answer; on the review page the
    decision form is open on the first undecided entry (and on one that was refused) and
    loads on demand on the others (htmx, or a plain link without JavaScript)."""
    try:
        shortlist = selectors.shortlist_for_review(user=request.user, pk=pk)
    except Shortlist.DoesNotExist:
        raise Http404 from None
    can_review = access.can_review_shortlist(request.user, shortlist)
    if review:
        access.require(can_review)
    criteria = list(shortlist.criteria_version.criteria.all())
    page = paginate(
        request,
        selectors.shortlist_entries(shortlist),
        number=request.POST.get("page"),
        per_page=SHORTLIST_PAGE_SIZE,
    )
    entries = selectors.entries_with_rows(page.object_list, criteria)
    if review:
        wanted = {str(k) for k in (errors or {})} | {request.GET.get("answer", "")}
        first_open = next(
            (e for e in entries if e.decision == ShortlistEntry.Decision.PENDING), None
        )
        for entry in entries:
            entry.form_open = entry.decision in OPEN_DECISIONS and (
                entry is first_open or str(entry.pk) in wanted
            )
        _review_one_at_a_time(request, entries, page, first_open, errors)
    return render(
        request,
        "candidates/shortlist_detail.html",
        {
            "shortlist": shortlist,
            "requisition": shortlist.requisition,
            "criteria": criteria,
            "page": page,
            "entries": entries,
            "review": review,
            "can_review": can_review,
            "can_reply": access.can_discuss_shortlist(request.user, shortlist),
            "errors": errors or {},
            "posted": posted or {},
            "decisions": DECISIONS,
        },
        status=400 if errors else 200,
    )


def _review_one_at_a_time(request, entries, page, first_open, errors) -> None:
    """On a phone the review shows one candidate at a time: the `current` entry (the one
    asked for with ?answer=, or refused, else the first undecided, else the page's first),
    with links to the previous and next one and the résumé read in the page."""
    if not entries:
        return
    asked = {str(k) for k in (errors or {})} or {request.GET.get("answer", "")}
    current = next((e for e in entries if str(e.pk) in asked), None) or first_open or entries[0]
    current.current = True
    candidate = current.application.candidate
    if candidate.resume and not candidate.resume_previewable:
        with candidate.resume.open("rb") as resume:
            current.resume_text = resume_text(resume, candidate.resume_content_type)
    for i, entry in enumerate(entries):
        entry.position = page.start_index() + i
        if i > 0:
            entry.previous_query = f"page={page.number}&answer={entries[i - 1].pk}"
        elif page.has_previous():
            entry.previous_query = f"page={page.previous_page_number()}"
        if i < len(entries) - 1:
            entry.next_query = f"page={page.number}&answer={entries[i + 1].pk}"
        elif page.has_next():
            entry.next_query = f"page={page.next_page_number()}"


# The PDF résumé previewed in the review page's frame (the page allows frames of our own).
@login_required
@csp_replace({"frame-src": [SELF]})
def shortlist_review(request, pk):
    return _shortlist_page(request, pk, review=True)


@login_required
def shortlist_review_next(request, pk):
    """The link in the shortlist emails: the review opened on the next candidate to answer."""
    shortlist = get_object_or_404(access.shortlists_visible_to(request.user), pk=pk)
    access.require(access.can_review_shortlist(request.user, shortlist))
    url = reverse("candidates:shortlist_review", kwargs={"pk": shortlist.pk})
    found = selectors.shortlist_next_undecided(shortlist)
    if found is None:
        return redirect(url)
    entry, before = found
    page = before // SHORTLIST_PAGE_SIZE + 1
    return redirect(f"{url}?page={page}&answer={entry.pk}#entry-{entry.pk}")


@login_required
def shortlist_detail(request, pk):
    return _shortlist_page(request, pk, review=False)


def _entry_or_404(request, pk):
    return get_object_or_404(
        ShortlistEntry.objects.select_related("shortlist__requisition", "application__candidate"),
        pk=pk,
        shortlist__in=access.shortlists_visible_to(request.user),
    )


@login_required
def shortlist_entry_form(request, pk):
    """The decision form of one entry, loaded into the review page on demand."""
    entry = _entry_or_404(request, pk)
    access.require(access.can_review_shortlist(request.user, entry.shortlist))
    if entry.decision not in OPEN_DECISIONS:
        raise Http404("Already answered.")
    return render(
        request,
        "candidates/_decide_form.html",
        {
            "entry": entry,
            "criteria": entry.shortlist.criteria_version.criteria.order_by("order"),
            "decisions": DECISIONS,
            "page_number": request.GET.get("page", ""),
        },
    )


@login_required
@require_POST
def shortlist_entry_decide(request, pk):
    entry = _entry_or_404(request, pk)
    access.require(access.can_review_shortlist(request.user, entry.shortlist))
    criteria_ids = request.POST.getlist("criteria")
    form = ShortlistDecisionForm(
        request.POST, criteria=entry.shortlist.criteria_version.criteria.all()
    )
    try:
        if not form.is_valid():
            if "decision" in form.errors:
                raise ValidationError("Choose advance, decline or need more information.")
            raise ValidationError([m for errors in form.errors.values() for m in errors])
        services.shortlist_entry_decide(entry=entry, actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        posted = {
            "decision": request.POST.get("decision", ""),
            "reason": request.POST.get("reason", ""),
            "criteria": pk_values(criteria_ids),
        }
        return _shortlist_page(
            request,
            entry.shortlist_id,
            review=True,
            errors={entry.pk: " ".join(exc.messages)},
            posted={entry.pk: posted},
        )
    messages.success(request, f"Answer on {entry.application.candidate.full_name} saved.")
    url = reverse("candidates:shortlist_review", kwargs={"pk": entry.shortlist_id})
    page = request.POST.get("page", "")
    query = f"?page={page}" if page.isdigit() else ""
    return redirect(f"{url}{query}#entry-{entry.pk}")


@login_required
@require_POST
def shortlist_message(request, pk):
    entry = _entry_or_404(request, pk)
    access.require(access.can_discuss_shortlist(request.user, entry.shortlist))
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.shortlist_message_post(
                entry=entry, actor=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, "Write a message.")
    name = (
        "candidates:shortlist_review"
        if access.can_review_shortlist(request.user, entry.shortlist)
        else "candidates:shortlist_detail"
    )
    return redirect(f"{reverse(name, kwargs={'pk': entry.shortlist_id})}#entry-{entry.pk}")


# --- Offers ----------------------------------------------------------------------------------
OFFER_ACTIONS = {"terms", "approve", "verbal", "written", "note", "outcome"}


@login_required
def offer_detail(request, application_pk):
    application = get_object_or_404(
        selectors.with_flags(access.applications_visible_to(request.user)).select_related(
            "candidate", "requisition", "requisition__hiring_manager", "requisition__recruiter"
        ),
        pk=application_pk,
    )
    access.require(access.can_see_offer(request.user, application))
    offer = (
        Offer.objects.select_related("approved_by", "created_by")
        .filter(application=application)
        .first()
    )
    can_manage = access.can_change_pipeline(request.user, application.requisition)
    can_approve = bool(offer) and access.can_approve_offer(request.user, offer)
    action = request.POST.get("action") if request.method == "POST" else None
    post = request.POST if request.method == "POST" else None
    forms_ = {
        "terms": OfferForm(post if action == "terms" else None, instance=offer),
        "verbal": VerbalOfferForm(
            post if action == "verbal" else None,
            initial={
                "made_at": timezone.localtime(offer.verbal_offer_at).strftime("%Y-%m-%dT%H:%M"),
                "outcome": offer.verbal_outcome,
            }
            if offer and offer.verbal_offer_at
            else None,
        ),
        "written": WrittenOfferForm(post if action == "written" else None),
        "note": NegotiationNoteForm(post if action == "note" else None),
        "outcome": OfferOutcomeForm(post if action == "outcome" else None),
    }
    if action:
        if action not in OFFER_ACTIONS:
            raise Http404
        access.require(can_approve if action == "approve" else can_manage)
        if action != "terms" and offer is None:
            raise Http404
        form = forms_.get(action)
        try:
            if form is not None and not form.is_valid():
                raise ValidationError("Check the highlighted fields.")
            data = form.cleaned_data if form is not None else {}
            if action == "terms" and offer is None:
                services.offer_create(application=application, actor=request.user, **data)
            elif action == "terms":
                services.offer_update(offer=offer, actor=request.user, **data)
            elif action == "approve":
                services.offer_approve(offer=offer, actor=request.user)
            elif action == "verbal":
                services.offer_verbal_record(offer=offer, actor=request.user, **data)
            elif action == "written":
                services.offer_written_send(offer=offer, actor=request.user, **data)
            elif action == "note":
                services.offer_negotiation_note_add(offer=offer, actor=request.user, **data)
            elif data["outcome"] == Offer.Outcome.ACCEPTED:
                services.offer_accept(offer=offer, actor=request.user)
                messages.success(request, f"{application.candidate.full_name} is hired. 🎉")
            else:
                services.offer_decline(
                    offer=offer, actor=request.user, reason=data["declined_reason"]
                )
        except ValidationError as exc:
            if form is not None and not form.errors:
                form.add_error(None, exc)
            else:
                messages.error(request, " ".join(exc.messages))
        else:
            if action != "outcome":
                messages.success(request, "Offer updated.")
            return redirect("candidates:offer_detail", application_pk=application.pk)
    return render(
        request,
        "candidates/offer_detail.html",
        {
            "application": application,
            "candidate": application.candidate,
            "requisition": application.requisition,
            "offer": offer,
            "notes": selectors.offer_notes(offer) if offer else [],
            "forms": forms_,
            "can_manage": can_manage,
            "can_approve": can_approve,
            "can_start": can_manage
            and offer is None
            and application.stage in (St.INTERVIEWING, St.MANAGER_REVIEW, St.OFFER),
        },
        status=400 if action else 200,
    )
