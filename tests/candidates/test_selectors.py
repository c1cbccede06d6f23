import pytest

from candidates import selectors, services
from candidates.models import ShortlistEntry
from tests import factories

pytestmark = pytest.mark.django_db


def test_dashboard_panel_shows_the_manager_the_shortlists_to_answer(
    recruiter, hiring_manager, requisition, version
):
    shortlist = services.shortlist_submit(
        requisition=requisition,
        applications=[factories.ApplicationFactory(requisition=requisition)],
        note="",
        actor=recruiter,
        unassessed_reason="Phone screen only",
    )
    assert selectors.dashboard_panel(hiring_manager)["to_review"] == [shortlist]
    entry = shortlist.entries.get()
    services.shortlist_entry_decide(
        entry=entry, actor=hiring_manager, decision=ShortlistEntry.Decision.NEED_INFO, reason="?"
    )
    assert selectors.dashboard_panel(recruiter)["questions"] == [entry]
    services.shortlist_entry_decide(
        entry=entry, actor=hiring_manager, decision=ShortlistEntry.Decision.ADVANCE
    )
    assert selectors.dashboard_panel(hiring_manager)["to_review"] == []


def test_interviewer_dashboard_panel_is_empty(interviewer):
    assert selectors.dashboard_panel(interviewer) == {
        "to_review": [],
        "answers": [],
        "approvals": [],
        "questions": [],
        "to_send": [],
        "offers": [],
        "limit": selectors.DASHBOARD_ITEMS,
    }
