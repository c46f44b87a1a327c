"""The production web server: gunicorn running Balise's WSGI application in N worker processes.

Static files are collected (hashed, compressed) before the server starts; WhiteNoise serves them.
"""

from __future__ import annotations

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
        from config.wsgi import application

        return application


def run_server(options: ServerOptions) -> None:
    BaliseServer(options).run()


def start_worker_beside() -> subprocess.Popen[bytes]:
    """``balise worker`` as a child process, for ``balise serve --with-worker`` (the demo)."""
    return subprocess.Popen([sys.executable, "-m", "balise.cli", "worker"], env=os.environ.copy())


def stop(process: subprocess.Popen[bytes], grace: float = 10.0) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
