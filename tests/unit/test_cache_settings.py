"""Where rendered plan trees are cached: one store shared by every worker unless told otherwise."""

from __future__ import annotations

import subprocess
import sys

from config.settings.env import cache_from_url


def _default_backend(env: dict[str, str]) -> str:
    code = "import config.settings.base as s; print(s.CACHES['default']['BACKEND'])"
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_without_cache_url_every_worker_shares_the_database_cache(monkeypatch):
    import os

    env = {k: v for k, v in os.environ.items() if k != "CACHE_URL"}
    assert _default_backend(env) == "django.core.cache.backends.db.DatabaseCache"


def test_cache_url_still_chooses_redis_or_one_cache_per_process():
    assert cache_from_url("redis://127.0.0.1:6379/0")["BACKEND"].endswith("RedisCache")
    assert cache_from_url("locmem://")["BACKEND"].endswith("LocMemCache")
    assert cache_from_url("db://")["LOCATION"] == "balise_cache"
