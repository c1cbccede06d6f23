"""Property-based fuzzing (Hypothesis) of every form the app posts and the résumé upload,
posted through the real view as the user who may post them. Whatever arrives:

- the answer is never a 500;
- a refused post (anything but a redirect, or a redirect that only carries an error message)
  changes nothing in the database;
- an accepted post's emails (the outbox rows the action wrote) are well-formed: a valid
  recipient, a one-line subject, sender and Reply-To that parse, a body, a unique Message-ID,
  and the row is delivered over the locmem backend into a real MIME message.

Each example runs in its own savepoint, rolled back afterwards, so examples do not pile up."""

import datetime as dt
import io
import re
import zipfile
from email.utils import getaddresses, parseaddr

import pytest
from django.contrib.messages import constants as message_levels
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from candidates import services as candidate_services
from candidates.models import Application, ShortlistEntry
from hiring_hub import outbox
from hiring_hub.models import OutboundMessage, Role
from requisitions import services as requisition_services
from requisitions.models import Criterion, Requisition
from tests.factories import PASSWORD as FACTORY_PASSWORD
from tests.hiring_hub.test_access_matrix import build_world, fingerprint, url_for

pytestmark = pytest.mark.django_db
EXAMPLES = 40
# The forms added to the fuzzing later take fewer examples each, to keep the suite fast.
MORE_EXAMPLES = 25
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FUZZ_MORE = settings(FUZZ, max_examples=MORE_EXAMPLES)
POSTED: dict[str, int] = {}
ACCEPTED: dict[str, int] = {}
EMAILS_CHECKED: dict[str, int] = {}

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


# Plausible values: what a user could really type, hostile content included (markup,
# template syntax, right-to-left marks, any script). Half the examples of a form built with
# `posts()` use them in every field, so its action succeeds and its emails get checked.
HOSTILE_WORDS = [
    "<script>alert(1)</script>",
    "O'Brien & Söhne",
    "{{ 7*7 }} {% now %}",
    "\u202eevil.exe",
    "=cmd|' /C calc'!A0",
    "Zoë 测试 🎉",
    "Bcc: victim@example.org",
]
PRINTABLE = st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"))
words = st.one_of(
    st.sampled_from(HOSTILE_WORDS),
    st.text(PRINTABLE, min_size=1, max_size=60).filter(str.strip),
)
paragraph = st.lists(words, min_size=1, max_size=4).map("\n".join)
future = st.datetimes(min_value=dt.datetime(2031, 1, 1), max_value=dt.datetime(2035, 12, 31)).map(
    lambda d: d.strftime("%Y-%m-%dT%H:%M")
)
future_day = st.dates(min_value=dt.date(2031, 1, 1), max_value=dt.date(2035, 12, 31)).map(str)


def posts(fields: dict):
    """`fields`: name -> (plausible, hostile) strategies. Either every field plausible, or
    each field either."""
    plausible = st.fixed_dictionaries({k: good for k, (good, _) in fields.items()})
    mixed = st.fixed_dictionaries({k: st.one_of(good, bad) for k, (good, bad) in fields.items()})
    return st.one_of(plausible, mixed)


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


# Every character that ends a line somewhere (str.splitlines), so none may be in a subject.
LINE_BREAK = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _refused(response) -> bool:
    """Not a redirect, or a redirect whose only messages are errors (the views that always
    redirect say what was wrong in a message)."""
    if response.status_code != 302:
        return True
    storage = getattr(response.wsgi_request, "_messages", None)
    queued = list(getattr(storage, "_queued_messages", []))
    errors = [m for m in queued if m.level == message_levels.ERROR]
    return bool(errors) and len(errors) == len(queued)


def assert_well_formed(row: OutboundMessage, name: str) -> None:
    """One outbox row is a message a mail server takes: checked field by field, then
    delivered over the locmem backend and rendered as MIME (which builds every header)."""
    where = f"{name}: {row.kind} message {row.pk}"
    validate_email(row.recipient_email)
    assert row.subject.strip(), where
    assert not LINE_BREAK.search(row.subject), f"{where}: subject {row.subject!r}"
    _, sender = parseaddr(row.from_email)
    assert "@" in sender, f"{where}: From {row.from_email!r}"
    for reply_to in row.reply_to:
        parsed = getaddresses([reply_to])
        assert len(parsed) == 1 and "@" in parsed[0][1], f"{where}: Reply-To {reply_to!r}"
    assert row.body_text.strip(), f"{where}: empty body"
    assert not OutboundMessage.objects.filter(message_id=row.message_id).exclude(pk=row.pk)
    sent_before = len(mail.outbox)
    assert outbox.deliver(row.pk) == OutboundMessage.State.SENT, (
        f"{where}: {OutboundMessage.objects.get(pk=row.pk).last_error}"
    )
    (email,) = mail.outbox[sent_before:]
    assert email.to == [row.recipient_email]
    rendered = email.message()
    assert rendered["Message-ID"] == row.message_id
    assert not LINE_BREAK.search(str(rendered["Subject"]).replace("\n ", "")), where
    rendered.as_bytes()
    EMAILS_CHECKED[name] = EMAILS_CHECKED.get(name, 0) + 1


