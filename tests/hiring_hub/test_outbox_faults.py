"""The outbox against the real thing: a Celery worker killed with SIGKILL in the middle of
delivering hundreds of messages over Redis to an SMTP server. Run with -s for the figures."""

import asyncio
import email
import email.policy
import os
import signal
import sys
import threading
import time
from collections import Counter

import pytest
from aiosmtpd.controller import Controller
from django.db import transaction

from hiring_hub import outbox
from hiring_hub.models import OutboundMessage
from tests.conftest import need_service
from tests.hiring_hub.test_integration_jobs import (
    celery_env,
    free_port,
    on_postgres,
    redis_reachable,
    worker_database_url,
)

MESSAGES = 320


class SlowInbox:
    """An SMTP server that takes 15 ms per message and records each Message-ID with the
    moment it was accepted."""

    def __init__(self):
        self.lock = threading.Lock()
        self.received: list[tuple[str, float]] = []

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(0.015)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.received.append((str(message["Message-ID"]), time.monotonic()))
        return "250 Message accepted for delivery"

    def ids(self) -> Counter:
        with self.lock:
            return Counter(message_id for message_id, _ in self.received)

    def first_seen(self) -> dict[str, float]:
        with self.lock:
            seen: dict[str, float] = {}
            for message_id, moment in self.received:
                seen.setdefault(message_id, moment)
            return seen


def start_worker(processes, env, name):
    return processes.start(
        name,
        [sys.executable, "-m", "celery", "-A", "hiring_hub", "worker", "--concurrency=2",
         "--loglevel=INFO", "--without-mingle", "--without-gossip",
         f"--hostname=outbox-{name}-{os.getpid()}@%h"],
        env,
    )  # fmt: skip


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_delivery_loses_nothing_and_duplicates_only_what_was_sent(
    settings, processes, tmp_path
):
    need_service("PostgreSQL", on_postgres())
    need_service("Redis", bool(settings.REDIS_URL) and redis_reachable(settings.REDIS_URL))
    inbox = SlowInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        env = celery_env(
            database_url=worker_database_url(),
            broker_url=settings.REDIS_URL,
            smtp_port=controller.port,
            tmp_path=tmp_path,
        )
        env.update(OUTBOX_LEASE_SECONDS="3", OUTBOX_POLL_SECONDS="1", EMAIL_TIMEOUT="5")

        # given 320 messages written by actions, each queued for delivery on commit
        settings.CELERY_TASK_ALWAYS_EAGER = False
        with transaction.atomic():
            for n in range(MESSAGES):
                outbox.message_enqueue(
                    kind="invitation",
                    to=f"person{n}@example.org",
                    subject=f"Message {n}",
                    template="account_message",
                    context={"body": f"Body {n}"},
                )
        expected = set(OutboundMessage.objects.values_list("message_id", flat=True))
        assert len(expected) == MESSAGES

        # when a worker is killed with SIGKILL part-way through
        worker = start_worker(processes, env, "worker-1")
        deadline = time.monotonic() + 60
        while len(inbox.ids()) < 100 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(inbox.ids()) >= 100, processes.logs()
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
        killed_at = time.monotonic()
        delivered_before_kill = len(inbox.ids())
        assert delivered_before_kill < MESSAGES, "the worker finished before it was killed"

        # and a new worker and beat start
        start_worker(processes, env, "worker-2")
        processes.start(
            "beat",
            [sys.executable, "-m", "celery", "-A", "hiring_hub", "beat", "--loglevel=INFO",
             "--max-interval=1", f"--schedule={tmp_path / 'celerybeat-schedule'}"],
            env,
        )  # fmt: skip
        deadline = time.monotonic() + 90
        while not expected <= set(inbox.ids()) and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(4)  # more than a lease and a few beats: a late duplicate would show now
    finally:
        controller.stop()

    # then every message arrived; a duplicate only for one accepted before the kill, and
    # then with the same Message-ID
    received, first_seen = inbox.ids(), inbox.first_seen()
    lost = expected - set(received)
    duplicated = {mid: n - 1 for mid, n in received.items() if n > 1}
    print(
        f"\n[worker SIGKILL mid-delivery] due={MESSAGES} "
        f"delivered_before_kill={delivered_before_kill} delivered={len(expected & set(received))} "
        f"duplicated={sum(duplicated.values())} lost={len(lost)}",
        flush=True,
    )
    assert not lost, processes.logs()
    assert set(received) <= expected
    assert all(first_seen[mid] <= killed_at for mid in duplicated)
    assert sum(duplicated.values()) <= 2  # at most one in flight per worker process
    states = Counter(OutboundMessage.objects.values_list("state", flat=True))
    assert states == {OutboundMessage.State.SENT: MESSAGES}
