from django.conf import settings
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from hiring_hub import views

urlpatterns = [
    path("", views.home, name="home"),
    path("navigation-counts/", views.navigation_counts, name="navigation_counts"),
    path("healthz", views.healthz, name="healthz"),
    path("livez", views.livez, name="livez"),
    # Browsers ask for /favicon.ico whatever the page links to.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.svg"))),
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
if settings.DEBUG:
    # The development mail viewer exists only in DEBUG: not even routed in production.
    urlpatterns.append(path("dev/mail/", include("hiring_hub.devmail.urls")))

handler403 = "hiring_hub.views.permission_denied"
handler404 = "hiring_hub.views.page_not_found"
handler500 = "hiring_hub.views.server_error"
