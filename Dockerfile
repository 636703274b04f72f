# syntax=docker/dockerfile:1
# Engineer → AI Engineer: gunicorn serving Django, static files through whitenoise.

FROM python:3.13-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
# Dependencies first, so code changes do not invalidate this layer.
COPY pyproject.toml README.md ./
RUN python -m venv /venv && /venv/bin/pip install --upgrade pip && /venv/bin/pip install .
COPY . .
RUN DJANGO_DEBUG=0 DJANGO_SECRET_KEY=collectstatic-only /venv/bin/python manage.py collectstatic --no-input -v 0

FROM python:3.13-slim AS runtime
ENV PATH=/venv/bin:$PATH PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_DEBUG=0 HOST=0.0.0.0 PORT=8000 WEB_CONCURRENCY=2
RUN useradd --create-home --uid 10001 app
WORKDIR /app
COPY --from=build /venv /venv
COPY --from=build --chown=app:app /app /app
USER 10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('PORT', '8000') + '/healthz/live', timeout=2)"]
# The same command line as `make serve`; migrations run as a separate release step:
#   docker run --rm -e DATABASE_URL=... IMAGE python manage.py migrate --no-input
CMD ["gunicorn", "-c", "gunicorn.conf.py", "roadmap_site.wsgi"]
