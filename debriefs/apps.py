from django.apps import AppConfig


class DebriefsConfig(AppConfig):
    name = "debriefs"

    def ready(self) -> None:
        from debriefs import notifications

        notifications.register()
