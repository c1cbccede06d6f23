"""Every page carries a strict Content-Security-Policy and a Permissions-Policy; no template
keeps an inline script, inline style or inline event handler the policy would block."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db
TEMPLATES = Path(settings.BASE_DIR) / "templates"


def _directives(header: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("url", ["/accounts/login/", "/"])
def test_pages_have_a_strict_content_security_policy(client, recruiter, url):
    client.force_login(recruiter)
    response = client.get(url)
    policy = _directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


def test_pages_have_a_permissions_policy(client):
    header = client.get("/accounts/login/")["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in header


def test_htmx_is_told_to_add_no_inline_style_and_use_no_eval(client):
    html = client.get("/accounts/login/").content.decode()
    assert '"includeIndicatorStyles": false' in html
    assert '"allowEval": false' in html


INLINE = [
    (r"<script(?![^>]*\bsrc=)[^>]*>", "inline <script>"),
    (r"<style\b", "<style> element"),
    (r"\sstyle=\"", 'style="" attribute'),
    (r"\son[a-z]+=\"", "inline event handler"),
    (r"\s(data-)?hx-on", "hx-on handler"),
    (r"hx-trigger=\"[^\"]*\[", "htmx trigger filter (needs eval)"),
    (r"\bjs:", "htmx js: value (needs eval)"),
]


@pytest.mark.parametrize("pattern, what", INLINE)
def test_no_page_template_has_what_the_policy_blocks(pattern, what):
    # Emails are not served under the policy (mail clients need inline styles).
    offenders = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if "emails" not in path.parts and re.search(pattern, path.read_text())
    ]
    assert offenders == [], f"{what} in {offenders}"


def test_resume_preview_keeps_its_own_sandbox_policy(client, recruiter):
    from candidates import services
    from tests.candidates.conftest import pdf_bytes, upload

    candidate = services.candidate_create(
        actor=recruiter, full_name="P", email="p@example.org", resume=upload("x.pdf", pdf_bytes())
    )
    client.force_login(recruiter)
    response = client.get(reverse("candidates:resume_preview", args=[candidate.pk]))
    assert response["Content-Security-Policy"] == "sandbox; frame-ancestors 'self'"
