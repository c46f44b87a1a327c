"""The pure-Python domain core: imports nothing from Django."""
