from django.contrib import admin
from django.urls import include, path

from hiring_hub import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("livez", views.livez, name="livez"),
    path("team/", views.user_list, name="user_list"),
    path("profile/", views.profile, name="profile"),
    path(
        "notifications/unsubscribe/<str:token>/",
        views.notification_unsubscribe,
        name="notification_unsubscribe",
    ),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("requisitions/", include("requisitions.urls")),
    path("candidates/", include("candidates.urls")),
    path("interviews/", include("debriefs.urls")),
]

handler403 = "hiring_hub.views.permission_denied"
handler404 = "hiring_hub.views.page_not_found"
handler500 = "hiring_hub.views.server_error"