def _post(client, url: str, data: dict, name: str) -> None:
    POSTED[name] = POSTED.get(name, 0) + 1
    with transaction.atomic():
        before = fingerprint()
        last_message = OutboundMessage.objects.order_by("-pk").values_list("pk", flat=True)
        last_message = last_message.first() or 0
        response = client.post(url, data)
        assert response.status_code != 500
        if _refused(response):
            assert fingerprint() == before, f"refused post to {name} wrote: {data!r}"
        else:
            ACCEPTED[name] = ACCEPTED.get(name, 0) + 1
            for row in OutboundMessage.objects.filter(pk__gt=last_message).order_by("pk"):
                assert_well_formed(row, name)
        transaction.set_rollback(True)


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_world()


def _as(client, world, role):
    client.force_login(world.user(role))
    return client


# Real ids mixed into the fuzzed values: "@object:<world object>", "@user:<role>",
# "@key:criterion" (a criterion's UUID key), filled in once the world exists.
def real(*refs: str):
    return st.sampled_from(refs)


def pk_or_junk(*refs: str):
    return st.one_of(real(*refs), number) if refs else number


def pks(*refs: str):
    return st.lists(pk_or_junk(*refs), max_size=3)


PEOPLE = ("@user:recruiter", "@user:manager", "@user:interviewer", "@user:team_recruiter")


def _resolve(world, value):
    if isinstance(value, list):
        return [_resolve(world, v) for v in value]
    if not isinstance(value, str) or not value.startswith("@"):
        return value
    kind, sep, ref = value[1:].partition(":")
    if not sep:  # generated text that merely starts with "@", not a reference
        return value
    if kind == "user":
        return str(world.user(ref).pk)
    if kind == "key":
        return str(world.objects[ref].key)
    if kind == "email":
        return world.user(ref).email
    return str(world.objects[ref].pk)


def _fuzz(client, world, role: str, url_name: str, data: dict, name: str, **url_kwargs):
    _as(client, world, role)
    data = {field: _resolve(world, value) for field, value in data.items()}
    _post(client, url_for(world, url_name, **url_kwargs), data, name)


def _fuzz_url(client, world, role: str | None, url: str, data: dict, name: str) -> None:
    """A URL outside the access matrix (allauth's); role None: anonymous. The login limits
    start afresh for each example (hitting them is tested in test_accounts.py)."""
    cache.clear()
    if role is None:
        client.logout()
    else:
        _as(client, world, role)
    data = {field: _resolve(world, value) for field, value in data.items()}
    _post(client, url, data, name)


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
    data=posts(
        {
            "decision": (st.sampled_from(["advance", "decline", "need_info"]), text),
            "reason": (paragraph, text),
            "criteria": (st.lists(real("@object:criterion"), max_size=1), pks()),
        }
    )
)
def test_fuzz_shortlist_answer(client, world, data):
    _fuzz(client, world, "manager", "candidates:shortlist_entry_decide", data, "shortlist_answer")


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
    data=posts(
        {
            "channel": (st.sampled_from(["email", "call", "other"]), text),
            "subject": (words, text),
            "body": (paragraph, text),
            "next_update_promised_by": (future_day, when),
        }
    )
)
def test_fuzz_follow_up(client, world, data):
    _fuzz(client, world, "recruiter", "debriefs:follow_up", data, "follow_up")


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
    data=posts(
        {
            "stage": (real("@object:stage"), number),
            **{
                "starts_at": (future, when),
                "duration_minutes": (st.sampled_from(["30", "60", "600"]), number),
                "interviewers": (
                    st.lists(real("@user:interviewer", "@user:second_interviewer"), max_size=2),
                    pks("@user:outsider_interviewer"),
                ),
                "location": (words, text),
                "video_link": (
                    st.sampled_from(["https://meet.example.org/abc", "meet.example.org/x?y=<b>"]),
                    choice("javascript:alert(1)", "x"),
                ),
                "next_steps_promised_by": (future_day, when),
                "next_steps_message": (paragraph, text),
            },
        }
    )
)
def test_fuzz_interview_schedule(client, world, data):
    _fuzz(client, world, "recruiter", "debriefs:interview_create", data, "interview_schedule")


