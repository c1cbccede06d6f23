"""A requisition's pipeline: the table (with its bulk move), the board and its card moves,
the CSV export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods

from candidates import selectors, services
from candidates.csv_export import write_rows
from candidates.forms import BulkMoveForm, MoveForm
from candidates.models import Application
from hiring_hub import access
from hiring_hub.pagination import paginate
from requisitions.models import Requisition
from requisitions.selectors import current_signed_version

St = Application.Stage
BOARD = "board"


def _pipeline_requisition(request, requisition_pk, **columns) -> Requisition:
    requisition = get_object_or_404(
        access.requisitions_visible_to(request.user)
        .select_related("recruiter", "hiring_manager")
        .annotate(**columns),
        pk=requisition_pk,
    )
    access.require(access.can_see_pipeline(request.user, requisition))
    return requisition


@login_required
def pipeline(request, requisition_pk):
    """The table (paginated, with a bulk move of the ticked candidates) or the board."""
    # The shortlist acceptance card's rows come with the requisition, in its query, and
    # so do the counts per stage where the user may open every application (a recruiter).
    columns = {"alignment_rows": selectors.AlignmentRows("pk")}
    if (counted := selectors.stage_counts_column(request.user)) is not None:
        columns["counted"] = counted
    requisition = _pipeline_requisition(request, requisition_pk, **columns)
    filters = selectors.PipelineFilters.from_query(request.GET)
    view = BOARD if request.GET.get("view") == BOARD else "table"
    can_manage = access.can_change_pipeline(request.user, requisition)
    if request.method == "POST":
        access.require(can_manage)
        applications = selectors.pipeline_applications(
            user=request.user, requisition=requisition, filters=filters
        )
        form = BulkMoveForm(request.POST, applications=applications)
        if form.is_valid():
            _bulk_move(request, **form.cleaned_data)
            return redirect(request.get_full_path())
        messages.error(request, "Tick at least one candidate and choose a stage.")
    counts = selectors.stage_counts(
        user=request.user, requisition=requisition, counted=getattr(requisition, "counted", None)
    )
    page = board = None
    if view == BOARD:
        board = selectors.pipeline_board(
            user=request.user,
            requisition=requisition,
            filters=filters,
            version=current_signed_version(requisition),
        )
    else:
        rows = selectors.pipeline_rows(user=request.user, requisition=requisition, filters=filters)
        page = paginate(request, rows, count=selectors.listed_total(counts, filters))
    return render(
        request,
        "candidates/pipeline.html",
        {
            "requisition": requisition,
            "page": page,
            "applications": page.object_list if page else [],
            "counts": counts,
            "alignment": selectors.alignment_of(requisition.alignment_rows),
            "filters": filters,
            "view": view,
            "board": board,
            "stages": St.choices,
            "move_stages": selectors.move_stages(requisition),
            "can_manage": can_manage,
        },
    )


def _bulk_move(request, *, applications, to_stage: str, reason: str) -> None:
    moved, refused = services.application_bulk_move(
        applications=applications, to_stage=to_stage, actor=request.user, reason=reason
    )
    if moved:
        messages.success(request, f"Moved {len(moved)} to {St(to_stage).label}.")
    for application, why in refused.items():
        messages.error(request, f"{application.candidate.full_name}: {why}")


@login_required
@require_http_methods(["GET", "POST"])
def application_board_move(request, pk):
    """A card dropped on another column of the board, or its "Move to" form: the same
    stage-move service as the application page. Answers JSON to the board's script (the
    card goes back unless the move succeeded) and redirects back to the board without it.
    GET is the form on a page of its own: the board's cards link to it, and the board's
    script puts the same form in the card instead (one copy per board, not one per card)."""
    application = get_object_or_404(
        access.applications_visible_to(request.user).select_related("requisition", "candidate"),
        pk=pk,
    )
    access.require(access.can_change_pipeline(request.user, application.requisition))
    if request.method == "GET":
        return render(
            request,
            "candidates/board_move.html",
            {
                "application": application,
                "move_stages": selectors.move_stages(application.requisition),
                "back": _board_of(application, request.GET.get("next", "")),
            },
        )
    form = MoveForm(request.POST)
    error = "Choose a stage."
    if form.is_valid():
        try:
            services.application_move(
                application=application, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            error = None
    name = application.candidate.full_name
    wants_json = "application/json" in request.headers.get("Accept", "")
    if error and wants_json:
        return JsonResponse({"error": f"{name}: {error}"}, status=400)
    if error:
        messages.error(request, f"{name}: {error}")
        return redirect(_back_to_board(request, application))
    moved = f"{name} moved to {St(form.cleaned_data['to_stage']).label}."
    if wants_json:
        return JsonResponse({"message": moved})
    messages.success(request, moved)
    return redirect(_back_to_board(request, application))


def _board_of(application: Application, back: str) -> str:
    """`back` when it is a page of the application's board (its filters kept), else the
    board itself."""
    board = reverse("candidates:pipeline", args=[application.requisition_id])
    if not (back.startswith(board + "?") and url_has_allowed_host_and_scheme(back, None)):
        back = f"{board}?view={BOARD}"
    return back


def _back_to_board(request, application: Application) -> str:
    """The board page the move came from (the POST's `next`), at the card."""
    return f"{_board_of(application, request.POST.get('next', ''))}#application-{application.pk}"


@login_required
def pipeline_csv(request, requisition_pk):
    requisition = _pipeline_requisition(request, requisition_pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = slugify(requisition.title) or "requisition"
    response["Content-Disposition"] = f'attachment; filename="{name}-pipeline.csv"'
    write_rows(response, selectors.pipeline_csv_rows(user=request.user, requisition=requisition))
    return response
