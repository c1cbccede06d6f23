"""Fuzzing the interviews' forms: scheduling, scorecards, debriefs, thank-you notes and
follow-ups."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.hiring_hub.access_matrix import url_for
from tests.hiring_hub.fuzz_forms import strategies as s
from tests.hiring_hub.fuzz_forms.fuzzing import FUZZ, FUZZ_MORE, fuzz, fuzz_test, login_as, post

pytestmark = pytest.mark.django_db


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {
            "decision": s.choice("advance", "reject", "offer", "hold"),
            "rationale": s.text,
            "next_stage_focus": s.text,
        }
    ),
    role=st.sampled_from(["recruiter", "manager"]),
)
def test_fuzz_debrief_decision(client, world, data, role):
    login_as(client, world, role)
    post(client, url_for(world, "debriefs:debrief"), data, "debrief")


test_fuzz_follow_up = fuzz_test(
    FUZZ,
    s.posts(
        {
            "channel": (st.sampled_from(["email", "call", "other"]), s.text),
            "subject": (s.words, s.text),
            "body": (s.paragraph, s.text),
            "next_update_promised_by": (s.future_day, s.when),
        }
    ),
    "recruiter",
    "debriefs:follow_up",
    "follow_up",
)


@FUZZ
@given(
    data=st.fixed_dictionaries({"subject": s.text, "body": s.text}),
    step=st.sampled_from(["save", "send", "mark_sent"]),
)
def test_fuzz_thank_you_note(client, world, data, step):
    login_as(client, world, "recruiter")
    post(client, url_for(world, f"debriefs:thank_you_note_{step}"), data, "thank_you_note")


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {
            "hard_skills": s.text,
            "soft_skills": s.text,
            "skills_evidence_strength": s.choice("strong", "some", "weak"),
            "enthusiasm": s.choice("1", "2", "3", "4"),
            "enthusiasm_signals": s.text,
            "team_fit": s.choice("1", "2", "3", "4"),
            "team_fit_behaviour": s.text,
            "recommendation": s.choice("1", "2", "3", "4"),
            "explore_further": s.text,
            "amendment_reason": s.text,
        }
    ),
    step=st.sampled_from(["save_draft", "submit"]),
)
def test_fuzz_scorecard(client, world, data, step):
    login_as(client, world, "interviewer")
    post(client, url_for(world, f"debriefs:scorecard_{step}"), data, "scorecard")


test_fuzz_interview_schedule = fuzz_test(
    FUZZ,
    s.posts({"stage": (s.real("@object:stage"), s.number), **s.interview_fields}),
    "recruiter",
    "debriefs:interview_create",
    "interview_schedule",
)


test_fuzz_interview_reschedule = fuzz_test(
    FUZZ_MORE,
    s.posts(s.interview_fields),
    "recruiter",
    "debriefs:interview_edit",
    "interview_reschedule",
)


test_fuzz_interview_cancel = fuzz_test(
    FUZZ_MORE,
    st.fixed_dictionaries({"reason": s.text}),
    "recruiter",
    "debriefs:interview_cancel",
    "interview_cancel",
)


@FUZZ_MORE
@given(data=s.posts({"subject": (s.words, s.text), "body": (s.paragraph, s.text)}))
def test_fuzz_thank_you_note_send(client, world, data):
    """The note's "send" action, which emails the candidate (the subject and body they
    typed go into the message)."""
    fuzz(client, world, "recruiter", "debriefs:thank_you_note_send", data, "thank_you_note_send")


@FUZZ_MORE
@given(
    data=s.posts(
        {
            "subject": (s.words, s.text),
            "body": (s.paragraph, s.text),
            "next_update_promised_by": (s.future_day, s.when),
        }
    )
)
def test_fuzz_follow_up_email(client, world, data):
    data = {**data, "channel": "email"}
    fuzz(client, world, "recruiter", "debriefs:follow_up", data, "follow_up_email")
