"""(d, e) The requisition's hiring manager: nothing before the shortlist, and the recruiter's
writes are not theirs."""

import pytest

from tests.hiring_hub.access_matrix.urls import ALL_NAMES, CANDIDATE_NAMES, MANAGER_CANNOT
from tests.hiring_hub.access_matrix.world import (
    DRAFT_PHRASE,
    SOURCED_NAME,
    assert_denied,
    assert_no_leak,
    fingerprint,
    url_for,
)


@pytest.mark.parametrize("name", ["candidates:pipeline", "candidates:pipeline_csv"])
@pytest.mark.parametrize(
    "query", ["?stage=sourced", "?q=Sasha", "?view=board", "?view=board&stage=sourced"]
)
def test_manager_pipeline_filters_never_reach_a_sourced_candidate(client, world, name, query):
    client.force_login(world.manager)
    url = url_for(world, name) + query
    response = client.get(url)
    assert response.status_code == 200
    assert_no_leak(response, url, "hiring manager", [SOURCED_NAME, "sasha@example.org"])


# --- (e) the requisition's hiring manager co-owns, but the recruiter writes -----------------
# The manager reads their search, answers shortlists, approves offers and decides debriefs;
# everything below is the recruiter's (or the interviewer's own scorecard).
# (MANAGER_CANNOT)


@pytest.mark.parametrize("name", MANAGER_CANNOT)
def test_manager_cannot_do_the_recruiters_writes(client, world, name):
    client.force_login(world.manager)
    assert_denied(client, url_for(world, name), name, "hiring manager")


@pytest.mark.parametrize("step", ["terms", "verbal", "written", "note", "outcome"])
def test_manager_cannot_run_the_offer(client, world, step):
    """The manager chooses and approves; the recruiter leads the negotiation."""
    client.force_login(world.manager)
    assert client.get(url_for(world, "candidates:offer_detail")).status_code == 200
    before = fingerprint()
    data = {"base_salary": "1", "currency": "EUR", "body": "x"}
    assert client.post(url_for(world, f"candidates:offer_{step}"), data).status_code == 403
    assert fingerprint() == before


# --- (d) the requisition's hiring manager: not before the shortlist ------------------------------
@pytest.mark.parametrize("name", CANDIDATE_NAMES)
def test_manager_cannot_reach_a_sourced_candidate(client, world, name):
    client.force_login(world.manager)
    url = url_for(world, name, candidate="sourced_candidate", application="sourced_application")
    assert_denied(client, url, name, "hiring manager")


@pytest.mark.parametrize("name", ALL_NAMES)
def test_manager_pages_never_show_a_sourced_candidate(client, world, name):
    client.force_login(world.manager)
    url = url_for(world, name)
    response = client.get(url)
    assert response.status_code != 500
    assert_no_leak(
        response, url, "hiring manager", [SOURCED_NAME, "sasha@example.org", DRAFT_PHRASE]
    )
