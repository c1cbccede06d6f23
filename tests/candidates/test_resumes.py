import pytest
from django.core.exceptions import ValidationError

from candidates import resumes
from tests.candidates.conftest import PNG, docx_bytes, odt_bytes, pdf_bytes, upload


@pytest.mark.parametrize(
    ("name", "data", "mime"),
    [
        ("cv.pdf", pdf_bytes(), resumes.PDF),
        ("cv.docx", docx_bytes(), resumes.DOCX),
        ("cv.odt", odt_bytes(), resumes.ODT),
        ("cv.txt", "Zoë Example\nEngineer\n".encode(), resumes.TEXT),
        ("no-extension", pdf_bytes(), resumes.PDF),
    ],
)
def test_accepted_types_are_detected_from_content(name, data, mime):
    assert resumes.detect_resume_type(upload(name, data)) == mime


def test_image_renamed_to_pdf_is_refused():
    with pytest.raises(ValidationError) as exc:
        resumes.detect_resume_type(upload("cv.pdf", PNG))
    assert exc.value.code == "invalid_type"


def test_binary_that_is_not_utf8_is_refused():
    with pytest.raises(ValidationError):
        resumes.detect_resume_type(upload("cv.txt", b"\xff\xfe\x00garbage\x00"))


def test_plain_zip_renamed_to_docx_is_refused():
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("a.txt", "hello")
    with pytest.raises(ValidationError):
        resumes.detect_resume_type(upload("cv.docx", out.getvalue()))


def test_empty_file_is_refused():
    with pytest.raises(ValidationError) as exc:
        resumes.detect_resume_type(upload("cv.pdf", b""))
    assert exc.value.code == "empty"


def test_file_over_10_mb_is_refused():
    data = pdf_bytes() + b"0" * (10 * 1024 * 1024)
    with pytest.raises(ValidationError) as exc:
        resumes.detect_resume_type(upload("cv.pdf", data))
    assert exc.value.code == "too_large"
    assert "10 MB" in exc.value.messages[0]


def test_docx_whose_first_zip_member_is_not_recognised_is_still_accepted():
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("docProps/app.xml", "<Properties/>")
        z.writestr(
            "[Content_Types].xml",
            '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
    assert resumes.detect_resume_type(upload("cv.docx", out.getvalue())) == resumes.DOCX
