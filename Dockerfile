# The production image of the portal: gunicorn for the web, the same image for Celery.

# --- Front-end assets (HDS CSS) from npm --------------------------------------------------------
FROM node:20-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

# --- The application ----------------------------------------------------------------------------
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN apt-get update \
    && apt-get install --yes --no-install-recommends gettext libvoikko1 voikko-fi hunspell-sv \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, so that a code change does not reinstall them.
COPY pyproject.toml README.md ./
RUN pip install .

COPY . .
COPY --from=assets /build/node_modules/hds-core ./node_modules/hds-core

# Static files and compiled catalogues are part of the image; the build needs no real secrets.
RUN SECRET_KEY=build-only-not-secret ALLOWED_HOSTS=localhost \
        python manage.py collectstatic --noinput --verbosity 0 \
    && python manage.py compilemessages --ignore ".venv" --ignore "node_modules" --verbosity 0

RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin portal \
    && mkdir -p /app/var/media /app/var/private /app/var/mail \
    && chown -R portal:portal /app/var
USER portal

EXPOSE 8000
# gunicorn also reads /app/gunicorn.conf.py: request line and header bounds, worker timeout.
# Request bodies over their route's limit (at most 51 MB) are refused by the portal before they
# are read; a proxy in front states the same limit (docs/operations.md, "Uploads").
# gunicorn believes X-Forwarded-Proto only from FORWARDED_ALLOW_IPS (its own environment variable,
# 127.0.0.1 unless set): set it, and TRUSTED_PROXIES, to the reverse proxies' addresses.
CMD ["gunicorn", "portal.wsgi", "--bind", "0.0.0.0:8000", "--workers", "2", \
     "--access-logfile", "-"]
