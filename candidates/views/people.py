"""Candidates: the list, adding and editing a person, their page, export and erasure."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from candidates import privacy, selectors, services
from candidates.forms import AddToRequisitionForm, CandidateForm, duplicate_message
from candidates.models import Candidate, Tag
from hiring_hub import access
from hiring_hub.forms import add_service_errors
from hiring_hub.pagination import paginate_uncounted


@login_required
def candidate_list(request):
    access.require(access.can_manage_candidates(request.user))
    q = request.GET.get("q", "").strip()
    tag = request.GET.get("tag", "").strip()
    page = paginate_uncounted(request, selectors.candidate_list(user=request.user, q=q, tag=tag))
    return render(
        request,
        "candidates/candidate_list.html",
        {
            "page": page,
            "candidates": page.object_list,
            "q": q,
            "tag": tag,
            "tags": Tag.objects.values_list("name", flat=True),
        },
    )


@login_required
def candidate_create(request):
    """Add a person, straight onto a requisition's pipeline if one is chosen. An email
    already in Hiring Hub shows that person instead, and offers to add them."""
    access.require(access.can_manage_candidates(request.user))
    form = CandidateForm(
        request.POST or None,
        request.FILES or None,
        requisitions=selectors.open_requisitions(request.user),
        initial={"requisition": request.GET.get("requisition")},
    )
    duplicate = None
    if request.method == "POST" and not form.is_valid():
        duplicate = form.duplicate
    elif request.method == "POST":
        try:
            candidate = services.candidate_create(actor=request.user, **form.cleaned_data)
        except services.DuplicateCandidateError as exc:
            duplicate = exc.existing
            form.add_error("email", duplicate_message(duplicate))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{candidate.full_name} was added.")
            requisition = form.cleaned_data["requisition"]
            if requisition and requisition.is_before_alignment:
                messages.warning(
                    request,
                    f"{requisition.title} is not aligned yet: sourcing can start, but "
                    "shortlists, interviews and offers wait for the hiring manager's sign-off.",
                )
            return redirect("candidates:candidate_detail", pk=candidate.pk)
    requisition = form.cleaned_data.get("requisition") if duplicate else None
    return render(
        request,
        "candidates/candidate_form.html",
        {"form": form, "duplicate": selectors.duplicate_of(duplicate, requisition)},
    )


@login_required
def candidate_edit(request, pk):
    candidate = get_object_or_404(access.candidates_visible_to(request.user), pk=pk)
    access.require(access.can_edit_candidate(request.user, candidate))
    form = CandidateForm(request.POST or None, request.FILES or None, instance=candidate)
    if request.method == "POST" and form.is_valid():
        try:
            services.candidate_update(candidate=candidate, actor=request.user, **form.cleaned_data)
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
        {
            "form": form,
            "candidate": candidate,
            "duplicate": selectors.Duplicate(candidate=form.duplicate),
        },
    )


@login_required
def candidate_detail(request, pk):
    try:
        candidate = selectors.candidate_detail(user=request.user, pk=pk)
    except Candidate.DoesNotExist:
        raise Http404 from None
    applications = candidate.visible_applications
    add_form = None
    if access.can_manage_candidates(request.user):
        on = {a.requisition_id for a in applications}
        add_form = AddToRequisitionForm(
            requisitions=selectors.open_requisitions(request.user).exclude(pk__in=on)
        )
    return render(
        request,
        "candidates/candidate_detail.html",
        {
            "candidate": candidate,
            "applications": applications,
            "full": access.can_see_candidate_details(request.user, candidate, applications),
            "can_manage": access.can_edit_candidate(request.user, candidate),
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
