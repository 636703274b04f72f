"""compose.yaml against the Dockerfile, the settings and deploy/nginx.conf: what it sets is what
the site reads, the instances run the image's command, migrations come first, the healthcheck
asks a real URL, and no secret is written down. With nginx installed, the proxy's config is also
run in front of two production servers."""

from __future__ import annotations

import ast
import contextlib
import gzip
import json
import re
import shlex
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings
from django.test import Client, override_settings
from django.urls import resolve

from benchmarks.server import Server, free_port, gunicorn, prepare, production_env

ROOT = Path(settings.BASE_DIR)
COMPOSE: dict[str, Any] = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
SERVICES: dict[str, dict[str, Any]] = COMPOSE["services"]
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
MIGRATE = ["python", "manage.py", "migrate", "--no-input"]
SECRET_NAME = re.compile(r"SECRET|PASSWORD|TOKEN|KEY", re.I)
VARIABLE = re.compile(r"\$\{(\w+)(?:(:?[?-])([^}]*))?\}")


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(instruction, arguments) of the runtime stage, continuation lines joined."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    lines = [line for line in text.replace("\\\n", " ").splitlines() if line.strip()]
    stages = [i for i, line in enumerate(lines) if line.startswith("FROM ")]
    runtime = lines[stages[-1] :]
    return [
        (line.split(None, 1)[0], line.split(None, 1)[1])
        for line in runtime
        if not line.startswith("#")
    ]


def dockerfile_cmd() -> list[str]:
    [cmd] = [json.loads(args) for name, args in dockerfile_instructions() if name == "CMD"]
    return list(cmd)


def dockerfile_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for name, args in dockerfile_instructions():
        if name == "ENV":
            for pair in shlex.split(args):
                name, value = pair.split("=", 1)
                env[name] = value
    return env


def variables_read(path: Path) -> set[str]:
    """The environment variables a module reads: os.environ.get / os.getenv / os.environ[...]
    / the settings' env_* helpers, and dj_database_url.config's DATABASE_URL."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            called = ast.unparse(node.func)
            reads = called in {"os.environ.get", "os.getenv"} or called.startswith("env_")
            if reads and node.args and isinstance(node.args[0], ast.Constant):
                names.add(str(node.args[0].value))
            if called == "dj_database_url.config":
                env = {k.arg: k.value for k in node.keywords}.get("env")
                names.add(str(env.value) if isinstance(env, ast.Constant) else "DATABASE_URL")
        elif (
            isinstance(node, ast.Subscript)
            and ast.unparse(node.value) == "os.environ"
            and isinstance(node.slice, ast.Constant)
        ):
            names.add(str(node.slice.value))
    return names


def interpolate(value: str, given: dict[str, str]) -> str:
    """Compose's ${NAME}, ${NAME:-default} and ${NAME:?message}, with `given` as the shell."""

    def one(match: re.Match[str]) -> str:
        name, operator, argument = match.groups()
        if name in given:
            return given[name]
        if operator and operator.endswith("?"):
            raise KeyError(f"{name} is required: {argument}")
        return argument if operator else ""

    return VARIABLE.sub(one, value)


def image_services() -> dict[str, dict[str, Any]]:
    """The services that run the image the Dockerfile builds."""
    return {name: s for name, s in SERVICES.items() if s.get("build") in {".", "./"}}


def app_instances() -> dict[str, dict[str, Any]]:
    return {n: s for n, s in image_services().items() if s.get("command") != MIGRATE}


def healthcheck_url(service: dict[str, Any]) -> tuple[int, str]:
    command = " ".join(service["healthcheck"]["test"])
    match = re.search(r"http://127\.0\.0\.1:(\d+)(/[^'\" ]*)", command)
    assert match, command
    return int(match.group(1)), match.group(2)


def test_two_app_instances_of_the_one_image_run_its_command():
    apps = app_instances()
    assert len(apps) == 2, sorted(apps)
    assert {s["image"] for s in image_services().values()} == {SERVICES["app1"]["image"]}
    for name, service in apps.items():
        # Absent, the image's CMD runs; if written out, it must be that very command line.
        assert service.get("command", dockerfile_cmd()) == dockerfile_cmd(), name
        assert service.get("entrypoint") is None, name


def test_every_variable_set_for_the_site_is_one_it_reads():
    read = variables_read(ROOT / "roadmap_site" / "settings.py") | variables_read(
        ROOT / "gunicorn.conf.py"
    )
    for name, service in image_services().items():
        unknown = set(service["environment"]) - read
        assert not unknown, f"{name} sets variables the site never reads: {sorted(unknown)}"


