"""The Celery app. Broker and schedule come from Django settings (CELERY_*)."""

import os

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hiring_hub.settings")

app = Celery("hiring_hub")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def _create_embedded_broker_folders(sender, **kwargs):
    # kombu's filesystem transport expects its folders to exist.
    options = sender.conf.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        if options.get(key):
            os.makedirs(options[key], exist_ok=True)
    backend = sender.conf.result_backend or ""
    if backend.startswith("file://"):
        os.makedirs(backend.removeprefix("file://"), exist_ok=True)


@worker_ready.connect
def _sweep_on_start(sender, **kwargs):
    # A (re)started worker catches up at once instead of waiting a whole beat interval;
    # the sweep is idempotent, so an extra run never duplicates a message.
    app.send_task("hiring_hub.tasks.send_due_notifications", expires=60)
