"""Interview and thank-you note lists: what the user works on by default, everyone's as a
filter, one page at a time; debriefs waiting counted on the user's requisitions only."""

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from debriefs import selectors
from debriefs.models import Interview
from tests import factories

pytestmark = pytest.mark.django_db


def _interview_for(recruiter, *, starts_at=None, interviewers=()):
    requisition = factories.RequisitionFactory(recruiter=recruiter)
    return factories.InterviewFactory(
        application__requisition=requisition,
        starts_at=starts_at or timezone.now() + dt.timedelta(days=1),
        interviewers=list(interviewers),
    )


def test_recruiter_interview_list_opens_on_their_requisitions(client, recruiter):
    mine = _interview_for(recruiter)
    theirs = _interview_for(factories.RecruiterFactory())
    client.force_login(recruiter)
    url = reverse("debriefs:interview_list")
    assert [i.pk for i in client.get(url).context["upcoming"]] == [mine.pk]
    everyone = client.get(url, {"scope": "all"}).context["upcoming"]
    assert {i.pk for i in everyone} == {mine.pk, theirs.pk}


def test_interviewer_sees_only_their_interviews_whatever_the_scope(client, interviewer):
    on = _interview_for(factories.RecruiterFactory(), interviewers=[interviewer])
    _interview_for(factories.RecruiterFactory())
    client.force_login(interviewer)
    url = reverse("debriefs:interview_list")
    assert [i.pk for i in client.get(url, {"scope": "all"}).context["upcoming"]] == [on.pk]


def test_hiring_manager_sees_their_requisitions_interviews_and_those_they_are_on(
    client, hiring_manager
):
    own = factories.InterviewFactory(application__requisition__hiring_manager=hiring_manager)
    on = factories.InterviewFactory(interviewers=[hiring_manager])
    factories.InterviewFactory()
    client.force_login(hiring_manager)
    upcoming = client.get(reverse("debriefs:interview_list")).context["upcoming"]
    assert {i.pk for i in upcoming} == {own.pk, on.pk}


def test_interview_list_pages_upcoming_and_past_separately(client, recruiter):
    now = timezone.now()
    for i in range(52):
        _interview_for(recruiter, starts_at=now + dt.timedelta(days=1, hours=i))
    for i in range(3):
        _interview_for(recruiter, starts_at=now - dt.timedelta(days=1, hours=i))
    client.force_login(recruiter)
    url = reverse("debriefs:interview_list")
    response = client.get(url)
    assert len(response.context["upcoming"]) == 50 and response.context["upcoming"].has_next()
    assert len(response.context["past"]) == 3
    html = response.content.decode()
    assert 'href="?page=2"' in html
    second = client.get(url, {"page": 2})
    assert len(second.context["upcoming"]) == 2 and len(second.context["past"]) == 3


def test_thank_you_notes_default_to_the_recruiters_requisitions(client, recruiter):
    ended = timezone.now() - dt.timedelta(hours=3)
    mine = factories.ThankYouNoteFactory(interview=_interview_for(recruiter, starts_at=ended))
    theirs = factories.ThankYouNoteFactory(
        interview=_interview_for(factories.RecruiterFactory(), starts_at=ended)
    )
    client.force_login(recruiter)
    url = reverse("debriefs:thank_you_list")
    assert [n.pk for n in client.get(url).context["due"]] == [mine.pk]
    everyone = client.get(url, {"scope": "all"}).context["due"]
    assert {n.pk for n in everyone} == {mine.pk, theirs.pk}


def test_interviewer_has_no_thank_you_list(client, interviewer):
    client.force_login(interviewer)
    assert client.get(reverse("debriefs:thank_you_list"), {"scope": "all"}).status_code == 403


def test_debriefs_waiting_counts_only_the_users_requisitions(recruiter):
    mine = _interview_for(recruiter, starts_at=timezone.now() - dt.timedelta(days=1))
    theirs = _interview_for(
        factories.RecruiterFactory(), starts_at=timezone.now() - dt.timedelta(days=1)
    )
    for interview in (mine, theirs):
        factories.ScorecardFactory(
            interview=interview,
            status="submitted",
            submitted_at=timezone.now(),
            recommendation=3,
        )
    assert list(selectors.debriefs_waiting(recruiter)) == [mine.application]
    assert set(selectors.debriefs_waiting(recruiter, everyone=True)) == {
        mine.application,
        theirs.application,
    }
    assert selectors.dashboard_panel(recruiter)["debriefs_waiting"] == 1


def test_upcoming_interviews_are_read_from_an_index_of_scheduled_interviews_by_end():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Interview._meta.db_table)

    index = constraints["interview_scheduled_end_idx"]
    assert index["index"] and index["columns"] == ["ends_at"]
