"""Requests per second and latency of the production server (`balise serve`, gunicorn) with 1, 2
and 4 web worker processes, and the memory of one worker.

    .venv/bin/python benchmarks/serving.py [--plans 30] [--requests 200] [--concurrency 8]
                                           [--workers 1,2,4] [--reuse FILE]

Generates plans with monitoring values into a SQLite file in a temporary folder
(benchmarks/generate_monitoring_data.py), opens a session for a federal analyst, then for each
number of workers starts `balise serve` (DEBUG off, static files collected) and sends
``--requests`` GET requests from ``--concurrency`` client threads to the plan page and to the
federal overview. Prints requests/s, median and p95 latency, and the resident memory of the
largest worker process after the run, and the machine's load average (1 min) when each line was
measured (other people's work on a shared machine changes the figures). The client threads run
on the same machine: on a small machine they compete with the server for the processors.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BALISE = Path(sys.executable).with_name("balise")


def prepare(args: argparse.Namespace, env: dict[str, str]) -> tuple[str, int, int]:
    """The data, and (session cookie, plan id, year) of a logged-in federal analyst."""
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from balise.accounts.roles import Role
    from balise.plans.models import Plan
    from benchmarks.generate_monitoring_data import generate
    from tests.factories import user_with_role

    call_command("migrate", verbosity=0)
    if args.reuse is None:
        started = time.perf_counter()
        counts = generate(args.plans, args.indicators, args.months)
        rows = ", ".join(f"{n} {k}" for k, n in counts.items())
        print(f"data: {rows} ({time.perf_counter() - started:.0f} s)")
    analyst = user_with_role(f"bench-serving-{os.getpid()}", Role.FEDERAL_ANALYST, "IBZ")
    client = Client()
    client.force_login(analyst)
    from django.db import connections

    connections.close_all()
    year = 2021 + (args.months - 1) // 12
    return client.cookies["sessionid"].value, Plan.objects.order_by("pk").first().pk, year


def worker_memory_kib(server_pid: int) -> int:
    """The largest resident set of the server's descendants (gunicorn's master and workers)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(stat.parent.name))
    sizes, todo = [], list(children.get(server_pid, []))
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"worker" in cmdline and b"balise" in cmdline and b"serve" not in cmdline:
            continue  # a job worker, not a web worker
        sizes += [int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")]
    return max(sizes, default=0)


def load(url: str, cookie: str, requests: int, concurrency: int) -> tuple[float, float, float]:
    """(requests per second, median ms, p95 ms)."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    remaining = iter(range(requests))

    def client() -> None:
        opener = urllib.request.build_opener()
        opener.addheaders = [("Cookie", f"sessionid={cookie}"), ("Accept-Language", "fr")]
        while True:
            with lock:
                if next(remaining, None) is None:
                    return
            started = time.perf_counter()
            try:
                with opener.open(url, timeout=120) as response:
                    response.read()
            except OSError as exc:
                errors.append(str(exc))
            with lock:
                latencies.append(time.perf_counter() - started)

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise SystemExit(f"{len(errors)} failed requests, first: {errors[0]}")
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return len(latencies) / elapsed, statistics.median(ordered) * 1000, p95 * 1000


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--plans", type=int, default=30)
    parser.add_argument("--indicators", type=int, default=150)
    parser.add_argument("--months", type=int, default=48)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--reuse", type=Path, help="a SQLite file of an earlier run (skips generation)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="balise-serving-"))
    database = args.reuse or folder / "serving.sqlite3"
    env = {
        "DATABASE_URL": f"sqlite:///{database}",
        "BALISE_VAR_DIR": str(folder / "var"),
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "false",
        "BALISE_REMINDERS_AT": "",
    }
    print("load average before (1, 5, 15 min): " + ", ".join(f"{n:.2f}" for n in os.getloadavg()))
    cookie, plan, year = prepare(args, env)
    pages = [
        ("plan page", f"/plans/{plan}/"),
        (f"federal overview {year}", f"/dashboards/federal/?year={year}"),
    ]
    print(
        f"{'workers':>7}  {'page':<24}{'req/s':>8}{'median ms':>11}{'p95 ms':>9}{'worker MiB':>12}{'load':>7}"
    )
    for workers in [int(n) for n in args.workers.split(",")]:
        port = 20000 + os.getpid() % 20000
        log = (folder / f"serve-{workers}.log").open("wb")
        server = subprocess.Popen(
            [str(BALISE), "serve", "--port", str(port), "--workers", str(workers)],
            env={**os.environ, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(600):
                try:
                    urllib.request.urlopen(f"{base}/healthz", timeout=2).close()
                    break
                except OSError:
                    time.sleep(0.5)
            for _label, path in pages:  # warm up every worker (templates, first rendering)
                load(base + path, cookie, workers * 2, workers)
            for label, path in pages:
                rate, median, p95 = load(base + path, cookie, args.requests, args.concurrency)
                memory = worker_memory_kib(server.pid) / 1024
                load1 = os.getloadavg()[0]
                print(
                    f"{workers:>7}  {label:<24}{rate:>8.1f}{median:>11.0f}{p95:>9.0f}{memory:>12.0f}"
                    f"{load1:>7.2f}"
                )
        finally:
            server.terminate()  # gunicorn lets its workers finish (up to its graceful timeout)
            try:
                server.wait(60)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    clients = f"{args.requests} requests, {args.concurrency} client threads"
    print(f"({clients}, {os.cpu_count()} processors; {database})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
