"""The fuzzed forms' world (the access matrix's), fresh for each test, and the states some
forms need first."""

import pytest

from candidates import services as candidate_services
from candidates.models import ShortlistEntry
from requisitions import services as requisition_services
from tests.hiring_hub.access_matrix import build_world


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_world()


@pytest.fixture
def draft_criteria(world):
    """A persona change started a draft of the criteria: it waits for the manager."""
    requisition_services.persona_update(
        requisition=world.objects["requisition"], actor=world.recruiter, persona="Changed."
    )
    return world


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
