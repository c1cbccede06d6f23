"""Kinds of message: what apps register (`register_kind`, from AppConfig.ready), who may
switch a kind off, and the signed unsubscribe links."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core import signing

from hiring_hub.models import NotificationOptOut, User

UNSUBSCRIBE_SALT = "hiring_hub.unsubscribe"


# --- Kinds -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Kind:
    """A kind of message. `can_opt_out` kinds appear on the profile and carry
    List-Unsubscribe; `find_due` makes it a scheduled sweep."""

    key: str
    label: str
    can_opt_out: bool = False
    find_due: Callable[[dt.datetime], Iterable[Due]] | None = None


KINDS: dict[str, Kind] = {}


def register_kind(
    key: str,
    label: str,
    *,
    can_opt_out: bool = False,
    find_due: Callable[[dt.datetime], Iterable[Due]] | None = None,
) -> Kind:
    """Called by an app (from its AppConfig.ready) for each kind of message it sends."""
    kind = Kind(key=key, label=label, can_opt_out=can_opt_out, find_due=find_due)
    KINDS[key] = kind
    return kind


def opt_out_kinds() -> list[Kind]:
    return [kind for kind in KINDS.values() if kind.can_opt_out]


def swept_kinds() -> list[str]:
    return [key for key, kind in KINDS.items() if kind.find_due]


def kind_label(key: str) -> str:
    return KINDS[key].label if key in KINDS else key.replace("_", " ").capitalize()


def opted_out(kind: str) -> set[int]:
    """Users who switched `kind` off (one query)."""
    return set(NotificationOptOut.objects.filter(kind=kind).values_list("user_id", flat=True))


def reachable(user: User | None, opted_out_ids: set[int] = frozenset()) -> bool:
    return bool(user and user.is_active and user.email and user.pk not in opted_out_ids)


def unsubscribe_token(user: User, kind: str) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_read(token: str) -> tuple[int, str]:
    """(user id, kind) of a valid token; raises signing.BadSignature."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    return int(data["u"]), str(data["k"])


@dataclass
class Due:
    """One message a sweep found due. `context` is built only for messages not yet in the
    outbox (building it may take queries)."""

    kind: str
    recipient: User
    subject_key: str
    period: str
    subject: str
    template: str
    context: Callable[[], dict] = field(repr=False)