def test_the_database_and_cache_are_the_compose_services():
    env = {"DJANGO_SECRET_KEY": "k", "POSTGRES_PASSWORD": "p", "DJANGO_ALLOWED_HOSTS": "a"}
    for name, service in image_services().items():
        environment = {k: interpolate(str(v), env) for k, v in service["environment"].items()}
        assert environment["DATABASE_URL"] == "postgres://site:p@db:5432/site", name
        assert environment["REDIS_URL"].startswith("redis://redis:6379/"), name
    db = SERVICES["db"]["environment"]
    assert (db["POSTGRES_USER"], db["POSTGRES_DB"]) == ("site", "site")
    assert SERVICES["db"]["image"].startswith("postgres:")


def test_migrations_run_once_before_either_instance_starts():
    [migrate] = [s for s in image_services().values() if s.get("command") == MIGRATE]
    assert migrate["restart"] == "no"
    assert migrate["depends_on"]["db"]["condition"] == "service_healthy"
    migrate_name = next(n for n, s in SERVICES.items() if s is migrate)
    for name, service in app_instances().items():
        depends = service["depends_on"]
        assert depends[migrate_name]["condition"] == "service_completed_successfully", name
        assert depends["db"]["condition"] == "service_healthy", name
        assert depends["redis"]["condition"] == "service_healthy", name
    # The image collects static files at build time, so no collectstatic step is needed.
    assert "collectstatic" in (ROOT / "Dockerfile").read_text(encoding="utf-8")


