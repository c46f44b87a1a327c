from config.settings.base import *  # noqa: F403
from config.settings.env import env_bool

# Debug pages by default on a developer's machine (DEBUG=false to measure: it also turns on the
# cached template loader).
DEBUG = env_bool("DEBUG", True)
