"""Races between two users acting at once, on PostgreSQL with real transactions: each thread
has its own database connection. The first thread calls the service and keeps its
transaction (and its locks) open for a moment; the second calls while it is open. A service
that locks what it reads makes the second wait and then see the first one's result; without
the lock it would decide on stale rows. SQLite has no row locks: skipped there."""

import datetime as dt
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from candidates import services as candidate_services
from candidates.models import Application, Offer
from debriefs import services as debrief_services
from debriefs.models import DebriefDecision
from requisitions import services as requisition_services
from requisitions.models import Requisition
from tests import factories

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (no-op on SQLite)"
    ),
]
HOLD = 0.6  # seconds the first transaction stays open after its call returned


def race(first, second) -> tuple[object, object, float]:
    """Run `first` in a transaction held open HOLD seconds after it returns, and `second`
    as soon as `first` has returned. Return both results (or the exception raised) and how
    long `second` took."""
    results: dict[str, object] = {}
    first_called = threading.Event()

    def run_first():
        try:
            with transaction.atomic():
                results["first"] = first()
                first_called.set()
                time.sleep(HOLD)
        except Exception as exc:  # noqa: BLE001 (the test inspects it)
            results["first"] = exc
        finally:
            first_called.set()
            connection.close()

    def run_second():
        first_called.wait(10)
        started = time.perf_counter()
        try:
            with transaction.atomic():
                results["second"] = second()
        except Exception as exc:  # noqa: BLE001
            results["second"] = exc
        finally:
            results["waited"] = time.perf_counter() - started
            connection.close()

    threads = [threading.Thread(target=run_first), threading.Thread(target=run_second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results["first"], results["second"], results["waited"]


def _written_offer(requisition) -> Offer:
    now = timezone.now()
    return factories.OfferFactory(
        application=factories.ApplicationFactory(
            requisition=requisition, stage=Application.Stage.OFFER
        ),
        approved_at=now,
        verbal_offer_at=now,
        verbal_outcome=Offer.VerbalOutcome.POSITIVE,
        written_sent_at=now,
    )


def test_two_acceptances_at_headcount_two_fill_the_requisition(recruiter):
    # given a search for two people at the offer stage, with two written offers out
    requisition = factories.RequisitionFactory(
        recruiter=recruiter, headcount=2, status=Requisition.Status.OFFER
    )
    first_offer, second_offer = _written_offer(requisition), _written_offer(requisition)
    # when both candidates' acceptances are recorded at the same moment
    first, second, waited = race(
        lambda: candidate_services.offer_accept(offer=first_offer, actor=recruiter),
        lambda: candidate_services.offer_accept(offer=second_offer, actor=recruiter),
    )
    # then both are hired, the second counted the first, and the search is filled
    assert isinstance(first, Offer) and isinstance(second, Offer), (first, second)
    assert waited >= HOLD * 0.8, "the second acceptance did not wait for the requisition lock"
    requisition.refresh_from_db()
    assert requisition.applications.filter(stage=Application.Stage.HIRED).count() == 2
    assert requisition.status == Requisition.Status.FILLED


def test_a_debrief_decided_twice_at_once_is_decided_once(recruiter, hiring_manager):
    # given an application in interviews
    requisition = factories.RequisitionFactory(recruiter=recruiter, hiring_manager=hiring_manager)
    application = factories.ApplicationFactory(
        requisition=requisition, stage=Application.Stage.INTERVIEWING, created_by=recruiter
    )
    factories.InterviewFactory(
        application=application, starts_at=timezone.now() - dt.timedelta(hours=2)
    )
    # when the recruiter rejects while the manager puts the candidate on hold
    first, second, waited = race(
        lambda: debrief_services.debrief_decide(
            application=application, decision="reject", rationale="No depth", actor=recruiter
        ),
        lambda: debrief_services.debrief_decide(
            application=application, decision="hold", rationale="Wait", actor=hiring_manager
        ),
    )
    # then the second decision waited, saw the rejection, and was refused
    assert isinstance(first, DebriefDecision), first
    assert isinstance(second, ValidationError), second
    assert "already rejected" in second.messages[0]
    assert waited >= HOLD * 0.8
    assert DebriefDecision.objects.filter(application=application).count() == 1


def test_two_stages_added_at_once_get_distinct_positions(recruiter):
    requisition = factories.RequisitionFactory(recruiter=recruiter)
    first, second, waited = race(
        lambda: requisition_services.interview_stage_add(
            requisition=requisition, actor=recruiter, name="Technical"
        ),
        lambda: requisition_services.interview_stage_add(
            requisition=requisition, actor=recruiter, name="Culture"
        ),
    )
    assert not isinstance(first, Exception) and not isinstance(second, Exception), (first, second)
    assert waited >= HOLD * 0.8
    assert sorted(s.order for s in requisition.interview_stages.all()) == [0, 1]


def test_the_database_refuses_two_stages_at_one_position(recruiter):
    """What the lock does not cover (an explicit position) the constraint does."""
    requisition = factories.RequisitionFactory(recruiter=recruiter)
    requisition_services.interview_stage_add(
        requisition=requisition, actor=recruiter, name="Technical", order=3
    )
    with pytest.raises(ValidationError, match="already has that position"):
        requisition_services.interview_stage_add(
            requisition=requisition, actor=recruiter, name="Culture", order=3
        )
    assert requisition.interview_stages.count() == 1
