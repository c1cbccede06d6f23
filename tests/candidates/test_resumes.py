import io
import random
import time
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError

from candidates import resumes
from tests.candidates.conftest import (
    CONTENT_TYPES_DOCX,
    PNG,
    deflated,
    docx_bomb,
    docx_bytes,
    odt_bytes,
    pdf_bytes,
    raw_zip,
    upload,
    zeros_deflated,
)


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


# --- Archive bombs and odd archives ------------------------------------------------------------
def refusal(data: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as exc:
        resumes.detect_resume_type(upload("cv.docx", data))
    return exc.value


def measured_refusal(data: bytes) -> tuple[ValidationError, float, int]:
    """Refuse `data`, returning the error, the seconds it took and the peak bytes allocated."""
    file = upload("cv.docx", data)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        resumes.detect_resume_type(file)
    except ValidationError as exc:
        error = exc
    else:
        pytest.fail("the archive was accepted")
    finally:
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return error, elapsed, peak


def test_docx_holding_8_gb_in_8_mb_is_refused_in_milliseconds_with_bounded_memory():
    # given two members of 4000 MiB of zeros each, ~8.3 MB on disk
    data = docx_bomb(4000, members=2)
    assert len(data) < resumes.MAX_RESUME_BYTES
    # when
    error, elapsed, peak = measured_refusal(data)
    # then
    assert error.code == "archive_bomb"
    assert "Save the résumé again" in error.messages[0]
    assert elapsed < 0.5
    assert peak < 2 * 1024 * 1024


def test_docx_holding_4_gb_in_one_part_is_refused():
    assert refusal(docx_bomb(4000)).code == "archive_bomb"


def test_part_over_the_compression_ratio_is_refused_even_when_small():
    # 5 MiB of zeros: under every size cap, but compressed ~1000:1
    assert refusal(docx_bomb(5)).code == "archive_bomb"


def test_many_small_parts_adding_up_past_the_total_cap_are_refused():
    # 60 parts of 1 MiB each: no part crosses the ratio floor, the sum crosses 50 MiB
    stream = zeros_deflated(1)
    parts = [("[Content_Types].xml", *deflated(CONTENT_TYPES_DOCX))]
    parts += [(f"word/p{i}.xml", stream, 1 << 20, 0) for i in range(60)]
    assert refusal(raw_zip(parts)).code == "archive_bomb"


def test_sizes_that_lie_are_caught_while_decompressing():
    # given a part that declares 1 MiB but holds 3000 MiB: the declared checks pass
    stream = zeros_deflated(3000)
    parts = [
        ("[Content_Types].xml", *deflated(CONTENT_TYPES_DOCX)),
        ("word/document.xml", stream, 1 << 20, 0),
    ]
    # when / then: decompression stops at the declared size and the part is found damaged
    error, elapsed, peak = measured_refusal(raw_zip(parts))
    assert error.code == "archive_damaged"
    assert elapsed < 0.5
    assert peak < 2 * 1024 * 1024


def test_archive_with_thousands_of_parts_is_refused():
    empty = deflated(b"")
    parts = [("[Content_Types].xml", *deflated(CONTENT_TYPES_DOCX))]
    parts += [(f"p{i}", *empty) for i in range(5000)]
    error, elapsed, _ = measured_refusal(raw_zip(parts))
    assert error.code == "archive_members"
    assert elapsed < 0.5


def test_docx_holding_another_zip_is_refused_as_nested():
    inner = docx_bytes()
    parts = [
        ("[Content_Types].xml", *deflated(CONTENT_TYPES_DOCX)),
        ("word/embeddings/cv.docx", *deflated(inner)),
    ]
    error = refusal(raw_zip(parts))
    assert error.code == "archive_nested"
    assert "another archive" in error.messages[0]


@pytest.mark.parametrize("signature", [b"\x1f\x8b\x08\x00", b"BZh91AY", b"7z\xbc\xaf\x27\x1c"])
def test_docx_holding_a_compressed_stream_under_a_harmless_name_is_refused(signature):
    parts = [
        ("[Content_Types].xml", *deflated(CONTENT_TYPES_DOCX)),
        ("word/media/image1.png", *deflated(signature + b"\0" * 100)),
    ]
    assert refusal(raw_zip(parts)).code == "archive_nested"


def test_encrypted_archive_is_refused():
    parts = [("[Content_Types].xml", *deflated(CONTENT_TYPES_DOCX))]
    assert refusal(raw_zip(parts, flags=0x1)).code == "archive_encrypted"


def test_truncated_archive_is_refused_as_damaged():
    data = docx_bytes()
    assert refusal(data[: len(data) // 2]).code in {"archive_damaged", "invalid_type"}


def test_real_sized_docx_with_a_photo_is_accepted():
    # given document.xml of ordinary prose and a 3 MB incompressible image
    prose = " ".join(
        f"<w:p><w:r><w:t>Line {i} of a career in payments</w:t></w:r></w:p>" for i in range(20000)
    )
    parts = [
        ("[Content_Types].xml", *deflated(CONTENT_TYPES_DOCX)),
        ("word/document.xml", *deflated(prose.encode())),
        ("word/media/photo.jpg", *deflated(random.Random(1).randbytes(3 * 1024 * 1024))),
    ]
    assert resumes.detect_resume_type(upload("cv.docx", raw_zip(parts))) == resumes.DOCX


def test_9_gb_part_declaring_19_mb_is_refused_after_decompressing_at_most_19_mb():
    # given the largest bomb under the upload limit (~9.3 MB), its header claiming 19 MiB so
    # every declared check passes
    parts = [
        ("[Content_Types].xml", *deflated(CONTENT_TYPES_DOCX)),
        ("word/document.xml", zeros_deflated(9000), 19 << 20, 0),
    ]
    data = raw_zip(parts)
    assert len(data) < resumes.MAX_RESUME_BYTES
    # when
    error, elapsed, peak = measured_refusal(data)
    # then
    assert error.code == "archive_damaged"
    assert elapsed < 0.5
    assert peak < 2 * 1024 * 1024


def _archive(part: str, xml: str) -> io.BytesIO:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr(part, xml)
    out.seek(0)
    return out


def test_resume_text_reads_the_paragraphs_of_a_word_or_opendocument_file():
    from candidates.resumes import DOCX, ODT, resume_text

    docx = _archive(
        "word/document.xml",
        "<w:document><w:body><w:p><w:r><w:t>Ada Lovelace</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Analyst &amp; </w:t></w:r><w:r><w:t>engineer</w:t></w:r></w:p>"
        "</w:body></w:document>",
    )
    odt = _archive(
        "content.xml",
        "<office:text><text:h>Ada Lovelace</text:h>"
        "<text:p>Analytical engines</text:p></office:text>",
    )
    assert resume_text(docx, DOCX) == "Ada Lovelace\nAnalyst & engineer"
    assert resume_text(odt, ODT) == "Ada Lovelace\nAnalytical engines"
    assert resume_text(io.BytesIO(b"not a zip"), DOCX) == ""


def test_resume_text_stops_at_its_bounds():
    from candidates.resumes import DOCX, MAX_PREVIEW_CHARS, TEXT, resume_text

    huge = _archive("word/document.xml", "<w:p>" + "x" * (8 * 1024 * 1024) + "</w:p>")
    assert len(resume_text(huge, DOCX)) == MAX_PREVIEW_CHARS
    assert len(resume_text(io.BytesIO(b"y" * (MAX_PREVIEW_CHARS * 2)), TEXT)) == MAX_PREVIEW_CHARS
