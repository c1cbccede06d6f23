"""An email backend for development: stores each message, prints one line about it."""

import re
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend

from hiring_hub.devmail.store import mail_dir

URL = re.compile(r"https?://[^\s<>\"')]+")


def first_link(body: str) -> str:
    """The link an email is about: the first one into this site, else the first at all."""
    links = URL.findall(body)
    for link in links:
        if link.startswith(settings.SITE_URL):
            return link
    return links[0] if links else ""


def summary_line(message) -> str:
    subject = " ".join(str(message.subject).split())
    line = f"mail to {', '.join(message.recipients())}: {subject}"
    link = first_link(str(message.body))
    return f"{line} -> {link}" if link else line


class EmailBackend(BaseEmailBackend):
    """Writes each message to `<EMAIL_FILE_PATH or var/mail>/<time>-<id>.eml` and one line
    (recipients, subject, link) to the real standard error: the Celery worker redirects
    sys.stderr into its log, and the line must still reach the developer's terminal."""

    def __init__(self, *args, file_path=None, stream=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.directory = Path(file_path) if file_path else mail_dir()
        self.stream = stream or sys.__stderr__

    def send_messages(self, email_messages) -> int:
        self.directory.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            if not message.recipients():
                continue
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
            path = self.directory / f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
            path.write_bytes(message.message().as_bytes(linesep="\n"))
            if self.stream is not None:
                self.stream.write(summary_line(message) + "\n")
                self.stream.flush()
            sent += 1
        return sent
