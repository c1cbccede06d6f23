"""Every service that takes an actor enforces the hiring_hub.access rule its view checks, so
a task, the admin or a shell cannot do what the page refuses. The list is found by
introspection: a new service with an `actor` fails `test_every_actor_service_is_walked`
until it is added to CALLS with an actor its rule refuses."""

import datetime as dt
import inspect

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from candidates import services as candidate_services
from candidates.models import Application, Offer
from debriefs import services as debrief_services
from debriefs.models import Rating, Scorecard, ThankYouNote
from tests.hiring_hub.access_matrix import World, build_world, fingerprint

pytestmark = pytest.mark.django_db
cs, ds = candidate_services, debrief_services


def actor_services() -> set[str]:
    found = set()
    for module in (cs, ds):
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if not function.__module__.startswith(module.__name__) or name.startswith("_"):
                continue
            if "actor" in inspect.signature(function).parameters:
                found.add(f"{module.__name__}.{name}")
    return found


def _scorecard(w: World) -> Scorecard:
    return w.objects["interview"].scorecards.get(interviewer=w.interviewer)


def _submitted(w: World) -> Scorecard:
    return w.objects["interview"].scorecards.get(interviewer=w.second_interviewer)


def _note(w: World) -> ThankYouNote:
    return ThankYouNote.objects.get(interview=w.objects["interview"])


def _offer(w: World) -> Offer:
    return Offer.objects.get(application=w.objects["application"])


SOON = timezone.now() + dt.timedelta(days=3)