requisition_fields = {
    "title": (words, text),
    "team": (words, text),
    "location": (words, text),
    "employment_type": (st.sampled_from(Requisition.EmploymentType.values), text),
    "headcount": (st.sampled_from(["1", "2", "40"]), number),
    "salary_min": (st.sampled_from(["", "50000"]), number),
    "salary_max": (st.sampled_from(["", "90000"]), number),
    "salary_currency": (st.sampled_from(["EUR", "USD"]), text),
    "target_start_date": (st.one_of(future_day, st.just("")), when),
    "recruiter": (real("@user:recruiter", "@user:team_recruiter"), pk_or_junk("@user:manager")),
    "hiring_manager": (real("@user:manager", "@user:outsider_manager"), number),
    "hiring_team": (st.lists(real(*PEOPLE), max_size=2), pks("@user:outsider_interviewer")),
}


@FUZZ
@given(data=posts(requisition_fields))
def test_fuzz_requisition_create(client, world, data):
    name = "requisition_create"
    _fuzz(client, world, "recruiter", f"requisitions:{name}", data, name)


# --- Every other form the app posts ---------------------------------------------------------


@FUZZ_MORE
@given(data=posts(requisition_fields))
def test_fuzz_requisition_edit(client, world, data):
    _fuzz(client, world, "recruiter", "requisitions:requisition_edit", data, "requisition_edit")


@FUZZ_MORE
@given(
    data=st.fixed_dictionaries(
        {
            "to_status": choice(*Requisition.Status.values),
            "reason": text,
        }
    )
)
def test_fuzz_requisition_transition(client, world, data):
    name = "requisition_transition"
    _fuzz(client, world, "recruiter", f"requisitions:{name}", data, name)


@FUZZ_MORE
@given(
    data=st.fixed_dictionaries(
        {
            "meeting_at": when,
            "meeting_duration_minutes": number,
            "meeting_attendees": pks(*PEOPLE),
            "success_6_months": text,
            "success_12_months": text,
            "business_goals": text,
            "thrives_on_team": text,
            "last_person_in_role": text,
            "deal_breakers": text,
            "selling_points": text,
        }
    ),
    role=st.sampled_from(["recruiter", "manager"]),
)
def test_fuzz_intake(client, world, data, role):
    _fuzz(client, world, role, "requisitions:intake_edit", data, "intake")


criterion_fields = {
    "name": (words, text),
    "kind": (st.sampled_from(Criterion.Kind.values), text),
    "category": (st.sampled_from(Criterion.Category.values), text),
    "definition": (paragraph, text),
    "order": (st.sampled_from(["", "1", "7"]), number),
}


@FUZZ_MORE
@given(data=posts(criterion_fields))
def test_fuzz_criterion_add(client, world, data):
    _fuzz(client, world, "recruiter", "requisitions:criterion_add", data, "criterion_add")


@FUZZ_MORE
@given(data=posts(criterion_fields))
def test_fuzz_criterion_edit(client, world, data):
    _fuzz(client, world, "recruiter", "requisitions:criterion_edit", data, "criterion_edit")


@FUZZ_MORE
@given(data=st.fixed_dictionaries({"persona": text}))
def test_fuzz_persona(client, world, data):
    _fuzz(client, world, "recruiter", "requisitions:persona_edit", data, "persona")


@pytest.fixture
def draft_criteria(world):
    """A persona change started a draft of the criteria: it waits for the manager."""
    requisition_services.persona_update(
        requisition=world.objects["requisition"], actor=world.recruiter, persona="Changed."
    )
    return world


@FUZZ_MORE
@given(data=st.fixed_dictionaries({"confirm": choice("on", "true", "1", "")}))
def test_fuzz_criteria_sign_off(client, draft_criteria, data):
    world = draft_criteria
    _fuzz(client, world, "manager", "requisitions:criteria_sign_off", data, "criteria_sign_off")


meeting_fields = {
    "scheduled_at": when,
    "duration_minutes": choice("15", "45", "480", "481"),
    "attendees": pks(*PEOPLE, "@user:outsider_interviewer"),
}


@FUZZ_MORE
@given(data=st.fixed_dictionaries(meeting_fields))
def test_fuzz_alignment_meeting_schedule(client, world, data):
    name = "alignment_meeting_create"
    _fuzz(client, world, "recruiter", f"requisitions:{name}", data, name)


