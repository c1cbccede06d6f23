"""Résumé uploads: the type is read from the content, never trusted from the name.

DOCX and ODT are zip archives, so a résumé can be a decompression bomb: a few megabytes that
expand to gigabytes. Archives are inspected member by member in bounded chunks; the declared
sizes are checked before anything is decompressed, and the bytes actually produced are counted
while reading, so a bomb is refused after a few milliseconds and with a few hundred kilobytes of
memory, whatever its headers claim.
"""

import codecs
import html
import re
import uuid
import zipfile

import filetype
from django.core.exceptions import ValidationError

MAX_RESUME_BYTES = 10 * 1024 * 1024

# A résumé has a few dozen members; Word's largest parts are images and document.xml.
MAX_ARCHIVE_MEMBERS = 500
MAX_MEMBER_BYTES = 20 * 1024 * 1024
MAX_ARCHIVE_BYTES = 50 * 1024 * 1024
# Word XML compresses about 10:1; a bomb compresses 1000:1. Small parts may compress better
# than the cap (a run of empty styles), so the ratio only counts past RATIO_FLOOR bytes.
MAX_COMPRESSION_RATIO = 100
RATIO_FLOOR = 1024 * 1024
CHUNK_BYTES = 64 * 1024
# The parts read to tell DOCX from ODT are small; anything larger is not one of them.
MAX_TYPE_PART_BYTES = 1024 * 1024

ZIP_SIGNATURE = b"PK\x03\x04"
# Archive formats that must not sit inside a résumé (bombs nest to multiply their ratio).
NESTED_SIGNATURES = (
    ZIP_SIGNATURE,
    b"PK\x05\x06",
    b"\x1f\x8b",  # gzip
    b"BZh",  # bzip2
    b"\xfd7zXZ\x00",  # xz
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"(\xb5/\xfd",  # zstd
)

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
TEXT = "text/plain"

EXTENSIONS = {PDF: "pdf", DOCX: "docx", ODT: "odt", TEXT: "txt"}
ACCEPTED_LABEL = "PDF, Word (.docx), OpenDocument (.odt) or plain text"
TYPE_PARTS = ("mimetype", "[Content_Types].xml")

EXPORT_AGAIN = "Save the résumé again from the word processor (or as PDF) and upload that file."


def _refuse_archive(reason: str, code: str) -> ValidationError:
    return ValidationError(f"This document was refused: {reason}. {EXPORT_AGAIN}", code=code)


def _check_declared(infos: list[zipfile.ZipInfo], archive_bytes: int) -> None:
    """Refuse on the central directory alone, before a byte is decompressed."""
    if len(infos) > MAX_ARCHIVE_MEMBERS:
        raise _refuse_archive(
            f"it holds {len(infos)} parts (a résumé has at most {MAX_ARCHIVE_MEMBERS})",
            "archive_members",
        )
    names = set()
    total = 0
    for info in infos:
        if info.filename in names:
            raise _refuse_archive("it holds two parts with the same name", "archive_odd")
        names.add(info.filename)
        if info.flag_bits & 0x1:
            raise _refuse_archive("it is encrypted", "archive_encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _refuse_archive("it uses an unusual compression method", "archive_odd")
        if info.file_size > MAX_MEMBER_BYTES:
            raise _refuse_archive("one of its parts expands to more than 20 MB", "archive_bomb")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_COMPRESSION_RATIO * max(
            info.compress_size, 1
        ):
            raise _refuse_archive("it is compressed far more than any document", "archive_bomb")
        total += info.file_size
    if total > MAX_ARCHIVE_BYTES:
        raise _refuse_archive("it expands to more than 50 MB", "archive_bomb")
    if total > RATIO_FLOOR and total > MAX_COMPRESSION_RATIO * max(archive_bytes, 1):
        raise _refuse_archive("it is compressed far more than any document", "archive_bomb")


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> tuple[bytes, int]:
    """Decompress one member in CHUNK_BYTES steps, counting what comes out (headers can lie).

    Return the member's content if it is one of TYPE_PARTS (else b"") and the bytes produced."""
    keep = info.filename in TYPE_PARTS
    kept = bytearray()
    produced = 0
    member_cap = min(MAX_MEMBER_BYTES, budget)
    if info.compress_size:
        member_cap = min(member_cap, max(RATIO_FLOOR, MAX_COMPRESSION_RATIO * info.compress_size))
    with archive.open(info) as member:
        first = True
        while chunk := member.read(CHUNK_BYTES):
            if first and chunk.startswith(NESTED_SIGNATURES):
                raise _refuse_archive(
                    f"it contains another archive ({info.filename[:80]})", "archive_nested"
                )
            first = False
            produced += len(chunk)
            if produced > member_cap:
                raise _refuse_archive(
                    "it expands far beyond the size of any document", "archive_bomb"
                )
            if keep:
                if produced > MAX_TYPE_PART_BYTES:
                    return b"", produced
                kept += chunk
    return bytes(kept), produced


def _declared_member_count(fileobj) -> int:
    """The member count from the end-of-central-directory record, read before zipfile
    parses (and allocates) one entry per member. 0 when the record is not found: zipfile
    then decides whether the archive is damaged."""
    fileobj.seek(0, 2)
    end = fileobj.tell()
    # The record is 22 bytes plus a comment of at most 64 KiB.
    start = max(0, end - (22 + 0xFFFF))
    fileobj.seek(start)
    tail = fileobj.read(end - start)
    fileobj.seek(0)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return 0
    return int.from_bytes(tail[at + 10 : at + 12], "little")


def inspect_zip_document(fileobj, archive_bytes: int) -> str | None:
    """Return DOCX or ODT for a safe document archive, None for an archive that is not a
    document; raise ValidationError for a bomb, a nested, encrypted or damaged archive.

    ODT names itself in its `mimetype` member; DOCX declares its main part in
    [Content_Types].xml. Every member is decompressed (in bounded chunks) so a damaged or
    hostile part is found now, not when someone opens the file."""
    try:
        declared = _declared_member_count(fileobj)
        if declared > MAX_ARCHIVE_MEMBERS:
            raise _refuse_archive(
                f"it holds {declared} parts (a résumé has at most {MAX_ARCHIVE_MEMBERS})",
                "archive_members",
            )
        archive = zipfile.ZipFile(fileobj)
        infos = archive.infolist()
        _check_declared(infos, archive_bytes)
        parts = {}
        budget = MAX_ARCHIVE_BYTES
        for info in infos:
            if info.is_dir():
                continue
            content, produced = _read_member(archive, info, budget)
            budget -= produced
            if info.filename in TYPE_PARTS:
                parts[info.filename] = content
    except ValidationError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError):
        raise _refuse_archive("the archive is damaged", "archive_damaged") from None
    except (RuntimeError, ValueError):
        raise _refuse_archive("the archive is damaged", "archive_damaged") from None
    if parts.get("mimetype", b"").strip() == ODT.encode():
        return ODT
    if b"wordprocessingml.document.main+xml" in parts.get("[Content_Types].xml", b""):
        return DOCX
    return None


