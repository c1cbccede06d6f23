from django.apps import AppConfig


class RequisitionsConfig(AppConfig):
    name = "requisitions"

    def ready(self) -> None:
        from hiring_hub import demo
        from requisitions import demo as requisitions_demo
        from requisitions import notifications

        notifications.register()
        demo.register_seed(requisitions_demo.seed)
