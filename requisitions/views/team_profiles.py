"""A hiring manager's team profile: what past searches taught about the team."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from hiring_hub import access
from hiring_hub.models import User
from hiring_hub.pagination import paginate
from requisitions import team_profiles
from requisitions.forms import TeamProfileForm
from requisitions.models import TeamProfile
from requisitions.views._common import submit


@login_required
def team_profile(request: HttpRequest, user_pk: int) -> HttpResponse:
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
    write = partial(
        team_profiles.team_profile_update, hiring_manager=hiring_manager, actor=request.user
    )
    if response := submit(request, form, write, "Team profile saved.", request.path):
        return response
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
