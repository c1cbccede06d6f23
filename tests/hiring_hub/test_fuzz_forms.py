"""Property-based fuzzing (Hypothesis) of the main forms and the résumé upload, posted as the
user who may post them: whatever arrives, the answer is never a 500, and a refused post
(anything but a redirect) changes nothing in the database. Each example runs in its own
savepoint, rolled back afterwards, so examples do not pile up."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hiring_hub.test_access_matrix import build_world, fingerprint, url_for

pytestmark = pytest.mark.django_db
EXAMPLES = 40
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
POSTED: dict[str, int] = {}

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\n",
    "line\nbreak",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "{{ 7*7 }}",
    "\u202e\u200b\ufeff",
    "9" * 40,
    "-1",
    "1e309",
    "NaN",
    "2026-02-30",
    "2026-12-01T25:61",
    "x" * 5000,
]
text = st.one_of(st.sampled_from(NASTY), st.text(max_size=300))
number = st.one_of(st.sampled_from(NASTY), st.integers(-(2**40), 2**40).map(str))
when = st.one_of(
    st.sampled_from(NASTY),
    st.datetimes().map(lambda d: d.strftime("%Y-%m-%dT%H:%M")),
    st.dates().map(str),
)


def choice(*values):
    return st.one_of(st.sampled_from(values), text)


@st.composite
def zip_bytes(draw) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in draw(
            st.lists(
                st.sampled_from(
                    ["mimetype", "[Content_Types].xml", "word/document.xml", "a.zip", "../x"]
                )
                | st.text(min_size=1, max_size=20),
                max_size=6,
                unique=True,
            )
        ):
            archive.writestr(name, draw(st.binary(max_size=2000)))
    data = out.getvalue()
    cut = draw(st.integers(0, len(data)))
    return data if draw(st.booleans()) else data[:cut]


resume = st.one_of(
    st.binary(max_size=3000),
    st.binary(max_size=500).map(lambda b: b"%PDF-1.4\n" + b),
    zip_bytes(),
    st.text(max_size=500).map(str.encode),
)


def _post(client, url: str, data: dict, name: str) -> None:
    POSTED[name] = POSTED.get(name, 0) + 1
    with transaction.atomic():
        before = fingerprint()
        response = client.post(url, data)
        assert response.status_code != 500
        if response.status_code != 302:
            assert fingerprint() == before, f"refused post to {name} wrote: {data!r}"
        transaction.set_rollback(True)


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_world()


def _as(client, world, role):
    client.force_login(world.user(role))
    return client


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {
            "full_name": text,
            "email": st.one_of(text, st.emails()),
            "phone": text,
            "location": text,
            "links": text,
            "source": choice("sourced", "referral", "inbound", "agency"),
            "notes": text,
            "tags": text,
        }
    ),
    upload=resume,
    name=st.sampled_from(["cv.pdf", "cv.docx", "cv.odt", "cv.txt", "", "../../etc/passwd"]),
)
def test_fuzz_candidate_create_with_resume(client, world, data, upload, name):
    _as(client, world, "recruiter")
    data = {**data, "resume": SimpleUploadedFile(name or "x", upload)}
    _post(client, url_for(world, "candidates:candidate_create"), data, "candidate_create")


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {"full_name": text, "email": st.one_of(text, st.emails()), "source": text, "notes": text}
    ),
    upload=resume,
)
def test_fuzz_candidate_edit_with_resume(client, world, data, upload):
    _as(client, world, "recruiter")
    data = {**data, "resume": SimpleUploadedFile("cv.docx", upload)}
    _post(client, url_for(world, "candidates:candidate_edit"), data, "candidate_edit")


@FUZZ
@given(
    data=st.fixed_dictionaries({"to_stage": choice("rejected", "offer", "hired"), "reason": text})
)
def test_fuzz_application_move(client, world, data):
    _as(client, world, "recruiter")
    _post(client, url_for(world, "candidates:application_move"), data, "application_move")


@FUZZ
@given(rating=choice("meets", "partly", "unknown"), evidence=text)
def test_fuzz_assessment(client, world, rating, evidence):
    _as(client, world, "recruiter")
    pk = world.objects["criterion"].pk
    data = {f"rating_{pk}": rating, f"evidence_{pk}": evidence}
    _post(client, url_for(world, "candidates:assessment_edit"), data, "assessment")


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {
            "action": choice("terms", "approve", "verbal", "written", "note", "outcome"),
            "base_salary": number,
            "bonus": number,
            "equity": text,
            "currency": text,
            "start_date": when,
            "made_at": when,
            "outcome": choice("positive", "negative", "accepted", "declined"),
            "sent_at": when,
            "expires_on": when,
            "body": text,
            "declined_reason": text,
        }
    ),
    role=st.sampled_from(["recruiter", "manager"]),
)
def test_fuzz_offer_actions(client, world, data, role):
    _as(client, world, role)
    _post(client, url_for(world, "candidates:offer_detail"), data, "offer")


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {
            "decision": choice("advance", "decline", "need_info"),
            "reason": text,
            "criteria": st.lists(number, max_size=3),
        }
    )
)
def test_fuzz_shortlist_answer(client, world, data):
    _as(client, world, "manager")
    _post(client, url_for(world, "candidates:shortlist_entry_decide"), data, "shortlist_answer")


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {
            "decision": choice("advance", "reject", "offer", "hold"),
            "rationale": text,
            "next_stage_focus": text,
        }
    ),
    role=st.sampled_from(["recruiter", "manager"]),
)
def test_fuzz_debrief_decision(client, world, data, role):
    _as(client, world, role)
    _post(client, url_for(world, "debriefs:debrief"), data, "debrief")


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {
            "channel": choice("email", "call", "other"),
            "subject": text,
            "body": text,
            "next_update_promised_by": when,
        }
    )
)
def test_fuzz_follow_up(client, world, data):
    _as(client, world, "recruiter")
    _post(client, url_for(world, "debriefs:follow_up"), data, "follow_up")


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {"action": choice("save", "send", "mark_sent"), "subject": text, "body": text}
    )
)
def test_fuzz_thank_you_note(client, world, data):
    _as(client, world, "recruiter")
    _post(client, url_for(world, "debriefs:thank_you_note"), data, "thank_you_note")


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {
            "action": choice("save", "submit"),
            "hard_skills": text,
            "soft_skills": text,
            "skills_evidence_strength": choice("strong", "some", "weak"),
            "enthusiasm": choice("1", "2", "3", "4"),
            "enthusiasm_signals": text,
            "team_fit": choice("1", "2", "3", "4"),
            "team_fit_behaviour": text,
            "recommendation": choice("1", "2", "3", "4"),
            "explore_further": text,
            "amendment_reason": text,
        }
    )
)
def test_fuzz_scorecard(client, world, data):
    _as(client, world, "interviewer")
    _post(client, url_for(world, "debriefs:scorecard_edit"), data, "scorecard")


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {
            "stage": number,
            "starts_at": when,
            "duration_minutes": number,
            "interviewers": st.lists(number, max_size=3),
            "location": text,
            "video_link": text,
            "next_steps_promised_by": when,
            "next_steps_message": text,
        }
    )
)
def test_fuzz_interview_schedule(client, world, data):
    _as(client, world, "recruiter")
    _post(client, url_for(world, "debriefs:interview_create"), data, "interview_schedule")


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {
            "title": text,
            "team": text,
            "location": text,
            "employment_type": text,
            "headcount": number,
            "salary_min": number,
            "salary_max": number,
            "salary_currency": text,
            "target_start_date": when,
            "hiring_manager": number,
        }
    )
)
def test_fuzz_requisition_create(client, world, data):
    _as(client, world, "recruiter")
    _post(client, url_for(world, "requisitions:requisition_create"), data, "requisition_create")


# --- What the fuzzing found (kept as plain regressions) --------------------------------------
HUGE_IDS = ["99999999999999999999", "²", "-1", "0", "1e3"]


@pytest.mark.parametrize("value", HUGE_IDS)
def test_an_id_that_cannot_be_a_primary_key_is_refused_not_a_500(client, world, value):
    _as(client, world, "recruiter")
    data = {
        "stage": world.objects["stage"].pk,
        "starts_at": "2031-01-02T10:00",
        "duration_minutes": "60",
        "interviewers": [value],
    }
    _post(client, url_for(world, "debriefs:interview_create"), data, "regression")
    _as(client, world, "manager")
    data = {"decision": "decline", "reason": "", "criteria": [value]}
    _post(client, url_for(world, "candidates:shortlist_entry_decide"), data, "regression")


def test_a_nul_character_in_a_shortlist_answer_is_refused_not_a_500(client, world):
    """PostgreSQL refuses NUL in text: the answer is read through its form, which refuses it."""
    _as(client, world, "manager")
    data = {"decision": "need_info", "reason": "What about\x00 on-call?"}
    _post(client, url_for(world, "candidates:shortlist_entry_decide"), data, "regression")


def test_fuzzing_ran_every_form():
    """Runs last in this module: how many fuzzed posts each form took (see the report)."""
    print("fuzzed posts:", POSTED, "total", sum(POSTED.values()))
    assert not POSTED or all(n >= 1 for n in POSTED.values())
