from requisitions import selectors, services
from requisitions.forms import IntakeForm
from requisitions.models import CriteriaVersion, Intake, Requisition
from requisitions.selectors.intake import IntakeAnswer
from tests import factories


def test_dashboard_panel_lists_criteria_waiting_for_the_managers_sign_off(
    signed_requisition, recruiter, hiring_manager
):
    assert selectors.dashboard_panel(hiring_manager)["to_sign"] == []
    services.persona_update(requisition=signed_requisition, actor=recruiter, persona="new")
    assert selectors.dashboard_panel(hiring_manager)["to_sign"] == [signed_requisition]
    assert selectors.dashboard_panel(recruiter)["realignment"] == [signed_requisition]


def test_criteria_waiting_for_sign_off_wait_since_the_latest_draft(
    signed_requisition, recruiter, hiring_manager
):
    services.persona_update(requisition=signed_requisition, actor=recruiter, persona="new")
    draft = signed_requisition.criteria_versions.filter(status=CriteriaVersion.Status.DRAFT)
    [waiting] = selectors.dashboard_panel(hiring_manager)["to_sign"]
    assert waiting.waiting_since == draft.order_by("-number").first().created_at


def test_dashboard_panel_lists_recruiters_searches_before_alignment(new_requisition, recruiter):
    assert selectors.dashboard_panel(recruiter)["before_alignment"] == [new_requisition]
    assert selectors.dashboard_panel(factories.RecruiterFactory())["before_alignment"] == []


def test_requisition_list_scopes_to_visible(new_requisition, hiring_manager):
    other = factories.HiringManagerFactory()
    assert list(selectors.requisition_list(user=hiring_manager)) == [new_requisition]
    assert list(selectors.requisition_list(user=other)) == []


def test_intake_page_renders_for_requisition_without_intake(client, hiring_manager):
    requisition = factories.RequisitionFactory(hiring_manager=hiring_manager)
    client.force_login(hiring_manager)
    response = client.get(f"/requisitions/{requisition.pk}/intake/")
    assert response.status_code == 200
    response = client.post(
        f"/requisitions/{requisition.pk}/intake/",
        {"meeting_duration_minutes": 45, "timeline": "Soon"},
    )
    assert response.status_code == 302
    assert requisition.intake.revisions.count() == 1


def test_the_open_status_filter_lists_every_open_status(new_requisition, recruiter):
    filled = factories.RequisitionFactory(recruiter=recruiter, status=Requisition.Status.FILLED)
    assert selectors.status_filter(selectors.OPEN_STATUSES) == selectors.OPEN_STATUSES
    assert selectors.status_filter("nonsense") == ""
    open_ones = selectors.requisition_list(user=recruiter, status=selectors.OPEN_STATUSES)
    assert new_requisition in open_ones and filled not in open_ones


def test_the_page_and_the_form_lay_the_intake_out_by_the_models_sections(
    new_requisition, hiring_manager
):
    services.intake_update(requisition=new_requisition, actor=hiring_manager, timeline="Q3")
    intake = Intake.objects.get(requisition=new_requisition)
    titles = [title for title, _ in Intake.SECTIONS]

    page = selectors.intake_sections(intake)
    form = selectors.intake_form_sections(IntakeForm(instance=intake))

    assert [s.title for s in page] == [s.title for s in form] == titles
    assert [len(s.answers) for s in page] == [len(s.fields) for s in form]
    assert [f.name for s in form for f in s.fields] == list(Intake.CONTENT_FIELDS)
    assert IntakeAnswer(label="Timeline", value="Q3") in page[-1].answers


def test_the_alignment_agenda_walks_the_intake_by_its_sections(new_requisition, hiring_manager):
    services.intake_update(
        requisition=new_requisition,
        actor=hiring_manager,
        team_dynamics="Two pods, one on-call rota.",
        timeline="Start in Q3.",
    )

    agenda = selectors.alignment_agenda(new_requisition)

    headings = [line for line in agenda.splitlines() if line[:1].isdigit()]
    assert headings[: len(Intake.SECTIONS)] == [
        f"{n}. {title}" for n, (title, _) in enumerate(Intake.SECTIONS, start=1)
    ]
    assert "- Team dynamics: Two pods, one on-call rota." in agenda
    assert "- Timeline: Start in Q3." in agenda
    assert "Not captured in the intake yet" in agenda  # lessons from the past are empty
