from django.urls import include, path

from debriefs import views

app_name = "debriefs"

# An interviewer's own scorecard: the page, then one URL per action.
scorecard_urls = [
    path("", views.scorecard_edit, name="scorecard_edit"),
    path("save/", views.scorecard_save_draft, name="scorecard_save_draft"),
    path("submit/", views.scorecard_submit, name="scorecard_submit"),
    path("amend/", views.scorecard_amend, name="scorecard_amend"),
]
# An interview's thank-you note: the page, then one URL per action.
thank_you_note_urls = [
    path("", views.thank_you_note, name="thank_you_note"),
    path("save/", views.thank_you_note_save, name="thank_you_note_save"),
    path("send/", views.thank_you_note_send, name="thank_you_note_send"),
    path("mark-sent/", views.thank_you_note_mark_sent, name="thank_you_note_mark_sent"),
    path("retry/", views.thank_you_note_retry, name="thank_you_note_retry"),
]

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
    path("<int:interview_pk>/scorecard/", include(scorecard_urls)),
    path("<int:interview_pk>/thank-you-note/", include(thank_you_note_urls)),
]
