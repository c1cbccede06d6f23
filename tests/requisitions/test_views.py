import pytest
from django.urls import reverse

from requisitions import selectors, services
from requisitions.models import Criterion, Requisition
from tests import factories
from tests.requisitions.conftest import at

S = Requisition.Status
ONE_LINE = "Enter this on one line"


def detail_url(requisition):
    return reverse("requisitions:requisition_detail", args=[requisition.pk])


# --- List -----------------------------------------------------------------------------
def test_list_filters_by_status_recruiter_manager_and_search(client, recruiter, hiring_manager):
    mine = factories.RequisitionFactory(
        title="Payments Lead", recruiter=recruiter, hiring_manager=hiring_manager
    )
    other = factories.RequisitionFactory(title="Designer", status=S.DRAFT)
    client.force_login(recruiter)
    url = reverse("requisitions:requisition_list")

    def titles(**params):
        return [r.title for r in client.get(url, params).context["requisitions"]]

    assert titles() == ["Payments Lead"]  # a recruiter's list opens on their own
    assert set(titles(scope="all")) == {mine.title, other.title}
    assert titles(scope="all", status=S.DRAFT) == ["Designer"]
    assert titles(recruiter=other.recruiter_id) == ["Designer"]
    assert titles(scope="all", hiring_manager=other.hiring_manager_id) == ["Designer"]
    assert titles(q="lead") == ["Payments Lead"]
    assert titles(q="Maya") == ["Payments Lead"]


def test_list_htmx_request_renders_only_rows(client, recruiter):
    factories.RequisitionFactory(title="Payments Lead", recruiter=recruiter)
    client.force_login(recruiter)
    response = client.get(reverse("requisitions:requisition_list"), HTTP_HX_REQUEST="true")
    assert b"Payments Lead" in response.content
    assert b"<nav" not in response.content


@pytest.mark.parametrize("rows", [5, 50])
def test_list_query_count_is_bounded(client, recruiter, rows, django_assert_num_queries):
    manager = factories.HiringManagerFactory()
    for _ in range(rows):
        factories.RequisitionFactory(recruiter=recruiter, hiring_manager=manager)
    client.force_login(recruiter)
    # session, user, count, page of requisitions, filter people
    with django_assert_num_queries(5):
        response = client.get(reverse("requisitions:requisition_list"))
    assert len(response.context["requisitions"]) == rows


def test_recruiter_list_links_everyones_and_keeps_the_scope_in_the_filter_form(client, recruiter):
    factories.RequisitionFactory(title="Theirs")
    client.force_login(recruiter)
    url = reverse("requisitions:requisition_list")
    html = client.get(url).content.decode()
    assert 'data-test="scope-all"' in html and "Theirs" not in html
    html = client.get(url, {"scope": "all"}).content.decode()
    assert "Theirs" in html and 'name="scope" value="all"' in html


def test_requisition_list_shows_fifty_a_page(client, recruiter):
    for _ in range(51):
        factories.RequisitionFactory(recruiter=recruiter)
    client.force_login(recruiter)
    url = reverse("requisitions:requisition_list")
    page = client.get(url).context["page"]
    assert (len(page.object_list), page.paginator.count) == (50, 51)
    assert len(client.get(url, {"page": 2}).context["requisitions"]) == 1


# --- Create and edit ------------------------------------------------------------------
def test_recruiter_creates_requisition_and_manager_is_emailed(
    client, recruiter, hiring_manager, interviewer, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(recruiter)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("requisitions:requisition_create"),
            {
                "title": "Platform Engineer",
                "team": "Platform",
                "location": "Remote",
                "employment_type": "full_time",
                "headcount": 2,
                "salary_currency": "eur",
                "hiring_manager": hiring_manager.pk,
                "hiring_team": [interviewer.pk],
            },
        )
    requisition = Requisition.objects.get(title="Platform Engineer")
    assert response.url == detail_url(requisition)
    assert requisition.recruiter == recruiter
    assert requisition.salary_currency == "EUR"
    assert list(requisition.hiring_team.all()) == [interviewer]
    assert [m.to for m in mailoutbox] == [[hiring_manager.email]]


def test_create_with_bad_input_keeps_what_was_typed(client, recruiter, hiring_manager):
    client.force_login(recruiter)
    response = client.post(
        reverse("requisitions:requisition_create"),
        {
            "title": "Keep me",
            "team": "T",
            "location": "L",
            "employment_type": "full_time",
            "headcount": 1,
            "salary_min": 100,
            "salary_max": 10,
            "salary_currency": "USD",
            "hiring_manager": hiring_manager.pk,
        },
    )
    assert response.status_code == 200
    assert b"must not be below the bottom" in response.content
    assert b'value="Keep me"' in response.content


