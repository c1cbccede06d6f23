"""allauth customisation: no open sign-up, invitations only; login limits that count failures.

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
from allauth.core import ratelimit


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Users are invited by an admin or a recruiter (see hiring_hub.services.user_invite).
        return False

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
