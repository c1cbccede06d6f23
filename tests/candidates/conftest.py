import io
import struct
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from candidates import services
from requisitions.models import Criterion
from tests import factories


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # The default hasher costs ~0.4 s per factory user; these tests are not about hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def version(requisition):
    """The requisition's signed criteria: a must-have, a nice-to-have and a deal-breaker."""
    version = factories.CriteriaVersionFactory(requisition=requisition, number=1)
    factories.CriterionFactory(version=version, name="Runs production services", order=1)
    factories.CriterionFactory(
        version=version, name="Payments domain", kind=Criterion.Kind.NICE_TO_HAVE, order=2
    )
    factories.CriterionFactory(
        version=version, name="Blames others", kind=Criterion.Kind.DEAL_BREAKER, order=3
    )
    return version


@pytest.fixture
def criteria(version):
    return {c.kind: c for c in version.criteria.all()}


@pytest.fixture
def add_application(recruiter, requisition):
    def make(name="Cara Candidate", email=None, req=None):
        n = factories.CandidateFactory.build().email if email is None else email
        candidate = services.candidate_create(actor=recruiter, full_name=name, email=n)
        return services.application_create(
            candidate=candidate, requisition=req or requisition, actor=recruiter
        )

    return make


def submit_shortlist(recruiter, requisition, applications, note="", **kwargs):
    """The recruiter sends these applications, nobody assessed, in a shortlist (the
    reason for not assessing them is "Phone screen only" unless unassessed_reason says)."""
    kwargs.setdefault("unassessed_reason", "Phone screen only")
    return services.shortlist_submit(
        requisition=requisition, applications=applications, note=note, actor=recruiter, **kwargs
    )


@pytest.fixture
def send_shortlist(recruiter, requisition, version, add_application):
    """Send `count` new candidates nobody assessed in a shortlist (with the recruiter's
    reason), named prefix0, prefix1, ..."""

    def send(count: int, note: str = "", prefix: str = "C"):
        apps = [add_application(name=f"{prefix}{i}") for i in range(count)]
        return submit_shortlist(recruiter, requisition, apps, note)

    return send


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<Types><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def odt_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


CONTENT_TYPES_DOCX = (
    b'<Types><Override PartName="/word/document.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def zeros_deflated(megabytes: int) -> bytes:
    """A raw deflate stream of `megabytes` MiB of zeros, ~1 KB per MiB, built without
    compressing gigabytes: after a full flush the compressor forgets its history, so every
    1 MiB block of zeros compresses to the same bytes and can simply be repeated."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(b"\0" * (1 << 20)) + compressor.flush(zlib.Z_FULL_FLUSH)
    return block * megabytes + compressor.flush(zlib.Z_FINISH)


def raw_zip(members: list[tuple[str, bytes, int, int]], *, flags: int = 0) -> bytes:
    """Write a zip by hand from (name, deflated data, declared size, crc) so a test can build a
    bomb of gigabytes in megabytes, or declare sizes that lie."""
    out = io.BytesIO()
    central = []
    for name, data, size, crc in members:
        offset = out.tell()
        encoded = name.encode()
        # What a member's local header and its central directory record both say: flags,
        # deflate, time, date, crc, compressed and declared size, name length, no extra.
        shared = (flags, 8, 0, 0x21, crc, len(data), size, len(encoded), 0)
        out.write(struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, *shared))
        out.write(encoded)
        out.write(data)
        central.append(
            struct.pack(
                "<4s4B4HL2L2H3H2L", b"PK\x01\x02", 20, 3, 20, 0, *shared, 0, 0, 0, 0, offset
            )
            + encoded
        )
    start = out.tell()
    directory = b"".join(central)
    out.write(directory)
    out.write(
        struct.pack(
            "<4s4H2LH",
            b"PK\x05\x06",
            0,
            0,
            len(members),
            len(members),
            len(directory),
            start,
            0,
        )  # fmt: skip
    )
    return out.getvalue()


def deflated(data: bytes) -> tuple[bytes, int, int]:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(), len(data), zlib.crc32(data)


def docx_bomb(megabytes_per_member: int, members: int = 1) -> bytes:
    """A DOCX that declares its sizes honestly and expands to members × MiB of zeros. The crc
    of the zeros is left 0: computing it would take seconds, and a refusal never reaches it."""
    stream = zeros_deflated(megabytes_per_member)
    parts = [("[Content_Types].xml", *deflated(CONTENT_TYPES_DOCX))]
    parts += [
        (f"word/media/blank{i}.bin", stream, megabytes_per_member << 20, 0) for i in range(members)
    ]
    return raw_zip(parts)
