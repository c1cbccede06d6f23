"""The tags that draw the candidate list's and the pipeline table's rows
(candidates/templatetags/candidate_lists.py): the markup the templates drew, escaped."""

import zoneinfo
from datetime import UTC, datetime

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from candidates.models import Application
from tests import factories

St = Application.Stage
pytestmark = pytest.mark.django_db


def render(source: str, **context) -> str:
    return Template("{% load candidate_lists %}" + source).render(Context(context))


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

    html = render("{% candidate_rows rows %}", rows=[row])

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
    html = render("{% candidate_rows rows %}", rows=[plain])
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
    source = "{% pipeline_table_rows rows can_manage %}"

    with timezone.override(zoneinfo.ZoneInfo("Europe/Berlin")):
        html = render(source, rows=[row], can_manage=True)

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
    html = render(source, rows=[row], can_manage=False)
    assert html.startswith(f'<tr><td><a class="fw-semibold" href="{url}">Ada &amp; Co</a> <span')
    assert "ada@example.org · Köln</div>" in html and "1 Mar 2026" in html
    assert html.endswith('<td class="small"><span class="text-secondary">—</span></td></tr>')


def test_name_options_mark_the_chosen_name_and_escape_each():
    html = render("{% name_options names chosen %}", names=["a&b", "go"], chosen="go")
    assert html == '<option value="a&amp;b">a&amp;b</option><option value="go" selected>go</option>'
