"""The access matrix: every URL of the app × every role that must NOT reach it.

PRODUCT.md: "Hiring managers and interviewers only ever see the requisitions, candidates and
interviews they are part of." This module walks the URL resolver, fills each pattern's
kwargs from one realistic world, and asserts for each URL and role that the wrong people
get 403/404 (or 405 for a method the view does not take), never a 200 or a successful
redirect, and that the database is byte-for-byte unchanged afterwards.

A new URL name fails `test_every_url_is_in_the_matrix` (and its own matrix cases) until it
is added to URL_TARGETS, so no future view can skip the check.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from candidates.models import Application
from debriefs import services as debrief_services
from debriefs.models import Rating, Scorecard
from requisitions import partnership
from requisitions import services as requisition_services
from requisitions.models import Requisition
from tests import factories

# --- 1. Every URL of the app ------------------------------------------------------------
# The unsubscribe link is public by design: its signed token is the credential (tested in
# tests/hiring_hub/test_outbox.py); dev/: DEBUG-only development tools (the mail viewer),
# checked in test_devmail.py.
EXCLUDED_PREFIXES = (
    "accounts/",
    "admin/",
    "healthz",
    "livez",
    "notifications/unsubscribe/",
    "dev/",
)


def _walk(patterns, prefix="", namespace=None, converters=()):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(EXCLUDED_PREFIXES):
            continue
        found = tuple(converters) + tuple(getattr(entry.pattern, "converters", {}))
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            if entry.namespace and namespace:
                ns = f"{namespace}:{entry.namespace}"
            yield from _walk(entry.url_patterns, route, ns, found)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, route, found


URLS = {name: (route, kwargs) for name, route, kwargs in _walk(get_resolver().url_patterns)}

# --- 2. Which object of the world fills each URL's kwargs -------------------------------
# None: a collection page (no object in the URL). Every other value names the world object
# whose pk fills the URL's `pk` (a criterion URL takes its requisition's pk plus its key).
URL_TARGETS: dict[str, str | None] = {
    "home": None,
    "user_list": None,
    "profile": None,
    "navigation_counts": None,
    "requisitions:requisition_list": None,
    "requisitions:requisition_create": None,
    "requisitions:requisition_detail": "requisition",
    "requisitions:requisition_edit": "requisition",
    "requisitions:requisition_transition": "requisition",
    "requisitions:intake_edit": "requisition",
    "requisitions:intake_ics": "requisition",
    "requisitions:criterion_add": "requisition",
    "requisitions:criterion_edit": "criterion",
    "requisitions:criterion_remove": "criterion",
    "requisitions:persona_edit": "requisition",
    "requisitions:criteria_sign_off": "requisition",
    "requisitions:criteria_changes_request": "requisition",
    "requisitions:alignment_meeting_create": "requisition",
    "requisitions:alignment_meeting_edit": "meeting",
    "requisitions:alignment_meeting_ics": "meeting",
    "requisitions:interview_stage_add": "requisition",
    "requisitions:interview_stage_edit": "stage",
    "requisitions:interview_stage_remove": "stage",
    "requisitions:check_in_list": "requisition",
    "requisitions:check_in_detail": "check_in",
    "candidates:candidate_list": None,
    "candidates:candidate_create": None,
    "candidates:candidate_detail": "candidate",
    "candidates:candidate_edit": "candidate",
    "candidates:candidate_add_to_requisition": "candidate",
    "candidates:candidate_export": "candidate",
    "candidates:candidate_erase": "candidate",
    "candidates:resume_download": "candidate",
    "candidates:resume_preview": "candidate",
    "candidates:application_detail": "application",
    "candidates:application_move": "application",
    "candidates:application_board_move": "application",
    "candidates:assessment_edit": "application",
    "candidates:offer_detail": "application",
    "candidates:pipeline": "requisition",
    "candidates:pipeline_csv": "requisition",
    "candidates:shortlist_create": "requisition",
    "candidates:shortlist_inbox": None,
    "candidates:shortlist_detail": "shortlist",
    "candidates:shortlist_review": "shortlist",
    "candidates:shortlist_review_next": "shortlist",
    "candidates:shortlist_entry_form": "entry",
    "candidates:shortlist_entry_decide": "entry",
    "candidates:shortlist_message": "entry",
    "debriefs:interview_list": None,
    "debriefs:interview_schedule_start": None,
    "debriefs:interview_create": "application",
    "debriefs:debrief": "application",
    "debriefs:follow_up": "application",
    "debriefs:thank_you_list": None,
    "debriefs:interview_detail": "interview",
    "debriefs:interview_edit": "interview",
    "debriefs:interview_cancel": "interview",
    "debriefs:interview_ics": "interview",
    "debriefs:scorecard_edit": "interview",
    "debriefs:thank_you_note": "interview",
    "debriefs:thank_you_note_retry": "interview",
    "requisitions:team_profile": "user",
    "requisitions:retrospective": "requisition",
    "requisitions:partnership": "requisition",
    "requisitions:partnership_agreement_edit": "requisition",
    "requisitions:partnership_pulse": "requisition",
    # The signed pulse link of the weekly email, made out to the requisition's manager.
    "requisitions:pulse_answer": "requisition",
    "requisitions:partnership_overview": None,
}

# Interviewers never see offers, compensation, the pipeline, shortlists, the CSV export or
# other candidates' résumés, even when they interview for the requisition (PRODUCT.md).
# "other_candidate" swaps in a candidate of the same requisition they do not interview.
INTERVIEWER_FORBIDDEN: dict[str, str] = {
    "candidates:offer_detail": "application",
    "candidates:pipeline": "requisition",
    "candidates:pipeline_csv": "requisition",
    "candidates:shortlist_create": "requisition",
    "candidates:shortlist_inbox": "",
    "candidates:shortlist_detail": "shortlist",
    "candidates:shortlist_review": "shortlist",
    "candidates:shortlist_review_next": "shortlist",
    "candidates:shortlist_entry_form": "entry",
    "candidates:shortlist_entry_decide": "entry",
    "candidates:shortlist_message": "entry",
    "candidates:resume_download": "other_candidate",
    "candidates:resume_preview": "other_candidate",
    "candidates:candidate_list": "",
    # A candidate's whole record: recruiters and admins only (access.can_export_candidate,
    # can_erase_candidate).
    "candidates:candidate_export": "candidate",
    "candidates:candidate_erase": "candidate",
    "candidates:application_detail": "application",
    "candidates:application_move": "application",
    "candidates:application_board_move": "application",
    "candidates:assessment_edit": "application",
    "requisitions:intake_edit": "requisition",
    # The intake meeting's invite names the people and links the candid intake: the same
    # rule as the intake page (can_see_intake).
    "requisitions:intake_ics": "requisition",
    "requisitions:requisition_edit": "requisition",
    "debriefs:follow_up": "application",
    # The agenda is built from the candid intake (the last person in the role, a hire
    # that failed): recruiters, the hiring manager and the meeting's attendees only.
    "requisitions:alignment_meeting_edit": "meeting",
    "requisitions:alignment_meeting_ics": "meeting",
    # Weekly check-ins report on the whole pipeline: recruiters and the hiring manager.
    "requisitions:check_in_list": "requisition",
    "requisitions:check_in_detail": "check_in",
    # The team profile and the retrospective hold candid lessons (hires that failed), like
    # the intake: recruiters and the hiring manager.
    "requisitions:team_profile": "user",
    "requisitions:retrospective": "requisition",
    # The partnership (promises kept, the pulse, health): the two partners and recruiters.
    "requisitions:partnership": "requisition",
    "requisitions:partnership_agreement_edit": "requisition",
    "requisitions:partnership_pulse": "requisition",
    "requisitions:pulse_answer": "requisition",
    "requisitions:partnership_overview": "",
}

# Pages that are the interviewer's to read: nothing on them may show the offer, the
# salary band or a candidate they do not interview.
SALARY_MIN, SALARY_MAX, OFFER_SALARY = 187_301, 219_403, 163_917
REQUISITION_TITLE = "Zephyr Ledger Lead"
CANDIDATE_NAME = "Quentin Quasar"
SOURCED_NAME = "Sasha Sourcedsson"

# The candid part of the intake (can_see_intake: recruiters and the hiring manager).
INTAKE_SECRETS = ["Left after a re-org", "Yelled at the on-call team"]

# Scorecards: a draft only its author reads; a submitted one is hidden from an
# interviewer of the same candidate until they submitted their own.
DRAFT_PHRASE = "Draft-only musing about the ledger"
OTHER_SCORECARD_PHRASE = "Bea saw a sharded ledger rollout"

DENIED = {403, 404}
DENIED_OR_WRONG_METHOD = {403, 404, 405}


def _money(amount: int) -> list[str]:
    digits = str(amount)
    grouped = f"{amount:,}"
    return [digits, grouped, grouped.replace(",", "."), grouped.replace(",", " ")]


COMPENSATION_STRINGS = [s for n in (SALARY_MIN, SALARY_MAX, OFFER_SALARY) for s in _money(n)]


# --- The world ---------------------------------------------------------------------------
@dataclass
class World:
    recruiter: object
    manager: object
    interviewer: object  # on the requisition's hiring team and on the interview
    team_interviewer: object  # on the hiring team, not on the interview
    second_interviewer: object  # on the interview too, has submitted their scorecard
    outsider_manager: object  # hiring manager of another requisition
    outsider_interviewer: object  # interviews for another requisition only
    team_recruiter: object  # a recruiter on the requisition's hiring team: writes
    other_recruiter: object  # a recruiter not on the requisition: reads, never writes
    objects: dict

    def user(self, role: str):
        return getattr(self, role)


def _complete_scorecard(phrase: str) -> dict:
    return {
        "hard_skills": phrase,
        "soft_skills": "Clear.",
        "skills_evidence_strength": Scorecard.EvidenceStrength.STRONG,
        "enthusiasm": Rating.YES,
        "enthusiasm_signals": phrase,
        "team_fit": Rating.YES,
        "team_fit_behaviour": "Credited the team.",
        "recommendation": Rating.YES,
    }


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _with_resume(candidate):
    candidate.resume.save(f"cv-{candidate.pk}.pdf", ContentFile(PDF), save=False)
    candidate.resume_content_type = "application/pdf"
    candidate.save()
    return candidate


def build_world() -> World:
    now = timezone.now()
    recruiter = factories.RecruiterFactory(full_name="Rita Matrix")
    manager = factories.HiringManagerFactory(full_name="Mona Matrix")
    interviewer = factories.InterviewerFactory(full_name="Ines Matrix")
    team_interviewer = factories.InterviewerFactory(full_name="Tom Teammate")
    second_interviewer = factories.InterviewerFactory(full_name="Bea Second")
    outsider_manager = factories.HiringManagerFactory(full_name="Otto Elsewhere")
    outsider_interviewer = factories.InterviewerFactory(full_name="Olga Elsewhere")
    team_recruiter = factories.RecruiterFactory(full_name="Tara Teamrecruiter")
    other_recruiter = factories.RecruiterFactory(full_name="Rex Otherdesk")

    # Another search the outsiders are genuinely part of.
    elsewhere = factories.RequisitionFactory(
        title="Elsewhere Analyst",
        recruiter=recruiter,
        hiring_manager=outsider_manager,
        hiring_team=[outsider_interviewer],
    )
    factories.InterviewStageFactory(requisition=elsewhere, interviewers=[outsider_interviewer])

    requisition = factories.RequisitionFactory(
        title=REQUISITION_TITLE,
        recruiter=recruiter,
        hiring_manager=manager,
        hiring_team=[interviewer, team_interviewer, second_interviewer, team_recruiter],
        status=Requisition.Status.INTERVIEWING,
        salary_min=SALARY_MIN,
        salary_max=SALARY_MAX,
        salary_currency="EUR",
    )
    requisition_services.intake_update(
        requisition=requisition,
        actor=recruiter,
        meeting_at=now + dt.timedelta(days=2),
        last_person_in_role="Left after a re-org; candid talk only.",
        past_hire_not_worked="Yelled at the on-call team.",
    )
    version = factories.CriteriaVersionFactory(requisition=requisition, number=1)
    criterion = factories.CriterionFactory(version=version, name="Ledger design", order=1)
    meeting = requisition_services.alignment_meeting_schedule(
        requisition=requisition, actor=recruiter, scheduled_at=now + dt.timedelta(days=1)
    )
    stage = factories.InterviewStageFactory(
        requisition=requisition,
        name="Technical",
        order=1,
        interviewers=[interviewer, second_interviewer],
        criterion_keys=[str(criterion.key)],
    )

    candidate = _with_resume(
        factories.CandidateFactory(full_name=CANDIDATE_NAME, email="quentin@example.org")
    )
    application = factories.ShortlistedApplicationFactory(
        requisition=requisition, candidate=candidate, created_by=recruiter
    )
    factories.AssessmentFactory(application=application, criterion=criterion, assessed_by=recruiter)
    shortlist = factories.ShortlistFactory(
        requisition=requisition, criteria_version=version, number=1
    )
    entry = factories.ShortlistEntryFactory(shortlist=shortlist, application=application)
    interview = debrief_services.interview_schedule(
        application=application,
        stage=stage,
        starts_at=now - dt.timedelta(hours=3),
        ends_at=now - dt.timedelta(hours=2),
        actor=recruiter,
        location="Room 4",
    )  # a draft scorecard for the interviewer, a thank-you note draft
    application.refresh_from_db()
    # Independence: the interviewer's draft is theirs alone, and they read the other
    # interviewer's submitted scorecard only once they submitted their own.
    debrief_services.scorecard_save_draft(
        scorecard=interview.scorecards.get(interviewer=interviewer),
        actor=interviewer,
        fields={"hard_skills": DRAFT_PHRASE, "enthusiasm_signals": DRAFT_PHRASE},
    )
    debrief_services.scorecard_submit(
        scorecard=interview.scorecards.get(interviewer=second_interviewer),
        actor=second_interviewer,
        fields=_complete_scorecard(OTHER_SCORECARD_PHRASE),
    )
    factories.OfferFactory(
        application=application, base_salary=OFFER_SALARY, currency="EUR", created_by=recruiter
    )

    # This week's check-in, compiled (sent) and with the recruiter's note.
    week = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    requisition_services.check_in_note_save(
        requisition=requisition, week_start=week, note="Two strong candidates.", actor=recruiter
    )
    check_in = requisition_services.check_in_compile(
        requisition=requisition, week_start=week, now=now
    )

    # A candidate still at `sourced`: nobody but recruiters may see them yet.
    sourced = _with_resume(
        factories.CandidateFactory(full_name=SOURCED_NAME, email="sasha@example.org")
    )
    sourced_application = factories.ApplicationFactory(
        requisition=requisition,
        candidate=sourced,
        stage=Application.Stage.SOURCED,
        created_by=recruiter,
    )

    # A candidate on no requisition yet: the shared pool.
    pooled = factories.CandidateFactory(full_name="Paula Pool", email="paula@example.org")

    return World(
        team_recruiter=team_recruiter,
        other_recruiter=other_recruiter,
        recruiter=recruiter,
        manager=manager,
        interviewer=interviewer,
        team_interviewer=team_interviewer,
        second_interviewer=second_interviewer,
        outsider_manager=outsider_manager,
        outsider_interviewer=outsider_interviewer,
        objects={
            "requisition": requisition,
            "criterion": criterion,
            "meeting": meeting,
            "stage": stage,
            "candidate": candidate,
            "application": application,
            "shortlist": shortlist,
            "entry": entry,
            "interview": interview,
            "check_in": check_in,
            "sourced_candidate": sourced,
            "sourced_application": sourced_application,
            "pooled_candidate": pooled,
            # The requisition's hiring manager, whose team profile the matrix opens.
            "user": manager,
        },
    )


def url_for(world: World, name: str, *, candidate="candidate", application="application") -> str:
    """Reverse `name` with kwargs taken from the world (see URL_TARGETS)."""
    if name not in URL_TARGETS:
        pytest.fail(
            f"URL {name!r} is not in the access matrix: add it to URL_TARGETS in "
            f"{__name__} with the world object whose pk fills it (or None for a "
            f"collection page), so its access rules are checked."
        )
    target = URL_TARGETS[name]
    objects = dict(world.objects)
    objects["candidate"] = objects[candidate]
    objects["application"] = objects[application]
    kwargs = {}
    for kwarg in URLS[name][1]:
        if kwarg == "key":
            kwargs["key"] = objects["criterion"].key
        elif kwarg == "pk":
            kwargs["pk"] = (
                objects["requisition"].pk if target == "criterion" else objects[target].pk
            )
        elif kwarg.endswith("_pk"):
            kwargs[kwarg] = objects[kwarg.removesuffix("_pk")].pk
        elif kwarg == "token":
            kwargs["token"] = partnership.pulse_token(
                requisition=objects[target],
                person=world.manager,
                week_start=timezone.localdate(),
                mood="on_track",
            )
        else:
            pytest.fail(f"URL {name!r}: no rule fills the kwarg {kwarg!r}")
    return reverse(name, kwargs=kwargs)


def _tables() -> list[tuple[str, str]]:
    """(table, SELECT statement) for every table of our apps, M2M tables included."""
    qn = connection.ops.quote_name
    tables = []
    for label in ("hiring_hub", "requisitions", "candidates", "debriefs"):
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            columns = ", ".join(
                qn(f.column) for f in model._meta.concrete_fields if f.attname != "last_login"
            )
            table = model._meta.db_table
            pk = qn(model._meta.pk.column)
            tables.append((table, f"SELECT {columns} FROM {qn(table)} ORDER BY {pk}"))
    return tables


TABLES = _tables()


def fingerprint() -> dict:
    """Every row of every table of our apps (minus login times): raw SQL, as this runs
    twice in most of the matrix's cases."""
    with connection.cursor() as cursor:
        state = {}
        for table, sql in TABLES:
            cursor.execute(sql)
            state[table] = cursor.fetchall()
    return state


