"""allauth customisation: no open sign-up, invitations only; login limits that count failures;
its emails (password reset) go through the outbox like every other email, and a reset for an
address without an account takes as long as one for an address with one.

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
import time

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.core import context as allauth_context
from allauth.core import ratelimit
from allauth.core.internal import ratelimit as ratelimit_internal
from django.contrib.sites.shortcuts import get_current_site
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.crypto import salted_hmac

from hiring_hub import outbox
from hiring_hub.models import User
from hiring_hub.services import ACCOUNT

# allauth's email to an address with no account (ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS, on by default).
UNKNOWN_ACCOUNT = "account/email/unknown_account"


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
        if template_prefix == UNKNOWN_ACCOUNT:
            # allauth has just found no account for the address: no lookup again.
            user = None
            _work_of_a_reset_link(email)
        elif not isinstance(user, User):
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
        if _failures_reach_a_limit(request, key):
            raise self.validation_error("too_many_login_attempts")

    def authentication_failed(self, request, **credentials) -> None:
        key = self._get_login_attempts_cache_key(request, **credentials)
        ratelimit.consume(request, action="login_failed", key=key)


def _failures_reach_a_limit(request, key: str) -> bool:
    """Whether the failures recorded for `key` (and the client's address) reach a
    "login_failed" limit. A read of the counts allauth keeps, without the lock allauth takes
    around each count: a whole office logging in from one address at the same moment would
    queue on the address's lock, and allauth refuses whoever waits more than a second."""
    now = time.time()
    app, action = "allauth.account", "login_failed"
    for rate in ratelimit_internal.get_rates(app=app, action=action):
        cache_key = ratelimit_internal.get_cache_key(
            request, app=app, action=action, rate=rate, key=key
        )
        history = list(cache.get(cache_key, []))
        allowed, _ = ratelimit_internal.apply_rate(history, now, rate, dry_run=True)
        if not allowed:
            return True
    return False


def _work_of_a_reset_link(email: str) -> None:
    """What a reset link costs, done for an address without an account, so that the answer's
    time does not tell whether the address has one (bench/password_reset.py measures both;
    test_accounts.py pins the statements). With an account (a verified address, as
    invitations record it) allauth reads the address with its user, then its token generator
    checks the address, reads the account's addresses and takes an HMAC. Without one, allauth
    reads the address table and then the user table; checking the address and an HMAC of the
    same size make the same four statements and the same hashing."""
    EmailAddress.objects.filter(user_id=None, email=email).exists()
    salted_hmac(UNKNOWN_ACCOUNT, f"0{email}{'x' * 100}", algorithm="sha256").hexdigest()


def client_network(ip: str) -> str:
    """An IPv4 address as it is; an IPv6 one as its /64, which one client can fill."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if address.version == 6:
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False).network_address)
    return ip
