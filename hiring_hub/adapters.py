"""allauth customisation: no open sign-up, invitations only; login limits that count failures;
its emails (password reset) go through the outbox like every other email.

Login limits (settings.ACCOUNT_RATE_LIMITS["login_failed"]) stop guessing without letting a
stranger lock a user out, or an office behind one address lock itself out:

- only a failed attempt is counted; a login that succeeds leaves no trace (allauth counts
  every attempt first and takes a success back afterwards, so 40 people of one office logging
  in at the same moment were refused as if they were guessing);
- the per-account limit is kept per (account, client address) pair: wrong passwords typed
  from an attacker's address do not stop the owner logging in from theirs;
- a per-address limit bounds the guesses one address makes over all accounts.
"""

import ipaddress

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core import ratelimit
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

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # allauth keys the limit by account; we key it by (account, address). Password reset
        # clears the same key, so a successful reset frees the owner's own address.
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}:{client_network(self.get_client_ip(request))}"

    def pre_authenticate(self, request, **credentials) -> None:
        # Refuse once the failures reached a limit, but do not count this attempt yet.
        key = self._get_login_attempts_cache_key(request, **credentials)
        if not ratelimit.consume(request, action="login_failed", key=key, dry_run=True):
            raise self.validation_error("too_many_login_attempts")

    def authentication_failed(self, request, **credentials) -> None:
        key = self._get_login_attempts_cache_key(request, **credentials)
        ratelimit.consume(request, action="login_failed", key=key)


def client_network(ip: str) -> str:
    """An IPv4 address as it is; an IPv6 one as its /64, which one client can fill."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if address.version == 6:
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False).network_address)
    return ip