@FUZZ_MORE
@given(
    data=st.fixed_dictionaries({**meeting_fields, "agenda": text, "notes": text, "decisions": text})
)
def test_fuzz_alignment_meeting_edit(client, world, data):
    name = "alignment_meeting_edit"
    _fuzz(client, world, "recruiter", f"requisitions:{name}", data, name)


stage_fields = {
    "name": text,
    "order": number,
    "duration_minutes": choice("15", "60", "480", "5"),
    "interviewers": pks(*PEOPLE, "@user:outsider_interviewer"),
    "criterion_keys": st.lists(st.one_of(real("@key:criterion"), text), max_size=2),
}


@FUZZ_MORE
@given(data=st.fixed_dictionaries(stage_fields))
def test_fuzz_interview_stage_add(client, world, data):
    name = "interview_stage_add"
    _fuzz(client, world, "recruiter", f"requisitions:{name}", data, name)


@FUZZ_MORE
@given(data=st.fixed_dictionaries(stage_fields))
def test_fuzz_interview_stage_edit(client, world, data):
    name = "interview_stage_edit"
    _fuzz(client, world, "recruiter", f"requisitions:{name}", data, name)


@FUZZ_MORE
@given(data=st.fixed_dictionaries({"note": text}))
def test_fuzz_check_in_note(client, world, data):
    _fuzz(client, world, "recruiter", "requisitions:check_in_list", data, "check_in_note")


@FUZZ_MORE
@given(data=st.fixed_dictionaries({"agenda": text}))
def test_fuzz_check_in_acknowledge(client, world, data):
    _fuzz(client, world, "manager", "requisitions:check_in_detail", data, "check_in_acknowledge")


@FUZZ_MORE
@given(
    data=st.fixed_dictionaries({"requisition": pk_or_junk("@object:requisition")}),
    candidate=st.sampled_from(["pooled_candidate", "candidate"]),
)
def test_fuzz_candidate_add_to_requisition(client, world, data, candidate):
    name = "candidate_add_to_requisition"
    _fuzz(client, world, "recruiter", f"candidates:{name}", data, name, candidate=candidate)


@FUZZ_MORE
@given(
    data=st.fixed_dictionaries(
        {
            "applications": pks("@object:application", "@object:sourced_application"),
            "to_stage": choice(*Application.Stage.values),
            "reason": text,
        }
    )
)
def test_fuzz_pipeline_bulk_move(client, world, data):
    _fuzz(client, world, "recruiter", "candidates:pipeline", data, "pipeline_bulk_move")


@FUZZ_MORE
@given(
    data=st.fixed_dictionaries(
        {
            "applications": pks("@object:application", "@object:sourced_application"),
            "note": text,
        }
    )
)
def test_fuzz_shortlist_submit(client, world, data):
    _fuzz(client, world, "recruiter", "candidates:shortlist_create", data, "shortlist_submit")


@pytest.fixture
def open_question(world):
    """The hiring manager asked a question on the shortlisted candidate: the thread is open."""
    candidate_services.shortlist_entry_decide(
        entry=world.objects["entry"],
        actor=world.manager,
        decision=ShortlistEntry.Decision.NEED_INFO,
        reason="What about on-call?",
    )
    return world


@FUZZ_MORE
@given(data=posts({"body": (paragraph, text)}), role=st.sampled_from(["recruiter", "manager"]))
def test_fuzz_shortlist_message(client, open_question, data, role):
    world = open_question
    _fuzz(client, world, role, "candidates:shortlist_message", data, "shortlist_message")


@FUZZ_MORE
@given(
    data=posts(
        {
            "starts_at": (future, when),
            "duration_minutes": (st.sampled_from(["30", "60", "600"]), number),
            "interviewers": (
                st.lists(real("@user:interviewer", "@user:second_interviewer"), max_size=2),
                pks("@user:outsider_interviewer"),
            ),
            "location": (words, text),
            "video_link": (
                st.sampled_from(["https://meet.example.org/abc", "meet.example.org/x?y=<b>"]),
                choice("javascript:alert(1)", "x"),
            ),
            "next_steps_promised_by": (future_day, when),
            "next_steps_message": (paragraph, text),
        }
    )
)
def test_fuzz_interview_reschedule(client, world, data):
    _fuzz(client, world, "recruiter", "debriefs:interview_edit", data, "interview_reschedule")


@FUZZ_MORE
@given(data=st.fixed_dictionaries({"reason": text}))
def test_fuzz_interview_cancel(client, world, data):
    _fuzz(client, world, "recruiter", "debriefs:interview_cancel", data, "interview_cancel")


