"""The outbox: the one door every email leaves by.

Delivery guarantee: every message is written in the transaction of the action that causes it
and is delivered at least once, with the same Message-ID on every attempt; a lost task, a
broker outage or a worker killed mid-send delays a message but never loses it.

How:

- `message_enqueue()` renders the message (one layout, text + HTML) and inserts an
  `OutboundMessage` row in the caller's transaction. On commit a Celery task is asked to
  deliver it at once; if the broker cannot be reached the request does not notice (it is
  logged) and the next `deliver_due()` run of beat picks the row up.
- `deliver()` claims a row with a conditional UPDATE that sets a lease (`claimed_until`) and a
  claim token, sends it over Django's mail system with a timeout, and records the outcome only
  if it still holds the claim. A worker that died leaves a claim whose lease expires; the row
  is then delivered again, with the same Message-ID. Only a message whose SMTP send completed
  just before the kill can arrive twice.
- A transient failure is retried with exponential back-off up to NOTIFICATION_MAX_ATTEMPTS; a
  permanent one (an address the server refuses, a 5xx answer) is given up at once. Every
  state is in the admin, which can retry any message that was not sent.
- Scheduled reminders are kinds that an app registers with a *due-finder*: a function over
  database state that lists what is due at `now`. `sweep()` asks each finder, drops what is
  already in the outbox (one query per kind), renders the rest and inserts them in bulk. The
  unique (kind, recipient_email, subject_key, period) key makes a repeated or concurrent sweep
  harmless.

The engine knows nothing about requisitions, candidates or interviews: apps register their
kinds from `AppConfig.ready()`. By sub-area: `kinds` (registration, opt-outs, unsubscribe
links), `messages` (writing one), `sweeps` (the reminders) and `delivery`.
"""

from hiring_hub.outbox.delivery import (
    _claim,
    deliver,
    deliver_due,
    is_permanent,
    retry_delay,
)
from hiring_hub.outbox.kinds import (
    KINDS,
    UNSUBSCRIBE_SALT,
    Due,
    Kind,
    kind_label,
    opt_out_kinds,
    opted_out,
    reachable,
    register_kind,
    swept_kinds,
    unsubscribe_read,
    unsubscribe_token,
)
from hiring_hub.outbox.messages import (
    absolute_url,
    address,
    message_enqueue,
    message_retry_now,
    messages_discard_unsent,
    single_line,
)
from hiring_hub.outbox.sweeps import send_due_notifications, sweep

__all__ = [
    "KINDS",
    "UNSUBSCRIBE_SALT",
    "Due",
    "Kind",
    "_claim",
    "absolute_url",
    "address",
    "deliver",
    "deliver_due",
    "is_permanent",
    "kind_label",
    "message_enqueue",
    "message_retry_now",
    "messages_discard_unsent",
    "opt_out_kinds",
    "opted_out",
    "reachable",
    "register_kind",
    "retry_delay",
    "send_due_notifications",
    "single_line",
    "swept_kinds",
    "sweep",
    "unsubscribe_read",
    "unsubscribe_token",
]
