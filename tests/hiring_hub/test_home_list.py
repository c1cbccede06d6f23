"""The home's list of open requisitions is read in one written-out statement
(hiring_hub.home_list): held here to the queryset that defines it
(selectors.home_requisitions, with the stage counts of the rows whose pipeline the user may
see), for every kind of user, with and without "everyone", below and beyond the limit."""

import datetime as dt
import itertools

import pytest
from django.db.models import Case, CharField, When
from django.utils import timezone

from candidates.models import Application
from hiring_hub import access, home, selectors
from requisitions.models import Requisition
from tests import factories

pytestmark = pytest.mark.django_db
St = Requisition.Status


def reference(user, everyone: bool, limit: int) -> list:
    counts = home.stage_counts_column("pk")
    seen = access.pipelines_seen_by(user)
    if seen is not None:
        counts = Case(When(seen, then=counts), output_field=CharField())
    queryset = selectors.home_requisitions(user, everyone=everyone)
    return list(queryset.annotate(hh_stage_counts=counts)[:limit])


def shown(requisitions: list) -> list[tuple]:
    return [
        (
            r.pk,
            r.title,
            r.team,
            r.location,
            r.status,
            r.realignment_needed,
            r.target_start_date,
            r.opened_at,
            r.filled_at,
            r.created_at,
            r.hh_stage_counts,
            (r.recruiter.pk, r.recruiter.full_name, r.recruiter.email),
            (r.hiring_manager.pk, r.hiring_manager.full_name, r.hiring_manager.email),
        )
        for r in requisitions
    ]


@pytest.fixture
def people():
    recruiter, other_recruiter = factories.RecruiterFactory(), factories.RecruiterFactory()
    manager, other_manager = factories.HiringManagerFactory(), factories.HiringManagerFactory()
    interviewer = factories.InterviewerFactory()
    nameless = factories.HiringManagerFactory(full_name="")
    today = dt.date(2027, 3, 1)
    statuses = itertools.cycle([St.SOURCING, St.INTERVIEWING, St.FILLED, St.DRAFT, St.CANCELLED])
    for n in range(16):
        requisition = factories.RequisitionFactory(
            title=f"Role {n % 5}",  # ties on title, ordered by id then
            recruiter=recruiter if n % 3 else other_recruiter,
            hiring_manager=[manager, other_manager, nameless][n % 3],
            status=next(statuses),
            target_start_date=None if n % 4 == 0 else today + dt.timedelta(days=n % 6),
            realignment_needed=n % 5 == 0,
            opened_at=None if n % 7 == 0 else timezone.now() - dt.timedelta(days=n, hours=n),
            hiring_team=[interviewer] if n % 2 else [],
        )
        stages = list(Application.Stage)[: n % 6 + 1]
        for stage in stages:
            factories.ApplicationFactory(requisition=requisition, stage=stage)
    return {
        "recruiter": recruiter,
        "other recruiter": other_recruiter,
        "manager": manager,
        "nameless manager": nameless,
        "interviewer": interviewer,
        "admin": factories.InterviewerFactory(is_superuser=True),
        "inactive": factories.HiringManagerFactory(is_active=False),
        "with nothing": factories.HiringManagerFactory(),
    }


@pytest.mark.parametrize("everyone", [False, True])
@pytest.mark.parametrize("limit", [3, 11])
def test_the_list_reads_what_its_queryset_does(people, everyone, limit):
    compared = 0
    for name, user in people.items():
        read = selectors._open_requisitions(user, everyone, limit)
        assert shown(read) == shown(reference(user, everyone, limit)), name
        compared += len(read)
    assert compared > 2 * limit, "the data set lists rows for several people"


def test_counts_show_only_where_the_pipeline_may_be_seen(people):
    manager = people["manager"]
    read = selectors._open_requisitions(manager, False, 11)
    assert read and all(r.hiring_manager_id == manager.pk for r in read)
    assert all(r.hh_stage_counts for r in read)
    interviewer = people["interviewer"]
    read = selectors._open_requisitions(interviewer, False, 11)
    assert read and all(r.hh_stage_counts is None for r in read)


def test_the_rows_read_no_more_afterwards(people, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = selectors._open_requisitions(people["recruiter"], False, 11)
        read = [(r.title, r.recruiter.full_name, r.hiring_manager.email, r.opened_at) for r in rows]
    assert len(read) == len(rows) > 0