def _is_utf8_text(upload) -> bool:
    """Decode in chunks: an incremental decoder copes with characters split across chunks."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    upload.seek(0)
    try:
        while chunk := upload.read(CHUNK_BYTES):
            if "\x00" in decoder.decode(chunk):
                return False
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


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
    head = upload.read(8192)
    try:
        kind = filetype.guess(head)
        mime = kind.mime if kind else None
        if mime == PDF:
            return PDF
        if head.startswith(ZIP_SIGNATURE):
            upload.seek(0)
            detected = inspect_zip_document(upload, size)
            if detected:
                return detected
        elif kind is None and _is_utf8_text(upload):
            return TEXT
    finally:
        upload.seek(0)
    raise ValidationError(
        f"This file is not a {ACCEPTED_LABEL} document, whatever its name says. "
        "Export the résumé in one of those formats and upload it again.",
        code="invalid_type",
    )


def resume_storage_name(mime: str) -> str:
    """A random name: the original file name never reaches the file system."""
    return f"{uuid.uuid4().hex}.{EXTENSIONS[mime]}"


# The inline preview of a résumé that is not a PDF: its words, as text (at most this much).
MAX_PREVIEW_CHARS = 100_000
# The document part is decompressed only this far (a long résumé's XML is well below it).
MAX_PREVIEW_PART_BYTES = 4 * 1024 * 1024
_PARAGRAPH_ENDS = re.compile(r"</w:p>|<w:br/>|<w:tab/>|</text:p>|</text:h>|<text:line-break/>")
_TAGS = re.compile(r"<[^>]*>")
_TEXT_PARTS = {DOCX: "word/document.xml", ODT: "content.xml"}


def resume_text(fileobj, content_type: str) -> str:
    """The text of a plain-text, DOCX or ODT résumé for reading in the page (escaped by the
    template, never served as a document). Office files are read as text with their tags
    stripped, not parsed as XML (no entity expansion), from one part decompressed in chunks
    up to MAX_PREVIEW_PART_BYTES; the result is cut at MAX_PREVIEW_CHARS."""
    if content_type == TEXT:
        raw = fileobj.read(MAX_PREVIEW_CHARS * 4)
        return raw.decode("utf-8", errors="replace")[:MAX_PREVIEW_CHARS]
    part = _TEXT_PARTS.get(content_type)
    if part is None:
        return ""
    data = bytearray()
    try:
        with zipfile.ZipFile(fileobj) as archive, archive.open(part) as member:
            while len(data) < MAX_PREVIEW_PART_BYTES and (chunk := member.read(CHUNK_BYTES)):
                data += chunk
    except (KeyError, zipfile.BadZipFile, OSError):
        return ""
    xml = bytes(data[:MAX_PREVIEW_PART_BYTES]).decode("utf-8", errors="replace")
    text = html.unescape(_TAGS.sub("", _PARAGRAPH_ENDS.sub("\n", xml)))
    lines = [line.strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)[:MAX_PREVIEW_CHARS]
