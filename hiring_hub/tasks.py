from celery import shared_task
from django.db import connection

from hiring_hub import notifications


@shared_task(acks_late=False)  # a probe: nothing to redo if lost (see the sweep below)
def heartbeat() -> dict:
    """Proves the worker can reach the database; beat runs it on every sweep interval."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return {"database": cursor.fetchone()[0] == 1}


# Acknowledged on receipt, not late: a sweep lost with its worker is simply the next beat
# tick's work (the database, not the broker, remembers what is due), and an early ack keeps
# the worker clear of acknowledging on a broker connection that died mid-sweep.
@shared_task(ignore_result=True, acks_late=False)
def send_due_notifications(kinds: list[str] | None = None) -> dict:
    """Beat's sweep: send every notification due now. Safe to run twice or concurrently
    (each message is claimed once in the database); a lost run is caught up by the next."""
    return notifications.send_due_notifications(kinds=kinds)
