"""allauth customisation: no open sign-up, invitations only, and its emails (password reset)
go through the outbox like every other email."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.template.loader import render_to_string

from hiring_hub import outbox
from hiring_hub.models import User
from hiring_hub.services import ACCOUNT


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Users are invited by an admin or a recruiter (see hiring_hub.services.user_invite).
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render allauth's subject and text, and write them into the outbox in our layout: the
        request only inserts a row, whether or not the address has an account."""
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        subject = render_to_string(f"{template_prefix}_subject.txt", ctx, request)
        body = render_to_string(f"{template_prefix}_message.txt", ctx, request).strip()
        user = context.get("user")
        if not isinstance(user, User):
            user = User.objects.filter(email__iexact=email, is_active=True).first()
        outbox.message_enqueue(
            kind=ACCOUNT,
            to=user or email,
            about=f"account:{template_prefix.rsplit('/', 1)[-1]}",
            subject=outbox.single_line(subject),
            template="account_message",
            context={"body": body},
        )