def test_healthchecks_ask_the_ready_url_pg_isready_and_redis():
    for name, service in app_instances().items():
        port, path = healthcheck_url(service)
        assert port == int(dockerfile_env()["PORT"]), name
        assert resolve(path).url_name == "health-ready", name
    assert SERVICES["db"]["healthcheck"]["test"][:2] == ["CMD", "pg_isready"]
    assert SERVICES["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]


@pytest.mark.django_db
def test_the_healthcheck_is_answered_under_the_composed_hosts():
    """Production settings with compose's DJANGO_ALLOWED_HOSTS: the healthcheck's request, to
    127.0.0.1 over plain HTTP, gets 200, not a 400 for its Host or a redirect to HTTPS."""
    service = SERVICES["app1"]
    hosts = interpolate(
        service["environment"]["DJANGO_ALLOWED_HOSTS"], {"DJANGO_ALLOWED_HOSTS": "example.org"}
    )
    port, path = healthcheck_url(service)
    with override_settings(
        ALLOWED_HOSTS=hosts.split(","),
        SECURE_SSL_REDIRECT=True,
        SECURE_REDIRECT_EXEMPT=[r"^healthz/"],
    ):
        response = Client().get(path, HTTP_HOST=f"127.0.0.1:{port}")
        outside = Client().get("/", HTTP_HOST="example.org")
    assert response.status_code == 200, response.content
    assert outside.status_code == 301  # the redirect to HTTPS is still on for visitors


def test_no_secret_is_written_down():
    text = (ROOT / "compose.yaml").read_text(encoding="utf-8")
    for name, service in SERVICES.items():
        for key, value in (service.get("environment") or {}).items():
            value = str(value)
            if SECRET_NAME.search(key):
                # The whole value is one required variable: no default, nothing literal.
                assert re.fullmatch(r"\$\{\w+:\?[^}]*\}", value), f"{name}.{key}: {value}"
            for password in re.findall(r"://[^:/@]+:([^@]*)@", value):
                assert re.fullmatch(r"\$\{\w+:\?[^}]*\}", password), f"{name}.{key}"
    # No variable named like a secret is given a default anywhere in the file.
    for variable, operator, _ in VARIABLE.findall(text):
        assert not (SECRET_NAME.search(variable) and operator.endswith("-")), variable


def test_redis_is_sized_as_docs_operations_says():
    documented = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    size = re.search(r"^maxmemory (\S+)$", documented, re.M)
    policy = re.search(r"^maxmemory-policy (\S+)$", documented, re.M)
    assert size and policy
    command = SERVICES["redis"]["command"]
    assert command[command.index("--maxmemory") + 1] == size.group(1)
    assert command[command.index("--maxmemory-policy") + 1] == policy.group(1) == "allkeys-lru"


def test_the_proxy_sends_to_both_instances_on_the_image_port():
    conf = NGINX_CONF.read_text(encoding="utf-8")
    proxy = SERVICES["proxy"]
    assert proxy["volumes"] == ["./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro"]
    block = re.search(r"^upstream \w+ \{(.*?)^\}", conf, re.M | re.S)
    assert block, conf
    upstream = set(re.findall(r"^\s*server (\S+?)[\s;]", block.group(1), re.M))
    port = dockerfile_env()["PORT"]
    assert upstream == {f"{name}:{port}" for name in app_instances()}
    [listen] = re.findall(r"^\s*listen (\d+);", conf, re.M)
    [published] = proxy["ports"]
    assert published.rsplit(":", 1)[1] == listen
    for name in app_instances():
        assert proxy["depends_on"][name]["condition"] == "service_healthy"


# The proxy itself, where nginx is installed: deploy/nginx.conf in front of two production
# servers (gunicorn as the image runs it), its upstream names pointed at them.
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


@contextlib.contextmanager
def nginx_in_front(tmp: Path, ports: dict[str, int]) -> Iterator[str]:
    assert NGINX is not None
    conf = NGINX_CONF.read_text(encoding="utf-8")
    for name, port in ports.items():
        conf = conf.replace(f"server {name}:8000", f"server 127.0.0.1:{port}")
    listen = free_port()
    conf = re.sub(r"listen \d+;", f"listen 127.0.0.1:{listen};", conf)
    (tmp / "site.conf").write_text(conf, encoding="utf-8")
    (tmp / "nginx.conf").write_text(
        f"""
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{}}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/site.conf;
}}
""",
        encoding="utf-8",
    )
    command = [NGINX, "-e", str(tmp / "error.log"), "-p", str(tmp), "-c", str(tmp / "nginx.conf")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen([*command, "-g", "daemon off;"])
    base = f"http://127.0.0.1:{listen}"
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                urllib.request.urlopen(base + "/healthz/live", timeout=2).read()
                break
            except OSError:
                assert time.monotonic() < deadline, (tmp / "error.log").read_text()
                time.sleep(0.05)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def get(url: str, **headers: str) -> tuple[int, Message, bytes]:
    """One GET; a redirect is answered, not followed."""
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def access_paths(server: Server, since: int) -> list[str]:
    return [
        str(e.get("path")) for e in server.entries(since) if e.get("logger") == "gunicorn.access"
    ]


@pytest.mark.slow
@pytest.mark.skipif(NGINX is None, reason="nginx is not installed (apt-get install nginx-light)")
def test_the_proxy_config_spreads_requests_compresses_and_survives_an_instance(tmp_path):
    # One SITE_URL for both, as compose gives them: it is part of every page's ETag.
    env = production_env(
        tmp_path, DJANGO_SSL_REDIRECT="1", LOG_LEVEL="WARNING", SITE_URL="https://example.org"
    )
    prepare(env)
    with contextlib.ExitStack() as stack:
        servers = {
            name: stack.enter_context(gunicorn(env, tmp_path / f"{name}.log", workers=1))
            for name in app_instances()
        }
        proxy_dir = tmp_path / "nginx"
        proxy_dir.mkdir()
        base = stack.enter_context(
            nginx_in_front(proxy_dir, {name: s.port for name, s in servers.items()})
        )
        marks = {name: s.mark() for name, s in servers.items()}

        # The visitor's scheme: a front that ended TLS says https and gets the page; plain
        # HTTP through the proxy alone is redirected to HTTPS (DJANGO_SSL_REDIRECT=1).
        status, headers, _ = get(base + "/route/")
        assert status == 301 and headers["Location"].startswith("https://"), status
        answers = [
            get(base + "/route/", **{"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"})
            for _ in range(8)
        ]
        assert [status for status, _, _ in answers] == [200] * 8
        _, headers, body = answers[-1]
        assert headers["Content-Encoding"] == "gzip"
        assert b"<html" in gzip.decompress(body)
        vary = ", ".join(headers.get_all("Vary") or [])  # the site's, and nginx's own
        assert "Accept-Encoding" in vary and "HX-Request" in vary, vary
        assert headers["Cache-Control"] == "public, max-age=300" and "ETag" in headers
        # Compressing weakens the ETag (W/"..."); a cache revalidating with it gets 304 from
        # either instance (requests alternate between them).
        revalidated = [
            get(
                base + "/route/", **{"X-Forwarded-Proto": "https", "If-None-Match": headers["ETag"]}
            )
            for _ in range(4)
        ]
        assert headers["ETag"].startswith('W/"')
        assert [status for status, _, _ in revalidated] == [304] * 4
        for name, server in servers.items():  # both instances took a share
            assert "/route/" in access_paths(server, marks[name]), name

        # One instance stops: every GET still gets its page, from the other.
        first = next(iter(servers.values()))
        first.process.terminate()
        first.process.wait(timeout=30)
        for _ in range(6):
            status, _, _ = get(base + "/faq/", **{"X-Forwarded-Proto": "https"})
            assert status == 200
