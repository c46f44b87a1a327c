"""`balise serve` as an administrator runs it: gunicorn, DEBUG off, static files hashed and cached
for a year, Balise's own error pages in the visitor's language, probes, a worker beside it."""

from __future__ import annotations

import re
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.processes import balise_env, free_port, start, stop, wait_for_http, wait_until


def children_of(pid: int) -> list[str]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.append((stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode())
        except (OSError, IndexError, ValueError):
            continue
    return found


@pytest.fixture(scope="module")
def server(prepared, tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve") / "site"
    shutil.copytree(prepared, folder)
    port = free_port()
    env = balise_env(folder, BALISE_WORKER_BEAT_SECONDS="0.5", BALISE_REMINDERS_AT="")
    log = folder / "serve.log"
    process = start(env, "serve", "--port", str(port), "--workers", "2", "--with-worker", log=log)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(f"{base}/healthz", process, log)
        yield base, process, log
    finally:
        stop(process)


def get(url: str, **headers: str):
    request = urllib.request.Request(url, headers=headers)
    try:
        return urllib.request.urlopen(request, timeout=30)
    except urllib.error.HTTPError as error:
        return error


def test_gunicorn_serves_the_pages_with_debug_off(server):
    base, process, _log = server
    assert any("gunicorn" in line or "balise" in line for line in children_of(process.pid))
    response = get(f"{base}/accounts/login/")
    assert response.status == 200 and "gunicorn" in response.headers.get("Server", "")


def test_static_files_are_hashed_compressed_and_cached_for_a_year(server):
    base, _process, _log = server
    page = get(f"{base}/accounts/login/").read().decode()
    css = re.search(r'href="(/static/balise/balise\.[0-9a-f]{12}\.css)"', page)
    assert css, "the page names the hashed stylesheet"
    response = get(base + css.group(1), **{"Accept-Encoding": "gzip"})
    assert response.status == 200 and response.headers["Content-Encoding"] == "gzip"
    assert "max-age=315360000" in response.headers["Cache-Control"]
    assert "immutable" in response.headers["Cache-Control"]


def test_an_unknown_page_is_balise_s_own_404_in_the_visitor_s_language(server):
    base, _process, _log = server
    response = get(f"{base}/nowhere/", **{"Accept-Language": "nl-BE,nl;q=0.9"})
    body = response.read().decode()
    assert response.status == 404
    assert "Deze pagina bestaat niet" in body and "URLconf" not in body and "Balise" in body
    french = get(f"{base}/nowhere/", **{"Accept-Language": "fr-BE"}).read().decode()
    assert "Cette page n'existe pas" in french


def test_the_probes_report_alive_then_ready_once_the_worker_beside_has_been_seen(server):
    base, _process, _log = server
    assert get(f"{base}/healthz").read() == b"ok"
    wait_until(lambda: get(f"{base}/readyz").status == 200, 60, step=0.5, message="never ready")


def test_stopping_the_server_stops_its_worker(server):
    _base, process, log = server
    workers = lambda: [c for c in children_of(process.pid) if " worker" in c]  # noqa: E731
    wait_until(workers, 30, message="no worker beside the server")
    worker_pids = [
        int(p.parent.name)
        for p in Path("/proc").glob("[0-9]*/stat")
        if p.exists()
        and " worker" in (p.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        and int(p.read_text().rsplit(")", 1)[1].split()[1]) == process.pid
    ]
    assert worker_pids
    stop(process)  # SIGTERM; SIGKILL if the server takes more than 15 s (a loaded machine)

    def gone(pid: int) -> bool:
        try:
            return "zombie" in Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return True

    # Stopped with the server, or by the kernel's signal when the server was killed.
    wait_until(lambda: all(gone(pid) for pid in worker_pids), 60, step=0.2, message=log.read_text()[-2000:])
