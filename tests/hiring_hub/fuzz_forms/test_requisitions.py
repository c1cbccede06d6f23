"""Fuzzing the requisitions' forms: the requisition, its intake, criteria, alignment
meetings, interview plan and check-ins."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from requisitions.models import Criterion, Requisition
from tests.hiring_hub.fuzz_forms import strategies as s
from tests.hiring_hub.fuzz_forms.fuzzing import FUZZ, FUZZ_MORE, fuzz, fuzz_test

pytestmark = pytest.mark.django_db


requisition_fields = {
    "title": (s.words, s.text),
    "team": (s.words, s.text),
    "location": (s.words, s.text),
    "employment_type": (st.sampled_from(Requisition.EmploymentType.values), s.text),
    "headcount": (st.sampled_from(["1", "2", "40"]), s.number),
    "salary_min": (st.sampled_from(["", "50000"]), s.number),
    "salary_max": (st.sampled_from(["", "90000"]), s.number),
    "salary_currency": (st.sampled_from(["EUR", "USD"]), s.text),
    "target_start_date": (st.one_of(s.future_day, st.just("")), s.when),
    "recruiter": (s.real("@user:recruiter", "@user:team_recruiter"), s.pk_or_junk("@user:manager")),
    "hiring_manager": (s.real("@user:manager", "@user:outsider_manager"), s.number),
    "hiring_team": (st.lists(s.real(*s.PEOPLE), max_size=2), s.pks("@user:outsider_interviewer")),
}


test_fuzz_requisition_create = fuzz_test(
    FUZZ,
    s.posts(requisition_fields),
    "recruiter",
    "requisitions:requisition_create",
    "requisition_create",
)


test_fuzz_requisition_edit = fuzz_test(
    FUZZ_MORE,
    s.posts(requisition_fields),
    "recruiter",
    "requisitions:requisition_edit",
    "requisition_edit",
)


test_fuzz_requisition_transition = fuzz_test(
    FUZZ_MORE,
    st.fixed_dictionaries(
        {
            "to_status": s.choice(*Requisition.Status.values),
            "reason": s.text,
        }
    ),
    "recruiter",
    "requisitions:requisition_transition",
    "requisition_transition",
)


@FUZZ_MORE
@given(
    data=st.fixed_dictionaries(
        {
            "meeting_at": s.when,
            "meeting_duration_minutes": s.number,
            "meeting_attendees": s.pks(*s.PEOPLE),
            "success_6_months": s.text,
            "success_12_months": s.text,
            "business_goals": s.text,
            "thrives_on_team": s.text,
            "last_person_in_role": s.text,
            "deal_breakers": s.text,
            "selling_points": s.text,
        }
    ),
    role=st.sampled_from(["recruiter", "manager"]),
)
def test_fuzz_intake(client, world, data, role):
    fuzz(client, world, role, "requisitions:intake_edit", data, "intake")


criterion_fields = {
    "name": (s.words, s.text),
    "kind": (st.sampled_from(Criterion.Kind.values), s.text),
    "category": (st.sampled_from(Criterion.Category.values), s.text),
    "definition": (s.paragraph, s.text),
    "order": (st.sampled_from(["", "1", "7"]), s.number),
}


test_fuzz_criterion_add = fuzz_test(
    FUZZ_MORE, s.posts(criterion_fields), "recruiter", "requisitions:criterion_add", "criterion_add"
)


test_fuzz_criterion_edit = fuzz_test(
    FUZZ_MORE,
    s.posts(criterion_fields),
    "recruiter",
    "requisitions:criterion_edit",
    "criterion_edit",
)


test_fuzz_persona = fuzz_test(
    FUZZ_MORE,
    st.fixed_dictionaries({"persona": s.text}),
    "recruiter",
    "requisitions:persona_edit",
    "persona",
)


@FUZZ_MORE
@given(data=st.fixed_dictionaries({"confirm": s.choice("on", "true", "1", "")}))
def test_fuzz_criteria_sign_off(client, draft_criteria, data):
    world = draft_criteria
    fuzz(client, world, "manager", "requisitions:criteria_sign_off", data, "criteria_sign_off")


meeting_fields = {
    "scheduled_at": s.when,
    "duration_minutes": s.choice("15", "45", "480", "481"),
    "attendees": s.pks(*s.PEOPLE, "@user:outsider_interviewer"),
}


test_fuzz_alignment_meeting_schedule = fuzz_test(
    FUZZ_MORE,
    st.fixed_dictionaries(meeting_fields),
    "recruiter",
    "requisitions:alignment_meeting_create",
    "alignment_meeting_schedule",
)


test_fuzz_alignment_meeting_edit = fuzz_test(
    FUZZ_MORE,
    st.fixed_dictionaries(
        {**meeting_fields, "agenda": s.text, "notes": s.text, "decisions": s.text}
    ),
    "recruiter",
    "requisitions:alignment_meeting_edit",
    "alignment_meeting_edit",
)


stage_fields = {
    "name": s.text,
    "order": s.number,
    "duration_minutes": s.choice("15", "60", "480", "5"),
    "interviewers": s.pks(*s.PEOPLE, "@user:outsider_interviewer"),
    "criterion_keys": st.lists(st.one_of(s.real("@key:criterion"), s.text), max_size=2),
}


test_fuzz_interview_stage_add = fuzz_test(
    FUZZ_MORE,
    st.fixed_dictionaries(stage_fields),
    "recruiter",
    "requisitions:interview_stage_add",
    "interview_stage_add",
)


test_fuzz_interview_stage_edit = fuzz_test(
    FUZZ_MORE,
    st.fixed_dictionaries(stage_fields),
    "recruiter",
    "requisitions:interview_stage_edit",
    "interview_stage_edit",
)


test_fuzz_check_in_note = fuzz_test(
    FUZZ_MORE,
    st.fixed_dictionaries({"note": s.text}),
    "recruiter",
    "requisitions:check_in_list",
    "check_in_note",
)


test_fuzz_check_in_acknowledge = fuzz_test(
    FUZZ_MORE,
    st.fixed_dictionaries({"agenda": s.text}),
    "manager",
    "requisitions:check_in_detail",
    "check_in_acknowledge",
)
