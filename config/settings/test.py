from config.settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# The suite runs in the source language; tests about French and Dutch choose their language.
LANGUAGE_CODE = "en"

# No collectstatic in tests: templates name the source files.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = None  # nothing collected in tests (WhiteNoise serves from the finders)
WHITENOISE_USE_FINDERS = True

# Tests that use no database still clear the cache: one per process unless CACHE_URL says so
# (production shares the database's, see base.py; tests/unit/test_cache_settings.py).
CACHES = {"default": cache_from_url(env_str("CACHE_URL", "locmem://"))}  # noqa: F405

if DATABASES["default"]["ENGINE"] == "config.sqlite3":  # noqa: F405
    # The test database in memory, as Django makes it by default, but named: pytest-django's
    # parallel runs (make test's -n) would otherwise give each worker a file named after the
    # database's path, since it does not recognise config.sqlite3 as SQLite.
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}  # noqa: F405
