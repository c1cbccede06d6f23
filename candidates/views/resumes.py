"""A candidate's résumé: downloaded, or previewed in the browser when it is a PDF."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.text import slugify

from candidates.models import Candidate
from candidates.resumes import EXTENSIONS, PDF
from hiring_hub import access

# A separate document with no origin, scripts, forms or plugins beyond the PDF viewer.
# Sandboxed (no script, no same-origin rights), framed only by our own pages (the review).
RESUME_PREVIEW_CSP = "sandbox; frame-ancestors 'self'"


def _resume_response(candidate: Candidate, *, inline: bool, extension: str, content_type: str):
    response = FileResponse(
        candidate.resume.open("rb"),
        as_attachment=not inline,
        filename=f"{slugify(candidate.full_name) or 'candidate'}-resume.{extension}",
        content_type=content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def resume_download(request, pk):
    """Résumés are private: served only to users who may see the candidate."""
    candidate = get_object_or_404(access.candidates_visible_to(request.user), pk=pk)
    if not candidate.resume:
        raise Http404("No résumé on file.")
    return _resume_response(
        candidate,
        inline=False,
        extension=EXTENSIONS.get(candidate.resume_content_type, "bin"),
        content_type=candidate.resume_content_type or "application/octet-stream",
    )


@login_required
def resume_preview(request, pk):
    """A PDF résumé opened in the browser's viewer. Only PDFs are shown inline (a text or
    office file would be rendered by the browser as a page of ours); the response is a
    sandboxed document with no script, no same-origin rights and no MIME sniffing."""
    candidate = get_object_or_404(access.candidates_visible_to(request.user), pk=pk)
    if not candidate.resume_previewable:
        raise Http404("No PDF résumé on file.")
    response = _resume_response(candidate, inline=True, extension="pdf", content_type=PDF)
    response["Content-Security-Policy"] = RESUME_PREVIEW_CSP
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response
