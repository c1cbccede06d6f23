"""allauth customisation: no open sign-up, invitations only."""

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Users are invited by an admin or a recruiter (see hiring_hub.services.user_invite).
        return False
