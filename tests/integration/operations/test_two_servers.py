"""Two `balise serve` processes (and their workers) on one PostgreSQL behave as one application:
a session opened on one is valid on the other, an edit through one is seen at once through the
other, and two edits of the same revision through both give the second a 409."""

from __future__ import annotations

import html
import http.cookiejar
import re
import shutil
import urllib.error
import urllib.parse
import urllib.request

from tests.processes import balise_env, free_port, run, start, stop, wait_for_http


class Browser:
    """One visitor: their cookies, sent to whichever server they talk to."""

    def __init__(self) -> None:
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect()
        )

    def csrf(self) -> str:
        return next(c.value for c in self.cookies if c.name == "csrftoken")

    def get(self, url: str):
        return self._open(urllib.request.Request(url))

    def post(self, url: str, data: dict[str, str], referer: str = ""):
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf()}).encode()
        return self._open(urllib.request.Request(url, data=body, headers={"Referer": referer or url}))

    def _open(self, request):
        try:
            response = self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        response.text = response.read().decode()
        return response


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def form_fields(page: str) -> dict[str, str]:
    """The named inputs and text areas of a page with their values."""
    fields = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if name:
            fields[name.group(1)] = html.unescape(value.group(1)) if value else ""
    for name, value in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        fields[name] = html.unescape(value).strip()
    return fields


def test_two_servers_on_one_postgresql_behave_as_one(prepared, tmp_path, postgres):
    folder = tmp_path / "site"
    shutil.copytree(prepared / "var", folder / "var")  # the collected static files
    env = balise_env(folder, DATABASE_URL=postgres, CACHE_URL="db://")
    run(env, "demo")
    ports = free_port(), free_port()
    servers = []
    try:
        for n, port in enumerate(ports):
            log = tmp_path / f"server-{n}.log"
            servers.append(
                start(env, "serve", "--port", str(port), "--workers", "1", "--with-worker", log=log)
            )
            wait_for_http(f"http://127.0.0.1:{port}/healthz", servers[-1], log, timeout=300)
        one, two = (f"http://127.0.0.1:{port}" for port in ports)

        admin = Browser()
        admin.get(f"{one}/accounts/login/")
        logged_in = admin.post(f"{one}/accounts/login/", {"username": "admin", "password": "demo"})
        assert logged_in.status == 302, logged_in.text[-1500:]
        home = admin.get(f"{two}/")  # the session opened on one is known to two
        assert home.status == 200 and "Plan global de sécurité et de prévention" in home.text

        draft = re.search(r'href="/plans/(\d+)/"[^>]*>Plan global de sécurité', home.text).group(1)
        page = admin.get(f"{two}/plans/{draft}/").text
        kind, node = re.search(r"/plans/nodes/([a-z_]+)/(\d+)/edit/", page).groups()
        edit = f"/plans/nodes/{kind}/{node}/edit/"
        fields = form_fields(admin.get(f"{one}{edit}").text)
        revision = fields["revision"]
        text_field = next(name for name in ("title", "text", "label", "name") if name in fields)
        fields.pop("csrfmiddlewaretoken", None)

        saved = admin.post(f"{one}{edit}", {**fields, text_field: "Édité par le serveur un"})
        assert saved.status == 302, saved.text[-1500:]
        seen = admin.get(f"{two}/plans/{draft}/").text
        assert "Édité par le serveur un" in seen  # at once, through the other server's cache

        stale = admin.post(
            f"{two}{edit}", {**fields, text_field: "Édité par le serveur deux", "revision": revision}
        )
        assert stale.status == 409, stale.text[-1500:]
        assert "Édité par le serveur un" in admin.get(f"{one}/plans/{draft}/").text
    finally:
        for server in servers:
            stop(server)
