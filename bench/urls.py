"""The app's URLs plus the benchmark's floor views (bench/floors.py), never in the app."""

from django.urls import path

from bench import floors
from hiring_hub.urls import handler403, handler404, handler500
from hiring_hub.urls import urlpatterns as app_urlpatterns

urlpatterns = [
    path("bench/floor/<slug:name>/", floors.floor, name="bench_floor"),
    path("bench/floor-layout/<slug:name>/", floors.floor_layout, name="bench_floor_layout"),
    *app_urlpatterns,
]
__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
