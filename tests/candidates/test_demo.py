import datetime as dt

import pytest
from django.utils import timezone

from candidates.models import (
    Application,
    Assessment,
    Candidate,
    Offer,
    Shortlist,
    ShortlistEntry,
    ShortlistMessage,
    StageChange,
)
from candidates.selectors import requisition_alignment
from debriefs import partnership_demo
from hiring_hub import demo
from requisitions.models import Criterion, Requisition

pytestmark = pytest.mark.django_db

MODELS = [
    Candidate,
    Application,
    StageChange,
    Assessment,
    Shortlist,
    ShortlistEntry,
    ShortlistMessage,
    Offer,
]


def counts():
    return {m.__name__: m.objects.count() for m in MODELS}


def test_seed_demo_gives_shortlists_awaiting_review_flags_and_an_offer_in_progress():
    now = timezone.now()
    demo.seed()
    assert ShortlistEntry.objects.filter(decision=ShortlistEntry.Decision.PENDING).exists()
    assert Shortlist.objects.filter(completed_at__isnull=True).exists()
    assert Assessment.objects.filter(
        rating=Assessment.Rating.DOES_NOT_MEET, criterion__kind=Criterion.Kind.DEAL_BREAKER
    ).exists()
    offer = Offer.objects.get(outcome=Offer.Outcome.OPEN)
    assert offer.verbal_offer_at and not offer.written_sent_at
    titles = set(Application.objects.values_list("requisition__title", flat=True))
    # The partnership demo brings its own searches (debriefs/partnership_demo.py).
    assert titles - partnership_demo.TITLES == {
        "Senior Backend Engineer",
        "Data Analyst",
        "Frontend Engineer",
    }
    # One seed for both (seeding takes seconds): the same data reads as a real quarter.
    _assert_a_quarter_over_eight_weeks(now)


def _assert_a_quarter_over_eight_weeks(now):
    opened = Requisition.objects.exclude(opened_at=None).values_list("opened_at", flat=True)
    assert min(opened) < now - dt.timedelta(weeks=7) and max(opened) < now - dt.timedelta(weeks=6)
    created = Requisition.objects.values_list("created_at", flat=True)
    assert min(created) > now - dt.timedelta(weeks=8, days=1)
    assert max(created) < now - dt.timedelta(days=2)
    # candidates move through stages on different days
    days = {c.date() for c in StageChange.objects.values_list("created_at", flat=True)}
    assert len(days) >= 20
    # one search filled, with a time to fill inside its target
    filled = Requisition.objects.get(status=Requisition.Status.FILLED)
    time_to_fill = (filled.filled_at - filled.opened_at).days
    assert 20 < time_to_fill < (filled.target_start_date - filled.opened_at.date()).days
    # shortlists sent over successive weeks, the manager's acceptance rising
    frontend = requisition_alignment(filled)["shortlists"]
    sent = [row["submitted_at"] for row in frontend]
    assert sent == sorted(sent) and (sent[-1] - sent[0]).days >= 14
    assert [row["rate"] for row in frontend] == [0.25, 2 / 3, 1.0]
    # check-ins from earlier weeks, acknowledged, with the figures of their week
    backend = Requisition.objects.get(title="Senior Backend Engineer")
    weeks = list(backend.check_ins.order_by("week_start"))
    assert len(weeks) >= 5 and all(c.acknowledged_at for c in weeks)
    totals = [c.snapshot["total_applications"] for c in weeks]
    assert totals == sorted(totals) and totals[0] < totals[-1]


def test_seed_demo_twice_gives_the_same_data():
    demo.seed()
    first = counts()
    demo.seed()
    assert counts() == first
