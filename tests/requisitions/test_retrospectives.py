"""Closing together: a filled requisition invites its recruiter and hiring manager to a
short retrospective, kept on the requisition and folded into the manager's team profile."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from hiring_hub.models import OutboundMessage
from requisitions import notifications, retrospectives, services
from requisitions.models import Requisition, Retrospective, TeamProfileLesson
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def at_offer(recruiter, hiring_manager, interviewer):
    return factories.RequisitionFactory(
        recruiter=recruiter,
        hiring_manager=hiring_manager,
        hiring_team=[interviewer],
        status=Requisition.Status.OFFER,
        opened_at=timezone.now() - timezone.timedelta(days=30),
    )


def fill(requisition, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.requisition_transition(
            requisition=requisition,
            to_status=Requisition.Status.FILLED,
            actor=requisition.recruiter,
        )


def invitations():
    return OutboundMessage.objects.filter(kind=notifications.RETROSPECTIVE_INVITE)


def test_filling_invites_recruiter_and_manager_once_through_the_outbox(
    at_offer, recruiter, hiring_manager, interviewer, mailoutbox, django_capture_on_commit_callbacks
):
    # when
    requisition = fill(at_offer, django_capture_on_commit_callbacks)
    # then one invitation each, delivered, and none to the interviewer
    assert sorted(invitations().values_list("recipient_email", flat=True)) == sorted(
        [recruiter.email, hiring_manager.email]
    )
    invites = [m for m in mailoutbox if "short retrospective" in m.subject]
    assert sorted(m.to[0] for m in invites) == sorted([recruiter.email, hiring_manager.email])
    assert reverse("requisitions:retrospective", args=[requisition.pk]) in invites[0].body
    assert "30 days after sourcing started" in invites[0].body
    # a repeated invitation (a retried job, a second call) writes nothing more
    with django_capture_on_commit_callbacks(execute=True):
        again = retrospectives.retrospective_invite(requisition=requisition, now=timezone.now())
    assert again == []
    assert invitations().count() == 2
    assert Retrospective.objects.filter(requisition=requisition).count() == 2


def test_a_fill_that_rolls_back_invites_nobody(at_offer, hiring_manager):
    # The manager may not change the status: the transition is refused before anything.
    at_offer.status = Requisition.Status.INTERVIEWING
    at_offer.save()
    with pytest.raises(ValidationError):
        services.requisition_transition(
            requisition=at_offer, to_status=Requisition.Status.FILLED, actor=at_offer.recruiter
        )
    assert not invitations().exists()
    assert not Retrospective.objects.exists()


def test_answers_are_kept_and_folded_into_the_team_profile(
    at_offer, recruiter, hiring_manager, django_capture_on_commit_callbacks
):
    requisition = fill(at_offer, django_capture_on_commit_callbacks)
    mine = Retrospective.objects.get(requisition=requisition, person=hiring_manager)
    retrospectives.retrospective_submit(
        retrospective=mine,
        actor=hiring_manager,
        what_worked=" The weekly check-ins. ",
        what_to_change="Sign off the criteria sooner.",
    )
    mine.refresh_from_db()
    assert mine.is_submitted and mine.what_worked == "The weekly check-ins."
    lesson = TeamProfileLesson.objects.get()
    assert lesson.profile.hiring_manager == hiring_manager
    assert lesson.requisition == requisition and lesson.author == hiring_manager
    assert lesson.what_to_change == "Sign off the criteria sooner."
    # The recruiter's answer is a second dated lesson on the same profile.
    theirs = Retrospective.objects.get(requisition=requisition, person=recruiter)
    retrospectives.retrospective_submit(
        retrospective=theirs, actor=recruiter, what_worked="", what_to_change="Source earlier."
    )
    assert TeamProfileLesson.objects.filter(profile=lesson.profile).count() == 2


def test_a_retrospective_is_answered_once_by_its_own_person(
    at_offer, recruiter, hiring_manager, django_capture_on_commit_callbacks
):
    requisition = fill(at_offer, django_capture_on_commit_callbacks)
    mine = Retrospective.objects.get(requisition=requisition, person=hiring_manager)
    with pytest.raises(PermissionDenied):
        retrospectives.retrospective_submit(
            retrospective=mine, actor=recruiter, what_worked="x", what_to_change=""
        )
    with pytest.raises(ValidationError, match="what worked or what to change"):
        retrospectives.retrospective_submit(
            retrospective=mine, actor=hiring_manager, what_worked=" ", what_to_change=""
        )
    retrospectives.retrospective_submit(
        retrospective=mine, actor=hiring_manager, what_worked="x", what_to_change=""
    )
    with pytest.raises(ValidationError, match="already answered"):
        retrospectives.retrospective_submit(
            retrospective=mine, actor=hiring_manager, what_worked="y", what_to_change=""
        )
    assert TeamProfileLesson.objects.count() == 1


def test_the_next_requisition_starts_from_the_retrospectives_lessons(
    at_offer, recruiter, hiring_manager, django_capture_on_commit_callbacks
):
    requisition = fill(at_offer, django_capture_on_commit_callbacks)
    retrospectives.retrospective_submit(
        retrospective=Retrospective.objects.get(requisition=requisition, person=hiring_manager),
        actor=hiring_manager,
        what_worked="",
        what_to_change="Open the search a month earlier.",
    )
    second = services.requisition_create(
        actor=recruiter, title="Second", team="Platform", location="Berlin",
        hiring_manager=hiring_manager,
    )  # fmt: skip
    assert "Open the search a month earlier." in second.intake.talent_market


def test_home_shows_the_retrospective_until_answered(
    client, at_offer, hiring_manager, django_capture_on_commit_callbacks
):
    requisition = fill(at_offer, django_capture_on_commit_callbacks)
    mine = Retrospective.objects.get(requisition=requisition, person=hiring_manager)
    client.force_login(hiring_manager)
    marker = f'data-inbox="retrospective-{mine.pk}"'.encode()
    assert marker in client.get(reverse("home")).content
    url = reverse("requisitions:retrospective", args=[requisition.pk])
    response = client.post(url, {"what_worked": "Pace", "what_to_change": ""})
    assert response.status_code == 302
    assert marker not in client.get(reverse("home")).content
    page = client.get(url).content.decode()
    assert "Pace" in page and 'data-testid="retrospective-form"' not in page


def test_retrospective_form_refuses_empty_answers_with_a_message(
    client, at_offer, hiring_manager, django_capture_on_commit_callbacks
):
    requisition = fill(at_offer, django_capture_on_commit_callbacks)
    client.force_login(hiring_manager)
    url = reverse("requisitions:retrospective", args=[requisition.pk])
    response = client.post(url, {"what_worked": "  ", "what_to_change": ""})
    assert response.status_code == 200
    assert "Say what worked or what to change" in response.content.decode()
    assert not Retrospective.objects.filter(submitted_at__isnull=False).exists()


def test_interviewer_cannot_open_the_retrospective(
    client, at_offer, interviewer, django_capture_on_commit_callbacks
):
    requisition = fill(at_offer, django_capture_on_commit_callbacks)
    client.force_login(interviewer)
    url = reverse("requisitions:retrospective", args=[requisition.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"what_worked": "x"}).status_code == 403


@pytest.mark.parametrize("answered", [False, True])
def test_retrospective_page_query_count_is_pinned(
    client, at_offer, hiring_manager, recruiter, answered,
    django_capture_on_commit_callbacks, django_assert_num_queries,
):  # fmt: skip
    requisition = fill(at_offer, django_capture_on_commit_callbacks)
    if answered:
        for person in (hiring_manager, recruiter):
            retrospectives.retrospective_submit(
                retrospective=Retrospective.objects.get(requisition=requisition, person=person),
                actor=person,
                what_worked="x",
                what_to_change="y",
            )
    client.force_login(recruiter)
    # session, user, requisition, answers + the promises kept, both ways (10, whatever the rows)
    with django_assert_num_queries(14):
        response = client.get(reverse("requisitions:retrospective", args=[requisition.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-test="promise-first_shortlist"' in html  # the agreement as kept, both ways