@FUZZ_MORE
@given(data=posts({"subject": (words, text), "body": (paragraph, text)}))
def test_fuzz_thank_you_note_send(client, world, data):
    """The note's "send" action, which emails the candidate (the subject and body they
    typed go into the message)."""
    data = {**data, "action": "send"}
    _fuzz(client, world, "recruiter", "debriefs:thank_you_note", data, "thank_you_note_send")


@FUZZ_MORE
@given(
    data=posts(
        {
            "subject": (words, text),
            "body": (paragraph, text),
            "next_update_promised_by": (future_day, when),
        }
    )
)
def test_fuzz_follow_up_email(client, world, data):
    data = {**data, "channel": "email"}
    _fuzz(client, world, "recruiter", "debriefs:follow_up", data, "follow_up_email")


@FUZZ_MORE
@given(
    data=posts(
        {
            "full_name": (words, text),
            "email": (
                st.from_regex(r"[a-z0-9.+]{1,12}@example\.(org|com)", fullmatch=True),
                st.one_of(text, st.emails()),
            ),
            "role": (st.sampled_from(Role.values), text),
            "time_zone": (
                st.sampled_from(["UTC", "Europe/Berlin", "America/New_York"]),
                choice("Mars/Olympus"),
            ),
        }
    )
)
def test_fuzz_invitation(client, world, data):
    _fuzz(client, world, "recruiter", "user_list", data, "invitation")


NOTIFICATION_KINDS = [kind.key for kind in outbox.opt_out_kinds()] or ["reminder"]


@FUZZ_MORE
@given(
    data=st.fixed_dictionaries(
        {
            "full_name": text,
            "time_zone": choice("UTC", "Europe/Berlin", "Asia/Kolkata", "Mars/Olympus"),
            "notifications": st.lists(st.one_of(st.sampled_from(NOTIFICATION_KINDS), text)),
        }
    ),
    role=st.sampled_from(["recruiter", "manager", "interviewer"]),
)
def test_fuzz_profile(client, world, data, role):
    _fuzz(client, world, role, "profile", data, "profile")


# --- allauth's forms: signing in and resetting a password ------------------------------------
known_or_unknown_email = st.one_of(
    real("@email:recruiter", "@email:manager", "@email:interviewer"),
    st.from_regex(r"[a-z]{1,10}@example\.(org|com)", fullmatch=True),
)


@FUZZ_MORE
@given(data=posts({"email": (known_or_unknown_email, st.one_of(text, st.emails()))}))
def test_fuzz_password_reset(client, world, data):
    """Anonymous: a known or an unknown address both get one well-formed email."""
    _fuzz_url(client, world, None, reverse("account_reset_password"), data, "password_reset")


@FUZZ_MORE
@given(
    data=posts(
        {
            "login": (known_or_unknown_email, st.one_of(text, st.emails())),
            "password": (st.one_of(st.just(FACTORY_PASSWORD), words), text),
            "remember": (st.sampled_from(["", "on"]), text),
        }
    )
)
def test_fuzz_login(client, world, data):
    _fuzz_url(client, world, None, reverse("account_login"), data, "login")


@FUZZ_MORE
@given(
    data=posts(
        {
            "oldpassword": (st.sampled_from([FACTORY_PASSWORD, "wrong"]), text),
            "password1": (words, text),
            "password2": (words, text),
        }
    )
)
def test_fuzz_password_change(client, world, data):
    url = reverse("account_change_password")
    _fuzz_url(client, world, "interviewer", url, data, "password_change")


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


def test_a_nul_character_in_a_cancellation_reason_is_refused_not_a_500(client, world):
    """PostgreSQL refuses NUL in text: the reason is read through a form, which refuses it."""
    _as(client, world, "recruiter")
    url = url_for(world, "debriefs:interview_cancel")
    _post(client, url, {"reason": "Candidate\x00 withdrew"}, "regression")


def test_a_nul_character_in_a_shortlist_answer_is_refused_not_a_500(client, world):
    """PostgreSQL refuses NUL in text: the answer is read through its form, which refuses it."""
    _as(client, world, "manager")
    data = {"decision": "need_info", "reason": "What about\x00 on-call?"}
    _post(client, url_for(world, "candidates:shortlist_entry_decide"), data, "regression")


def test_fuzzing_ran_every_form():
    """Runs last in this module: how many fuzzed posts each form took (see the report)."""
    print("fuzzed posts:", POSTED, "total", sum(POSTED.values()))
    print("accepted:", ACCEPTED, "total", sum(ACCEPTED.values()))
    print("emails checked:", EMAILS_CHECKED, "total", sum(EMAILS_CHECKED.values()))
    assert not POSTED or all(n >= 1 for n in POSTED.values())
