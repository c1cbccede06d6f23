from celery import shared_task

from candidates import privacy


@shared_task(ignore_result=True, acks_late=False)
def candidates_retention_erase() -> dict:
    """Beat's daily retention job: anonymise the candidates past CANDIDATE_RETENTION_DAYS.
    Safe to run twice: a second run finds nothing due."""
    return privacy.candidates_retention_erase().as_dict()
