"""The pipeline page: counts and filters, the bulk move, its query budget, the CSV."""

import csv
import io

import pytest
from django.urls import reverse

from candidates import services
from candidates.csv_export import safe_cell
from candidates.models import Application
from requisitions.models import Criterion
from tests import factories

St = Application.Stage
pytestmark = pytest.mark.django_db


# --- Pipeline ---------------------------------------------------------------------------------
def test_pipeline_shows_counts_per_stage_and_filters(client, recruiter, add_application):
    client.force_login(recruiter)
    a = add_application(name="Alice Filter")
    add_application(name="Bob Other")
    services.application_move(application=a, to_stage=St.SCREENING, actor=recruiter)
    url = reverse("candidates:pipeline", args=[a.requisition_id])
    response = client.get(url)
    counts = {c["stage"]: c["count"] for c in response.context["counts"]}
    assert counts[St.SOURCED] == 1 and counts[St.SCREENING] == 1
    response = client.get(url, {"q": "alice"})
    assert [x["id"] for x in response.context["applications"]] == [a.pk]
    response = client.get(url, {"stage": St.SOURCED, "view": "board"})
    cards = [x.candidate.full_name for column in response.context["board"] for x in column["apps"]]
    assert cards == ["Bob Other"]


def test_bulk_move_from_the_pipeline(client, recruiter, add_application):
    client.force_login(recruiter)
    a, b = add_application(name="A"), add_application(name="B")
    url = reverse("candidates:pipeline", args=[a.requisition_id])
    response = client.post(
        url, {"applications": [a.pk, b.pk], "to_stage": St.REJECTED, "reason": "Closed early"}
    )
    assert response.status_code == 302
    assert set(Application.objects.values_list("stage", flat=True)) == {St.REJECTED}


def _many_applications(requisition, version, n):
    must = version.criteria.get(kind=Criterion.Kind.MUST_HAVE)
    tag_names = ["python", "go"]
    for i in range(n):
        candidate = factories.CandidateFactory()
        candidate.tags.set([factories_tag(tag_names[i % 2])])
        app = factories.ApplicationFactory(candidate=candidate, requisition=requisition)
        factories.AssessmentFactory(application=app, criterion=must)


def factories_tag(name):
    from candidates.models import Tag

    return Tag.objects.get_or_create(name=name)[0]


@pytest.mark.parametrize("n", [5, 200])
def test_pipeline_query_count_does_not_grow_with_applications(
    client, recruiter, requisition, version, n, django_assert_num_queries
):
    client.force_login(recruiter)
    _many_applications(requisition, version, n)
    url = reverse("candidates:pipeline", args=[requisition.pk])
    # session, user, requisition (with its shortlists' acceptance and, for a recruiter, its
    # counts per stage: the total), the page (its candidates and tags in its rows)
    with django_assert_num_queries(4):
        response = client.get(url)
    assert len(response.context["applications"]) == min(n, 50)
    assert response.context["page"].paginator.count == n


def test_empty_pipeline_counts_with_its_requisition_too(
    client, recruiter, requisition, django_assert_num_queries
):
    """No applications: the counts column is empty, not missing (no grouped query after);
    with a total of none the paginator leaves the page's query out."""
    client.force_login(recruiter)
    with django_assert_num_queries(3):
        response = client.get(reverse("candidates:pipeline", args=[requisition.pk]))
    assert sum(c["count"] for c in response.context["counts"]) == 0


@pytest.mark.parametrize("n", [5, 200])
def test_pipeline_csv_query_count_does_not_grow(
    client, recruiter, requisition, version, n, django_assert_num_queries
):
    client.force_login(recruiter)
    _many_applications(requisition, version, n)
    with django_assert_num_queries(5):
        response = client.get(reverse("candidates:pipeline_csv", args=[requisition.pk]))
    assert len(list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))) == n + 1


# --- CSV --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1 555", "'+1 555"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Ada Lovelace", "Ada Lovelace"),
        (None, ""),
    ],
)
def test_csv_cells_that_start_a_formula_are_neutralised(value, expected):
    assert safe_cell(value) == expected


def test_pipeline_csv_escapes_formula_injection(client, recruiter, requisition):
    client.force_login(recruiter)
    candidate = services.candidate_create(
        actor=recruiter, full_name="=cmd|' /C calc'!A0", email="x@example.org", phone="+44 20"
    )
    services.application_create(candidate=candidate, requisition=requisition, actor=recruiter)
    response = client.get(reverse("candidates:pipeline_csv", args=[requisition.pk]))
    assert response["Content-Type"].startswith("text/csv")
    header, row = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header[0] == "Candidate"
    assert row[0] == "'=cmd|' /C calc'!A0"
    assert row[2] == "'+44 20"


def test_pipeline_total_counts_the_rows_listed_under_each_filter(
    client, recruiter, hiring_manager, requisition
):
    # given two people a hiring manager may open and one before the shortlist
    for name in ["Ada Shortlisted", "Bo Shortlisted"]:
        factories.ShortlistedApplicationFactory(requisition=requisition, candidate__full_name=name)
    factories.ApplicationFactory(
        requisition=requisition, stage=St.SCREENING, candidate__full_name="Cy Screened"
    )
    url = reverse("candidates:pipeline", args=[requisition.pk])

    def total(user, **query):
        client.force_login(user)
        page = client.get(url, query).context["page"]
        assert page.paginator.count == len(page.object_list)
        return page.paginator.count

    # then each total is what the table lists
    assert total(recruiter) == 3
    assert total(recruiter, stage=St.SCREENING) == 1
    assert total(recruiter, q="Shortlisted") == 2
    assert total(recruiter, stage=St.SCREENING, q="Ada") == 0
    assert total(hiring_manager) == 2
    assert total(hiring_manager, stage=St.SCREENING) == 0


def test_stage_count_cards_draw_each_kind_of_stage():
    """Counted only (none to open), partly seen, the filtered stage and an empty one."""
    from candidates.templatetags.candidate_lists import stage_count_cards

    def card(stage, count, visible):
        return {"stage": stage, "label": St(stage).label, "count": count, "visible": visible,
                "hidden": count - visible}  # fmt: skip

    html = stage_count_cards(
        [card(St.SOURCED, 3, 0), card(St.SCREENING, 4, 1), card(St.SHORTLISTED, 0, 0)],
        St.SCREENING,
        "table",
    )
    sourced, screening, shortlisted = html.split("</div><div>")
    assert 'title="You see the people from the shortlist on"' in sourced
    assert "href" not in sourced and ">3</div>" in sourced
    assert 'href="?stage=screening&view=table"' in screening
    assert "border-primary border-2" in screening
    assert ">3 before the shortlist</div>" in screening
    assert '<div class="stat text-secondary">0</div>' in shortlisted
    assert "border-primary" not in shortlisted and "before the shortlist" not in shortlisted
