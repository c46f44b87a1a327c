from django.core.exceptions import ImproperlyConfigured

from config.settings.base import *  # noqa: F403
from config.settings.base import DEVELOPMENT_SECRET_KEY
from config.settings.env import env_bool, env_int, env_str

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY or SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "Balise does not start in production without its own secret key: set the SECRET_KEY "
        "environment variable to a long random value (not the development key)."
    )
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# HTTPS only. Behind a proxy that terminates TLS, the proxy says so in X-Forwarded-Proto
# (BALISE_BEHIND_TLS_PROXY=1); BALISE_SSL_REDIRECT=0 when the proxy redirects HTTP itself.
SECURE_SSL_REDIRECT = env_bool("BALISE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # probes speak plain HTTP inside the network
if env_bool("BALISE_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("BALISE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("BALISE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("BALISE_HSTS_PRELOAD", True)
