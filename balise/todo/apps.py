from django.apps import AppConfig


class TodoConfig(AppConfig):
    # No models, so never shown in the admin: no verbose name to translate.
    name = "balise.todo"
