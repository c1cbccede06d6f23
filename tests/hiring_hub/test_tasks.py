"""A task really runs through a Celery worker: on Redis, and on the embedded broker."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis
from celery import Celery

from tests.conftest import need_service

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"


def _redis_reachable() -> bool:
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError:
        return False


def _start_worker(env: dict, queue: str) -> subprocess.Popen:
    base = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "hiring_hub",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "-Q",
            queue,
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env={**base, "DEBUG": "true", **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _stop(worker: subprocess.Popen) -> None:
    worker.terminate()
    try:
        worker.wait(timeout=15)
    except subprocess.TimeoutExpired:
        worker.kill()


@pytest.mark.services
def test_heartbeat_runs_through_a_real_worker_on_redis(tmp_path):
    need_service("Redis", _redis_reachable())
    queue = f"test-{uuid.uuid4().hex[:8]}"
    worker = _start_worker(
        {
            "REDIS_URL": REDIS_URL,
            "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{tmp_path / 'w.sqlite3'}"),
        },
        queue,
    )
    try:
        client = Celery(broker=REDIS_URL, backend=REDIS_URL)
        result = client.send_task("hiring_hub.tasks.heartbeat", queue=queue)
        assert result.get(timeout=60) == {"database": True}
    finally:
        _stop(worker)


def test_heartbeat_runs_through_a_real_worker_on_the_embedded_broker(tmp_path):
    broker_dir = tmp_path / "broker"
    queue = f"test-{uuid.uuid4().hex[:8]}"
    worker = _start_worker(
        {
            "EMBEDDED_BROKER_DIR": str(broker_dir),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'w.sqlite3'}",
        },
        queue,
    )
    try:
        folder = str(broker_dir / "queue")
        os.makedirs(folder, exist_ok=True)
        client = Celery(
            broker="filesystem://",
            backend=f"file://{broker_dir / 'results'}",
            broker_transport_options={"data_folder_in": folder, "data_folder_out": folder},
        )
        os.makedirs(broker_dir / "results", exist_ok=True)
        result = client.send_task("hiring_hub.tasks.heartbeat", queue=queue)
        assert result.get(timeout=60) == {"database": True}
    finally:
        _stop(worker)
