"""The requisitions panel of the home, read in one written-out statement: each list holds
what its queryset twin gives (the same rows, order, limit and values) and draws the same
HTML, for its owner only."""

import datetime as dt

import pytest
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from hiring_hub import access
from hiring_hub.models import Role
from hiring_hub.templatetags.home_panels import requisitions_panel
from requisitions import partnership
from requisitions.models import (
    CheckIn,
    CriteriaVersion,
    PartnershipHealth,
    Requisition,
    Retrospective,
)
from requisitions.retrospectives import retrospectives_waiting_on
from requisitions.selectors import dashboard
from tests import factories

pytestmark = pytest.mark.django_db

BASE = timezone.now() - dt.timedelta(days=30)
MORE = dashboard.DASHBOARD_ITEMS + 2
DRAFT = CriteriaVersion.Status.DRAFT


def _at(i: int) -> dt.datetime:
    # Out of creation order, so that an unordered read would show.
    return BASE + dt.timedelta(hours=(i * 7) % MORE)


def _waiting(requisition, i: int, *, status=Requisition.Status.SOURCING) -> None:
    """A requisition with one of each thing that can wait: criteria to sign (a draft with
    criteria after a signed version), a check-in, a bad partnership, retrospectives."""
    factories.CriteriaVersionFactory(requisition=requisition)
    factories.CriterionFactory(version__requisition=requisition, version__status=DRAFT)
    CheckIn.objects.create(
        requisition=requisition, week_start=dt.date(2026, 1, 5) + dt.timedelta(7 * i)
    )
    CheckIn.objects.filter(requisition=requisition).update(compiled_at=_at(i))
    PartnershipHealth.objects.create(
        requisition=requisition,
        level=PartnershipHealth.Level.BAD,
        reasons=[f"reason {n} of {i}" for n in range(i % 4)],
        computed_at=timezone.now(),
        bad_since=_at(i) if i % 5 else None,
    )
    for person in (requisition.recruiter, requisition.hiring_manager):
        Retrospective.objects.create(requisition=requisition, person=person, invited_at=_at(i))


@pytest.fixture
def world(recruiter, hiring_manager):
    """MORE of each list for the recruiter and the manager, one for another pair, and a
    filled requisition whose items no open list shows."""
    other_recruiter, other_manager = factories.RecruiterFactory(), factories.HiringManagerFactory()
    for recruits, manages, count in (
        (recruiter, hiring_manager, MORE),
        (other_recruiter, other_manager, 1),
    ):
        for i in range(count):
            requisition = factories.RequisitionFactory(
                recruiter=recruits, hiring_manager=manages, realignment_needed=True
            )
            _waiting(requisition, i)
            for status in Requisition.Status.before_alignment_values():
                factories.RequisitionFactory(
                    recruiter=recruits, hiring_manager=manages, status=status
                )
        # A draft without criteria yet: nothing to sign.
        factories.CriteriaVersionFactory(
            requisition__recruiter=recruits, requisition__hiring_manager=manages, status=DRAFT
        )
    filled = factories.RequisitionFactory(
        recruiter=recruiter,
        hiring_manager=hiring_manager,
        status=Requisition.Status.FILLED,
        realignment_needed=True,
    )
    _waiting(filled, 3)
    return other_recruiter, other_manager


def _expected(user) -> dict:
    """The panel as its querysets read it."""
    panel = {
        "retrospectives": list(retrospectives_waiting_on(user)[:10]),
        "to_sign": [],
        "check_ins": [],
        "realignment": [],
        "before_alignment": [],
        "talks": list(partnership.talks_waiting_on(user)[:10])
        if user.role in (Role.RECRUITER, Role.HIRING_MANAGER)
        else [],
    }
    visible = access.requisitions_visible_to(user).open()
    if access.reviews_shortlists(user):
        latest_draft = CriteriaVersion.objects.filter(
            requisition=OuterRef("pk"), status=DRAFT
        ).order_by("-number")
        awaiting = Q(criteria_versions__status=DRAFT, criteria_versions__criteria__isnull=False)
        panel["to_sign"] = list(
            visible.filter(awaiting, hiring_manager_id=user.pk)
            .distinct()
            .annotate(waiting_since=Subquery(latest_draft.values("created_at")[:1]))
            .order_by("title")[:10]
        )
        panel["check_ins"] = list(
            CheckIn.objects.filter(
                requisition__in=visible.filter(hiring_manager_id=user.pk),
                compiled_at__isnull=False,
                acknowledged_at__isnull=True,
            ).order_by("compiled_at", "pk")[:10]
        )
    if access.can_manage_candidates(user):
        mine = visible.filter(recruiter_id=user.pk).order_by("title")
        panel["realignment"] = list(mine.filter(realignment_needed=True)[:10])
        before = Requisition.Status.before_alignment_values()
        panel["before_alignment"] = list(mine.filter(status__in=before)[:10])
    return panel


