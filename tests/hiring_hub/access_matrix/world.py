"""The access matrix's world: one realistic requisition with its people and objects, the URL
of each matrix row in it (`url_for`), a fingerprint of every row of our apps' tables, and
the two checks every case makes (refused and unchanged; nothing leaked)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from candidates.models import Application
from debriefs import services as debrief_services
from requisitions import partnership
from requisitions import services as requisition_services
from requisitions.models import Requisition
from tests import factories
from tests.hiring_hub.access_matrix.urls import URL_TARGETS, URLS

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


def money(amount: int) -> list[str]:
    digits = str(amount)
    grouped = f"{amount:,}"
    return [digits, grouped, grouped.replace(",", "."), grouped.replace(",", " ")]


COMPENSATION_STRINGS = [s for n in (SALARY_MIN, SALARY_MAX, OFFER_SALARY) for s in money(n)]


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


def complete_scorecard(phrase: str) -> dict:
    """A submittable scorecard that quotes `phrase` (what the leak checks look for)."""
    return factories.scorecard_fields(
        hard_skills=phrase,
        soft_skills="Clear.",
        enthusiasm_signals=phrase,
        team_fit_behaviour="Credited the team.",
    )


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
        fields=complete_scorecard(OTHER_SCORECARD_PHRASE),
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
            "tests/hiring_hub/access_matrix/urls.py with the world object whose pk fills it "
            "(or None for a collection page), so its access rules are checked."
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


def assert_denied(client, url: str, name: str, who: str) -> None:
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


def assert_no_leak(response, url: str, who: str, forbidden: list[str]) -> None:
    if response.status_code != 200 or response.get("Content-Type", "").startswith(
        ("application/pdf", "application/octet")
    ):
        return
    body = response.content.decode("utf-8", "replace")
    leaked = [s for s in forbidden if s in body]
    assert not leaked, f"{who} sees {leaked} on {url}"
