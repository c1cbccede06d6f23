import pytest
from django.urls import reverse
from icalendar import Calendar

from requisitions import selectors, services
from requisitions.models import Criterion, Requisition
from tests import factories
from tests.requisitions.conftest import add_criteria, at

S = Requisition.Status


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
    assert titles(scope="all", status="draft") == ["Designer"]
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
    services.requisition_transition(requisition=requisition, to_status="intake", actor=recruiter)
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
            kind="must_have",
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
    with django_assert_num_queries(16):  # + stage history (charts), market calibration
        response = client.get(detail_url(requisition))
    assert response.status_code == 200
    assert len(response.context["signed"].criteria.all()) == rows


# --- Transitions ---------------------------------------------------------------------------
def test_transition_view_moves_status(client, recruiter, new_requisition):
    client.force_login(recruiter)
    response = client.post(
        reverse("requisitions:requisition_transition", args=[new_requisition.pk]),
        {"to_status": "intake"},
        follow=True,
    )
    assert "Status is now Intake." in response.content.decode()
    new_requisition.refresh_from_db()
    assert new_requisition.status == S.INTAKE


def test_transition_view_shows_clear_message_for_invalid_move(client, recruiter, new_requisition):
    client.force_login(recruiter)
    response = client.post(
        reverse("requisitions:requisition_transition", args=[new_requisition.pk]),
        {"to_status": "filled"},
        follow=True,
    )
    assert "cannot move from Draft to Filled" in response.content.decode()
    new_requisition.refresh_from_db()
    assert new_requisition.status == S.DRAFT


# --- Intake -----------------------------------------------------------------------------
def test_hiring_manager_fills_in_intake_and_history_shows_author(
    client, hiring_manager, new_requisition
):
    client.force_login(hiring_manager)
    url = reverse("requisitions:intake_edit", args=[new_requisition.pk])
    response = client.post(
        url,
        {"meeting_duration_minutes": 45, "deal_breakers": "No on-call experience"},
        follow=True,
    )
    html = response.content.decode()
    assert "Intake saved." in html
    assert "Maya Manager" in html and "Deal breakers" in html
    new_requisition.intake.refresh_from_db()
    assert new_requisition.intake.deal_breakers == "No on-call experience"


