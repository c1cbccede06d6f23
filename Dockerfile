# Production image for web, worker and beat (see docker-compose.yml).
FROM node:20-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock
COPY --from=assets /app/node_modules ./node_modules
COPY . .
RUN DEBUG=false SECRET_KEY=collectstatic-build-only python manage.py collectstatic --noinput \
    && useradd --create-home hub && mkdir -p /app/var/media && chown -R hub /app/var
USER hub
EXPOSE 8000
CMD ["gunicorn", "hiring_hub.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
