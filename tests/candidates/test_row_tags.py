"""The tags that draw the candidate pages' rows (hiring_hub_tags): the same markup the
templates drew, escaped."""

import zoneinfo
from datetime import UTC, datetime

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

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
        {"shortlist": _Pk(7), "number": 1, "advanced": 3, "declined": 1, "open": 2, "rate": 0.75},
        {"shortlist": _Pk(8), "number": 2, "advanced": 0, "declined": 0, "open": 4, "rate": None},
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


class _Pk:
    def __init__(self, pk):
        self.pk = pk


def test_candidate_rows_link_the_person_and_each_application_escaped(requisition):
    candidate = factories.CandidateFactory(full_name="Ada <Admin>", location="Köln & Bonn")
    row = {
        "id": candidate.pk,
        "full_name": candidate.full_name,
        "email": "ada@example.org",
        "location": candidate.location,
        "source": "inbound",
        "deal_breaker_flag": True,
        "listed_tags": ["<b>", "python"],
        "visible_applications": [{"id": 41, "stage": St.SCREENING, "title": "Dev & Ops"}],
    }
    stages, sources = dict(St.choices), {"inbound": "Applied"}

    html = render(
        "{% candidate_rows rows sources stages %}", rows=[row], sources=sources, stages=stages
    )

    person = reverse("candidates:candidate_detail", args=[candidate.pk])
    application = reverse("candidates:application_detail", args=[41])
    assert html.startswith(
        f'<tr><td><a class="fw-semibold" href="{person}">Ada &lt;Admin&gt;</a> <span class="badge'
    )
    assert "<td>ada@example.org</td><td>Köln &amp; Bonn</td><td>Applied</td>" in html
    assert (
        '<td><span class="badge rounded-pill text-bg-light border">&lt;b&gt;</span> '
        '<span class="badge rounded-pill text-bg-light border">python</span> </td>'
    ) in html
    assert html.endswith(
        f'<td><div class="small"><a class="text-reset" href="{application}">Dev &amp; Ops</a> '
        '<span class="badge text-bg-info">Screening</span></div></td></tr>'
    )
    plain = {**row, "deal_breaker_flag": False, "listed_tags": [], "visible_applications": []}
    html = render(
        "{% candidate_rows rows sources stages %}", rows=[plain], sources=sources, stages=stages
    )
    assert "Deal-breaker" not in html
    assert html.endswith('<td></td><td><span class="text-secondary small">—</span></td></tr>')


def test_pipeline_table_rows_draw_each_application_in_the_users_time_zone():
    row = {
        "id": 12,
        "stage": St.REJECTED,
        "closed_reason": 'Chose "another" offer',
        "stage_changed_at": datetime(2026, 3, 1, 23, 30, tzinfo=UTC),
        "assessed": 3,
        "deal_breaker_flag": False,
        "candidate_name": "Ada & Co",
        "email": "ada@example.org",
        "location": "",
        "listed_tags": ["go"],
    }
    source = "{% pipeline_table_rows rows stages can_manage %}"
    stages = dict(St.choices)

    with timezone.override(zoneinfo.ZoneInfo("Europe/Berlin")):
        html = render(source, rows=[row], stages=stages, can_manage=True)

    url = reverse("candidates:application_detail", args=[12])
    assert html == (
        '<tr><td><input class="form-check-input" type="checkbox" name="applications" value="12"'
        ' aria-label="Select Ada &amp; Co"></td>'
        f'<td><a class="fw-semibold" href="{url}">Ada &amp; Co</a>'
        '<div class="small text-secondary">ada@example.org</div></td>'
        '<td><span class="badge text-bg-danger">Rejected</span><div class="small text-secondary'
        ' text-truncate mw-14rem" title="Chose &quot;another&quot; offer">Chose &quot;another'
        "&quot; offer</div></td>"
        '<td class="small text-nowrap">2 Mar 2026</td>'
        '<td><span class="badge rounded-pill text-bg-light border">go</span> </td>'
        '<td class="small"><i class="bi bi-check2-circle text-success"></i> 3</td></tr>'
    )
    row = {**row, "assessed": 0, "location": "Köln", "deal_breaker_flag": True}
    html = render(source, rows=[row], stages=stages, can_manage=False)
    assert html.startswith(f'<tr><td><a class="fw-semibold" href="{url}">Ada &amp; Co</a> <span')
    assert "ada@example.org · Köln</div>" in html and "1 Mar 2026" in html
    assert html.endswith('<td class="small"><span class="text-secondary">—</span></td></tr>')


def test_name_options_mark_the_chosen_name_and_escape_each():
    html = render("{% name_options names chosen %}", names=["a&b", "go"], chosen="go")
    assert html == '<option value="a&amp;b">a&amp;b</option><option value="go" selected>go</option>'
