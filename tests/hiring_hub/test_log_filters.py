"""The terminal shows what matters: a refused request is one line, nothing prints twice."""

import io
import logging

import pytest
from kombu import Connection

from hiring_hub.log_filters import ClientErrorWithoutTraceback, NoDefaultBrokerHostNotice

pytestmark = pytest.mark.django_db


@pytest.fixture
def console():
    """What the console handler of settings.LOGGING writes."""
    handler = next(
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, ClientErrorWithoutTraceback) for f in h.filters)
    )
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def test_a_403_logs_one_line_without_traceback(client, interviewer, console):
    # given
    client.force_login(interviewer)
    # when
    response = client.get("/team/")
    # then
    assert response.status_code == 403
    output = console.getvalue()
    assert output.count("Forbidden") == 1
    assert "Traceback" not in output


def test_a_server_error_keeps_its_traceback():
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "boom", (), None)
    record.status_code = 500
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        import sys

        record.exc_info = sys.exc_info()
    assert ClientErrorWithoutTraceback().filter(record)
    assert record.exc_info is not None


def test_the_embedded_broker_prints_no_hostname_notice(console):
    with Connection("filesystem://") as connection:
        connection.info()
    assert "No hostname was supplied" not in console.getvalue()
    record = logging.LogRecord(
        "kombu.connection", logging.WARNING, __file__, 1, "No hostname was supplied.", (), None
    )
    assert not NoDefaultBrokerHostNotice().filter(record)
