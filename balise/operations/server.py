"""The production web server: gunicorn running Balise's WSGI application in N worker processes.

Static files are collected (hashed, compressed) before the server starts; WhiteNoise serves them.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

from django.core.handlers.wsgi import WSGIHandler
from gunicorn.app.base import BaseApplication


@dataclass(frozen=True)
class ServerOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 2
    trusted_proxies: tuple[str, ...] = ()
    timeout: int = 60


class BaliseServer(BaseApplication):
    """Gunicorn configured from :class:`ServerOptions` instead of a command line or a file."""

    def __init__(self, options: ServerOptions) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        settings: dict[str, Any] = {
            "bind": f"{self.options.host}:{self.options.port}",
            "workers": self.options.workers,
            "timeout": self.options.timeout,
            "accesslog": "-",
            # The scheme (X-Forwarded-Proto) is believed from these addresses only; none by default.
            "forwarded_allow_ips": ",".join(self.options.trusted_proxies) or "",
            "proc_name": "balise",
        }
        for key, value in settings.items():
            self.cfg.set(key, value)

    def load(self) -> WSGIHandler:
        # Late: config.wsgi sets Django up; gunicorn loads the application in each worker it forks.
        from config.wsgi import application

        return application


def run_server(options: ServerOptions) -> None:
    BaliseServer(options).run()


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _stop_with_parent(parent: int) -> None:
    """In the worker, before it runs (Linux): the kernel sends it SIGTERM when the server's
    process ends, however it ends (killed, out of memory), so no worker is left behind."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the server ended before the line above
        os.kill(os.getpid(), signal.SIGTERM)


def start_worker_beside() -> subprocess.Popen[bytes]:
    """``balise worker`` as a child process, for ``balise serve --with-worker`` (the demo); it
    stops with the server (`stop` after a clean stop, the kernel's signal after a kill)."""
    parent = os.getpid()
    return subprocess.Popen(
        [sys.executable, "-m", "balise.cli", "worker"],
        env=os.environ.copy(),
        preexec_fn=(lambda: _stop_with_parent(parent)) if sys.platform == "linux" else None,
    )


def stop(process: subprocess.Popen[bytes], grace: float = 10.0) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
