"""The home's statements run as prepared statements on PostgreSQL (hiring_hub.prepared):
prepared once per connection, with the same rows as the plain statement, again after a
reconnection, and not at all when switched off or on SQLite."""

import pytest
from django.db import connection
from django.urls import reverse

from candidates.models import Application
from hiring_hub import home, prepared
from hiring_hub.panel_sql import Written
from tests import factories

pytestmark = pytest.mark.django_db

postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)

# A statement with parameters of three types and a percent sign written in.
SQL = (
    "SELECT u.id, u.full_name, u.date_joined FROM hiring_hub_user u"
    " WHERE u.id >= %s AND u.full_name LIKE %s AND u.date_joined <= %s"
    " AND 'a%%b' = 'a%%b' ORDER BY u.id"
)


def server_prepared() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_prepared_statements WHERE name LIKE 'hh_%%'")
        return sorted(name for (name,) in cursor.fetchall())


def params(user) -> list:
    return [user.pk, f"{user.full_name[:3]}%", user.date_joined]


def plain(sql: str, values: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        return cursor.fetchall()


@postgresql
def test_a_statement_is_prepared_once_and_reads_what_the_plain_one_reads(recruiter):
    before = server_prepared()
    first = prepared.fetchall(SQL, params(recruiter))
    assert (
        first
        == plain(SQL, params(recruiter))
        == [(recruiter.pk, recruiter.full_name, recruiter.date_joined)]
    )
    added = sorted(set(server_prepared()) - set(before))
    assert len(added) == 1
    # Again, with other values: the same prepared statement, no other.
    other = factories.UserFactory(full_name="Zed Other")
    assert prepared.fetchall(SQL, params(other)) == plain(SQL, params(other))
    assert sorted(set(server_prepared()) - set(before)) == added


@postgresql
@pytest.mark.django_db(transaction=True)
def test_a_new_connection_prepares_again(recruiter):
    prepared.fetchall(SQL, params(recruiter))
    assert server_prepared()
    connection.close()  # as CONN_MAX_AGE or a failed health check does
    assert not server_prepared(), "a new server session"
    assert prepared.fetchall(SQL, params(recruiter)) == plain(SQL, params(recruiter))
    assert len(server_prepared()) == 1


@postgresql
def test_switched_off_statements_run_plainly(settings, recruiter):
    settings.DATABASE_PREPARED_STATEMENTS = False
    before = server_prepared()
    assert prepared.fetchall(SQL, params(recruiter)) == plain(SQL, params(recruiter))
    assert server_prepared() == before


@postgresql
def test_prepared_statements_run_their_generic_plan():
    with connection.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        assert cursor.fetchone() == ("force_generic_plan",)


def test_the_home_reads_the_same_with_and_without_prepared_statements(
    client, settings, requisition, recruiter, hiring_manager, interviewer
):
    for _ in range(3):
        factories.InterviewFactory(application__requisition=requisition)
    factories.ApplicationFactory(requisition=requisition)
    client.force_login(recruiter)
    assert client.get(reverse("home")).status_code == 200
    if connection.vendor == "postgresql":
        assert server_prepared(), "the home's panels run as prepared statements"
    people = (recruiter, hiring_manager, interviewer)
    with_prepared = [home.panels_for(user) for user in people]
    settings.DATABASE_PREPARED_STATEMENTS = False
    assert [home.panels_for(user) for user in people] == with_prepared


def test_a_written_value_is_in_the_sql_not_in_the_parameters(requisition):
    interviewing = Application.Stage.INTERVIEWING
    for stage in (interviewing, Application.Stage.SOURCED, interviewing):
        factories.ApplicationFactory(requisition=requisition, stage=stage)
    written = Application.objects.filter(stage=Written(interviewing))
    sql, values = written.query.sql_with_params()
    assert f"'{interviewing}'" in sql and str(interviewing) not in map(str, values)
    passed = Application.objects.filter(stage=interviewing)
    assert list(written.order_by("pk")) == list(passed.order_by("pk"))
    assert written.count() == 2
    with pytest.raises(ValueError):
        list(Application.objects.filter(stage=Written("x' OR '1'='1")))
