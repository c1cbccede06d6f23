"""Reading the development mail folder back for the /dev/mail/ pages."""

import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from django.conf import settings

# <UTC time to the microsecond>-<8 hex>: also what keeps a URL from naming any other file.
NAME = re.compile(r"^[0-9]{8}T[0-9]{12}-[0-9a-f]{8}$")
LIST_LIMIT = 200


def mail_dir() -> Path:
    return Path(getattr(settings, "EMAIL_FILE_PATH", "") or settings.VAR_DIR / "mail")


@dataclass
class StoredMail:
    name: str
    message: EmailMessage = field(repr=False)

    @property
    def subject(self) -> str:
        return str(self.message["subject"] or "")

    @property
    def to(self) -> str:
        return str(self.message["to"] or "")

    @property
    def date(self) -> str:
        return str(self.message["date"] or "")

    def body(self, subtype: str) -> str:
        part = self.message.get_body(preferencelist=(subtype,))
        if part is None or part.get_content_subtype() != subtype:
            return ""
        return part.get_content()

    @property
    def text(self) -> str:
        return self.body("plain")

    @property
    def html(self) -> str:
        return self.body("html")

    @property
    def attachments(self) -> list[str]:
        parts = self.message.iter_attachments()
        return [part.get_filename() or part.get_content_type() for part in parts]


def _read(path: Path) -> StoredMail:
    with path.open("rb") as handle:
        return StoredMail(path.stem, BytesParser(policy=policy.default).parse(handle))


def stored_mail_list(limit: int = LIST_LIMIT) -> list[StoredMail]:
    """The newest `limit` messages, newest first."""
    folder = mail_dir()
    if not folder.is_dir():
        return []
    paths = sorted((p for p in folder.glob("*.eml") if NAME.match(p.stem)), reverse=True)
    return [_read(path) for path in paths[:limit]]


def stored_mail_get(name: str) -> StoredMail | None:
    if not NAME.match(name):
        return None
    path = mail_dir() / f"{name}.eml"
    return _read(path) if path.is_file() else None


def stored_mail_raw(name: str) -> bytes | None:
    if not NAME.match(name):
        return None
    path = mail_dir() / f"{name}.eml"
    return path.read_bytes() if path.is_file() else None
