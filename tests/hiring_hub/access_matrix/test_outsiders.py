"""(b) Outsiders: a hiring manager and an interviewer of another requisition."""

import pytest

from requisitions.models import Requisition
from tests import factories
from tests.hiring_hub.access_matrix.urls import ALL_NAMES, URL_TARGETS
from tests.hiring_hub.access_matrix.world import (
    CANDIDATE_NAME,
    COMPENSATION_STRINGS,
    REQUISITION_TITLE,
    SOURCED_NAME,
    assert_denied,
    assert_no_leak,
    fingerprint,
    url_for,
)


# --- (b) outsiders: a hiring manager and an interviewer of another requisition --------------
@pytest.mark.parametrize("role", ["outsider_manager", "outsider_interviewer"])
@pytest.mark.parametrize("name", ALL_NAMES)
def test_outsider_is_refused(client, world, name, role):
    user = world.user(role)
    client.force_login(user)
    url = url_for(world, name)
    if URL_TARGETS.get(name) is not None:
        assert_denied(client, url, name, role)
        return
    # A collection page: it may open, but shows none of this requisition's people, and an
    # empty POST changes nothing.
    before = fingerprint()
    response = client.get(url)
    assert response.status_code in (200, 302, 403, 405), response.status_code
    assert_no_leak(
        response, url, role, [REQUISITION_TITLE, CANDIDATE_NAME, SOURCED_NAME, "Ines Matrix"]
    )
    response = client.post(url)
    assert response.status_code in (200, 400, 403, 405), (
        f"{role} POST {url} answered {response.status_code}"
    )
    assert fingerprint() == before, f"{role}'s empty POST to {url} changed the database"


def test_manager_of_another_requisition_sharing_a_candidate_sees_only_their_side(client, world):
    """The candidate is on both searches: the other manager sees the person and their own
    application, not this requisition's application, assessment, offer or interviews."""
    factories.ShortlistedApplicationFactory(
        requisition=Requisition.objects.get(title="Elsewhere Analyst"),
        candidate=world.objects["candidate"],
        created_by=world.recruiter,
    )
    client.force_login(world.outsider_manager)
    url = url_for(world, "candidates:candidate_detail")
    response = client.get(url)
    assert response.status_code == 200
    assert_no_leak(response, url, "other manager", [REQUISITION_TITLE, *COMPENSATION_STRINGS])
    for name in ALL_NAMES:
        if URL_TARGETS.get(name) in ("application", "interview", "shortlist", "entry"):
            assert_denied(client, url_for(world, name), name, "other manager")
