from django.apps import AppConfig


class HiringHubConfig(AppConfig):
    name = "hiring_hub"
    verbose_name = "Hiring Hub"

    def ready(self) -> None:
        from hiring_hub import outbox, services

        outbox.register_kind(services.INVITATION, "Invitations")
        outbox.register_kind(services.ACCOUNT, "Password reset and account")
