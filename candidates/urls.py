from django.urls import path

from candidates import views

app_name = "candidates"

urlpatterns = [
    path("", views.candidate_list, name="candidate_list"),
    path("new/", views.candidate_create, name="candidate_create"),
    path("<int:pk>/", views.candidate_detail, name="candidate_detail"),
    path("<int:pk>/edit/", views.candidate_edit, name="candidate_edit"),
    path(
        "<int:pk>/add-to-requisition/",
        views.candidate_add_to_requisition,
        name="candidate_add_to_requisition",
    ),
    path("<int:pk>/export/", views.candidate_export, name="candidate_export"),
    path("<int:pk>/erase/", views.candidate_erase, name="candidate_erase"),
    path("<int:pk>/resume/", views.resume_download, name="resume_download"),
    path("<int:pk>/resume/preview/", views.resume_preview, name="resume_preview"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/move/", views.application_move, name="application_move"),
    path(
        "applications/<int:pk>/board-move/",
        views.application_board_move,
        name="application_board_move",
    ),
    path("applications/<int:pk>/assessment/", views.assessment_edit, name="assessment_edit"),
    path("applications/<int:application_pk>/offer/", views.offer_detail, name="offer_detail"),
    path(
        "applications/<int:application_pk>/offer/terms/",
        views.offer_terms,
        name="offer_terms",
    ),
    path(
        "applications/<int:application_pk>/offer/approve/",
        views.offer_approve,
        name="offer_approve",
    ),
    path(
        "applications/<int:application_pk>/offer/verbal/",
        views.offer_verbal,
        name="offer_verbal",
    ),
    path(
        "applications/<int:application_pk>/offer/written/",
        views.offer_written,
        name="offer_written",
    ),
    path(
        "applications/<int:application_pk>/offer/note/",
        views.offer_note,
        name="offer_note",
    ),
    path(
        "applications/<int:application_pk>/offer/outcome/",
        views.offer_outcome,
        name="offer_outcome",
    ),
    path("requisitions/<int:requisition_pk>/pipeline/", views.pipeline, name="pipeline"),
    path("requisitions/<int:requisition_pk>/pipeline.csv", views.pipeline_csv, name="pipeline_csv"),
    path(
        "requisitions/<int:requisition_pk>/shortlists/new/",
        views.shortlist_create,
        name="shortlist_create",
    ),
    path("shortlists/", views.shortlist_inbox, name="shortlist_inbox"),
    path("shortlists/<int:pk>/", views.shortlist_detail, name="shortlist_detail"),
    path("shortlists/<int:pk>/review/", views.shortlist_review, name="shortlist_review"),
    path(
        "shortlists/<int:pk>/review/next/",
        views.shortlist_review_next,
        name="shortlist_review_next",
    ),
    path(
        "shortlists/entries/<int:pk>/answer/",
        views.shortlist_entry_form,
        name="shortlist_entry_form",
    ),
    path(
        "shortlists/entries/<int:pk>/decide/",
        views.shortlist_entry_decide,
        name="shortlist_entry_decide",
    ),
    path(
        "shortlists/entries/<int:pk>/messages/",
        views.shortlist_message,
        name="shortlist_message",
    ),
]
