from __future__ import annotations

from config.formats.belgian import *  # noqa: F403