def test_recruiter_edits_own_requisition(client, recruiter, new_requisition):
    client.force_login(recruiter)
    url = reverse("requisitions:requisition_edit", args=[new_requisition.pk])
    response = client.post(
        url,
        {
            "title": "Renamed",
            "team": new_requisition.team,
            "location": new_requisition.location,
            "employment_type": "full_time",
            "headcount": 1,
            "salary_currency": "USD",
            "recruiter": recruiter.pk,
            "hiring_manager": new_requisition.hiring_manager_id,
        },
    )
    assert response.status_code == 302
    new_requisition.refresh_from_db()
    assert new_requisition.title == "Renamed"


# --- Single-line fields ----------------------------------------------------------------------


@pytest.mark.parametrize("field", ["title", "team", "location"])
def test_create_refuses_a_line_break_in_a_single_line_field(
    client, recruiter, hiring_manager, field
):
    data = {
        "title": "Platform Engineer",
        "team": "Platform",
        "location": "Remote",
        "employment_type": "full_time",
        "headcount": 1,
        "salary_currency": "USD",
        "hiring_manager": hiring_manager.pk,
    }
    data[field] = "Platform\r\nBcc: someone@example.org"
    client.force_login(recruiter)

    response = client.post(reverse("requisitions:requisition_create"), data)

    assert response.status_code == 200
    assert ONE_LINE in response.content.decode()
    assert not Requisition.objects.exists()


# --- Detail -----------------------------------------------------------------------------
def test_detail_shows_signed_criteria_pending_draft_diff_and_warning(
    client, signed_requisition, recruiter
):
    services.criterion_add(
        requisition=signed_requisition,
        actor=recruiter,
        name="Mentoring",
        kind=Criterion.Kind.MUST_HAVE,
        definition="Grew two engineers.",
    )
    client.force_login(recruiter)
    response = client.get(detail_url(signed_requisition))
    html = response.content.decode()
    assert "v1 signed off" in html
    assert "Re-alignment needed" in html
    assert "Pending draft v2" in html
    assert "Added</span>" in html and "Mentoring" in html
    assert "No stage assesses 1 must-have" in html
    assert "Move to Sourcing" in html


def test_detail_timeline_lists_events(client, signed_requisition, recruiter):
    client.force_login(recruiter)
    response = client.get(detail_url(signed_requisition))
    assert "signed off criteria v1" in response.content.decode()


def _rich_requisition(recruiter, hiring_manager, rows):
    requisition = services.requisition_create(
        actor=recruiter, title="Rich", team="T", location="L", hiring_manager=hiring_manager
    )
    services.requisition_transition(requisition=requisition, to_status=S.INTAKE, actor=recruiter)
    team = [factories.InterviewerFactory() for _ in range(min(rows, 10))]
    services.intake_update(
        requisition=requisition,
        actor=recruiter,
        meeting_at=at(),
        meeting_attendees=team,
        timeline="Q1",
    )
    for i in range(rows):
        services.criterion_add(
            requisition=requisition,
            actor=recruiter,
            name=f"C{i}",
            kind=Criterion.Kind.MUST_HAVE,
            definition="defined",
        )
    services.alignment_meeting_schedule(
        requisition=requisition, actor=recruiter, scheduled_at=at(), attendees=team
    )
    services.criteria_sign_off(requisition=requisition, actor=hiring_manager)
    keys = [c.key for c in selectors.current_signed_version(requisition).criteria.all()]
    for i in range(rows):
        services.interview_stage_add(
            requisition=requisition,
            actor=recruiter,
            name=f"Stage {i}",
            interviewers=team[:3],
            criterion_keys=keys[i : i + 1],
        )
    services.persona_update(requisition=requisition, actor=recruiter, persona="changed")
    return requisition


@pytest.mark.parametrize("rows", [5, 50])
def test_detail_query_count_is_bounded(
    client, recruiter, hiring_manager, rows, django_assert_num_queries
):
    requisition = _rich_requisition(recruiter, hiring_manager, rows)
    client.force_login(recruiter)
    # + stage history (charts), market calibration (3: the criteria are prefetched)
    with django_assert_num_queries(18):
        response = client.get(detail_url(requisition))
    assert response.status_code == 200
    assert len(response.context["page"].signed.criteria.all()) == rows


# --- Transitions ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("to_status", "message", "status_after"),
    [
        (S.INTAKE, "Status is now Intake.", S.INTAKE),
        (S.FILLED, "cannot move from Draft to Filled", S.DRAFT),
    ],
    ids=["moves_status", "shows_clear_message_for_invalid_move"],
)
def test_transition_view(client, recruiter, new_requisition, to_status, message, status_after):
    client.force_login(recruiter)
    response = client.post(
        reverse("requisitions:requisition_transition", args=[new_requisition.pk]),
        {"to_status": to_status},
        follow=True,
    )
    assert message in response.content.decode()
    new_requisition.refresh_from_db()
    assert new_requisition.status == status_after
