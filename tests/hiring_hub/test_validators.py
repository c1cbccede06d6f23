import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from hiring_hub import services
from hiring_hub.models import Role, User
from hiring_hub.validators import validate_single_line
from tests import factories

ONE_LINE = "Enter this on one line"
# CR/LF and every other character str.splitlines() breaks on.
BREAKS = ["\r\n", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


@pytest.mark.parametrize("brk", BREAKS, ids=repr)
def test_single_line_validator_refuses_every_line_break(brk):
    with pytest.raises(ValidationError, match=ONE_LINE):
        validate_single_line(f"Ada{brk}Bcc: someone@example.org")


@pytest.mark.parametrize("value", ["Ada Lovelace", "Zoë Ñúñez — Staff", "a\tb", ""])
def test_single_line_validator_accepts_one_line(value):
    validate_single_line(value)


def test_invitation_form_refuses_a_name_with_a_line_break(client, recruiter):
    client.force_login(recruiter)

    response = client.post(
        reverse("user_list"),
        {
            "full_name": "Eve\r\nBcc: victim@example.org",
            "email": "eve@example.org",
            "role": Role.INTERVIEWER,
            "time_zone": "UTC",
        },
    )

    assert response.status_code == 200
    assert ONE_LINE in response.content.decode()
    assert not User.objects.filter(email="eve@example.org").exists()


def test_profile_form_refuses_a_name_with_a_line_break(client, recruiter):
    client.force_login(recruiter)

    response = client.post(reverse("profile"), {"full_name": "Rita\nRecruiter", "time_zone": "UTC"})

    assert response.status_code == 200
    assert ONE_LINE in response.content.decode()
    recruiter.refresh_from_db()
    assert recruiter.full_name == "Rita Recruiter"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("full_name", "Eve\r\nBcc: x@example.org"),
        ("full_name", "Eve\u2028Evil"),
        ("email", "eve@example.org\nBcc: x@example.org"),
    ],
)
def test_user_invite_refuses_a_line_break(recruiter, field, value):
    fields = {"full_name": "Eve", "email": "eve@example.org", "role": Role.INTERVIEWER}
    fields[field] = value

    with pytest.raises(ValidationError, match=ONE_LINE):
        services.user_invite(invited_by=recruiter, time_zone="UTC", **fields)

    assert not User.objects.filter(email="eve@example.org").exists()


def test_user_profile_update_refuses_a_line_break(recruiter):
    with pytest.raises(ValidationError, match=ONE_LINE):
        services.user_profile_update(
            user=recruiter, full_name="Rita\x85Recruiter", time_zone="UTC", enabled_notifications=[]
        )
    recruiter.refresh_from_db()
    assert recruiter.full_name == "Rita Recruiter"


def test_migrations_join_the_lines_of_rows_saved_before_the_rule(db):
    # given rows written before the rule (straight to the database, as old code could)
    user = factories.UserFactory(full_name="Old\r\nName")
    requisition = factories.RequisitionFactory(title="Old\u2028title", team="A\n\nB")
    candidate = factories.CandidateFactory(full_name="Cand\x85Idate")

    # when the migrations' data step runs
    for module in (
        "hiring_hub.migrations.0002_single_line_fields",
        "requisitions.migrations.0003_single_line_fields",
        "candidates.migrations.0003_single_line_fields",
        "debriefs.migrations.0003_single_line_fields",
    ):
        importlib.import_module(module).join_lines(django_apps, None)

    # then each run of line breaks is one space and the rows validate again
    for row in (user, requisition, candidate):
        row.refresh_from_db()
    assert user.full_name == "Old Name"
    assert (requisition.title, requisition.team) == ("Old title", "A B")
    assert candidate.full_name == "Cand Idate"
    requisition.full_clean()
