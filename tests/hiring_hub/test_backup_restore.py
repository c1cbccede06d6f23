"""Backups restore: the README's commands (pg_dump -Fc / pg_restore, tar of MEDIA_ROOT) put
the data and the uploaded documents back into an empty database and a new media folder."""

import shutil
import subprocess
import tarfile

import psycopg2
import pytest
from django.conf import settings
from django.db import connection

from candidates import services
from tests import factories
from tests.candidates.conftest import pdf_bytes, upload
from tests.conftest import need_service

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _pg_env(db: dict) -> tuple[list[str], dict]:
    """Connection options for the PostgreSQL command-line tools, from Django's settings."""
    args = ["-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["-U", db["USER"]]
    env = {"PATH": "/usr/bin:/bin:/usr/local/bin"}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _run(*command, env):
    subprocess.run(command, check=True, env=env, capture_output=True, timeout=120)


def test_a_dump_and_the_media_folder_restore_into_an_empty_database(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL dump: runs in the PostgreSQL run")
    need_service("pg_dump", bool(shutil.which("pg_dump") and shutil.which("pg_restore")))
    db = connection.settings_dict
    # Our own database, next to the test database: test_<name> -> <name>_restore.
    restore_name = f"{db['NAME'].removeprefix('test_')}_restore"
    args, env = _pg_env(db)

    # given data and an uploaded résumé, committed
    recruiter = factories.RecruiterFactory(password="unused")
    candidate = services.candidate_create(
        actor=recruiter,
        full_name="Rosa Restore",
        email="rosa@example.org",
        resume=upload("rosa.pdf", pdf_bytes()),
    )
    resume_name = candidate.resume.name
    assert (settings.MEDIA_ROOT / resume_name).read_bytes() == pdf_bytes()

    # when backed up as the README says …
    dump, archive = tmp_path / "hiring_hub.dump", tmp_path / "media.tar.gz"
    _run("pg_dump", *args, "-Fc", "-f", str(dump), db["NAME"], env=env)
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(settings.MEDIA_ROOT, arcname=".")

    # … and restored into an EMPTY new database and a new media folder
    _run("dropdb", *args, "--if-exists", restore_name, env=env)
    _run("createdb", *args, restore_name, env=env)
    try:
        _run("pg_restore", *args, "--no-owner", "-d", restore_name, str(dump), env=env)
        media = tmp_path / "restored-media"
        media.mkdir()
        with tarfile.open(archive) as tar:
            tar.extractall(media, filter="data")

        # then the data and the document are there
        restored = psycopg2.connect(
            dbname=restore_name,
            host=db.get("HOST") or "127.0.0.1",
            port=db.get("PORT") or 5432,
            user=db.get("USER") or None,
            password=db.get("PASSWORD") or None,
        )
        try:
            with restored.cursor() as cursor:
                cursor.execute(
                    "SELECT full_name, email, resume FROM candidates_candidate WHERE id = %s",
                    [candidate.pk],
                )
                assert cursor.fetchone() == ("Rosa Restore", "rosa@example.org", resume_name)
                cursor.execute("SELECT email FROM hiring_hub_user WHERE id = %s", [recruiter.pk])
                assert cursor.fetchone() == (recruiter.email,)
                cursor.execute("SELECT count(*) FROM django_migrations WHERE app = 'candidates'")
                assert cursor.fetchone()[0] > 0
        finally:
            restored.close()
        assert (media / resume_name).read_bytes() == pdf_bytes()
    finally:
        _run("dropdb", *args, "--if-exists", restore_name, env=env)
