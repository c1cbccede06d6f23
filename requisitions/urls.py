from django.urls import path

from requisitions import views

app_name = "requisitions"

urlpatterns = [
    path("", views.requisition_list, name="requisition_list"),
    path("new/", views.requisition_create, name="requisition_create"),
    path("<int:pk>/", views.requisition_detail, name="requisition_detail"),
    path("<int:pk>/edit/", views.requisition_edit, name="requisition_edit"),
    path("<int:pk>/status/", views.requisition_transition, name="requisition_transition"),
    path("<int:pk>/intake/", views.intake_edit, name="intake_edit"),
    path("<int:pk>/intake.ics", views.intake_ics, name="intake_ics"),
    path("<int:pk>/criteria/new/", views.criterion_add, name="criterion_add"),
    path("<int:pk>/criteria/<uuid:key>/", views.criterion_edit, name="criterion_edit"),
    path("<int:pk>/criteria/<uuid:key>/remove/", views.criterion_remove, name="criterion_remove"),
    path("<int:pk>/persona/", views.persona_edit, name="persona_edit"),
    path("<int:pk>/sign-off/", views.criteria_sign_off, name="criteria_sign_off"),
    path(
        "<int:pk>/sign-off/request-changes/",
        views.criteria_changes_request,
        name="criteria_changes_request",
    ),
    path(
        "<int:pk>/alignment-meetings/new/",
        views.alignment_meeting_create,
        name="alignment_meeting_create",
    ),
    path(
        "alignment-meetings/<int:pk>/",
        views.alignment_meeting_edit,
        name="alignment_meeting_edit",
    ),
    path(
        "alignment-meetings/<int:pk>/invite.ics",
        views.alignment_meeting_ics,
        name="alignment_meeting_ics",
    ),
    path("<int:pk>/stages/new/", views.interview_stage_add, name="interview_stage_add"),
    path("stages/<int:pk>/", views.interview_stage_edit, name="interview_stage_edit"),
    path("stages/<int:pk>/remove/", views.interview_stage_remove, name="interview_stage_remove"),
    # Weekly check-ins
    path(
        "<int:requisition_pk>/check-ins/",
        views.check_in_list,
        name="check_in_list",
    ),
    path("check-ins/<int:pk>/", views.check_in_detail, name="check_in_detail"),
    # The partnership beyond one search
    path("team-profiles/<int:user_pk>/", views.team_profile, name="team_profile"),
    path("<int:pk>/retrospective/", views.retrospective, name="retrospective"),
    # The partnership
    path("<int:pk>/partnership/", views.partnership_detail, name="partnership"),
    path(
        "<int:pk>/partnership/agreement/",
        views.partnership_agreement_edit,
        name="partnership_agreement_edit",
    ),
    path(
        "<int:pk>/partnership/pulse/",
        views.partnership_pulse,
        name="partnership_pulse",
    ),
    path("pulse/<str:token>/", views.pulse_answer, name="pulse_answer"),
    path("partnerships/", views.partnership_overview, name="partnership_overview"),
]
