from django.apps import AppConfig


class HiringHubConfig(AppConfig):
    name = "hiring_hub"
    verbose_name = "Hiring Hub"

    def ready(self) -> None:
        from hiring_hub import access, navigation, outbox, services

        outbox.register_kind(services.INVITATION, "Invitations")
        outbox.register_kind(services.ACCOUNT, "Password reset and account")

        # The menu's order across apps: 10 dashboard, 20 requisitions, 30-40 candidates,
        # 50-60 interviews, 70 team, 80 partnerships.
        navigation.register(
            navigation.Entry(10, "Dashboard", "home"),
            navigation.Entry(70, "Team", "user_list", access.can_invite_users),
        )
