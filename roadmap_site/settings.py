"""The one settings module. Environment variables override safe development defaults;
DJANGO_DEBUG=0 switches on production hardening."""

from __future__ import annotations

import atexit
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.csp import CSP

from roadmap_site.pooling import close_pools

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_count(name: str, default: int, *, least: int = 0) -> int:
    """A whole number from the environment; anything else stops start-up with one line."""
    value = os.environ.get(name, "").strip() or str(default)
    if not (value.isascii() and value.isdigit()) or int(value) < least:
        raise SystemExit(f"{name} must be a whole number, {least} or more: {value!r}")
    return int(value)


def env_switch(name: str, default: bool) -> bool:
    """`on` or `off` (or 1/0, true/false, yes/no); a typo stops start-up instead of guessing."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise SystemExit(f"{name} must be on or off: {value!r}")


DEBUG = env_flag("DJANGO_DEBUG", True)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise SystemExit("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG=0")
    SECRET_KEY = "dev-only-insecure-key-never-used-in-production"  # noqa: S105
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if host.strip()
]
CONTENT_DIR = Path(os.environ.get("CONTENT_DIR", BASE_DIR / "content"))

# Canonical links (canonical, og:url, share links, robots.txt, the sitemap) are SITE_URL + path,
# never taken from the request's Host header.
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1", "0.0.0.0", "testserver"}


def default_site_url() -> str:
    """Development: this machine. Production: https:// and the first public allowed host."""
    public = [h for h in ALLOWED_HOSTS if h not in LOCAL_HOSTS and h != "*" and h[:1] != "."]
    if DEBUG or not public:
        return f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
    return f"https://{public[0]}"


SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/") or default_site_url()
_site = urlsplit(SITE_URL)
if (
    _site.scheme not in {"http", "https"}
    or not _site.hostname
    or "@" in _site.netloc
    or (_site.path or _site.query or _site.fragment)
):
    raise SystemExit(f"SITE_URL must be a scheme and host, e.g. https://example.org: {SITE_URL!r}")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_htmx",
    "content_engine",
    "webkit",
    "pages",
    "roles",
    "quiz",
    "plan",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Early, so even a response to a request refused early (a bad Host) carries it.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so its 400s and 503s still get every header above (webkit/middleware.py).
    "webkit.middleware.RequestGuardMiddleware",
]

ROOT_URLCONF = "roadmap_site.urls"
WSGI_APPLICATION = "roadmap_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # {% url %} remembers fixed names (webkit/templatetags/remembered_urls.py).
            "builtins": ["webkit.templatetags.remembered_urls"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "webkit.context_processors.site",
            ],
        },
    },
]

# SQLite is the default; DATABASE_URL (e.g. postgres://...) switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and the writer work at once; IMMEDIATE takes the write lock up front so
    # concurrent writers queue on the busy timeout instead of failing with "database is locked".
    # Connections are kept (conn_max_age above): opening one costs several times a plan
    # page's query, because Django sets up each SQLite connection afresh (benchmarks/bench_plan.py).
    # A write waits at most 3 s for the lock, then answers 503 with the input kept; with at
    # most DATABASE_WRITERS writing at once per process (webkit/writes.py), readers keep threads.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 3,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=3000;"
        ),
    }
else:
    # A database that has gone quiet fails a request in seconds (a 503 that keeps the person's
    # input, webkit/middleware.py), instead of holding a thread until the kernel gives up.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
    if env_flag("DATABASE_POOL", False):
        # One psycopg pool per process, a connection for each of its threads (gunicorn.conf.py),
        # so a request never waits for another's; Django requires CONN_MAX_AGE=0 with a pool.
        # A request that cannot get a connection gives up as a connection attempt does (a 503).
        _threads = max(1, int(os.environ.get("GUNICORN_THREADS", "4")))
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"]["OPTIONS"]["pool"] = {
            "min_size": _threads,
            "max_size": _threads,
            "timeout": DATABASES["default"]["OPTIONS"]["connect_timeout"],
        }
        # Closed at exit: else each process waits ~20 s for the pool's threads (pooling.py).
        atexit.register(close_pools)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Requests of one process that may write (or wait on a lock) at once: half its threads, so
# readers always keep the other half (webkit/writes.py).
DATABASE_WRITERS = env_count(
    "DATABASE_WRITERS", max(1, env_count("GUNICORN_THREADS", 4, least=1) // 2), least=1
)


def env_months(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip() or str(default)
    if not (value.isascii() and value.isdigit()) or int(value) < 1:
        raise SystemExit(f"{name} must be a whole number of months, 1 or more: {value!r}")
    return int(value)


# Retention (docs/operations.md): `manage.py delete_unopened` deletes plans and quiz results
# nobody has opened, by any of their links, for this many months.
PLAN_RETENTION_MONTHS = env_months("PLAN_RETENTION_MONTHS", 18)
QUIZ_RESULT_RETENTION_MONTHS = env_months("QUIZ_RESULT_RETENTION_MONTHS", 18)

REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES: dict[str, dict[str, object]]
if REDIS_URL:
    # An accelerator, never a dependency: short timeouts, errors logged once per outage, pages
    # rendered uncached while Redis is down or silent (webkit/cache.py, docs/operations.md).
    CACHES = {
        "default": {
            "BACKEND": "webkit.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
            "BACKOFF_SECONDS": 5,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }
# Rendered plan pages (~25 KB each, one per plan and state) stay in each process, never in the
# shared cache: a reload or Back is served from here, and no number of plans can fill Redis.
# 300 entries bound it to about 8 MB a process; the least recently used go first.
CACHES["process"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "process",
    "OPTIONS": {"MAX_ENTRIES": 300},
}

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Security headers, on in every mode; the HTTPS-only ones switch on with DJANGO_DEBUG=0.
# Scripts are same-origin files only, so no nonce: one would be baked into cached pages.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "webkit.middleware.csrf_failure"  # the site's page, not Django's bare one
SESSION_COOKIE_HTTPONLY = True
DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 100

if not DEBUG:
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_SSL_REDIRECT = env_flag("DJANGO_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz/"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Per-client limits on the forms that write (webkit/ratelimit.py): name -> (requests, seconds).
# Counted in the cache shared by every instance; a cache that cannot count never blocks anyone.
# RATE_LIMITS=off switches them all off (load tests, benchmarks). Behind proxies that append to
# X-Forwarded-For, TRUSTED_PROXIES says how many, so the client is the address the outermost
# saw; with 0 (the default) the header is ignored, since any client can write it.
RATE_LIMITS_ENABLED = env_switch("RATE_LIMITS", True)
RATE_LIMITS: dict[str, tuple[int, int]] = {
    "plan-create": (20, 600),  # a person makes one or two plans; 20 in 10 minutes is a script
    "plan-save": (300, 600),  # a tick saves itself: a whole plan ticked twice over fits
    "quiz-submit": (30, 600),  # trying the quiz again with other answers, several times over
    "plan-import": (20, 600),  # a plan or two restored from an export; 20 is a script
}
TRUSTED_PROXIES = env_count("TRUSTED_PROXIES", 0)

# One JSON object per line on stdout (roadmap_site/log_format.py); gunicorn's lines too
# (roadmap_site/serving.py). Client errors are one WARNING line each, without a traceback.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "roadmap_site.log_format.JsonFormatter",
        },
    },
    "filters": {"client_errors": {"()": "roadmap_site.log_format.ClientErrors"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "filters": ["client_errors"],
        }
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
    },
}
