"""The real thing: Celery worker and beat in subprocesses, a real broker, a real SMTP server.

With PostgreSQL and Redis (the `services` run): the messages due arrive once; two sweeps
racing each other still deliver each once; a broker killed and restarted mid-run loses
nothing. Without them (the embedded default): SQLite file + filesystem broker delivers too.
Figures are printed (run with -s to see them) for the closing note of the issue.
"""

import datetime as dt
import email
import email.policy
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

from hiring_hub import outbox
from hiring_hub.models import OutboundMessage
from tests import factories
from tests.conftest import need_service

ROOT = Path(__file__).resolve().parents[2]
DEADLINE = 25  # seconds to wait for a delivery


# --- Due state and its expected messages (also run in a subprocess for the embedded test) --
def build_due_state(label: str, interviews: int = 1) -> None:
    """A requisition with messages due right now: weekly check-ins (once Monday 09:00 has
    passed locally), thank-you and scorecard reminders, shortlist nudges, a follow-up."""
    now = timezone.now()
    requisition = factories.RequisitionFactory(title=f"Search {label}")
    interviewer = factories.InterviewerFactory()
    for _ in range(interviews):
        factories.InterviewFactory(
            application__requisition=requisition,
            starts_at=now - dt.timedelta(hours=4),
            ends_at=now - dt.timedelta(hours=3),
            interviewers=[interviewer],
        )
    shortlist = factories.ShortlistFactory(
        requisition=requisition, submitted_at=now - dt.timedelta(days=10)
    )
    factories.ShortlistEntryFactory(shortlist=shortlist)
    factories.ApplicationFactory(
        requisition=requisition, next_update_promised_by=(now - dt.timedelta(days=3)).date()
    )


def expected_messages() -> Counter:
    """What the sweeps say is due now, as (recipient, subject) pairs."""
    now = timezone.now()
    return Counter(
        (due.recipient.email, f"{settings.EMAIL_SUBJECT_PREFIX}{due.subject}")
        for kind in outbox.KINDS.values()
        if kind.find_due
        for due in kind.find_due(now)
    )