@pytest.fixture(scope="module")
def _module_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module inside a transaction that is rolled back at the end; each
    test runs in its own savepoint on top of it (pytest-django's `db`), so a test that did
    change data cannot leak it into the next one."""
    media = tmp_path_factory.mktemp("matrix-media")
    hasher = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with override_settings(PASSWORD_HASHERS=hasher, MEDIA_ROOT=media):
                world = build_world()
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def world(_module_world, db):
    # conftest gives every test a fresh MEDIA_ROOT: put the résumé files back there.
    for key in ("candidate", "sourced_candidate"):
        name = _module_world.objects[key].resume.name
        default_storage.save(name, ContentFile(PDF))
    return _module_world


def _assert_denied(client, url: str, name: str, who: str) -> None:
    """GET and an empty POST both refused (405: the view does not take that method), and
    the database unchanged."""
    before = fingerprint()
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        assert response.status_code in DENIED_OR_WRONG_METHOD, (
            f"{who} got {response.status_code} on {method.upper()} {url} ({name}); "
            f"expected 403 or 404"
        )
    assert fingerprint() == before, f"{who}'s requests to {url} ({name}) changed the database"


def _assert_no_leak(response, url: str, who: str, forbidden: list[str]) -> None:
    if response.status_code != 200 or response.get("Content-Type", "").startswith(
        ("application/pdf", "application/octet")
    ):
        return
    body = response.content.decode("utf-8", "replace")
    leaked = [s for s in forbidden if s in body]
    assert not leaked, f"{who} sees {leaked} on {url}"


ALL_NAMES = sorted(set(URLS) | set(URL_TARGETS))
OBJECT_NAMES = [n for n in ALL_NAMES if URL_TARGETS.get(n, "?") is not None]
CANDIDATE_NAMES = [n for n in ALL_NAMES if URL_TARGETS.get(n) in ("candidate", "application")]


# --- The mapping is complete ---------------------------------------------------------------
def test_every_url_is_in_the_matrix():
    unknown = sorted(set(URLS) - set(URL_TARGETS))
    assert not unknown, (
        f"New URL names without an access-matrix entry: {unknown}. Add each to URL_TARGETS "
        f"in {__name__} (and to INTERVIEWER_FORBIDDEN if interviewers must not reach it)."
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
# Whose page it is, where that is not the owning recruiter.
OWNER = {
    "candidates:shortlist_review": "manager",
    "candidates:shortlist_review_next": "manager",
    "candidates:shortlist_entry_form": "manager",
    "debriefs:scorecard_edit": "interviewer",
    "requisitions:pulse_answer": "manager",
}


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


# --- (b) outsiders: a hiring manager and an interviewer of another requisition --------------
@pytest.mark.parametrize("role", ["outsider_manager", "outsider_interviewer"])
@pytest.mark.parametrize("name", ALL_NAMES)
def test_outsider_is_refused(client, world, name, role):
    user = world.user(role)
    client.force_login(user)
    url = url_for(world, name)
    if URL_TARGETS.get(name) is not None:
        _assert_denied(client, url, name, role)
        return
    # A collection page: it may open, but shows none of this requisition's people, and an
    # empty POST changes nothing.
    before = fingerprint()
    response = client.get(url)
    assert response.status_code in (200, 302, 403, 405), response.status_code
    _assert_no_leak(
        response, url, role, [REQUISITION_TITLE, CANDIDATE_NAME, SOURCED_NAME, "Ines Matrix"]
    )
    response = client.post(url)
    assert response.status_code in (200, 400, 403, 405), (
        f"{role} POST {url} answered {response.status_code}"
    )
    assert fingerprint() == before, f"{role}'s empty POST to {url} changed the database"


# --- (c) an interviewer on the interview: no offers, compensation, pipeline, shortlists ---------
@pytest.mark.parametrize("name", ALL_NAMES)
def test_interviewer_on_the_interview(client, world, name):
    client.force_login(world.interviewer)
    if name in INTERVIEWER_FORBIDDEN:
        swap = INTERVIEWER_FORBIDDEN[name] == "other_candidate"
        url = (
            url_for(world, name, candidate="sourced_candidate", application="sourced_application")
            if swap
            else url_for(world, name)
        )
        _assert_denied(client, url, name, "interviewer")
        return
    # What they may read shows neither money nor candidates they do not interview, and
    # (their own scorecard aside) an empty POST changes nothing.
    url = url_for(world, name)
    response = client.get(url)
    if name != "debriefs:scorecard_edit":
        before = fingerprint()
        assert client.post(url).status_code != 500
        assert fingerprint() == before, f"the interviewer's empty POST to {url} wrote"
    _assert_no_leak(
        response,
        url,
        "interviewer",
        [*COMPENSATION_STRINGS, *INTAKE_SECRETS, SOURCED_NAME, OTHER_SCORECARD_PHRASE],
    )


# --- (b') a member of the hiring team who is not on the interview -----------------------------
# They see the requisition (its plan, its criteria), but no candidate, application,
# shortlist or interview they are not part of.
PEOPLE_KINDS = ("candidate", "application", "shortlist", "entry", "interview")
PEOPLE_NAMES = [n for n in ALL_NAMES if URL_TARGETS.get(n) in PEOPLE_KINDS]


@pytest.mark.parametrize("name", PEOPLE_NAMES)
def test_team_interviewer_not_on_the_interview_is_refused(client, world, name):
    client.force_login(world.team_interviewer)
    _assert_denied(client, url_for(world, name), name, "team interviewer")


def test_interviewer_who_submitted_still_sees_no_money(client, world):
    """Submitting opens the debrief and the other scorecards, never the offer."""
    interview = world.objects["interview"]
    scorecard = interview.scorecards.get(interviewer=world.interviewer)
    debrief_services.scorecard_submit(
        scorecard=scorecard,
        actor=world.interviewer,
        fields=_complete_scorecard("Designed a double-entry ledger."),
    )
    client.force_login(world.interviewer)
    assert client.get(url_for(world, "debriefs:debrief")).status_code == 200
    for name in ALL_NAMES:
        if name in INTERVIEWER_FORBIDDEN:
            continue
        url = url_for(world, name)
        _assert_no_leak(
            client.get(url),
            url,
            "interviewer (submitted)",
            [*COMPENSATION_STRINGS, *INTAKE_SECRETS, SOURCED_NAME],
        )
    for name in ("candidates:offer_detail", "candidates:pipeline", "candidates:pipeline_csv"):
        assert client.get(url_for(world, name)).status_code in DENIED, name
    # They read the debrief; deciding it is the recruiter's and the manager's.
    before = fingerprint()
    response = client.post(url_for(world, "debriefs:debrief"), {"decision": "advance"})
    assert response.status_code == 403
    assert fingerprint() == before
    # ...and now they do read the other interviewer's scorecard.
    assert OTHER_SCORECARD_PHRASE in client.get(url_for(world, "debriefs:debrief")).content.decode()


def test_second_interviewer_never_sees_a_draft(client, world):
    client.force_login(world.second_interviewer)
    for name in ALL_NAMES:
        url = url_for(world, name)
        _assert_no_leak(client.get(url), url, "second interviewer", [DRAFT_PHRASE])


@pytest.mark.parametrize(
    "role, name, text",
    [
        ("recruiter", "candidates:offer_detail", _money(OFFER_SALARY)),
        ("manager", "requisitions:requisition_detail", _money(SALARY_MIN)),
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
    _assert_no_leak(response, url, "other manager", [REQUISITION_TITLE, *COMPENSATION_STRINGS])
    for name in ALL_NAMES:
        if URL_TARGETS.get(name) in ("application", "interview", "shortlist", "entry"):
            _assert_denied(client, url_for(world, name), name, "other manager")


@pytest.mark.parametrize("name", ["candidates:pipeline", "candidates:pipeline_csv"])
@pytest.mark.parametrize(
    "query", ["?stage=sourced", "?q=Sasha", "?view=board", "?view=board&stage=sourced"]
)
def test_manager_pipeline_filters_never_reach_a_sourced_candidate(client, world, name, query):
    client.force_login(world.manager)
    url = url_for(world, name) + query
    response = client.get(url)
    assert response.status_code == 200
    _assert_no_leak(response, url, "hiring manager", [SOURCED_NAME, "sasha@example.org"])


# --- (e) the requisition's hiring manager co-owns, but the recruiter writes -----------------
# The manager reads their search, answers shortlists, approves offers and decides debriefs;
# everything below is the recruiter's (or the interviewer's own scorecard).
MANAGER_CANNOT: list[str] = [
    "user_list",
    "requisitions:requisition_create",
    "requisitions:requisition_edit",
    "requisitions:requisition_transition",
    "requisitions:criterion_add",
    "requisitions:criterion_edit",
    "requisitions:criterion_remove",
    "requisitions:persona_edit",
    "requisitions:alignment_meeting_create",
    "requisitions:interview_stage_add",
    "requisitions:interview_stage_edit",
    "requisitions:interview_stage_remove",
    "candidates:candidate_list",
    "candidates:candidate_create",
    "candidates:candidate_edit",
    "candidates:candidate_add_to_requisition",
    "candidates:candidate_export",
    "candidates:candidate_erase",
    "candidates:application_move",
    "candidates:application_board_move",
    "candidates:assessment_edit",
    "candidates:shortlist_create",
    "debriefs:interview_schedule_start",
    "debriefs:interview_create",
    "debriefs:interview_edit",
    "debriefs:interview_cancel",
    "debriefs:scorecard_edit",
    "debriefs:thank_you_list",
    "debriefs:thank_you_note",
    "debriefs:thank_you_note_retry",
    "requisitions:partnership_agreement_edit",
]


@pytest.mark.parametrize("name", MANAGER_CANNOT)
def test_manager_cannot_do_the_recruiters_writes(client, world, name):
    client.force_login(world.manager)
    _assert_denied(client, url_for(world, name), name, "hiring manager")


@pytest.mark.parametrize("action", ["terms", "verbal", "written", "note", "outcome"])
def test_manager_cannot_run_the_offer(client, world, action):
    """The manager chooses and approves; the recruiter leads the negotiation."""
    client.force_login(world.manager)
    url = url_for(world, "candidates:offer_detail")
    assert client.get(url).status_code == 200
    before = fingerprint()
    data = {"action": action, "base_salary": "1", "currency": "EUR", "body": "x"}
    assert client.post(url, data).status_code == 403
    assert fingerprint() == before


# --- (d) the requisition's hiring manager: not before the shortlist ------------------------------
@pytest.mark.parametrize("name", CANDIDATE_NAMES)
def test_manager_cannot_reach_a_sourced_candidate(client, world, name):
    client.force_login(world.manager)
    url = url_for(world, name, candidate="sourced_candidate", application="sourced_application")
    _assert_denied(client, url, name, "hiring manager")


@pytest.mark.parametrize("name", ALL_NAMES)
def test_manager_pages_never_show_a_sourced_candidate(client, world, name):
    client.force_login(world.manager)
    url = url_for(world, name)
    response = client.get(url)
    assert response.status_code != 500
    _assert_no_leak(
        response, url, "hiring manager", [SOURCED_NAME, "sasha@example.org", DRAFT_PHRASE]
    )


# --- Holes the matrix found (focused regressions) -------------------------------------------
def test_team_interviewer_cannot_read_the_alignment_meeting(client, world):
    """Its agenda quotes the candid intake; the detail page does not link to it either."""
    meeting = world.objects["meeting"]
    assert "Left after a re-org" in meeting.agenda
    client.force_login(world.interviewer)
    edit = reverse("requisitions:alignment_meeting_edit", kwargs={"pk": meeting.pk})
    ics = reverse("requisitions:alignment_meeting_ics", kwargs={"pk": meeting.pk})
    assert client.get(edit).status_code == 403
    assert client.get(ics).status_code == 403
    detail = client.get(url_for(world, "requisitions:requisition_detail"))
    assert detail.status_code == 200
    assert edit not in detail.content.decode()


def test_interviewer_invited_to_the_alignment_meeting_reads_it(client, world):
    meeting = world.objects["meeting"]
    meeting.attendees.add(world.interviewer)
    client.force_login(world.interviewer)
    edit = reverse("requisitions:alignment_meeting_edit", kwargs={"pk": meeting.pk})
    assert client.get(edit).status_code == 200
    ics = reverse("requisitions:alignment_meeting_ics", kwargs={"pk": meeting.pk})
    assert client.get(ics).status_code == 200
    assert edit in client.get(url_for(world, "requisitions:requisition_detail")).content.decode()
    # Reading is not editing: the owning recruiter edits.
    assert client.post(edit, {"agenda": "x"}).status_code == 403


def test_fingerprint_sees_a_change(world):
    """Control: the "nothing changed" assertions above would catch a write."""
    before = fingerprint()
    Application.objects.filter(pk=world.objects["application"].pk).update(
        next_update_promised_by=dt.date(2031, 1, 2)
    )
    assert fingerprint() != before


# --- (f) one write rule: a recruiter not on the requisition reads, never writes -------------
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
        "candidates:offer_detail": ({"action": "note", "body": "Asked for equity"}, ""),
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
        "debriefs:thank_you_note": ({"action": "mark_sent"}, ""),
    }


PIPELINE_WRITES = [
    "candidates:candidate_edit",
    "candidates:candidate_add_to_requisition",
    "candidates:application_move",
    "candidates:application_board_move",
    "candidates:assessment_edit",
    "candidates:pipeline",
    "candidates:shortlist_create",
    "candidates:offer_detail",
    "debriefs:interview_cancel",
    "debriefs:interview_edit",
    "debriefs:interview_create",
    "debriefs:debrief",
    "debriefs:follow_up",
    "debriefs:thank_you_note",
]

# Read pages of the requisition's search the other recruiter still opens.
OTHER_RECRUITER_READS = [
    "requisitions:requisition_detail",
    "requisitions:intake_edit",
    "requisitions:intake_ics",
    "candidates:candidate_detail",
    "candidates:resume_download",
    "candidates:resume_preview",
    "candidates:application_detail",
    "candidates:offer_detail",
    "candidates:pipeline",
    "candidates:pipeline_csv",
    "candidates:shortlist_detail",
    "debriefs:interview_detail",
    "debriefs:interview_ics",
    "debriefs:debrief",
    "debriefs:follow_up",
    "debriefs:thank_you_note",
    "debriefs:thank_you_list",
    "debriefs:interview_list",
    "candidates:shortlist_inbox",
    "requisitions:team_profile",
    "requisitions:retrospective",
]

# Writes of other rules the other recruiter is refused too (the owning recruiter's
# requisition, the manager's answers, the interviewer's own scorecard).
OTHER_RECRUITER_DENIED = [
    "requisitions:requisition_edit",
    "requisitions:requisition_transition",
    "requisitions:criterion_add",
    "requisitions:criterion_edit",
    "requisitions:criterion_remove",
    "requisitions:persona_edit",
    "requisitions:alignment_meeting_create",
    "requisitions:interview_stage_add",
    "requisitions:interview_stage_edit",
    "requisitions:interview_stage_remove",
    "candidates:shortlist_review",
    "candidates:shortlist_review_next",
    "candidates:shortlist_entry_decide",
    "candidates:shortlist_message",
    "debriefs:scorecard_edit",
    # Erasing is an admin's or the candidate's own recruiters' call (can_erase_candidate).
    "candidates:candidate_erase",
    # The manager and the recruiters they work with edit the team profile; each person
    # answers their own retrospective.
    "requisitions:team_profile",
    "requisitions:retrospective",
]


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
        ("candidates:offer_detail", 'value="note"'),
        ("debriefs:follow_up", 'name="channel"'),
        ("debriefs:thank_you_note", 'value="mark_sent"'),
        ("candidates:pipeline", 'name="applications"'),
    ],
)
def test_recruiter_not_on_the_requisition_sees_no_write_controls(client, world, name, button):
    marker = url_for(world, button) if ":" in button else button
    client.force_login(world.other_recruiter)
    assert marker not in client.get(url_for(world, name)).content.decode()
    client.force_login(world.team_recruiter)
    assert marker in client.get(url_for(world, name)).content.decode()


def test_interviewer_not_invited_cannot_download_the_intake_meeting(client, world):
    """The intake .ics (title, time, attendees' names and emails) follows the intake page."""
    intake = world.objects["requisition"].intake
    intake.meeting_attendees.add(world.recruiter)
    for role in ("interviewer", "team_interviewer", "second_interviewer", "outsider_interviewer"):
        client.force_login(world.user(role))
        assert client.get(url_for(world, "requisitions:intake_edit")).status_code in DENIED
        assert client.get(url_for(world, "requisitions:intake_ics")).status_code in DENIED
    client.force_login(world.manager)
    assert client.get(url_for(world, "requisitions:intake_ics")).status_code == 200
