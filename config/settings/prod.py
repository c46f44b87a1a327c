from config.settings.base import *  # noqa: F403
from config.settings.env import env_str

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", "")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
