from django.apps import AppConfig


class HiringHubConfig(AppConfig):
    name = "hiring_hub"
    verbose_name = "Hiring Hub"
