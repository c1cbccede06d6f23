"""Front-end assets come from files in the repository: no Node.js, no CDN; and a favicon."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

ROOT = Path(__file__).resolve().parents[2]
VENDORED = {
    "bootstrap": ["css/bootstrap.min.css", "js/bootstrap.bundle.min.js"],
    "bootstrap-icons": ["bootstrap-icons.min.css", "fonts/bootstrap-icons.woff2"],
    "htmx": ["htmx.min.js"],
}


@pytest.mark.parametrize("folder", sorted(VENDORED))
def test_vendored_package_has_its_files_version_and_licence(folder):
    for name in [*VENDORED[folder], "VERSION", "LICENSE"]:
        assert finders.find(f"vendor/{folder}/{name}"), name
    assert "licence:" in (ROOT / "static/vendor" / folder / "VERSION").read_text()


def test_running_needs_no_node_project():
    assert not (ROOT / "package.json").exists()
    assert not (ROOT / "package-lock.json").exists()


@pytest.mark.django_db
def test_pages_link_the_vendored_assets_and_the_favicon(client):
    page = client.get("/accounts/login/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
    for asset in (
        "vendor/bootstrap/css/bootstrap.min.css",
        "vendor/bootstrap-icons/bootstrap-icons.min.css",
        "vendor/bootstrap/js/bootstrap.bundle.min.js",
        "vendor/htmx/htmx.min.js",
    ):
        assert f"/static/{asset}" in page


def test_favicon_ico_leads_to_the_svg_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/favicon.svg"
    assert finders.find("favicon.svg")
