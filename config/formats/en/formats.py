"""English is for Belgian users too: Belgian dates, but the decimal point English readers expect."""

from __future__ import annotations

from config.formats.belgian import *  # noqa: F403

DECIMAL_SEPARATOR = "."