# service -> (the role its rule refuses, the call). The other recruiter is the interesting
# actor: a recruiter, but not on the requisition (access.can_change_pipeline).
CALLS = {
    "candidates.services.candidate_create": (
        "interviewer",
        lambda w, a: cs.candidate_create(actor=a, full_name="New Person", email="np@example.org"),
    ),
    "candidates.services.candidate_update": (
        "other_recruiter",
        lambda w, a: cs.candidate_update(candidate=w.objects["candidate"], actor=a, notes="x"),
    ),
    "candidates.services.application_create": (
        "other_recruiter",
        lambda w, a: cs.application_create(
            candidate=w.objects["pooled_candidate"], requisition=w.objects["requisition"], actor=a
        ),
    ),
    "candidates.services.application_move": (
        "other_recruiter",
        lambda w, a: cs.application_move(
            application=w.objects["sourced_application"], to_stage="screening", actor=a
        ),
    ),
    "candidates.services.application_bulk_move": (
        "other_recruiter",
        lambda w, a: cs.application_bulk_move(
            applications=[w.objects["sourced_application"]], to_stage="screening", actor=a
        ),
    ),
    "candidates.services.assessment_save": (
        "other_recruiter",
        lambda w, a: cs.assessment_save(
            application=w.objects["application"],
            actor=a,
            ratings={w.objects["criterion"].pk: ("meets", "Seen")},
        ),
    ),
    "candidates.services.shortlist_submit": (
        "other_recruiter",
        lambda w, a: cs.shortlist_submit(
            requisition=w.objects["requisition"],
            applications=[w.objects["sourced_application"]],
            note="n",
            actor=a,
        ),
    ),
    "candidates.services.shortlist_entry_decide": (
        "other_recruiter",
        lambda w, a: cs.shortlist_entry_decide(
            entry=w.objects["entry"], actor=a, decision="advance"
        ),
    ),
    "candidates.services.shortlist_message_post": (
        "other_recruiter",
        lambda w, a: cs.shortlist_message_post(entry=w.objects["entry"], actor=a, body="Hello"),
    ),
    "candidates.services.offer_create": (
        "other_recruiter",
        lambda w, a: cs.offer_create(
            application=w.objects["application"], actor=a, base_salary=1, currency="EUR"
        ),
    ),
    "candidates.services.offer_update": (
        "other_recruiter",
        lambda w, a: cs.offer_update(offer=_offer(w), actor=a, base_salary=2),
    ),
    "candidates.services.offer_approve": (
        "other_recruiter",
        lambda w, a: cs.offer_approve(offer=_offer(w), actor=a),
    ),
    "candidates.services.offer_verbal_record": (
        "other_recruiter",
        lambda w, a: cs.offer_verbal_record(
            offer=_offer(w), actor=a, made_at=timezone.now(), outcome="positive"
        ),
    ),
    "candidates.services.offer_written_send": (
        "other_recruiter",
        lambda w, a: cs.offer_written_send(offer=_offer(w), actor=a, sent_at=timezone.now()),
    ),
    "candidates.services.offer_negotiation_note_add": (
        "other_recruiter",
        lambda w, a: cs.offer_negotiation_note_add(offer=_offer(w), actor=a, body="More equity"),
    ),
    "candidates.services.offer_accept": (
        "other_recruiter",
        lambda w, a: cs.offer_accept(offer=_offer(w), actor=a),
    ),
    "candidates.services.offer_decline": (
        "other_recruiter",
        lambda w, a: cs.offer_decline(offer=_offer(w), actor=a, reason="Counter-offer"),
    ),
    "debriefs.services.interview_schedule": (
        "other_recruiter",
        lambda w, a: ds.interview_schedule(
            application=w.objects["application"],
            stage=w.objects["stage"],
            starts_at=SOON,
            ends_at=SOON + dt.timedelta(hours=1),
            actor=a,
        ),
    ),
    "debriefs.services.interview_reschedule": (
        "other_recruiter",
        lambda w, a: ds.interview_reschedule(
            interview=w.objects["interview"],
            starts_at=SOON,
            ends_at=SOON + dt.timedelta(hours=1),
            actor=a,
        ),
    ),
    "debriefs.services.interview_cancel": (
        "other_recruiter",
        lambda w, a: ds.interview_cancel(interview=w.objects["interview"], actor=a),
    ),
    "debriefs.services.scorecard_save_draft": (
        "other_recruiter",
        lambda w, a: ds.scorecard_save_draft(scorecard=_scorecard(w), actor=a, fields={}),
    ),
    "debriefs.services.scorecard_submit": (
        "second_interviewer",
        lambda w, a: ds.scorecard_submit(scorecard=_scorecard(w), actor=a, fields={}),
    ),
    "debriefs.services.scorecard_amend": (
        "interviewer",
        lambda w, a: ds.scorecard_amend(
            scorecard=_submitted(w), actor=a, reason="r", fields={"enthusiasm": Rating.NO}
        ),
    ),
    "debriefs.services.debrief_decide": (
        "other_recruiter",
        lambda w, a: ds.debrief_decide(
            application=w.objects["application"], decision="hold", rationale="Wait", actor=a
        ),
    ),
    "debriefs.services.thank_you_note_update": (
        "other_recruiter",
        lambda w, a: ds.thank_you_note_update(note=_note(w), subject="S", body="B", actor=a),
    ),
    "debriefs.services.thank_you_note_send": (
        "other_recruiter",
        lambda w, a: ds.thank_you_note_send(note=_note(w), actor=a),
    ),
    "debriefs.services.thank_you_note_mark_sent": (
        "other_recruiter",
        lambda w, a: ds.thank_you_note_mark_sent(note=_note(w), actor=a),
    ),
    "debriefs.services.thank_you_note_retry": (
        "other_recruiter",
        lambda w, a: ds.thank_you_note_retry(note=_note(w), actor=a),
    ),
    "debriefs.services.follow_up_record": (
        "other_recruiter",
        lambda w, a: ds.follow_up_record(
            application=w.objects["application"], channel="call", body="Told them", actor=a
        ),
    ),
}

# Who else each rule refuses, beyond the role named in CALLS: everyone outside the search.
OUTSIDERS = ("outsider_manager", "outsider_interviewer")


@pytest.fixture
def world(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path
    return build_world()


def test_every_actor_service_is_walked():
    found = actor_services()
    assert len(found) >= 25
    assert found == set(CALLS), (
        f"not walked: {sorted(found - set(CALLS))}; gone: {sorted(set(CALLS) - found)}"
    )


@pytest.mark.parametrize("service", sorted(CALLS))
def test_service_refuses_an_actor_its_rule_refuses(world, service):
    role, call = CALLS[service]
    for who in (role, *OUTSIDERS):
        before = fingerprint()
        with pytest.raises(PermissionDenied):
            call(world, world.user(who))
        assert fingerprint() == before, f"{service} wrote for {who}"


def test_the_hiring_team_recruiter_passes_the_rule(world):
    """Control: the refusals above are the rule's, not a broken call."""
    application = world.objects["sourced_application"]
    moved = cs.application_move(
        application=application, to_stage="screening", actor=world.team_recruiter
    )
    assert moved.stage == Application.Stage.SCREENING
    ds.thank_you_note_mark_sent(note=_note(world), actor=world.team_recruiter)
    record = ds.debrief_decide(
        application=world.objects["application"],
        decision="hold",
        rationale="Wait",
        actor=world.team_recruiter,
    )
    assert record.decided_by == world.team_recruiter
