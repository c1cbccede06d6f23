from celery import shared_task
from django.db import connection

from hiring_hub import outbox


@shared_task(acks_late=False)  # a probe: nothing to redo if lost
def heartbeat() -> dict:
    """Proves the worker can reach the database; beat runs it on every sweep interval."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return {"database": cursor.fetchone()[0] == 1}


# Acknowledged on receipt, not late: the database, not the broker, remembers what is to be
# sent, so a task lost with its worker is the next beat tick's work, and an early ack keeps
# the worker clear of acknowledging on a broker connection that died mid-run.
@shared_task(ignore_result=True, acks_late=False)
def deliver_message(message_id: int) -> str | None:
    """Deliver one outbox message now (queued on commit by the action that wrote it)."""
    return outbox.deliver(message_id)


@shared_task(ignore_result=True, acks_late=False)
def deliver_outbox() -> dict:
    """Beat's safety net: deliver whatever a lost task, a broker outage or a dead worker left
    waiting (a dead worker's claim is taken over once its lease expires)."""
    return outbox.deliver_due()


@shared_task(ignore_result=True, acks_late=False)
def send_due_notifications(kinds: list[str] | None = None) -> dict:
    """Beat's sweep: write every reminder and check-in due now, then deliver what waits.
    Safe to run twice or concurrently; a lost run is caught up by the next."""
    return outbox.send_due_notifications(kinds=kinds)
