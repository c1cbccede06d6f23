"""The partnership beyond one search: a hiring manager's team profile, and the
retrospective of a filled requisition. Thin views, as in requisitions.views."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from hiring_hub import access
from hiring_hub.forms import add_service_errors
from hiring_hub.models import User
from hiring_hub.pagination import paginate
from requisitions import promises, retrospectives, team_profiles
from requisitions.forms import RetrospectiveForm, TeamProfileForm
from requisitions.models import TeamProfile


@login_required
def team_profile(request, user_pk: int):
    hiring_manager = get_object_or_404(User, pk=user_pk)
    if not access.can_see_team_profile(request.user, hiring_manager):
        raise Http404  # whether this person exists is not revealed
    profile = team_profiles.team_profile_of(hiring_manager)
    can_edit = access.can_edit_team_profile(request.user, hiring_manager)
    form = TeamProfileForm(
        request.POST or None, instance=profile or TeamProfile(hiring_manager=hiring_manager)
    )
    if request.method == "POST":
        access.require(can_edit)
        if form.is_valid():
            try:
                team_profiles.team_profile_update(
                    hiring_manager=hiring_manager, actor=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Team profile saved.")
                return redirect("requisitions:team_profile", user_pk=hiring_manager.pk)
    return render(
        request,
        "requisitions/team_profile.html",
        {
            "hiring_manager": hiring_manager,
            "profile": profile,
            "form": form,
            "can_edit": can_edit,
            "lessons": paginate(request, team_profiles.team_profile_lessons(profile)),
        },
    )


@login_required
def retrospective(request, pk: int):
    requisition = get_object_or_404(
        access.requisitions_visible_to(request.user).select_related("recruiter", "hiring_manager"),
        pk=pk,
    )
    access.require(access.can_see_retrospective(request.user, requisition))
    answers = list(retrospectives.retrospectives_of(requisition))
    mine = next((r for r in answers if r.person_id == request.user.pk), None)
    can_answer = mine is not None and not mine.is_submitted
    form = RetrospectiveForm(request.POST or None) if can_answer else None
    if request.method == "POST":
        access.require(can_answer)
        if form.is_valid():
            try:
                retrospectives.retrospective_submit(
                    retrospective=mine, actor=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    "Thank you! Your answers are kept here and added to "
                    f"{requisition.hiring_manager}'s team profile.",
                )
                return redirect("requisitions:retrospective", pk=requisition.pk)
    return render(
        request,
        "requisitions/retrospective.html",
        {
            "requisition": requisition,
            "answers": [r for r in answers if r.is_submitted],
            "waiting": [r for r in answers if not r.is_submitted],
            "form": form,
            "days_to_fill": retrospectives.days_to_fill(requisition),
            # How the agreement was kept, both ways, in the words of the partnership page.
            "promises": promises.promises_kept(requisition),
        },
    )
