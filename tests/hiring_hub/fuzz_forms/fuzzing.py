"""How the form fuzzing posts (its strategies are in `strategies.py`): Hypothesis settings,
the post that checks a refused post changed nothing and an accepted one's emails are
well-formed, the world references resolved in posted values, `fuzz_test` for a form that
needs nothing more, and the counts reported by test_what_it_found."""

import re
from email.utils import getaddresses, parseaddr

from django.contrib.messages import constants as message_levels
from django.core import mail
from django.core.cache import cache
from django.core.validators import validate_email
from django.db import transaction
from hypothesis import HealthCheck, given, settings

from hiring_hub import outbox
from hiring_hub.models import OutboundMessage
from tests.hiring_hub.access_matrix import fingerprint, url_for

EXAMPLES = 40
# The forms added to the fuzzing later take fewer examples each, to keep the suite fast.
MORE_EXAMPLES = 25
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FUZZ_MORE = settings(FUZZ, max_examples=MORE_EXAMPLES)
POSTED: dict[str, int] = {}
ACCEPTED: dict[str, int] = {}
EMAILS_CHECKED: dict[str, int] = {}

# Every character that ends a line somewhere (str.splitlines), so none may be in a subject.
LINE_BREAK = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _refused(response) -> bool:
    """Not a redirect, or a redirect whose only messages are errors (the views that always
    redirect say what was wrong in a message)."""
    if response.status_code != 302:
        return True
    storage = getattr(response.wsgi_request, "_messages", None)
    queued = list(getattr(storage, "_queued_messages", []))
    errors = [m for m in queued if m.level == message_levels.ERROR]
    return bool(errors) and len(errors) == len(queued)


def assert_well_formed(row: OutboundMessage, name: str) -> None:
    """One outbox row is a message a mail server takes: checked field by field, then
    delivered over the locmem backend and rendered as MIME (which builds every header)."""
    where = f"{name}: {row.kind} message {row.pk}"
    validate_email(row.recipient_email)
    assert row.subject.strip(), where
    assert not LINE_BREAK.search(row.subject), f"{where}: subject {row.subject!r}"
    _, sender = parseaddr(row.from_email)
    assert "@" in sender, f"{where}: From {row.from_email!r}"
    for reply_to in row.reply_to:
        parsed = getaddresses([reply_to])
        assert len(parsed) == 1 and "@" in parsed[0][1], f"{where}: Reply-To {reply_to!r}"
    assert row.body_text.strip(), f"{where}: empty body"
    assert not OutboundMessage.objects.filter(message_id=row.message_id).exclude(pk=row.pk)
    sent_before = len(mail.outbox)
    assert outbox.deliver(row.pk) == OutboundMessage.State.SENT, (
        f"{where}: {OutboundMessage.objects.get(pk=row.pk).last_error}"
    )
    (email,) = mail.outbox[sent_before:]
    assert email.to == [row.recipient_email]
    rendered = email.message()
    assert rendered["Message-ID"] == row.message_id
    assert not LINE_BREAK.search(str(rendered["Subject"]).replace("\n ", "")), where
    rendered.as_bytes()
    EMAILS_CHECKED[name] = EMAILS_CHECKED.get(name, 0) + 1


def post(client, url: str, data: dict, name: str) -> None:
    POSTED[name] = POSTED.get(name, 0) + 1
    with transaction.atomic():
        before = fingerprint()
        last_message = OutboundMessage.objects.order_by("-pk").values_list("pk", flat=True)
        last_message = last_message.first() or 0
        response = client.post(url, data)
        assert response.status_code != 500
        if _refused(response):
            assert fingerprint() == before, f"refused post to {name} wrote: {data!r}"
        else:
            ACCEPTED[name] = ACCEPTED.get(name, 0) + 1
            for row in OutboundMessage.objects.filter(pk__gt=last_message).order_by("pk"):
                assert_well_formed(row, name)
        transaction.set_rollback(True)


def login_as(client, world, role):
    client.force_login(world.user(role))
    return client


def _resolve(world, value):
    if isinstance(value, list):
        return [_resolve(world, v) for v in value]
    if not isinstance(value, str) or not value.startswith("@"):
        return value
    kind, sep, ref = value[1:].partition(":")
    if not sep:  # generated text that merely starts with "@", not a reference
        return value
    if kind == "user":
        return str(world.user(ref).pk)
    if kind == "key":
        return str(world.objects[ref].key)
    if kind == "email":
        return world.user(ref).email
    return str(world.objects[ref].pk)


def fuzz(client, world, role: str, url_name: str, data: dict, name: str, **url_kwargs):
    login_as(client, world, role)
    data = {field: _resolve(world, value) for field, value in data.items()}
    post(client, url_for(world, url_name, **url_kwargs), data, name)


def fuzz_url(client, world, role: str | None, url: str, data: dict, name: str) -> None:
    """A URL outside the access matrix (allauth's); role None: anonymous. The login limits
    start afresh for each example (hitting them is tested in test_accounts.py)."""
    cache.clear()
    if role is None:
        client.logout()
    else:
        login_as(client, world, role)
    data = {field: _resolve(world, value) for field, value in data.items()}
    post(client, url, data, name)


def fuzz_test(run, data, role: str, url_name: str, name: str):
    """The test `test_fuzz_<name>`: posts each example of `data` (a strategy) to `url_name`
    as `role` through `fuzz`, `run` (FUZZ or FUZZ_MORE) deciding how many; `name` also keys
    the report. For forms whose test needs nothing more."""

    def test(client, world, data):
        fuzz(client, world, role, url_name, data, name)

    # Named before @given: the derandomized examples are seeded by the test's name.
    test.__name__ = test.__qualname__ = f"test_fuzz_{name}"
    return run(given(data=data)(test))
