"""The candidates panel of the home, read in one written-out statement: each list holds
what its queryset twin gives (the same rows, order, limit and values), for its owner only."""

import datetime as dt

import pytest
from django.db.models import Count, Min
from django.utils import timezone

from candidates import selectors
from candidates.models import Application, Offer, ShortlistEntry, ShortlistMessage
from candidates.selectors.dashboard import PANEL_LISTS
from hiring_hub import access
from tests import factories

pytestmark = pytest.mark.django_db

D = ShortlistEntry.Decision
BASE = timezone.now() - dt.timedelta(days=30)
MORE = selectors.DASHBOARD_ITEMS + 2


def _at(i: int) -> dt.datetime:
    # Out of creation order, so that an unordered read would show.
    return BASE + dt.timedelta(hours=(i * 7) % MORE)


def _entry(requisition, i: int, *, decision=D.PENDING, **kwargs) -> ShortlistEntry:
    return factories.ShortlistEntryFactory(
        shortlist__requisition=requisition,
        shortlist__submitted_at=_at(i),
        decision=decision,
        decided_at=_at(i) if decision != D.PENDING else None,
        **kwargs,
    )


def _message(entry, author, i: int, *, days: int = 1) -> None:
    message = ShortlistMessage.objects.create(entry=entry, author=author, body="?")
    ShortlistMessage.objects.filter(pk=message.pk).update(created_at=_at(i) + dt.timedelta(days))


def _offer(requisition, i: int, *, approved: bool) -> Offer:
    offer = factories.OfferFactory(
        application__requisition=requisition,
        approved_at=timezone.now() if approved else None,
        verbal_offer_at=timezone.now() if approved and i % 2 else None,
    )
    Offer.objects.filter(pk=offer.pk).update(created_at=_at(i))
    return offer


@pytest.fixture
def world(recruiter, hiring_manager):
    """MORE of each list for the recruiter and the manager, and one of each for another
    pair, who must not see theirs on each other's panel."""
    other_recruiter = factories.RecruiterFactory()
    other_manager = factories.HiringManagerFactory()
    for recruits, manages, count in (
        (recruiter, hiring_manager, MORE),
        (other_recruiter, other_manager, 1),
    ):
        for i in range(count):
            requisition = factories.RequisitionFactory(recruiter=recruits, hiring_manager=manages)
            _entry(requisition, i)  # a shortlist to review
            answered = _entry(requisition, i, decision=D.NEED_INFO)
            _message(answered, manages, i)
            _message(answered, recruits, i, days=2)  # the manager's turn
            _entry(requisition, i, decision=D.NEED_INFO)  # no reply yet: the recruiter's
            asked = _entry(requisition, i, decision=D.NEED_INFO)
            _message(asked, manages, i)  # the manager wrote last: the recruiter's turn
            _offer(requisition, i, approved=False)
            _offer(requisition, i + 1, approved=True)
            application = factories.ApplicationFactory(
                requisition=requisition, stage=Application.Stage.SHORTLISTED
            )
            Application.objects.filter(pk=application.pk).update(stage_changed_at=_at(i))
    return other_recruiter, other_manager


def _offers(**filters) -> list[Offer]:
    return list(
        Offer.objects.filter(outcome=Offer.Outcome.OPEN, **filters).order_by("created_at")[
            : selectors.DASHBOARD_ITEMS
        ]
    )


def _expected_manager(user) -> dict:
    return {
        "to_review": list(selectors.shortlists_waiting_on_manager(user)[:10]),
        "answers": list(selectors.answers_waiting_on_manager(user)[:10]),
        "approvals": _offers(
            approved_at__isnull=True, application__requisition__hiring_manager_id=user.pk
        ),
    }


def _expected_recruiter(user) -> dict:
    pipelines = access.pipelines_changeable_by(user)
    return {
        "questions": list(selectors.questions_waiting_on_recruiter(user)[:10]),
        "to_send": list(
            Application.objects.filter(
                requisition__in=pipelines, stage=Application.Stage.SHORTLISTED
            )
            .values("requisition_id", "requisition__title")
            .annotate(count=Count("pk"), since=Min("stage_changed_at"))
            .order_by("since", "requisition_id")[:10]
        ),
        "offers": _offers(approved_at__isnull=False, application__requisition__in=pipelines),
    }


