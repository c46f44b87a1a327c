"""Running Balise as separate processes in a test: the `balise` command on its own database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

BALISE = Path(sys.executable).with_name("balise")
# The checkout these tests belong to: the `balise` command runs its code, not whatever checkout the
# virtual environment's editable install points at (a worktree or a CI clone sharing the venv).
CHECKOUT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def checkout_environ(**extra: str) -> dict[str, str]:
    """This process's environment with ``extra``, the checkout first on the `balise` command's path."""
    path = os.pathsep.join(filter(None, [str(CHECKOUT), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, **extra}


def balise_env(folder: Path, **extra: str) -> dict[str, str]:
    """A production-like environment (DEBUG off) on an SQLite file of ``folder`` unless
    ``DATABASE_URL`` is given in ``extra``."""
    return {
        **checkout_environ(),  # first: what follows is this environment's own
        "DATABASE_URL": f"sqlite:///{folder / 'balise.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "false",
        "BALISE_VAR_DIR": str(folder / "var"),
        "BALISE_REMINDERS_AT": "",  # no scheduled job unless a test asks for one
        **extra,
    }


def run(env: dict[str, str], *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(BALISE), *args], env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"balise {' '.join(args)}: {done.stderr[-2000:]}"
    return done


def start(env: dict[str, str], *args: str, log: Path) -> subprocess.Popen[bytes]:
    """``balise ARGS`` in the background, its output in ``log``; stop it with :func:`stop`."""
    with log.open("ab") as out:
        return subprocess.Popen([str(BALISE), *args], env=env, stdout=out, stderr=subprocess.STDOUT)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for_http(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server stopped: {log.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {timeout} s: {log.read_text()[-3000:]}")


def wait_until(condition, timeout: float, step: float = 0.05, message: str = ""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(message or "timed out")
