"""Load generator of the scale benchmark, run as its own process by bench/scale.py.

Reads {"port", "users", "duration", "timeout", "requests": [[path, cookie], ...]} as JSON on
stdin; `users` threads each cycle through the requests (each from its own offset) against
127.0.0.1:<port> until `duration` seconds have passed, then finish the request in flight.
Prints {"requests", "errors", "seconds", "rps", "p50_ms", "p95_ms", "kib", "statuses"}.
Loopback only, standard library only.
"""

import http.client
import json
import statistics
import sys
import threading
import time
from collections import Counter


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def run(spec: dict) -> dict:
    port, users, duration = spec["port"], spec["users"], spec["duration"]
    timeout = spec.get("timeout", 60)
    mix = spec["requests"]
    latencies: list[float] = []
    statuses: Counter = Counter()
    sizes: list[int] = []
    lock = threading.Lock()
    started = time.perf_counter()
    stop_at = started + duration

    def user(offset: int) -> None:
        i = offset
        while time.perf_counter() < stop_at:
            path, cookie = mix[i % len(mix)]
            i += 1
            begin = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
                conn.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
                response = conn.getresponse()
                body = response.read()
                status = str(response.status)
                conn.close()
            except (OSError, http.client.HTTPException) as exc:
                status, body = exc.__class__.__name__, b""
            elapsed = (time.perf_counter() - begin) * 1000
            with lock:
                latencies.append(elapsed)
                statuses[status] += 1
                sizes.append(len(body))

    threads = [threading.Thread(target=user, args=(n,), daemon=True) for n in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - started
    total = sum(statuses.values())
    return {
        "requests": total,
        "errors": total - statuses.get("200", 0),
        "seconds": round(seconds, 2),
        "rps": round(statuses.get("200", 0) / seconds, 2) if seconds else 0.0,
        "p50_ms": round(statistics.median(latencies), 1) if latencies else 0.0,
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "kib": round(sum(sizes) / 1024, 1),
        "statuses": dict(statuses),
    }


if __name__ == "__main__":
    print(json.dumps(run(json.load(sys.stdin))))
