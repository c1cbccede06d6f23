from django.urls import path  # noqa: F401

app_name = "debriefs"

urlpatterns: list = []
