"""The Dovecot fixture for the end-to-end tests.

With LIBIMAP_TEST_HOST set (e.g. by tests/run.sh after `fixture.sh start DIR; source DIR/env`), the
tests use that server. Otherwise this session starts a private instance with
tests/dovecot/fixture.sh and stops it at the end.
"""

from __future__ import annotations

import json
import os
import pathlib
import re
import shlex
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from typing import Any

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
FIXTURE_SCRIPT = REPO / "tests" / "dovecot" / "fixture.sh"
USER = "python"
PASSWORD = "python-pass"


@dataclass(frozen=True)
class Dovecot:
    host: str
    port_starttls: int
    port_tls: int
    ca: str
    log: pathlib.Path
    scenario_path: pathlib.Path
    scenario: dict[str, Any]

    def log_size(self) -> int:
        return self.log.stat().st_size

    def wait_for_log(self, pattern: str, since: int, timeout: float = 5.0) -> str:
        """The first log line after byte offset `since` matching `pattern`; Dovecot writes its
        log asynchronously, so poll."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            with self.log.open("rb") as f:
                f.seek(since)
                for line in f.read().decode("utf-8", "replace").splitlines():
                    if regex.search(line):
                        return line
            if time.monotonic() > deadline:
                raise AssertionError(f"no line matching {pattern!r} in {self.log} after offset {since}")
            time.sleep(0.05)

    def message(self, seq: int) -> dict[str, Any]:
        return next(m for m in self.scenario["messages"] if m["seq"] == seq)

    def scenario_file(self, relative: str) -> bytes:
        return (self.scenario_path.parent / relative).read_bytes()


def _parse_env_file(path: pathlib.Path) -> dict[str, str]:
    env = {}
    for line in path.read_text().splitlines():
        words = shlex.split(line)
        if len(words) == 2 and words[0] == "export" and "=" in words[1]:
            key, value = words[1].split("=", 1)
            env[key] = value
    return env


def _from_env(env: dict[str, str]) -> Dovecot:
    scenario_path = pathlib.Path(env["LIBIMAP_TEST_SCENARIO"])
    return Dovecot(
        host=env["LIBIMAP_TEST_HOST"],
        port_starttls=int(env["LIBIMAP_TEST_PORT_STARTTLS"]),
        port_tls=int(env["LIBIMAP_TEST_PORT_TLS"]),
        ca=env["LIBIMAP_TEST_CA"],
        log=pathlib.Path(env["LIBIMAP_TEST_LOG"]),
        scenario_path=scenario_path,
        scenario=json.loads(scenario_path.read_text(encoding="utf-8")),
    )


@pytest.fixture(scope="session")
def dovecot():
    if os.environ.get("LIBIMAP_TEST_HOST"):
        yield _from_env(dict(os.environ))
        return
    if not FIXTURE_SCRIPT.exists():
        pytest.fail(f"no LIBIMAP_TEST_* environment and no {FIXTURE_SCRIPT} to start Dovecot with")
    # Under /tmp: Dovecot's unprivileged processes must be able to reach the directory.
    directory = tempfile.mkdtemp(prefix="libimap-python-", dir="/tmp")
    try:
        subprocess.run(
            ["bash", str(FIXTURE_SCRIPT), "start", directory, "--watch", str(os.getpid()), "--cleanup"],
            check=True,
            timeout=120,
        )
        yield _from_env(_parse_env_file(pathlib.Path(directory) / "env"))
    finally:
        subprocess.run(["bash", str(FIXTURE_SCRIPT), "stop", directory], check=False, timeout=60)
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def credentials():
    return USER, PASSWORD
