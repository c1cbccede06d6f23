"""The development mail backend and its DEBUG-only viewer at /dev/mail/."""

import importlib

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import Resolver404, clear_url_caches, resolve

import hiring_hub.urls
from hiring_hub.devmail import store
from hiring_hub.devmail.backend import EmailBackend

pytestmark = pytest.mark.django_db

DEVMAIL = "hiring_hub.devmail.backend.EmailBackend"


@pytest.fixture
def mail_folder(settings, tmp_path):
    settings.EMAIL_BACKEND = DEVMAIL
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    settings.SITE_URL = "http://localhost:8000"
    return tmp_path / "mail"


def _build_urls(settings, *, debug: bool) -> None:
    settings.DEBUG = debug
    importlib.reload(hiring_hub.urls)
    clear_url_caches()


@pytest.fixture
def urls_built_with(settings):
    """Rebuild hiring_hub.urls as a process with the given DEBUG does at start-up (the test
    run itself has DEBUG off, but its URLconf may have been imported with DEBUG on); put
    back the URLconf as it was afterwards."""
    was_built_with = any(
        getattr(entry, "namespace", None) == "devmail" for entry in hiring_hub.urls.urlpatterns
    )
    debug = settings.DEBUG
    yield lambda flag: _build_urls(settings, debug=flag)
    _build_urls(settings, debug=was_built_with)
    settings.DEBUG = debug


@pytest.fixture
def debug_urls(urls_built_with):
    urls_built_with(True)


def _send(subject="Requisition opened", to="maya@example.com", link="/requisitions/7/"):
    message = EmailMultiAlternatives(
        subject=subject,
        body=f"See https://docs.example.org/help and http://localhost:8000{link} today.",
        to=[to],
    )
    message.attach_alternative(
        f"<p>Open <a href='{link}'>it</a><script>x()</script></p>", "text/html"
    )
    message.attach("invite.ics", "BEGIN:VCALENDAR\nEND:VCALENDAR\n", "text/calendar")
    return message.send()


def test_each_email_is_kept_as_an_eml_file_and_announced_in_one_line(mail_folder, capfd):
    # when
    sent = _send(subject="Requisition  opened")
    # then
    assert sent == 1
    files = list(mail_folder.glob("*.eml"))
    assert len(files) == 1
    assert b"Subject: Requisition" in files[0].read_bytes()
    err = capfd.readouterr().err
    assert err == (
        "mail to maya@example.com: Requisition opened -> http://localhost:8000/requisitions/7/\n"
    )


def test_a_message_without_recipients_is_not_stored(mail_folder):
    sent = EmailBackend(stream=None).send_messages([EmailMultiAlternatives(subject="x", body="y")])
    assert sent == 0
    assert not mail_folder.exists() or not list(mail_folder.iterdir())


def test_devmail_is_the_development_default_and_filemail_needs_four_slashes():
    import environ

    assert environ.Env.EMAIL_SCHEMES["devmail"] == DEVMAIL
    assert environ.Env.email_url_config("filemail:////tmp/mail")["EMAIL_FILE_PATH"] == "/tmp/mail"
    assert environ.Env.email_url_config("devmail:////tmp/mail")["EMAIL_BACKEND"] == DEVMAIL


def test_mail_viewer_lists_and_shows_messages_in_debug(
    client, mail_folder, debug_urls, django_assert_num_queries
):
    # given
    _send(subject="First", to="rita@example.com")
    _send(subject="Second", to="ian@example.com")
    # when
    with django_assert_num_queries(0):
        listing = client.get("/dev/mail/")
    # then
    assert listing.status_code == 200
    page = listing.content.decode()
    assert page.index("Second") < page.index("First")
    newest = store.stored_mail_list()[0]
    detail = client.get(f"/dev/mail/{newest.name}/")
    assert detail.status_code == 200
    body = detail.content.decode()
    assert "ian@example.com" in body
    assert 'href="http://localhost:8000/requisitions/7/"' in body
    assert 'sandbox=""' in body and "&lt;script&gt;" in body
    assert "invite.ics" in body
    raw = client.get(f"/dev/mail/{newest.name}/raw/")
    assert raw.status_code == 200
    assert b"Subject: Second" in raw.content


def test_mail_viewer_query_count_does_not_grow_with_messages(
    client, mail_folder, debug_urls, django_assert_num_queries
):
    for number in range(6):
        _send(subject=f"Message {number}")
    with django_assert_num_queries(0):
        assert client.get("/dev/mail/").status_code == 200


def test_mail_viewer_refuses_names_that_are_not_stored_messages(client, mail_folder, debug_urls):
    _send()
    assert client.get("/dev/mail/..%2F..%2Fsettings/").status_code == 404
    assert client.get("/dev/mail/20990101T000000000000-deadbeef/").status_code == 404
    assert client.get("/dev/mail/not-a-mail/raw/").status_code == 404


def test_mail_viewer_is_not_routed_when_debug_is_off(client, mail_folder, urls_built_with):
    # given
    _send()
    # when
    urls_built_with(False)
    # then
    with pytest.raises(Resolver404):
        resolve("/dev/mail/")
    assert client.get("/dev/mail/").status_code == 404
    name = store.stored_mail_list()[0].name
    assert client.get(f"/dev/mail/{name}/").status_code == 404


def test_mail_viewer_view_refuses_when_debug_is_off_even_if_routed(
    client, mail_folder, debug_urls, settings
):
    settings.DEBUG = False
    assert client.get("/dev/mail/").status_code == 404


def test_the_test_run_keeps_emails_in_memory():
    # conftest's locmem backend: nothing from the suite lands in var/mail.
    assert mail.get_connection().__class__.__module__ == "django.core.mail.backends.locmem"