def test_intake_ics_download(client, hiring_manager, new_requisition):
    services.intake_update(requisition=new_requisition, actor=hiring_manager, meeting_at=at())
    client.force_login(hiring_manager)
    response = client.get(reverse("requisitions:intake_ics", args=[new_requisition.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    assert Calendar.from_ical(response.content).walk("VEVENT")


def test_intake_ics_without_meeting_is_404(client, recruiter, new_requisition):
    client.force_login(recruiter)
    response = client.get(reverse("requisitions:intake_ics", args=[new_requisition.pk]))
    assert response.status_code == 404


# --- Criteria ------------------------------------------------------------------------------
def test_must_have_without_definition_rerenders_with_message(client, recruiter, new_requisition):
    client.force_login(recruiter)
    response = client.post(
        reverse("requisitions:criterion_add", args=[new_requisition.pk]),
        {"name": "Strategic thinker", "kind": "must_have", "category": "skill"},
    )
    assert response.status_code == 200
    assert b"A must-have needs a definition" in response.content
    assert b'value="Strategic thinker"' in response.content


def test_editing_signed_criterion_warns_then_starts_draft(
    client, recruiter, signed_requisition, mailoutbox, django_capture_on_commit_callbacks
):
    criterion = selectors.current_signed_version(signed_requisition).criteria.first()
    url = reverse("requisitions:criterion_edit", args=[signed_requisition.pk, criterion.key])
    client.force_login(recruiter)
    assert b"Saving starts a new draft version" in client.get(url).content
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {
                "name": "Strategic thinker",
                "kind": "must_have",
                "category": "skill",
                "definition": "Different now",
                "order": 0,
            },
        )
    signed_requisition.refresh_from_db()
    assert signed_requisition.realignment_needed
    assert len(mailoutbox) == 1


def test_hiring_manager_signs_off_on_sign_off_page(client, hiring_manager, new_requisition):
    add_criteria(new_requisition, new_requisition.recruiter)
    client.force_login(hiring_manager)
    url = reverse("requisitions:criteria_sign_off", args=[new_requisition.pk])
    assert b"Sign off v1" in client.get(url).content
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    assert selectors.current_signed_version(new_requisition).number == 1


def test_sign_off_without_confirmation_is_refused(client, hiring_manager, new_requisition):
    add_criteria(new_requisition, new_requisition.recruiter)
    client.force_login(hiring_manager)
    response = client.post(reverse("requisitions:criteria_sign_off", args=[new_requisition.pk]))
    assert response.status_code == 200
    assert selectors.current_signed_version(new_requisition) is None


# --- Alignment meetings and plan -----------------------------------------------------------
def test_schedule_alignment_meeting_then_download_invite(client, recruiter, signed_requisition):
    client.force_login(recruiter)
    response = client.post(
        reverse("requisitions:alignment_meeting_create", args=[signed_requisition.pk]),
        {"scheduled_at": "2026-12-01T10:00", "duration_minutes": 60},
    )
    meeting = signed_requisition.alignment_meetings.get()
    assert response.url == reverse("requisitions:alignment_meeting_edit", args=[meeting.pk])
    ics = client.get(reverse("requisitions:alignment_meeting_ics", args=[meeting.pk]))
    [event] = Calendar.from_ical(ics.content).walk("VEVENT")
    # the recruiter's zone is UTC in the factory, so 10:00 local is 10:00Z
    assert event["dtstart"].to_ical() == b"20261201T100000Z"


def test_add_stage_with_criteria(client, recruiter, interviewer, signed_requisition):
    must = selectors.current_signed_version(signed_requisition).criteria.get(kind="must_have")
    client.force_login(recruiter)
    client.post(
        reverse("requisitions:interview_stage_add", args=[signed_requisition.pk]),
        {
            "name": "System design",
            "duration_minutes": 60,
            "interviewers": [interviewer.pk],
            "criterion_keys": [str(must.key)],
        },
    )
    stage = signed_requisition.interview_stages.get()
    assert stage.criterion_keys == [str(must.key)]
    response = client.get(detail_url(signed_requisition))
    assert "No stage assesses" not in response.content.decode()


def test_removing_a_signed_criterion_starts_a_draft_without_it(
    client, recruiter, signed_requisition
):
    signed = selectors.current_signed_version(signed_requisition)
    nice = signed.criteria.get(kind="nice_to_have")
    client.force_login(recruiter)
    client.post(reverse("requisitions:criterion_remove", args=[signed_requisition.pk, nice.key]))
    signed_requisition.refresh_from_db()
    draft = selectors.draft_version(signed_requisition)
    assert signed_requisition.realignment_needed
    assert nice.key not in {c.key for c in draft.criteria.all()}
    assert signed.criteria.filter(key=nice.key).exists()


def test_persona_page_warns_that_saving_reopens_alignment(client, recruiter, signed_requisition):
    client.force_login(recruiter)
    response = client.get(reverse("requisitions:persona_edit", args=[signed_requisition.pk]))
    assert b"asks the hiring manager to re-align" in response.content


# --- Single-line fields ----------------------------------------------------------------------
ONE_LINE = "Enter this on one line"


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


def test_criterion_form_refuses_a_name_with_a_line_break(client, recruiter, new_requisition):
    client.force_login(recruiter)

    response = client.post(
        reverse("requisitions:criterion_add", args=[new_requisition.pk]),
        {"name": "Calm\r\nunder pressure", "kind": "nice_to_have", "category": "skill"},
    )

    assert response.status_code == 200
    assert ONE_LINE in response.content.decode()
    assert not Criterion.objects.exists()


def test_stage_form_refuses_a_name_with_a_line_break(client, recruiter, signed_requisition):
    client.force_login(recruiter)

    response = client.post(
        reverse("requisitions:interview_stage_add", args=[signed_requisition.pk]),
        {"name": "Screen\u2028call", "duration_minutes": 60},
    )

    assert response.status_code == 200
    assert ONE_LINE in response.content.decode()
    assert not signed_requisition.interview_stages.exists()


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


# --- Sign-off: request changes -----------------------------------------------------------
def _draft_for_sign_off(requisition, recruiter):
    services.requisition_transition(requisition=requisition, to_status="intake", actor=recruiter)
    add_criteria(requisition, recruiter)


def test_manager_requests_changes_instead_of_signing_off(
    client,
    new_requisition,
    recruiter,
    hiring_manager,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    _draft_for_sign_off(new_requisition, recruiter)
    client.force_login(hiring_manager)
    page = client.get(reverse("requisitions:criteria_sign_off", args=[new_requisition.pk]))
    assert "Request changes" in page.content.decode()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("requisitions:criteria_changes_request", args=[new_requisition.pk]),
            {"comment": "Payments domain should be a must-have"},
        )
    assert response.status_code == 302
    event = new_requisition.events.get(kind="sign_off_changes")
    assert "Payments domain should be a must-have" in event.message
    assert [m.to for m in mailoutbox] == [[recruiter.email]]
    assert "Payments domain should be a must-have" in mailoutbox[0].body
    new_requisition.refresh_from_db()
    assert new_requisition.status == S.INTAKE
    assert selectors.draft_version(new_requisition) is not None


def test_a_changes_request_needs_its_comment_shown_beside_the_field(
    client, new_requisition, recruiter, hiring_manager
):
    _draft_for_sign_off(new_requisition, recruiter)
    client.force_login(hiring_manager)
    response = client.post(
        reverse("requisitions:criteria_changes_request", args=[new_requisition.pk]),
        {"comment": "  "},
    )
    assert response.status_code == 200
    assert response.context["changes_form"].errors["comment"]
    assert not new_requisition.events.filter(kind="sign_off_changes").exists()


@pytest.mark.parametrize("who", ["recruiter", "interviewer"])
def test_only_the_hiring_manager_requests_changes(
    client, new_requisition, recruiter, interviewer, who
):
    _draft_for_sign_off(new_requisition, recruiter)
    client.force_login(recruiter if who == "recruiter" else interviewer)
    response = client.post(
        reverse("requisitions:criteria_changes_request", args=[new_requisition.pk]),
        {"comment": "Change it"},
    )
    assert response.status_code in (403, 404)
    assert not new_requisition.events.filter(kind="sign_off_changes").exists()