# --- A real SMTP server, in process -------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    def __init__(self):
        self.lock = threading.Lock()
        self.received: list[tuple[str, str]] = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            for recipient in envelope.rcpt_tos:
                self.received.append((recipient, str(message["Subject"])))
        return "250 Message accepted for delivery"

    def counts(self) -> Counter:
        with self.lock:
            return Counter(self.received)

    def wait_for(self, expected: Counter, timeout: float = DEADLINE) -> Counter:
        """Wait until every expected message arrived, then a little longer for duplicates."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not all(
            self.counts()[key] >= n for key, n in expected.items()
        ):
            time.sleep(0.2)
        time.sleep(2.5)  # a few more sweeps: a duplicate would show up now
        return self.counts()


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()


# --- Subprocesses ----------------------------------------------------------------------------
class Processes:
    def __init__(self, tmp_path: Path):
        self.tmp_path = tmp_path
        self.running: list[tuple[subprocess.Popen, Path]] = []

    def start(self, name: str, args: list[str], env: dict) -> subprocess.Popen:
        log = self.tmp_path / f"{name}.log"
        process = subprocess.Popen(
            args,
            cwd=ROOT,
            env=env,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.running.append((process, log))
        return process

    def stop(self, process: subprocess.Popen, sig=signal.SIGTERM) -> None:
        if process.poll() is None:
            os.killpg(process.pid, sig)
            try:
                process.wait(timeout=3)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)

    def logs(self) -> str:
        return "\n".join(
            f"--- {log.name}\n{log.read_text(errors='replace')[-3000:]}" for _, log in self.running
        )

    def stop_all(self) -> None:
        # Celery first, the broker last: a worker watching its broker die only slows teardown.
        ordered = self.running[::-1]
        ordered.sort(key=lambda item: item[1].name.startswith("redis"))
        for process, _log in ordered:
            self.stop(process)


@pytest.fixture
def processes(tmp_path):
    procs = Processes(tmp_path)
    yield procs
    procs.stop_all()


def celery_env(*, database_url: str, broker_url: str, smtp_port: int, tmp_path: Path) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "DATABASE_URL")
    }
    env.update(
        DEBUG="true",
        DATABASE_URL=database_url,
        EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}",
        SWEEP_INTERVAL_SECONDS="1",
        CONN_MAX_AGE="0",
        LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    if broker_url.startswith("redis://"):
        env["REDIS_URL"] = broker_url
    else:
        env["CELERY_BROKER_URL"] = broker_url
        env["EMBEDDED_BROKER_DIR"] = str(tmp_path / "broker")
    return env


def start_worker_and_beat(processes: Processes, env: dict, tmp_path: Path) -> None:
    celery = [sys.executable, "-m", "celery", "-A", "hiring_hub"]
    processes.start(
        "worker",
        [*celery, "worker", "--concurrency=2", "--loglevel=INFO", "--without-mingle",
         "--without-gossip", f"--hostname=jobs-test-{os.getpid()}@%h"],
        env,
    )  # fmt: skip
    processes.start(
        "beat",
        [*celery, "beat", "--loglevel=INFO", "--max-interval=1",
         f"--schedule={tmp_path / 'celerybeat-schedule'}"],
        env,
    )  # fmt: skip


def worker_database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def report(title: str, expected: Counter, received: Counter) -> dict:
    figures = {
        "due": sum(expected.values()),
        "delivered": sum(min(received[key], n) for key, n in expected.items()),
        "duplicated": sum(max(received[key] - n, 0) for key, n in expected.items()),
        "lost": sum(max(n - received[key], 0) for key, n in expected.items()),
        "unexpected": sum(n for key, n in received.items() if key not in expected),
    }
    print(f"\n[{title}] {json.dumps(figures)}", flush=True)
    return figures


def redis_reachable(url: str) -> bool:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError:
        return False
    return True


def on_postgres() -> bool:
    return connection.vendor == "postgresql"


# --- PostgreSQL + Redis ---------------------------------------------------------------------
@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_worker_and_beat_deliver_each_due_message_once(smtp_server, processes, tmp_path):
    need_service("PostgreSQL", on_postgres())
    need_service("Redis", bool(settings.REDIS_URL) and redis_reachable(settings.REDIS_URL))
    inbox, port = smtp_server
    # given messages due now
    build_due_state("A")
    expected = expected_messages()
    assert sum(expected.values()) >= 6

    # when a real worker and beat run against the test database and the Redis broker
    env = celery_env(
        database_url=worker_database_url(),
        broker_url=settings.REDIS_URL,
        smtp_port=port,
        tmp_path=tmp_path,
    )
    start_worker_and_beat(processes, env, tmp_path)
    received = inbox.wait_for(expected)

    # then each arrives exactly once
    figures = report("worker+beat, Redis", expected, received)
    assert figures["lost"] == 0, processes.logs()
    assert figures["duplicated"] == 0 and figures["unexpected"] == 0
    assert set(OutboundMessage.objects.values_list("state", flat=True)) == {"sent"}


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_racing_each_other_deliver_each_message_once(settings, smtp_server):
    need_service("PostgreSQL", on_postgres())
    inbox, port = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    build_due_state("B", interviews=15)
    expected = expected_messages()

    barrier = threading.Barrier(2)
    results = []

    def sweep():
        try:
            barrier.wait()
            results.append(outbox.send_due_notifications())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    received = inbox.wait_for(expected, timeout=5)
    figures = report("two concurrent sweeps", expected, received)
    assert figures["lost"] == 0 and figures["duplicated"] == 0
    sent = [r["delivered"]["sent"] for r in results]
    assert sum(sent) == sum(expected.values())


@pytest.fixture
def own_redis(processes):
    """A Redis of our own on a free port, which the test may kill (never the machine's)."""
    binary = shutil.which("redis-server")
    need_service("redis-server binary", binary is not None)
    port = free_port()
    args = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]

    def start():
        process = processes.start(f"redis-{port}", args, dict(os.environ))
        deadline = time.monotonic() + 10
        while not redis_reachable(f"redis://127.0.0.1:{port}/0"):
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.1)
        return process

    return port, start


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_broker_outage_loses_nothing(smtp_server, processes, own_redis, tmp_path):
    need_service("PostgreSQL", on_postgres())
    inbox, port = smtp_server
    redis_port, start_redis = own_redis
    redis_process = start_redis()
    env = celery_env(
        database_url=worker_database_url(),
        broker_url=f"redis://127.0.0.1:{redis_port}/0",
        smtp_port=port,
        tmp_path=tmp_path,
    )
    build_due_state("C")
    before = expected_messages()
    start_worker_and_beat(processes, env, tmp_path)
    inbox.wait_for(before)

    # the broker dies while a sweep is sending (queued sweeps are lost with it) ...
    build_due_state("D", interviews=20)
    during = expected_messages() - before
    deadline = time.monotonic() + DEADLINE
    while not any(inbox.counts()[key] for key in during):
        assert time.monotonic() < deadline, processes.logs()
        time.sleep(0.05)
    processes.stop(redis_process, signal.SIGKILL)
    in_flight = sum(inbox.counts()[key] for key in during)
    # ... and more work becomes due while it is down
    build_due_state("E")
    expected = expected_messages()  # A, D and E: due-ness ignores what was sent
    time.sleep(1.5)
    start_redis()
    restarted = time.monotonic()
    print(f"\nbroker killed with {in_flight} of {sum(during.values())} messages of a sweep sent")
    received = inbox.wait_for(expected, timeout=40)
    print(f"delivered {time.monotonic() - restarted - 2.5:.1f}s after the broker came back")
    figures = report("broker outage", expected, received)
    assert figures["lost"] == 0, processes.logs()
    assert figures["duplicated"] == 0 and figures["unexpected"] == 0


# --- The embedded default: SQLite file, filesystem broker, no Redis -------------------------
STATE_SCRIPT = """
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from tests.hiring_hub.test_integration_jobs import build_due_state, expected_messages
build_due_state("E")
print(json.dumps([[*key, n] for key, n in expected_messages().items()]))
"""


def test_embedded_default_worker_delivers_without_redis(smtp_server, processes, tmp_path):
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("the embedded default is SQLite; covered by the SQLite run")
    inbox, port = smtp_server
    env = celery_env(
        database_url=f"sqlite:///{tmp_path / 'embedded.sqlite3'}",
        broker_url="filesystem://",
        smtp_port=port,
        tmp_path=tmp_path,
    )
    state = subprocess.run(
        [sys.executable, "-c", STATE_SCRIPT],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "hiring_hub.settings"},
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    expected = Counter({(to, subject): n for to, subject, n in json.loads(state.stdout)})

    # bin/dev runs the worker with embedded beat on the filesystem broker
    processes.start(
        "worker-embedded",
        [sys.executable, "-m", "celery", "-A", "hiring_hub", "worker", "--beat",
         "--concurrency=1", "--loglevel=INFO", f"--schedule={tmp_path / 'beat-schedule'}"],
        env,
    )  # fmt: skip
    received = inbox.wait_for(expected, timeout=40)
    figures = report("embedded default", expected, received)
    assert figures["lost"] == 0, processes.logs()
    assert figures["duplicated"] == 0 and figures["unexpected"] == 0
