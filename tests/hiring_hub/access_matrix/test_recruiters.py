"""(f) One write rule: a recruiter not on the requisition reads, never writes."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.hiring_hub.access_matrix.urls import (
    OTHER_RECRUITER_DENIED,
    OTHER_RECRUITER_READS,
    PIPELINE_WRITES,
)
from tests.hiring_hub.access_matrix.world import (
    DENIED,
    DENIED_OR_WRONG_METHOD,
    World,
    fingerprint,
    url_for,
)


# A requisition's candidates, applications, assessments, shortlists, interviews, debrief
# decisions, thank-you notes, follow-ups and offers are changed by its recruiter and the
# recruiters on its hiring team (access.can_change_pipeline). Each write is posted with data
# that the team recruiter's identical post turns into a real change (the control below), so
# the other recruiter's refusal is the rule's doing, not a form error.
def _write_data(world: World) -> dict[str, tuple[dict, str]]:
    """name -> (POST data, which candidate/application fills the URL)."""
    o = world.objects
    return {
        "candidates:candidate_edit": (
            {"full_name": "Renamed", "email": "quentin@example.org", "source": "sourced"},
            "candidate",
        ),
        "candidates:candidate_add_to_requisition": (
            {"requisition": o["requisition"].pk},
            "pooled_candidate",
        ),
        "candidates:application_move": ({"to_stage": "rejected", "reason": "Not now"}, ""),
        "candidates:application_board_move": ({"to_stage": "rejected", "reason": "Not now"}, ""),
        "candidates:assessment_edit": (
            {f"rating_{o['criterion'].pk}": "partly", f"evidence_{o['criterion'].pk}": "Some"},
            "",
        ),
        "candidates:pipeline": (
            {
                "applications": [o["sourced_application"].pk],
                "to_stage": "screening",
                "reason": "",
            },
            "",
        ),
        "candidates:shortlist_create": (
            {
                "applications": [o["sourced_application"].pk],
                "note": "One more",
                "unassessed_reason": "Met them at a meetup; assessment to follow",
            },
            "",
        ),
        "candidates:offer_note": ({"body": "Asked for equity"}, ""),
        "debriefs:interview_cancel": ({"reason": "Candidate ill"}, ""),
        "debriefs:interview_edit": (
            {
                "starts_at": (timezone.now() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
                "duration_minutes": 60,
                "interviewers": [world.interviewer.pk],
                "location": "Room 5",
            },
            "",
        ),
        "debriefs:interview_create": (
            {
                "stage": o["stage"].pk,
                "starts_at": (timezone.now() + dt.timedelta(days=4)).strftime("%Y-%m-%dT%H:%M"),
                "duration_minutes": 45,
                "interviewers": [world.interviewer.pk],
                "location": "Room 6",
            },
            "",
        ),
        "debriefs:debrief": ({"decision": "hold", "rationale": "Wait for the panel"}, ""),
        "debriefs:follow_up": ({"channel": "call", "body": "Told them next week"}, ""),
        "debriefs:thank_you_note_mark_sent": ({}, ""),
    }


def _url(world, name, which):
    if which == "pooled_candidate":
        return reverse(name, kwargs={"pk": world.objects["pooled_candidate"].pk})
    return url_for(world, name)


@pytest.mark.parametrize("name", PIPELINE_WRITES)
def test_recruiter_not_on_the_requisition_is_refused_every_pipeline_write(client, world, name):
    data, which = _write_data(world)[name]
    client.force_login(world.other_recruiter)
    url = _url(world, name, which)
    before = fingerprint()
    response = client.post(url, data)
    assert response.status_code in DENIED, f"other recruiter got {response.status_code} on {name}"
    assert fingerprint() == before, f"the other recruiter's post to {name} wrote"


@pytest.mark.parametrize("role", ["recruiter", "team_recruiter"])
@pytest.mark.parametrize("name", PIPELINE_WRITES)
def test_requisition_recruiters_make_the_same_write(client, world, name, role):
    """Control: the identical post by the owning or a hiring-team recruiter does write."""
    data, which = _write_data(world)[name]
    client.force_login(world.user(role))
    before = fingerprint()
    response = client.post(_url(world, name, which), data)
    assert response.status_code in (200, 302), response.status_code
    assert fingerprint() != before, f"{role}'s post to {name} changed nothing: {response}"


@pytest.mark.parametrize("name", OTHER_RECRUITER_DENIED)
def test_recruiter_not_on_the_requisition_is_refused_other_rules_writes(client, world, name):
    client.force_login(world.other_recruiter)
    before = fingerprint()
    assert client.post(url_for(world, name)).status_code in DENIED_OR_WRONG_METHOD
    assert fingerprint() == before


@pytest.mark.parametrize("name", OTHER_RECRUITER_READS)
def test_recruiter_not_on_the_requisition_reads(client, world, name):
    client.force_login(world.other_recruiter)
    response = client.get(url_for(world, name))
    assert response.status_code == 200, f"{name} answered {response.status_code}"


@pytest.mark.parametrize(
    "name, button",
    [
        ("candidates:application_detail", "candidates:assessment_edit"),
        ("candidates:candidate_detail", "candidates:candidate_edit"),
        ("debriefs:interview_detail", "debriefs:interview_edit"),
        ("candidates:offer_detail", "candidates:offer_note"),
        ("debriefs:follow_up", 'name="channel"'),
        ("debriefs:thank_you_note", "debriefs:thank_you_note_mark_sent"),
        ("candidates:pipeline", 'name="applications"'),
    ],
)
def test_recruiter_not_on_the_requisition_sees_no_write_controls(client, world, name, button):
    marker = url_for(world, button) if ":" in button else button
    client.force_login(world.other_recruiter)
    assert marker not in client.get(url_for(world, name)).content.decode()
    client.force_login(world.team_recruiter)
    assert marker in client.get(url_for(world, name)).content.decode()
