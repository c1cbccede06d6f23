import pytest

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
from debriefs import partnership_demo
from hiring_hub import demo
from requisitions.models import Criterion

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
    demo.seed()
    assert ShortlistEntry.objects.filter(decision=ShortlistEntry.Decision.PENDING).exists()
    assert Shortlist.objects.filter(completed_at__isnull=True).exists()
    assert Assessment.objects.filter(
        rating=Assessment.Rating.DOES_NOT_MEET, criterion__kind=Criterion.Kind.DEAL_BREAKER
    ).exists()
    offer = Offer.objects.get()
    assert (
        offer.outcome == Offer.Outcome.OPEN and offer.verbal_offer_at and not offer.written_sent_at
    )
    titles = set(Application.objects.values_list("requisition__title", flat=True))
    # The partnership demo brings its own searches (debriefs/partnership_demo.py).
    assert titles - partnership_demo.TITLES == {"Senior Backend Engineer", "Data Analyst"}


def test_seed_demo_twice_gives_the_same_data():
    demo.seed()
    first = counts()
    demo.seed()
    assert counts() == first
