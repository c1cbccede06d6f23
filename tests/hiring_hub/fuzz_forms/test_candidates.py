"""Fuzzing the candidates' forms: candidates and résumés, applications, assessments,
shortlists and offers."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from candidates.models import Application
from tests.hiring_hub.access_matrix import url_for
from tests.hiring_hub.fuzz_forms import strategies as s
from tests.hiring_hub.fuzz_forms.fuzzing import FUZZ, FUZZ_MORE, fuzz, fuzz_test, login_as, post

pytestmark = pytest.mark.django_db


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {
            "full_name": s.text,
            "email": st.one_of(s.text, st.emails()),
            "phone": s.text,
            "location": s.text,
            "links": s.text,
            "source": s.choice("sourced", "referral", "inbound", "agency"),
            "notes": s.text,
            "tags": s.text,
        }
    ),
    upload=s.resume,
    name=st.sampled_from(["cv.pdf", "cv.docx", "cv.odt", "cv.txt", "", "../../etc/passwd"]),
)
def test_fuzz_candidate_create_with_resume(client, world, data, upload, name):
    login_as(client, world, "recruiter")
    data = {**data, "resume": SimpleUploadedFile(name or "x", upload)}
    post(client, url_for(world, "candidates:candidate_create"), data, "candidate_create")


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {
            "full_name": s.text,
            "email": st.one_of(s.text, st.emails()),
            "source": s.text,
            "notes": s.text,
        }
    ),
    upload=s.resume,
)
def test_fuzz_candidate_edit_with_resume(client, world, data, upload):
    login_as(client, world, "recruiter")
    data = {**data, "resume": SimpleUploadedFile("cv.docx", upload)}
    post(client, url_for(world, "candidates:candidate_edit"), data, "candidate_edit")


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {"to_stage": s.choice("rejected", "offer", "hired"), "reason": s.text}
    )
)
def test_fuzz_application_move(client, world, data):
    login_as(client, world, "recruiter")
    post(client, url_for(world, "candidates:application_move"), data, "application_move")


@FUZZ
@given(rating=s.choice("meets", "partly", "unknown"), evidence=s.text)
def test_fuzz_assessment(client, world, rating, evidence):
    login_as(client, world, "recruiter")
    pk = world.objects["criterion"].pk
    data = {f"rating_{pk}": rating, f"evidence_{pk}": evidence}
    post(client, url_for(world, "candidates:assessment_edit"), data, "assessment")


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {
            "base_salary": s.number,
            "bonus": s.number,
            "equity": s.text,
            "currency": s.text,
            "start_date": s.when,
            "made_at": s.when,
            "outcome": s.choice("positive", "negative", "accepted", "declined"),
            "sent_at": s.when,
            "expires_on": s.when,
            "body": s.text,
            "declined_reason": s.text,
        }
    ),
    role=st.sampled_from(["recruiter", "manager"]),
    step=st.sampled_from(["terms", "approve", "verbal", "written", "note", "outcome"]),
)
def test_fuzz_offer_actions(client, world, data, role, step):
    login_as(client, world, role)
    post(client, url_for(world, f"candidates:offer_{step}"), data, "offer")


test_fuzz_shortlist_answer = fuzz_test(
    FUZZ,
    s.posts(
        {
            "decision": (st.sampled_from(["advance", "decline", "need_info"]), s.text),
            "reason": (s.paragraph, s.text),
            "criteria": (st.lists(s.real("@object:criterion"), max_size=1), s.pks()),
        }
    ),
    "manager",
    "candidates:shortlist_entry_decide",
    "shortlist_answer",
)


@FUZZ_MORE
@given(
    data=st.fixed_dictionaries({"requisition": s.pk_or_junk("@object:requisition")}),
    candidate=st.sampled_from(["pooled_candidate", "candidate"]),
)
def test_fuzz_candidate_add_to_requisition(client, world, data, candidate):
    name = "candidate_add_to_requisition"
    fuzz(client, world, "recruiter", f"candidates:{name}", data, name, candidate=candidate)


test_fuzz_pipeline_bulk_move = fuzz_test(
    FUZZ_MORE,
    st.fixed_dictionaries(
        {
            "applications": s.pks("@object:application", "@object:sourced_application"),
            "to_stage": s.choice(*Application.Stage.values),
            "reason": s.text,
        }
    ),
    "recruiter",
    "candidates:pipeline",
    "pipeline_bulk_move",
)


test_fuzz_shortlist_submit = fuzz_test(
    FUZZ_MORE,
    st.fixed_dictionaries(
        {
            "applications": s.pks("@object:application", "@object:sourced_application"),
            "note": s.text,
        }
    ),
    "recruiter",
    "candidates:shortlist_create",
    "shortlist_submit",
)


@FUZZ_MORE
@given(
    data=s.posts({"body": (s.paragraph, s.text)}), role=st.sampled_from(["recruiter", "manager"])
)
def test_fuzz_shortlist_message(client, open_question, data, role):
    world = open_question
    fuzz(client, world, role, "candidates:shortlist_message", data, "shortlist_message")
