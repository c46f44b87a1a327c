"""Starts the test OpenID Connect provider:

    python -m tests.oidc_provider.serve FOLDER PORT CONFIG.json

CONFIG.json: {"redirect_uri": …, "post_logout_uri": …, "client_id": …, "client_secret": …,
"users": [{"username", "password", "email", "first_name", "last_name"}, …]}. The provider's
database and signing key live in FOLDER; the discovery document is served at
http://127.0.0.1:PORT/o/.well-known/openid-configuration.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


def main() -> None:
    folder, port, config_file = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    config = json.loads(config_file.read_text())
    key_file = folder / "provider-key.pem"
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    os.environ["OIDC_PROVIDER_KEY_FILE"] = str(key_file)
    os.environ["OIDC_PROVIDER_DATABASE"] = str(folder / "provider.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from oauth2_provider.models import get_application_model

    call_command("migrate", verbosity=0)
    for person in config["users"]:
        get_user_model().objects.create_user(**person)
    Application = get_application_model()
    Application.objects.create(
        name="Balise",
        client_id=config["client_id"],
        client_secret=config["client_secret"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=config["redirect_uri"],
        post_logout_redirect_uris=config["post_logout_uri"],
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, use_threading=True, skip_checks=True)


if __name__ == "__main__":
    main()
