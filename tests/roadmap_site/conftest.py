"""One production server (gunicorn, `make serve`'s command line) shared by the tests that attack
it, with its own SQLite database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from benchmarks.server import Server, gunicorn, prepare, production_env


@pytest.fixture(scope="session")
def production_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("production-server")
    env = production_env(tmp)
    prepare(env)
    with gunicorn(env, tmp / "server.log", workers=2) as server:
        yield server
