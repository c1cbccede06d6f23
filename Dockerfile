# Production image for web, worker and beat (see docker-compose.yml): the runtime lock only
# (no test or lint tools), hash-checked, and a non-root user that cannot change the code.
FROM python:3.13-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
RUN groupadd --gid 10001 hub && useradd --uid 10001 --gid hub --create-home hub
COPY requirements/runtime.txt requirements/runtime.txt
RUN pip install --no-cache-dir --require-hashes -r requirements/runtime.txt
COPY . .
RUN DEBUG=false SECRET_KEY=collectstatic-build-only python manage.py collectstatic --noinput \
    && mkdir -p /app/var/media && chown -R hub:hub /app/var
USER 10001:10001
EXPOSE 8000
CMD ["gunicorn", "hiring_hub.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
