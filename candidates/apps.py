from django.apps import AppConfig


class CandidatesConfig(AppConfig):
    name = "candidates"

    def ready(self) -> None:
        from candidates import demo as candidates_demo
        from candidates import notifications
        from hiring_hub import demo

        notifications.register()
        demo.register_seed(candidates_demo.seed)
