from django.apps import AppConfig


class RequisitionsConfig(AppConfig):
    name = "requisitions"

    def ready(self) -> None:
        from requisitions import notifications

        notifications.register()
