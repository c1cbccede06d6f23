"""The access matrix's world, built once for the package (see `_package_world`)."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.test import override_settings

from tests.hiring_hub.access_matrix.world import PDF, build_world


@pytest.fixture(scope="package")
def _package_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the package inside a transaction that is rolled back at the end; each
    test runs in its own savepoint on top of it (pytest-django's `db`), so a test that did
    change data cannot leak it into the next one."""
    media = tmp_path_factory.mktemp("matrix-media")
    hasher = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with override_settings(PASSWORD_HASHERS=hasher, MEDIA_ROOT=media):
                world = build_world()
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def world(_package_world, db):
    # conftest gives every test a fresh MEDIA_ROOT: put the résumé files back there.
    for key in ("candidate", "sourced_candidate"):
        name = _package_world.objects[key].resume.name
        default_storage.save(name, ContentFile(PDF))
    return _package_world
