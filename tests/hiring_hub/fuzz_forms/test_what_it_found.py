"""What the form fuzzing found, kept as plain regressions, and its report."""

import pytest

from tests.hiring_hub.access_matrix import url_for
from tests.hiring_hub.fuzz_forms.fuzzing import ACCEPTED, EMAILS_CHECKED, POSTED, login_as, post

pytestmark = pytest.mark.django_db


# --- What the fuzzing found (kept as plain regressions) --------------------------------------
HUGE_IDS = ["99999999999999999999", "²", "-1", "0", "1e3"]


@pytest.mark.parametrize("value", HUGE_IDS)
def test_an_id_that_cannot_be_a_primary_key_is_refused_not_a_500(client, world, value):
    login_as(client, world, "recruiter")
    data = {
        "stage": world.objects["stage"].pk,
        "starts_at": "2031-01-02T10:00",
        "duration_minutes": "60",
        "interviewers": [value],
    }
    post(client, url_for(world, "debriefs:interview_create"), data, "regression")
    login_as(client, world, "manager")
    data = {"decision": "decline", "reason": "", "criteria": [value]}
    post(client, url_for(world, "candidates:shortlist_entry_decide"), data, "regression")


def test_a_nul_character_in_a_cancellation_reason_is_refused_not_a_500(client, world):
    """PostgreSQL refuses NUL in text: the reason is read through a form, which refuses it."""
    login_as(client, world, "recruiter")
    url = url_for(world, "debriefs:interview_cancel")
    post(client, url, {"reason": "Candidate\x00 withdrew"}, "regression")


def test_a_nul_character_in_a_shortlist_answer_is_refused_not_a_500(client, world):
    """PostgreSQL refuses NUL in text: the answer is read through its form, which refuses it."""
    login_as(client, world, "manager")
    data = {"decision": "need_info", "reason": "What about\x00 on-call?"}
    post(client, url_for(world, "candidates:shortlist_entry_decide"), data, "regression")


def test_fuzzing_ran_every_form():
    """Runs last in this package (its modules run in name order): how many fuzzed posts each
    form took (see the report)."""
    print("fuzzed posts:", POSTED, "total", sum(POSTED.values()))
    print("accepted:", ACCEPTED, "total", sum(ACCEPTED.values()))
    print("emails checked:", EMAILS_CHECKED, "total", sum(EMAILS_CHECKED.values()))
    assert not POSTED or all(n >= 1 for n in POSTED.values())
