from django.urls import path

from debriefs import views

app_name = "debriefs"

urlpatterns = [
    path("", views.interview_list, name="interview_list"),
    path("schedule/", views.interview_schedule_start, name="interview_schedule_start"),
    path(
        "applications/<int:application_pk>/schedule/",
        views.interview_create,
        name="interview_create",
    ),
    path("applications/<int:application_pk>/debrief/", views.debrief, name="debrief"),
    path("applications/<int:application_pk>/follow-up/", views.follow_up, name="follow_up"),
    path("thank-you-notes/", views.thank_you_list, name="thank_you_list"),
    path("<int:pk>/", views.interview_detail, name="interview_detail"),
    path("<int:pk>/reschedule/", views.interview_edit, name="interview_edit"),
    path("<int:pk>/cancel/", views.interview_cancel, name="interview_cancel"),
    path("<int:pk>/invite.ics", views.interview_ics, name="interview_ics"),
    path("<int:interview_pk>/scorecard/", views.scorecard_edit, name="scorecard_edit"),
    path("<int:interview_pk>/thank-you-note/", views.thank_you_note, name="thank_you_note"),
    path(
        "<int:interview_pk>/thank-you-note/retry/",
        views.thank_you_note_retry,
        name="thank_you_note_retry",
    ),
]
