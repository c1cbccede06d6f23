from requisitions import selectors, services
from tests import factories


def test_dashboard_panel_lists_criteria_waiting_for_the_managers_sign_off(
    signed_requisition, recruiter, hiring_manager
):
    assert selectors.dashboard_panel(hiring_manager)["to_sign"] == []
    services.persona_update(requisition=signed_requisition, actor=recruiter, persona="new")
    assert selectors.dashboard_panel(hiring_manager)["to_sign"] == [signed_requisition]
    assert selectors.dashboard_panel(recruiter)["realignment"] == [signed_requisition]


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
