# The real-process fixtures of the jobs integration tests, shared with the outbox fault tests.
from tests.hiring_hub.test_integration_jobs import processes, smtp_server  # noqa: F401
