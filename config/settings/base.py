"""Settings shared by every environment; values come from the environment."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

from config.settings.env import cache_from_url, env_bool, env_float, env_int, env_list, env_str, origin_of

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("BALISE_VAR_DIR", str(BASE_DIR / "var")))

# Development only: production settings refuse to start with it (config/settings/prod.py).
DEVELOPMENT_SECRET_KEY = "balise-insecure-development-key-change-me"
SECRET_KEY = env_str("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "csp",
    "axes",  # login throttling and lockout per account and per address
    "django_tasks",
    "django_tasks_db",
    "ninja",  # its Swagger UI files, served locally (without it, ninja loads them from a CDN)
    "balise.reference",
    "balise.accounts",
    "balise.plans",
    "balise.context",
    "balise.jobs",
    "balise.finance",
    "balise.monitoring",
    "balise.regional",
    "balise.publication",
    "balise.todo",
    "balise.exports",
    "balise.drafts",
    "balise.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Static files from the app itself (compressed, hashed names cached for a year), before sessions.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # French pages: a no-break space before : ; ! ? and inside « » (balise.web.typography).
    "balise.web.typography.FrenchTypographyMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A refusal (balise.errors) that a page did not show itself: its message and status.
    "balise.web.refusals.RefusalMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "balise.accounts.security_log.PermissionRefusalLogMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "balise.web.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        # An empty DATABASE_URL means "not set": the embedded SQLite file.
        env_str("DATABASE_URL", "") or f"sqlite:///{VAR_DIR / 'balise.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers wait for each other instead of failing with "database is locked":
    # write-ahead log (readers never block the writer), a transaction takes the write lock when
    # it begins (IMMEDIATE, so no deadlock on upgrading a read lock) and waits up to 20 s for it.
    # The threads of one process queue for the write lock instead of polling it (config/sqlite3).
    DATABASES["default"]["ENGINE"] = "config.sqlite3"
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: Balise's queries are short, and PostgreSQL compiled the federal overview's
    # plan check for 180 ms of a 250 ms query at 10 000 plans (its cost estimate passes jit_above_cost).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out account or address
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Single sign-on (OpenID Connect, mozilla-django-oidc): on when OIDC_RP_CLIENT_ID is set. The
# endpoints are those of the provider's /.well-known/openid-configuration (docs/operations.md).
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_ISSUER = env_str("OIDC_OP_ISSUER", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_OP_LOGOUT_ENDPOINT = env_str("OIDC_OP_LOGOUT_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email profile")
OIDC_EMAIL_CLAIM = env_str("OIDC_EMAIL_CLAIM", "email")
OIDC_USE_PKCE = env_bool("OIDC_USE_PKCE", True)
OIDC_TOKEN_USE_BASIC_AUTH = env_bool("OIDC_TOKEN_USE_BASIC_AUTH", False)
OIDC_TIMEOUT = env_float("OIDC_TIMEOUT", 15.0)
OIDC_STORE_ID_TOKEN = True  # for the provider's logout (id_token_hint)
OIDC_CREATE_USER = False  # nobody gets an account by signing in: an administrator gives a role
OIDC_AUTHENTICATION_CALLBACK_URL = "sso-callback"
BALISE_SSO_PROVIDER_NAME = env_str("BALISE_SSO_PROVIDER_NAME", "")
if OIDC_RP_CLIENT_ID:
    AUTHENTICATION_BACKENDS.append("balise.accounts.sso.BaliseOIDCBackend")

# An invitation's link works once, for this many days.
BALISE_INVITATION_DAYS = env_int("BALISE_INVITATION_DAYS", 7)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link works for one day

# Login throttling (django-axes): after BALISE_LOGIN_FAILURES failed logins for one account, or
# from one address, both are refused for BALISE_LOCKOUT_MINUTES after the last failure.
AXES_FAILURE_LIMIT = env_int("BALISE_LOGIN_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("BALISE_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the lockout ends when the page says
AXES_LOCKOUT_CALLABLE = "balise.accounts.lockout.lockout_response"
AXES_VERBOSE = False  # balise.security logs the events, in one line each

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("nl", _("Dutch")), ("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Belgian formats in every language (22/11/2026, 1 234,56): config/formats/<lang>/formats.py.
FORMAT_MODULE_PATH = ["config.formats"]
# Off: ids, years and revisions in templates must never be grouped ("2 024"); displayed
# numbers use the `number` and `eur` filters (balise/web/templatetags/balise_format.py).
USE_THOUSAND_SEPARATOR = False
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT: Path | None = VAR_DIR / "static"
# `balise serve` runs collectstatic first: hashed, compressed copies WhiteNoise serves with
# far-future caching. With DEBUG on, templates name the unhashed files (no collectstatic needed).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Source maps (megabytes, read only by developers' tools) are served as they are, not compressed.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")

# Behind a reverse proxy: the addresses it connects from (comma-separated). Only then are its
# X-Forwarded-Proto (gunicorn sets the scheme, for these addresses only) and X-Forwarded-Host used.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
USE_X_FORWARDED_HOST = bool(TRUSTED_PROXIES)
# Production server (`balise serve`): number of gunicorn worker processes.
BALISE_WEB_WORKERS = env_int("BALISE_WEB_WORKERS", 2)

# Background jobs: django-tasks with its database backend (`balise worker` takes them).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A worker says it is alive every BEAT seconds; one silent for STALE seconds is presumed dead
# and its jobs are queued again. /readyz wants a worker seen within STALE seconds.
# An upload larger than this is read into its import draft by a worker, and the review page
# waits for it; a smaller one is read during the upload request.
BALISE_IMPORT_BACKGROUND_BYTES = env_int("BALISE_IMPORT_BACKGROUND_BYTES", 2 * 1024 * 1024)
BALISE_WORKER_BEAT_SECONDS = env_float("BALISE_WORKER_BEAT_SECONDS", 10.0)
BALISE_WORKER_STALE_SECONDS = env_float("BALISE_WORKER_STALE_SECONDS", 60.0)
# Largest file a partner may attach as evidence of a year's outputs.
BALISE_EVIDENCE_MAX_BYTES = env_int("BALISE_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)
# Files made by jobs (reports) are deleted by a worker this many hours after the job finished.
BALISE_JOB_FILES_KEEP_HOURS = env_float("BALISE_JOB_FILES_KEEP_HOURS", 168.0)
# Local time at which a worker sends the day's reminder e-mails (empty: never, use the command).
BALISE_REMINDERS_AT = env_str("BALISE_REMINDERS_AT", "07:00")

# Shared by every process: by default a table of the database (db://, created by `balise migrate`,
# works on the embedded SQLite with nothing to install), or redis://… when CACHE_URL says so;
# locmem:// keeps one cache per process. Every cached value is keyed by the state it shows.
CACHES = {"default": cache_from_url(env_str("CACHE_URL", "db://"))}

# Content-Security-Policy (django-csp): only Balise's own files run or style a page; no inline
# script or style anywhere (htmx's indicator styles are in balise.css, colours in colours.css).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
if OIDC_OP_LOGOUT_ENDPOINT:
    # Logging out sends the browser on to the provider's end-session page (a form's redirect).
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(origin_of(OIDC_OP_LOGOUT_ENDPOINT))
# Permissions-Policy (django-permissions-policy): Balise needs none of the browser's powerful features.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

# Logs: one JSON object per line on stderr (errors with their traceback in "exc_info"), and
# errors also e-mailed to ADMINS ("Name <address>" or addresses, comma-separated) when DEBUG is off.
ADMINS = [(address, address) for address in env_list("ADMINS", [])]
SERVER_EMAIL = env_str("SERVER_EMAIL", "balise@localhost")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    },
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": "json"},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["stderr"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own handlers are replaced: its records reach stderr through the root logger.
        "django": {"handlers": ["mail_admins"], "level": "INFO", "propagate": True},
        "django.server": {"handlers": [], "level": "INFO", "propagate": True},
        "axes": {"level": "WARNING"},  # balise.security says it in one line
        "weasyprint": {"level": "WARNING"},  # one line per PDF step otherwise
        "fontTools": {"level": "WARNING"},
    },
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "balise@localhost")

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Demo mode: a page that logs a visitor in as a demo user of their chosen role. Never in production.
BALISE_DEMO = env_bool("BALISE_DEMO", False)
# Today's date for deadlines and lateness (balise.clock): "2025-02-17" in the demo, unset in production.
BALISE_TODAY = env_str("BALISE_TODAY", "")

# Share of a target that makes an indicator "partly met" (configurable, default 80 %).
BALISE_PARTLY_MET_THRESHOLD = env_str("BALISE_PARTLY_MET_THRESHOLD", "0.80")
