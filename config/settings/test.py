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
