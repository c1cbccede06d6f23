"""Résumé uploads: the type is read from the content, never trusted from the name."""

import io
import uuid
import zipfile

import filetype
from django.core.exceptions import ValidationError

MAX_RESUME_BYTES = 10 * 1024 * 1024

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
TEXT = "text/plain"

EXTENSIONS = {PDF: "pdf", DOCX: "docx", ODT: "odt", TEXT: "txt"}
ACCEPTED_LABEL = "PDF, Word (.docx), OpenDocument (.odt) or plain text"


def _zip_document_type(data: bytes) -> str | None:
    """DOCX and ODT are both zip files: ODT names itself in its first `mimetype`
    member; DOCX declares its main part in [Content_Types].xml."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        if "mimetype" in names and archive.read("mimetype").strip() == ODT.encode():
            return ODT
        if "[Content_Types].xml" in names:
            types = archive.read("[Content_Types].xml")
            if b"wordprocessingml.document.main+xml" in types:
                return DOCX
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        return None
    return None


def detect_resume_type(upload) -> str:
    """Return the MIME type of an accepted résumé, or raise ValidationError with a message
    the recruiter can act on."""
    size = getattr(upload, "size", None)
    if not size:
        raise ValidationError("The file is empty. Choose the résumé file again.", code="empty")
    if size > MAX_RESUME_BYTES:
        megabytes = size / (1024 * 1024)
        raise ValidationError(
            f"The file is {megabytes:.1f} MB; résumés can be at most 10 MB.", code="too_large"
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    kind = filetype.guess(data[:8192])
    mime = kind.mime if kind else None
    if mime == PDF:
        return PDF
    if mime in (DOCX, ODT, "application/zip") or data[:4] == b"PK\x03\x04":
        detected = _zip_document_type(data)
        if detected:
            return detected
    if kind is None and not data.startswith(b"PK\x03\x04"):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if text is not None and "\x00" not in text:
            return TEXT
    raise ValidationError(
        f"This file is not a {ACCEPTED_LABEL} document, whatever its name says. "
        "Export the résumé in one of those formats and upload it again.",
        code="invalid_type",
    )


def resume_storage_name(mime: str) -> str:
    """A random name: the original file name never reaches the file system."""
    return f"{uuid.uuid4().hex}.{EXTENSIONS[mime]}"