def _assert_same(panel: dict, expected: dict) -> None:
    assert panel == expected
    assert requisitions_panel(panel) == requisitions_panel(expected)
    for shown, row in zip(panel["to_sign"], expected["to_sign"], strict=True):
        assert shown.waiting_since == row.waiting_since
    for shown, row in zip(panel["check_ins"], expected["check_ins"], strict=True):
        assert (shown.week_start, shown.compiled_at) == (row.week_start, row.compiled_at)
    for shown, row in zip(panel["talks"], expected["talks"], strict=True):
        assert shown.reasons == row.reasons


def test_manager_panel_lists_are_their_querysets_first_rows(world, hiring_manager):
    panel = dashboard.dashboard_panel(hiring_manager)
    expected = _expected(hiring_manager)
    for name in ("retrospectives", "to_sign", "check_ins", "talks"):
        assert len(expected[name]) == dashboard.DASHBOARD_ITEMS, name
    _assert_same(panel, expected)
    assert panel["realignment"] == panel["before_alignment"] == []
    assert all(row.waiting_since.tzinfo is not None for row in panel["to_sign"])


def test_recruiter_panel_lists_are_their_querysets_first_rows(world, recruiter):
    panel = dashboard.dashboard_panel(recruiter)
    expected = _expected(recruiter)
    for name in ("retrospectives", "realignment", "talks", "before_alignment"):
        assert len(expected[name]) == dashboard.DASHBOARD_ITEMS, name
    _assert_same(panel, expected)
    assert panel["to_sign"] == panel["check_ins"] == []
    assert {row.hiring_manager.full_name for row in panel["realignment"]} == {"Maya Manager"}
    assert [row.realignment_needed for row in panel["realignment"]] == [True] * 10


def test_the_other_pair_sees_only_their_own_items(world):
    for user in world:
        panel = dashboard.dashboard_panel(user)
        _assert_same(panel, _expected(user))
        assert max(len(rows) for rows in panel.values()) <= 2


def test_superuser_and_manager_on_a_hiring_team(world, hiring_manager):
    admin = factories.RecruiterFactory(is_superuser=True)
    _assert_same(dashboard.dashboard_panel(admin), _expected(admin))
    teammate = factories.HiringManagerFactory()
    Requisition.objects.get(check_ins__isnull=False, recruiter__in=world).hiring_team.add(teammate)
    panel = dashboard.dashboard_panel(teammate)
    _assert_same(panel, _expected(teammate))
    assert panel["to_sign"] == panel["check_ins"] == []  # not theirs to sign or acknowledge


def test_inactive_manager_keeps_only_what_waits_on_them_by_name(world, hiring_manager):
    hiring_manager.is_active = False
    panel = dashboard.dashboard_panel(hiring_manager)
    _assert_same(panel, _expected(hiring_manager))
    assert panel["to_sign"] == panel["check_ins"] == []


def test_interviewer_panel_is_empty_without_a_query(world, interviewer, django_assert_num_queries):
    with django_assert_num_queries(0):
        panel = dashboard.dashboard_panel(interviewer)
    assert all(rows == [] for rows in panel.values())


def test_panel_is_one_query_for_each_role(
    world, recruiter, hiring_manager, django_assert_num_queries
):
    for user in (recruiter, hiring_manager):
        with django_assert_num_queries(1):
            dashboard.dashboard_panel(user)
