"""Throughput under gunicorn: the floor mix, the layout floor mix and the page mix, driven by
bench/loadgen.py in its own process, and each worker's memory after the run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.scaling.pages import PAGES, Subjects, floor_url, layout_floor_url

ROOT = Path(__file__).resolve().parent.parent.parent


def worker_rss_mib(master_pid: int) -> list[float]:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(round(int(line.split()[1]) / 1024, 1))
    return sizes


def throughput(
    s: Subjects,
    clients: dict,
    *,
    port: int,
    users: int,
    duration: float,
    database_url: str,
    workers: int = 3,
) -> dict:
    from django.conf import settings

    cookies = {
        role: f"{settings.SESSION_COOKIE_NAME}={c.cookies[settings.SESSION_COOKIE_NAME].value}"
        for role, c in clients.items()
    }
    mixes = {
        "floors": [[floor_url(p, s), cookies[p.role]] for p in PAGES],
        "layout floors": [[layout_floor_url(p, s), cookies[p.role]] for p in PAGES],
        "pages": [[p.url(s), cookies[p.role]] for p in PAGES],
    }
    env = {
        **child_env(database_url),
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": str(ROOT),
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    # gunicorn's log goes to a file, not a pipe: nobody reads it during the run.
    with tempfile.TemporaryFile(mode="w+") as log:
        server = subprocess.Popen(
            [
                str(gunicorn),
                "hiring_hub.wsgi:application",
                f"--workers={workers}",
                f"--bind=127.0.0.1:{port}",
                "--timeout=60",
                "--log-level=warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            _wait_for(f"http://127.0.0.1:{port}/accounts/login/", server, log)
            return {
                "users": users,
                "workers": workers,
                "duration_s": duration,
                **_load(mixes, port, users, duration, server.pid),
            }
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _load(mixes: dict, port: int, users: int, duration: float, master_pid: int) -> dict:
    """The floor mix, the layout floor mix, then the page mix (last: the RSS read after it
    is the page mix's)."""
    result = {}
    for name in ("floors", "layout floors", "pages"):
        spec = {"port": port, "users": users, "duration": duration, "requests": mixes[name]}
        out = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "loadgen.py")],
            input=json.dumps(spec),
            capture_output=True,
            text=True,
            check=True,
            timeout=duration + 600,
        )
        result[name] = json.loads(out.stdout)
        result[name]["worker_rss_mib"] = worker_rss_mib(master_pid)
    return result


def _wait_for(url: str, server: subprocess.Popen, log, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"gunicorn exited: {log.read()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer in time")


def child_env(database_url: str) -> dict:
    """The environment of a process of the benchmark: its database, production-like, no broker."""
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "CELERY_BROKER_URL")}
    env.update(DATABASE_URL=database_url, DEBUG="false", CELERY_BROKER_URL="memory://")
    return env
