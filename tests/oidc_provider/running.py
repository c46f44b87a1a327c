"""The test OpenID Connect provider as a running process, and the Balise settings that use it."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.processes import free_port, stop, wait_for_http

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Provider:
    url: str
    discovery: dict[str, Any]
    client_id: str
    client_secret: str

    def balise_settings(self) -> dict[str, Any]:
        """Balise's OIDC_* settings, read from the provider's discovery document as an operator
        would (docs/operations.md)."""
        return {
            "OIDC_RP_CLIENT_ID": self.client_id,
            "OIDC_RP_CLIENT_SECRET": self.client_secret,
            "OIDC_OP_ISSUER": self.discovery["issuer"],
            "OIDC_OP_AUTHORIZATION_ENDPOINT": self.discovery["authorization_endpoint"],
            "OIDC_OP_TOKEN_ENDPOINT": self.discovery["token_endpoint"],
            "OIDC_OP_USER_ENDPOINT": self.discovery["userinfo_endpoint"],
            "OIDC_OP_JWKS_ENDPOINT": self.discovery["jwks_uri"],
            "OIDC_OP_LOGOUT_ENDPOINT": self.discovery.get("end_session_endpoint", ""),
        }


@contextmanager
def running_provider(folder: Path, balise_url: str, users: list[dict[str, str]]) -> Iterator[Provider]:
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    config = {
        "redirect_uri": f"{balise_url}/accounts/sso/callback/",
        "post_logout_uri": f"{balise_url}/accounts/login/",
        "client_id": "balise-test-client",
        "client_secret": "balise-test-secret-0123456789",
        "users": users,
    }
    (folder / "provider.json").write_text(json.dumps(config))
    log = folder / "provider.log"
    with log.open("ab") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.oidc_provider.serve",
                str(folder),
                str(port),
                str(folder / "provider.json"),
            ],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        discovery_url = f"{base}/o/.well-known/openid-configuration"
        wait_for_http(discovery_url, process, log)
        with urllib.request.urlopen(discovery_url, timeout=10) as response:
            discovery = json.loads(response.read())
        yield Provider(base, discovery, config["client_id"], config["client_secret"])
    finally:
        stop(process)
