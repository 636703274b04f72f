"""The container's health check (the Dockerfile's HEALTHCHECK): GET /healthz/live on this
machine as a client the site accepts would ask, with the first allowed host as its Host header
(a bare 127.0.0.1 is refused with 400 wherever DJANGO_ALLOWED_HOSTS leaves it out). Exit 0 when
it answers 200, else 1. Standard library only: a check every 30 s costs milliseconds, not a
Django start-up."""

from __future__ import annotations

import os
import sys
import urllib.request


def host_header(allowed_hosts: str) -> str:
    """A Host the site accepts: the first allowed host (".example.org" allows example.org)."""
    first = next((h.strip() for h in allowed_hosts.split(",") if h.strip()), "localhost")
    first = first.lstrip(".")
    return "localhost" if first in {"", "*"} else first


def main() -> int:
    host = host_header(os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost"))
    url = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/healthz/live"
    request = urllib.request.Request(url, headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return 0 if response.status == 200 else 1
    except OSError:
        return 1


if __name__ == "__main__":
    sys.exit(main())
