"""The audit trail: who changed what, when, from where, with the relevant fields before and
after. Services call `audit_record` inside their own transaction, so the row exists exactly
when the change does (a rolled-back change leaves no entry). The request it came from (client
address, browser) is read from `hiring_hub.middleware.AuditRequestMiddleware`; a job or the
shell has none.

What is audited, and where the call is made: README, "Audit trail"."""

import datetime as dt
import decimal
import json
import re
from collections.abc import Iterable

from allauth.account.adapter import get_adapter
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import models

from hiring_hub.middleware import current_request
from hiring_hub.models import AuditEntry, User

USER_AGENT_LENGTH = AuditEntry._meta.get_field("user_agent").max_length
LABEL_LENGTH = AuditEntry._meta.get_field("target_label").max_length


def client_ip(request) -> str | None:
    """The client's address as the login limits see it (allauth's rule, honouring
    TRUSTED_PROXY_COUNT), or None when it cannot be told."""
    try:
        return get_adapter(request).get_client_ip(request)
    except (PermissionDenied, ImproperlyConfigured):
        return None


def audit_fields(obj: models.Model, fields: Iterable[str]) -> dict:
    """The named fields of a model instance as JSON-ready values: a foreign key as its id,
    decimals as text (no float rounding of a salary), dates and times in ISO form."""
    values = {}
    for name in fields:
        field = obj._meta.get_field(name)
        # As the database will hold it: 95000 given for a salary is kept as "95000.00".
        value = getattr(obj, field.attname)
        if value is not None and not field.is_relation:
            value = field.to_python(value)
        if isinstance(value, decimal.Decimal):
            places = getattr(field, "decimal_places", None)
            value = str(value if places is None else value.quantize(decimal.Decimal(10) ** -places))
        elif isinstance(value, dt.date | dt.datetime):
            value = value.isoformat()
        values[name] = value
    return values


def audit_record(
    *,
    actor: User | None,
    action: str,
    target: models.Model,
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEntry:
    """Write one audit entry in the current transaction (one INSERT). `action` is a short
    code, "<noun>.<verb>" ("criteria.sign_off"); `before`/`after` hold the relevant fields
    only. The actor may be None (a scheduled job)."""
    request = current_request.get()
    ip, user_agent = None, ""
    if request is not None:
        ip = client_ip(request)
        user_agent = request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_LENGTH]
    actor = actor if actor is not None and actor.is_authenticated else None
    entry = AuditEntry(
        actor=actor,
        actor_label=(f"{actor.full_name} <{actor.email}>" if actor else "system")[:300],
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=str(target)[:LABEL_LENGTH],
        before=before,
        after=after,
        ip_address=ip,
        user_agent=user_agent,
    )
    entry.save()
    return entry


def audit_scrub(*, terms: Iterable[str], pattern: re.Pattern, placeholder: str) -> int:
    """Erasure of a person: where an audit entry's label or before/after text mentions them
    (any of `terms`: their name, its parts, their address), replace each match of `pattern`
    with `placeholder`, in the current transaction. Who acted, what, when and from where
    stay. This is the only change an audit entry ever takes besides the removal of an
    account (the PostgreSQL trigger allows it only inside a transaction that sets
    hiring_hub.erasing)."""
    from django.db import connection
    from django.db.models import Q

    mentions = Q()
    for term in terms:
        if term:
            variants = {term, json.dumps(term)[1:-1]}  # JSON may store it escaped
            for text in variants:
                mentions |= (
                    Q(target_label__icontains=text)
                    | Q(before__icontains=text)
                    | Q(after__icontains=text)
                )
    if not mentions:
        return 0

    def scrub(value):
        if value is None:
            return None
        return json.loads(pattern.sub(placeholder, json.dumps(value, ensure_ascii=False)))

    entries = list(
        AuditEntry.objects.filter(mentions).values_list("pk", "target_label", "before", "after")
    )
    table = AuditEntry._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL hiring_hub.erasing = 'on'")
        for pk, label, before, after in entries:
            cursor.execute(
                f'UPDATE {table} SET target_label = %s, "before" = %s, "after" = %s WHERE id = %s',
                [
                    pattern.sub(placeholder, label),
                    None if before is None else json.dumps(scrub(before)),
                    None if after is None else json.dumps(scrub(after)),
                    pk,
                ],
            )
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL hiring_hub.erasing = 'off'")
    return len(entries)
