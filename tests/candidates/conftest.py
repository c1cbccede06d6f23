import io
import zipfile

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
