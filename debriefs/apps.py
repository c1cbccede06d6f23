from django.apps import AppConfig


class DebriefsConfig(AppConfig):
    name = "debriefs"

    def ready(self) -> None:
        from debriefs import demo as debriefs_demo
        from debriefs import notifications, partnership_demo
        from hiring_hub import demo

        notifications.register()
        demo.register_seed(debriefs_demo.seed)
        demo.register_seed(partnership_demo.seed)
