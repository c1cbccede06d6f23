from django.urls import path  # noqa: F401

app_name = "requisitions"

urlpatterns: list = []


# === Weekly check-ins (jobs helper) =======================================================
from requisitions import views as _check_in_views  # noqa: E402

urlpatterns += [
    path(
        "<int:requisition_pk>/check-ins/",
        _check_in_views.check_in_list,
        name="check_in_list",
    ),
    path("check-ins/<int:pk>/", _check_in_views.check_in_detail, name="check_in_detail"),
]
# === end weekly check-ins ==================================================================
