"""(b', c) Interviewers: no offers, compensation, pipeline or shortlists, and only the
candidates and interviews they are part of."""

import pytest
from django.urls import reverse

from debriefs import services as debrief_services
from tests.hiring_hub.access_matrix.urls import ALL_NAMES, INTERVIEWER_FORBIDDEN, PEOPLE_NAMES
from tests.hiring_hub.access_matrix.world import (
    COMPENSATION_STRINGS,
    DENIED,
    DRAFT_PHRASE,
    INTAKE_SECRETS,
    OTHER_SCORECARD_PHRASE,
    SOURCED_NAME,
    assert_denied,
    assert_no_leak,
    complete_scorecard,
    fingerprint,
    url_for,
)


# --- (c) an interviewer on the interview: no offers, compensation, pipeline, shortlists ---------
@pytest.mark.parametrize("name", ALL_NAMES)
def test_interviewer_on_the_interview(client, world, name):
    client.force_login(world.interviewer)
    if name in INTERVIEWER_FORBIDDEN:
        swap = INTERVIEWER_FORBIDDEN[name] == "other_candidate"
        url = (
            url_for(world, name, candidate="sourced_candidate", application="sourced_application")
            if swap
            else url_for(world, name)
        )
        assert_denied(client, url, name, "interviewer")
        return
    # What they may read shows neither money nor candidates they do not interview, and
    # (their own scorecard aside) an empty POST changes nothing.
    url = url_for(world, name)
    response = client.get(url)
    if not name.startswith("debriefs:scorecard_"):
        before = fingerprint()
        assert client.post(url).status_code != 500
        assert fingerprint() == before, f"the interviewer's empty POST to {url} wrote"
    assert_no_leak(
        response,
        url,
        "interviewer",
        [*COMPENSATION_STRINGS, *INTAKE_SECRETS, SOURCED_NAME, OTHER_SCORECARD_PHRASE],
    )


# --- (b') a member of the hiring team who is not on the interview -----------------------------
# They see the requisition (its plan, its criteria), but no candidate, application,
# shortlist or interview they are not part of.
# (PEOPLE_NAMES)


@pytest.mark.parametrize("name", PEOPLE_NAMES)
def test_team_interviewer_not_on_the_interview_is_refused(client, world, name):
    client.force_login(world.team_interviewer)
    assert_denied(client, url_for(world, name), name, "team interviewer")


def test_interviewer_who_submitted_still_sees_no_money(client, world):
    """Submitting opens the debrief and the other scorecards, never the offer."""
    interview = world.objects["interview"]
    scorecard = interview.scorecards.get(interviewer=world.interviewer)
    debrief_services.scorecard_submit(
        scorecard=scorecard,
        actor=world.interviewer,
        fields=complete_scorecard("Designed a double-entry ledger."),
    )
    client.force_login(world.interviewer)
    assert client.get(url_for(world, "debriefs:debrief")).status_code == 200
    for name in ALL_NAMES:
        if name in INTERVIEWER_FORBIDDEN:
            continue
        url = url_for(world, name)
        assert_no_leak(
            client.get(url),
            url,
            "interviewer (submitted)",
            [*COMPENSATION_STRINGS, *INTAKE_SECRETS, SOURCED_NAME],
        )
    for name in ("candidates:offer_detail", "candidates:pipeline", "candidates:pipeline_csv"):
        assert client.get(url_for(world, name)).status_code in DENIED, name
    # They read the debrief; deciding it is the recruiter's and the manager's.
    before = fingerprint()
    response = client.post(url_for(world, "debriefs:debrief"), {"decision": "advance"})
    assert response.status_code == 403
    assert fingerprint() == before
    # ...and now they do read the other interviewer's scorecard.
    assert OTHER_SCORECARD_PHRASE in client.get(url_for(world, "debriefs:debrief")).content.decode()


def test_second_interviewer_never_sees_a_draft(client, world):
    client.force_login(world.second_interviewer)
    for name in ALL_NAMES:
        url = url_for(world, name)
        assert_no_leak(client.get(url), url, "second interviewer", [DRAFT_PHRASE])


# --- Holes the matrix found (focused regressions) -------------------------------------------
def test_team_interviewer_cannot_read_the_alignment_meeting(client, world):
    """Its agenda quotes the candid intake; the detail page does not link to it either."""
    meeting = world.objects["meeting"]
    assert "Left after a re-org" in meeting.agenda
    client.force_login(world.interviewer)
    edit = reverse("requisitions:alignment_meeting_edit", kwargs={"pk": meeting.pk})
    ics = reverse("requisitions:alignment_meeting_ics", kwargs={"pk": meeting.pk})
    assert client.get(edit).status_code == 403
    assert client.get(ics).status_code == 403
    detail = client.get(url_for(world, "requisitions:requisition_detail"))
    assert detail.status_code == 200
    assert edit not in detail.content.decode()


def test_interviewer_invited_to_the_alignment_meeting_reads_it(client, world):
    meeting = world.objects["meeting"]
    meeting.attendees.add(world.interviewer)
    client.force_login(world.interviewer)
    edit = reverse("requisitions:alignment_meeting_edit", kwargs={"pk": meeting.pk})
    assert client.get(edit).status_code == 200
    ics = reverse("requisitions:alignment_meeting_ics", kwargs={"pk": meeting.pk})
    assert client.get(ics).status_code == 200
    assert edit in client.get(url_for(world, "requisitions:requisition_detail")).content.decode()
    # Reading is not editing: the owning recruiter edits.
    assert client.post(edit, {"agenda": "x"}).status_code == 403


def test_interviewer_not_invited_cannot_download_the_intake_meeting(client, world):
    """The intake .ics (title, time, attendees' names and emails) follows the intake page."""
    intake = world.objects["requisition"].intake
    intake.meeting_attendees.add(world.recruiter)
    for role in ("interviewer", "team_interviewer", "second_interviewer", "outsider_interviewer"):
        client.force_login(world.user(role))
        assert client.get(url_for(world, "requisitions:intake_edit")).status_code in DENIED
        assert client.get(url_for(world, "requisitions:intake_ics")).status_code in DENIED
    client.force_login(world.manager)
    assert client.get(url_for(world, "requisitions:intake_ics")).status_code == 200
