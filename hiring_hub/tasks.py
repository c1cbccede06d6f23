from celery import shared_task
from django.db import connection


@shared_task
def heartbeat() -> dict:
    """Proves the worker can reach the database; beat runs it on every sweep interval."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return {"database": cursor.fetchone()[0] == 1}
