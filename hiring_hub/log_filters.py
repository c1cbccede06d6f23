"""Logging filters that keep the terminal for what matters (see LOGGING in settings)."""

import logging


class ClientErrorWithoutTraceback(logging.Filter):
    """A refused request (403, 404, 400...) is the app working as designed: log its one line,
    not the traceback of the PermissionDenied or Http404 that produced it. Server errors
    (5xx) keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True


class NoDefaultBrokerHostNotice(logging.Filter):
    """kombu warns "No hostname was supplied" for the embedded filesystem broker, which has
    no host at all: every connection of the development set-up would print it."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("No hostname was supplied")
