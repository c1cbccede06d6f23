"""The tags that draw the candidate pages' rows (hiring_hub_tags): the same markup the
templates drew, escaped."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from candidates.models import Application, Assessment, ShortlistEntry, Tag
from requisitions.models import Criterion
from tests import factories

St = Application.Stage
pytestmark = pytest.mark.django_db


def render(source: str, **context) -> str:
    return Template("{% load hiring_hub_tags %}" + source).render(Context(context))


def test_stage_badge_is_the_stage_colour_with_the_label_escaped():
    html = render("{% stage_badge stage label %}", stage=St.OFFER, label="<Offer>")
    assert html == '<span class="badge text-bg-success">&lt;Offer&gt;</span>'


def test_tag_pills_escape_each_name():
    tags = [Tag(name="python"), Tag(name="<b>")]
    html = render("{% tag_pills tags %}", tags=tags)
    assert html == (
        '<span class="badge rounded-pill text-bg-light border">python</span> '
        '<span class="badge rounded-pill text-bg-light border">&lt;b&gt;</span> '
    )


def test_application_stages_link_each_application_with_its_stage_or_show_a_dash(requisition):
    application = factories.ApplicationFactory(requisition=requisition, stage=St.SCREENING)
    requisition.title = "Dev & Ops"
    application.requisition = requisition

    html = render("{% application_stages apps %}", apps=[application])

    url = reverse("candidates:application_detail", args=[application.pk])
    assert html == (
        f'<div class="small"><a class="text-reset" href="{url}">Dev &amp; Ops</a> '
        '<span class="badge text-bg-info">Screening</span></div>'
    )
    assert render("{% application_stages apps %}", apps=[]) == (
        '<span class="text-secondary small">—</span>'
    )


def test_alignment_rows_show_the_answers_and_the_bar_unless_a_chart_is_drawn():
    rows = [
        {"id": 7, "number": 1, "advanced": 3, "declined": 1, "open": 2, "rate": 0.75},
        {"id": 8, "number": 2, "advanced": 0, "declined": 0, "open": 4, "rate": None},
    ]
    html = render("{% alignment_rows alignment chart %}", alignment={"shortlists": rows})

    assert "75% · 3 of 4 advanced · 2 open" in html
    assert '<div class="progress-bar bg-success pct-75"></div>' in html
    assert "awaiting answers (4 open)" in html
    assert reverse("candidates:shortlist_detail", args=[7]) in html
    with_chart = render(
        "{% alignment_rows alignment chart %}", alignment={"shortlists": rows}, chart=1
    )
    assert "progress-bar" not in with_chart
    assert "No shortlist sent yet." in render(
        "{% alignment_rows alignment %}", alignment={"shortlists": []}
    )


def test_assessment_table_rows_mark_a_deal_breaker_present_and_escape_the_evidence(version):
    criterion = version.criteria.get(kind=Criterion.Kind.DEAL_BREAKER)
    assessment = Assessment(
        criterion=criterion, rating=Assessment.Rating.DOES_NOT_MEET, evidence="<script>"
    )
    rows = [
        {"criterion": criterion, "assessment": assessment, "flag": True},
        {"criterion": criterion, "assessment": None, "flag": False},
    ]
    html = render("{% assessment_table_rows rows %}", rows=rows)
    assert html.startswith('<tr class="table-danger">')
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert f">{assessment.rating_label}</span>" in html
    assert '<span class="small text-secondary">Not assessed</span>' in html


def test_review_pager_links_the_neighbours_it_has():
    entry = ShortlistEntry(pk=3)
    entry.position, entry.next_query = 1, "page=1&answer=4"
    html = render("{% review_pager entry 12 %}", entry=entry)
    assert html.count("<span></span>") == 1  # no previous
    assert 'href="?page=1&amp;answer=4#entries"' in html
    assert "1 of 12" in html
