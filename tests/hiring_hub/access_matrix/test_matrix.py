"""The matrix is complete and real: every URL has a row, anonymous visitors are sent to the
login page, the kwargs point at real objects, and the checks below are not vacuous."""

import datetime as dt

import pytest

from candidates.models import Application
from tests.hiring_hub.access_matrix.urls import (
    ALL_NAMES,
    CANDIDATE_NAMES,
    EXCLUDED_PREFIXES,
    INTERVIEWER_FORBIDDEN,
    MANAGER_CANNOT,
    OBJECT_NAMES,
    OWNER,
    URL_TARGETS,
    URLS,
)
from tests.hiring_hub.access_matrix.world import (
    DRAFT_PHRASE,
    INTAKE_SECRETS,
    OFFER_SALARY,
    OTHER_SCORECARD_PHRASE,
    SALARY_MIN,
    SOURCED_NAME,
    fingerprint,
    money,
    url_for,
)


# --- The mapping is complete ---------------------------------------------------------------
def test_every_url_is_in_the_matrix():
    unknown = sorted(set(URLS) - set(URL_TARGETS))
    assert not unknown, (
        f"New URL names without an access-matrix entry: {unknown}. Add each to URL_TARGETS "
        "in tests/hiring_hub/access_matrix/urls.py (and to INTERVIEWER_FORBIDDEN if "
        "interviewers must not reach it)."
    )


def test_matrix_names_no_removed_url():
    stale = sorted(set(URL_TARGETS) - set(URLS))
    assert not stale, f"URL_TARGETS names URLs that no longer exist: {stale}"


def test_matrix_covers_the_app():
    assert len(URLS) >= 50
    assert not any(route.startswith(EXCLUDED_PREFIXES) for route, _ in URLS.values())
    assert set(INTERVIEWER_FORBIDDEN) <= set(URL_TARGETS)
    assert set(MANAGER_CANNOT) <= set(URL_TARGETS)


# --- (a) anonymous: always to the login page --------------------------------------------------
@pytest.mark.parametrize("name", ALL_NAMES)
def test_anonymous_is_sent_to_login(client, world, name):
    url = url_for(world, name)
    before = fingerprint()
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        assert response.status_code == 302, f"anonymous {method.upper()} {url}"
        assert response["Location"].startswith("/accounts/login/"), response["Location"]
    assert fingerprint() == before


# --- The world is real: the owning recruiter reaches every object ------------------------------
@pytest.mark.parametrize("name", OBJECT_NAMES)
def test_insider_reaches_the_object(client, world, name):
    """Control: the kwargs point at real objects, so the refusals below are not vacuous.
    The owning recruiter also reaches the sourced candidate's pages."""
    client.force_login(world.user(OWNER.get(name, "recruiter")))
    url = url_for(world, name)
    response = client.get(url)
    assert response.status_code in (200, 302, 405), f"{url} answered {response.status_code}"
    if name in CANDIDATE_NAMES:
        client.force_login(world.recruiter)
        url = url_for(world, name, candidate="sourced_candidate", application="sourced_application")
        response = client.get(url)
        assert response.status_code in (200, 302, 405), f"{url} answered {response.status_code}"


# --- The checks are not vacuous -------------------------------------------------------------
@pytest.mark.parametrize(
    "role, name, text",
    [
        ("recruiter", "candidates:offer_detail", money(OFFER_SALARY)),
        ("manager", "requisitions:requisition_detail", money(SALARY_MIN)),
        ("manager", "requisitions:intake_edit", INTAKE_SECRETS[:1]),
        ("recruiter", "requisitions:alignment_meeting_edit", INTAKE_SECRETS[:1]),
        ("manager", "debriefs:debrief", [OTHER_SCORECARD_PHRASE]),
        ("interviewer", "debriefs:scorecard_edit", [DRAFT_PHRASE]),
        ("recruiter", "candidates:pipeline", [SOURCED_NAME]),
    ],
)
def test_the_leak_checks_are_not_vacuous(client, world, role, name, text):
    """Control: what the leak checks look for does show where it is allowed."""
    client.force_login(world.user(role))
    body = client.get(url_for(world, name)).content.decode()
    assert any(t in body for t in text), f"none of {text} on {name} for {role}"


def test_fingerprint_sees_a_change(world):
    """Control: the "nothing changed" assertions above would catch a write."""
    before = fingerprint()
    Application.objects.filter(pk=world.objects["application"].pk).update(
        next_update_promised_by=dt.date(2031, 1, 2)
    )
    assert fingerprint() != before
