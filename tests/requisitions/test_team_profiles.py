"""Team profiles: kept per hiring manager, edited by them and their recruiters (audited),
and the starting point of the manager's next requisition."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from hiring_hub.models import AuditEntry
from requisitions import services, team_profiles
from requisitions.models import RequisitionEvent, TeamProfile
from tests import factories
from tests.conftest import the_audit_entry

pytestmark = pytest.mark.django_db


def profile_url(manager):
    return reverse("requisitions:team_profile", args=[manager.pk])


def open_search(recruiter, hiring_manager):
    return services.requisition_create(
        actor=recruiter,
        title="SRE",
        team="Platform",
        location="Berlin",
        hiring_manager=hiring_manager,
    )


def test_hiring_manager_edits_their_team_profile_and_the_change_is_audited(hiring_manager):
    team_profiles.team_profile_update(
        hiring_manager=hiring_manager, actor=hiring_manager, team_dynamics=" Async, calm. "
    )
    team_profiles.team_profile_update(
        hiring_manager=hiring_manager, actor=hiring_manager, team_dynamics="Async, calm."
    )  # no change: no second entry
    profile = TeamProfile.objects.get(hiring_manager=hiring_manager)
    assert profile.team_dynamics == "Async, calm."
    entry = the_audit_entry("team_profile.update")
    assert entry.before == {"team_dynamics": ""}
    assert entry.after == {"team_dynamics": "Async, calm."}


def test_recruiter_working_with_the_manager_edits_the_profile(requisition, recruiter):
    profile = team_profiles.team_profile_update(
        hiring_manager=requisition.hiring_manager, actor=recruiter, past_hires="The last one left."
    )
    assert profile.updated_by == recruiter


@pytest.mark.parametrize("who", ["other_recruiter", "other_manager", "interviewer"])
def test_people_not_working_with_the_manager_cannot_edit_the_profile(requisition, who):
    actor = {
        "other_recruiter": factories.RecruiterFactory,
        "other_manager": factories.HiringManagerFactory,
        "interviewer": factories.InterviewerFactory,
    }[who]()
    with pytest.raises(PermissionDenied):
        team_profiles.team_profile_update(
            hiring_manager=requisition.hiring_manager, actor=actor, team_dynamics="x"
        )
    assert not TeamProfile.objects.exists()
    assert not AuditEntry.objects.filter(action="team_profile.update").exists()


def test_new_requisition_for_the_manager_starts_its_intake_from_the_profile(
    recruiter, hiring_manager
):
    # given a profile with lessons of a past search
    team_profiles.team_profile_update(
        hiring_manager=hiring_manager,
        actor=hiring_manager,
        team_dynamics="Small, async, writes things down.",
        thrives_on_team="Owners who ask for help early.",
        past_hires="A senior hire who never shipped alone.",
        past_searches="Rust plus payments is rare in Berlin.",
    )
    # when the next search opens
    requisition = open_search(recruiter, hiring_manager)
    # then its intake starts from the profile, and the timeline says so
    intake = requisition.intake
    assert intake.team_dynamics == "Small, async, writes things down."
    assert intake.thrives_on_team == "Owners who ask for help early."
    assert intake.past_hire_not_worked == "A senior hire who never shipped alone."
    assert "Rust plus payments is rare in Berlin." in intake.talent_market
    assert requisition.events.filter(kind=RequisitionEvent.Kind.INTAKE_PREFILLED).count() == 1


def test_a_manager_without_a_profile_gets_an_empty_intake(recruiter, hiring_manager):
    requisition = open_search(recruiter, hiring_manager)
    assert requisition.intake.team_dynamics == ""
    assert not requisition.events.filter(kind=RequisitionEvent.Kind.INTAKE_PREFILLED).exists()


def test_profile_page_edit_by_the_manager(client, hiring_manager):
    client.force_login(hiring_manager)
    response = client.post(
        profile_url(hiring_manager),
        {
            "team_dynamics": "Calm",
            "thrives_on_team": "Writers",
            "past_hires": "",
            "past_searches": "",
        },
    )
    assert response.status_code == 302
    assert TeamProfile.objects.get(hiring_manager=hiring_manager).thrives_on_team == "Writers"
    page = client.get(profile_url(hiring_manager))
    assert b"Writers" in page.content and b'data-testid="team-profile-form"' in page.content


def test_profile_page_is_read_only_for_a_recruiter_not_working_with_the_manager(
    client, requisition
):
    other = factories.RecruiterFactory()
    client.force_login(other)
    url = profile_url(requisition.hiring_manager)
    response = client.get(url)
    assert response.status_code == 200
    assert b"team-profile-form" not in response.content
    assert client.post(url, {"team_dynamics": "x"}).status_code == 403
    assert not TeamProfile.objects.exists()


@pytest.mark.parametrize("who", ["interviewer", "other_manager"])
def test_profile_page_is_hidden_from_interviewers_and_other_managers(client, requisition, who):
    user = (
        factories.InterviewerFactory() if who == "interviewer" else factories.HiringManagerFactory()
    )
    requisition.hiring_team.add(user)
    client.force_login(user)
    assert client.get(profile_url(requisition.hiring_manager)).status_code == 404


@pytest.mark.parametrize("lessons", [1, 30])
def test_profile_page_query_count_is_pinned(
    client, requisition, recruiter, lessons, django_assert_num_queries
):
    manager = requisition.hiring_manager
    for i in range(lessons):
        team_profiles.team_profile_lesson_add(
            hiring_manager=manager,
            requisition=requisition,
            author=recruiter,
            what_worked=f"Worked {i}",
            what_to_change="",
        )
    client.force_login(recruiter)
    with django_assert_num_queries(7):
        response = client.get(profile_url(manager))
    assert response.status_code == 200
    assert b"Worked 0" in response.content or lessons > 20
