import pytest
from django.core.management import call_command

from candidates.models import Application
from debriefs import partnership_demo
from debriefs.models import (
    CandidateUpdate,
    CriterionRating,
    DebriefDecision,
    Interview,
    Scorecard,
    ThankYouNote,
)
from debriefs.selectors import debriefs_waiting, thank_you_notes
from hiring_hub.models import User
from requisitions.models import Requisition

pytestmark = pytest.mark.django_db

MODELS = [Interview, Scorecard, CriterionRating, ThankYouNote, DebriefDecision, CandidateUpdate]


def _counts():
    counts = {m.__name__: m.objects.count() for m in MODELS}
    counts["submitted"] = Scorecard.objects.filter(status="submitted").count()
    counts["stages"] = sorted(Application.objects.values_list("stage", flat=True))
    return counts


def test_seed_demo_twice_gives_the_same_debriefs_data():
    call_command("seed_demo")
    first = _counts()
    call_command("seed_demo")
    assert _counts() == first


def test_demo_has_interviews_scorecards_a_waiting_debrief_and_thank_you_notes_due():
    call_command("seed_demo")
    recruiter = User.objects.get(email="rita@example.com")

    titles = set(Interview.objects.values_list("application__requisition__title", flat=True))
    # The partnership demo brings its own searches (debriefs/partnership_demo.py).
    assert titles - partnership_demo.TITLES == {"Data Analyst", "Senior Backend Engineer"}
    assert Scorecard.objects.filter(status="submitted").exists()
    assert Scorecard.objects.filter(status="draft").exists()
    waiting = debriefs_waiting(recruiter, everyone=True)
    assert waiting.filter(requisition__title="Data Analyst").exists()
    notes = thank_you_notes(recruiter, everyone=True)
    assert notes["overdue"].exists() and notes["due"].exists()
    assert Requisition.objects.filter(title="Data Analyst").count() == 1
