# syntax=docker/dockerfile:1
# Engineer → AI Engineer: gunicorn serving Django, static files through whitenoise.

FROM python:3.13-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
# Dependencies first, so code changes do not invalidate this layer. Exactly what the runtime lock
# lists, at its hashes (make lock); the project itself needs no install, it runs from /app.
COPY requirements/base.txt requirements/base.txt
RUN python -m venv /venv && /venv/bin/pip install --require-hashes --no-deps -r requirements/base.txt
COPY . .
# Static files are collected at build time; nothing under /app is writable by anyone but root.
RUN DJANGO_DEBUG=0 DJANGO_SECRET_KEY=collectstatic-only /venv/bin/python manage.py collectstatic --no-input -v 0 \
 && chmod -R u=rwX,go=rX /app

FROM python:3.13-slim AS runtime
ENV PATH=/venv/bin:$PATH PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_DEBUG=0 HOST=0.0.0.0 PORT=8000 WEB_CONCURRENCY=2 \
    DATABASE_URL=sqlite:////data/db.sqlite3
# The runtime user owns nothing but /data (the SQLite default; set DATABASE_URL for PostgreSQL).
RUN useradd --no-create-home --uid 10001 app && mkdir /data && chown 10001 /data
WORKDIR /app
# Code, content and collected static files belong to root: read-only to the runtime user.
COPY --from=build /venv /venv
COPY --from=build /app /app
USER 10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD ["python", "-m", "roadmap_site.healthcheck"]
# The same command line as `make serve`; migrations run as a separate release step:
#   docker run --rm -e DATABASE_URL=... IMAGE python manage.py migrate --no-input
CMD ["gunicorn", "-c", "gunicorn.conf.py", "roadmap_site.wsgi"]