def test_manager_panel_lists_are_their_querysets_first_rows(world, hiring_manager):
    panel = selectors.dashboard_panel(hiring_manager)
    expected = _expected_manager(hiring_manager)
    for name, rows in expected.items():
        assert len(rows) == selectors.DASHBOARD_ITEMS
        assert panel[name] == rows, name
    assert panel["questions"] == panel["to_send"] == panel["offers"] == []
    for shown, row in zip(panel["to_review"], expected["to_review"], strict=True):
        assert (shown.pending, shown.number, shown.submitted_at) == (
            1,
            row.number,
            row.submitted_at,
        )
        assert shown.requisition.title == row.requisition.title
    for shown, row in zip(panel["answers"], expected["answers"], strict=True):
        assert shown.last_message_at == row.last_message_at
        assert shown.last_message_at.tzinfo is not None
        assert shown.shortlist_id == row.shortlist_id
        assert shown.candidate_name == row.application.candidate.full_name
        assert shown.requisition_title == row.shortlist.requisition.title
    for shown, row in zip(panel["approvals"], expected["approvals"], strict=True):
        assert (shown.created_at, shown.verbal_offer_at, shown.written_sent_at) == (
            row.created_at,
            row.verbal_offer_at,
            row.written_sent_at,
        )
        assert shown.candidate_name == row.application.candidate.full_name
        assert shown.requisition_title == row.application.requisition.title


def test_recruiter_panel_lists_are_their_querysets_first_rows(world, recruiter):
    panel = selectors.dashboard_panel(recruiter)
    expected = _expected_recruiter(recruiter)
    for name, rows in expected.items():
        assert len(rows) == selectors.DASHBOARD_ITEMS
        assert panel[name] == rows, name
    assert panel["to_review"] == panel["answers"] == panel["approvals"] == []
    for shown, row in zip(panel["questions"], expected["questions"], strict=True):
        assert (shown.decided_at, shown.last_message_at) == (row.decided_at, row.last_message_at)
        assert shown.hiring_manager_shown == str(row.shortlist.requisition.hiring_manager)
        assert shown.candidate_name == row.application.candidate.full_name
    assert all(row["since"].tzinfo is not None for row in panel["to_send"])


def test_superuser_recruiter_sees_every_pipelines_items(world, recruiter):
    admin = factories.RecruiterFactory(is_superuser=True)
    panel = selectors.dashboard_panel(admin)
    expected = _expected_recruiter(admin)
    assert {name: panel[name] for name in expected} == expected
    assert len({row.shortlist.requisition.recruiter_id for row in expected["questions"]}) == 2


def test_the_other_pair_sees_only_their_own_items(world):
    other_recruiter, other_manager = world
    manager_panel = selectors.dashboard_panel(other_manager)
    assert {name: len(manager_panel[name]) for name in ("to_review", "answers", "approvals")} == {
        "to_review": 1,
        "answers": 1,
        "approvals": 1,
    }
    assert manager_panel == manager_panel | _expected_manager(other_manager)
    recruiter_panel = selectors.dashboard_panel(other_recruiter)
    assert {name: len(recruiter_panel[name]) for name in ("questions", "to_send", "offers")} == {
        "questions": 2,
        "to_send": 1,
        "offers": 1,
    }


def test_inactive_manager_and_interviewer_see_nothing(world, hiring_manager, interviewer):
    hiring_manager.is_active = False
    empty = {name: [] for name in PANEL_LISTS}
    for user in (hiring_manager, interviewer):
        panel = selectors.dashboard_panel(user)
        assert {name: panel[name] for name in PANEL_LISTS} == empty


def test_panel_is_one_query_for_each_role(
    world, recruiter, hiring_manager, django_assert_num_queries
):
    for user in (recruiter, hiring_manager):
        with django_assert_num_queries(1):
            selectors.dashboard_panel(user)
